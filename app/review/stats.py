"""Flashcard statistics, each from one SQL query: due forecast, reviews per day, true retention, cards by
state, time spent — for all of a learner's cards or one deck's.

True retention is Anki's: the share of reviews of cards in the Review state that were not rated Again,
split by the interval the card had (young under 21 days, mature from 21). Days are UTC days.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import and_, case, exists, func, select, true, union
from sqlalchemy.orm import Session

from app.models import Deck, ReviewCard, ReviewLog
from app.models.reviews import LEARNING, NEW, RELEARNING, REVIEW
from app.progress.stats import as_date, percent, streaks, utc_day
from app.review.decks import day_bounds, deck_question_ids
from app.review.scheduling import AGAIN, MATURE_DAYS

FORECAST_DAYS = 30
CALENDAR_WEEKS = 53


@dataclass(frozen=True)
class ForecastDay:
    day: date
    learning: int = 0
    review: int = 0

    @property
    def total(self) -> int:
        return self.learning + self.review


@dataclass(frozen=True)
class Period:
    """Reviews and time in one period, with true retention on young and mature cards."""

    label: str
    reviews: int = 0
    duration_ms: int = 0
    young_passed: int = 0
    young_total: int = 0
    mature_passed: int = 0
    mature_total: int = 0

    @property
    def young(self) -> int | None:
        return percent(self.young_passed, self.young_total)

    @property
    def mature(self) -> int | None:
        return percent(self.mature_passed, self.mature_total)

    @property
    def overall(self) -> int | None:
        return percent(self.young_passed + self.mature_passed, self.young_total + self.mature_total)

    @property
    def minutes(self) -> float:
        return self.duration_ms / 60000

    @property
    def seconds_per_card(self) -> float | None:
        return self.duration_ms / 1000 / self.reviews if self.reviews else None


@dataclass(frozen=True)
class StateCounts:
    new: int = 0  # never rated (including questions of the learner's decks not yet shown)
    learning: int = 0
    relearning: int = 0
    young: int = 0
    mature: int = 0

    @property
    def total(self) -> int:
        return self.new + self.learning + self.relearning + self.young + self.mature

    def parts(self) -> list[tuple[str, str, int]]:
        """(css key, label, count) in the order the bar shows them."""
        return [
            ("new", "New", self.new),
            ("learning", "Learning", self.learning),
            ("relearning", "Relearning", self.relearning),
            ("young", "Young", self.young),
            ("mature", "Mature", self.mature),
        ]


@dataclass(frozen=True)
class Report:
    forecast: list[ForecastDay]
    calendar: dict[date, int]
    periods: list[Period]
    states: StateCounts
    current_streak: int = 0
    best_streak: int = 0
    overdue: int = 0
    extra: dict = field(default_factory=dict)

    @property
    def today(self) -> Period:
        return self.periods[0]

    @property
    def month(self) -> Period:
        return self.periods[2]

    @property
    def everything(self) -> Period:
        return self.periods[-1]

    @property
    def active_days(self) -> int:
        return sum(1 for n in self.calendar.values() if n)

    @property
    def busiest_day(self) -> int:
        return max(self.calendar.values(), default=0)


def log_scope(user_id: int, deck: Deck | None):
    condition = ReviewLog.user_id == user_id
    return and_(condition, ReviewLog.deck_id == deck.id) if deck is not None else condition


def card_scope(user_id: int, deck: Deck | None):
    condition = ReviewCard.user_id == user_id
    return (
        and_(condition, ReviewCard.question_id.in_(deck_question_ids(deck)))
        if deck is not None
        else condition
    )


def forecast(
    session: Session, user_id: int, now: datetime, deck: Deck | None = None
) -> tuple[list[ForecastDay], int]:
    """Cards due on each of the next 30 days (overdue ones count today), and how many are overdue."""
    today, _ = day_bounds(now)
    end = today + timedelta(days=FORECAST_DAYS)
    day = utc_day(session, ReviewCard.due)
    learning = ReviewCard.state.in_((LEARNING, RELEARNING))
    rows = session.execute(
        select(
            day,
            func.count(ReviewCard.id).filter(learning),
            func.count(ReviewCard.id).filter(ReviewCard.state == REVIEW),
        )
        .where(card_scope(user_id, deck), ReviewCard.state != NEW, ReviewCard.due < end)
        .group_by(day)
    ).all()
    start = today.date()
    counts: dict[date, list[int]] = {}
    overdue = 0
    for raw_day, n_learning, n_review in rows:
        due_day = as_date(raw_day)
        if due_day < start:
            overdue += n_learning + n_review
        key = max(due_day, start)
        counts.setdefault(key, [0, 0])
        counts[key][0] += n_learning
        counts[key][1] += n_review
    days = [start + timedelta(days=i) for i in range(FORECAST_DAYS)]
    return [ForecastDay(d, *counts.get(d, (0, 0))) for d in days], overdue


def calendar(session: Session, user_id: int, now: datetime, deck: Deck | None = None) -> dict[date, int]:
    """Reviews per UTC day over the last 53 weeks (days without reviews are absent)."""
    today, _ = day_bounds(now)
    since = today - timedelta(weeks=CALENDAR_WEEKS)
    day = utc_day(session, ReviewLog.reviewed_at)
    rows = session.execute(
        select(day, func.count(ReviewLog.id))
        .where(log_scope(user_id, deck), ReviewLog.reviewed_at >= since)
        .group_by(day)
    ).all()
    return {as_date(d): n for d, n in rows}


def periods(session: Session, user_id: int, now: datetime, deck: Deck | None = None) -> list[Period]:
    """Today, the last 7, 30 and 365 days, and all time: reviews, time spent, true retention."""
    today, _ = day_bounds(now)
    spans = [
        ("Today", today),
        ("Last 7 days", today - timedelta(days=6)),
        ("Last 30 days", today - timedelta(days=29)),
        ("Last 365 days", today - timedelta(days=364)),
        ("All time", None),
    ]
    reviewed = ReviewLog.state_before == REVIEW
    young = and_(reviewed, ReviewLog.scheduled_days_before < MATURE_DAYS)
    mature = and_(reviewed, ReviewLog.scheduled_days_before >= MATURE_DAYS)
    passed = ReviewLog.rating != AGAIN
    columns = []
    for _, since in spans:
        within = ReviewLog.reviewed_at >= since if since is not None else true()

        def total(*conditions, within=within):
            return func.coalesce(func.sum(case((and_(within, *conditions), 1), else_=0)), 0)

        columns += [
            total(),
            func.coalesce(func.sum(case((within, func.coalesce(ReviewLog.duration_ms, 0)), else_=0)), 0),
            total(young, passed),
            total(young),
            total(mature, passed),
            total(mature),
        ]
    row = session.execute(select(*columns).where(log_scope(user_id, deck))).one()
    values = [int(v or 0) for v in row]
    return [Period(label, *values[i * 6 : i * 6 + 6]) for i, (label, _) in enumerate(spans)]


def state_counts(session: Session, user_id: int, decks: list[Deck], deck: Deck | None = None) -> StateCounts:
    """Cards by state; "new" adds the questions of the learner's decks (or the deck) they have not seen."""
    category = case(
        (ReviewCard.state == NEW, "new"),
        (ReviewCard.state == LEARNING, "learning"),
        (ReviewCard.state == RELEARNING, "relearning"),
        (ReviewCard.scheduled_days >= MATURE_DAYS, "mature"),
        else_="young",
    )
    counts = dict(
        session.execute(
            select(category, func.count(ReviewCard.id)).where(card_scope(user_id, deck)).group_by(category)
        ).all()
    )
    sources = [deck] if deck is not None else decks
    unseen = 0
    if sources:
        members = union(*(deck_question_ids(d) for d in sources)).subquery()
        unseen = session.scalar(
            select(func.count())
            .select_from(members)
            .where(
                ~exists().where(
                    ReviewCard.user_id == user_id, ReviewCard.question_id == members.c.question_id
                )
            )
        )
    return StateCounts(
        new=counts.get("new", 0) + (unseen or 0),
        learning=counts.get("learning", 0),
        relearning=counts.get("relearning", 0),
        young=counts.get("young", 0),
        mature=counts.get("mature", 0),
    )


def report(
    session: Session, user_id: int, now: datetime, decks: list[Deck], deck: Deck | None = None
) -> Report:
    days, overdue = forecast(session, user_id, now, deck)
    per_day = calendar(session, user_id, now, deck)
    current, best = streaks((d for d, n in per_day.items() if n), now.date())
    return Report(
        forecast=days,
        calendar=per_day,
        periods=periods(session, user_id, now, deck),
        states=state_counts(session, user_id, decks, deck),
        current_streak=current,
        best_streak=best,
        overdue=overdue,
    )
