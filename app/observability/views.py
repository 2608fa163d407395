"""`/metrics` for Prometheus: with a bearer token (`METRICS_TOKEN`), or from this machine in development."""

from __future__ import annotations

import hmac
import ipaddress

from flask import abort, current_app, request
from flask.typing import ResponseReturnValue

from app.observability import bp
from app.observability.metrics import exposition

PLAIN_TEXT = {"Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store"}


def bearer_token() -> str | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def from_loopback() -> bool:
    try:
        return ipaddress.ip_address(request.remote_addr or "").is_loopback
    except ValueError:
        return False


def refusal() -> ResponseReturnValue | None:
    """Why this request may not read the metrics, as a response; None when it may."""
    expected = current_app.config.get("METRICS_TOKEN")
    if expected:
        given = bearer_token()
        if given is None or not hmac.compare_digest(given.encode(), expected.encode()):
            challenge = {"WWW-Authenticate": 'Bearer realm="metrics"'}
            return "A valid bearer token is needed to read the metrics.\n", 401, {**PLAIN_TEXT, **challenge}
        return None
    if not current_app.config["METRICS_OPEN_ON_LOOPBACK"]:
        abort(404)  # production without a token: as if there were no metrics
    if not from_loopback():
        return "Metrics are only served to this machine unless METRICS_TOKEN is set.\n", 403, PLAIN_TEXT
    return None


@bp.get("/metrics")
def metrics():
    refused = refusal()
    if refused is not None:
        return refused
    body, content_type = exposition()
    return body, 200, {"Content-Type": content_type, "Cache-Control": "no-store"}
