"""A student's numeric answer read as one number, with the qualifier around it ("more than 13,000")."""

from __future__ import annotations

import math
import re
from decimal import Decimal

from app.grading.number_words import LINKING_WORDS, NUMBER_WORDS, SCALE_AFTER_FIGURE, words_to_int
from app.grading.numbers import ABOUT, AT_LEAST, AT_MOST, LESS_THAN, MORE_THAN, NEARLY, NumberReading

# Phrases around a student's figure; "" marks a word that only stresses exactness ("exactly 50").
_LEADING_QUALIFIERS = {
    ("more", "than"): MORE_THAN,
    ("over",): MORE_THAN,
    ("above",): MORE_THAN,
    ("greater", "than"): MORE_THAN,
    ("higher", "than"): MORE_THAN,
    ("in", "excess", "of"): MORE_THAN,
    ("upwards", "of"): MORE_THAN,
    ("just", "over"): MORE_THAN,
    ("less", "than"): LESS_THAN,
    ("fewer", "than"): LESS_THAN,
    ("lower", "than"): LESS_THAN,
    ("under",): LESS_THAN,
    ("below",): LESS_THAN,
    ("at", "least"): AT_LEAST,
    ("no", "less", "than"): AT_LEAST,
    ("no", "fewer", "than"): AT_LEAST,
    ("a", "minimum", "of"): AT_LEAST,
    ("at", "most"): AT_MOST,
    ("up", "to"): AT_MOST,
    ("no", "more", "than"): AT_MOST,
    ("a", "maximum", "of"): AT_MOST,
    ("about",): ABOUT,
    ("around",): ABOUT,
    ("roughly",): ABOUT,
    ("approximately",): ABOUT,
    ("approx",): ABOUT,
    ("circa",): ABOUT,
    ("c",): ABOUT,
    ("ca",): ABOUT,
    ("some",): ABOUT,
    ("an", "estimated"): ABOUT,
    ("estimated",): ABOUT,
    ("nearly",): NEARLY,
    ("almost",): NEARLY,
    ("just", "under"): NEARLY,
    ("close", "to"): NEARLY,
    ("not", "quite"): NEARLY,
    ("exactly",): "",
    ("precisely",): "",
    ("just",): "",
    ("only",): "",
    ("in",): "",
}
_TRAILING_QUALIFIERS = {
    ("or", "more"): AT_LEAST,
    ("or", "over"): AT_LEAST,
    ("plus",): MORE_THAN,
    ("+",): MORE_THAN,
    ("or", "less"): AT_MOST,
    ("or", "fewer"): AT_MOST,
    ("or", "under"): AT_MOST,
    ("or", "so"): ABOUT,
    ("odd",): ABOUT,
}
_LEADING_MARKS = {"~": ABOUT, "≈": ABOUT, ">": MORE_THAN, "<": LESS_THAN, "≥": AT_LEAST, "≤": AT_MOST}
_IGNORED_LEADING_MARKS = frozenset("+$£€¥([\"'“‘")

_ANSWER_TOKEN = re.compile(
    r"(?P<figure>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?(?![0-9])"
    r"|[0-9]{1,3}(?: [0-9]{3})+(?:\.[0-9]+)?(?![0-9])"
    r"|[0-9]+(?:\.[0-9]+)?|\.[0-9]+)"
    r"|(?P<word>[^\W\d_]+)"
    r"|(?P<mark>\S)"
)
_MINUS_SIGNS = str.maketrans({"−": "-", "‒": "-", "–": "-", "—": "-"})


def parse_number(text: str) -> NumberReading | None:
    """A student's answer as one number, or None if it is not exactly one number.

    Ranges ("2011-12", "50 to 60") and lists ("50 or 60") are None: they are not a single number.
    Unit words after the number are ignored ("about 50 firms"); other words before it are not.
    """
    if not isinstance(text, str):
        return None
    tokens = _answer_tokens(text)
    position, qualifier, negative = _read_lead(tokens)
    number = _read_number(tokens, position)
    if number is None:
        return None
    value, position = number
    percent, position = _read_percent(tokens, position)
    trailing, position = _match_phrase(tokens, position, _TRAILING_QUALIFIERS)
    if any(_is_number_token(token) for token in tokens[position:]):
        return None
    if negative:
        value = -value
    if not math.isfinite(float(value)):
        return None
    return NumberReading(float(value), percent, qualifier or trailing or None)


def _answer_tokens(text: str) -> list[tuple[str, str]]:
    text = re.sub(r"\s", " ", text.casefold().translate(_MINUS_SIGNS))
    text = re.sub(r"(?<=[^\W_])-(?=[^\W\d_])", " ", text)  # "twenty-five", "50-odd"; not "2011-12"
    return [(match.lastgroup or "", match.group()) for match in _ANSWER_TOKEN.finditer(text)]


def _read_lead(tokens: list[tuple[str, str]]) -> tuple[int, str, bool]:
    """Skip qualifiers, currency signs and a minus sign before the number."""
    position, qualifier, negative = 0, "", False
    while position < len(tokens):
        kind, text = tokens[position]
        if kind == "mark" and text in _LEADING_MARKS:
            qualifier = qualifier or _LEADING_MARKS[text]
        elif (kind == "mark" and text == "-") or text in ("minus", "negative"):
            negative = True
        elif not (kind == "mark" and text in _IGNORED_LEADING_MARKS):
            phrase, after = _match_phrase(tokens, position, _LEADING_QUALIFIERS)
            if after == position:
                break
            qualifier = qualifier or phrase
            position = after
            continue
        position += 1
    return position, qualifier, negative


def _match_phrase(tokens: list[tuple[str, str]], position: int, phrases: dict) -> tuple[str, int]:
    """The longest phrase starting at `position`: its meaning and the position after it."""
    for length in (3, 2, 1):
        words = tuple(text for _, text in tokens[position : position + length])
        if len(words) == length and words in phrases:
            return phrases[words], position + length
    return "", position


def _read_number(tokens: list[tuple[str, str]], position: int) -> tuple[Decimal, int] | None:
    if position >= len(tokens):
        return None
    kind, text = tokens[position]
    if kind == "figure":
        value = Decimal(text.replace(",", "").replace(" ", ""))
        position += 1
        if position < len(tokens) and tokens[position][1] in SCALE_AFTER_FIGURE:
            value *= SCALE_AFTER_FIGURE[tokens[position][1]]
            position += 1
        return value, position
    end = position
    while end < len(tokens) and tokens[end][1] in NUMBER_WORDS | LINKING_WORDS | {"half"}:
        end += 1
    while end > position and tokens[end - 1][1] in LINKING_WORDS:
        end -= 1
    words = [text for _, text in tokens[position:end]]
    if words in (["half"], ["a", "half"]):
        return Decimal("0.5"), end
    value = words_to_int(words)
    return None if value is None else (Decimal(value), end)


def _read_percent(tokens: list[tuple[str, str]], position: int) -> tuple[bool, int]:
    words = [text for _, text in tokens[position : position + 2]]
    if words[:1] in (["%"], ["percent"], ["pct"], ["percentage"]):
        return True, position + 1
    if words == ["per", "cent"]:
        return True, position + 2
    return False, position


def _is_number_token(token: tuple[str, str]) -> bool:
    kind, text = token
    return kind == "figure" or text in NUMBER_WORDS or text == "half"
