"""The people an article names: entity corrections, full names, roles, gender; and the model loader."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from app.generation import nlp as nlp_module
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
