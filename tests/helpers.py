"""Test helpers: CSRF tokens for form posts, and logging a user in without the login form."""

import secrets

from flask import g, has_app_context
from itsdangerous import URLSafeTimedSerializer


def csrf_token(client) -> str:
    """A valid CSRF token for `client`'s session, made the way Flask-WTF makes them.

    Flask-WTF keeps a raw token in the session and puts a signed copy in forms.
    """
    with client.session_transaction() as sess:
        raw = sess.setdefault("csrf_token", secrets.token_hex(20))
    app = client.application
    secret = app.config.get("WTF_CSRF_SECRET_KEY") or app.secret_key
    return URLSafeTimedSerializer(secret, salt="wtf-csrf-token").dumps(raw)


def post_form(client, url: str, data: dict | None = None, **kwargs):
    """POST a form with a valid CSRF token, as the browser would."""
    return client.post(url, data={**(data or {}), "csrf_token": csrf_token(client)}, **kwargs)


def forget_cached_user() -> None:
    """pytest-flask keeps one app context for the whole test, so `g` (where Flask-Login caches the
    current user) outlives each request; drop the cache when the test switches users."""
    if has_app_context():
        g.pop("_login_user", None)


def login(client, user) -> None:
    """Log `user` in on `client` (the session Flask-Login reads), bypassing the login form."""
    forget_cached_user()
    with client.session_transaction() as sess:
        sess["_user_id"] = user.get_id()  # "id:session_version", as Flask-Login stores it
        sess["_fresh"] = True
        sess["_id"] = "test"


def logout(client) -> None:
    forget_cached_user()
    with client.session_transaction() as sess:
        sess.clear()
