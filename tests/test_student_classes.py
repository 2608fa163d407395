"""Students and classes: joining by code, "My classes", taking assignments, answers kept until the due date."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.models import Assignment, Attempt, ClassMember
from tests.class_helpers import days, make_assignment, make_class, two_question_set
from tests.helpers import login, logout, post_form
from tests.quiz_helpers import answer, item_at, right_answer, wrong_answer
from tests.test_teach_access import MIKADO

pytestmark = pytest.mark.usefixtures("fresh_rate_limits")


def members(db) -> int:
    return db.session.scalar(select(func.count()).select_from(ClassMember))


def attempts(db) -> list[Attempt]:
    db.session.expire_all()
    return list(db.session.scalars(select(Attempt).order_by(Attempt.id)))


# ── Joining ──────────────────────────────────────────────────────────────────────────────────────────────


def test_the_catalogue_leads_to_joining_a_class(client, student):
    assert "/quiz/classes/join" in client.get("/quiz/").get_data(as_text=True)
    assert client.get("/quiz/classes/join").status_code == 302  # visitors log in first
    login(client, student)
    page = client.get("/quiz/").get_data(as_text=True)
    assert 'href="/quiz/classes"' in page and 'href="/quiz/classes/join"' in page


def test_joining_by_code_once_even_when_submitted_twice(client, db, owner, student):
    school_class = make_class(db, owner)
    login(client, student)
    link = client.get(f"/quiz/classes/join?code={school_class.join_code}").get_data(as_text=True)
    assert f'value="{school_class.join_code}"' in link  # the teacher's link fills the form in
    typed = f" {school_class.join_code[:5].lower()} - {school_class.join_code[5:].lower()} "
    first = post_form(client, "/quiz/classes/join", {"code": typed})
    second = post_form(client, "/quiz/classes/join", {"code": typed})
    assert first.status_code == second.status_code == 302
    assert first.location.endswith(f"/quiz/classes#class-{school_class.id}")
    assert members(db) == 1
    page = client.get("/quiz/classes").get_data(as_text=True)
    assert "You are already in Year 10 Media." in page and "Taught by Tess Teacher" in page


def test_a_wrong_or_disabled_code_is_refused_beside_the_field(client, db, owner, student):
    school_class = make_class(db, owner)
    login(client, student)
    wrong = post_form(client, "/quiz/classes/join", {"code": "nope-nope"})
    html = wrong.get_data(as_text=True)
    assert wrong.status_code == 200 and 'id="code-error">No class is open to join with that code.' in html
    assert 'value="nope-nope"' in html
    school_class.join_enabled = False
    db.session.commit()
    disabled = post_form(client, "/quiz/classes/join", {"code": school_class.join_code})
    assert "No class is open to join with that code." in disabled.get_data(as_text=True)
    assert members(db) == 0


def test_joining_is_rate_limited(client, db, owner, student):
    login(client, student)
    for _ in range(10):
        assert post_form(client, "/quiz/classes/join", {"code": "WRONGCODE1"}).status_code == 200
    blocked = post_form(client, "/quiz/classes/join", {"code": make_class(db, owner).join_code})
    assert blocked.status_code == 429
    assert "tried too many class codes" in blocked.get_data(as_text=True)
    assert members(db) == 0


# ── My classes and taking an assignment ──────────────────────────────────────────────────────────────────


def test_my_classes_shows_each_assignments_status(client, db, owner, student, question_set):
    school_class = make_class(db, owner, student)
    make_assignment(
        db, school_class, question_set, owner, title="Upcoming one", opens_at=datetime(2099, 5, 1, 8, 0)
    )
    make_assignment(
        db,
        school_class,
        question_set,
        owner,
        title="Open one",
        due_at=datetime(2099, 6, 1, 17, 0),
        attempts_allowed=3,
    )
    make_assignment(
        db, school_class, question_set, owner, title="Missed one", due_at=days(-1), created=days(-9)
    )
    done = make_assignment(db, school_class, question_set, owner, title="Done one")
    login(client, student)
    post_form(client, f"/quiz/assignments/{done.id}/start")
    attempt = attempts(db)[0]
    answer(client, attempt, 1, right_answer(item_at(attempt, 1)))
    answer(client, attempt, 2, wrong_answer(item_at(attempt, 2)))
    page = client.get("/quiz/classes").get_data(as_text=True)
    assert "Opens Fri 1 May 2099, 08:00 UTC" in page
    assert "Due Mon 1 Jun 2099, 17:00 UTC · 3 attempts left" in page
    assert "Past due" in page and "not attempted" in page
    assert "Done" in page and "your best score 50%" in page
    assert (
        page.index("Open one")
        < page.index("Upcoming one")
        < page.index("Done one")
        < page.index("Missed one")
    )


def test_starting_an_assignment_twice_resumes_the_same_attempt(client, db, owner, student, question_set):
    school_class = make_class(db, owner, student)
    assignment = make_assignment(db, school_class, question_set, owner, mode="practice")
    login(client, student)
    assert "Start the assignment" in client.get(f"/quiz/assignments/{assignment.id}").get_data(as_text=True)
    first = post_form(client, f"/quiz/assignments/{assignment.id}/start")
    second = post_form(client, f"/quiz/assignments/{assignment.id}/start")
    [attempt] = attempts(db)
    assert first.location == second.location == f"/quiz/attempts/{attempt.id}"
    assert (
        attempt.assignment_id == assignment.id and attempt.mode == "practice" and attempt.question_count == 2
    )
    assert client.get(first.location).location.endswith(f"/quiz/attempts/{attempt.id}/1")
    assert "Resume where you left off" in client.get(f"/quiz/assignments/{assignment.id}").get_data(
        as_text=True
    )


def test_no_attempt_before_it_opens_or_once_the_attempts_are_used(client, db, owner, student, question_set):
    school_class = make_class(db, owner, student)
    later = make_assignment(db, school_class, question_set, owner, title="Later", opens_at=days(2))
    once = make_assignment(db, school_class, question_set, owner, title="Once")
    login(client, student)
    refused = post_form(client, f"/quiz/assignments/{later.id}/start", follow_redirects=True)
    assert "This assignment opens on" in refused.get_data(as_text=True) and attempts(db) == []
    post_form(client, f"/quiz/assignments/{once.id}/start")
    attempt = attempts(db)[0]
    post_form(client, f"/quiz/attempts/{attempt.id}/finish")
    again = post_form(client, f"/quiz/assignments/{once.id}/start", follow_redirects=True)
    assert "You have used all your attempts at this assignment." in again.get_data(as_text=True)
    assert len(attempts(db)) == 1


def test_after_the_due_date_a_started_attempt_can_be_finished(client, db, owner, student, question_set):
    school_class = make_class(db, owner, student)
    assignment = make_assignment(db, school_class, question_set, owner, due_at=days(1))
    login(client, student)
    post_form(client, f"/quiz/assignments/{assignment.id}/start")
    attempt = attempts(db)[0]
    assignment = db.session.get(Assignment, assignment.id)
    assignment.due_at = days(-1) - timedelta(minutes=1)
    db.session.commit()
    assert answer(client, attempt, 1, right_answer(item_at(attempt, 1))).status_code == 302
    assert answer(client, attempt, 2, right_answer(item_at(attempt, 2))).status_code == 302
    assert attempts(db)[0].finished
    refused = post_form(client, f"/quiz/assignments/{assignment.id}/start", follow_redirects=True)
    assert "no new attempt can be started" in refused.get_data(as_text=True)


def test_outsiders_get_404(client, db, owner, student, other_student, question_set):
    school_class = make_class(db, owner, student)
    assignment = make_assignment(db, school_class, question_set, owner)
    login(client, other_student)
    assert client.get(f"/quiz/assignments/{assignment.id}").status_code == 404
    assert post_form(client, f"/quiz/assignments/{assignment.id}/start").status_code == 404
    logout(client)
    login(client, student)
    assert client.get(f"/quiz/assignments/{assignment.id}").status_code == 200
    school_class = db.session.get(type(school_class), school_class.id)
    db.session.delete(db.session.get(ClassMember, (school_class.id, student.id)))
    db.session.commit()
    assert client.get(f"/quiz/assignments/{assignment.id}").status_code == 404  # removed: no longer theirs
    assert "Year 10 Media" not in client.get("/quiz/classes").get_data(as_text=True)


def test_students_cannot_open_teacher_pages(client, db, owner, student):
    school_class = make_class(db, owner, student)
    login(client, student)
    assert client.get(f"/teach/classes/{school_class.id}").status_code == 403
    assert client.get(f"/teach/classes/{school_class.id}/grades.csv").status_code == 403


# ── Answers shown after the due date ─────────────────────────────────────────────────────────────────────

SECRETS = (MIKADO["explanation"], "Read in the article", "Correct answer", "Not quite", "✓ Correct")


def test_answers_are_withheld_until_the_due_date(client, db, owner, student, question_set):
    school_class = make_class(db, owner, student)
    assignment = make_assignment(
        db, school_class, question_set, owner, mode="practice", due_at=days(2), answers_shown="after_due"
    )
    login(client, student)
    post_form(client, f"/quiz/assignments/{assignment.id}/start")
    attempt = attempts(db)[0]
    first = item_at(attempt, 1)
    response = answer(client, attempt, 1, wrong_answer(first))
    feedback = client.get(response.location).get_data(as_text=True)
    assert "Your answer is recorded." in feedback and first.revision.prompt in feedback
    assert not [words for words in SECRETS if words in feedback]
    answer(client, attempt, 2, right_answer(item_at(attempt, 2)))
    results = client.get(f"/quiz/attempts/{attempt.id}/results").get_data(as_text=True)
    assert "You scored 50%" in results and "shown after the due date" in results
    assert not [words for words in SECRETS if words in results]
    assert "Mikita Mikado" not in results  # the right answer (the student answered another choice)

    progress = client.get("/progress/").get_data(as_text=True)
    assert "50%" in progress and first.revision.prompt not in progress  # no "needs work" entry yet
    mistakes = post_form(client, "/quiz/start", {"source": "mistakes", "length": "5", "mode": "practice"})
    assert mistakes.location.endswith("/quiz/")  # nothing to practise: the mistake is not revealed

    moved = db.session.get(Assignment, assignment.id)
    moved.due_at = days(-1) - timedelta(minutes=1)
    db.session.commit()
    shown = client.get(f"/quiz/attempts/{attempt.id}/results").get_data(as_text=True)
    assert MIKADO["explanation"] in shown and "Read in the article" in shown and "Mikita Mikado" in shown
    assert first.revision.prompt in client.get("/progress/").get_data(as_text=True)


def test_answers_shown_immediately_are_not_held_back(client, db, owner, student, question_set):
    school_class = make_class(db, owner, student)
    assignment = make_assignment(db, school_class, question_set, owner, mode="practice", due_at=days(2))
    login(client, student)
    post_form(client, f"/quiz/assignments/{assignment.id}/start")
    attempt = attempts(db)[0]
    response = answer(client, attempt, 1, wrong_answer(item_at(attempt, 1)))
    feedback = client.get(response.location).get_data(as_text=True)
    assert MIKADO["explanation"] in feedback and "Read in the article" in feedback


def test_a_classes_set_is_in_the_catalogue_of_the_teachers_students(
    client, db, owner, student, other_student
):
    two_question_set(db, owner, title="Shared with my classes", visibility="classes")
    make_class(db, owner, student)
    login(client, student)
    assert "Shared with my classes" in client.get("/quiz/").get_data(as_text=True)
    logout(client)
    login(client, other_student)
    assert "Shared with my classes" not in client.get("/quiz/").get_data(as_text=True)


def test_dates_are_shown_in_utc(client, db, owner, student, question_set):
    school_class = make_class(db, owner, student)
    due = datetime(2099, 1, 2, 23, 30, tzinfo=UTC)
    assignment = make_assignment(db, school_class, question_set, owner, due_at=due)
    login(client, student)
    assert "Fri 2 Jan 2099, 23:30 UTC" in client.get(f"/quiz/assignments/{assignment.id}").get_data(
        as_text=True
    )
