"""Fitting FSRS parameters to a learner's reviews with fsrs's Optimizer (the optional `optimizer` extra).

It pulls torch, pandas and tqdm, which the app needs for nothing else: `pip install '.[optimizer]'`.
It learns only from reviews made at least a day after the card's previous one, and fits nothing below
512 of them (one of its mini-batches); with fewer it would hand back the defaults, so that is said first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from fsrs import Rating, Scheduler
from fsrs import ReviewLog as FsrsReviewLog
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import ReviewLog, ReviewSettings
from app.review.scheduling import as_utc

MIN_SPACED_REVIEWS = 512
OPTIMIZER_PACKAGES = ("torch", "pandas", "tqdm")
INSTALL_HINT = "pip install '.[optimizer]'  (pulls torch 2.13.0, the CPU build)"


class FittingError(Exception):
    """Why parameters could not be fitted, as one line for the command line."""


class OptimizerMissingError(FittingError):
    pass


class TooFewReviewsError(FittingError):
    pass


@dataclass(frozen=True)
class Fit:
    parameters: list[float]
    reviews: int
    spaced_reviews: int
    cards: int


def load_optimizer():
    """fsrs's Optimizer class, or OptimizerMissingError saying how to install it."""
    for package in OPTIMIZER_PACKAGES:
        try:
            __import__(package)
        except ImportError:
            raise OptimizerMissingError(
                f"The FSRS optimizer is not installed ({package} is missing). "
                f"Install the optional extra: {INSTALL_HINT}"
            ) from None
    from fsrs.optimizer import Optimizer

    return Optimizer


def review_history(session: Session, user_id: int) -> list[ReviewLog]:
    query = select(ReviewLog).where(ReviewLog.user_id == user_id)
    return list(session.scalars(query.order_by(ReviewLog.reviewed_at, ReviewLog.id)))


def spaced_count(logs: list[ReviewLog]) -> int:
    """Reviews a day or more after the card's previous review: what the optimizer learns from."""
    return sum(
        1
        for log in logs
        if log.last_review_before is not None
        and (as_utc(log.reviewed_at) - as_utc(log.last_review_before)).days >= 1
    )


def fit_parameters(session: Session, user_id: int, optimizer_class=None) -> Fit:
    """Fit FSRS's 21 weights to the learner's review log (raises FittingError with the reason if not)."""
    optimizer_class = optimizer_class or load_optimizer()
    logs = review_history(session, user_id)
    spaced = spaced_count(logs)
    if spaced < MIN_SPACED_REVIEWS:
        raise TooFewReviewsError(
            f"Too few reviews to fit: {spaced:,} of the {len(logs):,} reviews came a day or more after the "
            f"card's previous one, and the optimizer needs at least {MIN_SPACED_REVIEWS}. "
            "The default parameters stay in use."
        )
    history = [
        FsrsReviewLog(
            card_id=log.card_id,
            rating=Rating(log.rating),
            review_datetime=as_utc(log.reviewed_at),
            review_duration=log.duration_ms,
        )
        for log in logs
    ]
    parameters = [float(p) for p in optimizer_class(history).compute_optimal_parameters()]
    Scheduler(parameters=parameters)  # raises ValueError if a weight is out of fsrs's bounds
    return Fit(parameters, len(logs), spaced, len({log.card_id for log in logs}))


def store_parameters(session: Session, user_id: int, fit: Fit | None, now: datetime) -> ReviewSettings:
    """Keep the fitted weights in the learner's settings (None puts fsrs's defaults back); caller commits."""
    row = session.get(ReviewSettings, user_id)
    if row is None:
        row = ReviewSettings(user_id=user_id)
        session.add(row)
    row.parameters = fit.parameters if fit else None
    row.parameters_fitted_at = now if fit else None
    row.parameters_review_count = fit.reviews if fit else None
    return row
