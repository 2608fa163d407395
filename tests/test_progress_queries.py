"""The progress page runs a fixed handful of SQL queries, however big the bank and the history.

Budget: at most 6 queries for the page itself, plus 1 for Flask-Login loading the signed-in user (counted
separately below, by the table it reads). The data: 1,000 questions citing the two seed articles, and a
student with 200 finished quizzes of 5 answers each over 80 days (plus another student's quizzes).
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import event, insert, select, update

from app.models import (
    Article,
    Attempt,
    EvidenceSpan,
    Question,
    QuestionRevision,
    Response,
    RevisionEvidence,
    RevisionTag,
)
from app.quiz.ownership import VISITOR_KEY
from tests.helpers import login

QUESTIONS = 1000
ATTEMPTS = 200
ANSWERS_PER_ATTEMPT = 5
PAGE_QUERIES = 6  # the budget for the page, whatever the data size
TAGS = ("numbers", "people", "places", "timeline", "quotes")


@contextmanager
def counted_queries(engine):
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def build_bank(db, articles) -> None:
    """1,000 approved questions, each citing a span of one of the seed articles, with one or two tags."""
    spans = []
    for article in articles:
        text = db.session.scalar(select(Article.clean_text).where(Article.id == article.id))
        end = text.index(" ", 40)
        span = EvidenceSpan(article_id=article.id, start=0, end=end, quote=text[:end], label="opening")
        db.session.add(span)
        spans.append(span)
    db.session.flush()
    ids = range(1, QUESTIONS + 1)
    db.session.execute(insert(Question), [{"id": n, "key": f"bulk-{n}", "status": "approved"} for n in ids])
    db.session.execute(
        insert(QuestionRevision),
        [
            {
                "id": n,
                "question_id": n,
                "number": 1,
                "type": "short_answer",
                "prompt": f"Bulk question number {n}?",
                "answer": "x",
                "details": {},
                "explanation": "Because.",
                "content_hash": f"{n:064d}",
            }
            for n in ids
        ],
    )
    db.session.execute(update(Question).values(current_revision_id=Question.id))
    tags = [{"revision_id": n, "tag": TAGS[n % len(TAGS)]} for n in ids]
    tags += [{"revision_id": n, "tag": "policy"} for n in ids if n % 3 == 0]
    db.session.execute(insert(RevisionTag), tags)
    db.session.execute(
        insert(RevisionEvidence),
        [{"revision_id": n, "position": 1, "span_id": spans[n % len(spans)].id} for n in ids],
    )


def build_history(db, owner: dict, first_id: int, count: int, title: str) -> None:
    """`count` finished quizzes, one or more a day going back from today, 5 answers each (4 in 5 right)."""
    now = datetime.now(UTC)
    attempts, responses = [], []
    for index in range(count):
        attempt_id = first_id + index
        started = now - timedelta(days=(count - index) * 80 // count, minutes=30)
        correct = [(attempt_id + position) % 5 != 0 for position in range(ANSWERS_PER_ATTEMPT)]
        attempts.append(
            {
                "id": attempt_id,
                "source_kind": "all",
                "title": f"{title} {index}",
                "mode": "practice" if index % 2 else "test",
                "started_at": started,
                "finished_at": started + timedelta(minutes=10),
                "question_count": ANSWERS_PER_ATTEMPT,
                "correct_count": sum(correct),
                "score": sum(correct) / ANSWERS_PER_ATTEMPT,
                **owner,
            }
        )
        for position, right in enumerate(correct, 1):
            responses.append(
                {
                    "attempt_id": attempt_id,
                    "position": position,
                    "revision_id": (attempt_id * 7 + position * 131) % QUESTIONS + 1,
                    "response": "an answer",
                    "correct": right,
                    "score": 1.0 if right else 0.0,
                    "answered_at": started + timedelta(minutes=position),
                }
            )
    db.session.execute(insert(Attempt), attempts)
    db.session.execute(insert(Response), responses)


@pytest.fixture
def big_history(db, seed_articles, student, other_student):
    """The bank and the histories; returns the student to log in (by id: the session is emptied)."""
    build_bank(db, seed_articles)
    build_history(db, {"user_id": student.id}, 1, ATTEMPTS, "Sam's quiz")
    build_history(db, {"user_id": other_student.id}, ATTEMPTS + 1, 50, "Olga's quiz")
    build_history(db, {"visitor_token": "guest-token"}, ATTEMPTS + 51, 50, "Guest quiz")
    db.session.commit()
    student_id, session_id = student.id, student.get_id()
    # The test client's requests share this session (pytest-flask's app context): empty it, so the request
    # loads the user and everything else with its own queries rather than finding them in the identity map.
    db.session.expunge_all()
    return SimpleNamespace(id=student_id, get_id=lambda: session_id)


def user_loads(statements: list[str]) -> list[str]:
    return [s for s in statements if "FROM users" in s]


@pytest.mark.parametrize("url", ["/progress/", "/progress/?page=7"])
def test_signed_in_page_runs_a_constant_number_of_queries(db, client, big_history, url):
    login(client, big_history)
    started = time.perf_counter()
    with counted_queries(db.engine) as statements:
        response = client.get(url)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Olga" not in html and "Guest quiz" not in html
    assert "50 most recent finished quizzes, of 200" in html
    page_queries = [s for s in statements if s not in user_loads(statements)]
    assert len(user_loads(statements)) == 1, statements
    assert len(page_queries) <= PAGE_QUERIES, "\n\n".join(page_queries)
    assert len(statements) <= PAGE_QUERIES + 1
    assert elapsed < 2, f"the page took {elapsed:.2f}s"


def test_visitor_page_runs_the_same_queries_without_a_user_load(db, client, big_history):
    with client.session_transaction() as session:
        session[VISITOR_KEY] = "guest-token"
    with counted_queries(db.engine) as statements:
        response = client.get("/progress/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Guest quiz 49" in html and "Sam&#39;s quiz" not in html
    assert user_loads(statements) == []
    assert len(statements) <= PAGE_QUERIES, "\n\n".join(statements)
