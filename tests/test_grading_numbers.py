"""Reading numbers (app.grading.numbers and its siblings): answers, numbers in prose, tolerances, display."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.grading.answer_numbers import parse_number
from app.grading.number_words import words_to_int
from app.grading.numbers import NumberReading, format_number, within_tolerance
from app.grading.prose_numbers import numbers_in

FAST = settings(max_examples=200, deadline=None, database=None)

# Fragments that make number-like text, for fuzzing the readers.
NUMBERISH = st.lists(
    st.sampled_from(
        [*"0123456789,.-–−%/ \u00a0\u202f", "k", "m", "bn", "per cent", "one", "twenty", "hundred",
         "thousand", "and", "a", "-five", "million", "dozen", "more than", "about", "minus", "£", "x"]
    ),
    max_size=30,
).map("".join)  # fmt: skip


def values(readings):
    return [reading.value for reading in readings]


# --- parse_number ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("13,300", 13300),
        ("13300", 13300),
        ("13 300", 13300),
        ("13\u00a0300", 13300),
        ("1,000,000", 1_000_000),
        ("13.300", 13.3),
        ("13.3", 13.3),
        (".5", 0.5),
        ("13.3k", 13300),
        ("13.3K", 13300),
        ("13.3 thousand", 13300),
        ("1.2 million", 1_200_000),
        ("1.2m", 1_200_000),
        ("1.2M", 1_200_000),
        ("£1.2bn", 1_200_000_000),
        ("$5", 5),
        ("2020", 2020),
        ("in 2020", 2020),
        ("0", 0),
        ("  42  ", 42),
        ("(50)", 50),
        ("50.", 50),
        ("about 50 firms", 50),
        ("50-year-old", 50),
        ("1,234.5 people", 1234.5),
    ],
)
def test_parse_number_reads_figures(text, value):
    assert parse_number(text).value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("eight", 8),
        ("Eight", 8),
        ("EIGHT", 8),
        ("zero", 0),
        ("twenty-five", 25),
        ("Twenty five", 25),
        ("three hundred", 300),
        ("three hundred and forty", 340),
        ("three hundred forty", 340),
        ("thirteen thousand three hundred", 13300),
        ("one thousand and five", 1005),
        ("nineteen hundred", 1900),
        ("ninety-nine thousand nine hundred and ninety-nine", 99999),
        ("two million", 2_000_000),
        ("a hundred", 100),
        ("a thousand", 1000),
        ("a dozen", 12),
        ("two dozen", 24),
        ("half", 0.5),
        ("a half", 0.5),
        ("eight firms", 8),
    ],
)
def test_parse_number_reads_words(text, value):
    assert parse_number(text).value == value


@pytest.mark.parametrize("text", ["-5", "−5", "minus 5", "negative 5", "minus five"])
def test_parse_number_reads_negative_numbers(text):
    assert parse_number(text).value == -5


@pytest.mark.parametrize(
    "text", ["10%", "10 %", "10 percent", "10 per cent", "ten per cent", "10 pct", "10 percentage points"]
)
def test_parse_number_reads_percentages(text):
    assert parse_number(text) == NumberReading(10, percent=True)


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("more than 13,300", "more than"),
        ("over 50", "more than"),
        ("Over 50", "more than"),
        ("just over 50", "more than"),
        ("> 50", "more than"),
        ("50+", "more than"),
        ("50 plus", "more than"),
        ("less than 50", "less than"),
        ("fewer than 50", "less than"),
        ("under 50", "less than"),
        ("at least 50", "at least"),
        ("50 or more", "at least"),
        ("up to 50", "at most"),
        ("no more than 50", "at most"),
        ("about 50", "about"),
        ("around 50", "about"),
        ("roughly fifty", "about"),
        ("approximately 50", "about"),
        ("~50", "about"),
        ("50-odd", "about"),
        ("50 or so", "about"),
        ("nearly 50", "nearly"),
        ("almost 50", "nearly"),
        ("just under 50", "nearly"),
        ("exactly 50", None),
        ("50", None),
    ],
)
def test_parse_number_normalises_qualifiers(text, qualifier):
    assert parse_number(text) == NumberReading(50 if "13" not in text else 13300, qualifier=qualifier)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "abc",
        "a firm",
        "50 or 60",
        "fifty or sixty",
        "50 to 60",
        "5 firms 6",
        "2011-12",  # a range is not a single number
        "50-60",
        "five five",
        "fifty and sixty",
        "13,30",
        "1,5",
        "not 50",  # words before the number must be a qualifier: never read past a negation
        "the answer is 50",
        "thousand",
        "hundred and",
        "one hundred zero",
        "one million two million",
        "tens of thousands",
    ],
)
def test_parse_number_rejects_what_is_not_one_number(text):
    assert parse_number(text) is None


def test_parse_number_rejects_non_strings():
    assert parse_number(None) is None
    assert parse_number(50) is None


def test_parse_number_avoids_float_error_when_scaling():
    assert parse_number("13.3k").value == 13300.0
    assert parse_number("0.1m").value == 100000.0


@FAST
@given(NUMBERISH)
def test_parse_number_never_crashes_on_numberish_text(text):
    reading = parse_number(text)
    assert reading is None or isinstance(reading.value, float)


@FAST
@given(st.text())
def test_parse_number_never_crashes_on_any_text(text):
    parse_number(text)


# --- words_to_int ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("seven", 7),
        ("forty two", 42),
        ("one hundred", 100),
        ("a hundred and one", 101),
        ("twelve hundred", 1200),
        ("one thousand", 1000),
        ("one million two hundred thousand", 1_200_000),
        ("three billion and five", 3_000_000_005),
    ],
)
def test_words_to_int(words, value):
    assert words_to_int(words.split()) == value


@pytest.mark.parametrize(
    "words", ["", "and", "a", "twenty twenty", "forty zero", "hundred", "one hundred and", "thousand five"]
)
def test_words_to_int_rejects_non_numbers(words):
    assert words_to_int(words.split()) is None


# --- numbers_in ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Some 13,300 firms closed.", [13300]),
        ("Prices rose 2.5 per cent.", [2.5]),
        ("a 13\u202f300-strong force", [13300]),
        ("Eight years ago", [8]),
        ("a three-day strike", [3]),
        ("reviewed year-by-year", []),
        ("in 2022 and 1999", [2022, 1999]),
        ("in 2011-12", [2011, 2012]),
        ("in 2011–12", [2011, 2012]),
        ("the 1999-00 season", [1999, 2000]),
        ("from 2011-2012", [2011, 2012]),
        ("10-20 people", [10, 20]),
        ("pages 10/12", [10, 12]),
        ("it fell to -5C", [-5]),
        ("COVID-19", [19]),
        ("£1.2bn and $3m and 13.3k", [1_200_000_000, 3_000_000, 13300]),
        ("1.2 million people", [1_200_000]),
        ("twenty-five people and three hundred and forty cars", [25, 340]),
        ("a dozen eggs", [12]),
        ("a hundred days", [100]),
        ("one, two, three", [1, 2, 3]),
        ("five five", [5, 5]),
        ("tens of thousands of people", []),
        ("hundreds of jobs", []),
        ("dozens of homes", []),
        ("in her mid-twenties", []),
        ("half of them", []),
        ("version 3.5.2", [3.5]),
        ("13 300 people", [13, 300]),  # an ordinary space does not separate thousands in prose
        ("", []),
    ],
)
def test_numbers_in(text, expected):
    assert values(numbers_in(text)) == expected


def test_numbers_in_marks_percentages():
    readings = numbers_in("Turnout was 10% or ten per cent, up 3 percent from 40 %.")
    assert [(r.value, r.percent) for r in readings] == [(10, True), (10, True), (3, True), (40, True)]


def test_numbers_in_rejects_non_strings():
    assert numbers_in(None) == []


@FAST
@given(NUMBERISH)
def test_numbers_in_never_crashes_on_numberish_text(text):
    assert all(isinstance(reading, NumberReading) for reading in numbers_in(text))


@FAST
@given(st.text())
def test_numbers_in_never_crashes_on_any_text(text):
    numbers_in(text)


@FAST
@given(st.integers(-(10**12), 10**12))
def test_numbers_in_finds_any_comma_grouped_integer(number):
    assert values(numbers_in(f"Officials said {number:,} were affected.")) == [number]


# --- within_tolerance ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "answer", "tolerance", "relative", "expected"),
    [
        (50, 50, 0, False, True),
        (51, 50, 0, False, False),
        (51, 50, 1, False, True),
        (49, 50, 1, False, True),
        (52, 50, 1, False, False),
        (105, 100, 0.05, True, True),
        (95, 100, 0.05, True, True),
        (106, 100, 0.05, True, False),
        (-105, -100, 0.05, True, True),
        (0.1 + 0.2, 0.3, 0, False, True),
        (1.1 * 1.1, 1.21, 0, False, True),
        (13300.000001, 13300, 0, False, False),
        (float("nan"), 5, 1, False, False),
    ],
)
def test_within_tolerance(value, answer, tolerance, relative, expected):
    assert within_tolerance(value, answer, tolerance, relative=relative) is expected


def test_within_tolerance_is_float_safe_at_the_boundary():
    assert within_tolerance(0.3 + 0.7, 0.7, 0.3)
    assert within_tolerance(110.00000000000001, 100, 0.1, relative=True)


def test_within_tolerance_rejects_negative_tolerance():
    with pytest.raises(ValueError, match="must not be negative"):
        within_tolerance(1, 1, -1)


# --- format_number ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (13300, "13,300"),
        (13300.0, "13,300"),
        (0, "0"),
        (-1500, "-1,500"),
        (2.5, "2.5"),
        (1234.5, "1,234.5"),
        (0.1 + 0.2, "0.3"),
        (1_200_000_000, "1,200,000,000"),
    ],
)
def test_format_number(value, text):
    assert format_number(value) == text
