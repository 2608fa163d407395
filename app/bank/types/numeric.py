"""The numeric type: a number stated in the evidence, with an optional tolerance (± or %) and unit."""

from __future__ import annotations

import re

from app.bank.exchange import Exchanged
from app.bank.types.base import QuestionType
from app.bank.types.checks import Problems, is_number, is_text
from app.grading import grade_numeric, numbers_in


def parse_tolerance(tolerance: float | str | None) -> tuple[float, bool]:
    """(amount, relative): `5` is ±5, `"5%"` is ±5% of the answer."""
    if tolerance is None:
        return 0.0, False
    if isinstance(tolerance, str):
        return float(tolerance.strip().rstrip("%")) / 100, True
    return float(tolerance), False


def looks_like_year(value: float, unit: str) -> bool:
    """Years print without thousands separators: 2022, not 2,022."""
    return isinstance(value, int) and (
        (unit.startswith("year") and value > 999) or (not unit and 1000 <= value <= 2999)
    )


class Numeric(QuestionType):
    name, label = "numeric", "Number"
    fields = frozenset({"tolerance", "unit"})
    families = ("numerical",)

    def check(self, content):
        problems: Problems = []
        if not is_number(content.answer):
            problems.append(("answer", "answer must be a number"))
        tolerance = content.tolerance
        if isinstance(tolerance, str) and not re.fullmatch(r"\s*\d+(\.\d+)?\s*%\s*", tolerance):
            problems.append(
                ("tolerance", f"tolerance must be a number or a percentage like 5%, not “{tolerance}”")
            )
        elif (
            tolerance is not None
            and not isinstance(tolerance, str)
            and (not is_number(tolerance) or tolerance < 0)
        ):
            problems.append(("tolerance", "tolerance must be zero or more"))
        if content.unit is not None and not is_text(content.unit):
            problems.append(("unit", "unit must be a short text such as “firms” or “%”"))
        return problems

    def check_evidence(self, content, evidence_text):
        if is_number(content.answer) and not any(
            abs(n.value - content.answer) < 1e-9 for n in numbers_in(evidence_text)
        ):
            return [("answer", f"the answer {content.answer:g} is not a number stated in the evidence")]
        return []

    def given_away(self, content):
        stated = is_number(content.answer) and any(
            abs(n.value - content.answer) < 1e-9 for n in numbers_in(content.prompt)
        )
        return f"{content.answer:g}" if stated else None

    def grade(self, content, response):
        amount, relative = parse_tolerance(content.tolerance)
        return grade_numeric(
            str(response or ""), float(content.answer), amount, relative=relative, unit=content.unit
        )

    def display_answer(self, content):
        unit = content.unit or ""
        if looks_like_year(content.answer, unit):
            return str(content.answer)
        number = f"{content.answer:,}" if isinstance(content.answer, int) else f"{content.answer:,g}"
        return number + unit if unit in ("", "%") else f"{number} {unit}"

    def exchange(self, content):
        amount, relative = parse_tolerance(content.tolerance)
        # The formats know only absolute tolerances: the exact one (a percentage, or none) rides along.
        extras = {} if content.tolerance is None else {"tolerance": content.tolerance}
        absolute = amount * abs(content.answer) if relative else amount
        return Exchanged(
            "numerical", correct=content.answer, tolerance=absolute, unit=content.unit, extras=extras
        )

    def from_exchange(self, exchanged):
        return {
            "answer": exchanged.correct,
            "tolerance": exchanged.tolerance or None,
            "unit": exchanged.unit or None,
        }
