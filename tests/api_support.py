"""Helpers for the API tests (no tests here): tokens, authorised requests, reading JSON errors."""

from __future__ import annotations

from app.extensions import db
from app.models import ApiToken
from app.models.tokens import hash_token, new_token

API = "/api/v1"


def issue_token(user, scope: str = "write", name: str = "Test client") -> str:
    """A new active token of `user`, stored as the account page stores one; returns the token itself."""
    raw = new_token()
    db.session.add(
        ApiToken(user_id=user.id, name=name, token_hash=hash_token(raw), hint=raw[:8], scope=scope)
    )
    db.session.commit()
    return raw


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def api_get(client, token: str, path: str, **kwargs):
    return client.get(API + path, headers=bearer(token), **kwargs)


def api_post(client, token: str, path: str, body: dict | None = None, **kwargs):
    return client.post(API + path, headers=bearer(token), json=body if body is not None else {}, **kwargs)


def error_of(response) -> dict:
    """The `error` object of a JSON error response (checking the envelope on the way)."""
    assert response.is_json, response.get_data(as_text=True)[:300]
    body = response.get_json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message", "details"}, body
    return body["error"]
