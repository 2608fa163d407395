"""Quotation marks in an article's clean text: the quoted passages, paragraph by paragraph, never raising.

Double marks (“ ” „ « » and the straight ") carry speech in most news prose; single marks (‘ ’ and ')
only when the text has no double marks at all (British style), since otherwise they are nested quotes, scare
quotes or apostrophes. A mark's direction comes from its glyph, corrected by its neighbours when they
disagree: an opening mark is followed by a non-space, a closing one preceded by one; a straight " that could
be either toggles; an apostrophe between letters or after a plural ("the workers’ union") is no mark. A
paragraph ending inside a quotation continues it if the next paragraph opens with a quotation mark (the news
convention for quotations running over several paragraphs); otherwise the passage simply ends with its
paragraph (an unbalanced mark).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPENING = "“„«"
DOUBLE_CLOSING = "”»"
STRAIGHT_DOUBLE = '"'
SINGLE_OPENING = "‘"
SINGLE_CLOSING = "’"
STRAIGHT_SINGLE = "'"
_PARAGRAPH = re.compile(r"[^\n]+")
_SENTENCE_END = ".!?…"


@dataclass(frozen=True)
class QuotePart:
    """The words between one pair of quotation marks, within one paragraph."""

    open_mark: int  # offset of the opening mark
    close_mark: int | None  # offset of the closing mark; None when the paragraph ends first
    start: int  # the quoted words: marks, surrounding spaces and a trailing comma excluded
    end: int
    paragraph: int  # index into `paragraphs(text)`
    continued: bool  # continues a quotation left open at the end of the previous paragraph

    @property
    def outer_end(self) -> int:
        """Just after the closing mark (or the last quoted character when there is none)."""
        return self.close_mark + 1 if self.close_mark is not None else self.end


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line: clean text joins paragraphs with blank lines."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def _uses_double_marks(text: str) -> bool:
    return any(mark in text for mark in DOUBLE_OPENING + DOUBLE_CLOSING + STRAIGHT_DOUBLE)


def _direction(text: str, at: int, start: int, end: int, is_open: bool) -> str | None:
    """'open', 'close', 'toggle' (either) or None (a stray mark with spaces on both sides)."""
    mark = text[at]
    can_open = at + 1 < end and not text[at + 1].isspace()
    can_close = at > start and not text[at - 1].isspace()
    if mark == STRAIGHT_SINGLE and can_open and not can_close:
        return "open"
    if mark in SINGLE_CLOSING + STRAIGHT_SINGLE:  # an apostrophe (don’t) or a possessive (Belarus’ IT)
        if at + 1 < end and text[at + 1].isalnum():
            return None
        if text[at - 1 : at] == "s" and re.match(r" [a-z]", text[at + 1 : at + 3]):  # the workers’ union
            return None
        return "close" if can_close and is_open else None
    if can_open and can_close:
        if mark in DOUBLE_OPENING + SINGLE_OPENING:
            return "open"
        return "close" if mark in DOUBLE_CLOSING else "toggle"
    if can_open:
        return "open"
    if can_close:
        return "close"
    return None


def _marks(text: str, start: int, end: int, single: bool) -> list[int]:
    if single:
        marks = SINGLE_OPENING + SINGLE_CLOSING + STRAIGHT_SINGLE
    else:
        marks = DOUBLE_OPENING + DOUBLE_CLOSING + STRAIGHT_DOUBLE
    return [at for at in range(start, end) if text[at] in marks]


def _words(text: str, open_mark: int, close: int) -> tuple[int, int]:
    """The quoted words between the marks: no surrounding spaces, no trailing comma."""
    start, end = open_mark + 1, close
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _paragraph_pairs(text: str, start: int, end: int, single: bool) -> list[tuple[int, int | None]]:
    """(opening mark, closing mark or None) pairs of one paragraph, in order."""
    pairs: list[tuple[int, int | None]] = []
    opened: int | None = None
    for at in _marks(text, start, end, single):
        direction = _direction(text, at, start, end, opened is not None)
        if direction == "toggle":
            direction = "close" if opened is not None else "open"
        if direction == "open":
            opened = at  # an opening mark inside an open quotation: the earlier mark was stray
        elif direction == "close" and opened is not None:
            pairs.append((opened, at))
            opened = None
    if opened is not None:
        pairs.append((opened, None))
    return pairs


def quote_parts(text: str) -> list[QuotePart]:
    """Every quoted passage of the text, in order (empty passages dropped)."""
    single = not _uses_double_marks(text)
    parts: list[QuotePart] = []
    left_open = False  # the previous paragraph ended inside a quotation
    for index, (start, end) in enumerate(paragraphs(text)):
        pairs = _paragraph_pairs(text, start, end, single)
        for number, (open_mark, close_mark) in enumerate(pairs):
            word_start, word_end = _words(text, open_mark, close_mark if close_mark is not None else end)
            if word_end <= word_start:
                continue
            opens_paragraph = open_mark == start and number == 0
            parts.append(
                QuotePart(open_mark, close_mark, word_start, word_end, index, left_open and opens_paragraph)
            )
        left_open = bool(pairs) and pairs[-1][1] is None
    return parts


def ends_sentence(text: str, part: QuotePart) -> bool:
    """Whether the quoted words end a sentence: a full stop inside the marks, then a capital after them.

    “…next,” Anton told → no; Anton said firms were moving staff “ninja-style.” One IT worker → yes.
    """
    if part.close_mark is None:
        return True
    last = text[part.end - 1]
    following = text[part.close_mark + 1 : part.close_mark + 3].lstrip()
    return last in ".…" and (not following or not following[0].islower())
