"""Held-out annotations for devset 022-028 (written before running the extractor on them).

Rebuild their gold files with `python devset/heldout_specs.py --fresh`.
"""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_gold import HERE, build  # noqa: E402
from gold_specs import F, O, P, Q  # noqa: E402

NOTE = ("Held-out (round 3): written and annotated before the extractor was run on it; used "
        "afterwards to find general weaknesses.")
S: dict[str, dict] = {}

S["022-eu-chip-tool-fine"] = {
    "people": [
        P("Marta Vidal", ["Vidal"], "EU antitrust chief"),
        P("Jonas Weber", ["Weber"], "chief executive of Servotech"),
        P("Sanne Bakker", [], "technology analyst at ING"),
    ],
    "orgs": [
        O("Reuters", "media"),
        O("Veltronix", "company"),
        O("European Commission", "government", ["Commission"]),
        O("General Court", "government"),
        O("Servotech", "company"),
        O("Samsung Electronics", "company"),
        O("Intel", "company"),
        O("ING", "company"),
    ],
    "affiliations": [("Jonas Weber", "Servotech", "chief executive"),
                     ("Sanne Bakker", "ING", "technology analyst")],
    "quotes": [
        Q("Marta Vidal", "told",
          "Customers were left with no real choice but to pay whatever Veltronix asked,",
          "That is not how competition is supposed to work in the single market."),
        Q("Veltronix", "said",
          "We strongly disagree with the Commission's findings and believe our service model "
          "has always been fair and transparent,"),
        Q("Jonas Weber", "said", "Three of the companies that complained alongside us no longer "
          "exist,", "A fine is welcome, but it does not bring them back."),
        Q("Sanne Bakker", "said", "The bigger risk is not the fine but the remedy,",
          "If customers can shop around for maintenance, margins in that business will come "
          "down."),
    ],
    "figures": [
        F("money", "412000000", "EUR", "412 million euros", "EU fine on Veltronix"),
        F("money", "448000000", "USD", "$448 million", "EU fine on Veltronix"),
        F("percent", "2.7", None, "2.7%", "early fall in Veltronix shares"),
        F("percent", "0.9", None, "0.9%", "Veltronix shares at close"),
        F("percent", "1.8", None, "1.8%", "fine as share of annual turnover"),
        F("percent", "10", None, "10%", "ceiling on EU fines"),
        F("percent", "5", None, "5%", "daily penalty ceiling"),
        F("money", "9600000000", "EUR", "9.6 billion euros", "Veltronix annual sales"),
        F("percent", "14", None, "14%", "growth in service revenue"),
        F("money", "2300000000", "EUR", "2.3 billion euros", "Veltronix service revenue"),
        F("money", "10000000000", "EUR", "10 billion euros", "EU fines on tech companies"),
    ],
    "not_quotes": [],
    "notes": [NOTE, "Wire style: dateline '(Reuters) -', 'told Reuters', 'a spokesperson for X "
              "said in an emailed statement'. The EU itself is not annotated (as in 001)."],
}

S["023-uk-supermarket-jobs"] = {
    "people": [
        P("Priya Nair", [], "chief executive of Harwood’s"),
        P("Gary Millward", ["Millward"], "national officer at Usdaw"),
        P("Eleanor Voss", ["Voss"], "chief executive of the British Retail Consortium"),
        P("Clive Dunmore", [], "retail analyst at Peel Hunt"),
    ],
    "orgs": [
        O("Harwood’s", "company"),
        O("Usdaw", "other"),
        O("British Retail Consortium", "other"),
        O("BBC", "media"),
        O("Treasury", "government"),
        O("Peel Hunt", "company"),
        O("Kantar", "company"),
    ],
    "affiliations": [("Priya Nair", "Harwood’s", "chief executive"),
                     ("Gary Millward", "Usdaw", "national officer"),
                     ("Eleanor Voss", "British Retail Consortium", "chief executive"),
                     ("Clive Dunmore", "Peel Hunt", "retail analyst")],
    "quotes": [
        Q("Priya Nair", "said", "These are difficult decisions and we don’t take them lightly,",
          "We’ll do everything we can to find new roles for colleagues who are affected."),
        Q("Gary Millward", "said", "kept in the dark"),
        Q("Gary Millward", "said",
          "Our members kept the shelves stacked through the pandemic and the energy crisis,",
          "They deserve better than finding out from the news that their jobs are on the "
          "line."),
        Q("Eleanor Voss", "said", "run out of road"),
        Q("Eleanor Voss", "told", "Every retailer I speak to is looking at where they can cut,",
          "Government needs to understand that entry-level jobs are the first to go."),
        Q("Treasury", "said", "We have asked businesses to contribute a little more so that we "
          "can fix the foundations of the economy,"),
        Q("Clive Dunmore", "said", "The cafés were losing money and everyone knew it,",
          "The question is whether shoppers notice that there are fewer people on the shop "
          "floor."),
    ],
    "figures": [
        F("money", "85000000", "GBP", "£85m", "annual savings"),
        F("percent", "3.1", None, "3.1 per cent", "rise in Harwood’s shares"),
        F("percent", "60", None, "60 per cent", "share of at-risk staff offered other jobs"),
        F("money", "14200000000", "GBP", "£14.2bn", "annual revenue"),
        F("percent", "4.6", None, "4.6 per cent", "revenue growth"),
        F("money", "512000000", "GBP", "£512m", "underlying pre-tax profit"),
        F("money", "548000000", "GBP", "£548m", "previous underlying pre-tax profit"),
        F("percent", "3.6", None, "3.6 per cent", "operating margin"),
        F("money", "5000000000", "GBP", "£5bn", "extra employment costs for retailers"),
        F("money", "1200000000", "EUR", "€1.2bn", "investment in the Irish business"),
        F("money", "300000000", "GBP", "£300m", "spending on lower prices"),
        F("percent", "9.8", None, "9.8 per cent", "Harwood’s market share"),
    ],
    "not_quotes": [],
    "notes": [NOTE, "British style: single curly quotation marks, whose closing mark is the "
              "same character as the apostrophe (don’t, Harwood’s)."],
}

S["024-city-heat-plan"] = {
    "people": [
        P("Daniela Ortiz", ["Ortiz"], "mayor"),
        P("Raymond Tso", ["Tso"], "councilman, chair of the council's budget committee"),
        P("Amira Haddad", ["Haddad", "Dr. Amira Haddad"], "heat researcher at Arizona State "
          "University"),
    ],
    "orgs": [
        O("Arizona State University", "university"),
        O("National Weather Service", "government"),
    ],
    "affiliations": [("Amira Haddad", "Arizona State University", "researcher")],
    "quotes": [
        Q("Daniela Ortiz", None,
          "We lost our neighbours to something we saw coming. We had the forecasts, we had the "
          "warnings, and we still did not reach the people who needed help the most.",
          "That changes this year. Every cooling centre will be open day and night from May to "
          "October, and we will send teams out to find people rather than waiting for them to "
          "find us."),
        Q("Raymond Tso", "said", "I don’t doubt anyone’s good intentions,",
          "But we have been here before. We announce a plan in the spring, we run out of money "
          "by August, and then we hold another press conference.",
          "What I want to see is a budget line that survives more than one election."),
        Q("Amira Haddad", "said", "People think of heat as an afternoon problem,",
          "In this city it is a night problem. When it is still 95 degrees at midnight, the "
          "body never gets a chance to recover, and that is when older people and people "
          "without homes are most at risk.",
          "Cooling centres that close at eight in the evening are closing exactly when they "
          "are needed.",
          "The trees will help, but they will take twenty years to grow. The night-time hours "
          "are what will save lives next summer."),
        Q("Daniela Ortiz", "said",
          "Nobody should have to wait for a bus in 115-degree heat with nowhere to stand,"),
    ],
    "figures": [
        F("percent", "31", None, "31%", "rise in heat-related deaths"),
        F("money", "48000000", "USD", "$48 million", "cost of the heat plan"),
        F("money", "6500000", "USD", "$6.5 million", "shade structures at bus stops"),
    ],
    "not_quotes": [],
    "notes": [NOTE, "Quotes spanning paragraphs: a paragraph that opens a quote and does not "
              "close it continues in the next paragraph, which opens with a new mark."],
}

S["025-indian-it-results"] = {
    "people": [
        P("Arvind Menon", [], "chief executive of Kesari Technologies"),
        P("Nisha Kapoor", [], "chief financial officer of Kesari Technologies"),
        P("Rahul Bhatia", [], "analyst at Kotak Institutional Equities"),
    ],
    "orgs": [
        O("Kesari Technologies", "company", ["Kesari"]),
        O("LSEG", "company"),
        O("Gartner", "company"),
        O("Alpina Analytics", "company", ["Alpina"]),
        O("Kotak Institutional Equities", "company"),
    ],
    "affiliations": [("Rahul Bhatia", "Kotak Institutional Equities", "analyst")],
    "quotes": [
        Q("Arvind Menon", "said", "Clients have moved from experimenting with AI to putting it "
          "into production, and that is where the real money is,",
          "We signed more large deals in this quarter than in any quarter in our history."),
        Q("Rahul Bhatia", "said", "The margin story is strong, but a lot of the growth is coming "
          "from a small number of very large contracts,",
          "If one or two of them slip, the numbers will look very different."),
    ],
    "figures": [
        F("percent", "6.8", None, "6.8%", "rise in Kesari shares"),
        F("money", "2184.50", "INR", "Rs 2,184.50", "Kesari share price"),
        F("percent", "18.2", None, "18.2 per cent", "rise in net profit"),
        F("money", "45000000000", "INR", "Rs 4,500 crore", "quarterly net profit"),
        F("percent", "9.1", None, "9.1 per cent", "revenue growth"),
        F("money", "312500000000", "INR", "Rs 31,250 crore", "quarterly revenue"),
        F("money", "3700000000", "USD", "$3.7 billion", "quarterly revenue"),
        F("money", "42100000000", "INR", "Rs 4,210 crore", "expected profit"),
        F("percent", "24.6", None, "24.6%", "operating margin"),
        F("percent", "11.4", None, "11.4%", "attrition"),
        F("percent", "14.2", None, "14.2%", "attrition a year ago"),
        F("money", "2900000000", "USD", "$2.9 billion", "contracts won in the quarter"),
        F("money", "300000000000", "JPY", "¥300bn", "deal with a Japanese lender"),
        F("percent", "7", None, "7%", "Japanese share of revenue"),
        F("percent", "4", None, "4%", "Japanese share of revenue three years ago", occ=1),
        F("money", "250000000000", "USD", "$250 billion", "Indian IT industry annual revenue"),
        F("money", "1200000000000", "USD", "$1.2 trillion", "global tech services spending"),
        F("money", "2100000000", "CHF", "CHF 2.1 billion", "purchase of Alpina Analytics"),
        F("percent", "27", None, "27%", "Alpina revenue growth"),
        F("money", "18", "INR", "Rs 18", "interim dividend per share"),
        F("money", "90000000000", "INR", "Rs 9,000 crore", "share buyback"),
        F("percent", "5.2", None, "5.2%", "rise in Kesari ADRs"),
        F("money", "26.15", "USD", "$26.15", "Kesari ADR price"),
        F("percent", "1.3", None, "1.3%", "gain in the Nifty IT index"),
        F("percent", "8", None, "8%", "revenue growth forecast (low)", occ=1),
        F("percent", "10", None, "10%", "revenue growth forecast (high)"),
    ],
    "not_quotes": [],
    "notes": [NOTE, "'a 1.9 percentage point improvement' is not a percentage figure. Share "
              "prices (Rs 2,184.50, $26.15) and a per-share dividend are money."],
}

S["026-senate-drug-pricing"] = {
    "people": [
        P("Elaine Marsh", ["Marsh"], "Democratic senator from Massachusetts"),
        P("Robert Kincaid", ["Kincaid"], "Republican senator from Indiana"),
        P("Thomas Greer", ["Greer"], "Senate Majority Leader"),
        P("Howard Bell", ["Dr. Howard Bell"], "president of the Pharmaceutical Research and "
          "Manufacturers of America"),
        P("Catherine Moore", ["Moore"], "British Prime Minister"),
        P("Paul Whitcomb", ["Whitcomb"], "Republican senator from Texas"),
        P("Gloria Fuentes", ["Fuentes"], "leader of Patients for Fair Prices"),
    ],
    "orgs": [
        O("Senate", "government"),
        O("Congressional Budget Office", "government"),
        O("Pharmaceutical Research and Manufacturers of America", "other"),
        O("Congress", "government"),
        O("American Diabetes Association", "other"),
        O("Patients for Fair Prices", "other"),
    ],
    "affiliations": [("Howard Bell", "Pharmaceutical Research and Manufacturers of America",
                      "president")],
    "quotes": [
        Q("Elaine Marsh", "said", "No one in the richest country on earth should have to ration "
          "a medicine they need to stay alive,",
          "This is not a partisan issue in the kitchens of America."),
        Q("Robert Kincaid", "said", "I heard from a retired teacher in Muncie who was cutting her "
          "pills in half,", "That should not happen in Indiana or anywhere else."),
        Q("Howard Bell", "said", "treats the symptom and not the disease."),
        Q("Catherine Moore", "said",
          "We will look at any idea that brings prices down for patients,"),
        Q("Paul Whitcomb", "said",
          "Every time Washington sets a price, it ends up setting a shortage,"),
        Q("Gloria Fuentes", "said", "We have waited long enough,"),
    ],
    "figures": [
        F("money", "35", "USD", "$35", "monthly cap for insulin"),
        F("money", "50", "USD", "$50", "monthly cap for other drugs"),
        F("money", "12000000000", "USD", "$12 billion", "cost of the bill over 10 years"),
        F("percent", "70", None, "70%", "cut in insulin list prices"),
    ],
    "not_quotes": [],
    "notes": [NOTE, "US politics style: 'Sen. X, D-Mass.', 'Mr.'/'Ms.'/'Mrs.' + surname. "
              "\"reviewing the committee's work.\" comes from an unnamed spokesman for Greer "
              "and is neither a gold quote nor a not_quote."],
}

S["027-airline-strike-statements"] = {
    "people": [
        P("Henrik Solberg", ["Solberg"], "chief executive of Fjordair"),
        P("Kari Lunde", [], "leader of the Norwegian Airline Pilots Association"),
    ],
    "orgs": [
        O("Fjordair", "company"),
        O("Norwegian Airline Pilots Association", "other"),
        O("National Mediator", "government"),
        O("Aftenposten", "media"),
        O("Confederation of Norwegian Enterprise", "other"),
        O("Ministry of Transport", "government"),
        O("Avinor", "company"),
    ],
    "affiliations": [("Henrik Solberg", "Fjordair", "chief executive")],
    "quotes": [
        Q("Norwegian Airline Pilots Association", "said",
          "Our members are exhausted. We have flown through a staffing crisis for two years, "
          "and management has answered every proposal with a no,",
          "A strike is the last thing we wanted."),
        Q("Fjordair", "according to", "The union walked away from an offer that would have made "
          "our pilots among the best paid in the Nordic region,",
          "We remain ready to return to the table at any time."),
        Q("Henrik Solberg", "said", "If we agree to this, we will have to cut routes, and that "
          "means fewer jobs, not more,"),
        Q("Kari Lunde", "said", "The company found money for bonuses for its executives last "
          "year,", "It can find money for the people who fly its aircraft."),
        Q("Confederation of Norwegian Enterprise", "said",
          "A long stoppage will damage tourism across the country,"),
        Q("Ministry of Transport", "said",
          "Travellers should not be the ones who pay for this dispute,"),
    ],
    "figures": [
        F("money", "900000000", "NOK", "900 million Norwegian crowns", "extra annual costs"),
        F("percent", "12", None, "12%", "share of pilot wage bill"),
        F("money", "150000000", "NOK", "150 million crowns", "daily cost of the strike"),
        F("percent", "4.1", None, "4.1%", "fall in Fjordair shares"),
        F("money", "1100000000", "NOK", "1.1 billion crowns", "operating profit"),
        F("percent", "22", None, "22%", "rise in Fjordair shares this year"),
    ],
    "not_quotes": [],
    "notes": [NOTE, "Organization speakers: 'the union said in a statement', 'according to a "
              "statement from X', 'the employers' group said', 'the ministry said'."],
}

if __name__ == "__main__":
    for slug, spec in S.items():
        gold = build(slug, spec)
        text = (HERE / f"{slug}.txt").read_text(encoding="utf-8")
        for f in gold["financial_figures"]:
            s, e = f["span"]
            if "-v" in sys.argv:
                print(slug[:3], repr(text[max(0, s - 15):e + 5]))
        (HERE / f"{slug}.gold.json").write_text(
            json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(slug, len(gold["people"]), len(gold["organizations"]), len(gold["quotes"]),
              len(gold["financial_figures"]))

NOTE2 = ("Fresh held-out (round 3b): written and annotated after the round-3 changes, before "
         "the extractor was run on it (first run: figures F1 0.33, quotes 0.80). Two general "
         "fixes followed: '$US'/'$A' prefixes, and a sentence ending in a closing quote mark.")
S2: dict[str, dict] = {}
S2["028-australia-gas-export"] = {
    "people": [
        P("Fiona Carrick", ["Carrick"], "managing director of Coral Sea Energy"),
        P("Ben Marlowe", [], "climate director of the Australia Institute"),
        P("Tanya Okafor", [], "federal Resources Minister"),
        P("Priya Raman", [], "energy analyst at Wood Mackenzie"),
    ],
    "orgs": [
        O("Coral Sea Energy", "company", ["Coral Sea"]),
        O("ASX", "company"),
        O("Chubu Electric Power", "company"),
        O("Tohoku Electric", "company"),
        O("Australia Institute", "think tank"),
        O("Morgan Stanley", "company"),
        O("Wood Mackenzie", "company"),
    ],
    "affiliations": [("Fiona Carrick", "Coral Sea Energy", "managing director"),
                     ("Ben Marlowe", "Australia Institute", "climate director"),
                     ("Priya Raman", "Wood Mackenzie", "energy analyst")],
    "quotes": [
        Q("Fiona Carrick", "says", "Our Japanese customers have been with us for twenty years, "
          "and they are telling us they want more, not less,",
          "People keep saying gas is on the way out — our order book says otherwise."),
        Q("Ben Marlowe", None, "Locking in another fifteen years of exports while the rest of "
          "the world tries to cut emissions is not a business plan, it is a bet against the "
          "climate."),
        Q("Tanya Okafor", "told", "most reliable partner."),
        Q("Chubu Electric Power", "said", "strengthen the stability of supply"),
        Q("Priya Raman", "says", "It is a good deal for Coral Sea, but it is not a spectacular "
          "one,", "The buyers have negotiated hard, and they have got a price that protects "
          "them if spot markets fall."),
    ],
    "figures": [
        F("money", "4000000000", "USD", "$US4bn", "LNG supply deal"),
        F("money", "4000000000", "USD", "$US4bn", "LNG supply deal", occ=1),
        F("money", "6100000000", "AUD", "$A6.1bn", "LNG supply deal"),
        F("money", "3400000000", "AUD", "$A3.4bn", "cost of second processing train"),
        F("percent", "5.6", None, "5.6 per cent", "rise in Coral Sea shares"),
        F("money", "14.82", "AUD", "$A14.82", "Coral Sea share price"),
        F("money", "18000000000", "AUD", "$A18bn", "gas industry taxes and royalties"),
        F("money", "11", "USD", "$US11", "implied LNG price per mmBtu"),
        F("percent", "8", None, "8%", "discount to spot prices"),
        F("money", "2200000000", "AUD", "$A2.2bn", "Coral Sea net debt"),
        F("money", "1000000000", "AUD", "$A1bn", "new loan facility"),
    ],
    "not_quotes": [],
    "notes": [NOTE2, "Australian style: '$US4bn', '$A6.1bn' (currency after the dollar sign), "
              "'Ms Carrick says' (no full stop, present tense), a colon intro without a speech "
              "verb ('was scathing:')."],
}

if __name__ == "__main__" and "--fresh" in sys.argv:
    for slug, spec in S2.items():
        gold = build(slug, spec)
        (HERE / f"{slug}.gold.json").write_text(
            json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(slug, len(gold["people"]), len(gold["organizations"]), len(gold["quotes"]),
              len(gold["financial_figures"]))
