"""Starting attempts, recording answers exactly once, finishing with a score (plain SQLAlchemy)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.bank.types import QUESTION_TYPES
from app.models import Attempt, AttemptItem, QuestionRevision, Response
from app.quiz.selection import QuizSource, draw

SHUFFLED_TYPES = {"multiple_choice", "who_said"}
MAX_TIME_MS = 60 * 60 * 1000


class QuizError(Exception):
    """A quiz cannot be started or answered as asked; the message is for the learner."""


def start_attempt(
    session: Session,
    source: QuizSource,
    revision_ids: list[int],
    *,
    mode: str,
    length: int | None,
    owner: dict,
    rng: random.Random | None = None,
) -> Attempt:
    """A new attempt drawing from `revision_ids`; choices are shuffled per attempt and kept in the items."""
    if not revision_ids:
        raise QuizError("There are no questions to ask here yet.")
    rng = rng or random.Random()
    chosen = draw(revision_ids, length, rng, ordered=source.ordered)
    revisions = {
        r.id: r for r in session.scalars(select(QuestionRevision).where(QuestionRevision.id.in_(chosen)))
    }
    attempt = Attempt(
        source_kind=source.kind,
        source_key=source.key,
        title=source.title,
        mode=mode,
        question_count=len(chosen),
        **owner,
    )
    for position, revision_id in enumerate(chosen, 1):
        choices = list((revisions[revision_id].details or {}).get("choices") or [])
        if revisions[revision_id].type in SHUFFLED_TYPES:
            rng.shuffle(choices)
        attempt.items.append(AttemptItem(position=position, revision_id=revision_id, choice_order=choices))
    session.add(attempt)
    session.flush()
    return attempt


@dataclass(frozen=True)
class Recorded:
    response: Response
    first_time: bool  # False when this submit repeated one already recorded (refresh, back, double click)
    answered: frozenset[int]  # every position of the attempt answered so far


def record_answer(
    session: Session, attempt: Attempt, item: AttemptItem, raw_response, *, time_taken_ms: int | None = None
) -> Recorded:
    """Grade and store the answer to `item`, once: a repeated submit returns the response already stored.

    Finishes the attempt when this was its last unanswered question.
    """
    responses = responses_by_position(session, attempt.id)
    if item.position in responses:
        return Recorded(responses[item.position], False, frozenset(responses))
    if attempt.finished:
        raise QuizError("This quiz is already finished.")
    grade = QUESTION_TYPES[item.revision.type].grade(item.revision.content, raw_response)
    response = Response(
        attempt_id=attempt.id,
        position=item.position,
        revision_id=item.revision_id,
        response=raw_response,
        correct=grade.correct,
        score=grade.score,
        feedback=grade.feedback[:500],
        time_taken_ms=None if time_taken_ms is None else max(0, min(time_taken_ms, MAX_TIME_MS)),
    )
    session.add(response)
    try:
        session.flush()
    except IntegrityError:
        # Another request recorded this position first (two tabs, a double click): keep theirs.
        session.rollback()
        responses = responses_by_position(session, attempt.id)
        return Recorded(responses[item.position], False, frozenset(responses))
    responses[item.position] = response
    if len(responses) >= attempt.question_count:
        finish_attempt(attempt, list(responses.values()))
    return Recorded(response, True, frozenset(responses))


def responses_by_position(session: Session, attempt_id: int) -> dict[int, Response]:
    return {r.position: r for r in session.scalars(select(Response).where(Response.attempt_id == attempt_id))}


def finish_attempt(attempt: Attempt, responses: list[Response]) -> None:
    """Close the attempt and score it over all its questions (unanswered ones count as wrong)."""
    if attempt.finished:
        return
    attempt.correct_count = sum(1 for r in responses if r.correct)
    attempt.score = (
        sum(r.score for r in responses) / attempt.question_count if attempt.question_count else 0.0
    )
    attempt.finished_at = datetime.now(UTC)


def next_unanswered(attempt: Attempt, answered) -> int | None:
    """The first position not in `answered`, or None when every question has an answer."""
    return next((p for p in range(1, attempt.question_count + 1) if p not in answered), None)
