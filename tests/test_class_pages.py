"""Teachers' class pages: creating classes, the join code, students, assignments, the gradebook and its CSV."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from flask import url_for
from sqlalchemy import func, select

from app.models import Assignment, Attempt, ClassMember, SchoolClass
from app.quiz.assignment_attempts import start_or_resume
from tests.class_helpers import days, make_assignment, make_class
from tests.factories import UserFactory
from tests.helpers import login, post_form
from tests.quiz_helpers import answer, item_at, right_answer, wrong_answer
from tests.test_teach_access import MIKADO, make_set, teacher, write_question


@pytest.fixture
def owner_client(client, owner):
    login(client, owner)
    return client


def class_count(db) -> int:
    return db.session.scalar(select(func.count()).select_from(SchoolClass))


def test_the_teacher_desk_links_to_classes(owner_client):
    page = owner_client.get("/teach/").get_data(as_text=True)
    assert 'href="/teach/classes"' in page and ">Classes<" in page


def test_creating_a_class_shows_its_join_code(owner_client, db):
    response = post_form(
        owner_client, "/teach/classes/new", {"name": "Media 10B", "description": "Tuesdays."}
    )
    assert response.status_code == 302
    school_class = db.session.scalar(select(SchoolClass))
    page = owner_client.get(response.location).get_data(as_text=True)
    code = school_class.join_code
    assert f"{code[:5]}-{code[5:]}" in page
    assert f"/quiz/classes/join?code={code}" in page
    assert "Media 10B" in owner_client.get("/teach/classes").get_data(as_text=True)


def test_class_form_errors_keep_what_was_typed_and_a_double_submit_counts_once(owner_client, db):
    empty = post_form(owner_client, "/teach/classes/new", {"name": "  ", "description": "Kept words"})
    html = empty.get_data(as_text=True)
    assert empty.status_code == 200 and "Give the class a name." in html and "Kept words" in html
    assert class_count(db) == 0
    assert post_form(owner_client, "/teach/classes/new", {"name": "Media 10B"}).status_code == 302
    again = post_form(owner_client, "/teach/classes/new", {"name": "Media 10B"})
    assert again.status_code == 200 and "You already have a class called “Media 10B”." in again.get_data(
        as_text=True
    )
    assert class_count(db) == 1


def test_renaming_a_class(owner_client, db, owner):
    school_class = make_class(db, owner)
    make_class(db, owner, name="Other class")
    url = f"/teach/classes/{school_class.id}/edit"
    assert "Year 10 Media" in owner_client.get(url).get_data(as_text=True)
    taken = post_form(owner_client, url, {"name": "other CLASS"})
    assert "already have a class called" in taken.get_data(as_text=True)
    assert post_form(owner_client, url, {"name": "Year 11 Media", "description": ""}).status_code == 302
    db.session.expire_all()
    assert db.session.get(SchoolClass, school_class.id).name == "Year 11 Media"


def test_a_new_code_and_turning_joining_off(owner_client, db, owner):
    school_class = make_class(db, owner)
    old = school_class.join_code
    url = f"/teach/classes/{school_class.id}"
    assert post_form(owner_client, url + "/code").status_code == 302
    db.session.expire_all()
    assert db.session.get(SchoolClass, school_class.id).join_code != old
    post_form(owner_client, url + "/joining", {"enabled": "off"})
    db.session.expire_all()
    assert not db.session.get(SchoolClass, school_class.id).join_enabled
    assert "Joining is turned off" in owner_client.get(url).get_data(as_text=True)
    assert post_form(owner_client, url + "/joining", {"enabled": "maybe"}).status_code == 400
    post_form(owner_client, url + "/joining", {"enabled": "on"})
    db.session.expire_all()
    assert db.session.get(SchoolClass, school_class.id).join_enabled


def test_removing_a_student_keeps_their_attempts(owner_client, db, owner, student, question_set):
    school_class = make_class(db, owner, student)
    assignment = make_assignment(db, school_class, question_set, owner)
    attempt, _ = start_or_resume(db.session, assignment, student.id, datetime.now(UTC))
    db.session.commit()
    url = f"/teach/classes/{school_class.id}/students/{student.id}/remove"
    assert student.display_name in owner_client.get(f"/teach/classes/{school_class.id}").get_data(
        as_text=True
    )
    assert post_form(owner_client, url).status_code == 302
    assert db.session.get(ClassMember, (school_class.id, student.id)) is None
    assert db.session.get(Attempt, attempt.id).assignment_id == assignment.id
    assert post_form(owner_client, url).status_code == 404


def assignment_form(question_set, **changes) -> dict:
    return {
        "set_id": str(question_set.id),
        "title": "Week 1: who left",
        "mode": "test",
        "opens_at": "",
        "due_at": "",
        "attempts_allowed": "1",
        "answers_shown": "immediately",
    } | changes


def test_assigning_a_set_reads_the_dates_as_utc(owner_client, db, owner, question_set):
    school_class = make_class(db, owner)
    form = owner_client.get(f"/teach/classes/{school_class.id}/assignments/new").get_data(as_text=True)
    assert "Opens (UTC)" in form and "Due (UTC)" in form and 'type="datetime-local"' in form
    assert question_set.title in form
    data = assignment_form(
        question_set, opens_at="2030-01-02T09:30", due_at="2030-01-09T17:00", attempts_allowed=""
    )
    response = post_form(owner_client, f"/teach/classes/{school_class.id}/assignments/new", data)
    assert response.status_code == 302
    assignment = db.session.scalar(select(Assignment))
    opens = assignment.opens_at.replace(tzinfo=assignment.opens_at.tzinfo or UTC)
    assert opens == datetime(2030, 1, 2, 9, 30, tzinfo=UTC)
    assert assignment.attempts_allowed is None and assignment.title == "Week 1: who left"
    page = owner_client.get(f"/teach/classes/{school_class.id}").get_data(as_text=True)
    assert "Week 1: who left" in page and "Upcoming" in page and "Wed 2 Jan 2030, 09:30 UTC" in page


def test_assignment_errors_appear_beside_the_fields_with_what_was_typed(
    owner_client, db, owner, question_set
):
    school_class = make_class(db, owner)
    url = f"/teach/classes/{school_class.id}/assignments/new"
    data = assignment_form(
        question_set,
        opens_at="2030-01-09T09:00",
        due_at="2030-01-02T09:00",
        attempts_allowed="0",
        answers_shown="after_due",
    )
    response = post_form(owner_client, url, data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="due_at-error">The due date must come after the opening date.' in html
    assert "Allow from 1 to 99 attempts" in html
    assert 'value="Week 1: who left"' in html and 'value="2030-01-09T09:00"' in html
    assert db.session.scalar(select(func.count()).select_from(Assignment)) == 0
    assert post_form(owner_client, url, assignment_form(question_set, due_at="soon")).status_code == 200
    otto = teacher("otto@example.org", "Otto Other")
    other_set = make_set(
        db, otto, [write_question(db, otto, MIKADO | {"id": "ottos-mikado"})], title="Otto's"
    )
    hidden = post_form(owner_client, url, assignment_form(other_set))
    assert "Choose one of the question sets you can see." in hidden.get_data(as_text=True)


def test_editing_and_deleting_an_assignment(owner_client, db, owner, student, question_set):
    school_class = make_class(db, owner, student)
    assignment = make_assignment(db, school_class, question_set, owner, title="Week 1")
    attempt, _ = start_or_resume(db.session, assignment, student.id, datetime.now(UTC))
    db.session.commit()
    url = f"/teach/assignments/{assignment.id}"
    edit = owner_client.get(url + "/edit").get_data(as_text=True)
    assert 'value="Week 1"' in edit
    changed = post_form(
        owner_client, url + "/edit", assignment_form(question_set, title="Week one", mode="practice")
    )
    assert changed.status_code == 302
    db.session.expire_all()
    assert db.session.get(Assignment, assignment.id).mode == "practice"
    confirm = owner_client.get(url + "/delete").get_data(as_text=True)
    assert "Delete “Week one”?" in confirm and "1 attempt made at it" in confirm
    assert post_form(owner_client, url + "/delete").status_code == 302
    db.session.expire_all()
    assert db.session.get(Assignment, assignment.id) is None
    kept = db.session.get(Attempt, attempt.id)
    assert kept is not None and kept.assignment_id is None


def test_deleting_a_class_asks_first(owner_client, db, owner, student, question_set):
    school_class = make_class(db, owner, student)
    make_assignment(db, school_class, question_set, owner)
    url = f"/teach/classes/{school_class.id}/delete"
    confirm = owner_client.get(url).get_data(as_text=True)
    assert "1 student will no longer be in the class" in confirm and "Its 1 assignment" in confirm
    assert class_count(db) == 1
    assert post_form(owner_client, url).status_code == 302
    assert class_count(db) == 0


def test_another_teacher_sees_404_and_an_admin_sees_every_class(client, db, owner, question_set):
    school_class = make_class(db, owner)
    login(client, teacher("otto@example.org", "Otto Other"))
    assert client.get(f"/teach/classes/{school_class.id}").status_code == 404
    assert "Year 10 Media" not in client.get("/teach/classes").get_data(as_text=True)
    login(client, teacher("ada@example.org", "Ada Admin", role="admin"))
    assert "Taught by Tess Teacher" in client.get("/teach/classes").get_data(as_text=True)
    assert client.get(f"/teach/classes/{school_class.id}").status_code == 200


def finish(db, attempt, score: float, when: datetime) -> None:
    attempt.score, attempt.finished_at = score, when
    attempt.correct_count = round(score * attempt.question_count)
    db.session.commit()


def test_the_gradebook_and_its_csv(owner_client, db, owner, question_set):
    keen = UserFactory(display_name="Keen, Kim", email="kim@example.org")
    absent = UserFactory(display_name="Absent Abe", email="abe@example.org")
    sly = UserFactory(display_name="=HYPERLINK(1)", email="sly@example.org")
    school_class = make_class(db, owner, keen, absent, sly, name="Media 10B / Tuesday")
    week1 = make_assignment(
        db, school_class, question_set, owner, title='Week 1, "who left"', attempts_allowed=None
    )
    week2 = make_assignment(db, school_class, question_set, owner, title="Week 2")
    now = datetime.now(UTC)
    first, _ = start_or_resume(db.session, week1, keen.id, now)
    finish(db, first, 1.0, days(-1))
    second, _ = start_or_resume(db.session, week1, keen.id, now)
    finish(db, second, 0.5, now)
    third, _ = start_or_resume(db.session, week1, sly.id, now)
    finish(db, third, 2 / 3, now)
    start_or_resume(db.session, week2, sly.id, now)  # started, not finished: no grade yet
    db.session.commit()

    response = owner_client.get(f"/teach/classes/{school_class.id}/grades.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert (
        response.headers["Content-Disposition"]
        == 'attachment; filename="sourced-media-10b-tuesday-grades.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows == [
        ["Student", "Email", 'Week 1, "who left"', "Week 2"],
        ["'=HYPERLINK(1)", "sly@example.org", "66.7", ""],
        ["Absent Abe", "abe@example.org", "", ""],
        ["Keen, Kim", "kim@example.org", "100", ""],
    ]
    assert '"Week 1, ""who left"""' in response.get_data(as_text=True)  # quoted and escaped

    grades = owner_client.get(f"/teach/classes/{school_class.id}/grades").get_data(as_text=True)
    assert "latest 50%" in grades and "2 attempts" in grades and "In progress" in grades
    page = owner_client.get(f"/teach/classes/{school_class.id}").get_data(as_text=True)
    assert "2 of 3" in page  # two students finished week 1
    assert "83%" in page  # their average best: (100 + 66.7) / 2


def test_the_assignment_page_shows_each_questions_share_right(owner_client, app, db, owner, question_set):
    keen, slow = UserFactory(display_name="Kim"), UserFactory(display_name="Sam")
    school_class = make_class(db, owner, keen, slow)
    assignment = make_assignment(db, school_class, question_set, owner, mode="test")
    for student, second_right in ((keen, True), (slow, False)):
        login(owner_client, student)
        post_form(owner_client, f"/quiz/assignments/{assignment.id}/start")
        attempt = db.session.scalar(select(Attempt).where(Attempt.user_id == student.id))
        answer(owner_client, attempt, 1, right_answer(item_at(attempt, 1)))
        second = item_at(attempt, 2)
        answer(owner_client, attempt, 2, right_answer(second) if second_right else wrong_answer(second))
    login(owner_client, owner)
    page = owner_client.get(f"/teach/assignments/{assignment.id}").get_data(as_text=True)
    assert "2 of 2 finished" in page
    mikado, numeric = page.index("who founded the software developer"), page.index("Hi-Tech Park firms")
    assert mikado < numeric  # in the set's order
    assert "<strong>100%</strong>" in page[mikado:numeric] and "<strong>50%</strong>" in page[numeric:]
    if "teach.item_analysis" not in app.view_functions:
        assert "Item analysis" not in page


def test_the_assignment_page_links_to_item_analysis_when_it_exists(client, app, db, owner, question_set):
    if "teach.item_analysis" not in app.view_functions:
        app.add_url_rule(
            "/teach/sets/<int:set_id>/analysis", endpoint="teach.item_analysis", view_func=lambda set_id: ""
        )
    assignment = make_assignment(db, make_class(db, owner), question_set, owner)
    login(client, owner)
    page = client.get(f"/teach/assignments/{assignment.id}").get_data(as_text=True)
    assert "Item analysis" in page
    link = url_for("teach.item_analysis", set_id=question_set.id, assignment_id=assignment.id)
    assert f'href="{link}"' in page
