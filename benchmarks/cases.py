"""The benchmark cases: each measures a Sourced page against a bare Flask app in the same process."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from flask import Flask

from benchmarks.timing import Result, throughput


def bare_flask_client():
    hello = Flask("hello")
    hello.add_url_rule("/", "hello", lambda: "Hello, world")
    client = hello.test_client()
    return lambda: client.get("/")


def reader_page() -> Result:
    """The reader with a highlighted span (the target of every source link), in-process, SQLite."""
    from flask_migrate import upgrade
    from sqlalchemy import select

    from app import create_app
    from app.articles.links import reader_url
    from app.extensions import db
    from app.ingest.files import ingest_folder
    from app.models import Article
    from app.text.spans import find_quote

    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            "production", {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.db", "SECRET_KEY": "bench"}
        )
        with app.app_context():
            upgrade()
            ingest_folder(db.session, Path(app.config["SEEDS_DIR"]))
            db.session.commit()
            article = db.session.scalar(select(Article).filter_by(slug="everyone-who-can-leave-will-leave"))
            with app.test_request_context():
                url = reader_url(article.slug, find_quote(article.clean_text, "at least 50 firms"))
        client = app.test_client()
        assert client.get(url).status_code == 200
        measured = throughput(lambda: client.get(url))
        baseline = throughput(bare_flask_client())
        with app.app_context():
            db.engine.dispose()
    return Result("reader page with highlight (in-process)", measured, baseline)


def quiz_page_served() -> Result:
    """A quiz question page served by gunicorn, against a bare Flask app with the same gunicorn settings."""
    import re

    from flask_migrate import upgrade

    from app import create_app
    from app.extensions import db
    from benchmarks.served import gunicorn, requests_per_second

    with tempfile.TemporaryDirectory() as folder:
        database = f"sqlite:///{folder}/bench.db"
        env = {"SOURCED_ENV": "production", "SECRET_KEY": "bench", "DATABASE_URL": database}
        settings = {"SQLALCHEMY_DATABASE_URI": database, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False}
        app = create_app("production", settings)
        with app.app_context():
            upgrade()
            app.test_cli_runner().invoke(args=["seed"])
            db.engine.dispose()
        client = app.test_client()
        started = client.post("/quiz/start", data={"source": "all", "length": "10", "mode": "practice"})
        path = re.sub(r"^https?://[^/]+", "", started.headers["Location"])
        cookie = client.get_cookie("session")
        headers = {"Cookie": f"session={cookie.value}"}
        with gunicorn("app:create_app()", env) as port:
            measured = requests_per_second(port, path, headers=headers)
        with gunicorn("benchmarks.hello_app:app") as port:
            baseline = requests_per_second(port, "/")
    return Result("quiz page (gunicorn, 2 sync workers)", measured, baseline, goal=0.5)


@dataclass(frozen=True)
class Case:
    name: str
    run: Callable[[], Result]


CASES = [Case("reader", reader_page), Case("quiz", quiz_page_served)]
