"""The article a draft is about, and how prompts name it: “In The Moscow Times’ 2020 article on Belarus”."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.bank.types.checks import mentions

SHORT_TITLE_WORDS = 12
OUTER_QUOTES = "‘’“”\"' "


@dataclass(frozen=True)
class SourceArticle:
    """What generation needs of an article: its slug, clean text and metadata."""

    slug: str
    text: str
    title: str = ""
    publisher: str | None = None
    published: str | None = None  # "2020", "2020-09" or "2020-09-14"

    @property
    def year(self) -> str | None:
        match = re.match(r"\d{4}", self.published or "")
        return match.group() if match else None


def possessive(name: str) -> str:
    """“The Moscow Times’”, “The Next Hint’s”."""
    return name + ("’" if name.endswith("s") else "’s")


def short_title(title: str) -> str | None:
    """The headline's main clause, if short enough to name the article by."""
    head, colon, _ = title.partition(":")
    head = (head if colon and len(head.split()) >= 2 else title).strip(OUTER_QUOTES)
    return head if head and len(head.split()) <= SHORT_TITLE_WORDS else None


@dataclass(frozen=True)
class ArticleContext:
    """The phrases that make a prompt self-contained: who published the article, when, and on what."""

    source: SourceArticle
    subject: str | None = None  # the place or organisation the article is mostly about

    def descriptions(self) -> list[str]:
        """Ways to name the article, most informative first: “The Moscow Times’ 2020 article on Belarus”."""
        owner = possessive(self.source.publisher) + " " if self.source.publisher else "the "
        year = f"{self.source.year} " if self.source.year else ""
        named = []
        if self.subject:
            named.append(f"{owner}{year}article on {self.subject}")
        title = short_title(self.source.title)
        if title:
            named.append(f"{owner}{year}article “{title}”")
        if self.source.publisher or year:
            named.append(f"{owner}{year}article")
        if year:  # the year itself may be the answer
            named.append(f"{owner}article")
        return named or ["the article"]

    def describe(self, avoid: tuple[str, ...] = ()) -> str:
        """The most informative description that does not mention any of `avoid` (the answer, say)."""
        candidates = self.descriptions()
        for description in candidates:
            if not any(mentions(description, word) for word in avoid if word):
                return description
        return "the article"

    def according_to(self, avoid: tuple[str, ...] = (), person: str | None = None) -> str:
        """“According to The Moscow Times’ 2020 article on Belarus” (or “According to X in …”)."""
        described = self.describe(avoid)
        if person:
            return f"According to {person} in {described}"
        return f"According to {described}"

    def within(self, avoid: tuple[str, ...] = ()) -> str:
        """“In The Moscow Times’ 2020 article on Belarus”."""
        return "In " + self.describe(avoid)


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
