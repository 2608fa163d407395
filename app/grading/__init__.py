"""Grading: read students' answers (numbers, words, names) and grade them against a question's answer."""

from app.grading.answer_numbers import parse_number
from app.grading.grades import (
    Grade,
    grade_choice,
    grade_cloze,
    grade_numeric,
    grade_person,
    grade_text,
    grade_true_false,
)
from app.grading.numbers import NumberReading, format_number, within_tolerance
from app.grading.prose_numbers import numbers_in
from app.grading.text import (
    allowed_typos,
    is_text_correct,
    normalise_answer,
    person_matches,
    person_name_forms,
    text_matches,
)

__all__ = [
    "Grade",
    "NumberReading",
    "allowed_typos",
    "format_number",
    "grade_choice",
    "grade_cloze",
    "grade_numeric",
    "grade_person",
    "grade_text",
    "grade_true_false",
    "is_text_correct",
    "normalise_answer",
    "numbers_in",
    "parse_number",
    "person_matches",
    "person_name_forms",
    "text_matches",
    "within_tolerance",
]
