"""Flashcard statistics: forecast, reviews per day, true retention (young/mature), states, time; their SVG."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import insert, select

from app.models import Question, ReviewCard, ReviewLog
from app.models.reviews import LEARNING, NEW, RELEARNING, REVIEW
from app.review import charts, stats
from tests.review_support import make_deck, utc

NOW = utc(2025, 5, 14, 15, 0)


@pytest.fixture
def questions(db, seeded):
    return list(db.session.scalars(select(Question.id).order_by(Question.id)))


def add_card(db, user, question_id, state, due, scheduled_days=0) -> int:
    row = ReviewCard(
        user_id=user.id,
        question_id=question_id,
        state=state,
        due=due,
        scheduled_days=scheduled_days,
        version=1,
    )
    db.session.add(row)
    db.session.commit()
    return row.id


def add_log(
    db, user, card_id, when, rating, state_before=REVIEW, scheduled_days=5, duration_ms=6000, deck=None
):
    db.session.execute(
        insert(ReviewLog).values(
            card_id=card_id,
            user_id=user.id,
            deck_id=deck.id if deck else None,
            rating=rating,
            reviewed_at=when,
            duration_ms=duration_ms,
            state_before=state_before,
            due_before=when,
            scheduled_days_before=scheduled_days,
        )
    )
    db.session.commit()


def test_forecast_counts_cards_due_each_day_with_overdue_ones_today(db, questions, student, other_student):
    add_card(db, student, questions[0], REVIEW, NOW - timedelta(days=3))  # overdue
    add_card(db, student, questions[1], REVIEW, NOW + timedelta(hours=2))  # today
    add_card(db, student, questions[2], LEARNING, NOW + timedelta(minutes=10))
    add_card(db, student, questions[3], RELEARNING, NOW + timedelta(days=1))
    add_card(db, student, questions[4], REVIEW, NOW + timedelta(days=29, hours=1))
    add_card(db, student, questions[5], REVIEW, NOW + timedelta(days=31))  # beyond the window
    add_card(db, student, questions[6], NEW, NOW - timedelta(days=1))  # new cards are not "due"
    add_card(db, other_student, questions[0], REVIEW, NOW)  # someone else's
    days, overdue = stats.forecast(db.session, student.id, NOW)
    assert len(days) == 30 and days[0].day == date(2025, 5, 14)
    assert (days[0].review, days[0].learning, overdue) == (2, 1, 1)
    assert (days[1].review, days[1].learning) == (0, 1)
    assert days[29].review == 1 and sum(d.total for d in days) == 5


def test_true_retention_splits_young_and_mature_and_ignores_learning(db, questions, student):
    card = add_card(db, student, questions[0], REVIEW, NOW)
    add_log(db, student, card, NOW - timedelta(hours=1), 3, scheduled_days=5)  # young, passed
    add_log(db, student, card, NOW - timedelta(hours=2), 1, scheduled_days=5)  # young, failed
    add_log(db, student, card, NOW - timedelta(days=3), 2, scheduled_days=30)  # mature, passed
    add_log(db, student, card, NOW - timedelta(days=20), 1, scheduled_days=21)  # mature, failed
    add_log(db, student, card, NOW - timedelta(days=400), 3, scheduled_days=40)  # mature, long ago
    add_log(db, student, card, NOW - timedelta(minutes=5), 1, state_before=LEARNING, scheduled_days=0)
    today, week, month, year, ever = stats.periods(db.session, student.id, NOW)
    assert (today.young_passed, today.young_total, today.mature_total) == (1, 2, 0)
    assert (today.young, today.mature, today.overall) == (50, None, 50)
    assert (week.mature_passed, week.mature_total) == (1, 1)
    assert (month.mature_passed, month.mature_total, month.overall) == (1, 2, 50)
    assert (year.reviews, ever.reviews) == (5, 6)
    assert (ever.mature_passed, ever.mature_total) == (2, 3)
    assert today.reviews == 3 and today.duration_ms == 18000 and today.seconds_per_card == 6.0


def test_time_spent_counts_missing_durations_as_nothing(db, questions, student):
    card = add_card(db, student, questions[0], REVIEW, NOW)
    add_log(db, student, card, NOW, 3, duration_ms=None)
    add_log(db, student, card, NOW, 3, duration_ms=30_000)
    today = stats.periods(db.session, student.id, NOW)[0]
    assert (today.reviews, today.duration_ms, today.minutes) == (2, 30_000, 0.5)


def test_reviews_per_day_for_the_calendar(db, questions, student):
    card = add_card(db, student, questions[0], REVIEW, NOW)
    for days_ago, count in ((0, 3), (1, 1), (6, 2), (400, 5)):
        for _ in range(count):
            add_log(db, student, card, NOW - timedelta(days=days_ago), 3)
    per_day = stats.calendar(db.session, student.id, NOW)
    assert per_day == {date(2025, 5, 14): 3, date(2025, 5, 13): 1, date(2025, 5, 8): 2}
    report = stats.report(db.session, student.id, NOW, [])
    assert (report.current_streak, report.best_streak, report.busiest_day) == (2, 2, 3)


def test_cards_by_state_count_unseen_questions_of_the_decks_as_new(db, questions, student):
    deck = make_deck(student)
    topic = make_deck(student, "tag", "quotes")
    add_card(db, student, questions[0], REVIEW, NOW, scheduled_days=30)
    add_card(db, student, questions[1], REVIEW, NOW, scheduled_days=3)
    add_card(db, student, questions[2], RELEARNING, NOW)
    add_card(db, student, questions[3], NEW, NOW)
    everything = stats.state_counts(db.session, student.id, [deck, topic])
    assert (everything.mature, everything.young, everything.relearning, everything.learning) == (1, 1, 1, 0)
    in_decks = len(
        set(db.session.scalars(stats.deck_question_ids(deck)).all())
        | set(db.session.scalars(stats.deck_question_ids(topic)).all())
    )
    assert everything.new == 1 + in_decks - 4
    assert everything.total == in_decks
    only_deck = stats.state_counts(db.session, student.id, [deck, topic], deck=deck)
    assert only_deck.total == 68


def test_a_deck_report_counts_only_its_reviews(db, questions, student):
    deck = make_deck(student)
    card = add_card(db, student, questions[0], REVIEW, NOW)
    add_log(db, student, card, NOW, 3, deck=deck)
    add_log(db, student, card, NOW, 3)
    assert stats.periods(db.session, student.id, NOW, deck)[0].reviews == 1
    assert stats.periods(db.session, student.id, NOW)[0].reviews == 2


@pytest.mark.parametrize(
    ("value", "ceiling"), [(0, 4), (3, 4), (7, 10), (11, 20), (24, 25), (260, 500), (1000, 1000)]
)
def test_axis_maximum_is_round(value, ceiling):
    assert charts.nice_ceiling(value) == ceiling


def test_heat_levels_by_quarter_of_the_busiest_day():
    assert [charts.heat_level(n, 40) for n in (0, 1, 10, 11, 20, 30, 40)] == [0, 1, 1, 2, 2, 3, 4]


def test_charts_are_accessible_svg_without_inline_styles():
    days = [stats.ForecastDay(date(2025, 5, 14) + timedelta(days=i), i % 3, i) for i in range(30)]
    forecast = charts.forecast_chart(days)
    assert (
        forecast.count("<title>") == 30
        and "<title id=" in forecast
        and 'role="img"' in forecast
        and "style=" not in forecast
    )
    assert "Tomorrow: 1 review, 1 learning" in forecast
    heat = charts.heatmap({date(2025, 5, 14): 4, date(2025, 5, 1): 1}, date(2025, 5, 14))
    assert "Wed 14 May 2025: 4 reviews" in heat and 'class="heat-4 heat-today"' in heat
    assert "5 reviews on 2 days" in heat and "style=" not in heat
    bar = charts.states_bar(stats.StateCounts(new=3, young=1))
    assert "New 3; Learning 0; Relearning 0; Young 1; Mature 0." in bar and 'width="75.00%"' in bar
