"""Match a student's written answer to the accepted answers, forgiving case, accents and small typos."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

_QUOTES_AND_DASHES = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛′`´", "'"),
        **dict.fromkeys("“”„‟″«»", '"'),
        **dict.fromkeys("‐‑‒–—―−", "-"),
    }
)
_PUNCTUATION = re.compile(
    r"(?P<decimal_point>(?<=\d)\.(?=\d))"
    r"|(?P<thousands>(?<=\d),(?=\d))"
    r"|(?P<silent>['\".])"  # "O'Brien" is "obrien", "U.S." is "us"
    r"|(?P<separator>[^\w\s]|_)"  # anything else parts words: "Rolls-Royce" is "rolls royce"
)
_ARTICLES = frozenset({"a", "an", "the"})
_DIGIT_RUNS = re.compile(r"\d+")


def normalise_answer(text: str) -> str:
    """Casefolded, without accents, punctuation or the articles a/an/the, with single spaces.

    Articles stay when they are all there is ("The The"), and decimal points between digits stay.
    """
    if not isinstance(text, str):
        return ""
    text = _fold(_fold(text).translate(_QUOTES_AND_DASHES).replace("&", " and "))
    text = _PUNCTUATION.sub(_replace_punctuation, text)
    words = text.split()
    return " ".join([word for word in words if word not in _ARTICLES] or words)


def _fold(text: str) -> str:
    """Casefold and strip diacritics, twice over: casefolding can uncover accents and vice versa."""
    for _ in range(2):
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
        text = text.casefold()
    return text


def _replace_punctuation(match: re.Match) -> str:
    return {"decimal_point": ".", "thousands": "", "silent": ""}.get(match.lastgroup or "", " ")


def allowed_typos(length: int) -> int:
    """Edits forgiven in an answer of `length` normalised characters: none up to 4, then one per 6.

    5-11 characters forgive 1 edit, 12-17 forgive 2, 18-23 forgive 3, and so on. An edit is an
    insertion, deletion, substitution or swap of neighbours (optimal string alignment distance).
    """
    return 0 if length <= 4 else max(1, length // 6)


def text_matches(response: str, accepted: Sequence[str]) -> float:
    """The best similarity, 0..1, of `response` to any accepted answer (rapidfuzz ratio, normalised).

    A score, not a verdict: whether it is close enough depends on the answer's length; see is_text_correct.
    """
    said = normalise_answer(response)
    answers = [normalise_answer(answer) for answer in _as_list(accepted)]
    return max((fuzz.ratio(said, answer) / 100 for answer in answers if said and answer), default=0.0)


def is_text_correct(response: str, accepted: Sequence[str]) -> bool:
    """`response` is an accepted answer, give or take allowed_typos; its digits must match exactly.

    Only whole-answer comparison: "Kyiv Moscow Minsk" is not "Kyiv", nor "Poland and Lithuania" "Poland".
    """
    said = normalise_answer(response)
    return bool(said) and any(_close_enough(said, normalise_answer(answer)) for answer in _as_list(accepted))


def _close_enough(said: str, answer: str) -> bool:
    if not answer or _DIGIT_RUNS.findall(said) != _DIGIT_RUNS.findall(answer):
        return False
    typos = allowed_typos(len(answer))
    return OSA.distance(said, answer, score_cutoff=typos) <= typos


def _as_list(accepted: Sequence[str] | str) -> list[str]:
    return [accepted] if isinstance(accepted, str) else list(accepted)


# --- people ----------------------------------------------------------------------------------------------

# fmt: off
_NAME_PARTICLES = frozenset({
    "al", "bin", "da", "das", "de", "del", "della", "den", "der", "di", "dos", "du", "el", "ibn", "la", "le",
    "st", "ten", "ter", "van", "von",
})
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_TITLES = frozenset({
    "mr", "mrs", "ms", "miss", "mx", "dr", "doctor", "prof", "professor", "sir", "dame", "lord", "lady",
    "president", "prime", "minister", "pm", "chancellor", "senator", "governor", "mayor",
})
# fmt: on


def person_name_forms(full_name: str, accepted: Sequence[str] = ()) -> list[str]:
    """The ways to name a person: full name, surname (with "von der" and the like), accepted variants."""
    words = full_name.split()
    while len(words) > 1 and normalise_answer(words[-1]) in _NAME_SUFFIXES:
        words.pop()
    forms = [full_name]
    start = len(words) - 1
    forms.append(" ".join(words[start:]))
    while start > 1 and normalise_answer(words[start - 1]) in _NAME_PARTICLES:
        start -= 1
        forms.append(" ".join(words[start:]))
    forms.extend(_as_list(accepted))
    return list(dict.fromkeys(form for form in forms if form.strip()))


def without_title(response: str) -> str:
    """The response less any leading titles ("President Macron" is "Macron"), unless nothing would remain."""
    words = response.split()
    start = 0
    while start < len(words) - 1 and normalise_answer(words[start]) in _TITLES:
        start += 1
    return " ".join(words[start:])


def person_matches(response: str, full_name: str, accepted: Sequence[str] = ()) -> bool:
    """`response` names the person: full name or surname, or an accepted variant, give or take typos.

    A first name alone is not enough, unless it is the whole name ("Anton") or an accepted variant.
    """
    forms = person_name_forms(full_name, accepted)
    return is_text_correct(response, forms) or is_text_correct(without_title(response), forms)
