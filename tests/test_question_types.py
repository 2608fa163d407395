"""The question-type registry: every type checks its fields and grades through the grading core."""

import pytest

from app.bank.content import Content
from app.bank.types import QUESTION_TYPES, QuestionType, grade
from app.bank.types.numeric import parse_tolerance


def content(type_, **fields):
    defaults = {"prompt": "A prompt?", "answer": "x", "explanation": "Because."}
    return Content(type=type_, **(defaults | fields))


def test_registry_has_the_six_types_keyed_by_name():
    assert set(QUESTION_TYPES) == {
        "multiple_choice",
        "true_false",
        "numeric",
        "short_answer",
        "cloze",
        "who_said",
    }
    for name, kind in QUESTION_TYPES.items():
        assert isinstance(kind, QuestionType) and kind.name == name and kind.label


def test_multiple_choice():
    q = content("multiple_choice", answer="Yandex", choices=("Yandex", "Uber", "PandaDoc"))
    assert QUESTION_TYPES["multiple_choice"].check(q) == []
    assert grade(q, "Yandex").correct
    assert not grade(q, "Uber").correct
    too_few = content("multiple_choice", answer="Yandex", choices=("Yandex", "Uber"))
    assert QUESTION_TYPES["multiple_choice"].check(too_few) == [
        ("choices", "give 3 to 6 choices (the answer and its distractors), not 2")
    ]


def test_true_false():
    q = content("true_false", answer=False)
    assert QUESTION_TYPES["true_false"].check(q) == []
    assert grade(q, "false").correct and grade(q, False).correct
    assert not grade(q, "true").correct
    assert QUESTION_TYPES["true_false"].display_answer(q) == "False"
    assert QUESTION_TYPES["true_false"].check(content("true_false", answer="no")) == [
        ("answer", "answer must be true or false")
    ]


@pytest.mark.parametrize(
    ("response", "correct"),
    [
        ("13,300", True),
        ("13300", True),
        ("13.3k", True),
        ("more than 13,300", True),
        ("13,000", False),
        ("", False),
    ],
)
def test_numeric_exact(response, correct):
    q = content("numeric", answer=13300, unit="IT specialists")
    assert grade(q, response).correct is correct


def test_numeric_tolerances():
    absolute = content("numeric", answer=50, tolerance=5)
    assert grade(absolute, "54").correct and not grade(absolute, "56").correct
    relative = content("numeric", answer=13300, tolerance="5%")
    assert grade(relative, "13,900").correct and not grade(relative, "14,000").correct
    assert parse_tolerance("5%") == (0.05, True) and parse_tolerance(2) == (2.0, False)
    assert parse_tolerance(None) == (0.0, False)


def test_numeric_checks_evidence_and_prompt():
    kind = QUESTION_TYPES["numeric"]
    q = content("numeric", answer=3, prompt="How many days did the shutdown last?")
    assert kind.check_evidence(q, "shut down the internet for three days") == []
    assert kind.check_evidence(q, "shut down the internet for days") == [
        ("answer", "the answer 3 is not a number stated in the evidence")
    ]
    assert kind.given_away(content("numeric", answer=3, prompt="Was it 3 days?")) == "3"
    assert kind.check(content("numeric", answer="three")) == [("answer", "answer must be a number")]
    assert kind.check(content("numeric", answer=3, tolerance="lots")) == [
        ("tolerance", "tolerance must be a number or a percentage like 5%, not “lots”")
    ]


def test_numeric_display():
    kind = QUESTION_TYPES["numeric"]
    assert (
        kind.display_answer(content("numeric", answer=13300, unit="IT specialists"))
        == "13,300 IT specialists"
    )
    assert kind.display_answer(content("numeric", answer=10, unit="%")) == "10%"
    assert kind.display_answer(content("numeric", answer=2022)) == "2022"
    assert kind.display_answer(content("numeric", answer=3, unit="years")) == "3 years"


def test_short_answer_and_evidence_support():
    kind = QUESTION_TYPES["short_answer"]
    q = content("short_answer", answer="Kyiv", accepted_answers=("Kiev",))
    assert grade(q, "kiev").correct and grade(q, "Kyiv").correct
    assert not grade(q, "Kyiv Moscow Minsk").correct
    assert kind.check_evidence(q, "they were being moved to Kiev") == []
    assert kind.check_evidence(q, "they were being moved to Lviv") == [
        ("answer", "the answer “Kyiv” (or an accepted variant) does not occur in the cited evidence")
    ]


def test_cloze_with_several_blanks():
    kind = QUESTION_TYPES["cloze"]
    q = content(
        "cloze",
        prompt="Firms moved staff mainly to ___ and ___.",
        answer=("Ukraine", "Poland"),
        accepted_answers=((), ("Polska",)),
    )
    assert kind.check(q) == []
    assert kind.blanks(q) == [["Ukraine"], ["Poland", "Polska"]]
    full = grade(q, ["ukraine", "Polska"])
    assert full.correct and full.score == 1
    half = grade(q, ["Ukraine", "Russia"])
    assert not half.correct and half.score == 0.5
    assert kind.check(content("cloze", prompt="No blanks here.", answer="x")) == [
        ("prompt", "a cloze prompt needs at least one blank written as ___")
    ]
    assert kind.check(content("cloze", prompt="One ___ only.", answer=("a", "b"))) == [
        ("answer", "the prompt has 1 blank(s) but the answer gives 2")
    ]


def test_cloze_single_blank_takes_a_flat_variant_list():
    q = content("cloze", prompt="Moved to ___.", answer="Kyiv", accepted_answers=("Kiev",))
    assert QUESTION_TYPES["cloze"].blanks(q) == [["Kyiv", "Kiev"]]
    assert grade(q, "Kiev").correct


def test_who_said():
    kind = QUESTION_TYPES["who_said"]
    q = content(
        "who_said",
        answer="Katia Glod",
        role="non-resident fellow at CEPA",
        accepted_answers=("Glod",),
        choices=("Katia Glod", "Darya Miskevich", "Alex Kokcharov"),
    )
    assert kind.check(q) == []
    assert grade(q, "Katia Glod").correct and grade(q, "glod").correct
    assert not grade(q, "Katia").correct and not grade(q, "Miskevich").correct
    assert kind.display_answer(q) == "Katia Glod, non-resident fellow at CEPA"
    assert (
        kind.given_away(
            content("who_said", answer="Katia Glod", prompt="Did Glod say it?", accepted_answers=("Glod",))
        )
        == "Glod"
    )
    assert kind.check(content("who_said", answer="Katia Glod")) == [
        ("role", "role must give the speaker's role as the article states it")
    ]
