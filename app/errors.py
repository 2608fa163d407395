"""Error pages that say what went wrong, in the site's own layout; 503 while the database is out of reach."""

from __future__ import annotations

import contextlib
import sqlite3

from flask import Flask, current_app, jsonify, render_template, request
from sqlalchemy import exc
from werkzeug.exceptions import HTTPException, InternalServerError, ServiceUnavailable

from app.api.errors import error_response, http_error_response, is_api_request
from app.extensions import db

RETRY_AFTER_SECONDS = 10  # a database restart or fail-over usually takes seconds
SQLITE_TRANSIENT = ("database is locked", "unable to open database file", "disk i/o error")


def register(app: Flask) -> None:
    app.register_error_handler(HTTPException, render_http_error)
    app.register_error_handler(InternalServerError, render_server_error)
    for error_class in (exc.OperationalError, exc.InterfaceError, exc.TimeoutError):
        app.register_error_handler(error_class, render_database_unavailable)


def render_http_error(error: HTTPException):
    if error.code is None or error.code < 400:
        return error
    if is_api_request():
        return http_error_response(error)
    return render_template("errors/error.html", error=error), error.code


def render_server_error(error: InternalServerError):
    db.session.rollback()
    if is_api_request():
        return error_response(500, "server_error", "Something went wrong on our side; it has been logged.")
    return render_template("errors/error.html", error=error), 500


def database_unreachable(error: Exception) -> bool:
    """Whether `error` means the database cannot be reached or cannot serve now (connection refused or lost,
    server shutting down, pool exhausted, SQLite locked) rather than a fault in the request or the code."""
    if isinstance(error, exc.TimeoutError) or getattr(error, "connection_invalidated", False):
        return True
    original = getattr(error, "orig", None)
    if isinstance(original, sqlite3.OperationalError):  # also "no such table": a bug, not an outage
        return any(words in str(original).lower() for words in SQLITE_TRANSIENT)
    return isinstance(error, exc.OperationalError | exc.InterfaceError)


def render_database_unavailable(error: exc.SQLAlchemyError):
    """503 with Retry-After: the transaction is rolled back (the server aborts it anyway when its
    connection is gone), and the page is drawn without touching the database."""
    if not database_unreachable(error):
        raise error  # Flask logs it and answers with the 500 page
    # The connection may be dead: rolling back is only to leave the session clean for the next request.
    with contextlib.suppress(exc.SQLAlchemyError):
        db.session.rollback()
    reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0][:200]
    current_app.logger.warning("database unavailable for %s %s: %s", request.method, request.path, reason)
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
    if request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json":
        return jsonify(error="database unavailable", retry_after=RETRY_AFTER_SECONDS), 503, headers
    page = render_template("errors/unavailable.html", error=ServiceUnavailable())
    return page, 503, headers
