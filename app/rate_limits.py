"""Rate limiting: only the routes that need a limit (log in, sign up) pay for checking one."""

from __future__ import annotations

from flask import Flask
from flask_limiter import Limiter


def has_shared_limits(app: Flask, limiter: Limiter) -> bool:
    """Whether any limit covers routes beyond those decorated with their own: defaults, application-wide,
    per blueprint, or meta limits."""
    manager = limiter.limit_manager
    return bool(
        manager.default_limits
        or manager.application_limits
        or any(manager.blueprint_limits(app, name) for name in app.blueprints)
        or app.config.get("RATELIMIT_META")
    )


def skip_idle_rate_limit_check(app: Flask, limiter: Limiter) -> None:
    """Drop Flask-Limiter's check before every request when no shared limit exists.

    A decorated route checks its own limit inside its decorator; the check before each request only looks for
    shared limits, and costs every page about as much as a small database query to find none. Call this after
    the blueprints are registered, so that limits put on a blueprint keep the check.
    """
    if has_shared_limits(app, limiter):
        return
    hooks = app.before_request_funcs.get(None, [])
    if limiter._check_request_limit in hooks:
        hooks.remove(limiter._check_request_limit)
