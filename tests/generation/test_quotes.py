"""Quote attribution, rule by rule, on short invented news passages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.generation.quotes import METHODS, Attribution, extract_quotes


@pytest.fixture
def attribute(nlp):
    def attribute(text: str, include_labels: bool = False) -> list[Attribution]:
        return extract_quotes(text, doc=nlp(text), include_labels=include_labels)

    return attribute


def speakers(attributions: list[Attribution]) -> list[str | None]:
    return [a.speaker for a in attributions]


def only(attributions: list[Attribution]) -> Attribution:
    assert len(attributions) == 1, attributions
    return attributions[0]


def test_offsets_cover_the_words_inside_the_marks(attribute):
    text = "“Every shop on this street flooded,” Oskar Lindqvist told the Kestrel Gazette."
    a = only(attribute(text))
    assert a.quote == text[a.start : a.end] == "Every shop on this street flooded"


@pytest.mark.parametrize(
    "text",
    [
        "“We are confident the repairs will hold,” said Imogen Vance, chief engineer at the Harlow Bridge Trust.",
        "“The river has never been this high in my lifetime,” Imogen Vance said on Monday.",
        "“Every shop on this street flooded,” Imogen Vance told the Kestrel Gazette.",
        "“Prices will rise again before winter,” according to Imogen Vance, an economist at Banque Verte.",
        "Speaking after the vote, Imogen Vance said: “This is the best outcome we could have hoped for.”",
        "“Where will the money come from?” asked Imogen Vance, a councillor.",
    ],
    ids=["said X", "X said", "X told", "according to X", "X said: …", "asked X"],
)
def test_a_name_beside_a_speech_verb_attributes_the_quote(attribute, text):
    a = only(attribute(text))
    assert (a.speaker, a.method, a.confidence) == ("Imogen Vance", "explicit name", 0.95)
    assert "named in the same sentence" in a.reason


def test_the_role_comes_from_the_apposition(attribute):
    text = "“We are confident the repairs will hold,” said Imogen Vance, chief engineer at the Harlow Bridge Trust."
    assert only(attribute(text)).speaker_role == "chief engineer at the Harlow Bridge Trust"


def test_a_short_fragment_governed_by_a_speech_verb_is_speech(attribute):
    a = only(attribute("Oskar Lindqvist said the council had acted “far too late.” Residents agreed."))
    assert a.speaker == "Oskar Lindqvist"
    assert a.confidence < 0.95  # a fragment inside the sentence is less certain than a full quotation


def test_an_interrupted_quotation_gives_two_parts_with_one_speaker(attribute):
    found = attribute("“We lost everything,” said Hanna Berg, a baker. “The ovens, the stock, the lot.”")
    assert speakers(found) == ["Hanna Berg", "Hanna Berg"]
    assert "interrupted" in found[1].reason
    assert found[1].confidence < found[0].confidence


def test_words_quoted_inside_a_quotation_are_not_its_attribution(attribute):
    a = only(attribute("“Smith said it was over,” Carla Duarte told reporters."))
    assert a.speaker == "Carla Duarte"


def test_he_resolves_to_the_last_person_named_as_a_subject(attribute):
    text = (
        "Anna Fiore said the plan would work. Later, Marco Bellini, a farmer, arrived at the meeting.\n\n"
        "“I have heard all this before,” he said."
    )
    a = only(attribute(text))
    assert (a.speaker, a.method) == ("Marco Bellini", "pronoun")
    assert "resolves to Marco Bellini" in a.reason


def test_he_added_prefers_the_speaker_just_before(attribute):
    text = (
        "“The repairs are finished,” said Tomasz Wrobel, who was hired by Mayor Pieter Claes last year.\n\n"
        "“The bridge is safe,” he added."
    )
    assert speakers(attribute(text)) == ["Tomasz Wrobel", "Tomasz Wrobel"]


def test_a_gendered_pronoun_skips_people_the_article_gives_the_other_gender(attribute):
    text = (
        "Lena Castro, a nurse, said her ward was full. Mr Felix Ambrose, the ward's consultant, said staff "
        "were exhausted.\n\n“We cannot go on like this,” she said."
    )
    assert only(attribute(text)).speaker == "Lena Castro"


def test_singular_they_resolves_to_a_person_with_lower_confidence(attribute):
    text = "Kit Ramsay, a patient advocate, drives to the hospital twice a month.\n\n“A phone line does not take your pulse,” they said."
    a = only(attribute(text))
    assert (a.speaker, a.method) == ("Kit Ramsay", "pronoun")
    assert a.confidence < 0.75


def test_surname_and_first_name_resolve_to_the_full_name(attribute):
    text = (
        "Katrin Solheim, a fisheries scientist, studies cod. Tor Haug, a fisherman, disagrees.\n\n"
        "“The stocks are fine,” said Haug.\n\n“They are not,” Katrin said."
    )
    haug, katrin = attribute(text)
    assert (haug.speaker, haug.method, haug.speaker_role) == ("Tor Haug", "surname", "fisherman")
    assert (katrin.speaker, katrin.method) == ("Katrin Solheim", "first name")
    assert haug.confidence > katrin.confidence


def test_a_description_resolves_to_the_person_introduced_with_that_role(attribute):
    text = (
        "Priya Nandakumar, the harbour master, closed the port on Tuesday.\n\n"
        "“No ship leaves until the storm passes,” the harbour master said."
    )
    a = only(attribute(text))
    assert (a.speaker, a.method) == ("Priya Nandakumar", "description")


def test_an_age_description_resolves_to_the_person_of_that_age(attribute):
    text = (
        "One shopper, Doris Whitfield, 84, has bought her vegetables here since 1962. Her neighbour, "
        "Ada Pryce, 79, agreed.\n\n“Where am I supposed to go?” the 84-year-old asked."
    )
    a = only(attribute(text))
    assert (a.speaker, a.method) == ("Doris Whitfield", "description")


def test_as_she_put_it_is_speech(attribute):
    text = "Priscilla Manning, a florist, was unimpressed. As she put it: “A food hall is not a market.”"
    assert only(attribute(text)).speaker == "Priscilla Manning"


def test_a_second_speaker_in_the_same_paragraph_keeps_their_own_attribution(attribute):
    text = (
        '"We lost the barn and both trucks," said Eli Grant, a farmer. "We kept the house, and I don\'t '
        'know how," his wife, Mara Grant, added.'
    )
    assert speakers(attribute(text)) == ["Eli Grant", "Mara Grant"]


def test_a_description_matching_nobody_leaves_the_speaker_unnamed(attribute):
    a = only(attribute("“We are reviewing the decision,” a spokesperson for the airport said."))
    assert (a.speaker, a.method, a.speaker_role) == (None, "description", "spokesperson for the airport")
    assert a.confidence <= 0.3


def test_the_company_is_the_organisation_last_named(attribute):
    text = "The ferry operator Calloway Lines announced the cuts on Monday.\n\n“Demand has collapsed,” the company said."
    a = only(attribute(text))
    assert (a.speaker, a.method) == ("Calloway Lines", "description")


def test_it_said_is_the_organisation_last_named(attribute):
    text = "The Harlow Port Authority rejected the claims on Monday. “We followed every rule,” it said."
    a = only(attribute(text))
    assert (a.speaker, a.method) == ("Harlow Port Authority", "pronoun")


def test_a_speech_verb_without_a_reported_clause_does_not_make_a_speaker(attribute):
    text = "Lukas Brandt, the mayor, claimed a landslide victory on Sunday.\n\n“The psychological stress was unbearable.”"
    a = only(attribute(text))
    assert (a.speaker, a.method) == (None, "unattributed")


def test_a_quote_paragraph_continues_the_speaker_of_the_paragraph_before(attribute):
    text = (
        "Ruth Adeyemi, a teacher, said the school had no heating.\n\n"
        "“The children wear their coats in class. Some days it is four degrees inside.”"
    )
    a = only(attribute(text))
    assert (a.speaker, a.method) == ("Ruth Adeyemi", "continuation")
    assert a.confidence < 0.75


def test_no_continuation_across_an_intervening_paragraph(attribute):
    text = (
        "Ruth Adeyemi, a teacher, said the school had no heating.\n\nCold classrooms\n\n"
        "“The children wear their coats in class. Some days it is four degrees inside.”"
    )
    a = only(attribute(text))
    assert (a.speaker, a.method) == (None, "unattributed")


def test_a_quotation_over_several_paragraphs_keeps_its_speaker(attribute):
    text = (
        "“The first thing we did was count the boats,” said Aino Virtanen, the harbour master. "
        "“Then we counted the people.\n\n“Nobody was missing. That is what I will remember.”"
    )
    found = attribute(text)
    assert speakers(found) == ["Aino Virtanen"] * 3
    assert found[2].method == "continuation"


def test_reported_speech_earlier_in_the_paragraph_attributes_a_quote_left_open(attribute):
    text = 'Joel Marsh said twenty colleagues had lost their jobs. "Some of them moved here for this job.'
    a = only(attribute(text))
    assert a.speaker == "Joel Marsh"
    assert a.quote == "Some of them moved here for this job."


def test_scare_quotes_single_words_and_titles_are_not_speech(attribute):
    text = (
        "Critics called it a “managed retreat” and the minister’s “pet project”, while the report "
        "“Holding the Line: Coastal Defence to 2050” urged a new wall.\n\n“Rebellion”\n\n"
        "Ines Baptiste wrote a memoir, “The Last Country Doctor,” in 2019."
    )
    assert attribute(text) == []
    labels = attribute(text, include_labels=True)
    assert [a.quote for a in labels] == [
        "managed retreat",
        "pet project",
        "Holding the Line: Coastal Defence to 2050",
        "Rebellion",
        "The Last Country Doctor",
    ]
    assert {(a.speaker, a.method) for a in labels} == {(None, "unattributed")}


def test_british_single_quotes_with_apostrophes(attribute):
    text = "‘We can’t run empty ships,’ said Graham Pettigrew, the firm’s director. ‘The islanders’ needs come first.’"
    found = attribute(text)
    assert [a.quote for a in found] == ["We can’t run empty ships", "The islanders’ needs come first."]
    assert speakers(found) == ["Graham Pettigrew"] * 2


def test_straight_quotes_and_a_first_name_only_source(attribute):
    text = 'Maya, a 29-year-old designer, lost her job. "There was no meeting, no call, nothing," she said.'
    a = only(attribute(text))
    assert (a.speaker, a.speaker_role) == ("Maya", "29-year-old designer")


def test_a_quote_without_any_speaker_nearby_is_unattributed(attribute):
    a = only(attribute("The mood in the town was grim.\n\n“It feels like the end of something.”"))
    assert (a.speaker, a.method, a.confidence) == (None, "unattributed", 0.1)
    assert a.reason


def test_confidence_follows_the_method(attribute):
    text = (
        "Ruth Adeyemi, a teacher, said the school had no heating.\n\n"
        "“The children wear coats in class,” Adeyemi said.\n\n“It is four degrees inside,” she said.\n\n"
        "“Nobody has come to fix it.”\n\n“We wrote letters,” said Ruth Adeyemi."
    )
    by_method = {a.method: a.confidence for a in attribute(text)}
    assert (
        by_method["explicit name"] > by_method["surname"] > by_method["pronoun"] > by_method["continuation"]
    )


def test_no_quotation_marks_means_no_parse_and_no_attributions():
    assert extract_quotes("Plain prose without any quotation. Nobody speaks.", model="no_such_model") == []


WORDS = ["said", "he", "she", "they", "Anna Lee", "told", "according to", "the minister", "Mr", ", a nurse,"]
PIECES = ["“", "”", '"', "‘", "’", "'", " ", ", ", ". ", "\n\n", ":", *WORDS]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=50).map("".join), st.booleans())
def test_odd_and_unbalanced_quotation_marks_never_crash_it(nlp, text, include_labels):
    for a in extract_quotes(text, doc=nlp(text), include_labels=include_labels):
        assert a.quote == text[a.start : a.end] and a.start < a.end
        assert 0 <= a.confidence <= 1
        assert a.method in METHODS
        assert a.reason


def test_a_surname_with_a_particle_resolves_to_the_full_name(attribute):
    text = (
        "The plan was drawn up by transport planner Maarten de Vries and approved in March.\n\n"
        "“We had no other route,” de Vries said. De Vries said: “The bridge was closing anyway.”"
    )
    assert speakers(attribute(text)) == ["Maarten de Vries", "Maarten de Vries"]


def test_either_part_of_a_double_surname_resolves_to_the_full_name(attribute):
    text = (
        "The clinic is run by its director, Carmen Ruiz Castillo, a former paediatrician.\n\n"
        "“We will open on Saturdays from next month,” Ms. Ruiz said."
    )
    assert speakers(attribute(text)) == ["Carmen Ruiz Castillo"]


def test_an_organisation_is_credited_by_the_full_name_it_was_introduced_with(attribute):
    text = (
        "Water levels are measured by the Dunmore Harbour Authority every hour.\n\n"
        "The Harbour Authority said in a statement: “The gates will stay shut until Friday.”"
    )
    assert speakers(attribute(text)) == ["Dunmore Harbour Authority"]


def test_an_organisation_never_named_is_nobody(attribute):
    text = (
        "Residents have complained about the smell for months.\n\n"
        "The environment ministry said in a statement that the plant would be “inspected within a week.”"
    )
    assert speakers(attribute(text)) == [None]  # (corvana-headquarters-move's gold: "ministry" tagged PROPN)


def test_a_short_name_after_a_naming_verb_is_a_label_not_speech(attribute):
    text = (
        "Ilse Brandt, a night porter, said the corridor was now used for patients, and described what staff "
        "call the “overflow lane.” She said it had twelve beds."
    )
    labelled = attribute(text, include_labels=True)
    assert [(a.quote, a.speaker) for a in labelled] == [("overflow lane.", None)]


@pytest.mark.parametrize(
    "text",
    [
        "Tomas and Elif Brandvold, who have farmed the valley since 1990, watched from the gallery.\n\n"
        "“We will stay, whatever happens to the road,” they said.",
        "Three of the volunteers who rebuilt the pier, now in their sixties, came to the ceremony. "
        "They stood at the back.\n\n“It took us a whole winter,” they said.",
    ],
    ids=["a couple", "a group"],
)
def test_they_after_a_group_is_nobody(attribute, text):
    assert only(attribute(text)).speaker is None


def test_a_month_is_never_a_speaker_and_the_role_finds_the_person(attribute):
    text = (
        "The budget passed after Mayor Ines Calloway broke the tie.\n\n"
        "Asked whether she feared facing Pell in March, the mayor smiled. “I sleep fine,” the mayor said."
    )
    assert only(attribute(text)).speaker == "Ines Calloway"


def test_a_lowercase_particle_name_at_the_start_is_the_subject(attribute):
    text = (
        "The defense called Tariq Olsen, who ran the depot for a decade.\n\n"
        "“Who signed the transfer?” al-Rashid asked."
    )
    speaker = only(attribute(text)).speaker
    assert speaker is not None and "Rashid" in speaker


def test_an_organisation_description_is_the_organisation_not_its_staff(attribute):
    text = (
        "The show opens at the Brennick Museum of Science on Friday. Its curator, Ilse Moravec, chose "
        "every object.\n\n"
        "The museum said in a statement that entry would be free “for every school group, all year.”"
    )
    assert only(attribute(text)).speaker == "Brennick Museum of Science"


def test_a_sentence_about_a_person_gives_their_gender(attribute):
    text = (
        "Prosecutor Lena Sorvik questioned the harbourmaster, Tomas Ekdahl, for two hours.\n\n"
        "Ekdahl waited by the door. Sorvik declined to comment as she left the building.\n\n"
        "“Not a single word,” he said."
    )
    assert only(attribute(text)).speaker == "Tomas Ekdahl"


def test_she_prefers_a_woman_to_a_person_of_unknown_gender_in_the_same_sentence(attribute):
    text = (
        "Ms Aurelia Penhale, the planning chief, and the developer Dario Lusk met the board on Monday.\n\n"
        "“We have counted every car,” she said."
    )
    assert only(attribute(text)).speaker == "Aurelia Penhale"


def test_a_guess_about_one_pronoun_does_not_fix_a_gender(attribute):
    text = (
        "Ruth Ostby chairs the board. Pim Adeyemi, the builder's engineer, said the road would be widened.\n\n"
        "“We counted every car,” she said.\n\n"
        "He said the company would also pay for a signal. “The signal is funded,” he said."
    )
    assert attribute(text)[-1].speaker == "Pim Adeyemi"


@pytest.mark.parametrize("owner", ["Her", "Ostrander's"])
def test_a_colon_quote_after_a_persons_message_is_theirs(attribute, owner):
    text = (
        "Councillor Greta Ostrander, who is in her third term, met the tenants on Friday, "
        f"according to two people who were there. {owner} message was short: “Fix the roof first.”"
    )
    assert only(attribute(text)).speaker == "Greta Ostrander"


def test_he_passes_over_a_woman_named_later_even_after_questioned_him(attribute):
    text = (
        "The witness, Corin Odell, testified for a second day. Prosecutor Mina Castell questioned him.\n\n"
        "Castell declined to comment as she left. Her office said in a brief written statement that it would "
        "“let the evidence speak in closing.”\n\n"
        "Odell, who has not been charged, left through a side door. Asked by reporters whether he had spoken "
        "to Castell since, he shook his head.\n\n"
        "“Not one word,” he said."
    )
    assert attribute(text)[-1].speaker == "Corin Odell"
