"""Which disputes a teacher reviews: those on questions they may edit; the bank's own questions go to admins.

A dispute belongs to whoever can act on it. Questions made in the app follow `editable_questions`
(their author, the owners of a set the author shared them through, admins); the bank's questions,
defined in YAML and edited in git, have no owner in the app, so their disputes go to admins.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, func, select, true

from app.models import Dispute, Question, User
from app.teach.ownership import editable_questions, is_admin

FILTERS = ("open", "resolved", "all")


def reviewable_disputes(user: User) -> ColumnElement[bool]:
    if is_admin(user):
        return true()
    return Dispute.question_id.in_(select(Question.id).where(editable_questions(user)))


def open_dispute_count(session, user: User) -> int:
    return session.scalar(
        select(func.count(Dispute.id)).where(Dispute.status == "open", reviewable_disputes(user))
    )


def queue_query(user: User, shown: str) -> Select:
    """The review queue: open flags first, each group oldest first; `shown` is one of FILTERS."""
    query = select(Dispute).where(reviewable_disputes(user))
    if shown == "open":
        query = query.where(Dispute.status == "open")
    elif shown == "resolved":
        query = query.where(Dispute.status != "open")
    return query.order_by(Dispute.status != "open", Dispute.created_at, Dispute.id)


def queue_counts(session, user: User) -> dict[str, int]:
    """How many flags each filter shows, in one query."""
    total, still_open = session.execute(
        select(func.count(Dispute.id), func.count(Dispute.id).filter(Dispute.status == "open")).where(
            reviewable_disputes(user)
        )
    ).one()
    return {"open": still_open, "resolved": total - still_open, "all": total}
