"""API flashcards: decks, building one, the next card with its four intervals, rating exactly once (the card
version), undo, typed answers, and another learner's decks and cards answering 404."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.models import Deck, ReviewCard, ReviewLog
from app.models.reviews import LEARNING, NEW
from tests.api_support import api_get, api_post, error_of, issue_token
from tests.review_support import MT_SLUG, NH_SLUG, card, logs_of, make_deck


@pytest.fixture
def token(db, student):
    return issue_token(student)


@pytest.fixture
def deck(seeded, student):
    return make_deck(student)


def due_card(client, token, deck_id):
    response = api_get(client, token, f"/reviews/decks/{deck_id}/due")
    assert response.status_code == 200
    return response.get_json()


def rate(client, token, deck_id, shown, rating=3, **extra):
    body = {"deck_id": deck_id, "rating": rating, "version": shown["version"], **extra}
    return api_post(client, token, f"/reviews/cards/{shown['id']}/rating", body)


def test_decks_are_listed_with_their_queue(client, seeded, student, token, clock):
    mine = make_deck(student)
    make_deck(student, key=NH_SLUG)
    body = api_get(client, token, "/reviews/decks").get_json()
    assert body["total"] == 2
    listed = next(d for d in body["items"] if d["id"] == mine.id)
    assert listed["source_kind"] == "article" and listed["source_key"] == MT_SLUG
    assert listed["queue"]["new"] == min(20, listed["queue"]["size"]) and listed["queue"]["can_undo"] is False


def test_building_a_deck_once(client, db, seeded, student, token):
    body = {"source_kind": "tag", "source_key": "quotes"}
    first = api_post(client, token, "/reviews/decks", body)
    again = api_post(client, token, "/reviews/decks", body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.get_json()["id"] == again.get_json()["id"]
    assert db.session.scalar(select(func.count(Deck.id))) == 1
    response = api_post(client, token, "/reviews/decks", {"source_kind": "set", "source_key": "nope"})
    assert response.status_code == 422


def test_the_due_card_has_front_back_and_the_schedulers_intervals(client, db, deck, token, clock):
    body = due_card(client, token, deck.id)
    shown = body["card"]
    assert shown["state"] == "New" and shown["version"] == 1
    stored = db.session.get(ReviewCard, shown["id"])
    assert stored.question_id == shown["question_id"] and stored.state == NEW
    assert [r["name"] for r in shown["ratings"]] == ["Again", "Hard", "Good", "Easy"]
    assert shown["ratings"][0]["interval"] == "1m" and shown["ratings"][2]["interval"] == "10m"
    assert shown["back"]["expected"] and shown["back"]["evidence"][0]["reader_url"]
    assert body["deck"]["queue"]["new"] > 0


def test_a_rating_applies_once_for_the_version_shown(client, db, deck, token, clock):
    shown = due_card(client, token, deck.id)["card"]
    first = rate(client, token, deck.id, shown, rating=3, duration_ms=5000)
    assert first.status_code == 201
    body = first.get_json()
    assert body["state"] == "Learning" and body["version"] == 2 and body["interval"] == "10m"
    second = rate(client, token, deck.id, shown, rating=1)
    assert second.status_code == 409
    assert error_of(second)["code"] == "already_reviewed"
    [log] = logs_of(shown["id"])
    assert log.rating == 3 and log.duration_ms == 5000
    assert card(shown["id"]).state == LEARNING and card(shown["id"]).version == 2


def test_the_next_card_follows_the_rating(client, deck, token, clock):
    shown = due_card(client, token, deck.id)["card"]
    rate(client, token, deck.id, shown, rating=4)  # easy: graduates, not due again today
    following = due_card(client, token, deck.id)["card"]
    assert following["id"] != shown["id"]


def test_undo_brings_the_card_back_as_it_was(client, db, deck, token, clock):
    shown = due_card(client, token, deck.id)["card"]
    rate(client, token, deck.id, shown, rating=3)
    undone = api_post(client, token, f"/reviews/decks/{deck.id}/undo")
    assert undone.status_code == 200
    again = undone.get_json()["card"]
    assert again["id"] == shown["id"] and again["state"] == "New" and again["version"] == 3
    assert logs_of(shown["id"]) == []
    nothing = api_post(client, token, f"/reviews/decks/{deck.id}/undo")
    assert nothing.status_code == 409
    assert error_of(nothing)["code"] == "nothing_to_undo"


def test_a_typed_answer_is_graded_and_suggests_a_rating_without_storing(client, db, deck, token, clock):
    shown = due_card(client, token, deck.id)["card"]
    stored = db.session.get(ReviewCard, shown["id"])
    from app.review.access import current_revision

    revision = current_revision(stored.question_id)
    answer = revision.content.answer
    response = answer if not isinstance(answer, bool) else ("True" if answer else "False")
    if revision.type == "numeric":
        response = f"{answer:g}"
    body = api_post(
        client, token, f"/reviews/cards/{shown['id']}/check", {"deck_id": deck.id, "response": response}
    ).get_json()
    assert body["correct"] is True and body["suggested_rating"] == 3
    assert db.session.scalar(select(func.count(ReviewLog.id))) == 0


def test_a_read_token_may_look_but_not_rate(client, deck, student, clock):
    token = issue_token(student, scope="read", name="Reader")
    shown = due_card(client, token, deck.id)["card"]
    assert rate(client, token, deck.id, shown).status_code == 403
    assert api_post(client, token, f"/reviews/decks/{deck.id}/undo").status_code == 403


def test_another_learners_decks_and_cards_are_404(client, db, deck, token, other_student, clock):
    shown = due_card(client, token, deck.id)["card"]
    intruder = issue_token(other_student)
    own_deck = make_deck(other_student)
    assert api_get(client, intruder, f"/reviews/decks/{deck.id}").status_code == 404
    assert api_get(client, intruder, f"/reviews/decks/{deck.id}/due").status_code == 404
    assert api_post(client, intruder, f"/reviews/decks/{deck.id}/undo").status_code == 404
    # the card is not theirs, even when named with a deck that is
    for deck_id in (deck.id, own_deck.id):
        response = rate(client, intruder, deck_id, shown)
        assert response.status_code == 404 and error_of(response)["code"] == "not_found"
        check = api_post(
            client, intruder, f"/reviews/cards/{shown['id']}/check", {"deck_id": deck_id, "response": "x"}
        )
        assert check.status_code == 404
    assert [d["id"] for d in api_get(client, intruder, "/reviews/decks").get_json()["items"]] == [own_deck.id]
    assert logs_of(shown["id"]) == [] and card(shown["id"]).version == 1


def test_my_card_in_another_learners_deck_is_404(client, db, deck, token, other_student, clock):
    shown = due_card(client, token, deck.id)["card"]
    theirs = make_deck(other_student)
    assert rate(client, token, theirs.id, shown).status_code == 404
