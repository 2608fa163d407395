"""Large data sets built with bulk inserts, for query-count tests (1,000 questions, hundreds of attempts)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import insert, select

from app.extensions import db
from app.models import (
    Attempt,
    AttemptItem,
    EvidenceSpan,
    Question,
    QuestionRevision,
    Response,
    RevisionEvidence,
    RevisionTag,
)

TAGS = ("quotes", "numbers", "companies", "people")


def big_bank(article, count: int = 1000) -> list[int]:
    """`count` approved multiple-choice questions citing `article`; returns their revision ids."""
    span_text = article.clean_text[:40]
    db.session.execute(
        insert(Question),
        [{"key": f"bulk-{i}", "status": "approved", "origin": "curated"} for i in range(count)],
    )
    question_ids = list(
        db.session.scalars(select(Question.id).where(Question.key.like("bulk-%")).order_by(Question.id))
    )
    db.session.execute(
        insert(QuestionRevision),
        [
            {
                "question_id": qid,
                "number": 1,
                "type": "multiple_choice",
                "prompt": f"Bulk question {i}?",
                "answer": "Alpha",
                "details": {"choices": ["Alpha", "Beta", "Gamma"]},
                "explanation": "Because.",
                "difficulty": "medium",
                "content_hash": f"{i:064d}",
            }
            for i, qid in enumerate(question_ids)
        ],
    )
    revisions = dict(
        db.session.execute(
            select(QuestionRevision.question_id, QuestionRevision.id).where(
                QuestionRevision.question_id.in_(question_ids)
            )
        ).all()
    )
    db.session.execute(
        insert(EvidenceSpan),
        [
            {"article_id": article.id, "start": 0, "end": 40, "quote": span_text, "label": f"bulk {i}"}
            for i in range(count)
        ],
    )
    span_ids = list(
        db.session.scalars(
            select(EvidenceSpan.id).where(EvidenceSpan.label.like("bulk %")).order_by(EvidenceSpan.id)
        )
    )
    revision_ids = [revisions[qid] for qid in question_ids]
    db.session.execute(
        insert(RevisionEvidence),
        [
            {"revision_id": rid, "position": 1, "span_id": sid}
            for rid, sid in zip(revision_ids, span_ids, strict=True)
        ],
    )
    db.session.execute(
        insert(RevisionTag),
        [{"revision_id": rid, "tag": TAGS[i % len(TAGS)]} for i, rid in enumerate(revision_ids)],
    )
    for qid, rid in revisions.items():
        db.session.execute(
            Question.__table__.update().where(Question.id == qid).values(current_revision_id=rid)
        )
    db.session.commit()
    return revision_ids


def many_attempts(user, revision_ids: list[int], count: int = 200, per_attempt: int = 5) -> None:
    """`count` finished test attempts by `user`, one a day, each answering `per_attempt` questions."""
    start = datetime.now(UTC) - timedelta(days=count)
    db.session.execute(
        insert(Attempt),
        [
            {
                "user_id": user.id,
                "source_kind": "all",
                "source_key": "",
                "title": f"Bulk attempt {n}",
                "mode": "test",
                "question_count": per_attempt,
                "correct_count": n % (per_attempt + 1),
                "score": (n % (per_attempt + 1)) / per_attempt,
                "started_at": start + timedelta(days=n),
                "finished_at": start + timedelta(days=n, minutes=5),
            }
            for n in range(count)
        ],
    )
    attempt_ids = list(
        db.session.scalars(select(Attempt.id).where(Attempt.user_id == user.id).order_by(Attempt.id))
    )
    items, responses = [], []
    for n, attempt_id in enumerate(attempt_ids):
        for position in range(1, per_attempt + 1):
            revision_id = revision_ids[(n * per_attempt + position) % len(revision_ids)]
            items.append(
                {
                    "attempt_id": attempt_id,
                    "position": position,
                    "revision_id": revision_id,
                    "choice_order": ["Alpha", "Beta", "Gamma"],
                }
            )
            correct = position <= n % (per_attempt + 1)
            responses.append(
                {
                    "attempt_id": attempt_id,
                    "position": position,
                    "revision_id": revision_id,
                    "response": "Alpha" if correct else "Beta",
                    "correct": correct,
                    "score": 1.0 if correct else 0.0,
                    "feedback": "",
                    "answered_at": start + timedelta(days=n, minutes=position),
                }
            )
    db.session.execute(insert(AttemptItem), items)
    db.session.execute(insert(Response), responses)
    db.session.commit()


def answer_in_order(attempt_ids: list[int], revision_ids: list[int], correct) -> None:
    """Every attempt answers every revision, in order: right where `correct(n, position)` (the attempt's index,
    the 1-based position), wrong otherwise. Items and responses inserted in bulk, not committed."""
    items, responses = [], []
    for n, attempt_id in enumerate(attempt_ids):
        for position, revision_id in enumerate(revision_ids, 1):
            right = correct(n, position)
            items.append({"attempt_id": attempt_id, "position": position, "revision_id": revision_id})
            responses.append(
                {
                    "attempt_id": attempt_id,
                    "position": position,
                    "revision_id": revision_id,
                    "response": "Alpha" if right else "Beta",
                    "correct": right,
                    "score": 1.0 if right else 0.0,
                    "feedback": "",
                }
            )
    db.session.execute(insert(AttemptItem), items)
    db.session.execute(insert(Response), responses)
