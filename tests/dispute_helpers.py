"""Builders for dispute tests: a student's finished attempt answering given questions, and a flag on it."""

from __future__ import annotations

from datetime import UTC, datetime

from app.disputes.filing import file_dispute
from app.models import Attempt, AttemptItem, Dispute, Question, Response

COMMENT = "The article says Viktor Prokopenya founded it, not Mikado."


def answered(db, user, questions: list[Question], answers: list[str] | None = None) -> list[Response]:
    """A finished test-mode attempt of `user` answering each question (wrongly with "Sam Altman" by default)."""
    answers = answers or ["Sam Altman"] * len(questions)
    attempt = Attempt(
        user_id=user.id,
        source_kind="set",
        source_key="test",
        title="Belarus exodus",
        mode="test",
        question_count=len(questions),
        finished_at=datetime.now(UTC),
        score=0.0,
    )
    for position, (question, given) in enumerate(zip(questions, answers, strict=True), 1):
        revision = question.current_revision
        choices = list((revision.details or {}).get("choices") or [])
        attempt.items.append(
            AttemptItem(position=position, revision_id=revision.id, choice_order=list(reversed(choices)))
        )
        right = given == revision.answer
        attempt.responses.append(
            Response(
                position=position,
                revision_id=revision.id,
                response=given,
                correct=right,
                score=1.0 if right else 0.0,
            )
        )
    db.session.add(attempt)
    db.session.commit()
    return list(attempt.responses)


def flagged(db, user, question: Question, comment: str = COMMENT) -> Dispute:
    """`user` answered `question` and flagged the answer."""
    [response] = answered(db, user, [question])
    dispute = file_dispute(db.session, response, user.id, comment)
    db.session.commit()
    return dispute
