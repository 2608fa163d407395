"""Every number a passage states: figures, years and numbers in words, in order of appearance."""

from __future__ import annotations

import math
import re
from decimal import Decimal

from app.grading.number_words import LINKING_WORDS, NUMBER_WORDS, SCALE_AFTER_FIGURE, words_to_int
from app.grading.numbers import NumberReading

_LONGEST_WORD_NUMBER = 12  # words; longer runs in prose are read as several numbers
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
        value *= SCALE_AFTER_FIGURE.get(match["suffix"] or match["scale"] or "", 1)
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
        if word.group() not in NUMBER_WORDS | LINKING_WORDS:
            continue
        previous = runs[-1][-1] if runs else None
        if previous is not None and _WORD_JOINER.fullmatch(text, previous.end(), word.start()):
            runs[-1].append(word)
        else:
            runs.append([word])
    return runs
