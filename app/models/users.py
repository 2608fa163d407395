"""The user aggregate: accounts, their role and password hash."""

from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import DateTime, String, func
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from app.extensions import db
from app.models.articles import utcnow

ROLES = ("student", "teacher", "admin")


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(80))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20), default="student")
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now()
    )
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Part of the session's user id: bumped on a password change, it ends every other session and
    # remember-me cookie of the account.
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")

    def set_password(self, password: str, method: str = "scrypt") -> None:
        self.password_hash = generate_password_hash(password, method=method)

    def get_id(self) -> str:
        """What Flask-Login keeps in the session and the remember-me cookie: "id:session_version"."""
        return f"{self.id}:{self.session_version or 0}"

    def end_other_sessions(self) -> None:
        """Every session and remember-me cookie issued so far stops working (log the current one in again)."""
        self.session_version = (self.session_version or 0) + 1

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def is_teacher(self) -> bool:
        return self.role in ("teacher", "admin")

    def __repr__(self) -> str:
        return f"<User {self.email}>"


def normalise_email(email: str) -> str:
    return email.strip().lower()
