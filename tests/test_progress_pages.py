"""GET /progress/: whose data shows, the empty state, the chart, pagination, escaping, the mistakes button."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app.models import Attempt, Question, QuestionRevision, Response, RevisionEvidence, RevisionTag
from app.quiz.ownership import VISITOR_KEY
from tests.factories import ArticleFactory, EvidenceSpanFactory
from tests.helpers import login

XSS = "<script>alert(1)</script>"


def make_question(db, key: str, span, tags=("numbers",), prompt: str | None = None) -> QuestionRevision:
    question = Question(key=key, status="approved")
    revision = QuestionRevision(
        question=question,
        number=1,
        type="short_answer",
        prompt=prompt or f"Question {key}?",
        answer="x",
        details={},
        explanation="Because.",
        content_hash=key.ljust(64, "0"),
        tags=[RevisionTag(tag=tag) for tag in tags],
        evidence=[RevisionEvidence(position=1, span=span)],
    )
    db.session.add(question)
    db.session.flush()
    question.current_revision = revision
    db.session.commit()
    return revision


def make_attempt(db, owner: dict, answers, *, title="A quiz", finished=True, when=None, response="my answer"):
    """`answers`: (revision, correct) pairs."""
    when = when or datetime.now(UTC)
    attempt = Attempt(
        source_kind="all",
        title=title,
        mode="practice",
        question_count=len(answers) + (0 if finished else 1),
        started_at=when,
        **owner,
    )
    db.session.add(attempt)
    db.session.flush()
    for position, (revision, correct) in enumerate(answers, 1):
        db.session.add(
            Response(
                attempt_id=attempt.id,
                position=position,
                revision_id=revision.id,
                response=response,
                correct=correct,
                score=1.0 if correct else 0.0,
                answered_at=when + timedelta(seconds=position),
            )
        )
    if finished:
        attempt.correct_count = sum(1 for _, correct in answers if correct)
        attempt.score = attempt.correct_count / attempt.question_count
        attempt.finished_at = when + timedelta(minutes=5)
    db.session.commit()
    return attempt


@pytest.fixture
def questions(db):
    article = ArticleFactory(title="The Sample Story")
    span = EvidenceSpanFactory(article=article, quote="Quotes are evidence")
    return [
        make_question(db, f"q{n}", span, prompt=f"Which sentence is question {n} about?") for n in range(3)
    ]


def page_text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def test_empty_state_points_to_the_quizzes(client, student):
    login(client, student)
    html = page_text(client.get("/progress/"))
    assert "No quizzes yet" in html
    assert 'href="/quiz/"' in html
    assert "<svg" not in html.split("<main", 1)[1]
    assert "Practise my mistakes" not in html


def test_signed_in_user_sees_their_data_and_not_anyone_elses(db, client, student, other_student, questions):
    q0, q1, _ = questions
    mine = make_attempt(db, {"user_id": student.id}, [(q0, True), (q1, False)], title="My numbers quiz")
    going = make_attempt(
        db, {"user_id": student.id}, [(q0, True)], title="My unfinished quiz", finished=False
    )
    make_attempt(db, {"user_id": other_student.id}, [(q0, False)] * 1, title="Olga's secret quiz")
    make_attempt(db, {"visitor_token": "a-visitor"}, [(q0, False)], title="A visitor's quiz")
    login(client, student)
    html = page_text(client.get("/progress/"))
    assert "My numbers quiz" in html and "My unfinished quiz" in html
    assert "Olga" not in html and "A visitor" not in html
    assert f'href="/quiz/attempts/{mine.id}/results"' in html
    assert f'href="/quiz/attempts/{going.id}"' in html
    assert "The Sample Story" in html and "Numbers" in html  # per article, per topic
    assert "Which sentence is question 1 about?" in html  # needs work
    assert "hl=" in html  # links to the reader, highlighting the evidence
    assert "Practise my mistakes" in html
    form = re.search(r'<form method="post" action="/quiz/start".*?</form>', html, re.S).group(0)
    for field in (
        'name="source" value="mistakes"',
        'name="length" value="10"',
        'name="mode" value="practice"',
        'name="csrf_token"',
    ):
        assert field in form
    assert "practising as a guest" not in html


def test_visitor_sees_only_their_own_attempts_and_an_invitation(db, client, student, questions):
    q0, *_ = questions
    make_attempt(db, {"visitor_token": "my-token"}, [(q0, False)], title="Guest practice")
    make_attempt(db, {"visitor_token": "their-token"}, [(q0, True)], title="Another guest's quiz")
    make_attempt(db, {"user_id": student.id}, [(q0, True)], title="Sam's quiz")
    with client.session_transaction() as session:
        session[VISITOR_KEY] = "my-token"
    html = page_text(client.get("/progress/"))
    assert "Guest practice" in html
    assert "Another guest" not in html and "Sam&#39;s quiz" not in html and "Sam's quiz" not in html
    assert "practising as a guest" in html and 'href="/auth/signup"' in html
    assert "Practise my mistakes" not in html  # the catalogue offers mistakes to accounts only


def test_visitor_without_a_token_sees_the_empty_state(db, client, student, questions):
    make_attempt(db, {"user_id": student.id}, [(questions[0], True)], title="Sam's quiz")
    html = page_text(client.get("/progress/"))
    assert "No quizzes yet" in html and "Sam" not in html.split("<main", 1)[1]
    assert "Sign up" in html


def test_chart_is_inline_svg_with_a_title_and_a_text_alternative(db, client, student, questions):
    for n in range(3):
        make_attempt(db, {"user_id": student.id}, [(questions[n], n != 1)], title=f"Quiz {n}")
    login(client, student)
    html = page_text(client.get("/progress/"))
    svg = re.search(r'<svg class="score-chart".*?</svg>', html, re.S).group(0)
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert svg.count("<circle") == 3
    assert "Scores of all your finished quizzes, oldest first" in html
    assert "<script" not in html.split("<main", 1)[1]  # no scripts, no CDN


def test_history_is_paginated_twenty_a_page(db, client, student, questions):
    start = datetime(2025, 1, 1, tzinfo=UTC)
    for n in range(25):
        make_attempt(
            db,
            {"user_id": student.id},
            [(questions[0], True)],
            title=f"Quiz number {n:02d}",
            when=start + timedelta(hours=n),
        )
    login(client, student)
    first = page_text(client.get("/progress/"))
    history = first.split('id="history"', 1)[1]
    assert "Quiz number 24" in history and "Quiz number 05" in history and "Quiz number 04" not in history
    assert 'href="/progress/?page=2#history"' in first
    second = page_text(client.get("/progress/?page=2")).split('id="history"', 1)[1]
    assert "Quiz number 04" in second and "Quiz number 00" in second and "Quiz number 05" not in second
    assert 'href="/progress/?page=1#history"' in second
    assert "Page 2 of 2" in second
    assert client.get("/progress/?page=3").status_code == 404
    assert client.get("/progress/?page=0").status_code == 404
    assert client.get("/progress/?page=abc").status_code == 200  # read as the first page


def test_titles_prompts_and_responses_are_escaped(db, client, student, questions):
    article = ArticleFactory(title=f"Headline {XSS}")
    span = EvidenceSpanFactory(article=article, quote="Quotes are evidence")
    revision = make_question(db, "xss", span, prompt=f"Prompt {XSS}")
    make_attempt(
        db, {"user_id": student.id}, [(revision, False)], title=f"Title {XSS}", response=f"Answer {XSS}"
    )
    login(client, student)
    html = page_text(client.get("/progress/"))
    assert XSS not in html
    assert "<script" not in html.split("<main", 1)[1]
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 5  # title, chart, article, prompt, answer


def test_finished_quizzes_only_show_all_clear_when_nothing_is_wrong(db, client, student, questions):
    make_attempt(db, {"user_id": student.id}, [(questions[0], True), (questions[1], True)], title="Perfect")
    login(client, student)
    html = page_text(client.get("/progress/"))
    assert "Nothing to fix" in html
    assert "Practise my mistakes" not in html
    assert "100%" in html


def test_the_mistakes_button_starts_a_practice_quiz_of_the_questions_answered_wrong(
    db, client, student, questions
):
    q0, q1, q2 = questions
    make_attempt(db, {"user_id": student.id}, [(q0, True), (q1, False), (q2, False)], title="First go")
    login(client, student)
    html = page_text(client.get("/progress/"))
    form = re.search(r'<form method="post" action="/quiz/start".*?</form>', html, re.S).group(0)
    fields = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', form))
    response = client.post("/quiz/start", data=fields)
    assert response.status_code == 302, response.get_data(as_text=True)
    attempt = db.session.scalar(select(Attempt).where(Attempt.source_kind == "mistakes"))
    assert response.location.endswith(f"/quiz/attempts/{attempt.id}/1")
    assert (attempt.mode, attempt.question_count, attempt.user_id) == ("practice", 2, student.id)
