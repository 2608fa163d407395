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
    """Quiz question pages served by gunicorn, against a bare Flask app with the same gunicorn settings.

    The pages are the unanswered questions of a visitor's real attempt over the whole bank, taken in turn (so
    every question type counts), each requested with the session cookie the visitor's browser holds after
    seeing the first one (so it carries the CSRF token, as it would on every later page).
    """
    import re

    from flask_migrate import upgrade

    from app import create_app
    from app.extensions import db
    from app.models import Attempt
    from benchmarks.served import LoadGenerator, compare, gunicorn

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
        started = client.post("/quiz/start", data={"source": "all", "length": "all", "mode": "practice"})
        first = re.sub(r"^https?://[^/]+", "", started.headers["Location"])
        assert client.get(first).status_code == 200
        with app.app_context():
            count = db.session.get(Attempt, int(first.split("/")[-2])).question_count
            db.engine.dispose()
        paths = [re.sub(r"/1$", f"/{position}", first) for position in range(1, count + 1)]
        headers = {"Cookie": f"session={client.get_cookie('session').value}"}
        with gunicorn("app:create_app()", env) as quiz, gunicorn("benchmarks.hello_app:app") as hello:
            measured, baseline = compare(LoadGenerator(quiz, paths, headers), LoadGenerator(hello, ["/"]))
            references = [
                (label, compare(LoadGenerator(port, paths, headers), LoadGenerator(hello, ["/"])))
                for label, port in reference_servers(env)
            ]
    notes = [f"for reference, {label}: ratio {page / bare:.2f}" for label, (page, bare) in references]
    name = f"quiz pages, {count} questions (gunicorn, 2 sync workers)"
    return Result(name, measured, baseline, goal=0.5, notes=tuple(notes))


def reference_servers(env: dict):
    """(label, port) of the reference pages (benchmarks/reference_pages.py), each served in turn."""
    from benchmarks.served import gunicorn

    references = {
        "query": "a bare Flask page reading the same row in one query, shown by a two-template page",
        "stack": "the same with Flask's session, Flask-Login and Flask-WTF's CSRF token",
    }
    for kind, label in references.items():
        with gunicorn(f"benchmarks.reference_pages:create_app({kind!r})", env) as port:
            yield label, port


@dataclass(frozen=True)
class Case:
    name: str
    run: Callable[[], Result]


def review_rating_submit():
    from benchmarks.review import rating_submit

    return rating_submit()


CASES = [Case("reader", reader_page), Case("quiz", quiz_page_served), Case("review", review_rating_submit)]


GENERATION_GOAL_SECONDS = 3.0
GENERATION_WORDS = 1000
GENERATION_RUNS = 3
GENERATION_SCRIPT = """
import json, sys, time
started = time.perf_counter()
from app.generation.context import SourceArticle
from app.generation.drafts import generate_drafts
from app.generation.nlp import load_model
nlp = load_model()
source = SourceArticle(**json.loads(sys.stdin.read()))
drafts = generate_drafts(source, nlp).drafts
total = time.perf_counter() - started
started = time.perf_counter()
nlp(source.text)
print(json.dumps({"total": total, "parse": time.perf_counter() - started, "drafts": len(drafts)}))
"""


@dataclass(frozen=True)
class TimedResult:
    """A time per item (lower is better), against a goal and a baseline measured in the same run."""

    name: str
    seconds: float
    goal: float
    baseline: float
    baseline_name: str
    detail: str = ""

    def line(self) -> str:
        verdict = "met" if self.seconds <= self.goal else "NOT met"
        return (
            f"{self.name}: {self.seconds:.2f} s{self.detail} → ratio to goal {self.seconds / self.goal:.2f} "
            f"(goal ≤ {self.goal:.1f} s: {verdict}); "
            f"{self.seconds / self.baseline:.1f}× {self.baseline_name} ({self.baseline:.2f} s)"
        )


def article_of_about(words: int) -> dict:
    """Seed 000's clean text cut at a paragraph break after about `words` words, with its metadata."""
    from app.ingest.metadata import load_sources
    from app.ingest.reading import read_received_text
    from app.text.cleaning import clean_article_text

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    name, meta = next(iter(load_sources(seeds / "sources.yaml").items()))
    text = clean_article_text(read_received_text(seeds / name).body, title=meta.title).text
    kept, count = [], 0
    for paragraph in text.split("\n\n"):
        if count >= words:
            break
        kept.append(paragraph)
        count += len(paragraph.split())
    body = "\n\n".join(kept)
    return {
        "slug": "bench",
        "text": body,
        "title": meta.title,
        "publisher": meta.publisher,
        "published": "2020",
    }


def generation_time() -> TimedResult:
    """Draft generation for a ~1,000-word article in a fresh process: imports and model load included (the
    best of three runs), against the goal and against spaCy alone parsing the same text."""
    import json
    import subprocess
    import sys

    article = article_of_about(GENERATION_WORDS)
    runs = []
    for _ in range(GENERATION_RUNS):
        finished = subprocess.run(
            [sys.executable, "-c", GENERATION_SCRIPT],
            input=json.dumps(article),
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parent.parent,
        )
        runs.append(json.loads(finished.stdout.strip().splitlines()[-1]))
    best = min(runs, key=lambda r: r["total"])
    words = len(article["text"].split())
    return TimedResult(
        f"draft generation, {words}-word article (fresh process, model load included)",
        best["total"],
        GENERATION_GOAL_SECONDS,
        min(r["parse"] for r in runs),
        "spaCy alone parsing it",
        f" for {best['drafts']} drafts",
    )


CASES.append(Case("generation", generation_time))


def load_test():
    from benchmarks.load import load_test

    return load_test()


CASES.append(Case("load", load_test))
