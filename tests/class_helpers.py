"""Builders for class tests: a class with students, a set of approved questions, an assignment."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.classroom.assignments import AssignmentSettings, create_assignment
from app.classroom.classes import create_class, join_by_code
from app.models import Assignment, SchoolClass
from app.teach.ownership import viewable_sets
from tests.test_teach_access import MIKADO, make_set, write_question

NOW = datetime(2025, 3, 14, 9, 0, tzinfo=UTC)
NUMERIC = {
    "id": "firms-moved-staff",
    "type": "numeric",
    "prompt": "According to Alexei Kuzmenkov, at least how many Hi-Tech Park firms had moved some staff abroad?",
    "answer": 50,
    "unit": "firms",
    "explanation": "Kuzmenkov estimated at least 50 firms.",
    "evidence": [
        {
            "article": "everyone-who-can-leave-will-leave",
            "quote": "He estimated that at least 50 firms in the Park",
        }
    ],
    "tags": ["numbers"],
    "status": "approved",
}


def make_class(db, owner, *students, name: str = "Year 10 Media") -> SchoolClass:
    school_class = create_class(db.session, owner, name=name, description="Reading the news closely.")
    for student in students:
        join_by_code(db.session, student, school_class.join_code)
    db.session.commit()
    return school_class


def two_question_set(db, owner, **kwargs):
    """A set of two approved questions (multiple choice, then numeric), in that order."""
    return make_set(
        db, owner, [write_question(db, owner, MIKADO), write_question(db, owner, NUMERIC)], **kwargs
    )


def make_assignment(db, school_class, question_set, teacher, *, created=None, **settings) -> Assignment:
    """An assignment as saved through the rules; `created` is when it was set (a past due date needs one)."""
    when = created or datetime.now(UTC)
    assignment = create_assignment(
        db.session,
        school_class,
        AssignmentSettings(set_id=question_set.id, **settings),
        teacher=teacher,
        assignable=viewable_sets(teacher),
        now=when,
    )
    db.session.commit()
    return assignment


def days(n: float) -> datetime:
    """`n` days from now (negative: ago), in UTC."""
    return datetime.now(UTC) + timedelta(days=n)
