"""The question aggregate: a stable question, its immutable revisions, their evidence spans and tags."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship, selectinload

from app.bank.content import Content, freeze
from app.extensions import db
from app.models.articles import Article, EvidenceSpan, utcnow
from app.models.users import User

STATUSES = ("draft", "approved", "retired")
ORIGINS = ("curated", "generated")
DIFFICULTIES = ("easy", "medium", "hard")


class Question(db.Model):
    """What a question *is* over time; what it *says* lives in its revisions (attempts keep theirs)."""

    __tablename__ = "questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    status: Mapped[str] = mapped_column(String(20), default="approved", index=True)
    origin: Mapped[str] = mapped_column(String(20), default="curated")
    # The bank file that defines it (relative to questions/), or None for questions made in the app.
    source_file: Mapped[str | None] = mapped_column(String(300))
    # The teacher who wrote it in the app (None for the bank's questions and unowned imports).
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    # Generated drafts: how sure the generator was (0..1) and what a reviewer should check, lowest first.
    confidence: Mapped[float | None]
    review_reason: Mapped[str | None] = mapped_column(Text)
    current_revision_id: Mapped[int | None] = mapped_column(
        ForeignKey("question_revisions.id", use_alter=True, ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now()
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow, server_default=func.now()
    )

    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    current_revision: Mapped[QuestionRevision | None] = relationship(
        foreign_keys=[current_revision_id], post_update=True
    )
    revisions: Mapped[list[QuestionRevision]] = relationship(
        back_populates="question",
        foreign_keys="QuestionRevision.question_id",
        order_by="QuestionRevision.number",
        cascade="all, delete-orphan",
    )

    def __repr__(self) -> str:
        return f"<Question {self.key}>"


class QuestionRevision(db.Model):
    """One immutable wording of a question, with the spans that prove its answer."""

    __tablename__ = "question_revisions"
    __table_args__ = (UniqueConstraint("question_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    type: Mapped[str] = mapped_column(String(30))
    prompt: Mapped[str] = mapped_column(Text)
    answer: Mapped[object] = mapped_column(JSON)
    # Type-specific fields: accepted_answers, choices, tolerance, unit, role.
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    explanation: Mapped[str] = mapped_column(Text)
    difficulty: Mapped[str] = mapped_column(String(10), default="medium")
    content_hash: Mapped[str] = mapped_column(String(64))
    # Who wrote this wording in the app (None for the bank's files), and why it exists ("Restored from r1").
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(String(200), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now()
    )

    question: Mapped[Question] = relationship(back_populates="revisions", foreign_keys=[question_id])
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    evidence: Mapped[list[RevisionEvidence]] = relationship(
        order_by="RevisionEvidence.position", cascade="all, delete-orphan"
    )
    tags: Mapped[list[RevisionTag]] = relationship(order_by="RevisionTag.tag", cascade="all, delete-orphan")

    @property
    def tag_names(self) -> list[str]:
        return [t.tag for t in self.tags]

    @property
    def content(self) -> Content:
        return Content.from_details(
            details=self.details or {},
            type=self.type,
            prompt=self.prompt,
            answer=freeze(self.answer),
            explanation=self.explanation,
            tags=tuple(self.tag_names),
            difficulty=self.difficulty,
        )


class RevisionEvidence(db.Model):
    __tablename__ = "revision_evidence"
    __table_args__ = (UniqueConstraint("revision_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("question_revisions.id", ondelete="CASCADE"))
    position: Mapped[int]
    span_id: Mapped[int] = mapped_column(ForeignKey("evidence_spans.id", ondelete="RESTRICT"), index=True)

    span: Mapped[EvidenceSpan] = relationship()


class RevisionTag(db.Model):
    __tablename__ = "revision_tags"

    revision_id: Mapped[int] = mapped_column(
        ForeignKey("question_revisions.id", ondelete="CASCADE"), primary_key=True
    )
    tag: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)


def revision_sources() -> tuple:
    """Loader options for a revision's tags and cited spans, their articles' clean text included."""
    return (
        selectinload(QuestionRevision.tags),
        selectinload(QuestionRevision.evidence)
        .joinedload(RevisionEvidence.span)
        .joinedload(EvidenceSpan.article)
        .undefer(Article.clean_text),
    )
