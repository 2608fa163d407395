"""The sentence around a span, so cited words can be shown in context."""

from __future__ import annotations

import re

from app.text.spans import Span

# A sentence ends at . ! ? or … (optionally followed by closing quotes or brackets) and then whitespace.
SENTENCE_END = re.compile(r"[.!?…][”’\"')\]]*(?=\s)")


def sentence_around(text: str, span: Span) -> Span:
    """The span widened to whole sentences, never past its paragraph (blank-line separated)."""
    paragraph_start = text.rfind("\n\n", 0, span.start)
    paragraph_start = 0 if paragraph_start < 0 else paragraph_start + 2
    paragraph_end = text.find("\n\n", span.end)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    start = paragraph_start
    for match in SENTENCE_END.finditer(text, paragraph_start, span.start):
        start = match.end()
    while start < span.start and text[start].isspace():
        start += 1
    end = paragraph_end
    match = SENTENCE_END.search(text, max(span.end - 1, paragraph_start), paragraph_end)
    if match:
        end = match.end()
    return Span(min(start, span.start), max(end, span.end))
