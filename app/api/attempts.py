"""Quiz attempts: start one, list and read them, answer (exactly once per question), finish early.

Grading, scoring and drawing questions are the quiz's own (app.quiz.service, app.quiz.selection).
"""

from __future__ import annotations

import random

from flask import jsonify, url_for
from sqlalchemy import and_, select
from sqlalchemy.orm import joinedload

from app.api.answers import AnswerError, read_answer
from app.api.attempt_shapes import (
    ATTEMPT,
    ATTEMPT_QUESTION,
    ATTEMPT_SUMMARY,
    RECORDED_ANSWER,
    answer_outcome,
    attempt_json,
    summary_json,
)
from app.api.auth import api_user
from app.api.errors import ApiError, invalid, not_found
from app.api.openapi import ID, nullable, obj
from app.api.pagination import LINK_HEADER, PAGE_QUERY, Page, page_response, page_schema
from app.api.presenting import ANSWER_VALUE
from app.api.routing import operation
from app.classroom.schedule import attempts_showing_answers
from app.extensions import db
from app.models import Attempt, AttemptItem, QuestionRevision
from app.models.articles import utcnow
from app.models.attempts import MODES, SOURCE_KINDS
from app.progress.stats import attempt_history
from app.quiz import service as quiz
from app.quiz.presenting import question_view
from app.quiz.selection import TOPICS, resolve_source
from app.quiz.service import (
    MAX_TIME_MS,
    QuizError,
    finish_attempt,
    record_answer,
    responses_by_position,
)

MAX_LENGTH = 200
START = obj(
    {"source_kind": {"type": "string", "enum": list(SOURCE_KINDS)}},
    {
        "source_key": {
            "type": "string",
            "maxLength": 120,
            "description": "an article's slug, a topic tag or a set's key; empty for `all` and `mistakes`",
        },
        "topic": {"type": "string", "enum": list(TOPICS), "description": "narrow any source to one topic"},
        "mode": {"type": "string", "enum": list(MODES), "default": "practice"},
        "length": nullable(
            {"type": "integer", "minimum": 1, "maximum": MAX_LENGTH, "description": "null: every question"}
        ),
    },
)
ANSWER = obj(
    {"position": {"type": "integer", "minimum": 1, "maximum": MAX_LENGTH}, "response": ANSWER_VALUE},
    {"time_taken_ms": {"type": "integer", "minimum": 0, "maximum": MAX_TIME_MS}},
)
ANSWER_OUTCOME = obj(
    {"answer": RECORDED_ANSWER, "attempt": ATTEMPT_SUMMARY, "next_question": nullable(ATTEMPT_QUESTION)}
)


def owned_attempt(attempt_id: int) -> Attempt:
    """The caller's attempt; another user's is as absent as one that never existed."""
    attempt = db.session.scalar(
        select(Attempt).where(Attempt.id == attempt_id, Attempt.user_id == api_user().id)
    )
    if attempt is None:
        raise not_found("There is no attempt of yours with this id.")
    return attempt


@operation(
    "POST",
    "/attempts",
    summary="Start a quiz: by article, topic, question set, your recent mistakes, or the whole bank",
    tag="attempts",
    scope="write",
    body=START,
    responses={201: ("The new attempt, with its first question.", ATTEMPT)},
    headers={201: {"Location": {"description": "the attempt's address", "schema": {"type": "string"}}}},
)
def start_attempt(body: dict):
    user = api_user()
    kind, key = body["source_kind"], body.get("source_key", "")
    # "Mistakes" leave out answers an assignment keeps hidden until its due date, as on the quiz page.
    answered = and_(Attempt.user_id == user.id, attempts_showing_answers(utcnow()))
    resolved = resolve_source(db.session, kind, key, answered, topic=body.get("topic"), viewer_id=user.id)
    if resolved is None:
        raise invalid({"body.source_key": "There is no such article, topic or question set for you."})
    source, revision_ids = resolved
    try:
        attempt = quiz.start_attempt(
            db.session,
            source,
            revision_ids,
            mode=body.get("mode", "practice"),
            length=body.get("length", 10),
            owner={"user_id": user.id},
            rng=random.Random(),
        )
    except QuizError as error:
        raise ApiError(422, "no_questions", str(error)) from None
    db.session.commit()
    response = jsonify(attempt_json(attempt, {}))
    response.status_code = 201
    response.headers["Location"] = url_for("api.attempt", attempt_id=attempt.id, _external=True)
    return response


@operation(
    "GET",
    "/attempts",
    summary="Your attempts, newest first",
    tag="attempts",
    scope="read",
    query=PAGE_QUERY,
    responses={200: ("A page of attempts.", page_schema(ATTEMPT_SUMMARY))},
    headers={200: LINK_HEADER},
)
def attempts(page: int, per_page: int):
    history = attempt_history(db.session, Attempt.user_id == api_user().id, page, per_page)
    total = history.total
    if not history.items and page > 1:  # past the end the window count is gone: count again
        total = attempt_history(db.session, Attempt.user_id == api_user().id, 1, 1).total
    items = [summary_json(row, row.answered) for row in history.items]
    return page_response(items, total, Page(page, per_page))


@operation(
    "GET",
    "/attempts/{attempt_id}",
    summary="One of your attempts: its questions, your answers and, once revealed, results with evidence",
    tag="attempts",
    scope="read",
    path_params={"attempt_id": ID},
    responses={200: ("The attempt.", ATTEMPT)},
)
def attempt(attempt_id: int):
    found = owned_attempt(attempt_id)
    return jsonify(attempt_json(found, responses_by_position(db.session, found.id)))


@operation(
    "POST",
    "/attempts/{attempt_id}/answers",
    summary="Answer one question; sending the same answer again returns the stored one (200)",
    description=(
        "Each question is answered once. The first submit is graded and stored (201); an identical "
        "submit after it (a retry) returns the stored answer (200) and stores nothing; a different "
        "answer to an answered question is refused (409 `already_answered`). A practice quiz returns "
        "the result at once; a test only once its last question is answered."
    ),
    tag="attempts",
    scope="write",
    path_params={"attempt_id": ID},
    body=ANSWER,
    responses={
        201: ("The answer was recorded.", ANSWER_OUTCOME),
        200: ("The same answer was already recorded.", ANSWER_OUTCOME),
    },
    errors=(409,),
)
def answer(attempt_id: int, body: dict):
    found = owned_attempt(attempt_id)
    position = body["position"]
    item = db.session.scalar(
        select(AttemptItem)
        .where(AttemptItem.attempt_id == found.id, AttemptItem.position == position)
        .options(joinedload(AttemptItem.revision).selectinload(QuestionRevision.tags))
    )
    if item is None:
        raise invalid({"body.position": f"This quiz has questions 1 to {found.question_count}."})
    try:
        sent = read_answer(question_view(item, found.question_count), body["response"])
    except AnswerError as problem:
        raise invalid({"body.response": str(problem)}) from None
    try:
        recorded = record_answer(db.session, found, item, sent, time_taken_ms=body.get("time_taken_ms"))
    except QuizError as error:
        raise ApiError(409, "attempt_finished", str(error)) from None
    db.session.commit()
    if not recorded.first_time and recorded.response.response != sent:
        raise ApiError(
            409,
            "already_answered",
            f"Question {position} was already answered with another answer; answers cannot be changed.",
        )
    response = jsonify(answer_outcome(found, item, recorded))
    response.status_code = 201 if recorded.first_time else 200
    return response


@operation(
    "POST",
    "/attempts/{attempt_id}/finish",
    summary="Finish an attempt now (unanswered questions count as wrong); finishing twice changes nothing",
    tag="attempts",
    scope="write",
    path_params={"attempt_id": ID},
    responses={200: ("The finished attempt, with its results.", ATTEMPT)},
)
def finish(attempt_id: int):
    found = owned_attempt(attempt_id)
    responses = responses_by_position(db.session, found.id)
    finish_attempt(found, list(responses.values()))
    db.session.commit()
    return jsonify(attempt_json(found, responses))
