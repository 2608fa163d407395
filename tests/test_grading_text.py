"""Tests for app.grading.text: normalising answers, typo tolerance, and naming people."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.grading.text import (
    allowed_typos,
    is_text_correct,
    normalise_answer,
    person_matches,
    person_name_forms,
    text_matches,
    without_title,
)

FAST = settings(max_examples=200, deadline=None, database=None)


# --- normalise_answer ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        ("Kyiv", "kyiv"),
        ("  KYIV  ", "kyiv"),
        ("Zürich", "zurich"),
        ("São Paulo", "sao paulo"),
        ("Straße", "strasse"),
        ("The Hague", "hague"),
        ("an apple a day", "apple day"),
        ("The The", "the the"),  # nothing but articles: keep them
        ("A", "a"),
        ("O’Brien", "obrien"),
        ("O'Brien", "obrien"),
        ("“Brexit”", "brexit"),
        ('"Brexit"', "brexit"),
        ("Rolls-Royce", "rolls royce"),
        ("Rolls–Royce", "rolls royce"),
        ("U.S.", "us"),
        ("Marks & Spencer", "marks and spencer"),
        ("Hello,   world!", "hello world"),
        ("13,300", "13300"),
        ("3.5%", "3.5"),
        ("end. Start", "end start"),
        ("snake_case", "snake case"),
        ("", ""),
    ],
)
def test_normalise_answer(text, normalised):
    assert normalise_answer(text) == normalised


def test_normalise_answer_reads_a_non_string_as_empty():
    assert normalise_answer(None) == ""
    assert not is_text_correct(None, ["Kyiv"])
    assert text_matches(None, ["Kyiv"]) == 0.0


def test_normalise_answer_unifies_curly_and_straight_quotes_and_dashes():
    assert normalise_answer("‘Kyiv’s” — war") == normalise_answer("'Kyiv's\" - war")


@FAST
@given(st.text())
def test_normalise_answer_is_idempotent(text):
    once = normalise_answer(text)
    assert normalise_answer(once) == once


@FAST
@given(st.text(alphabet=st.characters(codec="utf-8", categories=["L", "M", "P", "S", "Zs", "Nd"])))
def test_normalise_answer_leaves_no_capitals_accents_or_stray_spaces(text):
    normalised = normalise_answer(text)
    assert normalised == " ".join(normalised.split())
    assert normalised == normalised.casefold()
    assert not any(c in normalised for c in "'\"‘’“”,;!?")


# --- allowed_typos ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("length", "typos"), [(1, 0), (4, 0), (5, 1), (6, 1), (11, 1), (12, 2), (17, 2), (18, 3), (30, 5)]
)
def test_allowed_typos(length, typos):
    assert allowed_typos(length) == typos


# --- text_matches ----------------------------------------------------------------------------------------


def test_text_matches_is_one_for_an_exact_answer_after_normalising():
    assert text_matches("the HAGUE.", ["The Hague"]) == 1.0


def test_text_matches_takes_the_best_accepted_answer():
    assert text_matches("Kiev", ["Kyiv", "Kiev"]) == 1.0


def test_text_matches_scores_a_typo_between_zero_and_one():
    assert 0.8 < text_matches("Warsow", ["Warsaw"]) < 1.0


def test_text_matches_scores_extra_words_low():
    assert text_matches("Kyiv Moscow Minsk", ["Kyiv"]) < 0.5


@pytest.mark.parametrize(
    ("response", "accepted"), [("", ["Kyiv"]), ("  ", ["Kyiv"]), ("Kyiv", []), ("x", [""])]
)
def test_text_matches_is_zero_with_nothing_to_compare(response, accepted):
    assert text_matches(response, accepted) == 0.0


def test_text_matches_takes_a_single_string_as_one_answer():
    assert text_matches("Kyiv", "Kyiv") == 1.0


# --- is_text_correct -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("response", "accepted"),
    [
        ("Kyiv", ["Kyiv"]),
        ("kyiv", ["Kyiv"]),
        ("Kiev", ["Kyiv", "Kiev"]),
        ("Warsow", ["Warsaw"]),  # 6 characters: one substitution
        ("Warsa", ["Warsaw"]),  # one deletion
        ("Wrasaw", ["Warsaw"]),  # one swap
        ("Lithuana", ["Lithuania"]),
        ("Olaf Sholz", ["Olaf Scholz"]),
        ("european centarl bank", ["European Central Bank"]),  # 21 characters: up to 3 edits
        ("Europaen Centarl Bnak", ["European Central Bank"]),
        ("New York", ["new-york"]),
        ("NewYork", ["New York"]),
        ("Boeing 737", ["Boeing 737"]),
        ("zurich", ["Zürich"]),
        ("the Netherlands", ["Netherlands"]),
    ],
)
def test_is_text_correct_accepts(response, accepted):
    assert is_text_correct(response, accepted)


@pytest.mark.parametrize(
    ("response", "accepted"),
    [
        ("Kyvi", ["Kyiv"]),  # 4 characters or fewer: exact only
        ("Kiev", ["Kyiv"]),
        ("Rome", ["Roma"]),
        ("EU", ["UN"]),
        ("Kyiv Moscow Minsk", ["Kyiv"]),  # containing the answer among wrong ones is wrong
        ("Poland and Lithuania", ["Poland"]),
        ("Poland Lithuania", ["Poland"]),
        ("Lithuania Poland", ["Poland"]),
        ("Wursuw", ["Warsaw"]),  # two edits in 6 characters
        ("Pola", ["Poland"]),
        ("Boeing 747", ["Boeing 737"]),  # digits must match exactly, typos or not
        ("2021", ["2020"]),
        ("", ["Kyiv"]),
        ("   ", ["Kyiv"]),
        ("Kyiv", []),
    ],
)
def test_is_text_correct_rejects(response, accepted):
    assert not is_text_correct(response, accepted)


@FAST
@given(
    answer=st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=5, max_size=30),
    position=st.integers(min_value=0),
    letter=st.sampled_from("abcdefghijklmnopqrstuvwxyz"),
)
def test_is_text_correct_forgives_one_typo_in_answers_of_five_or_more_letters(answer, position, letter):
    at = position % len(answer)
    assert is_text_correct(answer[:at] + letter + answer[at + 1 :], [answer])
    assert is_text_correct(answer[:at] + answer[at + 1 :], [answer])


@FAST
@given(
    answer=st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=4).filter(
        lambda word: word not in {"a", "an", "the"}
    ),
    position=st.integers(min_value=0),
    letter=st.sampled_from("abcdefghijklmnopqrstuvwxyz"),
)
def test_is_text_correct_forgives_nothing_in_answers_of_four_letters_or_fewer(answer, position, letter):
    at = position % len(answer)
    typo = answer[:at] + letter + answer[at + 1 :]
    assert is_text_correct(typo, [answer]) is (typo == answer)


# --- people ----------------------------------------------------------------------------------------------


def test_person_name_forms():
    assert person_name_forms("Olaf Scholz") == ["Olaf Scholz", "Scholz"]
    assert person_name_forms("Ursula von der Leyen") == [
        "Ursula von der Leyen",
        "Leyen",
        "der Leyen",
        "von der Leyen",
    ]
    assert person_name_forms("Martin Luther King Jr.", ["MLK"]) == ["Martin Luther King Jr.", "King", "MLK"]
    assert person_name_forms("Anton") == ["Anton"]


@pytest.mark.parametrize(
    ("response", "full_name", "accepted"),
    [
        ("Olaf Scholz", "Olaf Scholz", ()),
        ("Scholz", "Olaf Scholz", ()),
        ("scholz", "Olaf Scholz", ()),
        ("Sholz", "Olaf Scholz", ()),  # 6 characters: one typo
        ("Olaf Sholz", "Olaf Scholz", ()),
        ("Anton", "Anton", ()),  # known by a first name only
        ("Olaf", "Olaf Scholz", ("Olaf",)),
        ("von der Leyen", "Ursula von der Leyen", ()),
        ("Leyen", "Ursula von der Leyen", ()),
        ("Jean-Luc Mélenchon", "Jean-Luc Mélenchon", ()),
        ("Melenchon", "Jean-Luc Mélenchon", ()),
        ("Sánchez-Pérez", "Pedro Sánchez-Pérez", ()),
        ("President Macron", "Emmanuel Macron", ()),
        ("Mr Putin", "Vladimir Putin", ()),
        ("King", "Martin Luther King Jr.", ()),
        ("Martin Luther King", "Martin Luther King Jr.", ()),
        ("Lady Gaga", "Lady Gaga", ()),
    ],
)
def test_person_matches(response, full_name, accepted):
    assert person_matches(response, full_name, accepted)


@pytest.mark.parametrize(
    ("response", "full_name", "accepted"),
    [
        ("Olaf", "Olaf Scholz", ()),  # a first name alone is not enough
        ("Emmanuel", "Emmanuel Macron", ()),
        ("Angela Merkel", "Olaf Scholz", ()),
        ("Scholz Merkel", "Olaf Scholz", ()),
        ("Pusan", "Vladimir Putin", ()),  # two edits in 5 letters
        ("Jr", "Martin Luther King Jr.", ()),
        ("Luther", "Martin Luther King Jr.", ()),
        ("", "Olaf Scholz", ()),
        ("President", "Emmanuel Macron", ()),
    ],
)
def test_person_rejects(response, full_name, accepted):
    assert not person_matches(response, full_name, accepted)


def test_without_title():
    assert without_title("President Macron") == "Macron"
    assert without_title("Dr. Jill Biden") == "Jill Biden"
    assert without_title("Prime Minister Starmer") == "Starmer"
    assert without_title("President") == "President"
