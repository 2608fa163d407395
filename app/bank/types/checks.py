"""What the question types' checks share: the problem list, value tests and whole-word mentions."""

from __future__ import annotations

import re

from app.grading import normalise_answer

POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")
Problems = list[tuple[str, str]]  # (field, message)


def is_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def mentions(text: str, phrase: str) -> bool:
    """Whether `phrase` occurs in `text` as whole words, ignoring case, punctuation and accents."""
    needle = normalise_answer(POSSESSIVE.sub("", phrase))
    return bool(needle) and f" {needle} " in f" {normalise_answer(POSSESSIVE.sub('', text))} "


def texts_problems(values: tuple, field: str) -> Problems:
    if not all(is_text(v) for v in values):
        return [(field, f"{field} must be a list of non-empty texts")]
    return []


def duplicate_problems(values: tuple, field: str) -> Problems:
    seen: dict[str, str] = {}
    for value in values:
        norm = normalise_answer(value)
        if norm in seen:
            return [(field, f"duplicate {field[:-1]}: “{value}” repeats “{seen[norm]}”")]
        seen[norm] = value
    return []


def unsupported_answers(blanks: list[list[str]], evidence_text: str) -> Problems:
    """Blanks none of whose accepted wordings occurs in the cited evidence."""
    return [
        ("answer", f"the answer “{blank[0]}” (or an accepted variant) does not occur in the cited evidence")
        for blank in blanks
        if not any(mentions(evidence_text, variant) for variant in blank)
    ]
