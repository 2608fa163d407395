"""Exporting the bank as JSON (the shape `flask questions load` reads back) or CSV; more in app/formats."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.models import EvidenceSpan, Question, QuestionRevision, RevisionEvidence
from app.text.spans import Span

LinkBuilder = Callable[[str, Span], str]
CSV_COLUMNS = [
    "id", "type", "prompt", "answer", "accepted_answers", "choices", "tolerance", "unit", "role",
    "explanation", "evidence", "evidence_urls", "tags", "difficulty", "origin", "status",
]  # fmt: skip
LIST_SEPARATOR = " | "


def exported_questions(
    session: Session,
    link_for: LinkBuilder,
    *,
    status: str | None = None,
    origin: str | None = None,
    question_ids: list[int] | None = None,
) -> list[dict]:
    """One dict per question (its current revision), ordered by id, or in the order of `question_ids`."""
    query = (
        select(Question)
        .where(Question.current_revision_id.is_not(None))
        .options(
            selectinload(Question.current_revision).selectinload(QuestionRevision.tags),
            selectinload(Question.current_revision)
            .selectinload(QuestionRevision.evidence)
            .selectinload(RevisionEvidence.span)
            .selectinload(EvidenceSpan.article),
        )
        .order_by(Question.key)
    )
    if status:
        query = query.where(Question.status == status)
    if origin:
        query = query.where(Question.origin == origin)
    if question_ids is not None:
        rank = {qid: i for i, qid in enumerate(question_ids)}
        found = sorted(session.scalars(query.where(Question.id.in_(rank))), key=lambda q: rank[q.id])
        return [question_record(q, link_for) for q in found]
    return [question_record(q, link_for) for q in session.scalars(query)]


def question_record(question: Question, link_for: LinkBuilder) -> dict:
    revision = question.current_revision
    content = revision.content
    details = revision.details or {}
    return {
        "id": question.key,
        "type": content.type,
        "prompt": content.prompt,
        "answer": revision.answer,
        "accepted_answers": details.get("accepted_answers", []),
        "choices": details.get("choices", []),
        "tolerance": details.get("tolerance"),
        "unit": details.get("unit"),
        "role": details.get("role"),
        "explanation": content.explanation,
        "evidence": [
            {
                "article": e.span.article.slug,
                "start": e.span.start,
                "end": e.span.end,
                "text": e.span.quote,
                "url": link_for(e.span.article.slug, e.span.range),
            }
            for e in revision.evidence
        ],
        "tags": list(content.tags),
        "difficulty": content.difficulty,
        "origin": question.origin,
        "status": question.status,
    }


def to_json(records: list[dict]) -> str:
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def to_csv(records: list[dict]) -> str:
    """Lists are joined with " | "; evidence gives the cited words and evidence_urls their reader links."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        row = {k: record.get(k) for k in CSV_COLUMNS}
        for name in ("accepted_answers", "choices", "tags"):
            row[name] = LIST_SEPARATOR.join(flatten(record[name]))
        if isinstance(record["answer"], list):
            row["answer"] = LIST_SEPARATOR.join(record["answer"])
        row["evidence"] = LIST_SEPARATOR.join(e["text"] for e in record["evidence"])
        row["evidence_urls"] = LIST_SEPARATOR.join(e["url"] for e in record["evidence"])
        writer.writerow(row)
    return out.getvalue()


def flatten(values: list) -> list[str]:
    return [" / ".join(v) if isinstance(v, list) else str(v) for v in values]
