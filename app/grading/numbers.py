"""A number as read from text, compared with an answer give or take a tolerance, and displayed.

Reading is in app.grading.answer_numbers (a student's answer) and app.grading.prose_numbers (a passage).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

MORE_THAN = "more than"
LESS_THAN = "less than"
AT_LEAST = "at least"
AT_MOST = "at most"
ABOUT = "about"
NEARLY = "nearly"
QUALIFIERS = frozenset({MORE_THAN, LESS_THAN, AT_LEAST, AT_MOST, ABOUT, NEARLY})


@dataclass(frozen=True)
class NumberReading:
    value: float
    percent: bool = False
    qualifier: str | None = None  # one of QUALIFIERS, or None for a plain figure


_EPSILON = 1e-12  # relative to the size of the answer: absorbs float error, not a real difference


def within_tolerance(value: float, answer: float, tolerance: float = 0, *, relative: bool = False) -> bool:
    """`value` is `answer` give or take `tolerance` (a fraction of the answer if `relative`)."""
    if tolerance < 0:
        raise ValueError(f"tolerance must not be negative, got {tolerance}")
    allowed = tolerance * abs(answer) if relative else tolerance
    return abs(value - answer) <= allowed + _EPSILON * max(1.0, abs(answer))


def format_number(value: float) -> str:
    """A number for display: thousands separated by commas, no trailing zeros ("13,300", "2.5")."""
    if not math.isfinite(value):
        return str(value)
    whole = round(value)
    if abs(value - whole) <= _EPSILON * max(1.0, abs(value)):
        return f"{whole:,}"
    return f"{value:,.10f}".rstrip("0").rstrip(".")
