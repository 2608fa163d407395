"""Grade a response to each kind of question: right or wrong, a score, and one sentence of feedback."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from app.grading.answer_numbers import parse_number
from app.grading.numbers import NumberReading, format_number, within_tolerance
from app.grading.text import (
    is_text_correct,
    normalise_answer,
    person_matches,
    person_name_forms,
    without_title,
)

CORRECT = "Correct."
NO_ANSWER = "No answer given."
_TRUE_WORDS = frozenset({"true", "t", "yes", "y"})
_FALSE_WORDS = frozenset({"false", "f", "no", "n"})
_CLOSE_SHARE = 0.1  # a wrong number this near the answer (or twice the tolerance) is "close"
_QUOTE_LIMIT = 40  # characters of a response repeated back in feedback
_CURRENCY_SIGNS = frozenset("$£€¥")


@dataclass(frozen=True)
class Grade:
    correct: bool
    score: float  # 0..1 (partial credit for cloze)
    feedback: str  # one short sentence for the student
    expected: str  # the correct answer, formatted for display


def grade_choice(response: str, answer: str, choices: Sequence[str]) -> Grade:
    """Multiple choice: the response must be the answer, exactly (give or take surrounding spaces)."""
    if answer not in choices:
        raise ValueError(f"the answer {answer!r} is not among the choices")
    if _is_blank(response):
        return _wrong(answer, NO_ANSWER)
    chosen = response.strip()
    if chosen == answer.strip():
        return _right(answer)
    if chosen not in {choice.strip() for choice in choices}:
        return _wrong(answer, f"{_quoted(response)} is not one of the choices; the answer is {answer}.")
    return _wrong(answer)


def grade_true_false(response: str | bool, answer: bool) -> Grade:
    """True or false: accepts a bool or true/false, t/f, yes/no, y/n in any case."""
    expected = "True" if answer else "False"
    if isinstance(response, bool):
        said = response
    elif _is_blank(response):
        return _wrong(expected, NO_ANSWER)
    elif response.strip().casefold() in _TRUE_WORDS | _FALSE_WORDS:
        said = response.strip().casefold() in _TRUE_WORDS
    else:
        return _wrong(expected, f"{_quoted(response)} is neither true nor false; the answer is {expected}.")
    return _right(expected) if said == answer else _wrong(expected, f"Not quite: it is {expected.lower()}.")


def grade_numeric(
    response: str, answer: float, tolerance: float = 0, *, relative: bool = False, unit: str | None = None
) -> Grade:
    """A number, within `tolerance` of the answer (a fraction of it if `relative`).

    Qualifiers ("more than 50") and percent signs are read but do not change the verdict: the value does.
    """
    expected = _quantity(answer, unit)
    if _is_blank(response):
        return _wrong(expected, NO_ANSWER)
    reading = parse_number(response)
    if reading is None:
        unreadable = f"{_quoted(response)} is not a number we could read; the answer is {expected}."
        return _wrong(expected, unreadable)
    if within_tolerance(reading.value, answer):
        return _right(expected)
    if within_tolerance(reading.value, answer, tolerance, relative=relative):
        return _right(expected, f"Correct: the exact figure is {expected}.")
    allowed = tolerance * abs(answer) if relative else tolerance
    close = within_tolerance(reading.value, answer, max(2 * allowed, _CLOSE_SHARE * abs(answer)))
    verdict = "Close" if close else "Not quite"
    return _wrong(expected, f"{verdict}: the answer is {expected} (you said {_said(reading)}).")


def grade_text(response: str, answer: str, accepted: Sequence[str] = ()) -> Grade:
    """A word or phrase: the answer or an accepted variant, forgiving case, accents and small typos."""
    forms = [answer, *accepted]
    return _grade_words(response, answer, forms, lambda said: is_text_correct(said, forms))


def grade_person(response: str, answer: str, accepted: Sequence[str] = ()) -> Grade:
    """A person: full name or surname (or an accepted variant), forgiving small typos and titles."""
    forms = person_name_forms(answer, accepted)
    return _grade_words(
        response, answer, forms, lambda said: person_matches(said, answer, accepted), without_title
    )


def grade_cloze(responses: Sequence[str], blanks: Sequence[Sequence[str]]) -> Grade:
    """Fill in the blanks: each blank's first entry is the canonical answer, the rest variants.

    The score is the share of blanks right; missing responses are wrong blanks, extra ones are ignored.
    """
    if not blanks or not all(blanks):
        raise ValueError("a cloze needs at least one blank, each with at least one answer")
    responses = [responses] if isinstance(responses, str) else list(responses or [])
    expected = "; ".join(blank[0] for blank in blanks)
    filled = [*responses[: len(blanks)], *[""] * (len(blanks) - len(responses))]
    if all(_is_blank(response) for response in filled):
        return _wrong(expected, NO_ANSWER)
    right = sum(_blank_is_right(response, blank) for response, blank in zip(filled, blanks, strict=True))
    if right == len(blanks):
        return _right(expected)
    if len(blanks) == 1:
        return _wrong(expected)
    feedback = f"{right} of {len(blanks)} blanks right: the answers are {expected}."
    return Grade(correct=False, score=right / len(blanks), feedback=feedback, expected=expected)


def _blank_is_right(response: str, answers: Sequence[str]) -> bool:
    """A blank whose answer is a plain number also takes that number written any other way."""
    if _is_blank(response):
        return False
    number = parse_number(answers[0])
    if number is not None and number.qualifier is None:
        reading = parse_number(response)
        if reading is not None and within_tolerance(reading.value, number.value):
            return True
    return is_text_correct(response, answers)


def _grade_words(
    response: str,
    expected: str,
    forms: Sequence[str],
    matches: Callable[[str], bool],
    also_read_as: Callable[[str], str] = str,
) -> Grade:
    """Right if `matches`; "Correct." only if spelled like one of `forms` (read as is or `also_read_as`)."""
    if _is_blank(response):
        return _wrong(expected, NO_ANSWER)
    if not matches(response):
        return _wrong(expected)
    said = {normalise_answer(response), normalise_answer(also_read_as(response))}
    if said & {normalise_answer(form) for form in forms}:
        return _right(expected)
    closest = max(forms, key=lambda form: fuzz.ratio(normalise_answer(response), normalise_answer(form)))
    return _right(expected, f"Correct, though it is spelled {closest}.")


def _right(expected: str, feedback: str = CORRECT) -> Grade:
    return Grade(correct=True, score=1.0, feedback=feedback, expected=expected)


def _wrong(expected: str, feedback: str | None = None) -> Grade:
    feedback = feedback or f"Not quite: the answer is {expected}."
    return Grade(correct=False, score=0.0, feedback=feedback, expected=expected)


def _is_blank(response: object) -> bool:
    return not isinstance(response, str) or not response.strip()


def _quoted(response: str) -> str:
    text = " ".join(response.split())
    if len(text) > _QUOTE_LIMIT:
        text = text[: _QUOTE_LIMIT - 1] + "…"
    return f"“{text}”"


def _quantity(value: float, unit: str | None) -> str:
    """The value with its unit, for display: "13,300 firms", "10%", "£5"."""
    number = format_number(value)
    if not unit:
        return number
    if unit == "%":
        return number + unit
    if unit in _CURRENCY_SIGNS:
        return f"-{unit}{number[1:]}" if number.startswith("-") else unit + number
    return f"{number} {unit}"


def _said(reading: NumberReading) -> str:
    number = format_number(reading.value) + ("%" if reading.percent else "")
    return f"{reading.qualifier} {number}" if reading.qualifier else number
