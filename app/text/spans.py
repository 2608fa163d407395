"""Spans of an article's clean text: finding quoted words, and re-anchoring them when the text changes."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

# Straight and curly quotes are interchangeable when searching: teachers type ' and articles print ’.
_SINGLE, _DOUBLE = "'‘’", '"“”'
_QUOTE_ALTERNATIVES = dict.fromkeys(_SINGLE, _SINGLE) | dict.fromkeys(_DOUBLE, _DOUBLE)
_SHOWN_CHARS = 40  # how much of a quote an error message repeats
_LISTED_SPANS = 5  # how many offsets an ambiguity message lists


class SpanError(ValueError):
    """A span is invalid, or quoted words could not be turned into one."""


@dataclass(frozen=True, order=True)
class Span:
    """Characters start..end (exclusive) of an article's clean text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not (isinstance(self.start, int) and isinstance(self.end, int)):
            raise TypeError(f"span offsets must be integers, got {self.start!r}-{self.end!r}")
        if not 0 <= self.start < self.end:
            raise SpanError(f"a span needs 0 <= start < end, got {self.start}-{self.end}")

    def text_of(self, text: str) -> str:
        if self.end > len(text):
            raise SpanError(f"span {self} runs past the end of a {len(text)}-character text")
        return text[self.start : self.end]

    def __str__(self) -> str:
        return f"{self.start}-{self.end}"


def _show(quote: str) -> str:
    """The quote on one line, truncated, in curly quotes, for messages."""
    flat = " ".join(quote.split())
    if len(flat) > _SHOWN_CHARS:
        flat = flat[: _SHOWN_CHARS - 1].rstrip() + "…"
    return f"“{flat}”"


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


class QuoteNotFoundError(SpanError):
    """The words are not in the text, or not as many times as the occurrence asked for."""

    def __init__(self, quote: str, count: int = 0, occurrence: int | None = None) -> None:
        self.quote, self.count, self.occurrence = quote, count, occurrence
        if count:
            message = f"{_show(quote)} occurs {_times(count)}; there is no occurrence {occurrence}"
        else:
            message = f"{_show(quote)} was not found in the text"
        super().__init__(message)


class AmbiguousQuoteError(SpanError):
    """The words occur several times and no occurrence was chosen."""

    def __init__(self, quote: str, spans: tuple[Span, ...]) -> None:
        self.quote, self.spans, self.count = quote, spans, len(spans)
        where = ", ".join(map(str, spans[:_LISTED_SPANS])) + (", …" if len(spans) > _LISTED_SPANS else "")
        super().__init__(
            f"{_show(quote)} occurs {len(spans)} times in the text (at {where}); "
            f"choose an occurrence from 1 to {len(spans)}"
        )


def _char_pattern(ch: str) -> str:
    alternatives = _QUOTE_ALTERNATIVES.get(ch)
    return f"[{alternatives}]" if alternatives else re.escape(ch)


@lru_cache(maxsize=256)
def _tolerant_pattern(quote: str) -> re.Pattern[str]:
    words = quote.split()
    if not words:
        raise SpanError("the quote is empty")
    body = r"\s+".join("".join(map(_char_pattern, word)) for word in words)
    # A lookahead lets matches overlap ("aa" occurs twice in "aaa"), so every start is an occurrence.
    # Each start has one match: the quote's words end in non-space, so \s+ always takes the whole run.
    return re.compile(f"(?=({body}))")


def _tolerant_matches(text: str, quote: str) -> list[Span]:
    """Where the quote occurs, allowing any whitespace run for a space and any straight/curly quote."""
    return [Span(m.start(1), m.end(1)) for m in _tolerant_pattern(quote).finditer(text)]


def _exact_matches(text: str, quote: str) -> list[Span]:
    """Where the quote occurs character for character, overlapping occurrences included."""
    spans: list[Span] = []
    at = text.find(quote) if quote else -1
    while at != -1:
        spans.append(Span(at, at + len(quote)))
        at = text.find(quote, at + 1)
    return spans


def find_quote(text: str, quote: str, occurrence: int | None = None) -> Span:
    """The span of the article's own characters that match `quote`; `occurrence` (1-based) picks one."""
    matches = _tolerant_matches(text, quote)
    if occurrence is not None:
        if 1 <= occurrence <= len(matches):
            return matches[occurrence - 1]
        raise QuoteNotFoundError(quote, len(matches), occurrence)
    if len(matches) > 1:
        raise AmbiguousQuoteError(quote, tuple(matches))
    if not matches:
        raise QuoteNotFoundError(quote)
    return matches[0]


@dataclass(frozen=True)
class AnchoredSpan:
    key: object  # the caller's identifier, e.g. a database id
    span: Span
    quote: str  # the exact words the span pointed at when it was made


@dataclass(frozen=True)
class Reanchored:
    """A span that must change; `new` may equal `old` when only whitespace or quote marks changed,
    so the caller should also refresh the stored quote from the new text."""

    key: object
    old: Span
    new: Span


@dataclass(frozen=True)
class Unanchorable:
    key: object
    old: Span
    quote: str
    reason: str  # "not found" or "found N times"


@dataclass(frozen=True)
class ReanchorPlan:
    unchanged: tuple[object, ...]  # keys whose span still points at its quote
    moved: tuple[Reanchored, ...]
    failed: tuple[Unanchorable, ...]

    @property
    def ok(self) -> bool:
        return not self.failed


def plan_reanchoring(old_text: str, new_text: str, spans: Iterable[AnchoredSpan]) -> ReanchorPlan:
    """Work out where each span's quote lies in `new_text`; changes nothing, the caller applies the plan."""
    unchanged: list[object] = []
    moved: list[Reanchored] = []
    failed: list[Unanchorable] = []
    for anchored in spans:
        old = anchored.span
        if new_text[old.start : old.end] == anchored.quote:
            unchanged.append(anchored.key)
            continue
        found = _relocate(old_text, new_text, anchored)
        if isinstance(found, Span):
            moved.append(Reanchored(anchored.key, old, found))
        else:
            failed.append(Unanchorable(anchored.key, old, anchored.quote, found))
    return ReanchorPlan(tuple(unchanged), tuple(moved), tuple(failed))


def _relocate(old_text: str, new_text: str, anchored: AnchoredSpan) -> Span | str:
    """The quote's span in the new text, or the reason there is no single one."""
    quote = anchored.quote
    if not quote.strip():
        return "not found"
    search = _exact_matches if quote in new_text else _tolerant_matches
    candidates = search(new_text, quote)
    if not candidates:
        return "not found"
    if len(candidates) == 1:
        return candidates[0]
    # Several: the k-th of n in the old text is the k-th in the new one, provided there are still n.
    before = search(old_text, quote)
    k = _index_within(anchored.span, before)
    if k is not None and len(before) == len(candidates):
        return candidates[k]
    return f"found {len(candidates)} times"


def _index_within(span: Span, matches: list[Span]) -> int | None:
    """Which match the span held (containment allows a stored quote with whitespace at its edges)."""
    return next((i for i, m in enumerate(matches) if span.start <= m.start and m.end <= span.end), None)


def describe_failures(
    plan: ReanchorPlan, name_of: Callable[[object], str] = "evidence {}".format
) -> list[str]:
    """One line per span that could not be re-anchored, naming each by `name_of(key)`."""
    return [
        f"{name_of(failure.key)}: {_show(failure.quote)} (was {failure.old}): "
        f"{failure.reason} in the new text"
        for failure in plan.failed
    ]
