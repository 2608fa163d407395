"""A candidate draft as a generator proposes it, before it gets an id and the bank's validator checks it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span

EXPLANATION_CHARS = 220


@dataclass
class Candidate:
    generator: str  # who_said, numbers, companies, places, roles, true_false
    type: str  # a bank question type
    prompt: str
    answer: object
    explanation: str
    evidence: list[tuple[int, int]]  # character spans of the clean text
    tags: list[str]
    difficulty: str = "medium"
    details: dict = field(default_factory=dict)  # choices, accepted_answers, tolerance, unit, role
    confidence: float = 0.8
    notes: list[str] = field(default_factory=list)  # why it might be wrong

    def lower(self, by: float, note: str) -> None:
        """Less confidence, and the reason why."""
        self.confidence = round(max(0.05, self.confidence - by), 2)
        if note not in self.notes:
            self.notes.append(note)


def shorten(text: str, limit: int = EXPLANATION_CHARS) -> str:
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:—–- ")
    return cut + "…"


def says(sentence: str) -> str:
    """An explanation that quotes the evidence: “The article says: “…”.”"""
    quoted = shorten(sentence).rstrip()
    return f"The article says: “{quoted}”"


def excerpt(sent: Span, start_token: int, end_token: int, words: int = 16) -> tuple[str, str, str]:
    """(text before, the words start..end, text after) of a sentence, each side cut to about `words` words."""
    doc = sent.doc
    before = doc[max(sent.start, start_token - words) : start_token].text_with_ws
    after = doc[end_token : min(sent.end, end_token + words)].text
    if start_token - words > sent.start:
        before = "…" + before.lstrip()
    if end_token + words < sent.end:
        after = after.rstrip(",;:—– ") + "…"
    return before, doc[start_token:end_token].text, after


def sentence_text(sent: Span) -> str:
    return re.sub(r"\s+", " ", sent.text).strip()
