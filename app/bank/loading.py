"""Loading checked questions into the database: upsert by id, a new revision per edit, retire the removed."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.bank.content import SetSpec, content_hash
from app.bank.validation import CheckedQuestion
from app.models import (
    Article,
    EvidenceSpan,
    Question,
    QuestionRevision,
    QuestionSet,
    QuestionSetItem,
    RevisionEvidence,
    RevisionTag,
)


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    revised: list[str] = field(default_factory=list)
    restatused: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    sets_changed: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.revised or self.restatused or self.retired or self.sets_changed)

    def summary(self) -> str:
        return (
            f"{len(self.created)} created, {len(self.revised)} revised, "
            f"{len(self.restatused)} status changed, {len(self.retired)} retired, "
            f"{len(self.unchanged)} unchanged; {len(self.sets_changed)} set(s) changed"
        )


def load_questions(session: Session, checked: list[CheckedQuestion], *, files: set[str]) -> LoadReport:
    """Upsert `checked`; questions of `files` that are gone from them are retired (kept, with history)."""
    report = LoadReport()
    existing = {
        q.key: q
        for q in session.scalars(select(Question).options(selectinload(Question.current_revision))).all()
    }
    slugs = {e.ref.article for q in checked for e in q.evidence}
    article_ids = dict(session.execute(select(Article.slug, Article.id).where(Article.slug.in_(slugs))).all())
    for question in checked:
        spec = question.spec
        digest = content_hash(spec.content, spec.evidence)
        stored = existing.get(spec.key)
        if stored is None:
            stored = Question(key=spec.key, status=spec.status, origin=spec.origin, source_file=spec.file)
            session.add(stored)
            add_revision(session, stored, question, digest, article_ids, number=1)
            report.created.append(spec.key)
            continue
        if stored.current_revision is None or stored.current_revision.content_hash != digest:
            number = 1 + max((r.number for r in stored.revisions), default=0)
            add_revision(session, stored, question, digest, article_ids, number=number)
            report.revised.append(spec.key)
        elif (stored.status, stored.origin) != (spec.status, spec.origin):
            report.restatused.append(spec.key)
        else:
            report.unchanged.append(spec.key)
        stored.status, stored.origin, stored.source_file = spec.status, spec.origin, spec.file
    loaded = {q.spec.key for q in checked}
    for key, stored in existing.items():
        if stored.source_file in files and key not in loaded and stored.status != "retired":
            stored.status = "retired"
            report.retired.append(key)
    session.flush()
    return report


def add_revision(
    session: Session,
    question: Question,
    checked: CheckedQuestion,
    digest: str,
    article_ids: dict,
    *,
    number: int,
) -> QuestionRevision:
    content = checked.spec.content
    revision = QuestionRevision(
        question=question,
        number=number,
        type=content.type,
        prompt=content.prompt,
        answer=list(content.answer) if isinstance(content.answer, tuple) else content.answer,
        details=content.details(),
        explanation=content.explanation,
        difficulty=content.difficulty,
        content_hash=digest,
        tags=[RevisionTag(tag=tag) for tag in content.tags],
        evidence=[
            RevisionEvidence(
                position=position,
                span=EvidenceSpan(
                    article_id=article_ids[e.ref.article],
                    start=e.span.start,
                    end=e.span.end,
                    quote=e.text,
                    label=f"question {question.key} r{number} evidence {position}",
                ),
            )
            for position, e in enumerate(checked.evidence, 1)
        ],
    )
    session.add(revision)
    question.current_revision = revision
    return revision


def load_sets(session: Session, sets: list[SetSpec], *, files: set[str], report: LoadReport) -> None:
    """Upsert bank sets by id (title, description, questions in order); sets gone from `files` are deleted."""
    existing = {
        s.key: s for s in session.scalars(select(QuestionSet).options(selectinload(QuestionSet.items)))
    }
    keys = {s.key for s in sets} | {k for spec in sets for k in spec.question_keys}
    question_ids = dict(
        session.execute(select(Question.key, Question.id).where(Question.key.in_(keys))).all()
    )
    for spec in sets:
        wanted = [question_ids[k] for k in spec.question_keys]
        stored = existing.get(spec.key)
        if stored is None:
            stored = QuestionSet(key=spec.key, visibility="public")
            session.add(stored)
        elif (stored.title, stored.description, [i.question_id for i in stored.items]) == (
            spec.title,
            spec.description,
            wanted,
        ):
            continue
        stored.title, stored.description, stored.source_file = spec.title, spec.description, spec.file
        if stored.items:
            stored.items.clear()
            session.flush()  # free the (set, position) pairs before reusing them
        stored.items.extend(QuestionSetItem(position=i, question_id=qid) for i, qid in enumerate(wanted, 1))
        report.sets_changed.append(spec.key)
    loaded = {s.key for s in sets}
    for key, stored in existing.items():
        if stored.source_file in files and key not in loaded:
            session.delete(stored)
            report.sets_changed.append(key)
    session.flush()
