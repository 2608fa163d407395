"""The passages a revision cites, as a reviewer reads them: each cited paragraph, the cited words marked."""

from __future__ import annotations

from dataclasses import dataclass

from app.models import Article, Paragraph, QuestionRevision
from app.text.highlight import Segment, segment_paragraphs
from app.text.spans import Span


@dataclass(frozen=True)
class CitedPassage:
    """One article's cited words in context: the paragraphs that hold them, cut into marked segments."""

    article: Article
    spans: tuple[Span, ...]
    paragraphs: tuple[tuple[Paragraph, list[Segment]], ...]


def touches(paragraph: Paragraph, spans: tuple[Span, ...]) -> bool:
    return any(span.start < paragraph.end and paragraph.start < span.end for span in spans)


def cited_passages(revision: QuestionRevision) -> list[CitedPassage]:
    """Per cited article, in the order first cited; needs the spans' articles with text and paragraphs."""
    by_article: dict[int, tuple[Article, list[Span]]] = {}
    for evidence in revision.evidence:
        article = evidence.span.article
        by_article.setdefault(article.id, (article, []))[1].append(evidence.span.range)
    passages = []
    for article, found in by_article.values():
        spans = tuple(sorted(set(found)))
        cited = [p for p in article.paragraphs if touches(p, spans)]
        segments = segment_paragraphs(article.clean_text, cited, spans)
        passages.append(CitedPassage(article, spans, tuple(zip(cited, segments, strict=True))))
    return passages
