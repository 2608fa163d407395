"""Assignment attempts whose answers wait for the due date: their feedback and results show only what was
recorded (and, once finished, the score) — no right answers, explanations or sources."""

from __future__ import annotations

from flask import render_template
from sqlalchemy import and_, select
from sqlalchemy.orm import joinedload

from app.classroom.schedule import answers_visible, attempts_showing_answers
from app.extensions import db
from app.models import Assignment, Attempt, AttemptItem, Response
from app.models.articles import utcnow
from app.quiz.ownership import owner_filter
from app.quiz.presenting import display_response, question_view
from app.quiz.service import next_unanswered


def withholding_assignment(attempt: Attempt) -> Assignment | None:
    """The attempt's assignment if its answers are not to be shown yet (no query for other attempts)."""
    if attempt.assignment_id is None:
        return None
    assignment = db.session.get(Assignment, attempt.assignment_id)
    if assignment is None or answers_visible(assignment, utcnow()):
        return None
    return assignment


def owner_filter_showing_answers():
    """The asker's attempts whose right and wrong answers may be shown (for "practise my mistakes")."""
    return and_(owner_filter(), attempts_showing_answers(utcnow()))


def items_with_revisions(attempt: Attempt, positions: list[int] | None = None) -> list[AttemptItem]:
    query = (
        select(AttemptItem)
        .where(AttemptItem.attempt_id == attempt.id)
        .order_by(AttemptItem.position)
        .options(joinedload(AttemptItem.revision))
    )
    if positions is not None:
        query = query.where(AttemptItem.position.in_(positions))
    return list(db.session.scalars(query))


def recorded_answers(attempt: Attempt, responses: dict[int, Response], positions=None) -> list[tuple]:
    """(question as shown, the student's answer or None) for each item."""
    return [
        (
            question_view(item, attempt.question_count),
            display_response(responses[item.position].response) if item.position in responses else None,
        )
        for item in items_with_revisions(attempt, positions)
    ]


def withheld_feedback(attempt: Attempt, position: int, answered: dict[int, Response], assignment: Assignment):
    [(question, your_answer)] = recorded_answers(attempt, answered, [position])
    return render_template(
        "quiz/recorded.html",
        attempt=attempt,
        assignment=assignment,
        question=question,
        your_answer=your_answer,
        next_position=None if attempt.finished else next_unanswered(attempt, answered),
    )


def withheld_results(attempt: Attempt, responses: dict[int, Response], assignment: Assignment):
    answers = recorded_answers(attempt, responses)
    return render_template(
        "quiz/results_withheld.html",
        attempt=attempt,
        assignment=assignment,
        answers=answers,
        unanswered=sum(1 for _, answer in answers if answer is None),
    )
