"""The review aggregate: a learner's flashcard decks, their cards' FSRS state, each review, their settings."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    SmallInteger,
    String,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.articles import utcnow
from app.models.questions import Question

DECK_SOURCES = ("article", "tag", "set")
# Card states: FSRS's Learning, Review and Relearning (1–3), and New (0) for a card never rated.
NEW, LEARNING, REVIEW, RELEARNING = 0, 1, 2, 3
STATE_NAMES = {NEW: "New", LEARNING: "Learning", REVIEW: "Review", RELEARNING: "Relearning"}
# Anki's defaults.
NEW_PER_DAY, REVIEWS_PER_DAY = 20, 200
DESIRED_RETENTION = 0.9
LEARNING_STEPS, RELEARNING_STEPS = [60, 600], [600]  # seconds: 1m 10m, and 10m
MAXIMUM_INTERVAL = 36500  # days


class Deck(db.Model):
    """A learner's deck: the approved questions of an article, a topic or a question set, looked up live."""

    __tablename__ = "decks"
    __table_args__ = (
        UniqueConstraint("user_id", "source_kind", "source_key"),
        CheckConstraint("new_per_day BETWEEN 0 AND 9999", name="new_per_day"),
        CheckConstraint("reviews_per_day BETWEEN 0 AND 9999", name="reviews_per_day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    source_kind: Mapped[str] = mapped_column(String(20))
    source_key: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(String(300))
    new_per_day: Mapped[int] = mapped_column(default=NEW_PER_DAY)
    reviews_per_day: Mapped[int] = mapped_column(default=REVIEWS_PER_DAY)
    typed_answers: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now()
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow, server_default=func.now()
    )

    def __repr__(self) -> str:
        return f"<Deck {self.source_kind}:{self.source_key} of user {self.user_id}>"


class ReviewCard(db.Model):
    """One question as one learner's flashcard, with its FSRS memory state; created when first shown.

    `version` grows with every change, so a rating sent from a page that showed an older version (a second
    tab, a double submit) is refused instead of applied twice.
    """

    __tablename__ = "review_cards"
    __table_args__ = (
        UniqueConstraint("user_id", "question_id"),
        Index("ix_review_cards_user_id_due", "user_id", "due"),
        CheckConstraint("state BETWEEN 0 AND 3", name="state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"), index=True)
    state: Mapped[int] = mapped_column(SmallInteger, default=NEW)
    step: Mapped[int | None]
    stability: Mapped[float | None] = mapped_column(Float)
    difficulty: Mapped[float | None] = mapped_column(Float)
    due: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_review: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    scheduled_days: Mapped[int] = mapped_column(default=0)  # the interval the last review gave, in days
    reps: Mapped[int] = mapped_column(default=0)
    lapses: Mapped[int] = mapped_column(default=0)
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now()
    )

    question: Mapped[Question] = relationship()


class ReviewLog(db.Model):
    """One rating, with the card's state just before it: enough to undo it exactly and to fit FSRS."""

    __tablename__ = "review_logs"
    __table_args__ = (
        Index("ix_review_logs_user_id_reviewed_at", "user_id", "reviewed_at"),
        Index("ix_review_logs_deck_id_reviewed_at", "deck_id", "reviewed_at"),
        CheckConstraint("rating BETWEEN 1 AND 4", name="rating"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("review_cards.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    deck_id: Mapped[int | None] = mapped_column(ForeignKey("decks.id", ondelete="SET NULL"))
    rating: Mapped[int] = mapped_column(SmallInteger)
    reviewed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    duration_ms: Mapped[int | None]
    # The card as it was before this review.
    state_before: Mapped[int] = mapped_column(SmallInteger)
    step_before: Mapped[int | None]
    stability_before: Mapped[float | None] = mapped_column(Float)
    difficulty_before: Mapped[float | None] = mapped_column(Float)
    due_before: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_review_before: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    scheduled_days_before: Mapped[int] = mapped_column(default=0)
    reps_before: Mapped[int] = mapped_column(default=0)
    lapses_before: Mapped[int] = mapped_column(default=0)


class ReviewSettings(db.Model):
    """A learner's scheduling settings; a learner without a row gets Anki's defaults."""

    __tablename__ = "review_settings"
    __table_args__ = (
        CheckConstraint("desired_retention BETWEEN 0.7 AND 0.99", name="desired_retention"),
        CheckConstraint("maximum_interval BETWEEN 1 AND 36500", name="maximum_interval"),
    )

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    desired_retention: Mapped[float] = mapped_column(Float, default=DESIRED_RETENTION)
    learning_steps: Mapped[list] = mapped_column(JSON, default=lambda: list(LEARNING_STEPS))
    relearning_steps: Mapped[list] = mapped_column(JSON, default=lambda: list(RELEARNING_STEPS))
    maximum_interval: Mapped[int] = mapped_column(default=MAXIMUM_INTERVAL)
    # FSRS weights fitted to this learner's reviews by `flask review optimize`; None: FSRS's defaults.
    parameters: Mapped[list | None] = mapped_column(JSON)
    parameters_fitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    parameters_review_count: Mapped[int | None]
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow, server_default=func.now()
    )
