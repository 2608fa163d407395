"""Question types: one class per type, registered by the `type` value stored in YAML and revisions.

Each type knows its own fields, how to check them, what gives its answer away, how to grade a response, and
how interchange formats (GIFT, Moodle XML) say it. A new type is a new module here, registered below.
"""

from __future__ import annotations

from app.bank.content import Content
from app.bank.types.base import QuestionType
from app.bank.types.cloze import Cloze
from app.bank.types.multiple_choice import MultipleChoice
from app.bank.types.numeric import Numeric
from app.bank.types.short_answer import ShortAnswer
from app.bank.types.true_false import TrueFalse
from app.bank.types.who_said import WhoSaid
from app.grading import Grade

__all__ = ["QUESTION_TYPES", "QuestionType", "grade"]

QUESTION_TYPES: dict[str, QuestionType] = {
    kind.name: kind() for kind in (MultipleChoice, TrueFalse, Numeric, ShortAnswer, Cloze, WhoSaid)
}


def grade(content: Content, response) -> Grade:
    """Grade a response to a question of any registered type."""
    return QUESTION_TYPES[content.type].grade(content, response)
