"""API quiz attempts: start, read, answer exactly once, finish, results with evidence; practice shows each
result at once, a test only at the end; another user's attempt does not exist; progress numbers."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.models import Attempt, AttemptItem, Response
from tests.api_support import api_get, api_post, error_of, issue_token
from tests.quiz_helpers import item_at
from tests.review_support import MT_SLUG


@pytest.fixture
def token(db, student):
    return issue_token(student)


def right_answer(item: AttemptItem):
    """A JSON response answering `item` correctly."""
    content = item.revision.content
    if item.revision.type == "true_false":
        return bool(content.answer)
    if item.revision.type == "cloze":
        return [content.answer] if isinstance(content.answer, str) else list(content.answer)
    if item.revision.type == "numeric":
        return f"{content.answer:g}"
    return content.answer


def wrong_answer(item: AttemptItem):
    content = item.revision.content
    if item.revision.type == "true_false":
        return not content.answer
    if item.revision.type in ("multiple_choice", "who_said") and item.choice_order:
        return next(c for c in item.choice_order if c != content.answer)
    if item.revision.type == "cloze":
        return ["zzzz"] * (1 if isinstance(content.answer, str) else len(content.answer))
    if item.revision.type == "numeric":
        return str(content.answer * 3 + 7)
    return "Definitely not this"


def start(client, token, **body):
    response = api_post(client, token, "/attempts", {"source_kind": "article", "source_key": MT_SLUG, **body})
    assert response.status_code == 201, response.get_json()
    return response


def test_starting_returns_the_attempt_with_its_first_question(client, db, seeded, student, token):
    response = start(client, token, length=5, mode="test")
    body = response.get_json()
    assert response.headers["Location"] == f"http://localhost/api/v1/attempts/{body['id']}"
    attempt = db.session.get(Attempt, body["id"])
    assert attempt.user_id == student.id and attempt.mode == "test" and attempt.question_count == 5
    assert body["next_position"] == 1 and body["next_question"] == body["questions"][0]
    assert [q["position"] for q in body["questions"]] == [1, 2, 3, 4, 5]
    first = item_at(attempt, 1)
    assert body["next_question"]["choices"] == list(
        first.choice_order if first.revision.type != "true_false" else ["True", "False"]
    )
    assert body["finished"] is False and body["score"] is None and body["results_visible"] is False


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"source_kind": "article", "source_key": "no-such-article"}, "body.source_key"),
        ({"source_kind": "set", "source_key": "nope"}, "body.source_key"),
        ({"source_kind": "tag", "source_key": "quotes", "topic": "numbers"}, "body.source_key"),
        ({"source_kind": "all", "mode": "exam"}, "body.mode"),
        ({"source_kind": "all", "length": 201}, "body.length"),
        ({"source_key": MT_SLUG}, "body.source_kind"),
    ],
)
def test_a_bad_start_is_422_naming_the_field(client, seeded, token, body, field):
    response = api_post(client, token, "/attempts", body)
    assert response.status_code == 422
    assert field in error_of(response)["details"]


def test_mistakes_without_any_is_a_clear_422(client, seeded, token):
    response = api_post(client, token, "/attempts", {"source_kind": "mistakes"})
    assert response.status_code == 422
    assert error_of(response)["code"] == "no_questions"


def test_practice_reveals_each_result_with_evidence_at_once(client, db, seeded, token):
    attempt_id = start(client, token, length=3, mode="practice").get_json()["id"]
    attempt = db.session.get(Attempt, attempt_id)
    item = item_at(attempt, 1)
    response = api_post(
        client, token, f"/attempts/{attempt_id}/answers", {"position": 1, "response": right_answer(item)}
    )
    assert response.status_code == 201
    body = response.get_json()
    result = body["answer"]["result"]
    assert result["correct"] is True and result["score"] == 1.0
    assert result["explanation"] == item.revision.content.explanation
    assert result["evidence"] and "?hl=" in result["evidence"][0]["reader_url"]
    assert body["attempt"]["answered_count"] == 1
    assert body["next_question"]["position"] == 2


def test_a_test_hides_results_until_it_is_finished(client, db, seeded, token):
    attempt_id = start(client, token, length=2, mode="test").get_json()["id"]
    attempt = db.session.get(Attempt, attempt_id)
    first = api_post(
        client,
        token,
        f"/attempts/{attempt_id}/answers",
        {"position": 1, "response": wrong_answer(item_at(attempt, 1))},
    ).get_json()
    assert first["answer"]["result"] is None
    shown = api_get(client, token, f"/attempts/{attempt_id}").get_json()
    assert shown["results_visible"] is False
    assert shown["questions"][0]["answer"]["result"] is None
    question = api_get(client, token, f"/questions/{shown['questions'][1]['question_id']}").get_json()
    assert question["answer"] is None  # the bank does not give the test's answers away either
    last = api_post(
        client,
        token,
        f"/attempts/{attempt_id}/answers",
        {"position": 2, "response": right_answer(item_at(attempt, 2))},
    ).get_json()
    assert last["attempt"]["finished"] is True and last["next_question"] is None
    assert last["answer"]["result"]["correct"] is True  # the last answer finished the test
    results = api_get(client, token, f"/attempts/{attempt_id}").get_json()
    assert results["results_visible"] is True and results["correct_count"] == 1 and results["score"] == 0.5
    assert [q["answer"]["result"]["correct"] for q in results["questions"]] == [False, True]
    assert results["questions"][0]["answer"]["result"]["expected"]


def test_an_identical_answer_sent_twice_is_stored_once(client, db, seeded, token):
    attempt_id = start(client, token, length=3).get_json()["id"]
    item = item_at(db.session.get(Attempt, attempt_id), 1)
    body = {"position": 1, "response": right_answer(item), "time_taken_ms": 4000}
    first = api_post(client, token, f"/attempts/{attempt_id}/answers", body)
    again = api_post(client, token, f"/attempts/{attempt_id}/answers", body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.get_json()["answer"] == again.get_json()["answer"]
    count = db.session.scalar(select(func.count(Response.id)).where(Response.attempt_id == attempt_id))
    assert count == 1


def test_a_different_answer_to_an_answered_question_is_409(client, db, seeded, token):
    attempt_id = start(client, token, length=3).get_json()["id"]
    item = item_at(db.session.get(Attempt, attempt_id), 1)
    api_post(
        client, token, f"/attempts/{attempt_id}/answers", {"position": 1, "response": right_answer(item)}
    )
    response = api_post(
        client, token, f"/attempts/{attempt_id}/answers", {"position": 1, "response": wrong_answer(item)}
    )
    assert response.status_code == 409
    assert error_of(response)["code"] == "already_answered"
    stored = db.session.scalar(select(Response).where(Response.attempt_id == attempt_id))
    assert stored.correct is True


@pytest.mark.parametrize(
    ("body", "field"),
    [({"position": 99, "response": "x"}, "body.position"), ({"position": 1}, "body.response")],
)
def test_a_bad_answer_is_422(client, seeded, token, body, field):
    attempt_id = start(client, token, length=3).get_json()["id"]
    response = api_post(client, token, f"/attempts/{attempt_id}/answers", body)
    assert response.status_code == 422
    assert field in error_of(response)["details"]


def test_a_choice_that_is_not_offered_is_422_and_not_stored(client, db, seeded, token):
    attempt_id = start(client, token, length=20, source_kind="tag", source_key="quotes").get_json()["id"]
    attempt = db.session.get(Attempt, attempt_id)
    item = next(i for i in attempt.items if i.choice_order)
    response = api_post(
        client,
        token,
        f"/attempts/{attempt_id}/answers",
        {"position": item.position, "response": "Nobody at all"},
    )
    assert response.status_code == 422
    assert error_of(response)["details"]["body.response"].startswith("Choose one of the answers")
    assert db.session.scalar(select(func.count(Response.id))) == 0


def test_finishing_early_counts_the_rest_wrong_and_reveals_results(client, db, seeded, token):
    attempt_id = start(client, token, length=3, mode="test").get_json()["id"]
    item = item_at(db.session.get(Attempt, attempt_id), 1)
    api_post(
        client, token, f"/attempts/{attempt_id}/answers", {"position": 1, "response": right_answer(item)}
    )
    finished = api_post(client, token, f"/attempts/{attempt_id}/finish")
    assert finished.status_code == 200
    body = finished.get_json()
    assert body["finished"] is True and body["correct_count"] == 1 and body["next_position"] is None
    assert body["questions"][0]["answer"]["result"]["correct"] is True
    assert body["questions"][1]["answer"] is None
    assert (
        api_post(client, token, f"/attempts/{attempt_id}/finish").get_json()["finished_at"]
        == body["finished_at"]
    )
    late = api_post(client, token, f"/attempts/{attempt_id}/answers", {"position": 2, "response": "x"})
    assert late.status_code in (409, 422)


def test_attempts_are_listed_newest_first(client, seeded, token):
    ids = [start(client, token, length=1).get_json()["id"] for _ in range(3)]
    body = api_get(client, token, "/attempts?per_page=2").get_json()
    assert body["total"] == 3 and [a["id"] for a in body["items"]] == ids[::-1][:2]
    assert body["items"][0]["answered_count"] == 0
    past_the_end = api_get(client, token, "/attempts?page=5").get_json()
    assert past_the_end["items"] == [] and past_the_end["total"] == 3 and past_the_end["next"] is None


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/attempts/{id}"),
        ("POST", "/attempts/{id}/answers"),
        ("POST", "/attempts/{id}/finish"),
    ],
)
def test_another_users_attempt_is_404(client, db, seeded, token, other_student, method, path):
    attempt_id = start(client, token, length=2).get_json()["id"]
    intruder = issue_token(other_student)
    url = path.format(id=attempt_id)
    if method == "GET":
        response = api_get(client, intruder, url)
    else:
        response = api_post(client, intruder, url, {"position": 1, "response": "x"})
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"
    assert db.session.get(Attempt, attempt_id).finished_at is None
    assert api_get(client, intruder, "/attempts").get_json()["total"] == 0


def test_progress_has_the_numbers_of_the_progress_page(client, db, seeded, token):
    empty = api_get(client, token, "/progress").get_json()
    assert empty["activity"]["answered"] == 0 and empty["scores"]["finished_total"] == 0
    attempt_id = start(client, token, length=2, mode="test").get_json()["id"]
    attempt = db.session.get(Attempt, attempt_id)
    api_post(
        client,
        token,
        f"/attempts/{attempt_id}/answers",
        {"position": 1, "response": right_answer(item_at(attempt, 1))},
    )
    api_post(
        client,
        token,
        f"/attempts/{attempt_id}/answers",
        {"position": 2, "response": wrong_answer(item_at(attempt, 2))},
    )
    body = api_get(client, token, "/progress").get_json()
    assert body["activity"] | {"last_active": None} == {
        "answered": 2,
        "correct": 1,
        "accuracy": 50,
        "current_streak": 1,
        "best_streak": 1,
        "active_days": 1,
        "last_active": None,
    }
    assert body["scores"]["finished_total"] == 1 and body["scores"]["recent"][0]["score"] == 0.5
    assert body["mastery"] == {"mastered": 0, "learning": 1, "needs_work": 1, "total": 2}
    [mistake] = body["needs_work"]
    assert mistake["question_id"] == item_at(attempt, 2).revision.question_id
    assert "?hl=" in mistake["reader_url"]
    assert body["can_practise_mistakes"] is True
    assert body["accuracy"]["articles"][0]["key"] == MT_SLUG
    assert api_post(client, token, "/attempts", {"source_kind": "mistakes"}).status_code == 201
