"""Storing drafts as ordinary questions (status draft, origin generated), never twice."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.bank.content import content_hash
from app.bank.loading import add_revision
from app.models import Article, Question


@dataclass
class StoreReport:
    created: list = field(default_factory=list)  # the drafts stored now
    existing: list = field(default_factory=list)  # drafts whose id is already stored: left as they are

    def summary(self, slug: str) -> str:
        return (
            f"{slug}: stored {len(self.created)} draft(s) for review, "
            f"{len(self.existing)} already stored (left unchanged)"
        )


def store_drafts(
    session: Session, drafts: list, article: Article, *, author_id: int | None = None
) -> StoreReport:
    """Add each draft whose id is new; an existing one (perhaps edited, approved or rejected since) is kept.
    The caller commits."""
    report = StoreReport()
    keys = [d.key for d in drafts]
    stored = set(session.scalars(select(Question.key).where(Question.key.in_(keys))))
    for draft in drafts:
        if draft.key in stored:
            report.existing.append(draft)
            continue
        spec = draft.checked.spec
        question = Question(
            key=spec.key,
            status="draft",
            origin="generated",
            source_file=None,
            author_id=author_id,
            confidence=draft.confidence,
            review_reason=draft.reason or None,
        )
        session.add(question)
        digest = content_hash(spec.content, spec.evidence)
        add_revision(session, question, draft.checked, digest, {article.slug: article.id}, number=1)
        stored.add(draft.key)
        report.created.append(draft)
    session.flush()
    return report
