"""The signed CSRF token pages embed, signed once per session token instead of once per page.

Flask-WTF signs the session's raw token anew for every request that renders a form (a serializer, a key
derivation and an HMAC), then keeps the result in `g` for the rest of the request; it signs only when `g`
has none. Every signed form of the same raw token is equally valid while tokens never expire
(`WTF_CSRF_TIME_LIMIT = None`), so the first one made in this process is kept and put in `g` before the view
runs, for the template's `csrf_token()` and every form on the page alike. With a time limit each page signs
a fresh one, as Flask-WTF does, so that a page's token lives its full time.
"""

from __future__ import annotations

from flask import Flask, current_app, g, request, session
from flask_wtf.csrf import generate_csrf

from app.caching import BoundedCache

TOKENS_REMEMBERED = 4096  # one per recently active session


def reuse_signed_token() -> None:
    config = current_app.config
    field = config["WTF_CSRF_FIELD_NAME"]
    if (
        config["WTF_CSRF_TIME_LIMIT"] is not None
        or request.endpoint == "static"
        or config["SESSION_COOKIE_NAME"] not in request.cookies  # no session yet: nothing to sign
        or field not in session
    ):
        return  # and a request that never had a session (an API call, a static file) is not given one
    secret = config.get("WTF_CSRF_SECRET_KEY") or current_app.secret_key
    kept: BoundedCache[str] = current_app.extensions["signed_csrf_tokens"]
    setattr(g, field, kept.get((secret, session[field]), generate_csrf))


def register(app: Flask) -> None:
    app.extensions["signed_csrf_tokens"] = BoundedCache(TOKENS_REMEMBERED)
    app.before_request(reuse_signed_token)
