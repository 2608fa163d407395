"""Flashcard pages run a fixed number of queries: a deck of 5 or of 1,000 cards, few or many reviews, alike."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import insert, select

from app.models import Deck, QuestionRevision, ReviewCard, ReviewLog
from app.models.reviews import NEW, REVIEW
from tests.bulk import big_bank
from tests.helpers import login
from tests.queries import count_queries
from tests.review_support import open_study, post_rating

# Exactly these many statements, whatever the size (loading the logged-in user included).
STUDY_REVIEW = 7  # user, deck + settings, queue counts, the card, its wording, tags, evidence
STUDY_NEW = 10  # … plus finding the next question, creating its card, reading it back
RATE = 4  # user, card + deck + settings, UPDATE … WHERE version, INSERT log
DECK_LIST_MAX = 8
STATS_MAX = 9


def described(statements: list[str]) -> str:
    return "\n---\n".join(s[:160] for s in statements)


@pytest.fixture(params=[5, 1000], ids=["5-cards", "1000-cards"])
def busy_deck(request, client, db, seed_articles, student):
    """A deck over `size` questions; the learner has cards for 80% of them (with a review each), one due."""
    article = seed_articles[0]
    size = request.param
    revision_ids = big_bank(article, count=size)
    question_ids = list(
        db.session.scalars(select(QuestionRevision.question_id).where(QuestionRevision.id.in_(revision_ids)))
    )
    now = datetime.now(UTC)
    carded = question_ids[: size * 4 // 5]
    db.session.execute(
        insert(ReviewCard),
        [
            {
                "user_id": student.id,
                "question_id": qid,
                "state": REVIEW,
                "stability": 10.0,
                "difficulty": 5.0,
                "due": now - timedelta(hours=1) if i == 0 else now + timedelta(days=1 + i % 30),
                "last_review": now - timedelta(days=10),
                "scheduled_days": 10,
                "reps": 3,
                "version": 1,
                "created_at": now,
            }
            for i, qid in enumerate(carded)
        ],
    )
    deck = Deck(user_id=student.id, source_kind="article", source_key=article.slug, title=article.title)
    db.session.add(deck)
    db.session.commit()
    card_ids = list(db.session.scalars(select(ReviewCard.id).where(ReviewCard.user_id == student.id)))
    db.session.execute(
        insert(ReviewLog),
        [
            {
                "card_id": cid,
                "user_id": student.id,
                "deck_id": deck.id,
                "rating": 3,
                "reviewed_at": now - timedelta(days=10, minutes=i % 500),
                "duration_ms": 5000,
                "state_before": NEW,
                "due_before": now - timedelta(days=11),
                "scheduled_days_before": 0,
                "reps_before": 0,
                "lapses_before": 0,
            }
            for i, cid in enumerate(card_ids)
        ],
    )
    db.session.commit()
    login(client, student)
    return deck


def test_studying_and_rating_run_a_constant_number_of_queries(client, db, busy_deck):
    deck_id = busy_deck.id
    db.session.expire_all()
    with count_queries() as study:
        due = open_study(client, deck_id)
    assert "1</strong> to review" in due.html
    assert len(study) == STUDY_REVIEW, described(study)

    with count_queries() as rate:
        assert post_rating(client, deck_id, due, 3).status_code == 302
    assert len(rate) == RATE, described(rate)

    with count_queries() as study_new:
        new = open_study(client, deck_id)
    assert new.card_id != due.card_id and 'class="card-state state-new"' in new.html
    assert len(study_new) == STUDY_NEW, described(study_new)


def test_deck_list_and_statistics_run_a_bounded_number_of_queries(client, db, busy_deck):
    db.session.expire_all()
    with count_queries() as listing:
        assert client.get("/review/").status_code == 200
    assert len(listing) <= DECK_LIST_MAX, described(listing)
    with count_queries() as statistics:
        assert client.get("/review/stats").status_code == 200
    assert len(statistics) <= STATS_MAX, described(statistics)
