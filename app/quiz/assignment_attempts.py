"""Starting an assignment's attempt, or resuming the unfinished one (plain SQLAlchemy; the views commit)."""

from __future__ import annotations

import random
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.classroom.taking import attempts_at, standing
from app.models import Assignment, Attempt, ClassMember
from app.quiz.selection import QuizSource, set_revision_ids
from app.quiz.service import QuizError, start_attempt


class TakingError(Exception):
    """A new attempt cannot be started now; the message is for the student."""


def start_or_resume(
    session: Session,
    assignment: Assignment,
    user_id: int,
    now: datetime,
    rng: random.Random | None = None,
) -> tuple[Attempt, bool]:
    """The student's unfinished attempt, or a new one from the set in its order (True when resumed).

    Raises LookupError when the student is not in the class, TakingError when no attempt may start.
    """
    member = session.scalar(  # locked: a double click cannot start two attempts (PostgreSQL)
        select(ClassMember)
        .where(ClassMember.class_id == assignment.class_id, ClassMember.user_id == user_id)
        .with_for_update()
    )
    if member is None:
        raise LookupError(assignment.id)
    attempts = attempts_at(session, assignment, user_id)
    current = standing(assignment, attempts, now)
    if current.unfinished_id is not None:
        return next(a for a in attempts if a.id == current.unfinished_id), True
    if not current.can_start:
        raise TakingError(current.refusal)
    source = QuizSource("set", assignment.question_set.key, assignment.title, ordered=True)
    try:
        attempt = start_attempt(
            session,
            source,
            set_revision_ids(session, assignment.question_set),
            mode=assignment.mode,
            length=None,
            owner={"user_id": user_id},
            rng=rng,
        )
    except QuizError as error:
        raise TakingError("This assignment has no questions to answer yet: tell your teacher.") from error
    attempt.assignment_id = assignment.id
    session.flush()
    return attempt, False
