"""Taking an assignment without the web: where a student stands, starting and resuming, their overview."""

from __future__ import annotations

import random
from datetime import timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from app.classroom.schedule import answers_visible, phase
from app.classroom.taking import AVAILABLE, DONE, IN_PROGRESS, NOT_OPEN, PAST_DUE, standing, student_overview
from app.models import AttemptItem, QuestionSet
from app.quiz.assignment_attempts import TakingError, start_or_resume
from app.quiz.selection import set_listing
from app.teach.sets import add_co_owner
from tests.class_helpers import NOW, days, make_assignment, make_class, two_question_set
from tests.factories import UserFactory
from tests.test_teach_access import teacher


def fake_assignment(**fields):
    defaults = {"opens_at": None, "due_at": None, "attempts_allowed": 1, "answers_shown": "immediately"}
    return SimpleNamespace(**(defaults | fields))


def fake_attempt(attempt_id, score=None, finished_minutes=None):
    finished = None if finished_minutes is None else NOW + timedelta(minutes=finished_minutes)
    return SimpleNamespace(id=attempt_id, score=score, finished_at=finished)


def test_standing_follows_dates_and_attempts():
    hour = timedelta(hours=1)
    assert standing(fake_assignment(opens_at=NOW + hour), [], NOW).state == NOT_OPEN
    assert (
        "opens on Fri 14 Mar 2025, 10:00 UTC"
        in standing(fake_assignment(opens_at=NOW + hour), [], NOW).refusal
    )
    fresh = standing(fake_assignment(due_at=NOW + hour), [], NOW)
    assert fresh.state == AVAILABLE and fresh.can_start and fresh.attempts_left == 1
    done = standing(fake_assignment(), [fake_attempt(1, 0.5, 5)], NOW)
    assert done.state == DONE and not done.can_start and done.best_score == 0.5
    assert standing(fake_assignment(due_at=NOW - hour), [], NOW).state == PAST_DUE
    assert standing(fake_assignment(due_at=NOW), [], NOW).state == PAST_DUE  # due means closed at that minute
    unlimited = standing(fake_assignment(attempts_allowed=None), [fake_attempt(1, 0.2, 1)] * 5, NOW)
    assert unlimited.can_start and unlimited.attempts_left is None


def test_an_unfinished_attempt_is_resumed_even_past_due():
    attempts = [fake_attempt(1, 0.4, 1), fake_attempt(2, 0.9, 9), fake_attempt(3)]
    past_due = standing(fake_assignment(due_at=NOW - timedelta(minutes=1), attempts_allowed=3), attempts, NOW)
    assert past_due.state == IN_PROGRESS and past_due.unfinished_id == 3 and past_due.can_continue
    assert not past_due.can_start and past_due.attempts_left == 0
    assert (past_due.best_score, past_due.latest_score, past_due.finished) == (0.9, 0.9, 2)


def test_answers_after_the_due_date():
    hidden = fake_assignment(answers_shown="after_due", due_at=NOW + timedelta(minutes=1))
    assert not answers_visible(hidden, NOW)
    assert answers_visible(hidden, NOW + timedelta(minutes=1))
    assert answers_visible(fake_assignment(due_at=NOW + timedelta(days=1)), NOW)
    assert phase(hidden, NOW) == "open" and phase(hidden, NOW + timedelta(days=1)) == "closed"


def test_starting_takes_the_set_in_order_with_the_assignments_mode(db, owner, student, question_set):
    school_class = make_class(db, owner, student)
    assignment = make_assignment(db, school_class, question_set, owner, mode="practice", attempts_allowed=2)
    attempt, resumed = start_or_resume(db.session, assignment, student.id, NOW, rng=random.Random(1))
    db.session.commit()
    assert not resumed and attempt.assignment_id == assignment.id and attempt.mode == "practice"
    assert attempt.title == assignment.title and attempt.user_id == student.id
    questions = db.session.scalars(
        select(AttemptItem).where(AttemptItem.attempt_id == attempt.id).order_by(AttemptItem.position)
    ).all()
    assert [item.revision.question_id for item in questions] == [i.question_id for i in question_set.items]
    again, resumed = start_or_resume(db.session, assignment, student.id, NOW)
    assert resumed and again.id == attempt.id  # a second click resumes instead of starting another


def test_no_new_attempt_once_they_are_used_or_past_due(db, owner, student, question_set):
    school_class = make_class(db, owner, student)
    assignment = make_assignment(db, school_class, question_set, owner, due_at=days(1))
    attempt, _ = start_or_resume(db.session, assignment, student.id, NOW)
    attempt.finished_at, attempt.score = NOW, 1.0
    db.session.commit()
    with pytest.raises(TakingError, match="used all your attempts"):
        start_or_resume(db.session, assignment, student.id, NOW)
    assignment.attempts_allowed = None
    db.session.commit()
    with pytest.raises(TakingError, match="no new attempt"):
        start_or_resume(db.session, assignment, student.id, days(2))
    outsider = UserFactory()
    with pytest.raises(LookupError):
        start_or_resume(db.session, assignment, outsider.id, NOW)


def test_the_overview_puts_what_needs_doing_first(db, owner, student, question_set):
    school_class = make_class(db, owner, student)
    later = make_assignment(db, school_class, question_set, owner, title="Later", opens_at=days(3))
    closed = make_assignment(
        db, school_class, question_set, owner, title="Closed", due_at=days(-1), created=days(-5)
    )
    soon = make_assignment(db, school_class, question_set, owner, title="Soon", due_at=days(1))
    [overview] = student_overview(db.session, student.id, days(0))
    assert overview.school_class.id == school_class.id
    assert [a.id for a, _ in overview.assignments] == [soon.id, later.id, closed.id]


def test_classes_sets_are_shared_with_the_students_of_their_owners(db, owner, student, other_student):
    shared = two_question_set(db, owner, title="For my classes", visibility="classes")
    make_class(db, owner, student)
    titles = {s.title for s, _ in set_listing(db.session, student.id)}
    assert "For my classes" in titles
    assert "For my classes" not in {s.title for s, _ in set_listing(db.session, other_student.id)}
    co_teacher = teacher("cora@example.org", "Cora Co-owner")
    add_co_owner(db.session, db.session.get(QuestionSet, shared.id), co_teacher.email)
    make_class(db, co_teacher, other_student, name="Cora's class")
    assert "For my classes" in {s.title for s, _ in set_listing(db.session, other_student.id)}
