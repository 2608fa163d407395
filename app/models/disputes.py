"""The dispute aggregate: a student's flag that an answer is wrong per the source, and how it was resolved."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.articles import utcnow
from app.models.attempts import Response
from app.models.questions import Question, QuestionRevision
from app.models.users import User

# open until an owner resolves it by editing the question, retiring it, or keeping it as it is.
DISPUTE_STATUSES = ("open", "edited", "retired", "kept")


class Dispute(db.Model):
    __tablename__ = "disputes"
    # One flag per graded answer: a double submit or a second click does not file it twice.
    __table_args__ = (UniqueConstraint("user_id", "response_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"), index=True)
    # The revision the student answered: what the dispute is about, even after the question is edited.
    revision_id: Mapped[int] = mapped_column(ForeignKey("question_revisions.id", ondelete="RESTRICT"))
    response_id: Mapped[int | None] = mapped_column(ForeignKey("responses.id", ondelete="SET NULL"))
    comment: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    resolution_note: Mapped[str] = mapped_column(Text, default="")
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now()
    )
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    resolved_by: Mapped[User | None] = relationship(foreign_keys=[resolved_by_id])
    question: Mapped[Question] = relationship()
    revision: Mapped[QuestionRevision] = relationship()
    response: Mapped[Response | None] = relationship()

    @property
    def is_open(self) -> bool:
        return self.status == "open"
