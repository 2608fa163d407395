"""The class aggregate: a teacher's class, its students (joined with a code) and its assignments."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.articles import utcnow
from app.models.sets import QuestionSet
from app.models.users import User

# Join codes avoid letters and digits people confuse when a code is read aloud or copied from a board.
JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 10  # 32**10 ≈ 10**15: unguessable behind the join form's rate limit
ASSIGNMENT_MODES = ("practice", "test")
# When a student sees the correct answers and their sources: as soon as they finish, or after the due date.
ANSWERS_SHOWN = ("immediately", "after_due")


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


class SchoolClass(db.Model):
    __tablename__ = "classes"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    join_code: Mapped[str] = mapped_column(String(32), unique=True, default=new_join_code)
    join_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now()
    )

    owner: Mapped[User] = relationship(foreign_keys=[owner_id])
    members: Mapped[list[ClassMember]] = relationship(
        order_by="ClassMember.joined_at", cascade="all, delete-orphan"
    )
    assignments: Mapped[list[Assignment]] = relationship(
        back_populates="school_class", order_by="Assignment.created_at", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<SchoolClass {self.name!r}>"


class ClassMember(db.Model):
    """A student in a class."""

    __tablename__ = "class_members"

    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    joined_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now()
    )

    user: Mapped[User] = relationship()


class Assignment(db.Model):
    """A question set given to a class: how it is taken, when, how often, and when answers are shown."""

    __tablename__ = "assignments"
    __table_args__ = (
        CheckConstraint("attempts_allowed IS NULL OR attempts_allowed > 0", name="attempts_allowed"),
        CheckConstraint("due_at IS NULL OR opens_at IS NULL OR due_at > opens_at", name="due_after_open"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), index=True)
    set_id: Mapped[int] = mapped_column(ForeignKey("question_sets.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    mode: Mapped[str] = mapped_column(String(20), default="test")
    opens_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # None: open now
    due_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # None: no due date
    attempts_allowed: Mapped[int | None] = mapped_column(default=1)  # None: unlimited
    answers_shown: Mapped[str] = mapped_column(String(20), default="immediately")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now()
    )

    school_class: Mapped[SchoolClass] = relationship(back_populates="assignments")
    question_set: Mapped[QuestionSet] = relationship()

    def __repr__(self) -> str:
        return f"<Assignment {self.title!r}>"
