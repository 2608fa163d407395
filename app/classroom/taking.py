"""Where a student stands on an assignment: whether it is open, attempts left, what to resume, scores."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from app.classroom.schedule import CLOSED, UPCOMING, answers_visible, as_utc, format_utc, phase
from app.models import Assignment, Attempt, ClassMember, SchoolClass

# A student's standing on one assignment.
NOT_OPEN, AVAILABLE, IN_PROGRESS, DONE, PAST_DUE = "upcoming", "open", "in_progress", "done", "past_due"


@dataclass(frozen=True)
class Standing:
    state: str
    attempts_used: int
    attempts_left: int | None  # None: unlimited
    unfinished_id: int | None  # the attempt to resume, if any
    finished: int
    best_score: float | None
    latest_score: float | None
    answers_visible: bool
    refusal: str | None  # why no new attempt can start now (None: one can)

    @property
    def can_start(self) -> bool:
        return self.refusal is None

    @property
    def can_continue(self) -> bool:
        return self.unfinished_id is not None or self.can_start


def standing(assignment: Assignment, attempts: Sequence[Attempt], now: datetime) -> Standing:
    """`attempts`: the student's attempts at this assignment, in any order."""
    finished = sorted((a for a in attempts if a.finished_at is not None), key=lambda a: (a.finished_at, a.id))
    unfinished = max((a.id for a in attempts if a.finished_at is None), default=None)
    used = len(attempts)
    left = None if assignment.attempts_allowed is None else max(assignment.attempts_allowed - used, 0)
    when = phase(assignment, now)
    refusal = None
    if when == UPCOMING:
        refusal = f"This assignment opens on {format_utc(assignment.opens_at)}."
        state = NOT_OPEN
    elif when == CLOSED:
        refusal = (
            f"This assignment was due on {format_utc(assignment.due_at)}: no new attempt can be started."
        )
        state = PAST_DUE
    elif left == 0:
        refusal = "You have used all your attempts at this assignment."
        state = DONE
    else:
        state = AVAILABLE
    if unfinished is not None:
        state = IN_PROGRESS
    return Standing(
        state=state,
        attempts_used=used,
        attempts_left=left,
        unfinished_id=unfinished,
        finished=len(finished),
        best_score=max((a.score for a in finished), default=None),
        latest_score=finished[-1].score if finished else None,
        answers_visible=answers_visible(assignment, now),
        refusal=refusal,
    )


def attempts_at(session: Session, assignment: Assignment, user_id: int) -> list[Attempt]:
    return list(
        session.scalars(
            select(Attempt)
            .where(Attempt.assignment_id == assignment.id, Attempt.user_id == user_id)
            .order_by(Attempt.started_at, Attempt.id)
        )
    )


@dataclass(frozen=True)
class ClassOverview:
    school_class: SchoolClass
    assignments: list[tuple[Assignment, Standing]]  # what needs doing first


STATE_ORDER = {IN_PROGRESS: 0, AVAILABLE: 1, NOT_OPEN: 2, DONE: 3, PAST_DUE: 4}


def student_overview(session: Session, user_id: int, now: datetime) -> list[ClassOverview]:
    """The student's classes, each with its assignments and where the student stands (three queries)."""
    classes = list(
        session.scalars(
            select(SchoolClass)
            .join(ClassMember, ClassMember.class_id == SchoolClass.id)
            .where(ClassMember.user_id == user_id)
            .options(joinedload(SchoolClass.owner))
            .order_by(SchoolClass.name, SchoolClass.id)
        )
    )
    if not classes:
        return []
    assignments = list(
        session.scalars(
            select(Assignment)
            .where(Assignment.class_id.in_([c.id for c in classes]))
            .options(joinedload(Assignment.question_set))
            .order_by(Assignment.created_at, Assignment.id)
        )
    )
    attempts: dict[int, list[Attempt]] = defaultdict(list)
    if assignments:
        for attempt in session.scalars(
            select(Attempt).where(
                Attempt.user_id == user_id, Attempt.assignment_id.in_([a.id for a in assignments])
            )
        ):
            attempts[attempt.assignment_id].append(attempt)
    by_class: dict[int, list[tuple[Assignment, Standing]]] = defaultdict(list)
    for assignment in assignments:
        by_class[assignment.class_id].append((assignment, standing(assignment, attempts[assignment.id], now)))
    far = datetime.max.replace(tzinfo=UTC)
    return [
        ClassOverview(
            school_class,
            sorted(
                by_class[school_class.id],
                key=lambda pair: (
                    STATE_ORDER[pair[1].state],
                    as_utc(pair[0].due_at) if pair[0].due_at else far,
                ),
            ),
        )
        for school_class in classes
    ]
