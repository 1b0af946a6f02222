"""People and organizations: resolution of short forms, titles, misspellings, places."""

from api.extraction import extract


def _people(text: str) -> dict:
    result = extract(text)
    for p in result.people:
        for s in p.spans:
            assert s.start < s.end
    return {p.name: p for p in result.people}


def test_surname_resolves_to_full_name() -> None:
    text = ("Russian President Vladimir Putin met officials on Monday. Putin later flew home, "
            "and Putin’s aides said nothing.")
    people = _people(text)
    assert list(people) == ["Vladimir Putin"]
    putin = people["Vladimir Putin"]
    assert putin.aliases == ["Putin"] and len(putin.spans) == 3
    assert putin.description == "Russian President"
    assert all(text[s.start:s.end] in ("Vladimir Putin", "Putin") for s in putin.spans)


def test_title_is_stripped_and_kept_as_alias() -> None:
    text = "“Russia lost many allies,” said Dr. Leonid Petrov, a professor in Canberra."
    people = _people(text)
    assert "Leonid Petrov" in people
    assert "Dr. Leonid Petrov" in people["Leonid Petrov"].aliases


def test_misspelling_is_merged_as_alias() -> None:
    text = ("North Korean leader Kim Jong Un will visit Moscow. Kim Jong Un was invited by the "
            "Kremlin. Nobody knows whether Kom Jong Un will actually make the trip.")
    people = _people(text)
    assert list(people) == ["Kim Jong Un"]
    assert "Kom Jong Un" in people["Kim Jong Un"].aliases


def test_similar_but_different_names_are_not_merged() -> None:
    text = ("Kim Il Sung founded the state. His son Kim Jong Il ruled after him, and Kim Jong Un "
            "took over in 2011.")
    assert {"Kim Il Sung", "Kim Jong Il", "Kim Jong Un"} <= set(_people(text))


def test_shared_word_resolves_to_most_recent_full_name() -> None:
    text = ("Kim Jong Un will visit Moscow in May. Analysts say Putin invited Kim to show he "
            "has friends. Kim Il Sung, the founder of the state, served in the Soviet army.")
    people = _people(text)
    kim = people["Kim Jong Un"]
    assert "Kim" in kim.aliases
    assert people["Kim Il Sung"].aliases == []


def test_accented_names_survive() -> None:
    text = ("“The trees are dying of thirst,” said José Martínez, a farmer. Zoë Müller, a "
            "German lawmaker, agreed. Martínez has farmed for forty years.")
    people = _people(text)
    assert {"José Martínez", "Zoë Müller"} <= set(people)
    assert "Martínez" in people["José Martínez"].aliases


def test_places_are_not_people_or_organizations() -> None:
    text = ("Russia and North Korea signed a deal in Moscow. North Korea’s railways will be "
            "rebuilt, the Kremlin said.")
    result = extract(text)
    names = {p.name for p in result.people} | {o.name for o in result.organizations}
    assert not names & {"Russia", "North Korea", "Moscow", "North Korea’s"}
    assert "Kremlin" in names


def test_organizations_kind_acronym_and_possessive() -> None:
    text = ("The Spanish Meteorological Agency (AEMET) issued a warning. AEMET said rainfall "
            "was low. Researchers at the University of Córdoba and analysts at Goldman Sachs "
            "agreed with the agency’s findings, as did the Hudson Institute’s experts.")
    orgs = {o.name: o for o in extract(text).organizations}
    assert "AEMET" in orgs["Spanish Meteorological Agency"].aliases
    assert orgs["University of Córdoba"].kind == "university"
    assert orgs["Hudson Institute"].kind == "think tank"
    assert "Hudson Institute’s" not in orgs


def test_every_record_has_provenance() -> None:
    result = extract("“We will hold them to that promise,” said Klaus Reinhardt of Verdi.")
    for rec in [*result.people, *result.organizations, *result.quotes]:
        assert rec.method and 0 <= rec.confidence <= 1


def test_context_fixes_company_taken_for_a_person() -> None:
    text = ("Italian carrier Aurelia Airways will merge with German rival Nordwind. Nordwind "
            "shares rose 3 per cent, and Nordwind was once rescued by Berlin.")
    result = extract(text)
    assert "Nordwind" in {o.name for o in result.organizations}
    assert "Nordwind" not in {p.name for p in result.people}


def test_context_finds_person_ner_missed() -> None:
    text = ("Carmen Ruiz-Olmedo, who heads the Andalusian branch of the farmers’ union, was "
            "angry. “We need water,” she said.")
    result = extract(text)
    assert "Carmen Ruiz-Olmedo" in {p.name for p in result.people}
    assert result.quotes[0].speaker == "Carmen Ruiz-Olmedo"


def test_short_forms_of_organizations_are_aliases() -> None:
    text = ("Kaneda Semiconductor will build a plant. Kaneda’s president spoke in Tokyo, and "
            "Kaneda shares rose. The European Commission approved it; the Commission said so.")
    orgs = {o.name: o for o in extract(text).organizations}
    assert "Kaneda" in orgs["Kaneda Semiconductor"].aliases
    assert "Commission" in orgs["European Commission"].aliases
    assert "Kaneda" not in orgs and "Commission" not in orgs


def test_dotted_acronyms_and_short_form_words_join_their_long_form() -> None:
    text = ("The United Nations will send aid to the region, officials said on Tuesday. The "
            "U.N. said convoys would leave Friday. The European Commission agreed to pay for "
            "it, and the EU Commission will report in May.")
    orgs = _orgs(text)
    assert "U.N." in orgs["United Nations"].aliases
    assert "EU Commission" in orgs["European Commission"].aliases
    assert not {"U.N.", "EU Commission"} & set(orgs)


def test_a_short_form_without_its_long_form_stays_itself() -> None:
    orgs = _orgs("The EU Commission fined the company. The U.N. said nothing.")
    assert "EU Commission" in orgs


def test_headline_only_names_are_dropped() -> None:
    text = ("Rail Workers Vote to Strike as Network Faces Summer of Disruption\n\n"
            "Train drivers at Northern Trains voted to strike, the union Aslef said.")
    names = {o.name for o in extract(text).organizations}
    assert "Aslef" in names
    assert not any("Network" in n or "Rail Workers" in n for n in names)


def _orgs(text: str) -> dict:
    return {o.name: o for o in extract(text).organizations}


def test_company_name_ending_in_possessive_s() -> None:
    text = ("Britain’s fifth-largest grocer, Harwood’s, has put 2,400 jobs at risk. Harwood’s "
            "said the cuts would save money. Analysts expect Harwood’s profits to rise.")
    orgs = _orgs(text)
    assert "Harwood’s" in orgs and "Harwood" in orgs["Harwood’s"].aliases


def test_country_before_a_government_body_is_not_an_organization() -> None:
    text = "Norway's Ministry of Transport urged both sides to return to mediation."
    orgs = _orgs(text)
    assert "Norway" not in orgs and "Ministry of Transport" in orgs


def test_organization_split_at_and_is_merged() -> None:
    text = ("The Pharmaceutical Research and Manufacturers of America, the industry's main "
            "lobbying group, said the caps would raise premiums.")
    assert "Pharmaceutical Research and Manufacturers of America" in _orgs(text)


def test_surname_after_a_title_is_a_mention() -> None:
    text = ("Jane Doe leads the Harbour Trust.\n\"We will appeal,\" Ms Doe said.")
    (doe,) = extract(text).people
    assert doe.name == "Jane Doe" and len(doe.spans) == 2


def test_single_name_after_according_to_is_an_organization() -> None:
    text = ("Harwood's market share slipped to 9.8 per cent in the 12 weeks to early March, "
            "according to Kantar.")
    result = extract(text)
    assert "Kantar" in {o.name for o in result.organizations}
    assert "Kantar" not in {p.name for p in result.people}


def test_facility_after_a_possessive_is_not_an_organization() -> None:
    text = ("Coral Sea Energy will approve a second processing train at its Scarborough Point "
            "plant, the company said.")
    assert "Scarborough Point" not in _orgs(text)


def test_a_title_with_a_portfolio_is_the_description_not_the_name() -> None:
    result = extract("Minister for Trade and Industry Lena Kovač said exports rose. "
                     "Kovač spoke in Zagreb.")
    people = {p.name: p for p in result.people}
    assert set(people) == {"Lena Kovač"}
    assert people["Lena Kovač"].description == "Minister for Trade and Industry"


def test_a_generic_noun_of_a_title_is_no_organization() -> None:
    result = extract("Party Chairman Ana Ruiz said the result was remarkable.")
    assert [p.name for p in result.people] == ["Ana Ruiz"]
    assert not result.organizations


def test_a_title_does_not_reach_into_the_sentence_before() -> None:
    text = ("Dock workers returned on Monday. Correspondent Lena Berg reported from the quay, "
            "where Berg counted forty ships.")
    (person,) = [p for p in extract(text).people if p.name == "Lena Berg"]
    assert person.description == "Correspondent"
