"""What the API shows of flashcards: decks with their queue, and a card's front, back and four ratings."""

from __future__ import annotations

from datetime import datetime

from flask import url_for

from app.api.openapi import BOOLEAN, DATE_TIME, INTEGER, STRING, URL, array, component, nullable, obj
from app.api.presenting import EVIDENCE, QUESTION_FRONT, evidence_json, front_json, iso
from app.articles.links import reader_url
from app.models import Deck, QuestionRevision, ReviewCard
from app.models.reviews import DECK_SOURCES, STATE_NAMES
from app.review.decks import Queue
from app.review.presenting import card_view
from app.review.scheduling import RATING_NAMES, CardState, Settings, format_interval, preview

QUEUE = component(
    "Queue",
    obj(
        {
            "new": {**INTEGER, "description": "new cards still to introduce today"},
            "learning": {**INTEGER, "description": "learning cards due now or within 20 minutes"},
            "review": {**INTEGER, "description": "review cards due today, within today's limit"},
            "remaining": {**INTEGER, "description": "new + learning + review"},
            "size": {**INTEGER, "description": "questions in the deck"},
            "new_available": INTEGER,
            "review_due": INTEGER,
            "can_undo": BOOLEAN,
            "next_learning": nullable(DATE_TIME),
            "next_review": nullable(DATE_TIME),
        }
    ),
)
DECK = component(
    "Deck",
    obj(
        {
            "id": INTEGER,
            "title": STRING,
            "source_kind": {"type": "string", "enum": list(DECK_SOURCES)},
            "source_key": STRING,
            "new_per_day": INTEGER,
            "reviews_per_day": INTEGER,
            "typed_answers": BOOLEAN,
            "queue": QUEUE,
            "api_url": URL,
        }
    ),
)
RATING_OPTION = component(
    "RatingOption",
    obj(
        {
            "rating": {"type": "integer", "enum": sorted(RATING_NAMES)},
            "name": {"type": "string", "enum": list(RATING_NAMES.values())},
            "interval": {**STRING, "description": "what the scheduler gives for it, as Anki says: 10m, 4d"},
            "due": DATE_TIME,
        }
    ),
)
CARD = component(
    "Card",
    obj(
        {
            "id": INTEGER,
            "version": {**INTEGER, "description": "send it back with the rating: a stale one is refused"},
            "state": {"type": "string", "enum": list(STATE_NAMES.values())},
            "due": DATE_TIME,
            "question_id": INTEGER,
            "front": obj(QUESTION_FRONT),
            "back": obj(
                {
                    "expected": STRING,
                    "blank_answers": array(STRING),
                    "explanation": STRING,
                    "evidence": array(EVIDENCE),
                }
            ),
            "ratings": array(RATING_OPTION),
        }
    ),
)


def queue_json(queue: Queue) -> dict:
    return {
        "new": queue.new,
        "learning": queue.learning,
        "review": queue.review,
        "remaining": queue.remaining,
        "size": queue.size,
        "new_available": queue.new_available,
        "review_due": queue.review_due,
        "can_undo": queue.can_undo,
        "next_learning": iso(queue.next_learning),
        "next_review": iso(queue.next_review),
    }


def deck_json(deck: Deck, queue: Queue) -> dict:
    return {
        "id": deck.id,
        "title": deck.title,
        "source_kind": deck.source_kind,
        "source_key": deck.source_key,
        "new_per_day": deck.new_per_day,
        "reviews_per_day": deck.reviews_per_day,
        "typed_answers": deck.typed_answers,
        "queue": queue_json(queue),
        "api_url": url_for("api.deck", deck_id=deck.id, _external=True),
    }


def card_json(card: ReviewCard, revision: QuestionRevision, settings: Settings, now: datetime) -> dict:
    """The card as the study page shows it, with each rating's interval from the scheduler itself."""
    view = card_view(card, revision, reader_url)
    outcomes = preview(CardState.of(card), now, settings, card.id)
    return {
        "id": card.id,
        "version": card.version,
        "state": view.state,
        "due": iso(card.due),
        "question_id": card.question_id,
        "front": front_json(view.question),
        "back": {
            "expected": view.expected,
            "blank_answers": list(view.blank_answers),
            "explanation": view.explanation,
            "evidence": evidence_json(revision),
        },
        "ratings": [
            {
                "rating": rating,
                "name": RATING_NAMES[rating],
                "interval": format_interval(outcome.interval),
                "due": iso(outcome.after.due),
            }
            for rating, outcome in outcomes.items()
        ],
    }
