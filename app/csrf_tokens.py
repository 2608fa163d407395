"""The signed CSRF token pages embed, signed once per session token instead of once per page.

Flask-WTF signs the session's raw token anew for every request that renders a form (a serializer, a key
derivation and an HMAC). Every signed form of the same raw token is equally valid while tokens never expire
(`WTF_CSRF_TIME_LIMIT = None`), so the first one is kept and reused; with a time limit each page signs a
fresh one, as Flask-WTF does, so that a page's token lives its full time.
"""

from __future__ import annotations

from flask import Flask, current_app, g, session
from flask_wtf.csrf import generate_csrf

from app.caching import BoundedCache

TOKENS_REMEMBERED = 4096  # one per recently active session


def csrf_token() -> str:
    """What `{{ csrf_token() }}` gives templates: Flask-WTF's token, signed once per raw session token."""
    config = current_app.config
    field = config["WTF_CSRF_FIELD_NAME"]
    if field in g:
        return g.get(field)
    raw = session.get(field)
    if raw is None or config["WTF_CSRF_TIME_LIMIT"] is not None:
        return generate_csrf()
    secret = config.get("WTF_CSRF_SECRET_KEY") or current_app.secret_key
    signed = current_app.extensions["signed_csrf_tokens"].get((secret, raw), generate_csrf)
    setattr(g, field, signed)  # where Flask-WTF looks first, so forms on the page carry the same token
    return signed


def register(app: Flask) -> None:
    """After CSRFProtect.init_app, whose template global and context processor this replaces."""
    app.extensions["signed_csrf_tokens"] = BoundedCache(TOKENS_REMEMBERED)
    app.jinja_env.globals["csrf_token"] = csrf_token
    app.context_processor(lambda: {"csrf_token": csrf_token})
