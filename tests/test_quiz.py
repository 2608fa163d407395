"""Taking quizzes: start, answer once, practice feedback and test results with sources, ownership."""

import random
import re

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.models import Attempt, Response
from app.quiz.selection import resolve_source
from app.quiz.service import start_attempt
from tests.helpers import login, post_form
from tests.quiz_helpers import answer, item_at, right_answer, start_quiz, wrong_answer

MT = "everyone-who-can-leave-will-leave"


def response_count(db, attempt) -> int:
    return db.session.scalar(select(func.count(Response.id)).where(Response.attempt_id == attempt.id))


def test_catalogue_lists_articles_topics_and_builder(client, seeded):
    html = client.get("/quiz/").get_data(as_text=True)
    assert "Who said what" in html and "Numbers" in html and "Companies" in html
    assert "Everyone Who Can Leave, Will Leave" in html
    assert 'name="source"' in html and 'value="practice"' in html and 'value="test"' in html
    assert "My recent mistakes" not in html  # visitors have no history to draw mistakes from


def test_visitor_takes_a_practice_quiz_and_sees_the_source(client, seeded, db):
    attempt = start_quiz(client, source="tag:quotes", length="5")
    assert attempt.user_id is None and attempt.visitor_token
    page = client.get(f"/quiz/attempts/{attempt.id}/1").get_data(as_text=True)
    assert "Question 1 of 5" in page and 'id="answer-form"' in page
    item = item_at(attempt, 1)
    response = answer(client, attempt, 1, wrong_answer(item))
    assert response.headers["Location"].endswith(f"/quiz/attempts/{attempt.id}/1/feedback")
    feedback = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Not quite" in feedback and "Correct answer" in feedback
    span = item.revision.evidence[0].span
    assert f"/articles/{span.article.slug}?hl={span.start}-{span.end}#hl" in feedback
    assert "<mark>" in feedback and "Read in the article" in feedback
    assert "Next question" in feedback


def test_correct_answer_in_practice(client, seeded, db):
    attempt = start_quiz(client)
    item = item_at(attempt, 1)
    answer(client, attempt, 1, right_answer(item))
    feedback = client.get(f"/quiz/attempts/{attempt.id}/1/feedback").get_data(as_text=True)
    assert "✓ Correct" in feedback
    assert db.session.scalar(select(Response.correct).where(Response.attempt_id == attempt.id))


def test_double_submit_counts_once(client, seeded, db):
    attempt = start_quiz(client)
    item = item_at(attempt, 1)
    first = answer(client, attempt, 1, wrong_answer(item))
    again = answer(client, attempt, 1, right_answer(item))
    assert first.status_code == again.status_code == 302
    assert response_count(db, attempt) == 1
    stored = db.session.scalar(select(Response).where(Response.attempt_id == attempt.id))
    assert stored.correct is False  # the replay did not overwrite the first answer


def test_database_refuses_a_second_response_for_the_same_question(client, seeded, db):
    attempt = start_quiz(client)
    item = item_at(attempt, 1)
    answer(client, attempt, 1, right_answer(item))
    db.session.add(
        Response(
            attempt_id=attempt.id,
            position=1,
            revision_id=item.revision_id,
            response="x",
            correct=True,
            score=1,
        )
    )
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_empty_answer_re_renders_with_error_and_records_nothing(client, seeded, db):
    attempt = start_quiz(client, source="tag:numbers")
    response = answer(client, attempt, 1, {"answer": ""})
    assert response.status_code == 200
    assert 'role="alert"' in response.get_data(as_text=True)
    assert response_count(db, attempt) == 0


def test_test_mode_shows_everything_at_the_end(client, seeded, db):
    attempt = start_quiz(client, length="5", mode="test")
    for position in range(1, 6):
        item = item_at(attempt, position)
        data = right_answer(item) if position % 2 else wrong_answer(item)
        response = answer(client, attempt, position, data)
        assert "feedback" not in response.headers["Location"]
    assert response.headers["Location"].endswith(f"/quiz/attempts/{attempt.id}/results")
    results = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "You scored 60%" in results and "3 of 5 correct" in results
    assert results.count("Read in the article") >= 5
    db.session.refresh(attempt)
    assert attempt.finished and attempt.score == pytest.approx(0.6)


def test_answered_question_cannot_be_reanswered_in_test_mode(client, seeded, db):
    attempt = start_quiz(client, mode="test")
    answer(client, attempt, 1, right_answer(item_at(attempt, 1)))
    revisit = client.get(f"/quiz/attempts/{attempt.id}/1")
    assert revisit.headers["Location"].endswith(f"/quiz/attempts/{attempt.id}/2")


def test_resume_goes_to_the_next_unanswered_question(client, seeded, db):
    attempt = start_quiz(client)
    answer(client, attempt, 1, right_answer(item_at(attempt, 1)))
    assert (
        client.get(f"/quiz/attempts/{attempt.id}")
        .headers["Location"]
        .endswith(f"/quiz/attempts/{attempt.id}/2")
    )
    assert "Pick up where you left off" in client.get("/quiz/").get_data(as_text=True)


def test_finish_early_counts_unanswered_as_wrong(client, seeded, db):
    attempt = start_quiz(client, mode="test")
    answer(client, attempt, 1, right_answer(item_at(attempt, 1)))
    response = post_form(client, f"/quiz/attempts/{attempt.id}/finish")
    results = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "You scored 20%" in results and "4 not answered" in results


def test_choices_are_shuffled_per_attempt(db, seeded):
    source, ids = resolve_source(db.session, "tag", "quotes", Attempt.id.is_(None))
    orders = set()
    for seed in range(6):
        attempt = start_attempt(
            db.session,
            source,
            ids,
            mode="practice",
            length=None,
            owner={"visitor_token": "t"},
            rng=random.Random(seed),
        )
        first_mc = next(i for i in attempt.items if i.revision.type in ("who_said", "multiple_choice"))
        orders.add((first_mc.revision_id, tuple(first_mc.choice_order)))
    assert len(orders) > 1
    for _, order in orders:
        assert len(order) == len(set(order))


def test_start_rejects_unknown_sources(client, seeded):
    response = post_form(client, "/quiz/start", {"source": "article:nope", "length": "5", "mode": "practice"})
    assert response.status_code == 302  # back to the catalogue with a message, nothing started
    assert "Not a valid choice" in client.get("/quiz/").get_data(as_text=True)


def test_mistakes_quiz_draws_what_was_answered_wrong(client, student, seeded, db):
    login(client, student)
    attempt = start_quiz(client, length="5", mode="test")
    wrong_items = []
    for position in range(1, 6):
        item = item_at(attempt, position)
        if position <= 2:
            wrong_items.append(item.revision.question_id)
            answer(client, attempt, position, wrong_answer(item))
        else:
            answer(client, attempt, position, right_answer(item))
    mistakes = start_quiz(client, source="mistakes", length="10")
    drawn = {i.revision.question_id for i in mistakes.items}
    assert drawn == set(wrong_items)


def test_xss_in_a_response_is_inert(client, seeded, db):
    attempt = start_quiz(client, source="tag:numbers", mode="test", length="all")
    position = next(i.position for i in attempt.items if i.revision.type in ("numeric", "short_answer"))
    answer(client, attempt, position, {"answer": "<script>alert(1)</script>"})
    post_form(client, f"/quiz/attempts/{attempt.id}/finish")
    html = client.get(f"/quiz/attempts/{attempt.id}/results").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


ATTEMPT_ROUTES = [
    ("get", "/quiz/attempts/{id}"),
    ("get", "/quiz/attempts/{id}/1"),
    ("post", "/quiz/attempts/{id}/1"),
    ("get", "/quiz/attempts/{id}/1/feedback"),
    ("post", "/quiz/attempts/{id}/finish"),
    ("get", "/quiz/attempts/{id}/results"),
]


@pytest.mark.parametrize(("method", "route"), ATTEMPT_ROUTES)
def test_another_users_attempt_is_404(app, client, seeded, db, student, other_student, method, route):
    login(client, other_student)
    theirs = start_quiz(client)
    login(client, student)
    url = route.format(id=theirs.id)
    response = post_form(client, url, {"answer": "x"}) if method == "post" else client.get(url)
    assert response.status_code == 404


@pytest.mark.parametrize(("method", "route"), ATTEMPT_ROUTES)
def test_a_visitors_attempt_is_404_for_another_visitor(app, seeded, db, method, route):
    owner, stranger = app.test_client(), app.test_client()
    theirs = start_quiz(owner)
    url = route.format(id=theirs.id)
    response = post_form(stranger, url, {"answer": "x"}) if method == "post" else stranger.get(url)
    assert response.status_code == 404


def test_question_page_has_keyboard_hints_and_labels(client, seeded, db):
    attempt = start_quiz(client, source="tag:quotes", length="all")
    position = next(i.position for i in attempt.items if i.revision.type in ("who_said", "multiple_choice"))
    html = client.get(f"/quiz/attempts/{attempt.id}/{position}").get_data(as_text=True)
    assert re.search(r'<input[^>]+data-key="1"', html)
    assert "press 1–" in html and "quiz.js" in html
    assert "<legend" in html and "<progress" in html


def test_article_narrowed_to_a_topic(client, seeded, db):
    response = post_form(
        client,
        "/quiz/start",
        {"source": f"article:{MT}", "topic": "quotes", "length": "all", "mode": "practice"},
    )
    attempt = db.session.get(Attempt, int(response.headers["Location"].split("/")[-2]))
    assert attempt.title.startswith("Who said what · ‘Everyone Who Can Leave")
    assert attempt.question_count >= 15
    for item in attempt.items:
        assert "quotes" in item.revision.tag_names
        assert {e.span.article.slug for e in item.revision.evidence} == {MT}


def test_question_set_quiz_keeps_the_set_order(client, seeded, db):
    from app.models import QuestionSet

    html = client.get("/quiz/").get_data(as_text=True)
    assert "Timeline of the exodus" in html
    attempt = start_quiz(client, source="set:timeline-of-the-exodus", length="all")
    question_set = db.session.scalar(select(QuestionSet).filter_by(key="timeline-of-the-exodus"))
    expected = [i.question.key for i in question_set.items]
    assert [item.revision.question.key for item in attempt.items] == expected
    assert attempt.title == "Timeline of the exodus"
