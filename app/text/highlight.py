"""Highlighting spans in an article's paragraphs: parse `?hl=` and cut paragraphs into marked segments."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from app.text.spans import Span

HIGHLIGHT_PART = re.compile(r"^(\d{1,9})-(\d{1,9})$")
MAX_HIGHLIGHTS = 20


class HighlightError(ValueError):
    """A `hl` value that does not name spans of this article; the message says why."""


class ParagraphLike(Protocol):
    start: int
    end: int


@dataclass(frozen=True)
class Segment:
    text: str
    marked: bool = False
    first_mark: bool = False  # the first marked segment of the page: the one scrolled to and focused


def parse_highlights(value: str, text_length: int) -> list[Span]:
    """`"120-180"` or several, comma-separated (`"120-180,300-340"`), as spans within the text."""
    parts = [part.strip() for part in value.split(",")]
    if len(parts) > MAX_HIGHLIGHTS:
        raise HighlightError(f"at most {MAX_HIGHLIGHTS} highlighted spans, not {len(parts)}")
    spans = []
    for part in parts:
        match = HIGHLIGHT_PART.match(part)
        if not match:
            raise HighlightError(f"“{part[:40]}” is not a span: write START-END, e.g. hl=120-180")
        start, end = int(match.group(1)), int(match.group(2))
        if start >= end:
            raise HighlightError(f"span {start}-{end} is empty or reversed: START must be less than END")
        if end > text_length:
            raise HighlightError(
                f"span {start}-{end} ends past the article, which has {text_length} characters"
            )
        spans.append(Span(start, end))
    return sorted(spans)


def segment_paragraph(text: str, paragraph: ParagraphLike, highlights: Sequence[Span]) -> list[Segment]:
    """The paragraph cut into plain and marked pieces (a highlight may start or end in another paragraph)."""
    segments: list[Segment] = []
    cursor = paragraph.start
    for span in highlights:
        start, end = max(span.start, paragraph.start), min(span.end, paragraph.end)
        if start >= end or end <= cursor:
            continue
        start = max(start, cursor)
        if start > cursor:
            segments.append(Segment(text[cursor:start]))
        segments.append(Segment(text[start:end], marked=True))
        cursor = end
    if cursor < paragraph.end:
        segments.append(Segment(text[cursor : paragraph.end]))
    return segments


def segment_paragraphs(
    text: str, paragraphs: Sequence[ParagraphLike], highlights: Sequence[Span]
) -> list[list[Segment]]:
    """Segments for every paragraph, the page's first marked segment flagged as the scroll target."""
    result = [segment_paragraph(text, p, highlights) for p in paragraphs]
    for segments in result:
        for i, segment in enumerate(segments):
            if segment.marked:
                segments[i] = Segment(segment.text, marked=True, first_mark=True)
                return result
    return result
