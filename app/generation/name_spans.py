"""Candidate names in a parsed article: entity spans and runs of proper nouns, cut to the name's own words.

Names the model split ("Dr Amrit" + "Sandhu") are joined again, and carried on over what it left out: a
hyphenated given name ("Han Do-yoon"), a particle surname ("Ana Luísa dos Santos") or ", Jr.". Possessors
("Deepdee’s Kuzmenkov"), titles and capitalised person nouns ("Chief Deputy Prosecutor …"), articles and
line breaks are cut from names; a name's text is the article's own spelling ("al-Masri"). Whether a
candidate names a person is for app.generation.person_evidence to say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from app.generation.speaker_words import (
    DETERMINERS,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    ORG_WORDS,
    PLACE_WORDS,
    POSSESSIVE,
    bare,
    is_person_noun,
    is_title,
)

NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT"}
_NAME_WORD = re.compile(r"[^\W\d_]+(?:[’'.][^\W\d_]*)*\.?")


@dataclass
class NameCandidate:
    """A name-shaped span: tokens `first` to `last`, the model's label ("" for a run of proper nouns) and
    the titles cut from before it."""

    first: int
    last: int
    label: str
    titles: list[Token]

    def name(self, doc: Doc) -> str:
        return " ".join(
            doc[self.first : self.last].text.split()  # Span.text: Doc.text would rebuild the whole text
        )

    def words(self, doc: Doc) -> list[Token]:
        return [t for t in doc[self.first : self.last] if t.text != "-"]

    def particle_first(self, doc: Doc) -> bool:
        """ "Dos Santos", "de Vries": a known surname, never a new full name ("Al-Masri" may be one)."""
        return doc[self.first].lower_ in NAME_PARTICLES and bool(doc[self.first].whitespace_)


def name_candidates(doc: Doc) -> list[NameCandidate]:
    """Every name-shaped span of the article, in text order, with the titles cut from it."""
    spans = _extended(doc, _merged(doc, _raw_spans(doc)))
    return [c for s, e, label in spans if (c := _core(doc, s, e, label)) is not None]


def name_text(tokens: list[Token]) -> str:
    """A name as the article spells it: "al-Masri", not the tokens "al - Masri" joined with spaces. A
    hyphen between the tokens is kept where the article writes none around it."""
    if not tokens:
        return ""
    doc, wanted = tokens[0].doc, {t.i for t in tokens}
    kept = [
        t
        for t in doc[tokens[0].i : tokens[-1].i + 1]
        if t.i in wanted or (t.text == "-" and not t.whitespace_ and not doc[t.i - 1].whitespace_)
    ]
    return " ".join("".join(t.text_with_ws for t in kept).split())


def _titular(token: Token) -> bool:
    """A capitalised title or person noun: "Chief Deputy Prosecutor" before a name is a role, not a name."""
    return token.text[:1].isupper() and (is_title(token.text) or is_person_noun(token))


def _glued_word_end(doc: Doc, i: int) -> int:
    """The end of the hyphenated word starting at token `i` ("Do-yoon", "al-Masri"), or `i` if none."""
    j = i
    while (
        j + 2 < len(doc)
        and not doc[j].whitespace_
        and doc[j + 1].text == "-"
        and not doc[j + 1].whitespace_
        and doc[j + 2].is_alpha
    ):
        j += 2
    return j + 1 if j > i else i


def _name_tail(doc: Doc, end: int) -> int:
    """Where a name goes on after token `end`: a hyphenated given name after a family name ("Han Do-yoon")
    or a particle surname ("Ana Luísa dos Santos", "Samira al-Masri")."""
    suffix = (
        end + 1 < len(doc) and doc[end + 1].text[:1].isupper() and bare(doc[end + 1].text) in NAME_SUFFIXES
    )
    if suffix and doc[end].text == ",":
        return end + 2  # "Thomas E. Greer, Jr."
    if end >= len(doc) or not doc[end - 1].whitespace_ or "\n" in doc[end - 1].whitespace_:
        return end
    first = doc[end]
    if first.text[:1].isupper() and first.is_alpha:
        return max(end, _glued_word_end(doc, end))
    k = end
    while k < len(doc) and doc[k].text in NAME_PARTICLES and doc[k].whitespace_ == " ":
        k += 1
    if k > end and k < len(doc) and doc[k].text[:1].isupper() and doc[k].is_alpha:
        return _glued_word_end(doc, k) if _glued_word_end(doc, k) > k else k + 1
    glued = _glued_word_end(doc, end)  # "al-Masri"
    if first.lower_ in NAME_PARTICLES and glued > end and doc[end + 2].text[:1].isupper():
        return glued
    return end


def _extended(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Name spans carried on over the rest of the name the model left out; spans they cover dropped."""
    out: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        if out and start < out[-1][1]:
            continue
        if label in ("PERSON", "NORP", ""):
            end = _name_tail(doc, end)
        out.append((start, end, label))
    return out


def _raw_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """Entity spans that could name a person, and runs of proper nouns no entity covers."""
    spans, covered = [], set()
    for ent in doc.ents:
        if ent.label_ in NAME_LABELS:
            spans.append((ent.start, ent.end, ent.label_))
            covered.update(range(ent.start, ent.end))
    i = 0
    while i < len(doc):
        if i in covered or doc[i].pos_ != "PROPN" or not doc[i].text[:1].isupper():
            i += 1
            continue
        j = i + 1
        while j < len(doc) and j not in covered and "\n" not in doc[j - 1].whitespace_:
            if doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
                j += 1
            elif _joins(doc, j):
                j += 2
            else:
                break
        spans.append((i, j, ""))
        i = j
    return sorted(spans)


def _joins(doc: Doc, j: int) -> bool:
    """A hyphen joining two capitalised words without spaces: Brennan-Lake."""
    return (
        doc[j].text == "-"
        and j + 1 < len(doc)
        and not doc[j - 1].whitespace_
        and not doc[j].whitespace_
        and doc[j + 1].text[:1].isupper()
    )


def _merged(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Adjacent name spans the model split in two ("Dr Amrit" + "Sandhu") joined again."""
    merged: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        if merged:
            first_start, first_end, first_label = merged[-1]
            places = {"GPE", "LOC", "NORP", "FAC"}
            adjacent = (
                first_end == start and doc[start - 1].whitespace_ == " " and doc[start].text[:1].isupper()
            )
            if adjacent and _titular(doc[first_end - 1]) and label == "PERSON":
                merged[-1] = (start, end, label)  # "Chief Financial Officer": a role before "Dana Whitlock"
                continue
            if (
                adjacent
                and end - start == 1
                and not {first_label, label} & places
                and not is_title(doc[start].text)
            ):
                merged[-1] = (first_start, end, "PERSON" if "PERSON" in (first_label, label) else label)
                continue
        merged.append((start, end, label))
    return merged


def _core(doc: Doc, start: int, end: int, label: str) -> NameCandidate | None:
    """The name's own words: no line break, possessor, possessive ending, article, title or honorific."""
    for k in range(start + 1, end):
        if "\n" in doc[k - 1].whitespace_ or "\n" in doc[k].text:
            end = k
            break
    for k in range(start, end - 1):
        if doc[k].lower_ in POSSESSIVE:
            start = k + 1
    while end > start and (doc[end - 1].lower_ in POSSESSIVE or doc[end - 1].is_punct):
        end -= 1
    if end < len(doc) and bare(doc[end - 1].text) in NAME_SUFFIXES and doc[end].text == ".":
        end += int(not doc[end - 1].whitespace_)  # "Garner Sr." ending a sentence keeps its full stop
    titles = []
    while start > 0 and _titular(doc[start - 1]):
        start -= 1  # "Dr. Samuel Achterberg": the honorific outside the entity
    while start < end and (
        doc[start].lower_ in DETERMINERS
        or is_title(doc[start].text)
        or (_titular(doc[start]) and start + 1 < end)
    ):
        if doc[start].lower_ not in DETERMINERS:
            titles.append(doc[start])
        start += 1
    if start >= end or not _name_shaped(doc[start:end], label):
        return None
    return NameCandidate(start, end, label, titles)


def _name_shaped(span: Span, label: str) -> bool:
    words = span.text.split()  # hyphenated parts stay together: Brennan-Lake
    words = [w.removesuffix(",") if k + 1 < len(words) else w for k, w in enumerate(words)]  # "Greer, Jr."
    if any(w.endswith(",") for w in span.text.split()[:-1]) and bare(words[-1]) not in NAME_SUFFIXES:
        return False
    if not 1 <= len(words) <= 7:
        return False
    if words[0].lower() in NAME_PARTICLES and len(words) == 1:
        return False  # "Dos Santos" is a candidate, linked only to a person with that surname
    for word in words:
        if word.lower() in NAME_PARTICLES:
            continue
        parts = word.split("-")
        placed = bare(word) in PLACE_WORDS and label != "PERSON" and len(words) > 1  # "Park" may be a surname
        if bare(word) in ORG_WORDS or placed:
            return False
        if not all(_NAME_WORD.fullmatch(p) for p in parts) or not _capitalised(parts):
            return False
        initials = label == "PERSON" and re.fullmatch(r"(?:[A-Z]\.){1,3}", word)  # "J.K." Rowell
        if not initials and any(
            len(p.rstrip(".")) >= 2 and p.isupper() and bare(p) not in NAME_SUFFIXES for p in parts
        ):
            return False  # an acronym: IT, IHS, KGB, U.S. (an initial "K." is none)
    return True


def _capitalised(parts: list[str]) -> bool:
    """A name word's hyphenated parts: capitalised, but for a particle ("al-Masri") or the second half of a
    given name ("Ji-hoon")."""
    head = next((k for k, p in enumerate(parts) if p.lower() not in NAME_PARTICLES), None)
    if head is None or not parts[head][:1].isupper():
        return False
    return all(p[:1].isupper() or p.islower() for p in parts[head + 1 :])
