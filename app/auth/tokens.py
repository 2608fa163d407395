"""Personal access tokens for the API: made exactly once per form, listed, revoked (plain SQLAlchemy).

Only a token's hash is stored. A form carries a random nonce and the token is derived from it and the app's
secret key (HMAC-SHA256), so a second submit of the same form (a double click, a refresh) finds the token the
first one made — the unique hash makes two rows impossible — and shows the same token again, for a few
minutes, instead of making a second one nobody saw.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.models import ApiToken, User
from app.models.tokens import SCOPES, TOKEN_PREFIX, hash_token

MAX_ACTIVE_TOKENS = 20
HINT_LENGTH = 8  # "src_" and four characters of the token
RESUBMIT_WINDOW = timedelta(minutes=10)


class TokenError(ValueError):
    """A token cannot be made as asked; the message is for the account page."""


@dataclass(frozen=True)
class Created:
    token: ApiToken
    secret: str  # the token itself, to show once


def derived_token(secret_key: str, user_id: int, nonce: str) -> str:
    digest = hmac.new(secret_key.encode(), f"api-token:{user_id}:{nonce}".encode(), hashlib.sha256).digest()
    return TOKEN_PREFIX + base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def as_utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def create_token(
    session: Session, user: User, *, name: str, scope: str, nonce: str, secret_key: str, now: datetime
) -> Created:
    """The token this form makes: new the first time, the same one when the form is sent again."""
    if scope not in SCOPES:
        raise TokenError(f"The scope must be one of {', '.join(SCOPES)}.")
    secret = derived_token(secret_key, user.id, nonce)
    existing = session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(secret)))
    if existing is not None:
        return resubmitted(existing, secret, now)
    active = session.scalar(
        select(func.count(ApiToken.id)).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
    )
    if active >= MAX_ACTIVE_TOKENS:
        raise TokenError(f"You have {MAX_ACTIVE_TOKENS} tokens already: revoke one you no longer use first.")
    token = ApiToken(
        user_id=user.id,
        name=name.strip(),
        token_hash=hash_token(secret),
        hint=secret[:HINT_LENGTH],
        scope=scope,
        created_at=now,
    )
    session.add(token)
    try:
        session.flush()
    except IntegrityError:  # the same form's other submit stored it first
        session.rollback()
        existing = session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(secret)))
        return resubmitted(existing, secret, now)
    return Created(token, secret)


def resubmitted(token: ApiToken, secret: str, now: datetime) -> Created:
    if token.revoked_at is not None or now - as_utc(token.created_at) > RESUBMIT_WINDOW:
        raise TokenError("This form was already used, so no token was made: send it again to make another.")
    return Created(token, secret)


def active_tokens(session: Session, user_id: int) -> list[ApiToken]:
    return list(
        session.scalars(
            select(ApiToken)
            .where(ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None))
            .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
        )
    )


def revoke_token(session: Session, user_id: int, token_id: int, now: datetime) -> ApiToken | None:
    """Revoke the user's token (a token already revoked stays as it was); None if it is not theirs."""
    token = session.scalar(select(ApiToken).where(ApiToken.id == token_id, ApiToken.user_id == user_id))
    if token is not None and token.revoked_at is None:
        token.revoked_at = now
    return token
