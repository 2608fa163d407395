"""Read numbers: a student's numeric answer, the numbers stated in a passage, and tolerant comparison."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal

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


# fmt: off
_UNIT_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)
_TEN_WORDS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
# fmt: on
_UNITS = {word: value for value, word in enumerate(_UNIT_WORDS)}
_TENS = {word: 10 * value for value, word in enumerate(_TEN_WORDS, start=2)}
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_NUMBER_WORDS = frozenset({*_UNITS, *_TENS, "hundred", "dozen", *_SCALES})
_LINKING_WORDS = frozenset({"a", "and"})
_LONGEST_WORD_NUMBER = 12  # words; longer runs in prose are read as several numbers

# After a figure: "13.3k", "1.2 million", "£5bn".
_SCALE_AFTER_FIGURE = {"k": 10**3, "m": 10**6, "mn": 10**6, "b": 10**9, "bn": 10**9, "tn": 10**12}
_SCALE_AFTER_FIGURE |= {"hundred": 100, **_SCALES}

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
        if position < len(tokens) and tokens[position][1] in _SCALE_AFTER_FIGURE:
            value *= _SCALE_AFTER_FIGURE[tokens[position][1]]
            position += 1
        return value, position
    end = position
    while end < len(tokens) and tokens[end][1] in _NUMBER_WORDS | _LINKING_WORDS | {"half"}:
        end += 1
    while end > position and tokens[end - 1][1] in _LINKING_WORDS:
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
    return kind == "figure" or text in _NUMBER_WORDS or text == "half"


def words_to_int(words: list[str]) -> int | None:
    """A whole number written in words ("three hundred and forty"), or None if the words are not one."""
    for scale_word, scale in sorted(_SCALES.items(), key=lambda item: item[1], reverse=True):
        if scale_word in words:
            at = words.index(scale_word)
            multiple = 1 if words[:at] == ["a"] else _below_thousand(words[:at])
            rest = _after_and(words[at + 1 :])
            remainder = words_to_int(rest) if rest else 0
            if not multiple or not (rest is None or remainder) or remainder >= scale:
                return None
            return multiple * scale + remainder
    return _below_thousand(words)


def _below_thousand(words: list[str]) -> int | None:
    if "hundred" in words:
        at = words.index("hundred")
        multiple = 1 if words[:at] == ["a"] else _below_hundred(words[:at])
        rest = _after_and(words[at + 1 :])
        remainder = _below_hundred(rest) if rest else 0
        if not multiple or not (rest is None or remainder):
            return None
        return multiple * 100 + remainder
    if words[-1:] == ["dozen"]:
        multiple = 1 if words[:-1] == ["a"] else _below_hundred(words[:-1])
        return multiple * 12 if multiple else None
    return _below_hundred(words)


def _after_and(words: list[str]) -> list[str] | None:
    """The words after a scale word, less a leading "and": None if there are none, [] if only "and"."""
    if words[:1] == ["and"]:
        return words[1:]
    return words or None


def _below_hundred(words: list[str]) -> int | None:
    if len(words) == 1:
        return _UNITS.get(words[0], _TENS.get(words[0]))
    if len(words) == 2 and words[0] in _TENS and 1 <= _UNITS.get(words[1], 0) <= 9:
        return _TENS[words[0]] + _UNITS[words[1]]
    return None


# --- numbers stated in prose ---------------------------------------------------------------------------

_PROSE_FIGURE = re.compile(
    r"(?P<sign>(?<![^\s(\[])-)?"  # a minus sign after a space or bracket; "2011-12" has a hyphen
    r"(?<![0-9])(?<![0-9]\.)"
    r"(?P<digits>[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])"
    r"|[0-9]{1,3}(?:\u00a0[0-9]{3})+(?![0-9])"
    r"|[0-9]{1,3}(?:\u202f[0-9]{3})+(?![0-9])"
    r"|[0-9]{1,3}(?:\u2009[0-9]{3})+(?![0-9])"
    r"|[0-9]+)"
    r"(?P<fraction>\.[0-9]+)?"
    r"(?:(?P<percent>\s?%|\s*per\s?cent\b|\s*percent\b)"
    r"|(?P<suffix>k|mn|m|bn|tn)(?![^\W\d_])"
    r"|\s+(?P<scale>hundred|thousand|million|billion|trillion)\b)?"
)
_PROSE_WORD = re.compile(r"[^\W\d_]+")
_WORD_JOINER = re.compile(r"\s*-?\s*")  # "three hundred", "twenty-five", "three-day"
_PERCENT_AFTER = re.compile(r"\s?%|\s*per\s?cent\b|\s*percent\b")
_SHORT_YEAR_DASHES = frozenset("-–/")


def numbers_in(text: str) -> list[NumberReading]:
    """Every number stated in `text`, in order of appearance.

    Figures ("13,300", "13.3", "10%", "-5", "£1.2bn" as 1.2e9, "1.2 million" as 1.2e6; thousands
    separated by a comma or a non-breaking/thin space, not an ordinary space), years, both years of
    "2011-12" (2011 and 2012), and numbers in words ("Eight", "three-day", "a dozen", "ten per cent").
    Vague plurals ("tens of thousands", "hundreds", "dozens", "mid-twenties") and "half" are not
    numbers stated, and are skipped; "one" as a pronoun cannot be told apart, and counts as 1.
    """
    if not isinstance(text, str):
        return []
    text = text.casefold().replace("−", "-")
    found = _figures_in(text) + _word_numbers_in(text)
    return [reading for _, reading in sorted(found, key=lambda item: item[0])]


def _figures_in(text: str) -> list[tuple[int, NumberReading]]:
    found = []
    previous = None
    for match in _PROSE_FIGURE.finditer(text):
        digits = re.sub(r"[^0-9]", "", match["digits"])
        value = Decimal(digits + (match["fraction"] or ""))
        value *= _SCALE_AFTER_FIGURE.get(match["suffix"] or match["scale"] or "", 1)
        if match["sign"]:
            value = -value
        if previous is not None and _is_short_year(previous, match, text):
            century = int(previous["digits"]) // 100 * 100
            value = Decimal(century + int(digits))
            if value <= int(previous["digits"]):
                value += 100
        previous = match
        if math.isfinite(float(value)):
            found.append((match.start(), NumberReading(float(value), bool(match["percent"]))))
    return found


def _is_short_year(previous: re.Match, match: re.Match, text: str) -> bool:
    """`match` is the "12" of "2011-12"."""
    plain = not (match["sign"] or match["fraction"] or match["percent"] or match["suffix"] or match["scale"])
    year = previous["digits"].isdigit() and len(previous["digits"]) == 4 and not previous["sign"]
    return (
        plain
        and year
        and len(match["digits"]) == 2
        and previous.end() + 1 == match.start()
        and text[previous.end()] in _SHORT_YEAR_DASHES
    )


def _word_numbers_in(text: str) -> list[tuple[int, NumberReading]]:
    found = []
    for run in _word_runs(text):
        start = 0
        while start < len(run):
            for end in range(min(len(run), start + _LONGEST_WORD_NUMBER), start, -1):
                value = words_to_int([word.group() for word in run[start:end]])
                if value is not None:
                    percent = bool(_PERCENT_AFTER.match(text, run[end - 1].end()))
                    found.append((run[start].start(), NumberReading(float(value), percent)))
                    start = end
                    break
            else:
                start += 1
    return found


def _word_runs(text: str) -> list[list[re.Match]]:
    """Runs of adjacent number words (and "a", "and"), split where anything but a space or hyphen falls."""
    runs: list[list[re.Match]] = []
    for word in _PROSE_WORD.finditer(text):
        if word.group() not in _NUMBER_WORDS | _LINKING_WORDS:
            continue
        previous = runs[-1][-1] if runs else None
        if previous is not None and _WORD_JOINER.fullmatch(text, previous.end(), word.start()):
            runs[-1].append(word)
        else:
            runs.append([word])
    return runs


# --- comparison and display ----------------------------------------------------------------------------

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
