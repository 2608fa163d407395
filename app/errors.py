"""Error pages that say what went wrong, in the site's own layout."""

from flask import Flask, render_template
from werkzeug.exceptions import HTTPException, InternalServerError

from app.extensions import db


def register(app: Flask) -> None:
    app.register_error_handler(HTTPException, render_http_error)
    app.register_error_handler(InternalServerError, render_server_error)


def render_http_error(error: HTTPException):
    if error.code is None or error.code < 400:
        return error
    return render_template("errors/error.html", error=error), error.code


def render_server_error(error: InternalServerError):
    db.session.rollback()
    return render_template("errors/error.html", error=error), 500
