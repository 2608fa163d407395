"""Who owns an attempt: a user, or a visitor identified by a random token in their session."""

from __future__ import annotations

import secrets

from flask import session
from flask_login import current_user
from sqlalchemy import func, select, update

from app.extensions import db
from app.models import Attempt

VISITOR_KEY = "visitor_token"


def visitor_token(create: bool = False) -> str | None:
    token = session.get(VISITOR_KEY)
    if token is None and create:
        token = session[VISITOR_KEY] = secrets.token_urlsafe(32)
    return token


def owner_filter():
    """The SQL condition selecting the current user's (or visitor's) attempts."""
    if current_user.is_authenticated:
        return Attempt.user_id == current_user.id
    token = visitor_token()
    return Attempt.visitor_token == token if token else Attempt.id.is_(None)


def owner_key() -> tuple[str, object] | None:
    """("user", id) or ("visitor", token) for whoever is asking; None for a visitor who owns nothing yet."""
    if current_user.is_authenticated:
        return ("user", current_user.id)
    token = visitor_token()
    return ("visitor", token) if token else None


def owner_fields() -> dict:
    """Column values that make a new attempt belong to whoever is asking."""
    if current_user.is_authenticated:
        return {"user_id": current_user.id}
    return {"visitor_token": visitor_token(create=True)}


def visitor_attempt_count() -> int:
    token = visitor_token()
    if not token:
        return 0
    return db.session.scalar(select(func.count(Attempt.id)).where(Attempt.visitor_token == token)) or 0


def claim_visitor_attempts(user_id: int) -> int:
    """Give the visitor's attempts to the account they just created; the caller commits."""
    token = visitor_token()
    if not token:
        return 0
    result = db.session.execute(
        update(Attempt).where(Attempt.visitor_token == token).values(user_id=user_id, visitor_token=None)
    )
    session.pop(VISITOR_KEY, None)
    return result.rowcount or 0
