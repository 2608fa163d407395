"""Assignments: a question set given to a class, checked against the rules before it is saved.

The sets a teacher may assign are those they can see: callers pass that condition
(`app.teach.ownership.viewable_sets(teacher)`), which keeps this module free of the teach blueprint.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import ColumnElement, func, null, select
from sqlalchemy.orm import Session

from app.classroom.classes import ClassroomError, lock_row
from app.classroom.schedule import as_utc
from app.models import Assignment, Question, QuestionSet, QuestionSetItem, SchoolClass, User
from app.models.classes import ANSWERS_SHOWN, ASSIGNMENT_MODES

MAX_TITLE = 200
MAX_ATTEMPTS = 99


@dataclass(frozen=True)
class AssignmentSettings:
    """What the teacher chose; `title` may be empty (the set's title is used)."""

    set_id: int | None
    title: str = ""
    mode: str = "test"
    opens_at: datetime | None = None
    due_at: datetime | None = None
    attempts_allowed: int | None = 1  # None: unlimited
    answers_shown: str = "immediately"


def approved_count(session: Session, set_id: int) -> int:
    return session.scalar(
        select(func.count(QuestionSetItem.id))
        .join(Question, Question.id == QuestionSetItem.question_id)
        .where(QuestionSetItem.set_id == set_id, Question.status == "approved")
    )


def check_settings(
    session: Session,
    school_class: SchoolClass,
    settings: AssignmentSettings,
    assignable: ColumnElement[bool],
    now: datetime,
    assignment: Assignment | None = None,
) -> tuple[AssignmentSettings, dict[str, str]]:
    """The settings made whole (title defaulted, times in UTC) and every problem, by form field."""
    problems: dict[str, str] = {}
    question_set = None
    if settings.set_id is not None:
        question_set = session.scalar(
            select(QuestionSet).where(QuestionSet.id == settings.set_id, assignable)
        )
    if question_set is None:
        problems["set_id"] = "Choose one of the question sets you can see."
    elif not approved_count(session, question_set.id):
        problems["set_id"] = "This set has no approved questions yet: approve some before assigning it."
    title = settings.title.strip() or (question_set.title if question_set else "")
    problems |= title_problems(session, school_class, title, assignment)
    opens_at = as_utc(settings.opens_at) if settings.opens_at else None
    due_at = as_utc(settings.due_at) if settings.due_at else None
    if opens_at and due_at and due_at <= opens_at:
        problems["due_at"] = "The due date must come after the opening date."
    elif due_at and assignment is None and due_at <= now:
        problems["due_at"] = "That due date has already passed: choose a later one."
    if settings.mode not in ASSIGNMENT_MODES:
        problems["mode"] = "Choose practice or test."
    if settings.attempts_allowed is not None and not 1 <= settings.attempts_allowed <= MAX_ATTEMPTS:
        problems["attempts_allowed"] = (
            f"Allow from 1 to {MAX_ATTEMPTS} attempts, or leave it empty for unlimited attempts."
        )
    if settings.answers_shown not in ANSWERS_SHOWN:
        problems["answers_shown"] = "Choose when students see the answers."
    elif settings.answers_shown == "after_due" and due_at is None:
        problems["answers_shown"] = "Answers shown after the due date need a due date: set one above."
    return replace(settings, title=title, opens_at=opens_at, due_at=due_at), problems


def title_problems(
    session: Session, school_class: SchoolClass, title: str, assignment: Assignment | None
) -> dict[str, str]:
    if not title:
        return {"title": "Give the assignment a title."}
    if len(title) > MAX_TITLE:
        return {"title": f"Keep the title under {MAX_TITLE} characters."}
    same_title = select(Assignment.id).where(
        Assignment.class_id == school_class.id, func.lower(Assignment.title) == title.lower()
    )
    if assignment is not None:
        same_title = same_title.where(Assignment.id != assignment.id)
    if session.scalar(same_title) is not None:
        return {"title": f"This class already has an assignment called “{title}”."}
    return {}


def create_assignment(
    session: Session,
    school_class: SchoolClass,
    settings: AssignmentSettings,
    *,
    teacher: User,
    assignable: ColumnElement[bool],
    now: datetime,
) -> Assignment:
    lock_row(session, SchoolClass.id, school_class.id)
    checked, problems = check_settings(session, school_class, settings, assignable, now)
    if problems:
        raise ClassroomError(problems)
    assignment = Assignment(class_id=school_class.id, created_by_id=teacher.id)
    apply(assignment, checked)
    session.add(assignment)
    session.flush()
    return assignment


def update_assignment(
    session: Session,
    assignment: Assignment,
    settings: AssignmentSettings,
    *,
    assignable: ColumnElement[bool],
    now: datetime,
) -> None:
    """Attempts already made keep their questions; the new dates and limits apply from now on."""
    lock_row(session, SchoolClass.id, assignment.class_id)
    checked, problems = check_settings(
        session, assignment.school_class, settings, assignable, now, assignment=assignment
    )
    if problems:
        raise ClassroomError(problems)
    apply(assignment, checked)
    session.flush()


def apply(assignment: Assignment, settings: AssignmentSettings) -> None:
    assignment.set_id = settings.set_id
    assignment.title = settings.title
    assignment.mode = settings.mode
    assignment.opens_at = settings.opens_at
    assignment.due_at = settings.due_at
    # The column defaults to 1 and the ORM would apply that default to None: write NULL ("unlimited") as such.
    allowed = settings.attempts_allowed
    assignment.attempts_allowed = null() if allowed is None else allowed
    assignment.answers_shown = settings.answers_shown


def delete_assignment(session: Session, assignment: Assignment) -> None:
    """The students' attempts stay in their history as ordinary attempts (the key is set to NULL)."""
    session.delete(assignment)
    session.flush()
