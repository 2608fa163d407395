"""Rating-submit latency with 1,000 and with 100,000 cards in the table: p50 and p95, and their ratio.

A rating reads one card by id (with its deck and the learner's settings), updates it where its version still
matches and appends a log row: its cost should not grow with the table. Measured in-process on SQLite, every
request timed on its own; the cards (and one review log each) are bulk-inserted for a thousand other learners.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

GOAL = 1.5  # the 100,000-card p50 may be at most this many times the 1,000-card p50
SIZES = (1_000, 100_000)
WARM_UP, MEASURED = 50, 600
CHUNK = 10_000


@dataclass(frozen=True)
class Latencies:
    cards: int
    p50_ms: float
    p95_ms: float


@dataclass(frozen=True)
class LatencyResult:
    name: str
    small: Latencies
    large: Latencies

    @property
    def ratio(self) -> float:
        return self.large.p50_ms / self.small.p50_ms

    def line(self) -> str:
        def part(m: Latencies) -> str:
            return f"{m.cards:,} cards p50 {m.p50_ms:.2f} ms, p95 {m.p95_ms:.2f} ms"

        verdict = "met" if self.ratio <= GOAL else "NOT met"
        p95_ratio = self.large.p95_ms / self.small.p95_ms
        return (
            f"{self.name}: {part(self.small)}; {part(self.large)} → ratio p50 {self.ratio:.2f} "
            f"(p95 {p95_ratio:.2f})  goal ≤ {GOAL:.2f}: {verdict}"
        )


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def fill_cards(session, question_ids: list[int], first_user: int, count: int, now: datetime) -> int:
    """`count` review cards, one review log each, for made-up learners (one card per question each)."""
    from sqlalchemy import insert, select

    from app.models import ReviewCard, ReviewLog, User

    learners = -(-count // len(question_ids))
    session.execute(
        insert(User),
        [
            {"email": f"bench{first_user + n}@example.org", "display_name": "Bench", "password_hash": "-"}
            for n in range(learners)
        ],
    )
    user_ids = list(
        session.scalars(select(User.id).where(User.email.like("bench%")).order_by(User.id).offset(first_user))
    )
    pairs = [(u, q) for u in user_ids for q in question_ids][:count]
    for start in range(0, len(pairs), CHUNK):
        chunk = pairs[start : start + CHUNK]
        session.execute(
            insert(ReviewCard),
            [
                {
                    "user_id": u,
                    "question_id": q,
                    "state": 2,
                    "stability": 12.0,
                    "difficulty": 5.0,
                    "due": now + timedelta(days=(u + q) % 60),
                    "last_review": now - timedelta(days=12),
                    "scheduled_days": 12,
                    "reps": 4,
                    "version": 5,
                    "created_at": now,
                }
                for u, q in chunk
            ],
        )
        made = session.execute(
            select(ReviewCard.id, ReviewCard.user_id).where(ReviewCard.user_id.in_({u for u, _ in chunk}))
        ).all()
        session.execute(
            insert(ReviewLog),
            [
                {
                    "card_id": card_id,
                    "user_id": owner,
                    "rating": 3,
                    "reviewed_at": now - timedelta(days=12, minutes=card_id % 900),
                    "duration_ms": 6000,
                    "state_before": 2,
                    "due_before": now - timedelta(days=12),
                    "scheduled_days_before": 8,
                    "reps_before": 3,
                    "lapses_before": 0,
                }
                for card_id, owner in made
            ],
        )
    session.commit()
    return learners


def measure(client, deck_id: int, cards: list[list[int]], total_cards: int) -> Latencies:
    """Time POSTs of "Good", cycling over the learner's cards; each names the version it last saw."""
    timings = []
    for n in range(WARM_UP + MEASURED):
        card = cards[n % len(cards)]
        url = f"/review/decks/{deck_id}/cards/{card[0]}/rate"
        started = time.perf_counter()
        response = client.post(url, data={"rating": "3", "version": str(card[1]), "shown_at": ""})
        elapsed = time.perf_counter() - started
        if response.status_code != 302 or "study" not in response.headers.get("Location", ""):
            raise RuntimeError(f"rating answered {response.status_code}")
        card[1] += 1
        if n >= WARM_UP:
            timings.append(elapsed * 1000)
    return Latencies(total_cards, statistics.median(timings), percentile(timings, 0.95))


def rating_submit() -> LatencyResult:
    from flask_migrate import upgrade
    from sqlalchemy import func, insert, select

    from app import create_app
    from app.extensions import db
    from app.models import Article, Deck, Question, ReviewCard, User
    from app.review.decks import deck_question_ids

    with tempfile.TemporaryDirectory() as folder:
        settings = {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.db",
            "SECRET_KEY": "bench",
            "WTF_CSRF_ENABLED": False,
            "SESSION_COOKIE_SECURE": False,
        }
        app = create_app("production", settings)
        now = datetime.now(UTC)
        with app.app_context():
            upgrade()
            app.test_cli_runner().invoke(args=["seed"])
            learner = User(email="learner@example.org", display_name="Learner", password_hash="-")
            db.session.add(learner)
            db.session.flush()
            article = db.session.scalar(select(Article).order_by(Article.id))
            deck = Deck(
                user_id=learner.id, source_kind="article", source_key=article.slug, title=article.title
            )
            db.session.add(deck)
            db.session.commit()
            question_ids = list(db.session.scalars(deck_question_ids(deck)))
            db.session.execute(
                insert(ReviewCard),
                [
                    {"user_id": learner.id, "question_id": q, "state": 0, "due": now, "version": 1}
                    for q in question_ids
                ],
            )
            db.session.commit()
            cards = [list(row) for row in db.session.execute(select(ReviewCard.id, ReviewCard.version)).all()]
            all_questions = list(db.session.scalars(select(Question.id)))
            filled = fill_cards(db.session, all_questions, 0, SIZES[0] - len(cards), now)
            deck_id, session_user_id = deck.id, learner.get_id()

        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = session_user_id
            session["_fresh"] = True
        results = []
        for size in SIZES:
            with app.app_context():
                existing = db.session.scalar(select(func.count(ReviewCard.id)))
                if size > existing:
                    filled += fill_cards(db.session, all_questions, filled, size - existing, now)
                assert db.session.scalar(select(func.count(ReviewCard.id))) == size
            results.append(measure(client, deck_id, cards, size))
        with app.app_context():
            db.engine.dispose()
    return LatencyResult("rating submit (in-process, SQLite)", *results)
