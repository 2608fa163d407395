"""The question-set aggregate: a titled, ordered selection of questions (from the bank or a teacher)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.articles import Article, utcnow
from app.models.questions import Question
from app.models.users import User

# Who may take a set as a quiz: its owners only, its owners' classes as well (wired by the classes
# feature through `app.quiz.selection.sets_shared_with_classes`), or everyone.
VISIBILITIES = ("private", "classes", "public")


class QuestionSet(db.Model):
    __tablename__ = "question_sets"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    visibility: Mapped[str] = mapped_column(String(20), default="public")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    # The bank file that defines it (relative to questions/), or None for sets made in the app.
    source_file: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now()
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow, server_default=func.now()
    )

    items: Mapped[list[QuestionSetItem]] = relationship(
        order_by="QuestionSetItem.position", cascade="all, delete-orphan"
    )
    owner: Mapped[User | None] = relationship(foreign_keys=[owner_id])
    co_owners: Mapped[list[QuestionSetOwner]] = relationship(
        order_by="QuestionSetOwner.added_at", cascade="all, delete-orphan"
    )
    articles: Mapped[list[QuestionSetArticle]] = relationship(
        order_by="QuestionSetArticle.position", cascade="all, delete-orphan"
    )

    @property
    def owner_ids(self) -> set[int]:
        """The owner and the co-owners: the people who may edit the set."""
        ids = {c.user_id for c in self.co_owners}
        return ids | {self.owner_id} if self.owner_id is not None else ids

    def append_questions(self, questions: list[Question], *, added_by_id: int | None) -> int:
        """Add the questions the set does not have yet, at its end, in order; how many were added."""
        present = {item.question_id for item in self.items}
        position = max((item.position for item in self.items), default=0)
        added = 0
        for question in questions:
            if question.id in present:
                continue
            position += 1
            present.add(question.id)
            self.items.append(QuestionSetItem(position=position, question=question, added_by_id=added_by_id))
            added += 1
        return added


class QuestionSetItem(db.Model):
    __tablename__ = "question_set_items"
    __table_args__ = (UniqueConstraint("set_id", "position"), UniqueConstraint("set_id", "question_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    set_id: Mapped[int] = mapped_column(ForeignKey("question_sets.id", ondelete="CASCADE"))
    position: Mapped[int]
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"), index=True)
    # Who put the question in the set: an author who puts their question in a set shares it with the set's
    # owners (see app/teach/ownership.py); None for the bank's sets.
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    question: Mapped[Question] = relationship()


class QuestionSetOwner(db.Model):
    """A co-owner of a set: edits it like the owner, and the questions its owners put in it."""

    __tablename__ = "question_set_owners"

    set_id: Mapped[int] = mapped_column(ForeignKey("question_sets.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    added_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now()
    )

    user: Mapped[User] = relationship()


class QuestionSetArticle(db.Model):
    """An article a set is about: where its questions' evidence is picked from."""

    __tablename__ = "question_set_articles"
    __table_args__ = (UniqueConstraint("set_id", "position"),)

    set_id: Mapped[int] = mapped_column(ForeignKey("question_sets.id", ondelete="CASCADE"), primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int]

    article: Mapped[Article] = relationship()
