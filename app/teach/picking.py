"""The editor's article panel (paragraphs with their offsets, cited words marked) and distractor warnings."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, undefer

from app.bank.distractors import supported_distractors
from app.bank.validation import CheckedQuestion
from app.formats.items import read_number
from app.models import Article, Paragraph
from app.text.highlight import Segment, segment_paragraphs
from app.text.spans import Span


@dataclass(frozen=True)
class Panel:
    """An article as the picker shows it: each paragraph knows where it starts in the clean text."""

    article: Article
    paragraphs: list[tuple[Paragraph, list[Segment]]]


def picked_spans(entries: list[dict], slug: str, length: int) -> list[Span]:
    """The spans the form's evidence rows hold for this article (picked, or stored), to mark them."""
    spans = []
    for entry in entries:
        start, end = read_number(entry.get("start") or ""), read_number(entry.get("end") or "")
        if (
            entry.get("article") == slug
            and isinstance(start, int)
            and isinstance(end, int)
            and 0 <= start < end <= length
        ):
            spans.append(Span(start, end))
    return sorted(spans)


def article_panel(session: Session, slug: str | None, entries: list[dict]) -> Panel | None:
    if not slug:
        return None
    article = session.scalar(
        select(Article)
        .where(Article.slug == slug)
        .options(undefer(Article.clean_text), selectinload(Article.paragraphs))
    )
    if article is None:
        return None
    marks = picked_spans(entries, slug, len(article.clean_text))
    segments = segment_paragraphs(article.clean_text, article.paragraphs, marks)
    return Panel(article, list(zip(article.paragraphs, segments, strict=True)))


def distractor_warnings(checked: CheckedQuestion, texts: dict[str, str]) -> list[str]:
    """For multiple choice: distractors the cited article seems to support too."""
    if not checked.evidence:
        return []
    slug = checked.evidence[0].ref.article
    spans = [e.span for e in checked.evidence if e.ref.article == slug]
    return [w.message for w in supported_distractors(checked.spec.content, spans, texts.get(slug, ""))]
