"""Rating and undoing against the database: logged with the state before, undone exactly, applied once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, insert, select, update

from app.models import Question, ReviewCard, ReviewLog
from app.models.reviews import LEARNING, NEW, REVIEW
from app.review.scheduling import AGAIN, EASY, GOOD, HARD, RATINGS, CardState, Settings, rate
from app.review.service import (
    MAX_DURATION_MS,
    AlreadyReviewedError,
    NothingToUndoError,
    card_context,
    rate_card,
    undo_last,
)
from tests.review_support import card, make_deck, utc

NOW = utc(2025, 3, 3, 8, 0)


@pytest.fixture
def deck(seeded, student):
    return make_deck(student)


@pytest.fixture
def new_card(db, deck, student):
    question_id = db.session.scalar(select(Question.id).order_by(Question.id).limit(1))
    row = ReviewCard(user_id=student.id, question_id=question_id, state=NEW, due=NOW)
    db.session.add(row)
    db.session.commit()
    return row


def rate_now(db, deck, card_id, user, rating, now, version=None, duration_ms=None):
    context = card_context(db.session, deck.id, card_id, user.id)
    outcome = rate_card(
        db.session,
        context,
        rating,
        seen_version=context.card.version if version is None else version,
        now=now,
        duration_ms=duration_ms,
    )
    db.session.commit()
    return outcome


def test_a_rating_updates_the_card_and_logs_the_state_before(db, deck, new_card, student):
    outcome = rate_now(db, deck, new_card.id, student, GOOD, NOW, duration_ms=4200)
    row = card(new_card.id)
    assert CardState.of(row) == outcome.after
    assert (row.state, row.step, row.reps, row.version) == (LEARNING, 1, 1, 2)
    assert CardState.of(row).due == NOW + timedelta(minutes=10)
    [log] = db.session.scalars(select(ReviewLog)).all()
    assert (log.rating, log.deck_id, log.user_id, log.duration_ms) == (GOOD, deck.id, student.id, 4200)
    assert CardState.of(log, "_before") == CardState.new(NOW)


def test_durations_are_capped_at_a_minute(db, deck, new_card, student):
    rate_now(db, deck, new_card.id, student, GOOD, NOW, duration_ms=10 * 60_000)
    assert db.session.scalar(select(ReviewLog.duration_ms)) == MAX_DURATION_MS


def test_a_rating_from_an_older_view_applies_nothing(db, deck, new_card, student):
    rate_now(db, deck, new_card.id, student, GOOD, NOW)
    with pytest.raises(AlreadyReviewedError):
        rate_now(db, deck, new_card.id, student, AGAIN, NOW + timedelta(seconds=1), version=1)
    db.session.rollback()
    assert card(new_card.id).reps == 1
    assert db.session.scalar(select(func.count(ReviewLog.id))) == 1


def test_the_update_itself_refuses_a_stale_version(db, deck, new_card, student):
    """Even when the card was read before another rating committed, the UPDATE matches no row."""
    context = card_context(db.session, deck.id, new_card.id, student.id)
    db.session.execute(update(ReviewCard).where(ReviewCard.id == new_card.id).values(version=5))
    with pytest.raises(AlreadyReviewedError):
        rate_card(db.session, context, GOOD, seen_version=1, now=NOW)
    db.session.rollback()
    assert db.session.scalar(select(func.count(ReviewLog.id))) == 0


def test_several_undos_in_a_row_restore_each_state_exactly(db, deck, new_card, student):
    states = [CardState.of(card(new_card.id))]
    moment = NOW
    for rating in (GOOD, GOOD, EASY, HARD, AGAIN):
        rate_now(db, deck, new_card.id, student, rating, moment)
        states.append(CardState.of(card(new_card.id)))
        moment += timedelta(days=3)
    assert states[-1].state != NEW and states[-1].lapses == 1
    for expected in reversed(states[:-1]):
        assert undo_last(db.session, deck) == new_card.id
        db.session.commit()
        assert CardState.of(card(new_card.id)) == expected
    assert db.session.scalar(select(func.count(ReviewLog.id))) == 0
    with pytest.raises(NothingToUndoError):
        undo_last(db.session, deck)


def test_undo_makes_an_older_view_stale_too(db, deck, new_card, student):
    rate_now(db, deck, new_card.id, student, GOOD, NOW)
    undo_last(db.session, deck)
    db.session.commit()
    with pytest.raises(AlreadyReviewedError):
        rate_now(db, deck, new_card.id, student, GOOD, NOW, version=1)


def test_undo_only_touches_the_decks_own_latest_review(db, deck, new_card, student):
    other = make_deck(student, "tag", "quotes")
    rate_now(db, deck, new_card.id, student, GOOD, NOW)
    rate_now(db, other, new_card.id, student, GOOD, NOW + timedelta(minutes=10))
    with pytest.raises(NothingToUndoError, match="reviewed again since"):
        undo_last(db.session, deck)
    db.session.rollback()
    undo_last(db.session, other)
    db.session.commit()
    assert card(new_card.id).reps == 1


def test_another_learners_card_is_not_found(db, deck, new_card, other_student):
    assert card_context(db.session, deck.id, new_card.id, other_student.id) is None
    theirs = make_deck(other_student)
    assert card_context(db.session, theirs.id, new_card.id, other_student.id) is None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    history=st.lists(st.tuples(st.sampled_from(RATINGS), st.integers(0, 90 * 86400)), max_size=6),
    rating=st.sampled_from(RATINGS),
)
def test_rate_then_undo_through_the_database_is_the_identity(db, deck, new_card, student, history, rating):
    """Whatever state the card is in, storing a rating and undoing it gives back the same row values."""
    state, moment = CardState.new(NOW), NOW
    for earlier, gap in history:
        state = rate(state, earlier, moment, Settings(), new_card.id).after
        moment += timedelta(seconds=gap)
    db.session.execute(update(ReviewCard).where(ReviewCard.id == new_card.id).values(**state.columns()))
    db.session.commit()
    before = CardState.of(card(new_card.id))
    assert before == state
    rate_now(db, deck, new_card.id, student, rating, moment)
    undo_last(db.session, deck)
    db.session.commit()
    assert CardState.of(card(new_card.id)) == before


def test_review_state_survives_a_round_trip_through_the_columns(db, deck, new_card, student):
    outcome = rate_now(db, deck, new_card.id, student, EASY, NOW)
    assert outcome.after.state == REVIEW
    db.session.execute(
        insert(ReviewLog).values(
            card_id=new_card.id,
            user_id=student.id,
            deck_id=deck.id,
            rating=GOOD,
            reviewed_at=NOW,
            **outcome.after.columns("_before"),
        )
    )
    db.session.commit()
    stored = db.session.scalars(select(ReviewLog).order_by(ReviewLog.id.desc())).first()
    assert CardState.of(stored, "_before") == outcome.after
