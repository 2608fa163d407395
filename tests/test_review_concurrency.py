"""Two tabs at once, on PostgreSQL: the same card rated twice applies once and logs once.

Threads send the requests through separate clients (separate sessions and connections); a barrier holds
both ratings after they have read the card and before either writes, so the race is certain, not likely.
SQLite serialises writers on the whole file, so these run on the PostgreSQL pass of the suite only.
"""

from __future__ import annotations

import contextlib
import os
import threading

import pytest
from sqlalchemy import func, select

from app.models import ReviewCard, ReviewLog
from app.review import decks as deck_queue
from app.review import scheduling
from tests.helpers import csrf_token, login
from tests.review_support import card, make_deck, open_study

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        not (os.environ.get("TEST_DATABASE_URL") or "").startswith("postgresql"),
        reason="needs PostgreSQL (TEST_DATABASE_URL): SQLite has no concurrent writers",
    ),
]


def logged_in_client(app, user):
    client = app.test_client()
    login(client, user)
    return client


def run_together(*actions):
    """Run each action in its own thread; returns their results (re-raising any error)."""
    results: list = [None] * len(actions)
    errors: list = []

    def run(index, action):
        try:
            results[index] = action()
        except Exception as error:  # reported below, in the test's thread
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    return results


def held_at_barrier(monkeypatch, module, name: str, parties: int = 2):
    """Make `module.name` wait, after doing its work, until `parties` callers have done theirs."""
    barrier = threading.Barrier(parties, timeout=10)
    original = getattr(module, name)

    def waiting(*args, **kwargs):
        result = original(*args, **kwargs)
        # A design that blocks the second reader earlier (a row lock) breaks the barrier: fine too.
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()
        return result

    monkeypatch.setattr(module, name, waiting)


def test_two_ratings_of_the_same_card_at_once_apply_once(app, db, seeded, student, monkeypatch):
    deck = make_deck(student)
    tabs = [logged_in_client(app, student) for _ in range(2)]
    page = open_study(tabs[0], deck.id)
    assert open_study(tabs[1], deck.id).card_id == page.card_id  # both tabs show the same card
    url = f"/review/decks/{deck.id}/cards/{page.card_id}/rate"
    forms = [
        {"rating": rating, "version": str(page.version), "shown_at": "", "csrf_token": csrf_token(tab)}
        for tab, rating in zip(tabs, ("3", "1"), strict=True)
    ]
    held_at_barrier(monkeypatch, scheduling, "rate")

    responses = run_together(
        *(lambda t=tab, f=form: t.post(url, data=f) for tab, form in zip(tabs, forms, strict=True))
    )

    assert [r.status_code for r in responses] == [302, 302]
    db.session.expire_all()
    assert db.session.scalar(select(func.count(ReviewLog.id))) == 1
    rated = card(page.card_id)
    assert (rated.reps, rated.version) == (1, 2)
    notices = [
        "already reviewed" in tab.get(f"/review/decks/{deck.id}").get_data(as_text=True) for tab in tabs
    ]
    assert sorted(notices) == [False, True]
    [log] = db.session.scalars(select(ReviewLog)).all()
    assert str(log.rating) == forms[notices.index(False)]["rating"]  # the rating that won is the one logged


def test_two_tabs_opening_a_new_card_at_once_make_one_card(app, db, seeded, student, monkeypatch):
    deck_id = make_deck(student).id
    tabs = [logged_in_client(app, student) for _ in range(2)]
    held_at_barrier(monkeypatch, deck_queue, "deck_queue")

    pages = run_together(*(lambda t=tab: open_study(t, deck_id) for tab in tabs))

    assert pages[0].card_id == pages[1].card_id
    assert db.session.scalar(select(func.count(ReviewCard.id))) == 1
