"""The classroom rules without the web: classes and join codes, joining, removing, assignments' settings."""

from __future__ import annotations

from datetime import timedelta

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
from app.classroom.taking import student_overview
from app.models import Attempt, ClassMember, QuestionSet
from app.quiz.assignment_attempts import start_or_resume
from app.teach.ownership import viewable_sets
from tests.class_helpers import NOW, make_assignment, make_class
from tests.test_teach_access import MIKADO, make_set, teacher, write_question

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
