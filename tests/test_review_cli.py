"""`flask review optimize EMAIL`: says clearly when the optimizer extra is missing or reviews are too few;
stores fitted parameters, which then schedule the learner's ratings."""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from typing import ClassVar

import pytest
from fsrs.scheduler import DEFAULT_PARAMETERS
from sqlalchemy import insert, select

from app.models import Question, ReviewCard, ReviewLog, ReviewSettings
from app.models.reviews import REVIEW
from app.review import fitting
from app.review.scheduling import EASY, CardState, Settings, rate

FITTED = [*DEFAULT_PARAMETERS[:3], 42.0, *DEFAULT_PARAMETERS[4:]]  # a much longer first interval after Easy


class FakeOptimizer:
    """Stands in for fsrs's Optimizer (torch is not installed for the tests): records what it was given."""

    received: ClassVar[list] = []

    def __init__(self, review_logs):
        FakeOptimizer.received = list(review_logs)

    def compute_optimal_parameters(self, verbose: bool = False) -> list[float]:
        return list(FITTED)


@pytest.fixture
def without_torch(monkeypatch):
    monkeypatch.setitem(sys.modules, "torch", None)  # `import torch` now raises ImportError


@pytest.fixture
def with_optimizer(monkeypatch):
    monkeypatch.setattr(fitting, "load_optimizer", lambda: FakeOptimizer)


def add_reviews(db, user, spaced: int, same_day: int = 0) -> None:
    """`spaced` reviews a few days after the card's previous one, `same_day` minutes after it."""
    question_ids = list(db.session.scalars(select(Question.id).order_by(Question.id.desc())))[:20]
    now = datetime(2025, 1, 1, tzinfo=UTC)
    db.session.execute(
        insert(ReviewCard),
        [
            {"user_id": user.id, "question_id": qid, "state": REVIEW, "due": now, "version": 1}
            for qid in question_ids
        ],
    )
    card_ids = list(db.session.scalars(select(ReviewCard.id).where(ReviewCard.user_id == user.id)))
    rows = []
    for n in range(spaced + same_day):
        card_id = card_ids[n % len(card_ids)]
        when = now + timedelta(days=3 * (n // len(card_ids) + 1))
        gap = timedelta(days=3) if n < spaced else timedelta(minutes=5)
        rows.append(
            {
                "card_id": card_id,
                "user_id": user.id,
                "rating": 1 if n % 7 == 0 else 3,
                "reviewed_at": when,
                "duration_ms": 4000,
                "state_before": REVIEW,
                "due_before": when,
                "last_review_before": when - gap,
                "scheduled_days_before": 3,
                "reps_before": n,
                "lapses_before": 0,
            }
        )
    db.session.execute(insert(ReviewLog), rows)
    db.session.commit()


def test_without_the_extra_it_says_how_to_install_it(runner, student, without_torch):
    result = runner.invoke(args=["review", "optimize", student.email])
    assert result.exit_code == 1
    assert "The FSRS optimizer is not installed (torch is missing)" in result.output
    assert "pip install '.[optimizer]'" in result.output and "torch 2.13.0" in result.output


def test_an_unknown_learner_is_refused(runner, db):
    result = runner.invoke(args=["review", "optimize", "nobody@example.org"])
    assert result.exit_code == 1 and "no user with email nobody@example.org" in result.output


def test_too_few_spaced_reviews_are_said_and_nothing_is_stored(runner, db, seeded, student, with_optimizer):
    add_reviews(db, student, spaced=100, same_day=600)
    result = runner.invoke(args=["review", "optimize", student.email])
    assert result.exit_code == 1
    assert "Too few reviews to fit: 100 of the 700 reviews" in result.output
    assert "needs at least 512" in result.output
    assert db.session.get(ReviewSettings, student.id) is None


def test_fitted_parameters_are_stored_and_schedule_from_then_on(runner, db, seeded, student, with_optimizer):
    add_reviews(db, student, spaced=520)
    result = runner.invoke(args=["review", "optimize", student.email.upper()])
    assert result.exit_code == 0, result.output
    assert "Fitted FSRS parameters for student@example.org to 520 reviews of 20 cards" in result.output
    assert len(FakeOptimizer.received) == 520
    first = FakeOptimizer.received[0]
    assert first.review_datetime.tzinfo is UTC and first.review_duration == 4000
    row = db.session.get(ReviewSettings, student.id)
    assert row.parameters == FITTED and row.parameters_review_count == 520 and row.parameters_fitted_at

    now = datetime(2025, 6, 1, tzinfo=UTC)
    fitted = rate(CardState.new(now), EASY, now, Settings.of(row), card_id=1)
    default = rate(CardState.new(now), EASY, now, Settings(), card_id=1)
    assert fitted.interval > default.interval
    assert Settings.of(row).parameters == tuple(FITTED)

    reset = runner.invoke(args=["review", "optimize", student.email, "--reset"])
    assert reset.exit_code == 0 and "back on FSRS's default parameters" in reset.output
    db.session.refresh(row)
    assert row.parameters is None


def test_fitted_parameters_reach_the_study_page(runner, db, seeded, student, student_client, with_optimizer):
    from tests.review_support import make_deck, open_study

    deck = make_deck(student)
    default_easy = open_study(student_client, deck.id).intervals["Easy"]
    add_reviews(db, student, spaced=520)
    assert runner.invoke(args=["review", "optimize", student.email]).exit_code == 0
    fitted_easy = open_study(student_client, deck.id).intervals["Easy"]
    assert fitted_easy != default_easy and fitted_easy.endswith(("mo", "d"))


def test_parameters_out_of_fsrs_bounds_are_refused(db, seeded, student, monkeypatch):
    class Wild(FakeOptimizer):
        def compute_optimal_parameters(self, verbose: bool = False):
            return [500.0] * 21

    add_reviews(db, student, spaced=520)
    with pytest.raises(ValueError, match="out of bounds"):
        fitting.fit_parameters(db.session, student.id, optimizer_class=Wild)
