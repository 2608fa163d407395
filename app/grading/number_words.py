"""Numbers written in words ("three hundred and forty", "a dozen") and the scale words after a figure."""

from __future__ import annotations

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
NUMBER_WORDS = frozenset({*_UNITS, *_TENS, "hundred", "dozen", *_SCALES})
LINKING_WORDS = frozenset({"a", "and"})

# After a figure: "13.3k", "1.2 million", "£5bn".
SCALE_AFTER_FIGURE = {"k": 10**3, "m": 10**6, "mn": 10**6, "b": 10**9, "bn": 10**9, "tn": 10**12}
SCALE_AFTER_FIGURE |= {"hundred": 100, **_SCALES}


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
