"""When an assignment opens and closes, and when its answers may be shown (all times in UTC)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import ColumnElement, or_, select

from app.models import Assignment, Attempt

UPCOMING, OPEN, CLOSED = "upcoming", "open", "closed"


def as_utc(moment: datetime) -> datetime:
    """SQLite gives back naive datetimes (stored in UTC); PostgreSQL aware ones."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def phase(assignment: Assignment, now: datetime) -> str:
    """upcoming before it opens, closed from its due date on, open in between."""
    if assignment.opens_at is not None and now < as_utc(assignment.opens_at):
        return UPCOMING
    if is_past_due(assignment, now):
        return CLOSED
    return OPEN


def is_past_due(assignment: Assignment, now: datetime) -> bool:
    return assignment.due_at is not None and now >= as_utc(assignment.due_at)


def answers_visible(assignment: Assignment, now: datetime) -> bool:
    """Right answers, explanations and sources: at once, or only once the due date has passed."""
    return assignment.answers_shown != "after_due" or is_past_due(assignment, now)


def withholding_assignments(now: datetime):
    """Ids of the assignments whose answers are not shown yet."""
    return select(Assignment.id).where(
        Assignment.answers_shown == "after_due", or_(Assignment.due_at.is_(None), Assignment.due_at > now)
    )


def attempts_showing_answers(now: datetime) -> ColumnElement[bool]:
    """Attempts whose right and wrong answers may be shown (mastery, mistakes to practise, accuracy)."""
    return or_(Attempt.assignment_id.is_(None), Attempt.assignment_id.not_in(withholding_assignments(now)))


def format_utc(moment: datetime | None) -> str:
    """ "Mon 3 Mar 2025, 14:30 UTC", the way dates are shown next to assignments."""
    if moment is None:
        return ""
    moment = as_utc(moment)
    return f"{moment:%a} {moment.day} {moment:%b %Y, %H:%M} UTC"
