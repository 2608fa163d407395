"""Reference points for the quiz-page benchmark: the least a database-backed Flask page can do.

`create_app("query")` answers the quiz page's URL with what no question page can avoid: the same rows read in
one SQLAlchemy Core query (pooled connection, bound parameters) from the benchmark's database, shown by a
template extending a base template, with no session, login, CSRF, hooks or metrics. `create_app("stack")`
adds what any page that may belong to a visitor or a signed-in user carries: Flask's signed session, the user
looked up by Flask-Login and a CSRF token from Flask-WTF. Served by gunicorn like the real page, they show how
much of the hello app's speed such a page can keep at best on the machine the benchmark runs on.
"""

from __future__ import annotations

import os

from flask import Flask, render_template, session
from jinja2 import DictLoader
from sqlalchemy import create_engine, text

TEMPLATES = {
    "base.html": (
        "<!doctype html><html lang=en><head><meta charset=utf-8><title>{% block title %}{% endblock %}"
        '</title></head><body><header><a href="/">Sourced</a></header><main>{% block content %}{% endblock %}'
        "</main></body></html>"
    ),
    "page.html": (
        "{% extends 'base.html' %}{% block title %}Question {{ row.position }} of {{ row.question_count }}"
        "{% endblock %}{% block content %}<p>{{ row.title }} · {{ row.mode }}</p><form method=post>"
        '<input type=hidden name=csrf_token value="{{ token }}"><button>Check answer</button></form>'
        "{% endblock %}"
    ),
}
QUERY = text(
    "SELECT attempts.id, attempts.title, attempts.mode, attempts.question_count, attempts.finished_at, "
    "attempt_items.position, attempt_items.choice_order, question_revisions.content_hash, "
    "EXISTS (SELECT 1 FROM responses WHERE responses.attempt_id = attempts.id "
    "AND responses.position = attempt_items.position) AS answered "
    "FROM attempts JOIN attempt_items ON attempt_items.attempt_id = attempts.id "
    "JOIN question_revisions ON question_revisions.id = attempt_items.revision_id "
    "WHERE attempts.id = :attempt_id AND attempt_items.position = :position"
)


def create_app(kind: str) -> Flask:
    """ "query" or "stack" (see the module's docstring); the database and secret key are Sourced's."""
    app = Flask("reference")
    app.secret_key = os.environ["SECRET_KEY"]  # Sourced's, so that the visitor's session cookie opens
    app.jinja_loader = DictLoader(TEMPLATES)
    engine = app.extensions["reference_engine"] = create_engine(os.environ["DATABASE_URL"])
    with_stack = kind == "stack"
    if with_stack:
        from flask_login import LoginManager
        from flask_wtf import CSRFProtect

        LoginManager(app).user_loader(lambda user_id: None)
        CSRFProtect(app)

    @app.get("/quiz/attempts/<int:attempt_id>/<int:position>")
    def question(attempt_id: int, position: int):
        token = ""
        if with_stack:
            from flask_login import current_user
            from flask_wtf.csrf import generate_csrf

            session.get("visitor_token")
            token = generate_csrf() if not current_user.is_authenticated else ""
        with engine.connect() as connection:
            row = connection.execute(QUERY, {"attempt_id": attempt_id, "position": position}).one()
        return render_template("page.html", row=row, token=token)

    return app
