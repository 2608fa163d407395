"""The attempt aggregate: a quiz taken once, the questions it drew (pinned to revisions) and the responses."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, DateTime, ForeignKey, Index, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.articles import utcnow
from app.models.questions import QuestionRevision

MODES = ("practice", "test")
SOURCE_KINDS = ("article", "tag", "set", "mistakes", "all")


class Attempt(db.Model):
    __tablename__ = "attempts"
    __table_args__ = (
        CheckConstraint("user_id IS NOT NULL OR visitor_token IS NOT NULL", name="owner"),
        Index("ix_attempts_user_id_started_at", "user_id", "started_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # Visitors (no account) own their attempts through a random token kept in their session cookie.
    visitor_token: Mapped[str | None] = mapped_column(String(64), index=True)
    source_kind: Mapped[str] = mapped_column(String(20))
    source_key: Mapped[str] = mapped_column(String(120), default="")
    title: Mapped[str] = mapped_column(String(300))
    mode: Mapped[str] = mapped_column(String(20))
    started_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now()
    )
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    question_count: Mapped[int]
    correct_count: Mapped[int] = mapped_column(default=0)
    score: Mapped[float | None]  # 0..1, set when finished
    # The class assignment this attempt was taken for, if any (the source is then its question set).
    assignment_id: Mapped[int | None] = mapped_column(
        ForeignKey("assignments.id", ondelete="SET NULL"), index=True
    )

    items: Mapped[list[AttemptItem]] = relationship(
        order_by="AttemptItem.position", cascade="all, delete-orphan"
    )
    responses: Mapped[list[Response]] = relationship(
        order_by="Response.position", cascade="all, delete-orphan"
    )

    @property
    def finished(self) -> bool:
        return self.finished_at is not None


class AttemptItem(db.Model):
    """The n-th question of an attempt, pinned to the revision shown, with its shuffled choice order."""

    __tablename__ = "attempt_items"
    __table_args__ = (UniqueConstraint("attempt_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id", ondelete="CASCADE"))
    position: Mapped[int]
    revision_id: Mapped[int] = mapped_column(
        ForeignKey("question_revisions.id", ondelete="RESTRICT"), index=True
    )
    choice_order: Mapped[list] = mapped_column(JSON, default=list)

    revision: Mapped[QuestionRevision] = relationship()


class Response(db.Model):
    """A graded answer; (attempt, position) is unique, so a replayed submit can never count twice."""

    __tablename__ = "responses"
    __table_args__ = (
        UniqueConstraint("attempt_id", "position"),
        Index("ix_responses_revision_id", "revision_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id", ondelete="CASCADE"))
    position: Mapped[int]
    revision_id: Mapped[int] = mapped_column(ForeignKey("question_revisions.id", ondelete="RESTRICT"))
    response: Mapped[object] = mapped_column(JSON)
    correct: Mapped[bool]
    score: Mapped[float]
    feedback: Mapped[str] = mapped_column(String(500), default="")
    time_taken_ms: Mapped[int | None]
    answered_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now()
    )

    revision: Mapped[QuestionRevision] = relationship()
