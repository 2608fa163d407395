"""Scheduling with FSRS (the `fsrs` package): a card's memory state, a rating, all four outcomes, steps.

Plain Python: the database stores a `CardState` in columns and the log keeps the one before each rating, so
undoing a rating is putting that state back. fsrs knows no "new" state; here a card never rated is NEW and
goes to fsrs as a Learning card at step 0 without stability or difficulty, which is how fsrs starts cards.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from fsrs import Card, Rating, Scheduler, State
from fsrs.scheduler import DEFAULT_PARAMETERS, FUZZ_RANGES

from app.models.reviews import (
    DESIRED_RETENTION,
    LEARNING,
    LEARNING_STEPS,
    MAXIMUM_INTERVAL,
    NEW,
    RELEARNING,
    RELEARNING_STEPS,
    REVIEW,
)

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
RATINGS = (AGAIN, HARD, GOOD, EASY)
RATING_NAMES = {AGAIN: "Again", HARD: "Hard", GOOD: "Good", EASY: "Easy"}
MIN_RETENTION, MAX_RETENTION = 0.70, 0.99
MATURE_DAYS = 21  # Anki calls a review card mature once its interval reaches three weeks
MAX_STEPS = 10
MAX_STEP_SECONDS = 365 * 86400
STEP_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
STEP = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd])")


class SettingsError(ValueError):
    """Scheduling settings out of range, with a message for the learner."""


def as_utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes (stored in UTC), PostgreSQL aware ones; fsrs wants `UTC` itself."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


@dataclass(frozen=True)
class CardState:
    """What the scheduler knows about a card: the columns of `review_cards` (and of a log's "before")."""

    due: datetime
    state: int = NEW
    step: int | None = None
    stability: float | None = None
    difficulty: float | None = None
    last_review: datetime | None = None
    scheduled_days: int = 0
    reps: int = 0
    lapses: int = 0

    @classmethod
    def new(cls, now: datetime) -> CardState:
        return cls(due=as_utc(now))

    @classmethod
    def of(cls, row, suffix: str = "") -> CardState:
        """The state held by a card row, or with `suffix="_before"` the one a review log saved."""

        def value(name: str):
            return getattr(row, name + suffix)

        last_review = value("last_review")
        return cls(
            due=as_utc(value("due")),
            state=value("state"),
            step=value("step"),
            stability=value("stability"),
            difficulty=value("difficulty"),
            last_review=as_utc(last_review) if last_review is not None else None,
            scheduled_days=value("scheduled_days"),
            reps=value("reps"),
            lapses=value("lapses"),
        )

    def columns(self, suffix: str = "") -> dict:
        """Column values to store this state in a card row (or, with `suffix="_before"`, in a log)."""
        names = ("due", "state", "step", "stability", "difficulty", "last_review", "scheduled_days")
        return {name + suffix: getattr(self, name) for name in (*names, "reps", "lapses")}

    @property
    def is_new(self) -> bool:
        return self.state == NEW

    @property
    def is_mature(self) -> bool:
        return self.state == REVIEW and self.scheduled_days >= MATURE_DAYS


@dataclass(frozen=True)
class Settings:
    """A learner's scheduling settings; the defaults are Anki's."""

    desired_retention: float = DESIRED_RETENTION
    learning_steps: tuple[int, ...] = tuple(LEARNING_STEPS)  # seconds
    relearning_steps: tuple[int, ...] = tuple(RELEARNING_STEPS)
    maximum_interval: int = MAXIMUM_INTERVAL
    parameters: tuple[float, ...] | None = None  # fitted FSRS weights, or None for fsrs's defaults
    fuzz: bool = True

    def __post_init__(self) -> None:
        problem = retention_problem(self.desired_retention)
        if problem:
            raise SettingsError(problem)
        for steps in (self.learning_steps, self.relearning_steps):
            if len(steps) > MAX_STEPS or not all(0 < s <= MAX_STEP_SECONDS for s in steps):
                raise SettingsError(f"steps must be up to {MAX_STEPS} durations from 1s to 365d")
        if not 1 <= self.maximum_interval <= MAXIMUM_INTERVAL:
            raise SettingsError(f"the maximum interval must be 1 to {MAXIMUM_INTERVAL} days")

    @classmethod
    def of(cls, row) -> Settings:
        """The settings a `ReviewSettings` row holds, or the defaults for None."""
        if row is None:
            return cls()
        return cls(
            desired_retention=row.desired_retention,
            learning_steps=tuple(row.learning_steps or ()),
            relearning_steps=tuple(row.relearning_steps or ()),
            maximum_interval=row.maximum_interval,
            parameters=tuple(row.parameters) if row.parameters else None,
        )

    def scheduler(self, seed: int = 0) -> Scheduler:
        return SeededScheduler(
            seed=seed,
            parameters=self.parameters or DEFAULT_PARAMETERS,
            desired_retention=self.desired_retention,
            learning_steps=[timedelta(seconds=s) for s in self.learning_steps],
            relearning_steps=[timedelta(seconds=s) for s in self.relearning_steps],
            maximum_interval=self.maximum_interval,
            enable_fuzzing=self.fuzz,
        )


def retention_problem(value: float | None) -> str | None:
    if value is None or not math.isfinite(value) or not MIN_RETENTION <= value <= MAX_RETENTION:
        return f"Desired retention must be between {MIN_RETENTION:.2f} and {MAX_RETENTION:.2f}."
    return None


class SeededScheduler(Scheduler):
    """fsrs's Scheduler whose interval fuzz comes from a seeded generator instead of the global one.

    Anki seeds the fuzz with the card and its review count; so does this, and the interval each rating
    button shows is then exactly the interval that rating gives. The fuzz range is fsrs's own (FUZZ_RANGES).
    """

    def __init__(self, *, seed: int, **settings) -> None:
        super().__init__(**settings)
        self._seed = seed

    def _get_fuzzed_interval(self, *, interval: timedelta) -> timedelta:
        days = interval.days
        if days < 2.5:  # fsrs: no fuzz below 2.5 days
            return interval
        delta = 1.0
        for fuzz in FUZZ_RANGES:
            delta += fuzz["factor"] * max(min(float(days), fuzz["end"]) - fuzz["start"], 0.0)
        high = min(round(days + delta), self.maximum_interval)
        low = min(max(2, round(days - delta)), high)
        fuzzed = random.Random(self._seed).random() * (high - low + 1) + low
        return timedelta(days=min(round(fuzzed), self.maximum_interval))


def fuzz_seed(card_id: int, reps: int) -> int:
    return card_id * 100_003 + reps


@dataclass(frozen=True)
class Outcome:
    """A rating applied: the card before and after, and when."""

    rating: int
    before: CardState
    after: CardState
    reviewed_at: datetime

    @property
    def interval(self) -> timedelta:
        return self.after.due - self.reviewed_at


def to_fsrs(card: CardState, card_id: int) -> Card:
    if card.is_new:
        return Card(card_id=card_id, state=State.Learning, step=0, due=card.due)
    return Card(
        card_id=card_id,
        state=State(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
    )


def rate(card: CardState, rating: int, now: datetime, settings: Settings, card_id: int) -> Outcome:
    """The card after `rating` at `now`. Deterministic: the same inputs always give the same outcome."""
    if rating not in RATINGS:
        raise ValueError(f"a rating is 1 (Again) to 4 (Easy), not {rating!r}")
    now = as_utc(now)
    scheduler = settings.scheduler(seed=fuzz_seed(card_id, card.reps))
    reviewed, _ = scheduler.review_card(to_fsrs(card, card_id), Rating(rating), review_datetime=now)
    state = int(reviewed.state)
    due = as_utc(reviewed.due)
    after = CardState(
        due=due,
        state=state,
        step=reviewed.step,
        stability=reviewed.stability,
        difficulty=reviewed.difficulty,
        last_review=now,
        scheduled_days=(due - now).days if state == REVIEW else 0,
        reps=card.reps + 1,
        lapses=card.lapses + (1 if card.state == REVIEW and rating == AGAIN else 0),
    )
    return Outcome(rating=rating, before=card, after=after, reviewed_at=now)


def preview(card: CardState, now: datetime, settings: Settings, card_id: int) -> dict[int, Outcome]:
    """What each of the four ratings would do, asked of the scheduler (for the buttons' intervals)."""
    return {rating: rate(card, rating, now, settings, card_id) for rating in RATINGS}


def undo(outcome: Outcome) -> CardState:
    """The card as it was before the rating: the state the log saved, field for field."""
    return replace(outcome.before)


def format_interval(interval: timedelta) -> str:
    """Anki's short form: <1m, 10m, 1h, 3d, 1.5mo, 2.1y."""
    seconds = interval.total_seconds()
    if seconds < 60:
        return "<1m"
    if seconds < 3600:
        return f"{round(seconds / 60)}m"
    if seconds < 86400:
        return f"{short(seconds / 3600)}h"
    days = seconds / 86400
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{short(days / 30.4375)}mo"
    return f"{short(days / 365.25)}y"


def short(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def parse_steps(text: str) -> tuple[int, ...]:
    """ "1m 10m" → (60, 600); units s, m, h, d; separated by spaces or commas; empty for none."""
    words = [w for w in re.split(r"[\s,]+", text.strip().lower()) if w]
    seconds = []
    for word in words:
        match = STEP.fullmatch(word)
        if not match:
            raise SettingsError(f"“{word}” is not a step: write durations like 1m 10m 1h 1d.")
        value = round(float(match.group(1)) * STEP_UNITS[match.group(2)])
        if not 0 < value <= MAX_STEP_SECONDS:
            raise SettingsError(f"“{word}” is out of range: each step is from 1s to 365d.")
        seconds.append(value)
    if len(seconds) > MAX_STEPS:
        raise SettingsError(f"Give at most {MAX_STEPS} steps.")
    return tuple(seconds)


def format_steps(steps) -> str:
    """(60, 600) → "1m 10m": the largest unit that divides each step."""
    words = []
    for seconds in steps:
        for unit in ("d", "h", "m", "s"):
            if seconds % STEP_UNITS[unit] == 0:
                words.append(f"{seconds // STEP_UNITS[unit]}{unit}")
                break
    return " ".join(words)


def is_learning(state: int) -> bool:
    return state in (LEARNING, RELEARNING)
