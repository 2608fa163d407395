"""Load test: simulated students against gunicorn (4 sync workers) on a fresh PostgreSQL database.

For a fixed time, each student signs up, logs out and in, takes quizzes and reviews flashcards, sending some
answers and ratings twice at once. Then throughput, p95 latency and errors are printed, and the database is
checked: every answer and rating a client saw accepted is stored exactly once. Loopback only; the database
(`sourced_bench_<random>`) is dropped and gunicorn stopped even when something fails.
"""

from __future__ import annotations

import os
import secrets
import threading
import time
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from benchmarks.databases import throwaway_database
from benchmarks.review import percentile
from benchmarks.served import gunicorn_server, wait_until_serving
from benchmarks.students import Ledger, Student

SERVER_URL = os.environ.get("BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
STUDENTS = 8
SECONDS = 20.0
WORKERS = 4
GRACE_SECONDS = 20.0  # for the last requests after the time is up (each request times out after 15 s)
APP = "app:create_app('production', {'RATELIMIT_ENABLED': False})"  # every student comes from 127.0.0.1


@dataclass(frozen=True)
class Stored:
    """What the database holds, checked against what the clients saw accepted."""

    answers_missing: int
    answers_duplicated: int
    answers_unacknowledged: int  # stored, but the client's request was cut off before the reply
    ratings_lost: int
    ratings_duplicated: int
    inconsistent_attempts: int  # finished attempts whose score does not match their responses


@dataclass(frozen=True)
class LoadResult:
    students: int
    seconds: float
    ledgers: list[Ledger]
    stored: Stored

    def total(self, name: str) -> int:
        return sum(getattr(ledger, name) for ledger in self.ledgers)

    def line(self) -> str:
        latencies = [s for ledger in self.ledgers for s in ledger.latencies]
        errors = [e for ledger in self.ledgers for e in ledger.errors]
        answers = sum(len(ledger.answers) for ledger in self.ledgers)
        ratings = sum(len(ledger.ratings) for ledger in self.ledgers)
        s = self.stored
        bad = s.answers_missing + s.answers_duplicated + s.ratings_lost + s.ratings_duplicated
        verdict = "met" if not errors and not bad and not s.inconsistent_attempts else "NOT met"
        p95 = percentile(latencies, 0.95) * 1000 if latencies else float("nan")
        rate = len(latencies) / self.seconds
        lines = [
            f"load ({self.students} students for {self.seconds:.0f} s; gunicorn, {WORKERS} sync workers; "
            f"PostgreSQL): {len(latencies):,} requests, {rate:,.1f} requests/s, p95 {p95:.0f} ms, "
            f"{len(errors)} errors, {self.total('quizzes_finished')} quizzes finished",
            f"  {answers} answers accepted ({self.total('double_answers')} sent twice at once): "
            f"{s.answers_missing} missing, {s.answers_duplicated} duplicated, {s.answers_unacknowledged} "
            f"stored unacknowledged, {s.inconsistent_attempts} attempts scored wrong",
            f"  {ratings} ratings accepted ({self.total('double_ratings')} sent twice at once): "
            f"{s.ratings_lost} lost, {s.ratings_duplicated} duplicated",
            f"  goal: 0 errors, 0 lost or duplicated: {verdict}",
        ]
        lines += [f"  {count}× {error}" for error, count in Counter(errors).most_common(5)]
        return "\n".join(lines)


@dataclass(frozen=True)
class Skipped:
    reason: str

    def line(self) -> str:
        return f"load: skipped — {self.reason}"


def migrate_and_seed(url: str) -> None:
    from flask_migrate import upgrade

    from app import create_app
    from app.extensions import db

    app = create_app("production", {"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context():
        upgrade()
        result = app.test_cli_runner().invoke(args=["seed"])
        if result.exit_code != 0:
            raise RuntimeError(f"flask seed failed: {result.output}")
        db.engine.dispose()


def run_students(port: int, count: int, seconds: float) -> tuple[list[Ledger], float]:
    """Every student's ledger, and the time they took (the last replies may come after `seconds`)."""
    students = [Student(port, number) for number in range(count)]
    started = time.monotonic()
    stop_at = started + seconds
    threads = [threading.Thread(target=s.run, args=(stop_at,), daemon=True) for s in students]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(0.0, stop_at - time.monotonic()) + GRACE_SECONDS)
    for student, thread in zip(students, threads, strict=True):
        if thread.is_alive():
            student.ledger.errors.append("a student was still waiting for a reply after the grace time")
    return [student.ledger for student in students], time.monotonic() - started


def check_database(url: str, ledgers: list[Ledger]) -> Stored:
    from app.models import Attempt, Response, ReviewLog

    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            answers = Counter(
                {
                    (attempt, position): n
                    for attempt, position, n in connection.execute(
                        select(Response.attempt_id, Response.position, func.count()).group_by(
                            Response.attempt_id, Response.position
                        )
                    )
                }
            )
            per_card = select(ReviewLog.card_id, func.count()).group_by(ReviewLog.card_id)
            logs = Counter(dict(connection.execute(per_card).all()))
            correct = (
                select(func.count(Response.id))
                .where(Response.attempt_id == Attempt.id, Response.correct)
                .scalar_subquery()
            )
            inconsistent = connection.execute(
                select(func.count(Attempt.id)).where(
                    Attempt.finished_at.is_not(None), Attempt.correct_count != correct
                )
            ).scalar_one()
    finally:
        engine.dispose()
    accepted = {key for ledger in ledgers for key in ledger.answers}
    rated = Counter(card for ledger in ledgers for card, _version in ledger.ratings)
    return Stored(
        answers_missing=sum(1 for key in accepted if answers[key] == 0),
        answers_duplicated=sum(n - 1 for n in answers.values() if n > 1),
        answers_unacknowledged=sum(1 for key in answers if key not in accepted),
        ratings_lost=sum(max(0, n - logs[card]) for card, n in rated.items()),
        ratings_duplicated=sum(max(0, logs[card] - n) for card, n in rated.items()),
        inconsistent_attempts=inconsistent,
    )


def load_test(students: int = STUDENTS, seconds: float = SECONDS) -> LoadResult | Skipped:
    try:
        with create_engine(SERVER_URL).connect():
            pass
    except OperationalError as error:
        return Skipped(f"PostgreSQL is unreachable at {make_url(SERVER_URL).host}: {str(error.orig).strip()}")
    with throwaway_database(SERVER_URL, "sourced_bench") as url:
        migrate_and_seed(url)
        env = {
            "SOURCED_ENV": "production",
            "SECRET_KEY": secrets.token_hex(16),
            "DATABASE_URL": url,
            "SESSION_COOKIE_SECURE": "0",  # plain HTTP on loopback
        }
        with gunicorn_server(APP, env, workers=WORKERS, extra=("--timeout", "30")) as served:
            wait_until_serving(served.port, WORKERS)
            ledgers, elapsed = run_students(served.port, students, seconds)
        stored = check_database(url, ledgers)
    return LoadResult(students, elapsed, ledgers, stored)
