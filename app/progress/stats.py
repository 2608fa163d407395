"""A learner's statistics, each from one SQL query: activity and streaks, scores, accuracy, history.

Every function takes a SQLAlchemy session and an owner condition on `Attempt` (see app.quiz.ownership), so
the same code serves accounts and visitors. Counting happens in the database (GROUP BY, window functions);
Python only folds the few rows that come back.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import ColumnElement, func, literal, select, union_all
from sqlalchemy.orm import Session

from app.models import (
    Article,
    Attempt,
    EvidenceSpan,
    Response,
    RevisionEvidence,
    RevisionTag,
)
from app.quiz.selection import TOPICS

CHART_LIMIT = 50  # finished quizzes drawn in the chart of scores
HISTORY_PER_PAGE = 20


def as_utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes (stored in UTC); PostgreSQL aware ones."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def percent(part: int, whole: int) -> int | None:
    """`part` of `whole` as a whole percentage, rounded half up (None when there is nothing to divide)."""
    return math.floor(100 * part / whole + 0.5) if whole else None


# ── Activity: answers per UTC day, and the streaks they make ────────────────────────────────────────────


@dataclass(frozen=True)
class Activity:
    answered: int = 0
    correct: int = 0
    current_streak: int = 0
    best_streak: int = 0
    active_days: int = 0
    last_active: date | None = None

    @property
    def accuracy(self) -> int | None:
        return percent(self.correct, self.answered)


def utc_day(session: Session, column):
    """The UTC calendar day of a timestamp column, in the session's SQL dialect."""
    if session.get_bind().dialect.name == "postgresql":
        return func.date(func.timezone("UTC", column))
    return func.date(column)  # SQLite stores the UTC wall time as text


def as_date(value) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value


def streaks(days: Iterable[date], today: date) -> tuple[int, int]:
    """(current, best): runs of consecutive active days; the current run ends today, or yesterday."""
    ordered = sorted(set(days))
    best = run = 0
    previous: date | None = None
    for day in ordered:
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        best = max(best, run)
        previous = day
    current = run if previous is not None and today - previous <= timedelta(days=1) else 0
    return current, best


def activity(session: Session, owner: ColumnElement[bool], today: date) -> Activity:
    """Answers and correct answers overall, and the streaks of days with at least one answer."""
    day = utc_day(session, Response.answered_at).label("day")
    rows = session.execute(
        select(day, func.count(Response.id), func.count(Response.id).filter(Response.correct))
        .join(Attempt, Attempt.id == Response.attempt_id)
        .where(owner)
        .group_by(day)
    ).all()
    if not rows:
        return Activity()
    days = [as_date(row[0]) for row in rows]
    current, best = streaks(days, today)
    return Activity(
        answered=sum(row[1] for row in rows),
        correct=sum(row[2] for row in rows),
        current_streak=current,
        best_streak=best,
        active_days=len(days),
        last_active=max(days),
    )


# ── Scores of finished quizzes, for the chart ────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class ScorePoint:
    attempt_id: int
    title: str
    mode: str
    finished_at: datetime
    score: float  # 0..1


@dataclass(frozen=True)
class ScoreHistory:
    points: list[ScorePoint]  # oldest first
    finished_total: int  # all finished quizzes, of which `points` are the most recent

    @property
    def truncated(self) -> bool:
        return self.finished_total > len(self.points)

    @property
    def average(self) -> int | None:
        """The mean score of the quizzes in `points`, as a whole percentage."""
        return round(100 * sum(p.score for p in self.points) / len(self.points)) if self.points else None


def score_history(session: Session, owner: ColumnElement[bool], limit: int = CHART_LIMIT) -> ScoreHistory:
    """The most recent `limit` finished quizzes' scores, and how many were finished in all."""
    rows = session.execute(
        select(
            Attempt.id,
            Attempt.title,
            Attempt.mode,
            Attempt.finished_at,
            Attempt.score,
            func.count().over().label("total"),
        )
        .where(owner, Attempt.finished_at.is_not(None))
        .order_by(Attempt.finished_at.desc(), Attempt.id.desc())
        .limit(limit)
    ).all()
    points = [
        ScorePoint(row.id, row.title, row.mode, as_utc(row.finished_at), float(row.score or 0))
        for row in rows
    ]
    return ScoreHistory(points[::-1], rows[0].total if rows else 0)


# ── Attempt history, a page at a time ────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class AttemptRow:
    id: int
    title: str
    mode: str
    started_at: datetime
    finished_at: datetime | None
    score: float | None
    question_count: int
    correct_count: int
    answered: int

    @property
    def finished(self) -> bool:
        return self.finished_at is not None


@dataclass(frozen=True)
class HistoryPage:
    items: list[AttemptRow]
    total: int  # every attempt the owner has (0 when the page is past the end)
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def first_number(self) -> int:
        return (self.page - 1) * self.per_page + 1


def attempt_history(
    session: Session, owner: ColumnElement[bool], page: int = 1, per_page: int = HISTORY_PER_PAGE
) -> HistoryPage:
    """Attempts, newest first, `per_page` at a time; the total comes from a window count in the same query."""
    answered = (
        select(func.count(Response.id))
        .where(Response.attempt_id == Attempt.id)
        .scalar_subquery()
        .label("answered")
    )
    rows = session.execute(
        select(
            Attempt.id,
            Attempt.title,
            Attempt.mode,
            Attempt.started_at,
            Attempt.finished_at,
            Attempt.score,
            Attempt.question_count,
            Attempt.correct_count,
            answered,
            func.count().over().label("total"),
        )
        .where(owner)
        .order_by(Attempt.started_at.desc(), Attempt.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    items = [
        AttemptRow(
            id=row.id,
            title=row.title,
            mode=row.mode,
            started_at=as_utc(row.started_at),
            finished_at=as_utc(row.finished_at) if row.finished_at else None,
            score=row.score,
            question_count=row.question_count,
            correct_count=row.correct_count,
            answered=row.answered,
        )
        for row in rows
    ]
    return HistoryPage(items, rows[0].total if rows else 0, page, per_page)


# ── Accuracy per article and per topic ───────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Accuracy:
    key: str  # article slug, or tag
    name: str  # article title, or the topic's display name
    answered: int
    correct: int

    @property
    def accuracy(self) -> int:
        return percent(self.correct, self.answered) or 0


@dataclass(frozen=True)
class Breakdown:
    articles: list[Accuracy] = field(default_factory=list)
    topics: list[Accuracy] = field(default_factory=list)


def weakest_first(rows: Iterable[Accuracy]) -> list[Accuracy]:
    return sorted(rows, key=lambda row: (row.correct / row.answered, -row.answered, row.name))


def accuracy_breakdown(session: Session, owner: ColumnElement[bool]) -> Breakdown:
    """Answered and correct per article cited by the questions, and per catalogue topic, in one query.

    A question citing two spans of one article counts once for it; a question tagged with two topics counts
    for each.
    """
    by_article = (
        select(
            literal("article").label("kind"),
            Article.slug.label("key"),
            Article.title.label("name"),
            func.count(Response.id.distinct()).label("answered"),
            func.count(Response.id.distinct()).filter(Response.correct).label("correct"),
        )
        .select_from(Response)
        .join(Attempt, Attempt.id == Response.attempt_id)
        .join(RevisionEvidence, RevisionEvidence.revision_id == Response.revision_id)
        .join(EvidenceSpan, EvidenceSpan.id == RevisionEvidence.span_id)
        .join(Article, Article.id == EvidenceSpan.article_id)
        .where(owner)
        .group_by(Article.id, Article.slug, Article.title)
    )
    by_topic = (
        select(
            literal("topic").label("kind"),
            RevisionTag.tag.label("key"),
            RevisionTag.tag.label("name"),
            func.count(Response.id).label("answered"),
            func.count(Response.id).filter(Response.correct).label("correct"),
        )
        .select_from(Response)
        .join(Attempt, Attempt.id == Response.attempt_id)
        .join(RevisionTag, RevisionTag.revision_id == Response.revision_id)
        .where(owner, RevisionTag.tag.in_(TOPICS))
        .group_by(RevisionTag.tag)
    )
    articles, topics = [], []
    for row in session.execute(union_all(by_article, by_topic)):
        if row.kind == "article":
            articles.append(Accuracy(row.key, row.name, row.answered, row.correct))
        else:
            topics.append(Accuracy(row.key, TOPICS[row.key], row.answered, row.correct))
    return Breakdown(weakest_first(articles), weakest_first(topics))


def today_utc() -> date:
    return datetime.now(UTC).date()
