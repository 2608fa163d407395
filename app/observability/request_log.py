"""Per request: an id (a sane incoming `X-Request-ID`, else a new one), one log line and the metrics.

Registered before the extensions, so even a request that CSRF protection or the rate limiter refuses gets
an id, a log line and a count.
"""

from __future__ import annotations

import logging
import os
import re
import time

from flask import Flask, Response, g, request
from sqlalchemy import inspect

from app.observability import metrics

REQUEST_ID_HEADER = "X-Request-ID"
# What a proxy or load balancer typically sends: a UUID or a similar token. Anything else is replaced,
# so log lines cannot be forged or bloated through the header.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")

log = logging.getLogger("app.requests")


def request_id_from(incoming: str | None) -> str:
    if incoming and SANE_REQUEST_ID.fullmatch(incoming):
        return incoming
    return os.urandom(16).hex()  # 128 random bits, as hex like a UUID4 but a quarter of its cost


def start_request() -> None:
    g.request_started = time.perf_counter()
    g.request_id = request_id_from(request.headers.get(REQUEST_ID_HEADER))


def logged_in_user_id() -> int | None:
    """The user this request looked up, if any: Flask-Login caches it in `g._login_user`, the API in
    `g.api_user`; a request that never asked (a static file) is not made to load it just for the log. The id
    comes from the identity map, not the attribute: after a commit the attribute is expired and reading it
    would query again."""
    user = g.get("_login_user") or g.get("api_user")
    if user is None or not user.is_authenticated:
        return None
    identity = inspect(user).identity
    return identity[0] if identity else None


def finish_request(response: Response) -> Response:
    started = g.get("request_started", time.perf_counter())
    seconds = time.perf_counter() - started
    response.headers[REQUEST_ID_HEADER] = g.get("request_id") or request_id_from(None)
    metrics.record_request(request.endpoint, request.method, response.status_code, seconds)
    if log.isEnabledFor(logging.INFO):  # the line's fields are not gathered when the level drops them
        log_request(response, seconds)
    return response


def log_request(response: Response, seconds: float) -> None:
    fields = {
        "method": request.method,
        "path": request.path,  # never the query string, which may carry tokens
        "endpoint": request.endpoint,
        "status": response.status_code,
        "latency_ms": round(seconds * 1000, 1),
        "user_id": logged_in_user_id(),
        "remote_addr": request.remote_addr,
    }
    user = f" user={fields['user_id']}" if fields["user_id"] is not None else ""
    log.info(
        "%s %s %s %.1f ms%s",
        request.method,
        request.path,
        response.status_code,
        fields["latency_ms"],
        user,
        extra={"fields": fields},
    )


def register(app: Flask) -> None:
    app.before_request(start_request)
    app.after_request(finish_request)
