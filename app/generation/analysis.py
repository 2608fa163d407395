"""One parse of an article shared by every generator: sentences, quoted passages, entities and people."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from app.generation.context import ArticleContext, SourceArticle
from app.generation.entities import Mention, entity_mentions

SUBJECT_PRONOUNS = {"he", "she"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
SPEECH_VERBS = {"say", "tell", "add", "write", "warn", "explain", "estimate", "argue", "claim", "insist"}
MIN_QUOTED_WORDS = 4  # "children" in scare quotes is not a quotation that hides a statement of fact


@dataclass(frozen=True)
class Person:
    name: str  # the full name the article introduces
    surname: str | None
    first_name: str | None

    @property
    def short_names(self) -> tuple[str, ...]:
        return tuple(n for n in (self.surname, self.first_name) if n and n != self.name)


@dataclass
class Analysis:
    source: SourceArticle
    doc: Doc
    mentions: list[Mention] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.source.text

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        spans, start = [], 0
        for match in re.finditer(r"\n\s*\n", self.text):
            spans.append((start, match.start()))
            start = match.end()
        spans.append((start, len(self.text)))
        return [(s, e) for s, e in spans if self.text[s:e].strip()]

    @cached_property
    def sentences(self) -> list[Span]:
        """The parser's sentences, never running across a paragraph break."""
        found = []
        for sent in self.doc.sents:
            pieces, start = [], sent.start
            for token in sent:
                if token.i > start and "\n" in self.doc[token.i - 1].whitespace_ + token.text:
                    pieces.append(self.doc[start : token.i])
                    start = token.i
            pieces.append(self.doc[start : sent.end])
            found += [p for p in pieces if p.text.strip() and not p.text.isspace()]
        return [s for s in (without_dateline(trim(p)) for p in found if trim(p) is not None) if s is not None]

    @cached_property
    def quoted(self) -> list[tuple[int, int]]:
        """Character ranges inside quotation marks (marks included), as the quote extractor reads them;
        a lone quoted word or two (“children”, scare quotes) does not count."""
        from app.generation.quote_marks import quote_parts

        return [
            (part.open_mark, part.outer_end)
            for part in quote_parts(self.text)
            if len(self.text[part.start : part.end].split()) >= MIN_QUOTED_WORDS
        ]

    def is_quoted(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.quoted)

    def sentence_has_quote(self, sent: Span) -> bool:
        return any(s < sent.end_char and sent.start_char < e for s, e in self.quoted)

    @cached_property
    def people(self) -> dict[str, Person]:
        """People by full name, as the corrected entities name them."""
        found = {}
        for mention in self.mentions:
            if mention.label == "PERSON" and mention.name not in found:
                parts = mention.name.split()
                found[mention.name] = Person(
                    mention.name, parts[-1] if len(parts) > 1 else None, parts[0] if len(parts) > 1 else None
                )
        return found

    def person_named(self, name: str) -> Person | None:
        return self.people.get(name)

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if start <= m.start and m.end <= end]

    def resolve_pronoun(self, token: Token) -> str | None:
        """The full name a he/she most likely refers to (see `pronoun_referents`)."""
        return self.pronoun_referents.get(token.i)

    @cached_property
    def pronoun_referents(self) -> dict[int, str]:
        """he/she → the person the story is following: the last person named as a main clause's subject
        (or referred to by such a pronoun), else the last person named, within the last paragraphs."""
        people = {m.token_start: m for m in self.mentions if m.label == "PERSON"}
        referents: dict[int, str] = {}
        topic: tuple[str, int] | None = None  # (name, offset where it was set)
        recent: tuple[str, int] | None = None
        for token in self.doc:
            if self.is_quoted(token.idx, token.idx + len(token)):
                continue
            mention = people.get(token.i)
            if mention is not None:
                recent = (mention.name, token.idx)
                root = self.doc[mention.token_start : mention.token_end].root
                after_speech = token.i > 0 and self.doc[token.i - 1].lemma_ in SPEECH_VERBS  # "said X"
                main = root.dep_ in SUBJECT_DEPS and root.head.dep_ == "ROOT"
                if main or after_speech or (root.dep_ in SUBJECT_DEPS and root.head.lemma_ in SPEECH_VERBS):
                    topic = (mention.name, token.idx)
            elif token.lower_ in SUBJECT_PRONOUNS and token.pos_ == "PRON":
                window = self.paragraph_start(token.idx, back=2)
                chosen = next((c for c in (topic, recent) if c is not None and c[1] >= window), None)
                if chosen is not None:
                    referents[token.i] = chosen[0]
                    if token.dep_ in SUBJECT_DEPS and token.head.dep_ == "ROOT":
                        topic = (chosen[0], token.idx)
        return referents

    def paragraph_start(self, offset: int, back: int = 0) -> int:
        index = next((i for i, (s, e) in enumerate(self.paragraphs) if s <= offset <= e), 0)
        return self.paragraphs[max(0, index - back)][0]

    @cached_property
    def context(self) -> ArticleContext:
        """The article named by publisher, year and the place or organisation it mentions most."""
        counts: dict[str, int] = {}
        for mention in self.mentions:
            if mention.label in ("GPE", "LOC", "ORG"):
                counts[mention.name] = counts.get(mention.name, 0) + 1
        top = max(counts.items(), key=lambda item: item[1], default=(None, 0))
        subject = top[0] if top[1] >= 3 else None
        return ArticleContext(self.source, subject)


# "PORT HALVEY — …", "LONDON (Reuters) - …", "KYIV, Ukraine — …": where the story was filed, not part of it.
DATELINE = re.compile(
    r"^[A-Z][A-Z.'’\- ]{1,40}(?:,\s*[A-Z][\w.'’ ]{1,30})?(?:\s*\([^)]{1,30}\))?\s*[—–-]{1,2}\s+(?=\S)"
)


def without_dateline(span: Span | None) -> Span | None:
    """The sentence without a dateline opening it, so prompts built from it do not repeat it."""
    if span is None:
        return None
    match = DATELINE.match(span.text)
    if not match:
        return span
    rest = span.doc.char_span(span.start_char + match.end(), span.end_char, alignment_mode="expand")
    return rest if rest is not None and rest.text.strip() else span


def trim(span: Span) -> Span | None:
    """The span without whitespace tokens at its edges."""
    start, end = span.start, span.end
    while start < end and span.doc[start].is_space:
        start += 1
    while end > start and span.doc[end - 1].is_space:
        end -= 1
    return span.doc[start:end] if end > start else None


def analyse(source: SourceArticle, nlp) -> Analysis:
    doc = nlp(source.text)
    return Analysis(source, doc, entity_mentions(doc))
