"""Clean the raw text of a received news article into paragraphs addressed by character offsets."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import reduce
from itertools import groupby, pairwise

CLEANER_VERSION = 1  # bump when output changes for some input


@dataclass(frozen=True)
class Paragraph:
    start: int  # offset into CleanText.text
    end: int  # exclusive
    kind: str  # "text" or "heading" (a short crosshead/subheading line)


@dataclass(frozen=True)
class CleanText:
    text: str
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class _Para:
    text: str
    single_line: bool  # one source line standing alone: a heading candidate


_GAP = None  # stands where page furniture was dropped
_Block = list[str | None]  # a block's lines; None where a furniture line was dropped

_HARD_WRAP_MAX = 130  # longer lines were not hard-wrapped
_UNWRAPPED_SHARE = 0.25  # this share of longer lines means one paragraph per line (web text)
_SHORT_LINE_RATIO = 0.75  # a sentence ending on a line this much narrower than the block ends a paragraph
_FURNITURE_MAX_WORDS = 25  # furniture patterns that could occur in prose only apply to lines this short
_CAPTION_MAX_WORDS = 60
_PROMO_MAX_WORDS = 40
_LIST_ITEM_MAX_WORDS = 15  # a related-links list item
_REPEATED_MAX_WORDS = 12
_TITLE_MAX_WORDS = 25
_HEADING_MAX_WORDS = 10
_BODY_MIN_WORDS = 8

_WHITESPACE_RUN = re.compile(r"\s+")
_CLOSERS = "\"'”’»)\\]"
_ENDS_SENTENCE = re.compile(rf"[.!?…][{_CLOSERS}]*$")
_ENDS_CLAUSE = re.compile(rf"[.!?…:][{_CLOSERS}]*$")  # a paragraph ending so is not cut mid-sentence
_ENDS_PUNCTUATED = re.compile(rf"[.!?…:;,][{_CLOSERS}]*$")  # headings and titles do not end so
_ENDS_HYPHENATED = re.compile(r"[^\W_][-\u00ad]$")

_URL_LINE = re.compile(
    r"(?i)^[<(\[]?(?:https?://|www\.|file://|about:blank)\S*[>)\]]?(?:\s+\d{1,3}\s*/\s*\d{1,3})?$"
)
_PAGE_NUMBER_LINE = re.compile(
    r"(?i)^(?:(?:page\s+)?\d{1,3}(?:\s*(?:/|of)\s*\d{1,3})?|[-–—]\s*\d{1,3}\s*[-–—])$"
)
_DATE_TIME_START = re.compile(
    r"(?i)^(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}"
    r"|\d{1,2}\s+[a-z]{3,9}\.?\s+\d{4}|[a-z]{3,9}\.?\s+\d{1,2},?\s+\d{4})"
    r",?\s+(?:at\s+)?\d{1,2}:\d{2}"
)
_ADVERT_LINE = re.compile(
    r"(?i)^(?:advertisement|advertising|sponsored(?:\s+content)?|story\s+continues\s+(?:below|after)\b.*"
    r"|continue\s+reading\b.*|scroll\s+to\s+continue\b.*)\W*$"
)
_RELATED_LINE = re.compile(
    r"(?i)^(?:related(?:\s+(?:articles?|stories|story|content|coverage|reading|news|posts?|links?))?"
    r"|read\s+(?:more|also|next)|also\s+read|see\s+also|more\s+on\s+this(?:\s+story)?|further\s+reading"
    r"|recommended(?:\s+(?:reading|for\s+you))?|you\s+may\s+also\s+like|most\s+read)"
    r"\s*(?P<item>[:|–—›»-].*)?$"
)
_CREDIT_LINE = re.compile(
    r"(?i)^[(\[]?(?:courtesy\s+of\b|(?:(?:cover|featured|header|lead|top|photo|image)\s+)?"
    r"(?:image|photo|photograph|picture|pictured|illustration|graphic|video|credit|source)s?"
    r"(?:\s+(?:credits?|sources?))?\s*(?:[:|–—]|by\b))"
)
_COPYRIGHT_LINE = re.compile(r"(?i)^(?:©|\(c\)\s|copyright\b)|\ball\s+rights\s+reserved\b")
_AGENCY = (
    r"(?:AP|AFP|Reuters|Getty\s+Images|EPA(?:-EFE)?|TASS|Shutterstock|Xinhua|Bloomberg|Sputnik|Anadolu"
    r"|dpa|Alamy|Unsplash|Pixabay|Wikimedia\s+Commons|Imago|SIPA|NurPhoto|ZUMA(?:\s+Press)?|ANP|UPI"
    r"|PA\s+(?:Images|Wire)|RIA\s+Novosti|Kremlin\.ru|BelTA)"
)
_CAPITALISED_NAME = r"[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3}"
_CAPTION_CREDIT_TAIL = re.compile(
    rf"(?:\bvia\s+{_CAPITALISED_NAME}|/\s*{_CAPITALISED_NAME}|\b{_AGENCY}(?:\s+(?:Photos?|Images|Pictures))?)"
    r"\)?$"
)
_AGENCY_AS_OBJECT = re.compile(rf"\b(?:to|told|with|from|of|said|says|and|the|at|in)\s+{_AGENCY}$")
_PROMO_START = re.compile(
    r"(?i)^(?:please\s+wait(?:\W*$|\.\.\.|…)|loading\W*$|subscribe\b|sign[\s-]?up\b|join\s+our\b"
    r"|get\s+(?:our|the\s+latest)\b|enter\s+your\s+e-?mail|want\s+to\s+(?:be\s+notified|receive|get)\b"
    r"|never\s+miss|stay\s+(?:up\s+to\s+date|informed|updated|in\s+the\s+loop)|don['’]t\s+miss"
    r"|follow\s+us|(?:our\s+|the\s+|free\s+|daily\s+|weekly\s+)?newsletter)"
)
_PROMO_WORD = re.compile(r"(?i)subscri|newsletter|e-?mail|inbox|notif|updates|please\s+wait|sign.?up")
_SHORT_FURNITURE = (_DATE_TIME_START, _CREDIT_LINE, _COPYRIGHT_LINE)  # these could begin a line of prose
_WORD = re.compile(r"[a-z]+")
_BUTTON_VERBS = {"share", "print", "tweet", "email", "save", "copy", "comment", "comments", "pin"}
_BUTTON_WORDS = _BUTTON_VERBS | {"shares", "e", "mail", "link", "on", "this", "article", "story", "x"}
_BUTTON_WORDS |= {"facebook", "twitter", "linkedin", "whatsapp", "telegram", "reddit", "pinterest"}


def _collapse(text: str) -> str:
    return _WHITESPACE_RUN.sub(" ", text).strip()


def _word_count(text: str) -> int:
    return len(text.split())


def _blocks(raw: str) -> list[_Block]:
    """Runs of non-blank lines; a form feed (PDF page break) is a block of its own, dropped as furniture."""
    text = raw.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    blocks: list[_Block] = [[]]
    for line in text.replace("\u2029", "\n\n").replace("\f", "\n\f\n").split("\n"):
        if "\f" in line:
            blocks += [["\f"], []]
        elif line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _repeated_lines(blocks: list[_Block]) -> set[str]:
    """Short unpunctuated lines seen three times or more: running headers and footers."""
    counts = Counter(_collapse(line) for block in blocks for line in block if line)
    short = {line for line in counts if _word_count(line) <= _REPEATED_MAX_WORDS}
    return {line for line in short if counts[line] >= 3 and not _ENDS_SENTENCE.search(line)}


def _is_button_line(line: str) -> bool:
    """Share/print/tweet buttons, or a lone social network name."""
    words = set(_WORD.findall(line.lower()))
    buttons = bool(words) and words <= _BUTTON_WORDS and (len(words) == 1 or bool(words & _BUTTON_VERBS))
    return buttons and len(line.split()) <= 8


def _is_furniture_line(line: str, repeated: set[str]) -> bool:
    """Page furniture; apart from URLs it never starts lowercase, as a wrapped line of prose may."""
    if not line or line in repeated or _URL_LINE.match(line) or _PAGE_NUMBER_LINE.match(line):
        return True
    if line[0].islower():
        return False
    short = _word_count(line) <= _FURNITURE_MAX_WORDS
    short_furniture = short and (any(p.search(line) for p in _SHORT_FURNITURE) or _is_button_line(line))
    return short_furniture or bool(_ADVERT_LINE.match(line) or _RELATED_LINE.match(line))


def _drop_furniture_lines(block: _Block, repeated: set[str]) -> _Block:
    """Replace furniture lines with None; a bare "Related articles" header takes its list with it."""
    kept: _Block = []
    in_list = False  # after a bare header, short unpunctuated lines are the list's links
    for raw in block:
        line = _collapse(raw or "")
        in_list = in_list and _word_count(line) <= _LIST_ITEM_MAX_WORDS and not _ENDS_SENTENCE.search(line)
        related = _RELATED_LINE.match(line)
        in_list = in_list or bool(related and not related["item"])
        kept.append(None if in_list or _is_furniture_line(line, repeated) else raw)
    return kept


def _match_key(text: str) -> str:
    """Compare titles ignoring whitespace, case and quote style."""
    key = "".join(text.split()).casefold()
    return key.translate(str.maketrans("‘’‚‛“”„‟", "''''\"\"\"\""))


def _infer_title(blocks: list[_Block]) -> str | None:
    """The first block, if it is short, not sentence-like, and followed by more text."""
    texts = [text for block in blocks if (text := _collapse(" ".join(line for line in block if line)))]
    short = len(texts) >= 2 and _word_count(texts[0]) <= _TITLE_MAX_WORDS
    return texts[0] if short and not _ENDS_PUNCTUATED.search(texts[0]) else None


def _title_run_length(block: _Block, start: int, title_key: str) -> int:
    """How many lines from `start` spell the title (optionally followed by "- Publisher"); 0 if they don't."""
    key = ""
    for length, line in enumerate(block[start:], start=1):
        key += _match_key(line) if line else "\n"  # keys hold no whitespace: a dropped line never matches
        rest = key[len(title_key) :]
        if key.startswith(title_key) and (not rest or (rest[0] in "|–—-" and len(rest) <= 40)):
            return length
        if not title_key.startswith(key):
            return 0
    return 0


def _drop_title_lines(block: _Block, title_key: str) -> _Block:
    block = list(block)
    for start in range(len(block)):
        length = _title_run_length(block, start, title_key)
        block[start : start + length] = [None] * length
    return block


def _is_unwrapped(blocks: list[_Block]) -> bool:
    """Whether the lines are whole paragraphs (web text) rather than hard-wrapped (PDF text)."""
    lengths = [len(_collapse(line)) for block in blocks for line in block if line]
    return bool(lengths) and sum(n > _HARD_WRAP_MAX for n in lengths) >= _UNWRAPPED_SHARE * len(lengths)


def _split_paragraphs(lines: list[str], unwrapped: bool) -> list[list[str]]:
    """Paragraphs start at an indented line (PDF text loses blank lines but keeps first-line indents),
    and after a line that ends a sentence well short of the block's width."""
    if unwrapped:
        return [[line] for line in lines]
    width = max(len(line.strip()) for line in lines)
    paragraphs = [[lines[0]]]
    for previous, line in pairwise(lines):
        short = len(previous.strip()) < _SHORT_LINE_RATIO * width
        if line[0].isspace() or (short and _ENDS_SENTENCE.search(previous)):
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
    return paragraphs


def _join(left: str, right: str) -> str:
    """Join two pieces of one paragraph: a word hyphenated at the break keeps its hyphen, without a space."""
    separator = "" if _ENDS_HYPHENATED.search(left) and right[:1].isalnum() else " "
    return left + separator + right


def _is_caption(text: str) -> bool:
    """An image caption ending with its credit ("… Tut.By via AP / TASS", "… / Reuters")."""
    short = _word_count(text) <= _CAPTION_MAX_WORDS
    return short and bool(_CAPTION_CREDIT_TAIL.search(text)) and not _AGENCY_AS_OBJECT.search(text)


def _is_promo(text: str) -> bool:
    """Newsletter and subscription boilerplate: short, and starting like a call to action."""
    words = _word_count(text)
    boilerplate = words <= 4 or _PROMO_WORD.search(text)
    return words <= _PROMO_MAX_WORDS and bool(_PROMO_START.match(text) and boilerplate)


def _pieces(blocks: list[_Block], unwrapped: bool) -> Iterator[_Para | None]:
    """The paragraphs of all blocks, with _GAP wherever furniture was dropped."""
    for block in blocks:
        for kept, run in groupby(block, key=lambda line: line is not None):
            segment = list(run)
            if not kept:
                yield _GAP
                continue
            for lines in _split_paragraphs(segment, unwrapped):
                text = reduce(_join, map(_collapse, lines))
                alone = len(lines) == 1 and (len(segment) == 1 or unwrapped)
                yield _GAP if _is_caption(text) or _is_promo(text) else _Para(text, alone)


def _continues(previous: str, following: str, after_furniture: bool) -> bool:
    """Whether `following` finishes the sentence `previous` leaves open (split by a page break)."""
    across_furniture = after_furniture and _word_count(previous) >= _BODY_MIN_WORDS  # not a heading
    return not _ENDS_CLAUSE.search(previous) and (following[0].islower() or across_furniture)


def _heal(pieces: Iterator[_Para | None]) -> list[_Para]:
    """Rejoin sentences split by a page break; _GAP pieces (dropped furniture) disappear."""
    paragraphs: list[_Para] = []
    after_furniture = False
    for piece in pieces:
        if piece and paragraphs and _continues(paragraphs[-1].text, piece.text, after_furniture):
            paragraphs[-1] = _Para(_join(paragraphs[-1].text, piece.text), single_line=False)
        elif piece:
            paragraphs.append(piece)
        after_furniture = piece is _GAP
    return paragraphs


def _kind(paragraph: _Para, following: _Para | None) -> str:
    """A short unpunctuated line standing alone before body text is a crosshead."""
    text = paragraph.text
    candidate = paragraph.single_line and _word_count(text) <= _HEADING_MAX_WORDS and not text[0].islower()
    if not candidate or _ENDS_PUNCTUATED.search(text) or following is None:
        return "text"
    body = _word_count(following.text) >= _BODY_MIN_WORDS or _ENDS_SENTENCE.search(following.text)
    return "heading" if body else "text"


def clean_article_text(raw: str, *, title: str | None = None) -> CleanText:
    """Paragraphs of the article's own text, without title, page furniture or subscription trailers."""
    blocks = _blocks(raw)
    repeated = _repeated_lines(blocks)
    blocks = [_drop_furniture_lines(block, repeated) for block in blocks]
    title = title if title and title.strip() else _infer_title(blocks)
    if title:
        blocks = [_drop_title_lines(block, _match_key(title)) for block in blocks]
    paragraphs = _heal(_pieces(blocks, _is_unwrapped(blocks)))
    spans, offset = [], 0
    for paragraph, following in zip(paragraphs, [*paragraphs[1:], None], strict=False):
        spans.append(Paragraph(offset, offset + len(paragraph.text), _kind(paragraph, following)))
        offset += len(paragraph.text) + 2
    return CleanText("\n\n".join(paragraph.text for paragraph in paragraphs), tuple(spans))
