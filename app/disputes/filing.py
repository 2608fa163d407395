"""Filing a dispute on one's own graded answer, once, and reading back the flags a student has filed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload

from app.models import Attempt, Dispute, Response

COMMENT_MIN = 10
COMMENT_MAX = 2000


class DisputeError(Exception):
    """A dispute cannot be filed or resolved as asked; the message is for the person asking."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field  # the form field the message belongs beside, if any


class AlreadyFlaggedError(DisputeError):
    """The student has flagged this answer before (or just now, in another request)."""

    def __init__(self) -> None:
        super().__init__("You have already flagged this answer: its review is under “My flags”.")


def clean_comment(comment: str | None) -> str:
    text = (comment or "").strip()
    if len(text) < COMMENT_MIN:
        raise DisputeError(
            f"Say what the article says instead, in at least {COMMENT_MIN} characters.", "comment"
        )
    if len(text) > COMMENT_MAX:
        raise DisputeError(
            f"Keep it to {COMMENT_MAX} characters (this is {len(text)}): quote the sentence that matters.",
            "comment",
        )
    return text


def owned_response(session: Session, response_id: int, user_id: int) -> Response | None:
    """The response if it answers an attempt of `user_id`'s; None for anyone else's (or none at all)."""
    return session.scalar(
        select(Response)
        .join(Attempt, Attempt.id == Response.attempt_id)
        .where(Response.id == response_id, Attempt.user_id == user_id)
        .options(joinedload(Response.revision))
    )


def dispute_on(session: Session, user_id: int, response_id: int) -> Dispute | None:
    return session.scalar(
        select(Dispute).where(Dispute.user_id == user_id, Dispute.response_id == response_id)
    )


def file_dispute(session: Session, response: Response, user_id: int, comment: str | None) -> Dispute:
    """Flag `response` (which the caller checked is the user's) with a comment; the caller commits.

    A second flag on the same answer raises AlreadyFlaggedError. Two requests racing past the first check meet
    the (user, response) unique constraint: the loser's transaction is rolled back and it gets the same
    AlreadyFlaggedError, so a double submit files exactly one dispute.
    """
    text = clean_comment(comment)
    if dispute_on(session, user_id, response.id) is not None:
        raise AlreadyFlaggedError()
    dispute = Dispute(
        user_id=user_id,
        question_id=response.revision.question_id,
        revision_id=response.revision_id,
        response_id=response.id,
        comment=text,
        status="open",
    )
    session.add(dispute)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        raise AlreadyFlaggedError() from None
    return dispute


def disputes_by_response(session: Session, user_id: int, response_ids: Iterable[int]) -> dict[int, Dispute]:
    """The user's disputes on these responses, keyed by response id, in one query."""
    ids = list(response_ids)
    if not ids:
        return {}
    rows = session.scalars(
        select(Dispute)
        .where(Dispute.user_id == user_id, Dispute.response_id.in_(ids))
        .options(joinedload(Dispute.resolved_by))
    )
    return {d.response_id: d for d in rows}


@dataclass(frozen=True)
class FlagState:
    """What the results page shows under one graded answer: a form to flag it, or the flag filed."""

    response_id: int
    dispute: Dispute | None


def flag_states(
    session: Session, user_id: int | None, responses: Mapping[int, Response]
) -> dict[int, FlagState]:
    """Per position: the response, and the user's dispute on it (one query; none for visitors)."""
    disputes = disputes_by_response(session, user_id, [r.id for r in responses.values()]) if user_id else {}
    return {
        position: FlagState(response.id, disputes.get(response.id))
        for position, response in responses.items()
    }


def flags_of(session: Session, user_id: int) -> list[Dispute]:
    """Everything the user has flagged, open ones first, then the latest first, with what the page shows."""
    return list(
        session.scalars(
            select(Dispute)
            .where(Dispute.user_id == user_id)
            .options(
                joinedload(Dispute.revision),
                joinedload(Dispute.response),
                joinedload(Dispute.resolved_by),
            )
            .order_by((Dispute.status != "open"), Dispute.created_at.desc(), Dispute.id.desc())
        )
    )
