"""A question as quiz interchange formats (GIFT, Moodle XML) can say it: one of Moodle's question families.

Each question type turns its content into an `Exchanged` and back (`QuestionType.exchange` and
`from_exchange`); each format writes and reads the families. Whatever a family cannot say (a who-said
speaker's role, a percentage tolerance, tags in GIFT) travels in `extras`, which the formats keep in a
comment that Moodle ignores.
"""

from __future__ import annotations

from dataclasses import dataclass, field

FAMILIES = ("multichoice", "truefalse", "numerical", "shortanswer", "cloze")


@dataclass(frozen=True)
class Exchanged:
    family: str
    # multichoice: every choice, in order; shortanswer: the accepted wordings, the answer first
    answers: tuple[str, ...] = ()
    # multichoice: the right choice; truefalse: True or False; numerical: the number
    correct: object = None
    tolerance: float = 0.0  # numerical: an absolute distance
    unit: str | None = None  # numerical
    blanks: tuple[tuple[str, ...], ...] = ()  # cloze: per blank, the accepted wordings, the answer first
    extras: dict = field(default_factory=dict, compare=False)


# The Sourced type a family becomes when the file does not say (a file written by Moodle).
DEFAULT_TYPES = {
    "multichoice": "multiple_choice",
    "truefalse": "true_false",
    "numerical": "numeric",
    "shortanswer": "short_answer",
    "cloze": "cloze",
}
