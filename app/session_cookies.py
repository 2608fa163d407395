"""Flask's signed-cookie sessions, made cheaper to open: the same cookie arrives with every request a browser
sends, so its signature is checked and its payload decoded once, then remembered."""

from __future__ import annotations

import copy
import time

from flask import Flask, Request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from itsdangerous import BadSignature, URLSafeTimedSerializer

from app.caching import BoundedCache

COOKIES_REMEMBERED = 4096  # one per recently seen session state; each a few hundred bytes
IMMUTABLE_VALUES = (str, int, float, bool, bytes, type(None))


class SessionCookies(SecureCookieSessionInterface):
    """Flask makes a new serializer to read the session of every request (and another to write it), and
    checks the cookie's signature each time; the serializer depends only on the secret keys, and a cookie
    that verified once verifies again under the same keys, so both are kept. Its age is still checked
    against the session lifetime on every request, as Flask does."""

    def __init__(self) -> None:
        self._serializers: dict[tuple, URLSafeTimedSerializer | None] = {}
        self._verified: BoundedCache[tuple[dict, int]] = BoundedCache(COOKIES_REMEMBERED)

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        return self._serializer(app, signing_keys(app))

    def _serializer(self, app: Flask, keys: tuple) -> URLSafeTimedSerializer | None:
        if keys not in self._serializers:
            self._serializers[keys] = super().get_signing_serializer(app)
        return self._serializers[keys]

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        keys = signing_keys(app)
        serializer = self._serializer(app, keys)
        if serializer is None:
            return None
        cookie = request.cookies.get(self.get_cookie_name(app))
        if not cookie:
            return self.session_class()
        max_age = int(app.permanent_session_lifetime.total_seconds())
        try:
            data, signed_at = self._verified.get(
                (keys, cookie), lambda: verified_payload(serializer, cookie, max_age)
            )
        except BadSignature:  # forged, damaged, signed with a retired key, or expired
            return self.session_class()
        if not 0 <= time.time() - signed_at <= max_age:  # expired since it was remembered
            return self.session_class()
        return self.session_class(private_copy(data))


def signing_keys(app: Flask) -> tuple:
    return (app.secret_key, *(app.config["SECRET_KEY_FALLBACKS"] or ()))


def verified_payload(serializer: URLSafeTimedSerializer, cookie: str, max_age: int) -> tuple[dict, int]:
    data, signed_at = serializer.loads(cookie, max_age=max_age, return_timestamp=True)
    return data, int(signed_at.timestamp())


def private_copy(data: dict) -> dict:
    """The remembered payload must not change when a request changes its session (flashes are lists)."""
    if all(isinstance(value, IMMUTABLE_VALUES) for value in data.values()):
        return data  # the session class copies the top level itself
    return copy.deepcopy(data)
