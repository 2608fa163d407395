"""Database errors: an unreachable database is a 503 with Retry-After, drawn without it; a bug stays a 500.

The real outage (PostgreSQL cut off mid-request) is in test_faults_database.py; these run on both databases.
"""

from __future__ import annotations

import logging
import sqlite3

import psycopg
import pytest
from sqlalchemy.exc import InterfaceError, OperationalError, ProgrammingError, TimeoutError

from app.database import POSTGRES_CONNECT_TIMEOUT_SECONDS, engine_options
from app.errors import database_unreachable


def failing_with(error: Exception):
    def fail(*args, **kwargs):
        raise error

    return fail


def refused() -> OperationalError:
    return OperationalError("SELECT 1", {}, psycopg.OperationalError("connection refused"))


@pytest.mark.parametrize(
    ("error", "unreachable"),
    [
        (refused(), True),
        (InterfaceError("SELECT 1", {}, psycopg.InterfaceError("the connection is closed")), True),
        (TimeoutError("QueuePool limit of size 5 overflow 10 reached"), True),
        (OperationalError("SELECT 1", {}, sqlite3.OperationalError("database is locked")), True),
        (OperationalError("SELECT 1", {}, sqlite3.OperationalError("no such table: users")), False),
        (ProgrammingError("SELECT 1", {}, psycopg.ProgrammingError("syntax error")), False),
    ],
    ids=["refused", "closed", "pool-exhausted", "sqlite-locked", "sqlite-no-table", "bad-sql"],
)
def test_which_errors_mean_the_database_is_unreachable(error, unreachable):
    assert database_unreachable(error) is unreachable


def test_an_unreachable_database_is_a_503_page_without_the_account_menu(
    app, student_client, db, monkeypatch, caplog
):
    """The account menu would look the user up in the database that just failed: the page leaves it out."""
    monkeypatch.setattr(db.session, "scalars", failing_with(refused()))
    with caplog.at_level(logging.WARNING):
        response = student_client.get("/")
    html = response.get_data(as_text=True)
    assert response.status_code == 503 and response.headers["Retry-After"] == "10"
    assert "Sourced is briefly unavailable" in html and 'href="/"' in html
    assert "Log out" not in html and "Sam Student" not in html
    assert "Traceback" not in html
    [record] = [r for r in caplog.records if "database unavailable" in r.getMessage()]
    assert record.getMessage() == "database unavailable for GET /: connection refused" and not record.exc_info


def test_api_clients_get_the_503_as_json(client, db, monkeypatch):
    monkeypatch.setattr(db.session, "scalars", failing_with(refused()))
    response = client.get("/", headers={"Accept": "application/json"})
    assert response.status_code == 503 and response.headers["Retry-After"] == "10"
    assert response.json == {"error": "database unavailable", "retry_after": 10}


def test_a_database_error_that_is_a_bug_stays_a_500(app, client, db, monkeypatch):
    error = OperationalError("SELECT 1", {}, sqlite3.OperationalError("no such table: articles"))
    monkeypatch.setattr(db.session, "scalars", failing_with(error))
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get("/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.get_data(as_text=True)


def test_postgresql_connections_time_out_and_sqlite_is_left_alone():
    options = engine_options("postgresql+psycopg://postgres@127.0.0.1/sourced", {"pool_pre_ping": True})
    assert options == {
        "pool_pre_ping": True,
        "connect_args": {"connect_timeout": POSTGRES_CONNECT_TIMEOUT_SECONDS},
    }
    assert engine_options("sqlite:///x.db", {"pool_pre_ping": True}) == {"pool_pre_ping": True}
    kept = engine_options("postgresql://h/db", {"connect_args": {"connect_timeout": 1, "sslmode": "require"}})
    assert kept["connect_args"] == {"connect_timeout": 1, "sslmode": "require"}


def test_the_app_pings_pooled_server_connections_before_use(app):
    on_server = not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite")
    assert app.config["SQLALCHEMY_ENGINE_OPTIONS"]["pool_pre_ping"] is on_server
