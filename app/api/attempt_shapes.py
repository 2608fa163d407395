"""What the API shows of quiz attempts: summaries, questions as asked, answers and, once due, their results.

When results are revealed follows the quiz pages: a practice quiz gives each answer's result at once, a test
only when it is finished; an assignment whose answers are shown after its due date withholds them until then.
"""

from __future__ import annotations

from flask import url_for
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.api.openapi import BOOLEAN, DATE_TIME, INTEGER, STRING, URL, array, component, nullable, obj
from app.api.presenting import ANSWER_VALUE, QUESTION_FRONT, RESULT, front_json, iso, result_json
from app.extensions import db
from app.models import Attempt, AttemptItem, QuestionRevision, Response
from app.models.attempts import MODES, SOURCE_KINDS
from app.models.questions import revision_sources
from app.quiz.presenting import question_view
from app.quiz.service import Recorded, next_unanswered
from app.quiz.withheld import withholding_assignment

ATTEMPT_SUMMARY_FIELDS = {
    "id": INTEGER,
    "title": STRING,
    "mode": {"type": "string", "enum": list(MODES)},
    "started_at": DATE_TIME,
    "finished_at": nullable(DATE_TIME),
    "finished": BOOLEAN,
    "question_count": INTEGER,
    "answered_count": INTEGER,
    "correct_count": nullable({**INTEGER, "description": "once finished"}),
    "score": nullable({"type": "number", "minimum": 0, "maximum": 1, "description": "0..1, once finished"}),
    "api_url": URL,
}
ATTEMPT_SUMMARY = component("AttemptSummary", obj(ATTEMPT_SUMMARY_FIELDS))
RECORDED_ANSWER = component(
    "RecordedAnswer",
    obj(
        {
            "position": INTEGER,
            "response": ANSWER_VALUE,
            "answered_at": DATE_TIME,
            "result": nullable(RESULT),
        },
        description="An answer as stored; `result` is null until the attempt reveals results.",
    ),
)
ATTEMPT_QUESTION = component(
    "AttemptQuestion",
    obj(
        {
            "position": INTEGER,
            "question_id": INTEGER,
            **QUESTION_FRONT,
            "answer": nullable(RECORDED_ANSWER),
        },
        description="A question as this attempt asks it (choices in the attempt's own order).",
    ),
)
ATTEMPT = component(
    "Attempt",
    obj(
        {
            **ATTEMPT_SUMMARY_FIELDS,
            "source_kind": {"type": "string", "enum": list(SOURCE_KINDS)},
            "source_key": STRING,
            "results_visible": BOOLEAN,
            "next_position": nullable({**INTEGER, "description": "the first unanswered question"}),
            "next_question": nullable(ATTEMPT_QUESTION),
            "questions": array(ATTEMPT_QUESTION),
        }
    ),
)


def results_visible(attempt: Attempt) -> bool:
    """As on the pages: each answer at once in practice, all at the end of a test, and for an assignment
    that shows them after its due date, not before."""
    if withholding_assignment(attempt) is not None:
        return False
    return attempt.mode == "practice" or attempt.finished


def summary_json(attempt, answered_count: int) -> dict:
    """`attempt` is an Attempt or a row of app.progress.stats.attempt_history (same attribute names)."""
    finished = attempt.finished_at is not None
    return {
        "id": attempt.id,
        "title": attempt.title,
        "mode": attempt.mode,
        "started_at": iso(attempt.started_at),
        "finished_at": iso(attempt.finished_at),
        "finished": finished,
        "question_count": attempt.question_count,
        "answered_count": answered_count,
        "correct_count": attempt.correct_count if finished else None,
        "score": attempt.score if finished else None,
        "api_url": url_for("api.attempt", attempt_id=attempt.id, _external=True),
    }


def answer_json(revision: QuestionRevision, response: Response, revealed: bool) -> dict:
    return {
        "position": response.position,
        "response": response.response,
        "answered_at": iso(response.answered_at),
        "result": result_json(revision, response) if revealed else None,
    }


def item_json(attempt: Attempt, item: AttemptItem, response: Response | None, revealed: bool) -> dict:
    return {
        "position": item.position,
        "question_id": item.revision.question_id,
        **front_json(question_view(item, attempt.question_count)),
        "answer": answer_json(item.revision, response, revealed) if response is not None else None,
    }


def answer_outcome(attempt: Attempt, item: AttemptItem, recorded: Recorded) -> dict:
    """After an answer: the answer (with its result if revealed), the attempt, and the next question."""
    next_position = None if attempt.finished else next_unanswered(attempt, recorded.answered)
    next_item = next_position and db.session.scalar(
        select(AttemptItem).where(AttemptItem.attempt_id == attempt.id, AttemptItem.position == next_position)
    )
    return {
        "answer": answer_json(item.revision, recorded.response, results_visible(attempt)),
        "attempt": summary_json(attempt, len(recorded.answered)),
        "next_question": item_json(attempt, next_item, None, False) if next_item else None,
    }


def items_with_sources(attempt: Attempt) -> list[AttemptItem]:
    """The items with their revisions, tags, evidence spans and articles (clean text) in a few queries."""
    return list(
        db.session.scalars(
            select(AttemptItem)
            .where(AttemptItem.attempt_id == attempt.id)
            .order_by(AttemptItem.position)
            .options(joinedload(AttemptItem.revision).options(*revision_sources()))
        ).unique()
    )


def attempt_json(attempt: Attempt, responses: dict[int, Response]) -> dict:
    revealed = results_visible(attempt)
    questions = [
        item_json(attempt, item, responses.get(item.position), revealed)
        for item in items_with_sources(attempt)
    ]
    next_position = next((q["position"] for q in questions if q["answer"] is None), None)
    if attempt.finished:
        next_position = None
    return {
        **summary_json(attempt, len(responses)),
        "source_kind": attempt.source_kind,
        "source_key": attempt.source_key,
        "results_visible": revealed,
        "next_position": next_position,
        "next_question": questions[next_position - 1] if next_position else None,
        "questions": questions,
    }
