"""How an assignment's questions went: the share of finished attempts that got each one right."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from app.models import (
    Assignment,
    Attempt,
    AttemptItem,
    ClassMember,
    Question,
    QuestionRevision,
    QuestionSetItem,
    Response,
)


@dataclass(frozen=True)
class QuestionResult:
    question_id: int
    prompt: str
    asked: int  # in how many finished attempts (an unanswered question counts as asked and wrong)
    correct: int

    @property
    def percent_correct(self) -> int:
        return round(100 * self.correct / self.asked) if self.asked else 0


def question_results(session: Session, assignment: Assignment) -> list[QuestionResult]:
    """Per question, over the current students' finished attempts, in the set's order (two queries)."""
    counts = session.execute(
        select(
            QuestionRevision.question_id,
            func.count(AttemptItem.id),
            func.count(Response.id).filter(Response.correct.is_(True)),
        )
        .select_from(AttemptItem)
        .join(Attempt, Attempt.id == AttemptItem.attempt_id)
        .join(
            ClassMember,
            and_(ClassMember.user_id == Attempt.user_id, ClassMember.class_id == assignment.class_id),
        )
        .join(QuestionRevision, QuestionRevision.id == AttemptItem.revision_id)
        .outerjoin(
            Response,
            and_(Response.attempt_id == AttemptItem.attempt_id, Response.position == AttemptItem.position),
        )
        .where(Attempt.assignment_id == assignment.id, Attempt.finished_at.is_not(None))
        .group_by(QuestionRevision.question_id)
    ).all()
    if not counts:
        return []
    asked = {question_id: (total, right) for question_id, total, right in counts}
    in_set = (
        select(QuestionSetItem.position)
        .where(QuestionSetItem.set_id == assignment.set_id, QuestionSetItem.question_id == Question.id)
        .scalar_subquery()
    )
    questions = session.execute(
        select(Question.id, QuestionRevision.prompt, in_set)
        .join(QuestionRevision, QuestionRevision.id == Question.current_revision_id)
        .where(Question.id.in_(asked))
    ).all()
    # Questions taken out of the set since keep their results, after the others.
    ordered = sorted(questions, key=lambda row: (row[2] is None, row[2] or 0, row[0]))
    return [QuestionResult(question_id, prompt, *asked[question_id]) for question_id, prompt, _ in ordered]
