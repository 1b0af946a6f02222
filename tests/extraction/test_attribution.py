"""Attribution from the parse, one pattern per test, on sentences written for these tests."""

from __future__ import annotations

from api.extraction import Quote, extract
from api.extraction.attribution import PASSES, SPEAKER_METHODS
from api.extraction.coref import first_name_gender, title_gender
from api.extraction.rules import pairs, terms, verb_forms
from tests.helpers import quote_covers


def _quotes(text: str, kind: str | None = None) -> list[Quote]:
    out = extract(text).quotes
    for q in out:
        assert quote_covers(text, q)
    return [q for q in out if kind is None or q.kind == kind]


def _marked(text: str) -> list[Quote]:
    return [q for q in _quotes(text) if q.kind != "indirect"]


def test_inverted_verb_before_the_speaker() -> None:
    (q,) = _marked("Trams will run all night in summer. “It is about time,” said Brandt, "
                   "author of a book on the city's transport.")
    assert q.speaker_name == "Brandt" and q.verb == "said" and q.kind == "direct"


def test_age_between_name_and_verb_and_verb_with_object() -> None:
    (q,) = _marked("“I have never seen water this high,” Ingrid Halvorsen, 70, told the "
                   "network's anchor.")
    assert q.speaker == "Ingrid Halvorsen" and q.verb == "told"


def test_adjective_before_the_name() -> None:
    text = ("Captain Tomas Okafor brought the ferry in at dawn. “We were lucky,” a smiling "
            "Okafor said.")
    (q,) = _marked(text)
    assert q.speaker == "Tomas Okafor" and "Okafor" in q.speaker_name


def test_title_before_the_name_and_a_partial_quote() -> None:
    (q,) = _marked("Party Chairman Ana Ruiz said the result was “remarkable” and thanked the "
                   "volunteers.")
    assert q.speaker == "Ana Ruiz" and q.kind == "partial" and q.confidence < 0.9


def test_long_descriptor_before_the_name() -> None:
    (q,) = _marked("“The timetable is fiction,” former opposition transport critic Mark "
                   "Levesque said on Friday.")
    assert q.speaker == "Mark Levesque"


def test_spokesman_for_an_organization_is_the_organization() -> None:
    text = ("The Ministry of Fisheries opened an inquiry. “All quotas are under review,” a "
            "spokesman for the ministry said.")
    (q,) = _marked(text)
    assert q.speaker == "Ministry of Fisheries" and q.speaker_type == "organization"


def test_role_only_speaker_is_the_person_named_in_that_role() -> None:
    text = ("Marek Nowak, the chief executive of Baltic Freight, spoke after the vote.\n"
            "“We will appeal,” the chief executive said.")
    (q,) = _marked(text)
    assert q.speaker == "Marek Nowak" and q.method == "role"


def test_according_to() -> None:
    (q,) = _marked("“Demand has halved since March,” according to Olga Brenner, an analyst "
                   "at Nordhaven Securities.")
    assert q.speaker == "Olga Brenner" and q.method == "according_to"


def test_colon_introduction() -> None:
    (q,) = _marked("Union leader Pia Castell declared: “We will not stop.”")
    assert q.speaker == "Pia Castell" and q.verb == "declared"


def test_colon_without_speech_verb() -> None:
    text = "Ruth Abara runs the shelter.\nAbara was blunt: “We are full every night.”"
    (q,) = _marked(text)
    assert q.speaker == "Ruth Abara" and q.method == "colon"


def test_quote_paragraph_without_attribution_continues_the_previous_speaker() -> None:
    text = ("“The river has never been this low,” said Olu Mensah, a boatman.\n\n"
            "“We wait for rain every morning.”")
    (q,) = _marked(text)  # the second paragraph goes on with the quote: one quote
    assert q.speaker == "Olu Mensah" and q.method == "speech_verb"
    assert q.text == "The river has never been this low, We wait for rain every morning."


def test_quote_before_an_attributed_one_is_the_same_speaker() -> None:
    text = "“We are ready.” “The trucks leave tonight,” Dana Whitfield said."
    (q,) = _marked(text)  # one statement in two segments: one quote
    assert q.speaker == "Dana Whitfield" and q.method == "speech_verb"
    assert q.text == "We are ready. The trucks leave tonight,"


def test_speaker_not_typed_by_ner_is_kept_as_written() -> None:
    (q,) = _marked("“It was the coldest night of my life,” the night watchman said.")
    assert q.speaker is None and q.speaker_name == "the night watchman"


def test_she_goes_to_the_woman_not_the_nearer_man() -> None:
    text = ("Maria Lindqvist chairs the committee. Her deputy, Peter Olsen, read the report. "
            "“The figures do not add up,” she said.")
    (q,) = _marked(text)
    assert q.speaker == "Maria Lindqvist" and q.method == "pronoun"
    assert q.confidence < 0.9


def test_he_goes_to_the_man_named_by_title() -> None:
    text = ("Mrs. Anand met Mr. Kowalczyk at the port. Mr. Kowalczyk left first. Mrs. Anand "
            "stayed. “Nothing was agreed,” he said.")
    (q,) = _marked(text)
    assert q.speaker and "Kowalczyk" in q.speaker


def test_unknown_gender_matches_either_pronoun() -> None:
    text = "Xoran Tebbe leads the co-operative. “Prices must rise,” she said."
    (q,) = _marked(text)
    assert q.speaker == "Xoran Tebbe"


def test_scare_quotes_are_marked_and_never_attributed() -> None:
    quotes = _quotes("The mayor's “green wave” plan was dropped, officials said.")
    (q,) = [q for q in quotes if q.text == "green wave"]
    assert q.kind == "scare" and q.speaker is None and q.method == "unattributed"


def test_reported_speech_with_that() -> None:
    (q,) = _quotes("Inspector Hana Sato said that the bridge would stay closed until "
                   "spring.", "indirect")
    assert q.text == "the bridge would stay closed until spring"
    assert q.speaker == "Hana Sato" and q.verb == "said"


def test_reported_speech_clause_first() -> None:
    (q,) = _quotes("The bridge will stay closed until spring, Hana Sato said.", "indirect")
    assert q.text == "The bridge will stay closed until spring" and q.speaker == "Hana Sato"


def test_reported_speech_according_to() -> None:
    (q,) = _quotes("According to Hana Sato, the bridge will stay closed until spring.",
                   "indirect")
    assert q.text == "the bridge will stay closed until spring" and q.speaker == "Hana Sato"
    assert q.method == "according_to"


def test_no_reported_speech_without_a_speaker() -> None:
    assert _quotes("It is said that the bridge will stay closed until spring.",
                   "indirect") == []


def test_rules_are_data_files_and_passes_a_table() -> None:
    assert {"say", "tell", "declare"} <= terms("speech_verbs")
    assert verb_forms("speech_verbs")["told"] == "tell"
    assert verb_forms("speech_verbs")["quipped"] == "quip"
    assert pairs("organization_nouns")["ministry"] == ("government",)
    assert [p.name for p in PASSES][:2] == ["speech_verb", "surface"]
    assert all(0 < p.confidence <= 1 for p in PASSES)
    assert all(0 < c <= 1 for c in SPEAKER_METHODS.values())
    assert title_gender("Mrs.") == "female" and title_gender("Mr") == "male"
    assert first_name_gender("Maria") == "female" and first_name_gender("Peter") == "male"


def test_fragment_after_a_misparsed_sentence_goes_to_the_speaker() -> None:
    text = ("“We recorded the songs in a week,” Lena Varga said, mentioning that the new "
            "album is “almost finished.”")
    quotes = _marked(text)
    assert [q.speaker for q in quotes] == ["Lena Varga", "Lena Varga"]
    assert quotes[1].kind == "partial"


def test_weak_verb_deep_in_a_clause_is_not_the_speech_verb() -> None:
    text = ("Senator Ada Morrow said she is sure Paul Lenz will continue to be “a voice for "
            "the valley.”")
    (q,) = _marked(text)
    assert q.speaker == "Ada Morrow"


def test_dateline_is_not_a_speaker() -> None:
    text = "OSLO — “The rate stays where it is,” the governor of Norges Bank said."
    (q,) = _marked(text)
    assert q.speaker_name != "OSLO"


def test_analysts_at_a_firm_are_the_firm() -> None:
    text = "Analysts at Harwood Partners said the target looked “bold but reachable”."
    (q,) = _marked(text)
    assert q.speaker == "Harwood Partners" and q.speaker_type == "organization"


def test_an_official_is_not_the_organization() -> None:
    text = ("The Ministry of Water defended its plan. A ministry official called the "
            "criticism “harsh but fair.”")
    (q,) = _marked(text)
    assert q.speaker is None


def test_what_someone_calls_a_thing_is_their_phrase() -> None:
    text = "Rita Holm has campaigned on what she calls “honest budgeting.”"
    (q,) = _marked(text)
    assert (q.speaker, q.speaker_name, q.verb, q.kind) == ("Rita Holm", "she", "calls", "partial")


def test_quote_interrupted_by_its_attribution_is_one_quote() -> None:
    text = "“The vote was close,” Arne Dahl said, “but we will try again.”"
    (q,) = _marked(text)
    assert q.text == "The vote was close, but we will try again."
    assert (q.start, q.end) == (1, len(text) - 1)
    assert q.speaker == "Arne Dahl" and q.verb == "said" and q.method == "speech_verb"
    assert q.kind == "direct"


def test_fragments_of_one_paraphrase_are_one_partial_quote() -> None:
    text = ("Mayor Lena Hartwig said the new tram line was “overdue” and “worth every cent” at "
            "the opening.")
    (q,) = _marked(text)
    assert q.text == "overdue worth every cent" and q.kind == "partial"
    assert q.speaker == "Lena Hartwig" and q.confidence < 0.9


def test_segments_with_their_own_cue_or_another_sentence_between_stay_apart() -> None:
    added = _marked("“The vote was close,” Arne Dahl said, adding: “We will try again next "
                    "year.”")
    assert [q.verb for q in added] == ["said", "adding"]
    apart = _marked("“The vote was close,” Arne Dahl said. The council meets again on Friday. "
                    "“We will try again next year.”")
    assert len(apart) == 2 and apart[1].method == "continuation"
    two = _marked("“The vote was close,” Arne Dahl said. “We lost,” said Mia Berg, his deputy.")
    assert [q.speaker for q in two] == ["Arne Dahl", "Mia Berg"]


def test_subject_that_names_no_one_gives_way_to_the_reporting_speaker() -> None:
    (q,) = _marked("Lena Hartwig said her recent visits to the port have helped the project and "
                   "said that the plan was “a model for the whole region.”")
    assert q.speaker == "Lena Hartwig" and q.verb == "said"
    (q,) = _marked("Mia Berg says if voters think the issues will be solved by “the same old "
                   "parties,” they are wrong.")
    assert q.speaker == "Mia Berg"


def test_speech_verb_after_by_and_after_a_short_object() -> None:
    (q,) = _marked("Hanna Lund explained the decision by saying: “It was the only option.”")
    assert q.speaker == "Hanna Lund" and q.verb == "saying"
    (q,) = _marked("Mia Berg seemed ready to move on, telling the crowd, “We have work to do.”")
    assert q.speaker == "Mia Berg" and q.verb == "telling"
    (q,) = _marked("Hanna Lund shot back, “That is simply not true.”")
    assert q.speaker == "Hanna Lund" and q.verb == "shot"
    (q,) = _marked("Hanna Lund leaned in and boomed: “We will win in November.”")
    assert q.speaker == "Hanna Lund" and q.verb == "boomed"
    (q,) = _marked("Hanna Lund warned against calling it a “rescue.”")
    assert q.speaker is None


def test_name_before_a_colon_in_a_digest_of_sources() -> None:
    text = ("POLLS MISSED THE SURGE - Nordic Research Institute: “Our samples were too small "
            "in the north.”")
    (q,) = _marked(text)
    assert q.speaker == "Nordic Research Institute" and q.method in ("colon", "organization")
    (q,) = _marked("The mayor had one word for the plan: “Enough.”")
    assert q.speaker is None


def test_verbs_of_praise_and_blame_attribute_a_quoted_fragment() -> None:
    (q,) = _marked("Chancellor Ingrid Falk heralded the port deal as “a breakthrough for the "
                   "north.”")
    assert q.speaker == "Ingrid Falk" and q.verb == "heralded" and q.kind == "partial"
    assert {"applaud", "condemn", "denounce", "herald"} <= terms("speech_verbs")


def test_fragment_behind_a_verb_of_no_speech_is_the_subjects() -> None:
    text = ("Mara Lindqvist toured the harbour on Monday. Lindqvist delivered a spirited "
            "defense of “harbour values” at the dinner.")
    (q,) = _marked(text)
    assert q.speaker == "Mara Lindqvist" and q.method == "clause_subject"


def test_fragment_after_a_copula_is_not_its_subjects() -> None:
    text = ("Mara Lindqvist spoke on Monday. The ferry chief, Olle Berg, is “a patient man” "
            "by all accounts.")
    (q,) = _quotes(text)
    assert q.speaker != "Olle Berg"


def test_show_title_in_quotes_is_nobodys() -> None:
    text = ("Mara Lindqvist spoke on Monday. Lindqvist later appeared on the program "
            "“Harbour Matters Tonight” with two guests.")
    (q,) = _quotes(text)
    assert q.speaker is None


def test_colon_after_a_clause_whose_verb_is_no_speech_verb() -> None:
    text = ("Lena Park farms barley near the coast. Park has taken the view common among "
            "growers there: “We cannot wait for the rain any longer.”")
    (q,) = _marked(text)
    assert q.speaker == "Lena Park" and q.method == "colon"


def test_quote_in_the_title_is_no_statement() -> None:
    text = ("Harbour Chief Calls Ferry Plan ‘Reckless’\n\n"
            "Olle Berg, the harbour chief, spoke on Monday. “The plan is reckless,” Berg said.")
    title, body = _marked(text)
    assert title.speaker is None
    assert body.speaker == "Olle Berg"


def test_closing_mark_glued_to_the_speakers_name() -> None:
    text = ("Hal Brenner chairs the port board. “It has surprised me to see this,”Brenner said. "
            "“It does not fit.”")
    (q,) = _marked(text)
    assert q.speaker == "Hal Brenner" and q.verb == "said"


def test_speech_verb_the_tagger_reads_as_a_noun() -> None:
    text = ("Mayor Dana Whitfield spoke on Monday. “The budget is tight. Residents want "
            "answers,” Whitfield notes.")
    (q,) = _marked(text)
    assert q.speaker == "Dana Whitfield" and q.verb == "notes"


def test_speaker_named_by_age() -> None:
    text = ("Melina Ortiz spoke at the gala. “The city has always been an amazing place,” said "
            "the 46-year-old.")
    (q,) = _marked(text)
    assert (q.speaker_name, q.speaker, q.method) == ("the 46-year-old", "Melina Ortiz", "role")


def test_colon_after_a_person_named_as_the_object() -> None:
    text = ("Officials gathered at the hall. The result does not surprise pollster Daron Shaw: "
            "“Early contests matter more than people think.”")
    (q,) = _marked(text)
    assert q.speaker == "Daron Shaw" and q.method == "colon"


def test_inverted_verb_is_no_part_of_the_name() -> None:
    text = ("Political adviser Roger Stone spoke to reporters on Monday about the count. "
            "Continued Stone: “So I think it is a very real problem for the county.”")
    result = extract(text)
    assert [p.name for p in result.people] == ["Roger Stone"]
    (q,) = [q for q in result.quotes if q.kind != "indirect"]
    assert q.speaker == "Roger Stone"


def test_relative_pronoun_speaker() -> None:
    text = ("Pastor Ken Swan praised the preacher Frank Gale, who has vowed not to buy the "
            "cookies because of the group’s “support of the new rules.”")
    (q,) = _marked(text)
    assert (q.speaker_name, q.speaker, q.method) == ("who", "Frank Gale", "pronoun")


def test_speech_verb_without_subject_under_another() -> None:
    text = ("Lena Holm spoke in Kiruna on Monday. Reprising an old line, Holm talked about "
            "continuing the “progress we made together in the north.”")
    (q,) = _marked(text)
    assert q.speaker == "Lena Holm" and q.verb == "talked"


def test_statement_saying_is_its_issuers() -> None:
    text = ("The Harbour Authority released a statement on Wednesday saying the plans “are "
            "based on opinion, not facts,” and invited the minister to visit.")
    (q,) = _marked(text)
    assert q.speaker == "Harbour Authority" and q.verb == "saying"


def test_attribution_as_a_sentence_of_its_own_joins_the_quote() -> None:
    text = ("Senator Nils Berg spoke on Sunday. “Have I started writing my speech?” Berg "
            "replied. “Look, the answer is yes.”")
    (q,) = _marked(text)
    assert q.speaker == "Nils Berg"
    assert q.text == "Have I started writing my speech? Look, the answer is yes."


def test_speaker_as_written_keeps_the_articles_apostrophes() -> None:
    text = "“We will appeal,” Anna Lind’s campaign manager said on Monday."
    (q,) = _marked(text)
    assert q.speaker_name == "Anna Lind’s campaign manager"


def test_doubled_apostrophe_quotes_hold_no_single_quoted_quotes() -> None:
    text = ("Mr. Hale spoke on Monday. ''Sometimes they say, 'Yeah, the mayor is right, you "
            "have to go back,''' said Mr. Hale, who was born in Havana.")
    assert _marked(text) == []


def test_fragments_joined_by_and_share_the_later_attribution() -> None:
    text = ("Guns are “the ultimate public health crisis” and “stunt children’s growth,” Hal "
            "Dean, the former governor, proclaimed to a cheering crowd.")
    quotes = _marked(text)
    assert quotes and all(q.speaker == "Hal Dean" for q in quotes)


def test_sentence_subject_is_the_last_heuristic() -> None:
    text = ("Mayor Tove Lind arrived in the hall on Monday. Lind ended her speech — “We will "
            "build it together, and we will build it now!” — to loud applause.")
    (q,) = _marked(text)
    assert (q.speaker, q.method, q.confidence) == ("Tove Lind", "sentence_subject", 0.4)
    assert PASSES[-1].name == "sentence_subject"


def test_it_speaks_only_as_the_subject_of_a_speech_verb() -> None:
    (q,) = _marked("The Harbour Board met on Monday. It wasn’t just the cries of “Shame!” that "
                   "rattled the chair.")
    assert q.speaker is None
    (q,) = _marked("The Harbour Board met on Monday. It said in a statement: “The plan stands.”")
    assert q.speaker == "Harbour Board"


def test_abbreviation_in_brackets_does_not_end_the_sentence() -> None:
    text = ("Harbour plan falls short. Sen. Ana Ruiz (D-Vt.) on Monday criticized the harbour "
            "plan, saying it goes “nowhere near far enough.”")
    (q,) = _marked(text)
    assert q.speaker == "Ana Ruiz" and q.verb == "saying"


def test_dateline_taken_for_a_second_subject() -> None:
    text = ("Ruiz attacks rival. BRUSSELS (Wire) – Senator Ana Ruiz has taken a swipe at her "
            "rival Tom Berg, saying that “reckless promises” do more harm than good.")
    (q,) = _marked(text)
    assert q.speaker == "Ana Ruiz"


def test_person_named_right_before_the_verb_when_the_parse_gives_no_subject() -> None:
    text = ("Berg under fire. Sunday on a talk show, when asked about rival Tom Berg, Senator "
            "Ana Ruiz said she expected that voters will say “no” to his harbour plan.")
    (q,) = _marked(text)
    assert q.speaker == "Ana Ruiz"


def test_passive_speech_verb_is_its_agents() -> None:
    text = ("Tom Berg took questions on Monday. Berg was asked by moderator Ana Ruiz whether "
            "his plan would risk “adding another expensive program to the budget.”")
    (q,) = _marked(text)
    assert q.speaker == "Ana Ruiz"
    text = ("Tom Berg took questions on Monday. Berg was asked, “Would you build the bridge "
            "again?”")
    (q,) = _marked(text)
    assert q.speaker is None


def test_name_of_a_show_is_no_quote_and_does_not_split_one() -> None:
    text = ("“We will release the records,” Maria Lopez said during an interview on Channel "
            "Nine’s “Morning Report” on Sunday. “There is nothing to hide.”")
    marked = _marked(text)
    show = [q for q in marked if q.text == "Morning Report"]
    assert show and show[0].kind == "scare" and show[0].speaker is None
    (q,) = [q for q in marked if q.kind != "scare"]
    assert q.speaker == "Maria Lopez" and "nothing to hide" in q.text


def test_opening_mark_glued_to_the_comma_after_the_verb() -> None:
    (q,) = _marked("Maria Lopez spoke to the council on Monday. Lopez said,“Look, the budget "
                   "is not balanced.”")
    assert q.speaker == "Maria Lopez" and q.text.startswith("Look")


def test_speech_phrases_with_their_particle_or_object() -> None:
    (q,) = _marked("The harbour budget was late again. As the Harbour Times put it, “Hello, it "
                   "is the budget again.”")
    assert q.speaker == "Harbour Times"
    (q,) = _marked("Maria Lopez took questions. “You know, it happens, right?” Lopez went on, "
                   "as if she had not heard.")
    assert q.speaker == "Maria Lopez"
    assert _marked("Maria Lopez took questions. The tax was put to a vote on “Harbour Day.”"
                   )[0].speaker is None


def test_in_someones_words() -> None:
    (q,) = _marked("Maria Lopez studied the city for years. The city was chosen because, in "
                   "Lopez’s words, “it has more startups per capita than anywhere.”")
    assert (q.speaker, q.method) == ("Maria Lopez", "according_to")


def test_verb_hanging_from_a_quoted_verb_takes_the_speaker_above() -> None:
    text = ("Tom Berg spoke to the radio station. Berg told the station that Maria Lopez “had a "
            "reckless plan for the harbour,” adding, “She lost every vote in the port.”")
    quotes = _marked(text)
    assert [q.speaker for q in quotes] == ["Tom Berg", "Tom Berg"]


def test_quote_paragraph_before_an_attributed_quote_paragraph() -> None:
    text = ("Maria Lopez is hopeful about the harbour vote.\n\n“Not only can we win the vote, "
            "we can win it by a wide margin.”\n\n“The port has never been this united,” Lopez "
            "notes.")
    quotes = _marked(text)
    assert quotes and all(q.speaker == "Maria Lopez" for q in quotes)
    assert any("wide margin" in q.text for q in quotes)


def test_participle_opening_a_sentence_goes_on_with_the_speaker_before() -> None:
    quotes = _marked("Maria Lopez said the plan “was not good.” Adding, “Now, like all plans, "
                     "it is never that bad.”")
    assert [q.speaker for q in quotes] == ["Maria Lopez", "Maria Lopez"]


def test_statement_joined_across_the_rest_of_its_attribution_sentence() -> None:
    text = ("“We will release the records,” Maria Lopez told Channel Nine’s “Today” on Monday. "
            "“There is nothing to hide.”")
    (q,) = _marked(text)
    assert q.speaker == "Maria Lopez" and q.text.startswith("We will release")
    assert q.text.endswith("There is nothing to hide.")


def test_show_name_ending_the_sentence_is_nobodys() -> None:
    text = ("Maria Lopez took questions on Monday. She is now the host of “The Late Harbour "
            "Hour.” Viewers wrote in.")
    (q,) = _quotes(text)
    assert q.kind == "scare" and q.speaker is None


def test_line_break_ends_a_sentence_without_final_punctuation() -> None:
    text = ("Maria Lopez kept up her criticism of the port board before the vote \n"
            "Lopez, in Harbourtown, said Tuesday that the board was “a total failure” and "
            "“a closed shop.” The board did not answer.")
    quotes = _marked(text)
    assert quotes and all(q.speaker_name == "Lopez" for q in quotes)


def test_speaker_by_age_after_the_quote() -> None:
    (q,) = _marked("Maria Lopez posted the video on Thursday. “What if Tom Berg had "
                   "elocution lessons?” the 43-year-old asked in the video’s description.")
    assert (q.speaker_name, q.speaker, q.method) == ("the 43-year-old", "Maria Lopez", "role")


def test_role_subject_the_parse_hung_on_the_names_before_it() -> None:
    text = ("Maria Lopez spoke on Monday. In an interview with Morning Show hosts Tom Berg "
            "and Ana Ruiz, the Democratic presidential candidate stated that the board’s plans "
            "do not “fit with what I thought I knew about them.”")
    (q,) = _marked(text)
    # the description the parse gave Ana Ruiz (the candidate) does not make her the speaker
    assert q.speaker_name == "the Democratic presidential candidate" and q.speaker is None


def test_participle_after_a_quote_takes_no_speaker_from_its_object() -> None:
    text = ("The Harbour Foundation did not want to address “that person,” telling Channel "
            "Nine that it is focused on the port.")
    assert all(q.speaker != "Channel Nine" for q in _quotes(text))


def test_title_of_a_work_after_its_noun_is_nobodys() -> None:
    text = ("Tom Berg co-hosts the politics podcast “So, That Happened.” Maria Lopez starred "
            "in the hit play, “Harbour.” She said, “It was a good year.”")
    quotes = _quotes(text)
    assert [(q.kind, q.speaker) for q in quotes[:2]] == [("scare", None), ("scare", None)]
    assert quotes[2].speaker == "Maria Lopez"


def test_they_after_a_group_subject_is_the_group_not_an_organization() -> None:
    text = ("Haddad Holdings, a shipping firm, said it would hire 40 more dock workers. The "
            "unions said they were pleased. They added, “This is a good day.” Haddad Holdings "
            "said its ships were ready. They added, “We sail tonight.”")
    group, firm = [q for q in _marked(text)]
    assert (group.speaker_name, group.speaker) == ("They", None)
    assert (firm.speaker_name, firm.speaker) == ("They", "Haddad Holdings")


def test_a_name_modifying_a_thing_is_not_its_speaker() -> None:
    text = ("Harbour Minister Tomas Okafor has invited 68 mayors to the port.\n\nStatement "
            "from political analyst\n\nA few analysts, however, believe Okafor invite "
            "suggests that there is more of substance in the works.")
    assert all(q.speaker != "Tomas Okafor" for q in _quotes(text))


def test_quote_held_by_a_possessed_speech_noun_is_the_possessors() -> None:
    text = ("The harbour vote is on Monday.\n\nMaria Lopez spoke at the port. Lopez’s “green "
            "wave” remark was widely shared. Senator Ana Ruiz was asked about families. The "
            "senator’s answer was that “the family is the most important institution.”")
    quotes = _quotes(text)
    assert [(q.speaker, q.method) for q in quotes] == [
        ("Maria Lopez", "speech_noun"), ("Ana Ruiz", "role")]


def test_a_finding_is_its_finders() -> None:
    text = ("The harbour vote is on Monday.\n\nIn 2014, the Harbour Institute found that “about "
            "twice as many residents want a night ferry than a bridge.”")
    (q,) = _marked(text)
    assert q.speaker == "Harbour Institute" and q.verb == "found"
