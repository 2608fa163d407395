"""The people an article names: entity corrections, full names, roles, gender; and the model loader."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from app.generation import nlp as nlp_module
from app.generation.name_spans import name_text
from app.generation.nlp import ModelNotInstalledError, load_model, model_name
from app.generation.speaker_names import People, find_people


@pytest.fixture
def people(nlp):
    def people(text: str) -> People:
        return find_people(nlp(text))

    return people


def named(found: People) -> dict[str, str | None]:
    return {p.name: p.role for p in found.persons}


def test_an_org_tagged_name_with_a_person_apposition_is_a_person(people):
    found = people(
        "“Even if the mill survives, the town will not,” Franak Viacorka, a Belarusian journalist and "
        "non-resident fellow at the Atlantic Council, wrote on Twitter."
    )
    assert named(found) == {
        "Franak Viacorka": "Belarusian journalist and non-resident fellow at the Atlantic Council"
    }


def test_places_and_media_tagged_as_people_are_dropped(people):
    assert named(people("Dozens of engineers were moved to Vellmar last week. Others left for Kiev.")) == {}
    assert (
        named(people("Staff at the Vellmar-based firm said Brightloom staff were told to stay home.")) == {}
    )


def test_a_name_entity_running_over_a_paragraph_break_is_cut_there(nlp):
    doc = nlp("The report was written by Katia Glod\n\nBelarus Today published it.")
    doc.ents = [
        Span(doc, 5, 9, label="PERSON")
    ]  # "Katia Glod", the break and the next paragraph's first word
    assert [p.name for p in find_people(doc).persons] == ["Katia Glod"]


def test_a_possessive_is_not_part_of_the_name(people):
    found = people("He opposed Vladimir Putin’s return.")
    assert named(found) == {"Vladimir Putin": None}


def test_a_title_before_the_name_is_its_role_not_part_of_it(people):
    found = people("Councillor Beatrix Hollenbeck, who represents the valley, said the clinic must stay.")
    assert named(found) == {"Beatrix Hollenbeck": "Councillor"}
    found = people("In the memo, chief executive Rafael Okonkwo-Smith told staff to stay calm.")
    assert named(found) == {"Rafael Okonkwo-Smith": "chief executive"}


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "Eight years ago, Anton, a Russian programmer then in his mid-twenties, was lured to Minsk.",
            "Anton",
            "Russian programmer",
        ),
        (
            "“It was a mistake,” said Daniel Krutzinna, an adviser to former prime minister Sergei Rumas who "
            "was sacked in June.",
            "Daniel Krutzinna",
            "adviser to former prime minister Sergei Rumas",
        ),
        (
            "Katia Glod, non-resident fellow at the Center for European Policy Analysis (CEPA), said firms "
            "were leaving.",
            "Katia Glod",
            "non-resident fellow at the Center for European Policy Analysis (CEPA)",
        ),
        (
            "Speaking to reporters, the minister, Priya Venkataraman, said she had sympathy.",
            "Priya Venkataraman",
            "minister",
        ),
        ("Dr Amrit Sandhu, the only GP on the islands, said patients were at risk.", "Amrit Sandhu", None),
    ],
    ids=["stops at 'then in his'", "stops at 'who'", "keeps parentheses", "name apposed to a role", "split"],
)
def test_roles_come_from_appositions(people, text, name, role):
    person = next(p for p in people(text).persons if p.name == name)
    if role is not None:
        assert person.role == role


def test_a_relative_clause_saying_what_someone_does_is_their_role(people):
    found = people(
        "Leaks went unrepaired, according to Priscilla Manning, who chairs the Traders’ Association."
    )
    assert named(found) == {"Priscilla Manning": "chairs the Traders’ Association"}


def test_an_age_in_apposition_makes_a_first_name_a_person(people):
    found = people("Ana, 9, who came with her grandmother, held up a sign.")
    assert [(p.name, p.gender) for p in found.persons] == [("Ana", "female")]


def test_an_organisation_noun_before_a_name_makes_it_an_organisation(people):
    found = people(
        "The ferry operator Northsound Marine cut its timetable. Mayor Linda Park said she would fight."
    )
    assert named(found) == {"Linda Park": "Mayor"}


def test_gender_comes_only_from_the_article(people):
    found = people(
        "Janet Moyo chairs the council. Her son, Tendai Moyo, runs the shop. Mrs Moyo said the ferry mattered."
    )
    assert {p.name: p.gender for p in found.persons} == {"Janet Moyo": "female", "Tendai Moyo": "male"}
    # "Mrs Moyo" is the mother, though her son was named more recently
    assert [(m.text, m.person.name) for m in found.mentions][-1] == ("Moyo", "Janet Moyo")


def test_later_mentions_link_to_the_full_name(people):
    found = people(
        "Katrin Solheim, a fisheries scientist, studies cod. Tor Haug, a fisherman, disagrees. "
        "Haug said the stocks were fine. Katrin said they were not."
    )
    assert [(m.text, m.person.name, m.method) for m in found.mentions] == [
        ("Katrin Solheim", "Katrin Solheim", "explicit name"),
        ("Tor Haug", "Tor Haug", "explicit name"),
        ("Haug", "Tor Haug", "surname"),
        ("Katrin", "Katrin Solheim", "first name"),
    ]
    assert found.lookup("Solheim", 0) == (found.persons[0], "surname")


def mentions(found: People) -> list[tuple[str, str]]:
    return [(m.text, m.person.name) for m in found.mentions]


def test_a_family_name_first_resolves_to_the_full_name(people):
    found = people(
        "Lee Min-seo, a city engineer, inspected the bridge on Monday. Lee said the cables were worn."
    )
    assert named(found) == {"Lee Min-seo": "city engineer"}  # "Min-seo" stays one hyphenated given name
    assert mentions(found) == [("Lee Min-seo", "Lee Min-seo"), ("Lee", "Lee Min-seo")]


def test_a_capitalised_title_before_an_al_name_is_its_role(people):
    found = people(
        "Senior Crown Prosecutor Leila al-Amin opened the case on Monday. Al-Amin said the ledger was "
        "forged. Later, al-Amin told reporters she was confident."
    )
    assert named(found) == {"Leila al-Amin": "Senior Crown Prosecutor"}
    assert mentions(found)[1:] == [("Al-Amin", "Leila al-Amin"), ("al-Amin", "Leila al-Amin")]
    assert found.lookup("Amin", 0) == (found.persons[0], "surname")


def test_a_particle_surname_stays_in_the_name_and_resolves_later(people):
    found = people(
        "Councillor João Pedro da Costa voted against the plan. Da Costa said it was rushed. "
        "Residents cheered when Costa spoke."
    )
    assert named(found) == {"João Pedro da Costa": "Councillor"}
    assert [m.text for m in found.mentions] == ["João Pedro da Costa", "Da Costa", "Costa"]
    assert named(people("Da Costa said it was rushed.")) == {}  # a particle-first surname is nobody new


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Harold T. Wickham Jr., a retired judge, spoke first. Wickham said the rules were clear.",
            "Harold T. Wickham Jr.",
        ),
        (
            "The grant came from Edith M. Carrow III, a shipping heiress. Carrow said she was proud.",
            "Edith M. Carrow III",
        ),
    ],
)
def test_the_surname_is_the_word_before_a_suffix_and_initials_are_no_acronyms(people, text, name):
    found = people(text)
    assert [p.name for p in found.persons] == [name]
    assert [m.method for m in found.mentions] == ["explicit name", "surname"]


def test_a_short_form_of_the_first_name_is_the_person_named_in_full(people):
    found = people(
        "William P. Garner Sr. chaired the meeting. A neighbour said Bill Garner had always been fair."
    )
    assert [p.name for p in found.persons] == ["William P. Garner Sr."]
    assert mentions(found)[-1] == ("Bill Garner", "William P. Garner Sr.")
    found = people("Robert Ellison, the treasurer, spoke. Linda Ellison agreed. Rob never listens, she said.")
    assert mentions(found)[-1] == ("Rob", "Robert Ellison")


def test_a_comma_before_a_suffix_and_dotted_initials_stay_in_the_name(people):
    found = people("Thomas E. Greer, Jr., a retired pastor, marched. Greer said they won.")
    assert named(found) == {"Thomas E. Greer, Jr.": "retired pastor"}
    assert mentions(found)[-1] == ("Greer", "Thomas E. Greer, Jr.")
    assert named(people("J.K. Rowell, a novelist, signed books.")) == {"J.K. Rowell": "novelist"}


def test_a_title_phrase_ending_in_a_title_is_the_role_of_the_name_after_it(people):
    found = people("The budget was drafted by Chief Financial Officer Dana Whitlock on Friday.")
    assert named(found) == {"Dana Whitlock": "Chief Financial Officer"}


def test_a_hyphenated_particle_surname_before_the_full_name_links_to_it(people):
    found = people("Al-Sayed spoke first. Then the envoy, Omar al-Sayed, read the letter.")
    assert [p.name for p in found.persons] == ["Omar al-Sayed"]
    assert mentions(found)[0] == ("Al-Sayed", "Omar al-Sayed")


def test_a_lone_month_is_no_person(people):
    assert named(people("In October, the engineer resigned. By March, the director had left too.")) == {}


def test_a_lone_place_word_is_the_surname_of_someone_named_with_it(people):
    found = people("Park, who teaches chemistry, said Diane Park would run for the school board.")
    assert mentions(found) == [("Park", "Diane Park"), ("Diane Park", "Diane Park")]


def test_a_name_keeps_the_article_spelling(nlp):
    doc = nlp("Karim al-Zein spoke.")
    assert name_text([t for t in doc if t.pos_ == "PROPN"]) == "Karim al-Zein"  # not "al - Zein"
    assert name_text([t for t in doc if t.is_alpha][:3]) == "Karim al-Zein"  # the hyphen between kept


def test_model_name_comes_from_the_argument_then_the_environment(monkeypatch):
    monkeypatch.setenv("SOURCED_SPACY_MODEL", "from_the_environment")
    assert model_name("from_the_argument") == "from_the_argument"
    assert model_name() == "from_the_environment"
    monkeypatch.delenv("SOURCED_SPACY_MODEL")
    assert model_name() in nlp_module.PREFERRED_MODELS


def test_a_missing_model_is_a_clear_error(monkeypatch):
    with pytest.raises(ModelNotInstalledError, match="not installed"):
        load_model("xx_no_such_model")
    monkeypatch.delenv("SOURCED_SPACY_MODEL", raising=False)
    monkeypatch.setattr(nlp_module, "_is_installed", lambda name: False)
    with pytest.raises(ModelNotInstalledError, match="no spaCy English model is installed"):
        model_name()


def test_the_model_loads_once(nlp):
    assert load_model() is nlp
