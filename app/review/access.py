"""Looking things up for the logged-in learner: their decks and cards by id *and* owner (else 404), and now.

Views call `access.current_time()` (tests replace it to travel in time).
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

from flask import abort
from flask_login import current_user
from sqlalchemy import select

from app.extensions import db
from app.models import Deck, Question, QuestionRevision, ReviewSettings
from app.models.questions import revision_sources
from app.review import decks
from app.review.scheduling import Settings
from app.review.service import CardContext, card_context


def current_time() -> datetime:
    """Now, in UTC (tests replace it to travel in time)."""
    return datetime.now(UTC)


def now_ms() -> int:
    return int(time.time() * 1000)


def owned_deck_and_settings(deck_id: int) -> tuple[Deck, Settings]:
    """The learner's deck and settings in one query; 404 if the deck is not theirs."""
    row = db.session.execute(
        select(Deck, ReviewSettings)
        .outerjoin(ReviewSettings, ReviewSettings.user_id == Deck.user_id)
        .where(Deck.id == deck_id, Deck.user_id == current_user.id)
    ).one_or_none()
    if row is None:
        abort(404)
    return row[0], Settings.of(row[1])


def owned_deck(deck_id: int) -> Deck:
    deck = decks.owned_deck(db.session, deck_id, current_user.id)
    if deck is None:
        abort(404)
    return deck


def current_revision(question_id: int) -> QuestionRevision:
    """The question's current wording with tags, evidence spans and articles (clean text), in 3 queries."""
    revision = db.session.scalar(
        select(QuestionRevision)
        .join(Question, Question.current_revision_id == QuestionRevision.id)
        .where(Question.id == question_id)
        .options(
            *revision_sources(),
        )
    )
    if revision is None:
        abort(404)
    return revision


def owned_card(deck_id: int, card_id: int) -> CardContext:
    context = card_context(db.session, deck_id, card_id, current_user.id)
    if context is None:
        abort(404)
    return context
