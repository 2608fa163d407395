"""Resolving a dispute: the question was edited, retired, or kept with a note saying why the answer stands."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session, joinedload

from app.disputes.filing import DisputeError
from app.models import Dispute, Question
from app.models.articles import utcnow

OUTCOMES = ("edited", "retired", "kept")
NOTE_MAX = 2000
KEPT_NOTE_MIN = 10


class AlreadyResolvedError(DisputeError):
    """Someone resolved the dispute first (another tab, a co-owner, a double submit)."""

    def __init__(self) -> None:
        super().__init__("This flag has already been resolved: its outcome is shown below.")


def is_revised_since(dispute: Dispute, question: Question) -> bool:
    """Whether the question now has another wording than the one the student answered."""
    return question.current_revision_id is not None and question.current_revision_id != dispute.revision_id


def clean_note(dispute: Dispute, question: Question, outcome: str, note: str | None) -> str:
    """The resolution note, trimmed, once the outcome is possible; DisputeError names the field at fault."""
    if outcome not in OUTCOMES:
        raise DisputeError("Choose how to resolve this flag.", "outcome")
    if outcome == "edited" and not is_revised_since(dispute, question):
        raise DisputeError(
            "The question still has the wording the student answered: edit it first, then mark it edited.",
            "outcome",
        )
    text = (note or "").strip()
    if outcome == "kept" and len(text) < KEPT_NOTE_MIN:
        raise DisputeError(
            f"Say why the answer stands, in at least {KEPT_NOTE_MIN} characters: the student reads it.",
            "note",
        )
    if len(text) > NOTE_MAX:
        raise DisputeError(f"Keep the note to {NOTE_MAX} characters (this is {len(text)}).", "note")
    return text


def other_open_disputes(session: Session, dispute: Dispute) -> list[Dispute]:
    """Other students' open flags on the same question, oldest first."""
    return list(
        session.scalars(
            select(Dispute)
            .where(
                Dispute.question_id == dispute.question_id, Dispute.id != dispute.id, Dispute.status == "open"
            )
            .order_by(Dispute.created_at, Dispute.id)
            .options(joinedload(Dispute.user), joinedload(Dispute.revision))
        )
    )


def resolve_dispute(
    session: Session,
    dispute: Dispute,
    question: Question,
    *,
    outcome: str,
    note: str | None,
    resolver_id: int,
    also: Sequence[Dispute] = (),
    now: datetime | None = None,
) -> int:
    """Resolve `dispute` (and the open flags in `also` on the same question) once; the caller commits.

    The status changes only where it is still open, in the database itself, so two reviewers (or a
    double submit) cannot both resolve it: the second gets AlreadyResolvedError. "retired" also retires the
    question, as rejecting a draft does. "edited" skips flags in `also` that were about the current
    wording. Returns how many disputes were resolved.
    """
    text = clean_note(dispute, question, outcome, note)
    values = {
        "status": outcome,
        "resolution_note": text,
        "resolved_by_id": resolver_id,
        "resolved_at": now or utcnow(),
    }
    claimed = session.execute(
        update(Dispute).where(Dispute.id == dispute.id, Dispute.status == "open").values(**values)
    )
    if claimed.rowcount != 1:
        session.rollback()
        raise AlreadyResolvedError()
    others = [
        d.id
        for d in also
        if d.question_id == dispute.question_id
        and d.id != dispute.id
        and (outcome != "edited" or d.revision_id != question.current_revision_id)
    ]
    resolved = 1
    if others:
        resolved += session.execute(
            update(Dispute).where(Dispute.id.in_(others), Dispute.status == "open").values(**values)
        ).rowcount
    if outcome == "retired":
        question.status = "retired"
    return resolved
