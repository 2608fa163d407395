"""The classroom rules without the web: classes and codes, joining, assignments' settings, taking them."""

from __future__ import annotations

import random
from datetime import timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from app.classroom.assignments import AssignmentSettings, create_assignment, update_assignment
from app.classroom.classes import (
    UNKNOWN_CODE,
    ClassroomError,
    create_class,
    display_code,
    join_by_code,
    normalise_code,
    regenerate_code,
    remove_student,
    set_joining,
)
from app.classroom.schedule import answers_visible, phase
from app.classroom.taking import (
    AVAILABLE,
    DONE,
    IN_PROGRESS,
    NOT_OPEN,
    PAST_DUE,
    standing,
    student_overview,
)
from app.models import Attempt, AttemptItem, ClassMember, QuestionSet
from app.quiz.assignment_attempts import TakingError, start_or_resume
from app.quiz.selection import set_listing
from app.teach.ownership import viewable_sets
from tests.class_helpers import NOW, days, make_assignment, make_class, two_question_set
from tests.factories import UserFactory
from tests.test_teach_access import MIKADO, make_set, teacher, write_question


@pytest.fixture
def owner(db, seed_articles):
    return teacher()


@pytest.fixture
def question_set(db, owner):
    return two_question_set(db, owner)


# ── Classes and codes ────────────────────────────────────────────────────────────────────────────────────


def test_codes_are_normalised_and_shown_in_groups():
    assert normalise_code("  abcde-fghjk ") == "ABCDEFGHJK"
    assert normalise_code("ABCDE FGHJK") == normalise_code("abcde–fghjk") == "ABCDEFGHJK"
    assert normalise_code("") == ""
    assert display_code("ABCDEFGHJK") == "ABCDE-FGHJK"


def test_a_class_needs_a_name_unique_among_its_teachers_classes(db, owner):
    school_class = create_class(db.session, owner, name="  Media 10B ", description="")
    db.session.commit()
    assert school_class.name == "Media 10B" and len(school_class.join_code) == 10
    with pytest.raises(ClassroomError) as empty:
        create_class(db.session, owner, name="  ", description="")
    assert empty.value.problems == {"name": "Give the class a name."}
    db.session.rollback()
    with pytest.raises(ClassroomError) as twice:
        create_class(db.session, owner, name="media 10b", description="")
    assert "already have a class called" in twice.value.problems["name"]
    db.session.rollback()
    other = teacher("otto@example.org", "Otto Other")
    assert create_class(db.session, other, name="Media 10B").owner_id == other.id


def test_joining_by_code(db, owner, student):
    school_class = make_class(db, owner)
    typed = display_code(school_class.join_code).lower().replace("-", " - ")
    first = join_by_code(db.session, student, typed)
    db.session.commit()
    again = join_by_code(db.session, student, school_class.join_code)
    db.session.commit()
    assert first.new and not again.new and first.school_class.id == school_class.id
    assert db.session.scalar(select(func.count()).select_from(ClassMember)) == 1


def test_unknown_and_disabled_codes_give_the_same_error(db, owner, student):
    school_class = make_class(db, owner)
    with pytest.raises(ClassroomError) as unknown:
        join_by_code(db.session, student, "ZZZZZ-ZZZZZ")
    set_joining(school_class, False)
    db.session.commit()
    with pytest.raises(ClassroomError) as disabled:
        join_by_code(db.session, student, school_class.join_code)
    assert unknown.value.problems == disabled.value.problems == {"code": UNKNOWN_CODE}
    with pytest.raises(ClassroomError, match="Enter the code"):
        join_by_code(db.session, student, " - ")
    set_joining(school_class, True)
    assert join_by_code(db.session, student, school_class.join_code).new


def test_a_teacher_cannot_join_their_own_class_but_may_join_another(db, owner):
    mine = make_class(db, owner)
    with pytest.raises(ClassroomError, match="You teach this class"):
        join_by_code(db.session, owner, mine.join_code)
    colleague = make_class(db, teacher("otto@example.org", "Otto Other"), name="Otto's class")
    assert join_by_code(db.session, owner, colleague.join_code).new


def test_a_new_code_replaces_the_old_one(db, owner, student, other_student):
    school_class = make_class(db, owner, student)
    old = school_class.join_code
    new = regenerate_code(db.session, school_class)
    db.session.commit()
    assert new != old
    with pytest.raises(ClassroomError):
        join_by_code(db.session, other_student, old)
    assert join_by_code(db.session, other_student, new).new
    assert db.session.get(ClassMember, (school_class.id, student.id)) is not None  # still in


def test_removing_a_student_keeps_their_attempts(db, owner, student, question_set):
    school_class = make_class(db, owner, student)
    assignment = make_assignment(db, school_class, question_set, owner)
    attempt, _ = start_or_resume(db.session, assignment, student.id, NOW)
    db.session.commit()
    remove_student(db.session, school_class, student.id)
    db.session.commit()
    assert db.session.get(Attempt, attempt.id).assignment_id == assignment.id
    assert student_overview(db.session, student.id, NOW) == []
    with pytest.raises(LookupError):
        remove_student(db.session, school_class, student.id)
    with pytest.raises(LookupError):
        start_or_resume(db.session, assignment, student.id, NOW)


# ── Assignments ─────────────────────────────────────────────────────────────────────────────────────────


def settings_for(question_set, **changes) -> AssignmentSettings:
    return AssignmentSettings(set_id=question_set.id, **changes)


def create(db, school_class, settings, teacher):
    return create_assignment(
        db.session, school_class, settings, teacher=teacher, assignable=viewable_sets(teacher), now=NOW
    )


def test_an_assignment_defaults_its_title_and_stores_utc(db, owner, question_set):
    school_class = make_class(db, owner)
    opens = (NOW + timedelta(days=1)).replace(tzinfo=None)  # what the form gives, read as UTC
    assignment = create(
        db, school_class, settings_for(question_set, opens_at=opens, attempts_allowed=None), owner
    )
    assert assignment.title == question_set.title
    assert assignment.opens_at == NOW + timedelta(days=1)
    assert assignment.attempts_allowed is None and assignment.created_by_id == owner.id


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"due_at": NOW - timedelta(hours=1)}, "due_at", "already passed"),
        (
            {"opens_at": NOW + timedelta(days=2), "due_at": NOW + timedelta(days=1)},
            "due_at",
            "after the opening",
        ),
        ({"attempts_allowed": 0}, "attempts_allowed", "from 1"),
        ({"answers_shown": "after_due"}, "answers_shown", "need a due date"),
        ({"answers_shown": "never"}, "answers_shown", "Choose when"),
        ({"mode": "exam"}, "mode", "practice or test"),
        ({"title": "x" * 201}, "title", "under 200"),
    ],
)
def test_assignment_settings_are_checked(db, owner, question_set, changes, field, words):
    school_class = make_class(db, owner)
    with pytest.raises(ClassroomError) as refused:
        create(db, school_class, settings_for(question_set, **changes), owner)
    assert words in refused.value.problems[field]


def test_the_set_must_be_one_the_teacher_can_see_with_approved_questions(db, owner, question_set):
    other = teacher("otto@example.org", "Otto Other")
    school_class = make_class(db, other)
    with pytest.raises(ClassroomError) as private:
        create(db, school_class, settings_for(question_set), other)
    assert private.value.problems["set_id"] == "Choose one of the question sets you can see."
    db.session.rollback()
    draft = write_question(db, owner, MIKADO | {"id": "draft-one", "status": "draft"})
    empty = make_set(db, owner, [draft], title="Drafts only")
    with pytest.raises(ClassroomError, match="no approved questions"):
        create(db, make_class(db, owner), settings_for(empty), owner)
    db.session.rollback()
    question_set = db.session.get(QuestionSet, question_set.id)
    question_set.visibility = "public"
    db.session.commit()
    assert create(db, school_class, settings_for(question_set), other).id


def test_titles_are_unique_in_a_class_and_editing_keeps_its_own(db, owner, question_set):
    school_class = make_class(db, owner)
    first = make_assignment(db, school_class, question_set, owner, title="Week 1")
    with pytest.raises(ClassroomError, match="already has an assignment called"):
        create(db, school_class, settings_for(question_set, title="week 1"), owner)
    db.session.rollback()
    changed = settings_for(question_set, title="Week 1", mode="practice")
    update_assignment(db.session, first, changed, assignable=viewable_sets(owner), now=NOW)
    assert first.mode == "practice"


# ── Taking an assignment ─────────────────────────────────────────────────────────────────────────────────


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
    from app.teach.sets import add_co_owner

    add_co_owner(db.session, db.session.get(QuestionSet, shared.id), co_teacher.email)
    make_class(db, co_teacher, other_student, name="Cora's class")
    assert "For my classes" in {s.title for s, _ in set_listing(db.session, other_student.id)}
