"""Starting attempts, recording answers exactly once, finishing with a score. Plain SQLAlchemy, no requests."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select
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
    chosen = draw(revision_ids, length, rng)
    revisions = {r.id: r for r in session.scalars(select(QuestionRevision).where(QuestionRevision.id.in_(chosen)))}
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


def record_answer(
    session: Session, attempt: Attempt, item: AttemptItem, raw_response, *, time_taken_ms: int | None = None
) -> Recorded:
    """Grade and store the answer to `item`, once: a repeated submit returns the response already stored."""
    existing = stored_response(session, attempt.id, item.position)
    if existing is not None:
        return Recorded(existing, first_time=False)
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
    try:
        with session.begin_nested():
            session.add(response)
    except IntegrityError:
        # Another request recorded this position first (two tabs, a double click): keep theirs.
        return Recorded(stored_response(session, attempt.id, item.position), first_time=False)
    if answered_count(session, attempt.id) >= attempt.question_count:
        finish_attempt(session, attempt)
    return Recorded(response, first_time=True)


def stored_response(session: Session, attempt_id: int, position: int) -> Response | None:
    return session.scalar(select(Response).where(Response.attempt_id == attempt_id, Response.position == position))


def answered_count(session: Session, attempt_id: int) -> int:
    return session.scalar(select(func.count(Response.id)).where(Response.attempt_id == attempt_id)) or 0


def finish_attempt(session: Session, attempt: Attempt) -> None:
    """Close the attempt and score it over all its questions (unanswered ones count as wrong)."""
    if attempt.finished:
        return
    total, correct = session.execute(
        select(func.coalesce(func.sum(Response.score), 0), func.count(Response.id).filter(Response.correct))
        .where(Response.attempt_id == attempt.id)
    ).one()
    attempt.correct_count = correct
    attempt.score = float(total) / attempt.question_count if attempt.question_count else 0.0
    attempt.finished_at = datetime.now(UTC)


def next_unanswered_position(session: Session, attempt: Attempt) -> int | None:
    answered = set(session.scalars(select(Response.position).where(Response.attempt_id == attempt.id)))
    return next((p for p in range(1, attempt.question_count + 1) if p not in answered), None)
