"""Hand-written annotations of the dev-set articles (see build_gold.py).

P = person (name, aliases, description), O = organization (name, kind, aliases, parent),
Q = quote (speaker, verb, the quoted segments exactly as written), F = financial figure
(kind, value, currency, text as written, what it measures, occurrence index, share_of).
"""

from __future__ import annotations


def P(name: str, aliases: list[str] | None = None, description: str | None = None,
      forms: list[str] | None = None) -> dict:
    """A person."""
    return {"name": name, "aliases": aliases or [], "description": description,
            "forms": forms or []}


def O(name: str, kind: str, aliases: list[str] | None = None,  # noqa: E743
      parent: str | None = None, forms: list[str] | None = None) -> dict:
    """An organization."""
    d = {"name": name, "kind": kind, "aliases": aliases or [], "forms": forms or []}
    if parent:
        d["parent"] = parent
    return d


def Q(speaker: str, verb: str | None, *segments: str) -> dict:
    """A quote: one or more segments (interrupted quotes)."""
    return {"speaker": speaker, "verb": verb, "segments": list(segments)}


def F(kind: str, value: str, currency: str | None, text: str, measures: str, occ: int = 0,
      share_of: str | None = None) -> dict:
    """A financial figure."""
    return {"kind": kind, "value": value, "currency": currency, "text": text,
            "measures": measures, "occ": occ, "share_of": share_of}


SPECS: dict[str, dict] = {}

SPECS["001-eu-hydrogen-fund"] = {
    "people": [
        P("Zoë Müller", ["Müller"], "German member of the European Parliament"),
        P("Anders Lindqvist", [], "chief executive of Hydrogen Europe"),
        P("Paolo Ferrante", ["Ferrante", "Dr. Paolo Ferrante"], "senior fellow at Bruegel"),
    ],
    "orgs": [
        O("European Commission", "government", ["Commission"]),
        O("European Investment Bank", "government"),
        O("European Parliament", "government"),
        O("Dutch Ministry of Finance", "government", ["Ministry of Finance"]),
        O("Hydrogen Europe", "other"),
        O("International Energy Agency", "government"),
        O("Bruegel", "think tank"),
    ],
    "affiliations": [
        ("Zoë Müller", "European Parliament", "member"),
        ("Anders Lindqvist", "Hydrogen Europe", "chief executive"),
        ("Paolo Ferrante", "Bruegel", "senior fellow"),
    ],
    "quotes": [
        Q("Zoë Müller", "said",
          "We cannot ask industry to decarbonise and then leave it alone with the bill,",
          "Hydrogen is where the transition will be won or lost."),
        Q("Zoë Müller", "said", "the bare minimum"),
        Q("Dutch Ministry of Finance", "said",
          "Subsidising a molecule that we do not yet know how to transport cheaply is a "
          "gamble,"),
        Q("Anders Lindqvist", "said", "Investors are not waiting for Europe,",
          "They are going to Texas, they are going to Oman, and every month we wait we lose "
          "another plant."),
        Q("Paolo Ferrante", "said", "Auctions reveal the true cost,",
          "Grants reveal only who has the best lobbyists."),
        Q("European Commission", "said", "all options remain on the table",
          "in close consultation with member states."),
    ],
    "figures": [
        F("money", "60000000000", "EUR", "€60bn", "proposed EU hydrogen fund (upper end)"),
        F("money", "44000000000", "EUR", "44", "proposed EU hydrogen fund (lower end)", occ=0),
        F("money", "60000000000", "EUR", "60 billion euros",
          "proposed EU hydrogen fund (upper end)"),
        F("percent", "40", None, "40 per cent", "share of electrolyser cost covered"),
        F("money", "120000000000", "EUR", "€120bn", "investment the hydrogen sector needs"),
        F("money", "18000000000", "EUR", "€18bn", "hydrogen projects delayed or cancelled"),
        F("percent", "4", None, "4%", "share of European projects at final investment decision"),
        F("percent", "30", None, "30 per cent", "rise in electrolysis costs since 2021"),
        F("money", "672500000000", "EUR", "€672.5bn", "2020 EU recovery plan"),
    ],
    "not_quotes": ["hydrogen valleys"],
}

SPECS["002-uk-rail-strike"] = {
    "people": [
        P("Margaret Okonkwo", ["Okonkwo", "Okonkow"], "general secretary of Aslef"),
        P("Helen Ashworth", [], "Transport Secretary"),
        P("Tom Bradshaw", ["Bradshaw"], "chair of the Campaign for Better Transport"),
    ],
    "orgs": [
        O("Aslef", "other"),
        O("Northern Trains", "company"),
        O("TransPennine Express", "company"),
        O("Southeastern", "company"),
        O("Department for Transport", "government"),
        O("Centre for Economics and Business Research", "think tank"),
        O("Campaign for Better Transport", "other"),
        O("Barclays", "company"),
        O("FirstGroup", "company"),
    ],
    "affiliations": [
        ("Margaret Okonkwo", "Aslef", "general secretary"),
        ("Tom Bradshaw", "Campaign for Better Transport", "chair"),
    ],
    "quotes": [
        Q("Margaret Okonkwo", "said",
          "Our members have been patient for two years and they have run out of patience,",
          "Nobody takes this decision lightly, but we have been left with no alternative."),
        Q("Margaret Okonkwo", "said", "poured petrol on the fire"),
        Q("Department for Transport", "said", "fair and affordable"),
        Q("Department for Transport", "said",
          "Strikes will only hurt passengers and the very industry these workers depend on,",
          "The door remains open."),
        Q("Helen Ashworth", "said", "The taxpayer cannot keep writing blank cheques,",
          "Modernisation is not an attack on workers; it is the only way to protect their "
          "jobs."),
        Q("Tom Bradshaw", "said",
          "Passengers are the ones paying for this standoff, in lost wages, missed hospital "
          "appointments and broken trust,",
          "Nobody wins a war of attrition on the railways."),
    ],
    "figures": [
        F("money", "3500000", "GBP", "£3.5m", "bonus pool shared by Northern Trains managers"),
        F("percent", "91", None, "91 per cent", "Aslef members backing strikes"),
        F("percent", "78", None, "78 per cent", "ballot turnout"),
        F("money", "3500000", "GBP", "£3.5m", "bonus pool shared by Northern Trains managers",
          occ=1),
        F("percent", "4", None, "4%", "pay rise offered to drivers over two years"),
        F("money", "40000000000", "GBP", "£40bn", "public support for the railway"),
        F("money", "1700000000", "GBP", "£1.7bn", "cost of past rail strikes to the economy"),
        F("money", "25000000", "GBP", "£25m", "lost fares from a week of strikes (low)"),
        F("money", "30000000", "GBP", "£30m", "lost fares from a week of strikes (high)"),
        F("percent", "2.3", None, "2.3 per cent", "fall in FirstGroup shares"),
    ],
    "not_quotes": ["depressing but not surprising"],
    "notes": ["Straight quote marks throughout; 'Okonkow' is a misspelling of Okonkwo."],
}

SPECS["003-japan-chip-plant"] = {
    "people": [
        P("Hiroshi Tanabe", ["Tanabe"], "president of Kaneda Semiconductor"),
        P("Yuki Morimoto", [], "professor of economics at Keio University"),
    ],
    "orgs": [
        O("Kaneda Semiconductor", "company", ["Kaneda"]),
        O("Ministry of Economy, Trade and Industry", "government"),
        O("Keio University", "university"),
        O("Japan Electronics and Information Technology Industries Association", "other"),
        O("Nomura", "company"),
    ],
    "affiliations": [
        ("Hiroshi Tanabe", "Kaneda Semiconductor", "president"),
        ("Yuki Morimoto", "Keio University", "professor of economics"),
    ],
    "quotes": [
        Q("Kaneda Semiconductor", "said",
          "This investment is a statement of confidence in Japan as a place to make the most "
          "demanding chips in the world,",
          "We will work closely with local suppliers and universities to build the workforce "
          "the region needs."),
        Q("Hiroshi Tanabe", "said", "We are not building for today’s market,",
          "We are building for the market of 2030."),
        Q("Yuki Morimoto", "said", "Industrial policy can buy factories,",
          "but it cannot buy engineers, and engineers are what Japan is short of."),
    ],
    "figures": [
        F("money", "1200000000000", "JPY", "1.2 Trillion Yen", "investment in new plant"),
        F("money", "1200000000000", "JPY", "1.2 trillion yen", "investment in new plant"),
        F("money", "480000000000", "JPY", "¥480 billion", "government subsidy for the plant"),
        F("money", "3900000000000", "JPY", "¥3.9 trillion",
          "government budget for semiconductors over three years"),
        F("money", "15000000000000", "JPY", "¥15 trillion", "domestic chip sales target"),
        F("percent", "30", None, "30%", "rise in land prices near the plant"),
        F("percent", "4.6", None, "4.6%", "rise in Kaneda shares"),
        F("percent", "0.8", None, "0.8%", "gain in the Nikkei index"),
        F("money", "212000000000", "JPY", "¥212 billion", "Kaneda operating profit"),
        F("money", "1400000000", "USD", "$1.4 billion", "Kaneda operating profit"),
        F("percent", "18", None, "18%", "rise in operating profit"),
    ],
    "not_quotes": [],
    "notes": ["Morimoto's quote is interrupted by the pronoun attribution 'she said'."],
}

SPECS["004-india-metro-contract"] = {
    "people": [
        P("Shravan Kulkarni", ["Kulkarni"],
          "managing director of the Maharashtra Metro Rail Corporation"),
        P("Anjali Deshmukh", ["Deshmukh"], "fellow at the Centre for Policy Research"),
        P("Rohan Mehta", [], "commuter"),
    ],
    "orgs": [
        O("Deccan Infrastructure", "company"),
        O("Maharashtra Metro Rail Corporation", "government"),
        O("Asian Development Bank", "government"),
        O("European Investment Bank", "government"),
        O("Centre for Policy Research", "think tank"),
    ],
    "affiliations": [
        ("Shravan Kulkarni", "Maharashtra Metro Rail Corporation", "managing director"),
        ("Anjali Deshmukh", "Centre for Policy Research", "fellow"),
    ],
    "quotes": [
        Q("Shravan Kulkarni", "said",
          "The extension will connect the fastest-growing parts of the city with its jobs,",
          "Every delay costs commuters hours they will never get back."),
        Q("Deccan Infrastructure", "said",
          "This is the largest urban transit project we have undertaken,"),
        Q("Anjali Deshmukh", "according to",
          "Metro ridership forecasts in India have been optimistic almost everywhere,",
          "The real test is whether buses and footpaths connect people to the stations."),
        Q("Rohan Mehta", "said", "If the metro opens on time, it will change my life,", "If."),
        Q("Asian Development Bank", "said", "Transit is only as good as the last mile,"),
    ],
    "figures": [
        F("percent", "12", None, "12 Percent", "rise in project cost"),
        F("money", "21500000000", "INR", "Rs 2,150 crore", "metro extension contract"),
        F("percent", "12", None, "12 percent", "rise in project cost"),
        F("money", "89000000000", "INR", "₹8,900 crore", "total project cost"),
        F("percent", "20", None, "20 per cent", "share of cost paid by each government"),
        F("money", "310000000000", "INR", "Rs 31,000 crore", "Deccan Infrastructure order book"),
        F("percent", "3.1", None, "3.1 percent", "rise in Deccan Infrastructure shares"),
        F("percent", "15", None, "15%", "fare rise needed to cover operating costs (low)"),
        F("percent", "20", None, "20%", "fare rise needed to cover operating costs (high)"),
        F("money", "400000000", "USD", "$400 million", "Asian Development Bank loan"),
        F("money", "33000000000", "INR", "₹3,300 crore", "Asian Development Bank loan"),
        F("money", "4500000", "INR", "Rs 45 lakh", "public consultation budget"),
    ],
    "not_quotes": [],
}

SPECS["005-spain-drought-farmers"] = {
    "people": [
        P("José Martínez", ["Martínez"], "olive farmer near Jaén"),
        P("Carmen Ruiz-Olmedo", [], "head of the Andalusian branch of COAG"),
        P("Miguel Ángel Serrano", ["Serrano", "Dr. Miguel Ángel Serrano"],
          "agronomist at the University of Córdoba"),
    ],
    "orgs": [
        O("Spanish Meteorological Agency", "government", ["AEMET"]),
        O("COAG", "other"),
        O("University of Córdoba", "university"),
        O("Ministry of Agriculture", "government"),
        O("Ecologistas en Acción", "other"),
    ],
    "affiliations": [
        ("Carmen Ruiz-Olmedo", "COAG", "head of the Andalusian branch"),
        ("Miguel Ángel Serrano", "University of Córdoba", "agronomist"),
    ],
    "quotes": [
        Q("José Martínez", "said",
          "My family has farmed this land for ninety years and I have never seen it like this,",
          "The trees are not dying of age. They are dying of thirst."),
        Q("Spanish Meteorological Agency", "said",
          "What we are seeing is consistent with the projections for a warming Mediterranean,",
          "Dry years are becoming more frequent, and wet years are no longer wet enough to "
          "refill the reservoirs."),
        Q("Carmen Ruiz-Olmedo", "said",
          "They come here before every election, they take photos in front of dry reservoirs, "
          "and then they disappear,",
          "We do not need more photos. We need water."),
        Q("Miguel Ángel Serrano", "noted", "Efficiency helps, but efficiency is not rain,",
          "If the water is not there, no system in the world can create it."),
        Q("José Martínez", "said", "When I am gone, this will be scrubland,",
          "Maybe that is what the land wants now."),
    ],
    "figures": [],
    "not_quotes": ["temporary emergency", "super-intensive"],
    "notes": ["No money in this article. 'understandable but unfair.' comes from an anonymous "
              "ministry official and is deliberately neither a gold quote nor a not_quote."],
}

SPECS["006-football-club-takeover"] = {
    "people": [
        P("Daniel Whitcombe", [], "managing partner at Harborview Capital"),
        P("João Pedro Carvalho", ["Carvalho"], "president of Sporting Lusitano"),
        P("Rui Fonseca", ["Fonseca"], "sports economist at NOVA School of Business and Economics"),
    ],
    "orgs": [
        O("Sporting Lusitano", "other"),
        O("Harborview Capital", "company", ["Harborview"]),
        O("Juventude Leonina", "other"),
        O("Deloitte", "company", forms=["Deloitte"]),
        O("Sports Business Group", "company", parent="Deloitte"),
        O("NOVA School of Business and Economics", "university"),
        O("Euronext Lisbon", "company"),
    ],
    "affiliations": [
        ("Daniel Whitcombe", "Harborview Capital", "managing partner"),
        ("João Pedro Carvalho", "Sporting Lusitano", "president"),
        ("Rui Fonseca", "NOVA School of Business and Economics", "sports economist"),
    ],
    "quotes": [
        Q("Daniel Whitcombe", "said",
          "This is an investment in one of the best talent factories in European football,"),
        Q("Daniel Whitcombe", "added", "We are not here to change the identity of the club,",
          "We are here to help it compete."),
        Q("João Pedro Carvalho", "told", "several offers"),
        Q("João Pedro Carvalho", "said",
          "The club belongs to its members and it will always belong to its members,",
          "What changes today is that we will have the resources to keep our best players."),
        Q("Juventude Leonina", "said", "a first step towards selling the soul of the club"),
        Q("Juventude Leonina", "said", "We have seen what happens in England,",
          "First they buy a quarter, then they buy everything."),
        Q("Rui Fonseca", "said", "U.S. investors see European clubs as undervalued media assets,",
          "Whether they are right depends on whether the clubs can keep winning."),
    ],
    "figures": [
        F("percent", "25", None, "25%", "stake bought in Sporting Lusitano",
          share_of="$120 million"),
        F("money", "120000000", "USD", "$120 million", "stake bought in Sporting Lusitano"),
        F("money", "480000000", "USD", "$480 million", "valuation of Sporting Lusitano"),
        F("money", "38400000", "EUR", "€38.4 million", "club losses last season"),
        F("money", "210000000", "EUR", "€210m", "club net debt"),
        F("money", "3500000", "USD", "US$3.5m", "investment earmarked for women's training centre"),
        F("money", "171000000", "EUR", "€171 million", "club revenue"),
        F("percent", "14", None, "14 per cent", "rise in club shares"),
    ],
    "not_quotes": [],
    "notes": ["Mixed straight and curly quote marks, including one quote opened with a "
              "curly mark and closed with a straight one."],
}

SPECS["007-norway-rate-decision"] = {
    "people": [
        P("Ingrid Halvorsen", [], "Governor of Norges Bank"),
        P("Kjetil Amundsen", [], "chief economist at DNB Markets"),
        P("Sofie Lindahl", ["Lindahl"], "economist at Handelsbanken"),
    ],
    "orgs": [
        O("Norges Bank", "government"),
        O("NTB", "media"),
        O("Statistics Norway", "government"),
        O("DNB Markets", "company"),
        O("Handelsbanken", "company"),
        O("Norges Bank Investment Management", "government", parent="Norges Bank"),
    ],
    "affiliations": [
        ("Ingrid Halvorsen", "Norges Bank", "Governor"),
        ("Kjetil Amundsen", "DNB Markets", "chief economist"),
        ("Sofie Lindahl", "Handelsbanken", "economist"),
    ],
    "quotes": [
        Q("Norges Bank", "said",
          "The policy rate will most likely be kept at today’s level until the autumn,",
          "If the economy develops broadly as now projected, the rate will then be reduced "
          "gradually."),
        Q("Ingrid Halvorsen", "said",
          "We want to be sure that inflation is on its way down to target before we ease,",
          "Cutting too early would risk undoing the progress we have made."),
        Q("Kjetil Amundsen", "said", "The bank is preparing the ground,",
          "We now expect a first cut in September and another in December, which would take "
          "the rate to 4 per cent."),
        Q("Sofie Lindahl", "said", "A weak krone is the main reason the bank cannot move faster,"),
    ],
    "figures": [
        F("percent", "4.5", None, "4.5 Per Cent", "Norges Bank policy rate"),
        F("percent", "4.5", None, "4.5 per cent", "Norges Bank policy rate"),
        F("percent", "3.1", None, "3.1 per cent", "consumer price inflation in April"),
        F("percent", "3.6", None, "3.6 per cent", "consumer price inflation in March"),
        F("percent", "2", None, "2%", "inflation target"),
        F("percent", "5", None, "5 percent", "expected wage growth"),
        F("percent", "0.9", None, "0.9 per cent", "mainland growth forecast"),
        F("percent", "1.2", None, "1.2 per cent", "previous mainland growth forecast"),
        F("percent", "4", None, "4%", "fall in Oslo house prices from peak"),
        F("percent", "4", None, "4 per cent", "expected policy rate after two cuts"),
        F("percent", "8.6", None, "8.6 per cent", "sovereign wealth fund first-quarter return"),
        F("money", "1400000000000", "NOK", "1,400 billion kroner",
          "sovereign wealth fund first-quarter return"),
        F("money", "1600000000000", "USD", "$1.6 trillion", "value of the sovereign wealth fund"),
        F("percent", "3", None, "3 per cent", "fiscal spending guideline"),
    ],
    "not_quotes": [],
    "notes": ["'4 per cent' inside Amundsen's quote is still a figure."],
}

SPECS["008-kenya-rhino-conservancy"] = {
    "people": [
        P("Grace Wanjiru", ["Wanjiru"], "head of wildlife at the Ol Kinyei Conservancy"),
        P("Samuel Otieno", ["Otieno", "Dr. Samuel Otieno"],
          "wildlife vet at the University of Nairobi"),
        P("Joseph Lekishon", [], "community elder"),
    ],
    "orgs": [
        O("Ol Kinyei Conservancy", "other"),
        O("Kenya Wildlife Service", "government"),
        O("University of Nairobi", "university"),
        O("World Wide Fund for Nature", "other"),
    ],
    "affiliations": [
        ("Grace Wanjiru", "Ol Kinyei Conservancy", "head of wildlife"),
        ("Samuel Otieno", "University of Nairobi", "wildlife vet"),
    ],
    "quotes": [
        Q("Grace Wanjiru", "said", "These two calves are the best news we have had in years,",
          "They tell us that the animals feel safe here and that the habitat can support them."),
        Q("Grace Wanjiru", "said",
          "We have waited a long time for this moment and we are not going to spoil it by "
          "disturbing them,"),
        Q("Kenya Wildlife Service", "said",
          "Every calf matters for a species that was pushed to the edge of extinction,"),
        Q("Samuel Otieno", "described", "a calculated gamble."),
        Q("Samuel Otieno", "said",
          "Translocation is stressful for the animals and there is always a chance you lose one,",
          "But if you leave them in an overcrowded park, you lose more in the long run."),
        Q("Joseph Lekishon", "said", "Twenty years ago, people saw the rhino as a problem,",
          "Now our children want to become rangers."),
    ],
    "figures": [],
    "not_quotes": ["solved problem."],
    "notes": ["No money in this article."],
}

SPECS["009-software-layoffs"] = {
    "people": [
        P("Priya Raman", ["Raman"], "chief executive of Veridian Systems"),
        P("Brendan Kowalczyk", [], "analyst at Morgan Stanley"),
        P("Natalia Herrera", [], "partner at Bain & Company"),
    ],
    "orgs": [
        O("Veridian Systems", "company", ["Veridian"]),
        O("Cloudnest", "company"),
        O("Morgan Stanley", "company"),
        O("LSEG", "company"),
        O("Bain & Company", "company"),
    ],
    "affiliations": [
        ("Priya Raman", "Veridian Systems", "chief executive"),
        ("Brendan Kowalczyk", "Morgan Stanley", "analyst"),
        ("Natalia Herrera", "Bain & Company", "partner"),
    ],
    "quotes": [
        Q("Priya Raman", "wrote", "We grew too fast and bought too much,",
          "These are people who helped build Veridian, and I take full responsibility for the "
          "decisions that led us here."),
        Q("Priya Raman", "told", "The Cloudnest deal was a mistake of timing, not of strategy,"),
        Q("Brendan Kowalczyk", "said", "Management has been promising a turnaround for two years,",
          "Cutting costs buys them time, but it does not answer the question of where growth "
          "will come from."),
        Q("Natalia Herrera", "said",
          "Every board in this sector is asking the same question: what do we stop doing so "
          "that we can afford to build AI?"),
        Q("Veridian Systems", "said",
          "We understand how difficult this news is, and we will support affected employees "
          "with severance, healthcare and job placement services,"),
    ],
    "figures": [
        F("money", "2300000000", "USD", "US$2.3bn", "writedown on acquisitions"),
        F("percent", "9", None, "9%", "share of workforce cut"),
        F("money", "2300000000", "USD", "US$2.3bn", "writedown on acquisitions", occ=1),
        F("money", "180000000", "USD", "$180m", "restructuring cost (low)"),
        F("money", "220000000", "USD", "$220m", "restructuring cost (high)"),
        F("money", "400000000", "USD", "$400m", "annual savings from restructuring"),
        F("percent", "11", None, "11 per cent", "fall in Veridian shares"),
        F("money", "3100000000", "USD", "$3.1 billion", "price paid for Cloudnest"),
        F("percent", "14", None, "14 per cent", "growth of financial planning software"),
        F("money", "2050000000", "USD", "$2.05 billion", "quarterly net loss"),
        F("money", "84000000", "USD", "$84 million", "profit a year earlier"),
        F("percent", "3", None, "3%", "revenue growth excluding writedown"),
        F("money", "1270000000", "USD", "$1.27 billion", "quarterly revenue"),
        F("money", "1300000000", "USD", "$1.3 billion", "revenue expected by analysts"),
    ],
    "not_quotes": ["quietly bleeding."],
}

SPECS["010-panama-canal-drought"] = {
    "people": [
        P("Ricardo Vásquez", ["Vásquez", "Ricado Vásquez"], "administrator of the Panama Canal"),
        P("Henrik Sandgaard", [], "head of network planning at Maersk"),
        P("Lucía Brenes", ["Brenes", "Dr. Lucía Brenes"],
          "hydrologist at the Smithsonian Tropical Research Institute"),
    ],
    "orgs": [
        O("Panama Canal Authority", "government"),
        O("Maersk", "company"),
        O("Ministry of Economy and Finance", "government"),
        O("Smithsonian Tropical Research Institute", "think tank"),
    ],
    "affiliations": [
        ("Ricardo Vásquez", "Panama Canal Authority", "administrator"),
        ("Henrik Sandgaard", "Maersk", "head of network planning"),
        ("Lucía Brenes", "Smithsonian Tropical Research Institute", "hydrologist"),
    ],
    "quotes": [
        Q("Ricardo Vásquez", "said",
          "We are managing the most important resource of this country, which is water, and we "
          "have to balance the needs of the canal with the needs of the people,",
          "We cannot pray for rain and call it a plan."),
        Q("Henrik Sandgaard", "said",
          "For some of our customers the canal is simply no longer a reliable option,",
          "Reliability is what they pay for."),
        Q("Lucía Brenes", "said", "The watershed that feeds the canal is not getting the rain it "
          "used to,", "Planning for the 20th century will not work in the 21st."),
    ],
    "figures": [
        F("money", "4000000", "USD", "$4 million", "fee paid by a gas carrier for a slot"),
        F("money", "1600000000", "USD", "$1.6 billion", "cost of Indio River reservoir"),
        F("money", "4900000000", "USD", "$4.9 billion", "canal income in current fiscal year"),
        F("percent", "10", None, "10%", "shortfall of canal income against budget"),
        F("percent", "6", None, "6 per cent", "canal's direct share of economic output"),
    ],
    "not_quotes": [],
    "notes": ["Many spaces are non-breaking (U+00A0). 'Ricado Vásquez' is a misspelling."],
}

SPECS["011-uk-university-funding"] = {
    "people": [
        P("Alan Whitfield", ["Whitfield", "Prof. Alan Whitfield"],
          "president of Universities UK and vice-chancellor of the University of Leicester"),
        P("Sarah Lindqvist-Hale", [], "director of the Higher Education Policy Institute"),
        P("Jo McAllister", [], "general secretary of the University and College Union"),
        P("Ellie Murray", [], "third-year history student"),
    ],
    "orgs": [
        O("Universities UK", "other"),
        O("University of Leicester", "university"),
        O("Office for Students", "government"),
        O("Higher Education Policy Institute", "think tank"),
        O("Department for Education", "government"),
        O("University and College Union", "other"),
        O("University of Kent", "university"),
    ],
    "affiliations": [
        ("Alan Whitfield", "Universities UK", "president"),
        ("Alan Whitfield", "University of Leicester", "vice-chancellor"),
        ("Sarah Lindqvist-Hale", "Higher Education Policy Institute", "director"),
        ("Jo McAllister", "University and College Union", "general secretary"),
    ],
    "quotes": [
        Q("Alan Whitfield", "said",
          "The financial model that has sustained British higher education for a decade is "
          "breaking,", "Without action, some institutions will not survive."),
        Q("Office for Students", "said",
          "We are monitoring the position of a number of institutions closely,"),
        Q("Sarah Lindqvist-Hale", "according to", "the cuts we are seeing now are only the "
          "beginning."),
        Q("Sarah Lindqvist-Hale", "explained",
          "When money is short, universities protect the subjects that recruit overseas "
          "students and cut the ones that do not,",
          "That is rational for each university, and disastrous for the country."),
        Q("Department for Education", "said",
          "Universities are independent institutions and are responsible for their own "
          "finances,"),
        Q("Jo McAllister", "said",
          "Vice-chancellors gambled on endless growth in overseas recruitment, and staff and "
          "students are now paying for it,"),
        Q("Ellie Murray", "said", "It feels like they are closing the door behind us,"),
    ],
    "figures": [
        F("percent", "16", None, "16 per cent", "fall in overseas postgraduate applications"),
        F("money", "20000", "GBP", "£20,000", "annual international student fees (low)"),
        F("money", "40000", "GBP", "£40,000", "annual international student fees (high)"),
        F("percent", "40", None, "40%", "share of universities expecting a deficit"),
        F("money", "1600000000", "GBP", "£1.6bn", "sector's combined deficit"),
        F("money", "9535", "GBP", "£9,535", "cap on domestic tuition fees"),
        F("money", "4200000000", "GBP", "£4.2bn", "university spending on new buildings"),
        F("percent", "15", None, "15%", "share of academic posts cut at Kent"),
        F("money", "42000000000", "GBP", "£42bn",
          "international students' contribution to the economy"),
    ],
    "not_quotes": [],
}

SPECS["012-airline-merger-approval"] = {
    "people": [
        P("Margrethe Koivisto", [], "EU commissioner in charge of competition policy"),
        P("Francesca De Luca", ["De Luca"], "chief executive of Aurelia Airways"),
        P("Klaus Reinhardt", [], "Verdi union official"),
    ],
    "orgs": [
        O("Aurelia Airways", "company", ["Aurelia"]),
        O("Nordwind", "company"),
        O("European Commission", "government"),
        O("Lufthansa", "company"),
        O("Air France-KLM", "company"),
        O("Jefferies", "company"),
        O("European Consumer Organisation", "other", ["BEUC"]),
        O("Verdi", "other"),
    ],
    "affiliations": [
        ("Francesca De Luca", "Aurelia Airways", "chief executive"),
        ("Klaus Reinhardt", "Verdi", None),
    ],
    "quotes": [
        Q("Margrethe Koivisto", "said",
          "Today’s decision shows that mergers can be approved when companies offer remedies "
          "that fully address our concerns,",
          "Passengers will continue to have a real choice on these routes."),
        Q("Francesca De Luca", "said", "Alone, each of us was too small to survive the next "
          "crisis,", "Together we have the scale to invest in new aircraft and to keep fares "
          "competitive."),
        Q("Jefferies", "said", "ambitious but achievable"),
        Q("European Consumer Organisation", "said",
          "Remedies like these look good on paper, but rival airlines often give the slots "
          "back within a couple of years,", "Passengers then end up paying more."),
        Q("Klaus Reinhardt", "said", "We will hold them to that promise,"),
    ],
    "figures": [
        F("money", "2700000000", "EUR", "€2.7 billion", "value of Nordwind"),
        F("money", "2900000000", "USD", "$2.9 billion", "value of Nordwind"),
        F("money", "1900000000", "EUR", "€1.9bn", "price of initial Nordwind stake"),
        F("percent", "60", None, "60%", "initial stake in Nordwind"),
        F("money", "1200000000", "USD", "$1.2 billion", "expected annual cost savings (low)"),
        F("money", "1500000000", "USD", "$1.5 billion", "expected annual cost savings (high)"),
        F("money", "900000000", "EUR", "€900m", "German government rescue loan to Nordwind"),
        F("percent", "8.5", None, "8.5 per cent", "German government stake in Nordwind"),
        F("percent", "5.2", None, "5.2%", "rise in Aurelia shares"),
        F("percent", "3", None, "3 per cent", "rise in Nordwind shares"),
    ],
    "not_quotes": [],
}

SPECS["013-chile-copper-strike"] = {
    "people": [
        P("Valentina Rojas", ["Rojas"], "president of the Cerro Blanco workers' union"),
        P("Tomás Araya", [], "Labour Minister"),
    ],
    "orgs": [
        O("Andes Copper Corporation", "company", ["Andes Copper"]),
        O("Goldman Sachs", "company"),
        O("London Metal Exchange", "company"),
        O("Codelco", "company"),
        O("Chilean Copper Commission", "government", ["Cochilco"]),
    ],
    "affiliations": [],
    "quotes": [
        Q("Valentina Rojas", "said",
          "The company has made record profits on the backs of these workers, and now it wants "
          "to give them crumbs,"),
        Q("Valentina Rojas", "said", "We did not want this strike,",
          "but we will not go back underground until there is a fair deal."),
        Q("Andes Copper Corporation", "said", "the best in the industry"),
        Q("Andes Copper Corporation", "said",
          "The strike puts at risk the jobs of thousands of contractors and the income of the "
          "communities of the region,"),
        Q("Tomás Araya", "told", "Dialogue is the only way out of this conflict,"),
        Q("Valentina Rojas", "said", "We have done it before,", "Nobody should doubt us."),
    ],
    "figures": [
        F("money", "18000000", "CLP", "18 million Chilean pesos", "one-off bonus per worker"),
        F("money", "19000", "USD", "$19,000", "one-off bonus per worker"),
        F("percent", "2.5", None, "2.5%", "real wage increase offered"),
        F("percent", "8", None, "8%", "Cerro Blanco's share of Chile's copper output"),
        F("money", "9000000", "USD", "$9m", "daily lost revenue from the strike (low)"),
        F("money", "11000000", "USD", "$11m", "daily lost revenue from the strike (high)"),
        F("percent", "1.4", None, "1.4 per cent", "rise in copper prices"),
        F("percent", "12", None, "12 percent", "mining's share of Chile's economy"),
        F("money", "740000000", "USD", "$740 million", "cost of the 2017 strike"),
        F("percent", "3.7", None, "3.7%", "fall in Andes Copper shares"),
    ],
    "not_quotes": [],
    "notes": ["The union itself is unnamed; its president is the speaker."],
}

SPECS["014-mayoral-race-poll"] = {
    "people": [
        P("Amira Haddad", ["Haddad"], "mayoral challenger, former public health official"),
        P("Douglas Whitmore", ["Whitmore"], "mayoral front-runner, businessman"),
        P("Peter Ng", ["Ng"], "former city councillor"),
        P("Lorne Bissett", [], "pollster at Forum Research"),
        P("Hannah Okafor", ["Dr. Hannah Okafor"],
          "professor of political science at the University of Toronto"),
    ],
    "orgs": [
        O("Forum Research", "company"),
        O("University of Toronto", "university"),
        O("Elections Toronto", "government"),
        O("Toronto Star", "media"),
        O("Globe and Mail", "media"),
        O("Toronto Sun", "media"),
    ],
    "affiliations": [
        ("Lorne Bissett", "Forum Research", "pollster"),
        ("Hannah Okafor", "University of Toronto", "professor of political science"),
    ],
    "quotes": [
        Q("Lorne Bissett", "said", "The momentum is clearly with Haddad,",
          "The question is whether she can turn that momentum into votes on a day when turnout "
          "is usually low."),
        Q("Amira Haddad", "told", "waited long enough"),
        Q("Amira Haddad", "said", "Every family in this city deserves a home they can afford,",
          "That is not a slogan, it is a promise."),
        Q("Douglas Whitmore", "told", "The only poll that matters is the one on election day,",
          "People know I will keep their taxes down and their streets safe."),
        Q("Peter Ng", "said", "I am in this race to the end,"),
        Q("Hannah Okafor", "noted", "Historically, the suburbs decide Toronto elections,",
          "If downtown voters turn out in the numbers Haddad needs, this becomes a genuine "
          "toss-up,"),
    ],
    "figures": [
        F("percent", "38", None, "38 per cent", "Whitmore's poll support"),
        F("percent", "35", None, "35 per cent", "Haddad's poll support"),
        F("percent", "14", None, "14 per cent", "Ng's poll support"),
        F("percent", "18", None, "18%", "undecided respondents"),
        F("percent", "29", None, "29 per cent", "turnout in last municipal election"),
        F("percent", "7", None, "7%", "eligible voters who voted early"),
    ],
    "not_quotes": [],
    "notes": ["No money. '2.8 percentage points' is a margin of error, not a percentage "
              "figure. 'common-sense budgeting.' (Whitmore's own label) is deliberately "
              "neither a gold quote nor a not_quote."],
}

SPECS["015-swiss-pharma-deal"] = {
    "people": [
        P("Lukas Brändli", ["Brändli"], "chief executive of Helvexa"),
        P("Zoë Kessler", [], "analyst at Vontobel"),
        P("Nathan Ruiz", ["Ruiz", "Dr. Nathan Ruiz"],
          "founder and chief executive of Corvalis Therapeutics"),
    ],
    "orgs": [
        O("Helvexa", "company"),
        O("Corvalis Therapeutics", "company", ["Corvalis"]),
        O("Vontobel", "company"),
        O("Evaluate Pharma", "company"),
    ],
    "affiliations": [
        ("Lukas Brändli", "Helvexa", "chief executive"),
        ("Zoë Kessler", "Vontobel", "analyst"),
        ("Nathan Ruiz", "Corvalis Therapeutics", "founder and chief executive"),
    ],
    "quotes": [
        Q("Lukas Brändli", "said",
          "Corvalis brings us exactly the kind of science we need to grow in the second half of "
          "this decade,", "Their heart programme fits naturally with our strengths in "
          "cardiology."),
        Q("Lukas Brändli", "said", "We have a strong balance sheet and we will keep it strong,"),
        Q("Zoë Kessler", "said", "It’s a sensible deal at a fair price,",
          "The risk is clinical. If the trial data disappoint, Helvexa will have paid a lot for "
          "very little."),
        Q("Nathan Ruiz", "said",
          "We’ve always said we would look for the partner that gives this medicine the best "
          "chance of reaching patients,"),
    ],
    "figures": [
        F("money", "4100000000", "CHF", "CHF 4.1bn", "Helvexa's purchase of Corvalis"),
        F("money", "4100000000", "CHF", "4.1 billion Swiss francs",
          "Helvexa's purchase of Corvalis"),
        F("money", "52", "USD", "$52", "price per Corvalis share"),
        F("percent", "38", None, "38%", "premium to Corvalis's closing price"),
        F("money", "1800000000", "USD", "$1.8 billion", "potential annual sales of the drug"),
        F("money", "3200000000", "CHF", "CHF 3.2 billion", "sales of the blood-thinner"),
        F("percent", "21", None, "21 per cent", "blood-thinner's share of group sales"),
        F("percent", "2.4", None, "2.4%", "rise in Helvexa shares"),
        F("percent", "35", None, "35 per cent", "rise in Corvalis shares"),
        F("money", "180000000000", "USD", "$180 billion", "industry spending on acquisitions"),
        F("money", "8900000000", "CHF", "CHF 8.9bn", "Helvexa third-quarter sales"),
        F("percent", "4", None, "4 percent", "growth in third-quarter sales"),
    ],
    "not_quotes": [],
    "notes": ["Non-breaking spaces inside amounts and after first names; curly apostrophes."],
}

SPECS["016-india-crop-insurance"] = {
    "people": [
        P("Rajesh Patil", [], "Agriculture Minister"),
        P("Suresh Jadhav", [], "soybean farmer near Latur"),
        P("Kavita Rao", ["Rao", "Dr. Kavita Rao"], "senior fellow at the Indian Council for "
          "Research on International Economic Relations"),
    ],
    "orgs": [
        O("India Meteorological Department", "government"),
        O("ICICI Lombard", "company"),
        O("Indian Council for Research on International Economic Relations", "think tank"),
        O("Reserve Bank of India", "government"),
    ],
    "affiliations": [
        ("Kavita Rao", "Indian Council for Research on International Economic Relations",
         "senior fellow"),
    ],
    "quotes": [
        Q("Rajesh Patil", "told", "This is exactly the kind of year the scheme was designed for,",
          "No farmer whose crop has failed will be left without support."),
        Q("Suresh Jadhav", "said", "They took the premium from my account on time,",
          "Why can’t they pay on time?"),
        Q("Kavita Rao", "said", "The scheme is only as strong as the trust farmers place in it,",
          "Right now that trust is fragile."),
    ],
    "figures": [
        F("money", "5000000000", "INR", "Rs 500 crore", "crop insurance claims in Maharashtra"),
        F("percent", "22", None, "22 per cent", "rainfall shortfall in June and July"),
        F("money", "300000000000", "INR", "₹30,000 crore", "annual premium subsidy"),
        F("percent", "1.5", None, "1.5%", "farmers' premium share (low)"),
        F("percent", "5", None, "5%", "farmers' premium share (high)"),
        F("money", "27610000000", "INR", "₹2,761 crore", "money released to states"),
        F("percent", "8.4", None, "8.4 percent", "food inflation in July"),
        F("money", "1200000000000", "INR", "₹1.2 lakh crore", "farm output lost to the monsoon"),
        F("percent", "0.4", None, "0.4%", "share of GDP lost"),
    ],
    "not_quotes": [],
    "notes": ["The Fasal Bima Yojana is a scheme, not an organization. The ICICI Lombard quote "
              "comes from an unnamed executive and is not a gold quote."],
}

# ---------------------------------------------------------------------------------------------
# Held-out articles 017-019: written and annotated after the extractor had been tuned on
# 001-016; the extractor was NOT changed after running on them (see README in the report).
HELD_OUT_NOTE = ("Held-out: written and annotated after tuning on 001-016; the extractor was "
                 "not tuned on this article.")

SPECS["017-australia-lithium-royalties"] = {
    "people": [
        P("Nathan Cole", [], "Treasurer of Western Australia"),
        P("Rebecca Thornton", [], "chief executive of the Resources Council of Western "
          "Australia"),
        P("Dale Henning", ["Henning"], "managing director of Karratha Lithium"),
        P("Mei Lin Chow", [], "commodities analyst at Macquarie Group"),
        P("Ian Pritchard", ["Dr. Ian Pritchard"],
          "economist at the University of Western Australia"),
    ],
    "orgs": [
        O("Resources Council of Western Australia", "other"),
        O("Karratha Lithium", "company"),
        O("Australian Financial Review", "media"),
        O("Macquarie Group", "company"),
        O("University of Western Australia", "university"),
    ],
    "affiliations": [
        ("Rebecca Thornton", "Resources Council of Western Australia", "chief executive"),
        ("Dale Henning", "Karratha Lithium", "managing director"),
        ("Mei Lin Chow", "Macquarie Group", "commodities analyst"),
        ("Ian Pritchard", "University of Western Australia", "economist"),
    ],
    "quotes": [
        Q("Nathan Cole", "said",
          "Western Australians own these resources, and they deserve a fair return on them,",
          "When prices were at record highs, the companies did very well. We are asking for a "
          "modest share."),
        Q("Rebecca Thornton", "said",
          "Investors have a choice of where to put their money, and today the government has "
          "made that choice easier for them,"),
        Q("Dale Henning", "told", "We have cut costs to the bone to survive the price slump,",
          "This decision adds cost just as we were starting to see a recovery."),
        Q("Mei Lin Chow", "said", "Royalties are a small part of the cost base,",
          "Power, labour and processing matter far more."),
        Q("Ian Pritchard", "said",
          "You cannot say you want a processing industry and then make the first step in the "
          "chain more expensive,"),
    ],
    "figures": [
        F("percent", "5", None, "5%", "previous lithium royalty rate"),
        F("percent", "7.5", None, "7.5%", "new lithium royalty rate"),
        F("money", "1200000000", "AUD", "A$1.2 billion", "extra royalties over four years"),
        F("money", "560000000", "AUD", "A$560 million", "planned Mount Sholl expansion"),
        F("percent", "6.2", None, "6.2 per cent", "fall in Karratha Lithium shares"),
        F("money", "7000000000", "AUD", "A$7 billion", "federal production tax credits"),
        F("money", "5300000000", "AUD", "A$5.3 billion", "lithium exports last financial year"),
        F("percent", "40", None, "40%", "fall in lithium exports"),
    ],
    "not_quotes": [],
    "notes": [HELD_OUT_NOTE, "'complex and unpredictable' comes from an unnamed spokeswoman "
              "for the Treasurer and is neither a gold quote nor a not_quote."],
}

SPECS["018-korea-shipbuilder-order"] = {
    "people": [
        P("Park Ji-hoon", [], "head of research at the Korea Offshore and Shipbuilding "
          "Association"),
        P("Lee Soo-min", [], "analyst at Samsung Securities"),
    ],
    "orgs": [
        O("Hanbit Heavy Industries", "company", ["Hanbit"]),
        O("Korea Offshore and Shipbuilding Association", "other"),
        O("Ministry of Trade, Industry and Energy", "government"),
        O("Samsung Securities", "company"),
        O("Korean Shipyard Workers’ Union", "other"),
    ],
    "affiliations": [
        ("Park Ji-hoon", "Korea Offshore and Shipbuilding Association", "head of research"),
        ("Lee Soo-min", "Samsung Securities", "analyst"),
    ],
    "quotes": [
        Q("Hanbit Heavy Industries", "said",
          "This order shows that Korean shipyards remain the first choice for the most complex "
          "vessels in the world,", "We will build them on time and to the highest standard."),
        Q("Park Ji-hoon", "said",
          "A few years ago our yards were half empty, and now we are fully booked until 2029,"),
        Q("Lee Soo-min", "said", "Chinese yards are catching up quickly,",
          "but ship owners are cautious about new designs when a single cargo can be worth $50 "
          "million."),
        Q("Korean Shipyard Workers’ Union", "said",
          "The workers who went through the hard years deserve to share in the good ones,"),
    ],
    "figures": [
        F("money", "4500000000", "USD", "$4.5bn", "LNG carrier order"),
        F("money", "6200000000000", "KRW", "6.2 trillion won", "LNG carrier order"),
        F("money", "4500000000", "USD", "$4.5bn", "LNG carrier order", occ=1),
        F("percent", "60", None, "60 per cent", "rise in Qatar's export capacity"),
        F("money", "250000000", "USD", "$250 million", "cost of each ship"),
        F("money", "50000000", "USD", "$50 million", "value of a single LNG cargo"),
        F("percent", "7.8", None, "7.8%", "rise in Hanbit shares"),
        F("money", "512000000000", "KRW", "512 billion won", "Hanbit operating profit"),
    ],
    "not_quotes": [],
    "notes": [HELD_OUT_NOTE],
}

SPECS["019-berlin-housing-referendum"] = {
    "people": [
        P("Lena Hoffmann", [], "spokeswoman for the tenants' initiative"),
        P("Stefan Albrecht", [], "mayor of Berlin"),
        P("Claudia Richter", [], "housing economist at the German Institute for Economic "
          "Research"),
        P("Mehmet Yilmaz", [], "tenant in Neukölln"),
    ],
    "orgs": [
        O("Wohnwert", "company"),
        O("ImmoScout24", "company"),
        O("German Institute for Economic Research", "think tank"),
    ],
    "affiliations": [
        ("Claudia Richter", "German Institute for Economic Research", "housing economist"),
    ],
    "quotes": [
        Q("Lena Hoffmann", "said",
          "The people of Berlin voted clearly, and the politicians put the result in a drawer,",
          "This time we are writing the law ourselves, so nobody can ignore it."),
        Q("Wohnwert", "said", "Expropriation does not build a single new apartment,",
          "It scares away exactly the investors Berlin needs to solve its housing shortage."),
        Q("Claudia Richter", "said",
          "Berlin needs about 20,000 new homes a year and is building perhaps 15,000,",
          "Whoever owns the existing flats, that gap does not close by itself."),
        Q("Mehmet Yilmaz", "said", "I am not against landlords,",
          "I am against being treated like a number."),
    ],
    "figures": [
        F("percent", "59.1", None, "59.1 per cent", "referendum vote for the buyout"),
        F("percent", "18", None, "18%", "rise in average asking rents"),
    ],
    "not_quotes": [],
    "notes": [HELD_OUT_NOTE, "No money. 'construction acceleration' (the mayor's office's "
              "label) is neither a gold quote nor a not_quote."],
}

# Held-out articles 020-021: written and annotated after ALL tuning; no code change after.
FINAL_HELD_OUT_NOTE = ("Final held-out: written and annotated after all tuning; the extractor "
                       "was not changed after running on it.")

SPECS["020-ghana-cocoa-prices"] = {
    "people": [
        P("Kwabena Asante-Mensah", [], "deputy chief executive for operations at Cocobod"),
        P("Abena Owusu", [], "cocoa farmer near Kumasi"),
        P("Felix Boateng", ["Dr. Felix Boateng"],
          "senior lecturer in economics at the University of Ghana"),
    ],
    "orgs": [
        O("Ghana Cocoa Board", "government", ["Cocobod"]),
        O("Ministry of Finance", "government"),
        O("University of Ghana", "university"),
        O("Alpen Cocoa", "company"),
    ],
    "affiliations": [
        ("Kwabena Asante-Mensah", "Ghana Cocoa Board", "deputy chief executive for operations"),
        ("Felix Boateng", "University of Ghana", "senior lecturer in economics"),
    ],
    "quotes": [
        Q("Kwabena Asante-Mensah", "said",
          "We want every bean grown in Ghana to be sold in Ghana,",
          "When farmers are paid well, they have no reason to carry their cocoa across the "
          "border at night."),
        Q("Abena Owusu", "says",
          "The price is better, but everything we buy is more expensive too,",
          "We are running to stand still."),
        Q("Felix Boateng", "said", "Cocobod is making a bet that prices will stay high,",
          "If that bet goes wrong, the state will have to pick up the bill, as it has before."),
    ],
    "figures": [
        F("percent", "45", None, "45 per cent", "rise in cocoa farm-gate price"),
        F("money", "49600", "GHS", "49,600 cedis", "new farm-gate price per tonne"),
        F("money", "34200", "GHS", "34,200 cedis", "last season's farm-gate price per tonne"),
        F("money", "1000000000", "USD", "$1 billion", "export revenue lost to smuggling"),
        F("money", "1300000000", "USD", "$1.3 billion", "pre-financing secured for the crop"),
        F("percent", "6", None, "6%", "fall in Alpen Cocoa volumes"),
        F("percent", "10", None, "10 percent", "cocoa's share of export earnings"),
    ],
    "not_quotes": [],
    "notes": [FINAL_HELD_OUT_NOTE],
}

SPECS["021-uk-water-fine"] = {
    "people": [
        P("Ruth Calloway", ["Dame Ruth Calloway"], "chief executive of Ofwat"),
        P("Tom Hargreaves", [], "chief executive of River Action Now"),
        P("Alan Pearce", ["Sir Alan Pearce"], "chair of the Environment Agency"),
        P("Laura Penrose", [], "Environment Secretary"),
    ],
    "orgs": [
        O("Severnside Water", "company", ["Severnside"]),
        O("Ofwat", "government"),
        O("River Action Now", "other"),
        O("Environment Agency", "government"),
        O("Cotswold Utilities Holdings", "company"),
        O("Citigroup", "company"),
    ],
    "affiliations": [
        ("Ruth Calloway", "Ofwat", "chief executive"),
        ("Tom Hargreaves", "River Action Now", "chief executive"),
        ("Alan Pearce", "Environment Agency", "chair"),
    ],
    "quotes": [
        Q("Ruth Calloway", "said", "Severnside Water let down its customers and the environment,",
          "This penalty sends a clear message: companies that break the rules will pay, and they "
          "will not be allowed to pass the cost on to customers."),
        Q("Severnside Water", "said", "We are sorry,",
          "We know we have not met the standards our customers expect, and we are investing "
          "record sums to put this right."),
        Q("Tom Hargreaves", "said",
          "Ninety million pounds sounds like a lot of money until you compare it with the "
          "dividends paid out over the same period,"),
        Q("Alan Pearce", "said", "We cannot be everywhere at once,"),
        Q("Laura Penrose", "said", "polluters profiting"),
    ],
    "figures": [
        F("money", "90000000", "GBP", "£90m", "fine on Severnside Water"),
        F("money", "90000000", "GBP", "£90m", "fine on Severnside Water", occ=1),
        F("money", "12500000", "GBP", "£12.5m", "money returned to customers"),
        F("money", "2100000000", "GBP", "£2.1bn", "planned network investment"),
        F("percent", "35", None, "35%", "increase in investment"),
        F("money", "90000000", "GBP", "Ninety million pounds", "fine on Severnside Water"),
        F("money", "600000000", "GBP", "£600m", "dividends paid since 2015"),
        F("percent", "13", None, "13 per cent", "increase in sewage discharge hours"),
        F("money", "4800000000", "GBP", "£4.8bn", "net debt of Cotswold Utilities Holdings"),
    ],
    "not_quotes": [],
    "notes": [FINAL_HELD_OUT_NOTE, "'Ninety million pounds' is written in words."],
}
