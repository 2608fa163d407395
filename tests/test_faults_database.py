"""PostgreSQL out of reach mid-run: pages answer a clean 503, nothing is half-written, and the app recovers by
itself once the database is back.

The app reaches PostgreSQL through a loopback TCP proxy (`tests/tcp_proxy.py`) that the tests cut (every
connection closed, new ones refused, as in a server restart) and restore. Cuts inside a request happen between
two writes of one transaction, by wrapping a function the request calls between them.
"""

from __future__ import annotations

import logging
import os

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from app.extensions import db as _db
from app.models import Attempt, AttemptItem, Response, ReviewCard, ReviewLog
from app.quiz import service as quiz_service
from app.quiz import views as quiz_views
from app.review import service as review_service
from tests.conftest import empty_all_tables, make_app
from tests.helpers import login, post_form
from tests.quiz_helpers import answer, item_at, right_answer, start_quiz
from tests.review_support import make_deck, open_study, post_rating
from tests.tcp_proxy import TcpProxy

pytestmark = [
    pytest.mark.faults,
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        not (os.environ.get("TEST_DATABASE_URL") or "").startswith("postgresql"),
        reason="needs PostgreSQL (TEST_DATABASE_URL): the outage is simulated on its TCP connections",
    ),
]


@pytest.fixture
def proxy(database_url):
    url = make_url(database_url)
    with TcpProxy(url.host or "127.0.0.1", url.port or 5432) as proxy:
        yield proxy


@pytest.fixture
def app(database_url, proxy, tmp_path):
    """The test app (replacing conftest's) with its database behind `proxy`."""
    url = make_url(database_url).set(host="127.0.0.1", port=proxy.port)
    app = make_app(url.render_as_string(hide_password=False), tmp_path)
    yield app
    proxy.restore()
    with app.app_context():
        _db.session.remove()
        empty_all_tables()
        _db.engine.dispose()


def cut_after(monkeypatch, module, name: str, proxy: TcpProxy) -> None:
    """Make `module.name` cut the database off right after it returns (mid-request, mid-transaction)."""
    original = getattr(module, name)

    def then_cut(*args, **kwargs):
        result = original(*args, **kwargs)
        proxy.cut()
        return result

    monkeypatch.setattr(module, name, then_cut)


def end_request() -> None:
    """Return the session's connection to the pool, as the end of a request does in production (pytest-flask
    keeps one app context for the whole test, so the session would otherwise hold it from one request on)."""
    _db.session.remove()


def count(statement) -> int:
    """A count read on a connection of its own (the test's session may hold what a request left)."""
    with _db.engine.connect() as connection:
        return connection.execute(statement).scalar_one()


def responses_of(attempt_id: int):
    return select(func.count(Response.id)).where(Response.attempt_id == attempt_id)


def assert_clean_503(response) -> None:
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "10"
    body = response.get_data(as_text=True)
    assert "Traceback" not in body and "OperationalError" not in body


def test_pages_answer_503_during_an_outage_and_work_again_after_it(
    client, db, seeded, student, proxy, caplog
):
    login(client, student)
    attempt = start_quiz(client, mode="test")
    attempt_id = attempt.id  # the test shares the requests' session: its objects expire with their rollback
    question_url = f"/quiz/attempts/{attempt_id}/1"
    data = right_answer(item_at(attempt, 1))
    assert client.get(question_url).status_code == 200

    proxy.cut()
    with caplog.at_level(logging.WARNING):
        page = client.get(question_url)
        sent = post_form(client, question_url, data)
        as_json = client.get(question_url, headers={"Accept": "application/json"})
        health = client.get("/healthz")
    assert_clean_503(page)
    assert "Sourced is briefly unavailable" in page.get_data(as_text=True)
    assert f'href="{question_url}"' in page.get_data(as_text=True)  # "Try again" reloads the page
    assert_clean_503(sent)
    assert "nothing was saved" in sent.get_data(as_text=True)
    assert_clean_503(as_json)
    assert as_json.json == {"error": "database unavailable", "retry_after": 10}
    assert health.status_code == 503 and health.json["database"] == "unreachable"
    assert health.headers["Retry-After"] == "10"
    unavailable = [r for r in caplog.records if "database unavailable" in r.getMessage()]
    assert len(unavailable) == 3
    assert not [r for r in caplog.records if r.exc_info]  # one line each, no traceback

    proxy.restore()
    assert client.get("/healthz").json == {"status": "ok", "database": "ok"}
    assert client.get(question_url).status_code == 200
    assert post_form(client, question_url, data).status_code == 302
    assert count(responses_of(attempt_id)) == 1


def test_a_restart_between_requests_goes_unnoticed(client, seeded, student, proxy):
    """The pool's connections die with the restart; `pool_pre_ping` replaces them before they are used."""
    login(client, student)
    assert client.get("/quiz/").status_code == 200
    end_request()  # its connection goes back to the pool
    proxy.cut()
    proxy.restore()
    attempt = start_quiz(client)
    assert client.get(f"/quiz/attempts/{attempt.id}/1").status_code == 200


def test_a_last_answer_cut_off_before_its_commit_leaves_the_attempt_as_it_was(
    client, db, seeded, student, proxy, monkeypatch
):
    """The last answer inserts its response and finishes the attempt in one transaction: all or nothing."""
    login(client, student)
    attempt = start_quiz(client, length="5", mode="test")
    for position in range(1, 5):
        assert answer(client, attempt, position, right_answer(item_at(attempt, position))).status_code == 302
    last = right_answer(item_at(attempt, 5))
    cut_after(monkeypatch, quiz_service, "finish_attempt", proxy)  # the response is flushed by then

    assert_clean_503(answer(client, attempt, 5, last))

    proxy.restore()
    responses = responses_of(attempt.id)
    assert count(responses) == 4
    assert count(select(func.count(Attempt.id)).where(Attempt.finished_at.is_not(None))) == 0
    monkeypatch.undo()
    assert answer(client, attempt, 5, last).status_code == 302  # sent again: it counts, once
    assert count(responses) == 5
    db.session.expire_all()
    finished = db.session.get(Attempt, attempt.id)
    assert finished.finished and finished.correct_count == 5 and finished.score == pytest.approx(1.0)


def test_a_rating_cut_off_between_its_two_writes_is_not_applied(
    client, db, seeded, student, proxy, monkeypatch
):
    """A rating updates the card, then logs the review: cut between the two, neither remains."""
    login(client, student)
    deck = make_deck(student)
    shown = open_study(client, deck.id)
    cut_after(monkeypatch, review_service, "clamp_duration", proxy)  # called after the card's UPDATE

    assert_clean_503(post_rating(client, deck.id, shown, 3))

    proxy.restore()
    card_version = select(ReviewCard.version).where(ReviewCard.id == shown.card_id)
    assert count(card_version) == shown.version
    assert count(select(func.count(ReviewLog.id))) == 0
    monkeypatch.undo()
    assert post_rating(client, deck.id, shown, 3).status_code == 302  # the same rating again applies once
    assert post_rating(client, deck.id, shown, 3).status_code == 302
    assert count(select(func.count(ReviewLog.id))) == 1
    assert count(card_version) == shown.version + 1


def test_a_quiz_cut_off_while_starting_leaves_no_attempt(client, seeded, student, proxy, monkeypatch):
    """Starting writes the attempt and one row per question; cut before the commit, none of them stays."""
    login(client, student)
    cut_after(monkeypatch, quiz_views, "start_attempt", proxy)
    form = {"source": "all", "length": "10", "mode": "practice"}

    assert_clean_503(post_form(client, "/quiz/start", form))

    proxy.restore()
    assert count(select(func.count(Attempt.id))) == 0
    assert count(select(func.count(AttemptItem.id))) == 0
    monkeypatch.undo()
    assert post_form(client, "/quiz/start", form).status_code == 302
    assert count(select(func.count(AttemptItem.id))) == 10
