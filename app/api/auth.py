"""Bearer-token authentication for the API: who is calling, with which scope, and their rate limit.

A request is authorised by its `Authorization: Bearer src_…` header alone: session cookies are never read,
so a logged-in browser gets 401 here like anyone else without a token.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import current_app, g, request
from sqlalchemy import or_, select, update

from app.api import bp
from app.api.errors import ApiError
from app.api.openapi import OPERATIONS
from app.extensions import db, limiter
from app.models import ApiToken, User
from app.models.tokens import TOKEN_PREFIX, hash_token

REALM = 'Bearer realm="Sourced API"'
LAST_USED_PRECISION = timedelta(minutes=1)  # last_used_at is written at most this often per token
MAX_TOKEN_LENGTH = 200


def challenge(error: str | None = None, description: str = "", scope: str | None = None) -> dict:
    """The `WWW-Authenticate` header of RFC 6750 for a refused request."""
    value = REALM
    if error:
        value += f', error="{error}", error_description="{description}"'
    if scope:
        value += f', scope="{scope}"'
    return {"WWW-Authenticate": value}


def unauthorized(code: str, message: str, error: str | None = None) -> ApiError:
    return ApiError(401, code, message, headers=challenge(error, message))


def bearer_token() -> str | None:
    """The token of the Authorization header, or None if there is no bearer header at all."""
    scheme, _, token = request.headers.get("Authorization", "").strip().partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token.strip()


def find_token(raw: str) -> ApiToken:
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > MAX_TOKEN_LENGTH:
        raise unauthorized("invalid_token", "This is not a Sourced access token.", "invalid_token")
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(raw)))
    if token is None:
        raise unauthorized("invalid_token", "This access token is not recognised.", "invalid_token")
    if not token.active:
        raise unauthorized("invalid_token", "This access token was revoked.", "invalid_token")
    return token


def note_use(token: ApiToken, now: datetime) -> None:
    """Record that the token was used, at most once a minute (one UPDATE, only when the minute has passed)."""
    last = token.last_used_at
    if last is not None and now - (last if last.tzinfo else last.replace(tzinfo=UTC)) < LAST_USED_PRECISION:
        return
    db.session.execute(
        update(ApiToken)
        .where(
            ApiToken.id == token.id,
            or_(ApiToken.last_used_at.is_(None), ApiToken.last_used_at <= now - LAST_USED_PRECISION),
        )
        .values(last_used_at=now)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


@bp.before_request
def authenticate() -> None:
    """Every operation but the public ones needs an active token whose scope allows it."""
    g.api_user = g.api_token_hash = None  # the test client reuses one app context: `g` may be stale
    operation = OPERATIONS.get(request.endpoint or "")
    if operation is None or operation.scope is None:
        return
    raw = bearer_token()
    if not raw:
        raise unauthorized(
            "authentication_required", "Send a personal access token: Authorization: Bearer src_…"
        )
    token = find_token(raw)
    if not token.allows(operation.scope):
        message = f"This token's scope is {token.scope}; this operation needs a {operation.scope} token."
        raise ApiError(
            403,
            "insufficient_scope",
            message,
            headers=challenge("insufficient_scope", message, operation.scope),
        )
    user_id = token.user_id
    note_use(token, datetime.now(UTC))
    g.api_token_hash = token.token_hash
    g.api_user = db.session.get(User, user_id)


def api_user() -> User:
    """The user the request's token belongs to (views run only after `authenticate` found one)."""
    return g.api_user


def rate_limit() -> str:
    return current_app.config["API_RATE_LIMIT"]


def rate_limit_key() -> str:
    """One bucket per token, named by the token's hash (the token itself is never stored anywhere)."""
    return "token:" + g.api_token_hash


per_token_limit = limiter.shared_limit(rate_limit, scope="api", key_func=rate_limit_key)
