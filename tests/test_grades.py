"""Tests for app.grading.grades: a verdict, score and feedback for each kind of question."""

import unicodedata
from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from app.grading import (
    Grade,
    grade_choice,
    grade_cloze,
    grade_numeric,
    grade_person,
    grade_text,
    grade_true_false,
)

FAST = settings(max_examples=200, deadline=None, database=None)

# fmt: off
ONES = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
# fmt: on


def int_to_words(number: int, *, hyphen: str = "-", use_and: bool = True) -> str:
    """Independent of the module: 0 <= number < 1,000,000 in English words."""
    thousands, rest = divmod(number, 1000)
    parts = [f"{below_thousand(thousands, hyphen, use_and)} thousand"] if thousands else []
    if rest:
        joiner = "and " if thousands and rest < 100 and use_and else ""
        parts.append(joiner + below_thousand(rest, hyphen, use_and))
    return " ".join(parts) or "zero"


def below_thousand(number: int, hyphen: str, use_and: bool) -> str:
    hundreds, rest = divmod(number, 100)
    parts = [f"{ONES[hundreds]} hundred"] if hundreds else []
    if rest:
        tens, ones = divmod(rest, 10)
        words = ONES[rest] if rest < 20 else TENS[tens] + (hyphen + ONES[ones] if ones else "")
        parts.append(("and " if hundreds and use_and else "") + words)
    return " ".join(parts)


def test_int_to_words_helper():
    assert int_to_words(0) == "zero"
    assert int_to_words(21) == "twenty-one"
    assert int_to_words(340) == "three hundred and forty"
    assert int_to_words(13300) == "thirteen thousand three hundred"
    assert int_to_words(1005, use_and=False) == "one thousand five"
    assert (
        int_to_words(999_999, hyphen=" ")
        == "nine hundred and ninety nine thousand nine hundred and ninety nine"
    )


def digit_spellings(number: int) -> list[str]:
    """Ways to write a non-negative integer in figures."""
    spellings = [str(number), f"{number:,}", f"{number:,}".replace(",", " "), f"about {number:,} people"]
    spellings += [f"more than {number}", f"  {number}  ", f"{number:,} firms"]
    for scale, short, word in [(1000, "k", "thousand"), (10**6, "m", "million"), (10**9, "bn", "billion")]:
        if number >= scale and number % (scale // 10) == 0:
            scaled = Decimal(number) / scale
            spellings += [f"{scaled}{short}", f"{scaled}{short.upper()}", f"{scaled} {word}"]
    return spellings


def test_digit_spellings_helper():
    assert {"13300", "13,300", "13 300", "13.3k", "13.3K", "13.3 thousand"} <= set(digit_spellings(13300))
    assert {"2m", "2 million", "2000k"} <= set(digit_spellings(2_000_000))


# --- Grade -----------------------------------------------------------------------------------------------


def test_grade_is_frozen():
    grade = Grade(correct=True, score=1.0, feedback="Correct.", expected="Kyiv")
    with pytest.raises(AttributeError):
        grade.correct = False


# --- grade_choice ----------------------------------------------------------------------------------------

CHOICES = ["Kyiv", "Moscow", "Minsk"]


def test_grade_choice_right():
    assert grade_choice("Kyiv", "Kyiv", CHOICES) == Grade(True, 1.0, "Correct.", "Kyiv")


def test_grade_choice_ignores_surrounding_spaces():
    assert grade_choice("  Kyiv ", "Kyiv", CHOICES).correct


def test_grade_choice_wrong():
    assert grade_choice("Minsk", "Kyiv", CHOICES) == Grade(
        False, 0.0, "Not quite: the answer is Kyiv.", "Kyiv"
    )


def test_grade_choice_is_exact():
    assert not grade_choice("kyiv", "Kyiv", CHOICES).correct


def test_grade_choice_not_among_the_choices():
    grade = grade_choice("Warsaw", "Kyiv", CHOICES)
    assert not grade.correct
    assert grade.feedback == "“Warsaw” is not one of the choices; the answer is Kyiv."


@pytest.mark.parametrize("response", ["", "   ", None])
def test_grade_choice_no_answer(response):
    assert grade_choice(response, "Kyiv", CHOICES) == Grade(False, 0.0, "No answer given.", "Kyiv")


def test_grade_choice_answer_must_be_a_choice():
    with pytest.raises(ValueError, match="not among the choices"):
        grade_choice("Kyiv", "Kyiv", ["Moscow", "Minsk"])


# --- grade_true_false ------------------------------------------------------------------------------------


@pytest.mark.parametrize("response", [True, "true", "True", "TRUE", "t", "T", "yes", "Yes", "y", " true "])
def test_grade_true_false_reads_true(response):
    assert grade_true_false(response, True) == Grade(True, 1.0, "Correct.", "True")
    assert grade_true_false(response, False) == Grade(False, 0.0, "Not quite: it is false.", "False")


@pytest.mark.parametrize("response", [False, "false", "False", "f", "F", "no", "NO", "n"])
def test_grade_true_false_reads_false(response):
    assert grade_true_false(response, False).correct
    assert not grade_true_false(response, True).correct


@pytest.mark.parametrize("response", ["maybe", "truthy", "1", "yes no"])
def test_grade_true_false_unreadable(response):
    grade = grade_true_false(response, True)
    assert not grade.correct
    assert "is neither true nor false" in grade.feedback


@pytest.mark.parametrize("response", ["", "  ", None])
def test_grade_true_false_no_answer(response):
    assert grade_true_false(response, True).feedback == "No answer given."


# --- grade_numeric ---------------------------------------------------------------------------------------


def test_grade_numeric_right():
    assert grade_numeric("13,300", 13300) == Grade(True, 1.0, "Correct.", "13,300")


def test_grade_numeric_formats_the_expected_answer_with_its_unit():
    assert grade_numeric("1", 13300, unit="firms").expected == "13,300 firms"
    assert grade_numeric("1", 10, unit="%").expected == "10%"
    assert grade_numeric("1", 5_000_000, unit="£").expected == "£5,000,000"
    assert grade_numeric("1", 2.5, unit="per cent").expected == "2.5 per cent"


def test_grade_numeric_close():
    grade = grade_numeric("13,000", 13300)
    assert not grade.correct
    assert grade.feedback == "Close: the answer is 13,300 (you said 13,000)."


def test_grade_numeric_far_off():
    assert grade_numeric("5", 13300).feedback == "Not quite: the answer is 13,300 (you said 5)."


def test_grade_numeric_within_tolerance_names_the_exact_figure():
    grade = grade_numeric("13,250", 13300, 100)
    assert grade.correct
    assert grade.feedback == "Correct: the exact figure is 13,300."


@pytest.mark.parametrize(
    ("response", "correct"), [("104", True), ("95", True), ("105", True), ("105.1", False), ("94", False)]
)
def test_grade_numeric_relative_tolerance(response, correct):
    assert grade_numeric(response, 100, 0.05, relative=True).correct is correct


def test_grade_numeric_accepts_qualifiers_within_tolerance():
    assert grade_numeric("more than 13,300", 13300).correct
    assert grade_numeric("about 50 firms", 50).correct
    assert not grade_numeric("more than 13,000", 13300).correct


def test_grade_numeric_reports_the_qualifier_back():
    assert "(you said more than 13,000)" in grade_numeric("more than 13,000", 13300).feedback


@pytest.mark.parametrize("response", ["10%", "10 per cent", "ten percent", "10"])
def test_grade_numeric_compares_percentages_by_value(response):
    assert grade_numeric(response, 10, unit="%").correct


def test_grade_numeric_says_percent_back():
    assert grade_numeric("12%", 10, unit="%").feedback == "Not quite: the answer is 10% (you said 12%)."


def test_grade_numeric_decimals():
    assert grade_numeric("13.300", 13.3).correct
    assert not grade_numeric("13.300", 13300).correct
    assert grade_numeric("0.3", 0.1 + 0.2).correct


def test_grade_numeric_negative():
    assert grade_numeric("minus five", -5).correct
    assert not grade_numeric("5", -5).correct


@pytest.mark.parametrize("response", ["banana", "50 or 60", "2011-12", "not 50"])
def test_grade_numeric_unreadable(response):
    grade = grade_numeric(response, 50)
    assert not grade.correct
    assert grade.feedback == f"“{response}” is not a number we could read; the answer is 50."


def test_grade_numeric_shortens_a_long_unreadable_response():
    grade = grade_numeric("word " * 100, 50)
    assert grade.feedback.startswith("“word word")
    assert "…” is not a number we could read" in grade.feedback
    assert len(grade.feedback) < 120


@pytest.mark.parametrize("response", ["", "   ", "\n", None])
def test_grade_numeric_no_answer(response):
    assert grade_numeric(response, 50) == Grade(False, 0.0, "No answer given.", "50")


@FAST
@given(st.integers(min_value=0, max_value=10**10))
def test_grade_numeric_accepts_any_figure_spelling_of_the_right_integer(number):
    for spelling in digit_spellings(number):
        assert grade_numeric(spelling, number).correct, spelling


@FAST
@given(
    number=st.integers(min_value=0, max_value=999_999),
    hyphen=st.sampled_from(["-", " "]),
    use_and=st.booleans(),
    capitalise=st.booleans(),
)
def test_grade_numeric_accepts_the_right_integer_in_words(number, hyphen, use_and, capitalise):
    words = int_to_words(number, hyphen=hyphen, use_and=use_and)
    assert grade_numeric(words.capitalize() if capitalise else words, number).correct, words


@FAST
@given(
    answer=st.integers(min_value=-(10**6), max_value=10**6),
    tolerance=st.one_of(
        st.tuples(st.integers(min_value=0, max_value=500), st.just(False)),
        st.tuples(st.sampled_from([0, 0.01, 0.05, 0.1, 0.25]), st.just(True)),
    ),
    miss=st.floats(min_value=0.001, max_value=10**6),
    below=st.booleans(),
)
def test_grade_numeric_rejects_any_value_outside_the_tolerance(answer, tolerance, miss, below):
    tolerance, relative = tolerance
    allowed = tolerance * abs(answer) if relative else tolerance
    value = answer + (-1 if below else 1) * (allowed + miss)
    assume(abs(value - answer) > allowed + 1e-6)
    grade = grade_numeric(format(Decimal(value), "f"), answer, tolerance, relative=relative)
    assert not grade.correct
    assert "could read" not in grade.feedback


@FAST
@given(
    answer=st.integers(min_value=-(10**6), max_value=10**6),
    tolerance=st.integers(min_value=0, max_value=500),
    offset=st.integers(min_value=-500, max_value=500),
)
def test_grade_numeric_accepts_any_value_inside_the_tolerance(answer, tolerance, offset):
    assume(abs(offset) <= tolerance)
    assert grade_numeric(str(answer + offset), answer, tolerance).correct


# --- grade_text ------------------------------------------------------------------------------------------


def test_grade_text_right():
    assert grade_text("kyiv", "Kyiv") == Grade(True, 1.0, "Correct.", "Kyiv")


def test_grade_text_accepts_variants():
    assert grade_text("Kiev", "Kyiv", ["Kiev"]) == Grade(True, 1.0, "Correct.", "Kyiv")


def test_grade_text_forgives_a_typo_and_shows_the_spelling():
    assert grade_text("Warsow", "Warsaw") == Grade(
        True, 1.0, "Correct, though it is spelled Warsaw.", "Warsaw"
    )


def test_grade_text_shows_the_closest_variant_spelling():
    assert grade_text("Bejing", "Beijing", ["Peking"]).feedback == "Correct, though it is spelled Beijing."


@pytest.mark.parametrize("response", ["Kyiv Moscow Minsk", "Moscow", "Kyvi"])
def test_grade_text_wrong(response):
    assert grade_text(response, "Kyiv") == Grade(False, 0.0, "Not quite: the answer is Kyiv.", "Kyiv")


def test_grade_text_rejects_the_answer_among_others():
    assert not grade_text("Poland and Lithuania", "Poland").correct


@pytest.mark.parametrize("response", ["", " ", None])
def test_grade_text_no_answer(response):
    assert grade_text(response, "Kyiv").feedback == "No answer given."


SEPARATORS = [" ", "  ", " - ", "-", ", ", "; ", " / ", " — ", " · "]
ARTICLES = ["", "the ", "The ", "THE ", "a ", "An "]


def without_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéüñç", min_size=1, max_size=8).filter(
    lambda word: without_accents(word) not in {"a", "an", "the"}  # "añ" is the article "an" unaccented
)


@FAST
@given(words=st.lists(WORD, min_size=1, max_size=4), data=st.data())
def test_grade_text_accepts_any_case_punctuation_or_article_variation(words, data):
    answer = " ".join(words)
    response = data.draw(st.sampled_from(ARTICLES))
    for index, word in enumerate(words):
        if index:
            response += data.draw(st.sampled_from(SEPARATORS)) + data.draw(st.sampled_from(ARTICLES))
        if data.draw(st.booleans()):
            word = without_accents(word)
        uppers = data.draw(st.lists(st.booleans(), min_size=len(word), max_size=len(word)))
        response += "".join(c.upper() if up else c for c, up in zip(word, uppers, strict=True))
    opening, closing = data.draw(st.sampled_from([("", ""), ("“", "”"), ('"', '"'), ("(", ")"), ("'", "'")]))
    response = opening + response + closing + data.draw(st.sampled_from(["", ".", "!", "?", " ."]))
    assert grade_text(response, answer) == Grade(True, 1.0, "Correct.", answer), response


@FAST
@given(
    words=st.lists(WORD, min_size=1, max_size=3),
    other=st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=6, max_size=12),
    joiner=st.sampled_from([" ", "", " and ", ", "]),
    other_first=st.booleans(),
)
def test_grade_text_rejects_the_answer_run_together_with_another_long_word(words, other, joiner, other_first):
    answer = " ".join(words)
    response = other + joiner + answer if other_first else answer + joiner + other
    assert not grade_text(response, answer).correct, response


# --- grade_person ----------------------------------------------------------------------------------------


def test_grade_person_full_name():
    assert grade_person("Olaf Scholz", "Olaf Scholz") == Grade(True, 1.0, "Correct.", "Olaf Scholz")


def test_grade_person_surname():
    assert grade_person("scholz", "Olaf Scholz") == Grade(True, 1.0, "Correct.", "Olaf Scholz")


def test_grade_person_title_and_surname():
    assert grade_person("President Macron", "Emmanuel Macron").feedback == "Correct."


def test_grade_person_typo():
    assert grade_person("Sholz", "Olaf Scholz").feedback == "Correct, though it is spelled Scholz."


def test_grade_person_first_name_alone_is_wrong():
    assert grade_person("Olaf", "Olaf Scholz") == Grade(
        False, 0.0, "Not quite: the answer is Olaf Scholz.", "Olaf Scholz"
    )


def test_grade_person_accepted_first_name():
    assert grade_person("Olaf", "Olaf Scholz", ["Olaf"]).correct


def test_grade_person_known_by_one_name():
    assert grade_person("anton", "Anton").correct


@pytest.mark.parametrize("response", ["", "  ", None])
def test_grade_person_no_answer(response):
    assert grade_person(response, "Olaf Scholz").feedback == "No answer given."


# --- grade_cloze -----------------------------------------------------------------------------------------

BLANKS = [["Kyiv", "Kiev"], ["13,300"], ["Zelensky", "Zelenskyy"]]
EXPECTED = "Kyiv; 13,300; Zelensky"


def test_grade_cloze_all_right():
    assert grade_cloze(["Kyiv", "13,300", "Zelensky"], BLANKS) == Grade(True, 1.0, "Correct.", EXPECTED)


def test_grade_cloze_variants_typos_and_number_spellings():
    assert grade_cloze(["kiev", "13300", "Zelenskyy"], BLANKS).correct
    assert grade_cloze(["Kyiv", "13.3k", "Zelenksy"], BLANKS).correct


def test_grade_cloze_partial_credit():
    grade = grade_cloze(["Kyiv", "13,000", "Zelensky"], BLANKS)
    assert (grade.correct, grade.score) == (False, pytest.approx(2 / 3))
    assert grade.feedback == f"2 of 3 blanks right: the answers are {EXPECTED}."


def test_grade_cloze_numbers_are_not_forgiven_typos():
    assert not grade_cloze(["Kyiv", "13,330", "Zelensky"], BLANKS).correct


def test_grade_cloze_missing_responses_are_wrong_blanks():
    grade = grade_cloze(["Kyiv"], BLANKS)
    assert (grade.correct, grade.score) == (False, pytest.approx(1 / 3))


def test_grade_cloze_extra_responses_are_ignored():
    assert grade_cloze(["Kyiv", "13,300", "Zelensky", "extra"], BLANKS).correct


def test_grade_cloze_blank_responses_are_wrong_blanks():
    assert grade_cloze(["Kyiv", " ", "Zelensky"], BLANKS).score == pytest.approx(2 / 3)


def test_grade_cloze_single_blank():
    assert grade_cloze(["Moscow"], [["Kyiv"]]) == Grade(False, 0.0, "Not quite: the answer is Kyiv.", "Kyiv")
    assert grade_cloze("Kyiv", [["Kyiv"]]).correct


@pytest.mark.parametrize("responses", [[], ["", "  ", ""], [None], None, ""])
def test_grade_cloze_no_answer(responses):
    assert grade_cloze(responses, BLANKS) == Grade(False, 0.0, "No answer given.", EXPECTED)


def test_grade_cloze_qualified_number_blank_needs_the_words():
    blanks = [["more than 50"]]
    assert grade_cloze(["more than 50"], blanks).correct
    assert not grade_cloze(["less than 50"], blanks).correct


@pytest.mark.parametrize("blanks", [[], [["Kyiv"], []]])
def test_grade_cloze_needs_blanks_with_answers(blanks):
    with pytest.raises(ValueError, match="at least one"):
        grade_cloze(["Kyiv"], blanks)
