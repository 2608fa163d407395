"""A class's results: each student's attempts per assignment, and the grades as CSV (a fixed few queries)."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from app.models import Assignment, Attempt, ClassMember, SchoolClass, User
from app.review.export import spreadsheet_safe


@dataclass
class Grade:
    """One student's attempts at one assignment."""

    started: int = 0
    finished: int = 0
    in_progress: bool = False
    best: float | None = None
    latest: float | None = None
    latest_at: datetime | None = field(default=None, repr=False)

    def add(self, score: float | None, finished_at: datetime | None) -> None:
        self.started += 1
        if finished_at is None:
            self.in_progress = True
            return
        self.finished += 1
        self.best = score if self.best is None else max(self.best, score)
        if self.latest_at is None or finished_at >= self.latest_at:
            self.latest, self.latest_at = score, finished_at


NO_GRADE = Grade()


@dataclass(frozen=True)
class Gradebook:
    students: list[User]
    assignments: list[Assignment]
    grades: dict[tuple[int, int], Grade]

    def grade(self, user_id: int, assignment_id: int) -> Grade:
        return self.grades.get((user_id, assignment_id), NO_GRADE)

    def completed_by(self, assignment_id: int) -> int:
        """How many students have finished it at least once."""
        return sum(1 for s in self.students if self.grade(s.id, assignment_id).finished)

    def average_best(self, assignment_id: int) -> float | None:
        bests = [g.best for s in self.students if (g := self.grade(s.id, assignment_id)).best is not None]
        return sum(bests) / len(bests) if bests else None

    def completed_count(self, user_id: int) -> int:
        """How many of the class's assignments the student has finished at least once."""
        return sum(1 for a in self.assignments if self.grade(user_id, a.id).finished)


def members(session: Session, school_class: SchoolClass) -> list[User]:
    """The class's students, by name."""
    return list(
        session.scalars(
            select(User)
            .join(ClassMember, ClassMember.user_id == User.id)
            .where(ClassMember.class_id == school_class.id)
            .order_by(User.display_name, User.id)
        )
    )


def class_assignments(session: Session, school_class: SchoolClass) -> list[Assignment]:
    return list(
        session.scalars(
            select(Assignment)
            .where(Assignment.class_id == school_class.id)
            .options(joinedload(Assignment.question_set))
            .order_by(Assignment.created_at, Assignment.id)
        )
    )


def gradebook(session: Session, school_class: SchoolClass) -> Gradebook:
    """Three queries whatever the class's size: students, assignments, and every attempt's score.

    Only current students count: a removed student's attempts stay in their own history.
    """
    students = members(session, school_class)
    assignments = class_assignments(session, school_class)
    rows = session.execute(
        select(Attempt.user_id, Attempt.assignment_id, Attempt.score, Attempt.finished_at)
        .join(Assignment, Assignment.id == Attempt.assignment_id)
        .join(
            ClassMember,
            (ClassMember.class_id == Assignment.class_id) & (ClassMember.user_id == Attempt.user_id),
        )
        .where(Assignment.class_id == school_class.id)
    )
    grades: dict[tuple[int, int], Grade] = defaultdict(Grade)
    for user_id, assignment_id, score, finished_at in rows:
        grades[user_id, assignment_id].add(score, finished_at)
    return Gradebook(students, assignments, dict(grades))


def percent(score: float | None) -> str:
    """A score as the CSV gives it: 83.3 (one decimal, none when whole), blank when there is none."""
    if score is None:
        return ""
    value = round(score * 100, 1)
    return f"{value:g}"


def grades_csv(book: Gradebook) -> str:
    """One row per student, one column per assignment: their best score in percent, blank if not finished."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["Student", "Email", *(spreadsheet_safe(a.title) for a in book.assignments)])
    for student in book.students:
        writer.writerow(
            [
                spreadsheet_safe(student.display_name),
                spreadsheet_safe(student.email),
                *(percent(book.grade(student.id, a.id).best) for a in book.assignments),
            ]
        )
    return out.getvalue()
