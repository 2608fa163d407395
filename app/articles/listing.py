"""The article list with counts, shared by the reader index and `flask articles list`."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import Article, EvidenceSpan, Paragraph, Question, QuestionRevision, RevisionEvidence


def approved_question_count():
    """Approved questions whose current wording cites the article (correlated with the outer Article)."""
    return (
        select(func.count(func.distinct(Question.id)))
        .join(QuestionRevision, Question.current_revision_id == QuestionRevision.id)
        .join(RevisionEvidence, RevisionEvidence.revision_id == QuestionRevision.id)
        .join(EvidenceSpan, EvidenceSpan.id == RevisionEvidence.span_id)
        .where(EvidenceSpan.article_id == Article.id, Question.status == "approved")
        .scalar_subquery()
    )


def article_listing(session: Session, *, order_by_slug: bool = False) -> list[tuple[Article, int, int]]:
    """(article, paragraph count, approved question count), newest first (or by slug), in one query."""
    paragraphs = select(func.count(Paragraph.id)).where(Paragraph.article_id == Article.id).scalar_subquery()
    order = (Article.slug,) if order_by_slug else (Article.published.desc(), Article.title)
    query = select(Article, paragraphs, approved_question_count()).order_by(*order)
    return [tuple(row) for row in session.execute(query).all()]
