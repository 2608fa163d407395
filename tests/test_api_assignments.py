"""API and class assignments: answers an assignment shows only after its due date stay hidden through the API
too — in the attempt's responses, in "mistakes" quizzes and in progress mastery."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.models import Assignment, Attempt
from tests.api_support import api_get, api_post, issue_token
from tests.class_helpers import days, make_assignment, make_class, two_question_set
from tests.helpers import login, logout, post_form
from tests.quiz_helpers import answer, item_at, wrong_answer
from tests.test_teach_access import teacher


def test_answers_withheld_until_the_due_date_are_withheld_by_the_api(client, db, seed_articles, student):
    owner = teacher()
    school_class = make_class(db, owner, student)
    assignment = make_assignment(
        db,
        school_class,
        two_question_set(db, owner),
        owner,
        mode="practice",
        due_at=days(2),
        answers_shown="after_due",
    )
    login(client, student)
    post_form(client, f"/quiz/assignments/{assignment.id}/start")
    attempt = db.session.scalar(select(Attempt).where(Attempt.user_id == student.id))
    answer(client, attempt, 1, wrong_answer(item_at(attempt, 1)))
    logout(client)
    token = issue_token(student)

    body = api_get(client, token, f"/attempts/{attempt.id}").get_json()
    assert body["results_visible"] is False
    mistakes = api_post(client, token, "/attempts", {"source_kind": "mistakes"})
    assert mistakes.status_code == 422  # the wrong answer is not revealed as a mistake yet
    assert api_get(client, token, "/progress").get_json()["needs_work"] == []

    moved = db.session.get(Assignment, assignment.id)
    moved.due_at = days(-1) - timedelta(minutes=1)
    db.session.commit()
    assert api_get(client, token, f"/attempts/{attempt.id}").get_json()["results_visible"] is True
    assert api_post(client, token, "/attempts", {"source_kind": "mistakes"}).status_code == 201
    assert api_get(client, token, "/progress").get_json()["needs_work"] != []
