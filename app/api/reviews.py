"""Flashcards: your decks, building one, the next card due, rating it (exactly once) and undoing.

Scheduling, queues and the exactly-once rating are the review feature's own (app.review.decks, .service).
"""

from __future__ import annotations

from flask import jsonify
from sqlalchemy import func, select

from app.api.answers import AnswerError, read_answer
from app.api.auth import api_user
from app.api.errors import ApiError, invalid, not_found
from app.api.openapi import DATE_TIME, ID, INTEGER, STRING, nullable, obj
from app.api.pagination import LINK_HEADER, PAGE_QUERY, Page, page_response, page_schema
from app.api.presenting import ANSWER_VALUE, iso
from app.api.review_shapes import CARD, DECK, card_json, deck_json
from app.api.routing import operation
from app.articles.links import reader_url
from app.extensions import db
from app.models import Deck, ReviewSettings
from app.models.reviews import DECK_SOURCES, STATE_NAMES
from app.review import access, decks
from app.review.presenting import card_view, grade_typed, suggested_rating
from app.review.scheduling import RATINGS, Settings, format_interval
from app.review.service import ReviewError, card_context, rate_card, undo_last

DECK_PARAM = {"deck_id": ID}
CARD_PARAM = {"card_id": ID}
DUE = obj({"deck": DECK, "card": nullable(CARD)})
RATING = obj(
    {
        "deck_id": {**ID, "description": "the deck the card was studied in"},
        "rating": {"type": "integer", "enum": list(RATINGS), "description": "1 Again 2 Hard 3 Good 4 Easy"},
        "version": {**ID, "description": "the card's `version` as it was shown"},
    },
    {"duration_ms": {"type": "integer", "minimum": 0, "maximum": 86_400_000}},
)
RATED = obj(
    {
        "card_id": INTEGER,
        "version": {**INTEGER, "description": "the card's new version"},
        "rating": INTEGER,
        "state": {"type": "string", "enum": list(STATE_NAMES.values())},
        "due": DATE_TIME,
        "interval": STRING,
        "reviewed_at": DATE_TIME,
    }
)
CHECK = obj({"deck_id": ID, "response": ANSWER_VALUE})
CHECKED = obj(
    {
        "correct": {"type": "boolean"},
        "score": {"type": "number", "minimum": 0, "maximum": 1},
        "feedback": STRING,
        "suggested_rating": {"type": "integer", "enum": list(RATINGS)},
    }
)


def owned_deck_and_settings(deck_id: int) -> tuple[Deck, Settings]:
    row = db.session.execute(
        select(Deck, ReviewSettings)
        .outerjoin(ReviewSettings, ReviewSettings.user_id == Deck.user_id)
        .where(Deck.id == deck_id, Deck.user_id == api_user().id)
    ).one_or_none()
    if row is None:
        raise not_found("There is no deck of yours with this id.")
    return row[0], Settings.of(row[1])


def owned_card(deck_id: int, card_id: int):
    context = card_context(db.session, deck_id, card_id, api_user().id)
    if context is None:
        raise not_found("There is no card of yours with this id in a deck of yours.")
    return context


@operation(
    "GET",
    "/reviews/decks",
    summary="Your flashcard decks, each with what it has for you today",
    tag="reviews",
    scope="read",
    query=PAGE_QUERY,
    responses={200: ("A page of decks.", page_schema(DECK))},
    headers={200: LINK_HEADER},
)
def decks_list(page: int, per_page: int):
    paging = Page(page, per_page)
    mine = Deck.user_id == api_user().id
    owned = list(
        db.session.scalars(
            select(Deck).where(mine).order_by(Deck.title, Deck.id).limit(per_page).offset(paging.offset)
        )
    )
    queues = decks.deck_queues(db.session, owned, access.current_time())
    total = db.session.scalar(select(func.count(Deck.id)).where(mine))
    return page_response([deck_json(deck, queues[deck.id]) for deck in owned], total, paging)


@operation(
    "POST",
    "/reviews/decks",
    summary="Build a deck from an article, a topic or a question set (or get the one you have)",
    tag="reviews",
    scope="write",
    body=obj(
        {
            "source_kind": {"type": "string", "enum": list(DECK_SOURCES)},
            "source_key": {"type": "string", "maxLength": 120},
        }
    ),
    responses={201: ("The new deck.", DECK), 200: ("You already had this deck.", DECK)},
)
def build_deck(body: dict):
    user = api_user()
    source = decks.resolve_source(db.session, body["source_kind"], body["source_key"], user.id)
    if source is None:
        raise invalid({"body.source_key": "There is no such article, topic or question set for you."})
    deck, created = decks.build_deck(db.session, user.id, source)
    db.session.commit()
    response = jsonify(deck_json(deck, decks.deck_queue(db.session, deck, access.current_time())))
    response.status_code = 201 if created else 200
    return response


@operation(
    "GET",
    "/reviews/decks/{deck_id}",
    summary="One of your decks",
    tag="reviews",
    scope="read",
    path_params=DECK_PARAM,
    responses={200: ("The deck.", DECK)},
)
def deck(deck_id: int):
    found, _ = owned_deck_and_settings(deck_id)
    return jsonify(deck_json(found, decks.deck_queue(db.session, found, access.current_time())))


@operation(
    "GET",
    "/reviews/decks/{deck_id}/due",
    summary="The next card to study in the deck (null when it is done for now), as the study page picks it",
    tag="reviews",
    scope="read",
    path_params=DECK_PARAM,
    responses={200: ("The deck's queue and its next card.", DUE)},
)
def due(deck_id: int):
    found, settings = owned_deck_and_settings(deck_id)
    now = access.current_time()
    queue = decks.deck_queue(db.session, found, now)
    card = decks.next_card(db.session, found, queue, now)
    shown = card_json(card, access.current_revision(card.question_id), settings, now) if card else None
    body = {"deck": deck_json(found, queue), "card": shown}
    db.session.commit()  # a new card may have just been made for the deck's next question
    return jsonify(body)


@operation(
    "POST",
    "/reviews/cards/{card_id}/rating",
    summary="Rate a card as it was shown (its version): of two ratings of one showing, one applies",
    description="A rating naming a version the card no longer has is refused with 409 `already_reviewed`.",
    tag="reviews",
    scope="write",
    path_params=CARD_PARAM,
    body=RATING,
    responses={201: ("The rating was applied.", RATED)},
    errors=(409,),
)
def rate(card_id: int, body: dict):
    context = owned_card(body["deck_id"], card_id)
    try:
        outcome = rate_card(
            db.session,
            context,
            body["rating"],
            seen_version=body["version"],
            now=access.current_time(),
            duration_ms=body.get("duration_ms"),
        )
        db.session.commit()
    except ReviewError as error:
        db.session.rollback()
        raise ApiError(409, "already_reviewed", str(error)) from None
    response = jsonify(
        {
            "card_id": card_id,
            "version": body["version"] + 1,
            "rating": outcome.rating,
            "state": STATE_NAMES[outcome.after.state],
            "due": iso(outcome.after.due),
            "interval": format_interval(outcome.interval),
            "reviewed_at": iso(outcome.reviewed_at),
        }
    )
    response.status_code = 201
    return response


@operation(
    "POST",
    "/reviews/cards/{card_id}/check",
    summary="Grade a typed answer to a card with the quiz's graders, and suggest a rating (stores nothing)",
    tag="reviews",
    scope="read",
    path_params=CARD_PARAM,
    body=CHECK,
    responses={200: ("The grade and the suggested rating.", CHECKED)},
)
def check(card_id: int, body: dict):
    context = owned_card(body["deck_id"], card_id)
    revision = access.current_revision(context.card.question_id)
    try:
        response = read_answer(card_view(context.card, revision, reader_url).question, body["response"])
    except AnswerError as problem:
        raise invalid({"body.response": str(problem)}) from None
    grade = grade_typed(revision, response)
    return jsonify(
        {
            "correct": grade.correct,
            "score": grade.score,
            "feedback": grade.feedback,
            "suggested_rating": suggested_rating(grade),
        }
    )


@operation(
    "POST",
    "/reviews/decks/{deck_id}/undo",
    summary="Undo the deck's latest rating; each call undoes one more, newest first",
    tag="reviews",
    scope="write",
    path_params=DECK_PARAM,
    responses={200: ("The card whose rating was undone, to study again.", obj({"card": nullable(CARD)}))},
    errors=(409,),
)
def undo(deck_id: int):
    found, settings = owned_deck_and_settings(deck_id)
    try:
        card_id = undo_last(db.session, found)
        db.session.commit()
    except ReviewError as error:
        db.session.rollback()
        raise ApiError(409, "nothing_to_undo", str(error)) from None
    now = access.current_time()
    card = decks.deck_card(db.session, found, card_id)
    shown = card_json(card, access.current_revision(card.question_id), settings, now) if card else None
    return jsonify({"card": shown})
