"""Rating a card and undoing ratings: the writes, each applied at most once (optimistic `version` check).

A rating names the card version the learner saw. The UPDATE only applies while the row still has that version,
so of two ratings sent for the same view (two tabs, a double click) exactly one applies, on SQLite and on
PostgreSQL alike: there the second UPDATE waits for the first to commit, then matches no row. Nothing is
logged for the loser. The caller commits (or rolls back on an error).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from app.models import Deck, ReviewCard, ReviewLog, ReviewSettings
from app.review import scheduling
from app.review.scheduling import CardState, Outcome, Settings

MAX_DURATION_MS = 60_000  # Anki's "maximum answer seconds": a card left open longer counts as a minute


class ReviewError(Exception):
    """A rating or undo that cannot apply, with a message for the learner."""


class AlreadyReviewedError(ReviewError):
    def __init__(self) -> None:
        super().__init__(
            "That card was already reviewed (in another tab, or by a second click), "
            "so this rating was not recorded again."
        )


class NothingToUndoError(ReviewError):
    pass


@dataclass(frozen=True)
class CardContext:
    card: ReviewCard
    deck: Deck
    settings: Settings


def card_context(session: Session, deck_id: int, card_id: int, user_id: int) -> CardContext | None:
    """The learner's card, deck and settings in one query; None unless both card and deck are theirs."""
    row = session.execute(
        select(ReviewCard, Deck, ReviewSettings)
        .join(Deck, Deck.user_id == ReviewCard.user_id)
        .outerjoin(ReviewSettings, ReviewSettings.user_id == ReviewCard.user_id)
        .where(ReviewCard.id == card_id, ReviewCard.user_id == user_id, Deck.id == deck_id)
    ).one_or_none()
    if row is None:
        return None
    card, deck, settings = row
    return CardContext(card, deck, Settings.of(settings))


def clamp_duration(duration_ms: int | None) -> int | None:
    return None if duration_ms is None else min(max(duration_ms, 0), MAX_DURATION_MS)


def rate_card(
    session: Session,
    context: CardContext,
    rating: int,
    *,
    seen_version: int,
    now: datetime,
    duration_ms: int | None = None,
) -> Outcome:
    """Apply `rating` to the card as the learner saw it (`seen_version`) and log it with the state before."""
    card = context.card
    if card.version != seen_version:
        raise AlreadyReviewedError()
    outcome = scheduling.rate(CardState.of(card), rating, now, context.settings, card.id)
    applied = session.execute(
        update(ReviewCard)
        .where(ReviewCard.id == card.id, ReviewCard.version == seen_version)
        .values(**outcome.after.columns(), version=ReviewCard.version + 1)
        .execution_options(synchronize_session=False)
    )
    if applied.rowcount != 1:
        raise AlreadyReviewedError()
    session.execute(
        insert(ReviewLog).values(
            card_id=card.id,
            user_id=card.user_id,
            deck_id=context.deck.id,
            rating=rating,
            reviewed_at=outcome.reviewed_at,
            duration_ms=clamp_duration(duration_ms),
            **outcome.before.columns("_before"),
        )
    )
    return outcome


def undo_last(session: Session, deck: Deck) -> int:
    """Undo the deck's latest rating: the card gets back the state the log saved, the log goes.

    Returns the card's id. Each call undoes one more rating, newest first.
    """
    row = session.execute(
        select(ReviewLog, ReviewCard)
        .join(ReviewCard, ReviewCard.id == ReviewLog.card_id)
        .where(ReviewLog.deck_id == deck.id, ReviewLog.user_id == deck.user_id)
        .order_by(ReviewLog.reviewed_at.desc(), ReviewLog.id.desc())
        .limit(1)
    ).one_or_none()
    if row is None:
        raise NothingToUndoError("There is nothing to undo in this deck.")
    log, card = row
    if card.reps != log.reps_before + 1:  # rated again since, from another deck holding the same question
        raise NothingToUndoError("That review can no longer be undone: the card was reviewed again since.")
    deleted = session.execute(
        delete(ReviewLog).where(ReviewLog.id == log.id).execution_options(synchronize_session=False)
    )
    restored = session.execute(
        update(ReviewCard)
        .where(ReviewCard.id == card.id, ReviewCard.version == card.version)
        .values(**CardState.of(log, "_before").columns(), version=ReviewCard.version + 1)
        .execution_options(synchronize_session=False)
    )
    if deleted.rowcount != 1 or restored.rowcount != 1:
        raise NothingToUndoError("That review was just undone or changed elsewhere; nothing else was undone.")
    return card.id
