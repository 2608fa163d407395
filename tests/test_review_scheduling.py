"""The FSRS scheduling service: properties over reachable cards (hypothesis), intervals, steps, settings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.models.reviews import LEARNING, NEW, RELEARNING, REVIEW
from app.review.scheduling import (
    AGAIN,
    EASY,
    GOOD,
    RATINGS,
    CardState,
    Settings,
    SettingsError,
    format_interval,
    format_steps,
    parse_steps,
    preview,
    rate,
    undo,
)

START = datetime(2025, 1, 6, 9, 30, tzinfo=UTC)

ratings = st.sampled_from(RATINGS)
gaps = st.integers(min_value=0, max_value=400 * 86400).map(lambda s: timedelta(seconds=s))
steps = st.lists(st.integers(min_value=1, max_value=3 * 86400), max_size=4).map(tuple)
scheduler_settings = st.builds(
    Settings,
    desired_retention=st.floats(min_value=0.70, max_value=0.99),
    learning_steps=steps,
    relearning_steps=steps,
    maximum_interval=st.integers(min_value=1, max_value=36500),
)


@st.composite
def reachable_cards(draw) -> tuple[CardState, datetime, Settings, int]:
    """A card as some history of ratings left it, the time of its next review, its settings and id."""
    chosen = draw(scheduler_settings)
    card_id = draw(st.integers(min_value=1, max_value=10**9))
    card, now = CardState.new(START), START
    for rating, gap in draw(st.lists(st.tuples(ratings, gaps), max_size=12)):
        card = rate(card, rating, now, chosen, card_id).after
        now += gap
    return card, now, chosen, card_id


COMMON = settings(max_examples=200, deadline=None)


@COMMON
@given(reachable_cards(), ratings)
def test_due_is_never_before_the_review(situation, rating):
    card, now, chosen, card_id = situation
    outcome = rate(card, rating, now, chosen, card_id)
    assert outcome.after.due >= now
    assert outcome.after.last_review == now
    assert outcome.interval >= timedelta(0)


@COMMON
@given(reachable_cards(), ratings)
def test_stability_stays_positive_and_difficulty_in_range(situation, rating):
    card, now, chosen, card_id = situation
    after = rate(card, rating, now, chosen, card_id).after
    assert after.stability is not None and after.stability > 0
    assert after.difficulty is not None and 1 <= after.difficulty <= 10
    assert after.state in (LEARNING, REVIEW, RELEARNING)
    assert after.reps == card.reps + 1


@COMMON
@given(reachable_cards(), ratings)
def test_rate_then_undo_is_the_identity(situation, rating):
    card, now, chosen, card_id = situation
    outcome = rate(card, rating, now, chosen, card_id)
    assert undo(outcome) == card
    # What the database stores for the log ("…_before" columns) gives the same card back.
    stored = type("Log", (), outcome.before.columns("_before"))
    assert CardState.of(stored, "_before") == card


@COMMON
@given(reachable_cards())
def test_the_buttons_show_what_each_rating_gives(situation):
    """Fuzz is seeded per card and review count, so the preview is exactly what the rating then does."""
    card, now, chosen, card_id = situation
    shown = preview(card, now, chosen, card_id)
    assert sorted(shown) == list(RATINGS)
    for rating, outcome in shown.items():
        assert rate(card, rating, now, chosen, card_id) == outcome


@COMMON
@given(reachable_cards())
def test_longer_intervals_for_better_ratings_on_review_cards(situation):
    card, now, chosen, card_id = situation
    if card.state != REVIEW:
        return
    shown = preview(card, now, chosen, card_id)
    assert shown[GOOD].interval <= shown[EASY].interval
    if max(chosen.relearning_steps, default=0) < 86400:  # a relearning step may outlast a short maximum
        assert shown[AGAIN].interval <= shown[GOOD].interval


def test_a_new_card_follows_ankis_default_learning_steps():
    card = CardState.new(START)
    assert card.state == NEW and card.is_new
    shown = preview(card, START, Settings(), card_id=7)
    assert [format_interval(shown[r].interval) for r in RATINGS[:3]] == ["1m", "6m", "10m"]
    assert shown[EASY].after.state == REVIEW and shown[EASY].interval >= timedelta(days=1)
    good = shown[GOOD].after
    assert (good.state, good.step) == (LEARNING, 1)
    graduated = rate(good, GOOD, START + timedelta(minutes=10), Settings(), 7).after
    assert graduated.state == REVIEW and graduated.scheduled_days >= 1


def test_forgetting_a_review_card_is_a_lapse_into_relearning():
    review = rate(CardState.new(START), EASY, START, Settings(), 1).after
    later = review.due + timedelta(hours=1)
    lapsed = rate(review, AGAIN, later, Settings(), 1).after
    assert (lapsed.state, lapsed.lapses, lapsed.due) == (RELEARNING, 1, later + timedelta(minutes=10))


def test_higher_desired_retention_gives_shorter_intervals():
    review = rate(CardState.new(START), EASY, START, Settings(), 1).after
    when = review.due
    strict = rate(review, GOOD, when, Settings(desired_retention=0.97), 1).interval
    relaxed = rate(review, GOOD, when, Settings(desired_retention=0.75), 1).interval
    assert strict < relaxed


def test_fitted_parameters_change_the_schedule():
    from fsrs.scheduler import DEFAULT_PARAMETERS

    fitted = list(DEFAULT_PARAMETERS)
    fitted[3] = 30.0  # initial stability after Easy
    easy = rate(CardState.new(START), EASY, START, Settings(parameters=tuple(fitted)), 1)
    default = rate(CardState.new(START), EASY, START, Settings(), 1)
    assert easy.interval > default.interval


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (0, "<1m"),
        (59, "<1m"),
        (60, "1m"),
        (600, "10m"),
        (3600, "1h"),
        (5400, "1.5h"),
        (86400, "1d"),
        (29 * 86400, "29d"),
        (45 * 86400, "1.5mo"),
        (400 * 86400, "1.1y"),
    ],
)
def test_intervals_read_like_ankis(seconds, shown):
    assert format_interval(timedelta(seconds=seconds)) == shown


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("1m 10m", (60, 600)), ("", ()), ("30s, 1h 1d", (30, 3600, 86400)), ("1.5m", (90,)), (" 10M ", (600,))],
)
def test_steps_parse(text, seconds):
    assert parse_steps(text) == seconds


@pytest.mark.parametrize("text", ["10", "1x", "0m", "400d", "1m " * 11, "-1m"])
def test_bad_steps_are_refused_with_a_message(text):
    with pytest.raises(SettingsError):
        parse_steps(text)


def test_steps_format_back():
    assert format_steps((60, 600, 90, 86400, 7200)) == "1m 10m 90s 1d 2h"
    assert parse_steps(format_steps((60, 600, 90))) == (60, 600, 90)


@pytest.mark.parametrize("retention", [0.69, 1.0, float("nan"), float("inf"), 0.995])
def test_desired_retention_outside_070_to_099_is_refused(retention):
    with pytest.raises(SettingsError):
        Settings(desired_retention=retention)


def test_desired_retention_bounds_are_allowed():
    assert Settings(desired_retention=0.70).desired_retention == 0.70
    assert Settings(desired_retention=0.99).desired_retention == 0.99
