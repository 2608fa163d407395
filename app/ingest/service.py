"""Storing an article: clean once, keep offsets, and never leave a cited span pointing at other words."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.ingest.errors import IngestError
from app.ingest.metadata import FIELDS, ArticleMeta
from app.ingest.reading import ReceivedText
from app.models import Article, EvidenceSpan, Paragraph
from app.text.cleaning import CLEANER_VERSION, CleanText, clean_article_text
from app.text.spans import AnchoredSpan, Reanchored, describe_failures, plan_reanchoring


@dataclass(frozen=True)
class IngestResult:
    article: Article
    action: str  # "created", "updated" or "unchanged"
    changes: tuple[str, ...] = ()
    reanchored: tuple[Reanchored, ...] = ()

    def summary(self) -> str:
        text = f"{self.action} {self.article.slug}"
        if self.changes:
            text += f" ({', '.join(self.changes)})"
        if self.reanchored:
            text += f"; re-anchored {len(self.reanchored)} cited span(s)"
        return text


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def ingest_article(
    session: Session, received: ReceivedText, meta: ArticleMeta, slug: str, *, replace: bool = False
) -> IngestResult:
    """Create or update the article `slug`; the caller commits (or rolls back on IngestError)."""
    article = session.scalar(select(Article).where(Article.slug == slug))
    cleaned = clean_article_text(received.body, title=meta.title)
    if not cleaned.paragraphs:
        raise IngestError(f"{slug}: nothing is left after cleaning; is this an article?")
    if article is None:
        article = Article(slug=slug)
        apply_text(session, article, received, cleaned)
        apply_meta(article, meta)
        session.add(article)
        session.flush()
        return IngestResult(article, "created")

    changes = []
    reanchored: tuple[Reanchored, ...] = ()
    if article.raw_sha256 != sha256(received.raw) and not replace:
        raise IngestError(
            f"article {slug!r} already exists with different text; pass --replace to replace it"
        )
    if article.raw_sha256 != sha256(received.raw) or article.clean_text != cleaned.text:
        reanchored = reanchor_spans(session, article, cleaned.text)
        changes.append("text" if article.raw_sha256 != sha256(received.raw) else "clean text")
        apply_text(session, article, received, cleaned)
    elif article.cleaner_version != CLEANER_VERSION:
        article.cleaner_version = CLEANER_VERSION
    if meta_differs(article, meta):
        changes.append("metadata")
        apply_meta(article, meta)
    session.flush()
    return IngestResult(article, "updated" if changes else "unchanged", tuple(changes), reanchored)


def apply_text(session: Session, article: Article, received: ReceivedText, cleaned: CleanText) -> None:
    article.raw_text = received.raw
    article.raw_sha256 = sha256(received.raw)
    article.clean_text = cleaned.text
    article.cleaner_version = CLEANER_VERSION
    if article.id is not None:
        session.execute(delete(Paragraph).where(Paragraph.article_id == article.id))
        session.expire(article, ["paragraphs"])
    article.paragraphs = [
        Paragraph(position=i, start=p.start, end=p.end, kind=p.kind)
        for i, p in enumerate(cleaned.paragraphs, 1)
    ]


def apply_meta(article: Article, meta: ArticleMeta) -> None:
    for field in FIELDS:
        setattr(article, field, getattr(meta, field))


def meta_differs(article: Article, meta: ArticleMeta) -> bool:
    return any(getattr(article, field) != getattr(meta, field) for field in FIELDS)


def reanchor_spans(session: Session, article: Article, new_text: str) -> tuple[Reanchored, ...]:
    """Move every cited span to where its words now are, or refuse with the list of those that can't be."""
    spans = session.scalars(select(EvidenceSpan).where(EvidenceSpan.article_id == article.id)).all()
    plan = plan_reanchoring(
        article.clean_text, new_text, [AnchoredSpan(key=s.id, span=s.range, quote=s.quote) for s in spans]
    )
    by_id = {s.id: s for s in spans}
    if not plan.ok:
        lines = describe_failures(plan, lambda key: by_id[key].label or f"span {key}")
        raise IngestError(
            f"the new text of {article.slug!r} loses {len(plan.failed)} cited span(s); nothing was changed:"
            + "".join(f"\n  {line}" for line in lines)
        )
    for move in plan.moved:
        span = by_id[move.key]
        span.start, span.end = move.new.start, move.new.end
        span.quote = new_text[move.new.start : move.new.end]
    return plan.moved
