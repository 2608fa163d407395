"""Fixtures: an app per test on a migrated database (SQLite, or PostgreSQL via TEST_DATABASE_URL)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from app import create_app
from app.extensions import db as _db
from app.review import access
from benchmarks.databases import throwaway_database

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@contextmanager
def empty_database(tmp_path: Path) -> Iterator[str]:
    """An empty database of the kind this run tests: a new SQLite file, or a new PostgreSQL database."""
    base = os.environ.get("TEST_DATABASE_URL")
    if base:
        with throwaway_database(base, "sourced_test") as url:
            yield url
    else:
        yield f"sqlite:///{tmp_path / f'{uuid.uuid4().hex}.db'}"


def make_app(database_url: str, tmp_path: Path, **overrides):
    settings = {
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SECRET_KEY": "test-secret",
        "SEEDS_DIR": str(SEEDS),
        "SERVER_NAME": None,
    }
    settings.update(overrides)
    return create_app("testing", settings)


def upgrade_to_head(app) -> None:
    from flask_migrate import upgrade

    with app.app_context():
        upgrade()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> Iterator[str]:
    """One migrated database for the whole run; each test empties it afterwards."""
    tmp = tmp_path_factory.mktemp("database")
    with empty_database(tmp) as url:
        app = make_app(url, tmp)
        upgrade_to_head(app)
        with app.app_context():
            _db.engine.dispose()
        yield url


@pytest.fixture
def app(database_url, tmp_path):
    app = make_app(database_url, tmp_path)
    yield app
    with app.app_context():
        _db.session.remove()
        empty_all_tables()
        _db.engine.dispose()


def empty_all_tables() -> None:
    tables = list(reversed(_db.metadata.sorted_tables))
    with _db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                connection.execute(table.delete())


@pytest.fixture
def db(app):
    """The database extension, inside the test's app context (pytest-flask pushes a request context)."""
    return _db


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def student(db):
    from tests.factories import UserFactory

    return UserFactory(email="student@example.org", display_name="Sam Student")


@pytest.fixture
def other_student(db):
    from tests.factories import UserFactory

    return UserFactory(email="other@example.org", display_name="Olga Other")


@pytest.fixture
def student_client(client, student):
    """A client logged in as `student`."""
    from tests.helpers import login

    login(client, student)
    return client


@pytest.fixture
def seed_articles(db):
    """The two seed articles only (no questions), for tests that load banks of their own."""
    from app.ingest.files import ingest_folder

    results = ingest_folder(db.session, SEEDS)
    db.session.commit()
    return [r.article for r in results]


@pytest.fixture
def seeded(app, runner):
    """The two seed articles, ingested through `flask seed`."""
    result = runner.invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def fresh_rate_limits(app):
    """The limiter counts per client address, across tests: start and end the test with none.

    Modules that log in or post many times use it with `pytestmark = pytest.mark.usefixtures(...)`."""
    from app.extensions import limiter

    limiter.reset()
    yield
    limiter.reset()


@pytest.fixture
def owner(db, seed_articles):
    """A teacher, with the seed articles in place for their questions to cite."""
    from tests.test_teach_access import teacher

    return teacher()


@pytest.fixture
def question_set(db, owner):
    """The owner's set of two approved questions (multiple choice, then numeric)."""
    from tests.class_helpers import two_question_set

    return two_question_set(db, owner)


@pytest.fixture
def clock(monkeypatch):
    """The time the flashcard views see; `clock.now` can be moved forward."""

    class Clock:
        now = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)

        def advance(self, **delta):
            self.now += timedelta(**delta)

    clock = Clock()
    monkeypatch.setattr(access, "current_time", lambda: clock.now)
    return clock
