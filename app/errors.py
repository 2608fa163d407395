"""Error pages that say what went wrong, in the site's own layout."""

from flask import Flask, render_template
from werkzeug.exceptions import HTTPException, InternalServerError

from app.api.errors import error_response, http_error_response, is_api_request
from app.extensions import db


def register(app: Flask) -> None:
    app.register_error_handler(HTTPException, render_http_error)
    app.register_error_handler(InternalServerError, render_server_error)


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
