"""Quote detection and attribution, one pattern per test, on real-looking sentences."""

from api.extraction import Quote, extract
from tests.helpers import quote_covers


def _quotes(text: str) -> list[Quote]:
    """The quotes in quotation marks (reported speech is tested in test_attribution.py)."""
    result = extract(text)
    for q in result.quotes:
        assert quote_covers(text, q)
    return [q for q in result.quotes if q.kind != "indirect"]


def test_interrupted_quote_is_one_quote_with_one_speaker() -> None:
    text = ("Analysts were sceptical. “He likes these events,” noted Richard Weitz, director of "
            "the Center for Political-Military Analysis at the Hudson Institute. “It makes him "
            "feel important.”")
    (q,) = _quotes(text)
    assert q.speaker == "Richard Weitz" and q.verb == "noted" and q.method == "speech_verb"
    assert q.text == "He likes these events, It makes him feel important."
    assert text[q.start:q.end].startswith("He likes") and text[q.end] == "”"


def test_interrupted_quote_with_pronoun_in_the_middle() -> None:
    text = ("Yuki Morimoto teaches economics at Keio University. “Industrial policy can buy "
            "factories,” she said, “but it cannot buy engineers.”")
    (q,) = _quotes(text)
    assert q.speaker == "Yuki Morimoto" and q.method == "pronoun" and q.speaker_name == "she"
    assert q.text == "Industrial policy can buy factories, but it cannot buy engineers."


def test_speaker_before_verb() -> None:
    text = "“Auctions reveal the true cost,” Paolo Ferrante said on Tuesday."
    (q,) = _quotes(text)
    assert (q.speaker, q.verb, q.speaker_type) == ("Paolo Ferrante", "said", "person")


def test_verb_before_speaker_with_title() -> None:
    text = ("“North Korea is a convenient friend for Moscow,” commented Dr. Leonid Petrov, an "
            "Asian Studies professor at the Australian National University.")
    (q,) = _quotes(text)
    assert q.speaker == "Leonid Petrov" and q.verb == "commented"


def test_speaker_and_verb_before_the_quote() -> None:
    text = "Transport Secretary Helen Ashworth said: “The taxpayer cannot keep paying.”"
    (q,) = _quotes(text)
    assert q.speaker == "Helen Ashworth" and q.verb == "said"


def test_pronoun_resolves_to_last_named_person() -> None:
    text = ("Hydrogen Europe's chief executive, Anders Lindqvist, spoke in Brussels on Tuesday. "
            "“Investors are not waiting for Europe,” he said.")
    (q,) = _quotes(text)
    assert q.speaker == "Anders Lindqvist" and q.method == "pronoun" and q.speaker_name == "he"


def test_surname_speaker_resolves_to_full_name() -> None:
    text = ("Sofie Lindahl is an economist at Handelsbanken. “A weak krone is the main reason,” "
            "Lindahl said.")
    (q,) = _quotes(text)
    assert q.speaker == "Sofie Lindahl" and q.speaker_name == "Lindahl"


def test_organization_speaker_by_name() -> None:
    text = ("“The policy rate will most likely be kept at today's level,” Norges Bank said in "
            "its statement.")
    (q,) = _quotes(text)
    assert q.speaker == "Norges Bank" and q.speaker_type == "organization"


def test_generic_organization_speaker() -> None:
    text = ("The Ministry of Agriculture announced new aid on Monday. “We are working with the "
            "regions on a long-term plan,” the ministry said.")
    (q,) = _quotes(text)
    assert q.speaker == "Ministry of Agriculture" and q.speaker_name == "the ministry"
    assert q.method == "organization"


def test_spokesperson_for_organization() -> None:
    text = ("The Department for Education defended its record. “Universities are independent "
            "institutions,” a spokeswoman for the Department for Education said.")
    (q,) = _quotes(text)
    assert q.speaker == "Department for Education"


def test_according_to_after_the_quote() -> None:
    text = ("“Metro ridership forecasts have been optimistic almost everywhere,” according to "
            "Anjali Deshmukh, a fellow at the Centre for Policy Research.")
    (q,) = _quotes(text)
    assert q.speaker == "Anjali Deshmukh" and q.method == "according_to"


def test_according_to_before_the_quote() -> None:
    text = ("According to Sarah Lindqvist-Hale, director of the Higher Education Policy "
            "Institute, “the cuts we are seeing now are only the beginning.”")
    (q,) = _quotes(text)
    assert q.speaker == "Sarah Lindqvist-Hale" and q.method == "according_to"


def test_scare_quotes_are_never_attributed() -> None:
    text = ("Russian President Vladimir Putin has been fighting what he perceives as “Western "
            "imperialism”. His “economic goody bag” charm offensive seems to work, Putin said.")
    quotes = _quotes(text)
    assert [q.text for q in quotes] == ["Western imperialism", "economic goody bag"]
    assert all(q.speaker is None and q.method == "unattributed" for q in quotes)


def test_straight_and_mixed_quote_marks() -> None:
    text = ('"We grew too fast," chief executive Priya Raman wrote. '
            '“First they buy a quarter, then they buy everything," Priya Raman added.')
    q1, q2 = _quotes(text)
    assert q1.text == "We grew too fast," and q1.speaker == "Priya Raman" and q1.verb == "wrote"
    assert q2.text.startswith("First they buy") and q2.speaker == "Priya Raman"


def test_unclosed_quote_does_not_crash() -> None:
    text = ("“This sentence never ends, said Helen Ashworth.\n"
            "“But this one does,” Helen Ashworth said.")
    q1, q2 = _quotes(text)  # news convention: a quote running over two paragraphs
    assert q2.text == "But this one does," and q2.speaker == "Helen Ashworth"
    assert q1.text.startswith("This sentence") and q1.speaker == "Helen Ashworth"


def test_stray_unclosed_mark_is_skipped() -> None:
    text = ("He called it “a disaster and moved on.\n"
            "Helen Ashworth said: “We will appeal.”")
    (q,) = _quotes(text)
    assert q.text == "We will appeal." and q.speaker == "Helen Ashworth"


def test_quote_running_over_paragraphs() -> None:
    text = ("“We lost our neighbours,” said Mayor Daniela Ortiz. “We had the forecasts.\n"
            "“That changes this year.”\n"
            "Councilman Raymond Tso disagreed.")
    (q,) = _quotes(text)  # interrupted by "said Mayor Daniela Ortiz", then continued
    assert q.text == "We lost our neighbours, We had the forecasts. That changes this year."
    assert q.speaker == "Daniela Ortiz" and text[q.end:].startswith("”\nCouncilman")


def test_paragraph_quote_introduced_by_previous_paragraph() -> None:
    text = ("Speaking in Leeds, Daniela Ortiz described the deaths as a failure.\n"
            "“We lost our neighbours to something we saw coming.”")
    (q,) = _quotes(text)
    assert q.speaker == "Daniela Ortiz"


def test_british_single_quotation_marks() -> None:
    text = ("‘These are difficult decisions and we don’t take them lightly,’ said Priya Nair, "
            "the chief executive. ‘We’ll do everything we can for the workers’ families.’\n"
            "Gary Millward said staff had been ‘kept in the dark’.")
    q1, q2 = _quotes(text)
    assert q1.text == ("These are difficult decisions and we don’t take them lightly, "
                       "We’ll do everything we can for the workers’ families.")
    assert q1.speaker == "Priya Nair"
    assert q2.text == "kept in the dark" and q2.speaker == "Gary Millward"


def test_descriptor_before_name_and_organization_spokesperson() -> None:
    text = ("Siemens Energy shares fell. “No choice,” EU antitrust chief Marta Vidal told "
            "reporters. ‘We will fix it,’ a Siemens Energy spokesperson said.")
    q1, q2 = _quotes(text)
    assert q1.speaker == "Marta Vidal"
    assert q2.speaker == "Siemens Energy" and q2.speaker_type == "organization"


def test_modified_generic_organization_speaker() -> None:
    text = ("The Confederation of Norwegian Enterprise, which represents Fjordair, warned of "
            "damage. “A long stoppage will hurt tourism,” the employers’ group said.")
    (q,) = _quotes(text)
    assert q.speaker == "Confederation of Norwegian Enterprise"


def test_quote_offsets_survive_non_breaking_spaces() -> None:
    text = "“We\u00a0cannot pray for rain,” said Ricardo\u00a0Vásquez, the administrator."
    (q,) = _quotes(text)
    assert q.speaker == "Ricardo Vásquez" and q.text == "We\u00a0cannot pray for rain,"


def test_continuation_after_a_full_stop_attribution() -> None:
    text = ("“We are not building for today’s market,” Hiroshi Tanabe said. “We are building "
            "for the market of 2030.”")
    (q,) = _quotes(text)
    assert q.speaker == "Hiroshi Tanabe" and q.method != "continuation"
    assert q.text.endswith("market, We are building for the market of 2030.")


def test_partial_quote_in_reported_speech_is_attributed() -> None:
    text = ("The Department for Transport said the offer on the table was “fair and "
            "affordable” and urged the union to accept it.")
    (q,) = _quotes(text)
    assert q.speaker == "Department for Transport" and q.verb == "said"
    assert q.confidence < 0.9


def test_company_said_resolves_to_the_main_company() -> None:
    text = ("Veridian Systems cut 1,200 jobs. Veridian Systems took a writedown, analysts at "
            "Morgan Stanley said. “We will support affected employees,” the company said.")
    (q,) = _quotes(text)
    assert q.speaker == "Veridian Systems" and q.speaker_name == "the company"


def test_organization_introduced_with_a_noun_resolves_that_noun() -> None:
    text = ("The supporters’ association Juventude Leonina opposes the deal. “We have seen what "
            "happens in England,” the association said.")
    (q,) = _quotes(text)
    assert q.speaker == "Juventude Leonina" and q.speaker_type == "organization"


def test_role_of_an_organization_names_the_person() -> None:
    text = ("“Corvalis brings us exactly the science we need,” Helvexa’s chief executive, "
            "Lukas Brändli, said in a statement.")
    (q,) = _quotes(text)
    assert q.speaker == "Lukas Brändli"


def test_anonymous_executive_is_not_the_company() -> None:
    text = ("According to an executive at ICICI Lombard, one of the largest participants, "
            "“the math only works if claims are settled on accurate data.”")
    (q,) = _quotes(text)
    assert q.speaker is None


def test_organization_title_then_person_names_the_person() -> None:
    text = "“The bank will act,” said European Central Bank President Christine Lagarde."
    (q,) = _quotes(text)
    assert q.speaker == "Christine Lagarde" and q.speaker_type == "person"


def test_speaker_with_age_and_told() -> None:
    (q,) = _quotes("“We will appeal,” John Peterson, 54, told Reuters on Monday.")
    assert (q.speaker, q.verb) == ("John Peterson", "told")


def test_windows_line_endings_and_present_tense() -> None:
    text = "Maria Gonzalez runs a bakery in Madrid.\r\n\r\n“Prices keep rising,” she says.\r\n"
    (q,) = _quotes(text)
    assert (q.speaker, q.verb, q.method) == ("Maria Gonzalez", "says", "pronoun")


def test_quote_paragraph_continues_previous_speaker() -> None:
    text = ("Daniel Whitcombe is a managing partner at Harborview Capital.\n\n"
            "“We are not here to change the club,” he said.\n\n"
            "“We are here to help it compete.”\n\n"
            "“Nobody asked us,” said Rui Fonseca, an economist.")
    q1, q2 = _quotes(text)  # the second quote paragraph goes on with the first
    assert q1.speaker == "Daniel Whitcombe" and q1.method == "pronoun"
    assert q1.text == "We are not here to change the club, We are here to help it compete."
    assert q2.speaker == "Rui Fonseca"


def test_straight_single_quotation_marks() -> None:
    text = ("John Smith runs Acme Holdings.\n"
            "'We won't give up, and the workers' union knows it,' said Mr Smith. "
            "'We're here to stay.'\n"
            "The firm's 'cheap' shares rose.")
    (q,) = _quotes(text)
    assert q.text == "We won't give up, and the workers' union knows it, We're here to stay."
    assert q.speaker == "John Smith"


def test_colon_introduces_quote_without_speech_verb() -> None:
    text = ("John Smith runs Acme Holdings.\n"
            "Smith put it bluntly: \"We will appeal.\"")
    (q,) = _quotes(text)
    assert q.speaker == "John Smith"


def test_pronoun_after_a_paragraph_ending_in_a_quote() -> None:
    text = ("Its director, Ben Marlowe, was scathing: \"It is a bet against the climate.\"\n"
            "The Resources Minister, Tanya Okafor, welcomed the deal. She told parliament that "
            "Japan remained the \"most reliable partner.\"")
    quotes = _quotes(text)
    assert quotes[-1].text == "most reliable partner." and quotes[-1].speaker == "Tanya Okafor"


def test_role_reference_resolves_to_the_described_person() -> None:
    text = ("John Smith, the chief executive of Acme Holdings, spoke first. Jane Doe, a lawyer, "
            "listened.\n\"We will appeal,\" the chief executive said.")
    (q,) = _quotes(text)
    assert q.speaker == "John Smith" and q.method == "role"


def test_role_followed_by_a_name_uses_the_name() -> None:
    text = ("John Smith, the chief executive of Acme Holdings, spoke first.\n"
            "\"We will appeal,\" the chief executive, Jane Doe, said.")
    (q,) = _quotes(text)
    assert q.speaker == "Jane Doe"


def test_organization_possessive_before_a_person() -> None:
    text = ("Jane Doe leads the Harbour Trust.\n"
            "\"We will appeal,\" said the Harbour Trust's Jane Doe.")
    (q,) = _quotes(text)
    assert q.speaker == "Jane Doe"


def test_crlf_line_ends_give_the_same_quotes() -> None:
    text = ("Councilman Raymond Tso chairs the budget committee.\n\n"
            "“I don’t doubt anyone’s good intentions,” Tso said. “But we have been here before.\n\n"
            "“What I want is a budget line.”")
    lf = [(q.text, q.speaker) for q in _quotes(text)]
    crlf = [(q.text, q.speaker) for q in _quotes(text.replace("\n", "\r\n"))]
    assert lf == crlf and all(s == "Raymond Tso" for _, s in lf) and len(lf) == 1


def test_quote_nested_in_a_quote_with_the_same_marks() -> None:
    text = ("Port survey, explained.\n\nPOLLS WERE EARLY - Maria Lopez: “The polls were not "
            "wrong, though “cell phone only” homes are hard to reach. They ended too early.\n\n"
            "“Next time we will poll until the last day.”\n\nThe board agreed.")
    quotes = _quotes(text)
    assert [q.text[:20] for q in quotes] == ["The polls were not w"]
    (q,) = quotes
    assert q.speaker == "Maria Lopez" and "cell phone only" in q.text
    assert q.text.endswith("until the last day.")
    (q,) = _quotes("Tom Berg spoke. “The “harbour tax” is dead,” Berg said on Monday.")
    assert q.text == "The “harbour tax” is dead," and q.speaker == "Tom Berg"


def test_markup_attribute_values_are_no_quotes() -> None:
    text = ('<post author="harbour_desk" id="771">Port opens at six.</post>\n\n'
            'Tom Berg said, "The port is open."')
    quotes = _quotes(text)
    assert [q.text for q in quotes] == ["The port is open."]
