"""Importing a question file all or nothing: read it, give each question an id, validate, then store.

Every question goes through the bank's validator (`check_item`); one problem anywhere and nothing is
written. Questions without evidence come in as drafts, marked unsourced, until a teacher cites the
article. Ids the importer may not revise (another teacher's question, a bank file's) are never touched:
the question comes in under a new id instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.bank.content import content_hash
from app.bank.editing import (
    article_texts,
    check_item,
    cited_articles,
    new_key,
    same_wording,
    save_question,
    slugify,
)
from app.bank.parsing import KEY, Problem
from app.bank.validation import CheckedQuestion
from app.formats.items import ImportedItem, ReadResult
from app.formats.registry import Format
from app.models import (
    EvidenceSpan,
    Question,
    QuestionRevision,
    QuestionSet,
    RevisionEvidence,
)

MAX_IMPORT_BYTES = 2 * 1024 * 1024


@dataclass
class PlannedQuestion:
    imported: ImportedItem
    checked: CheckedQuestion
    existing: Question | None  # the question this one revises
    action: str  # "new", "revise" or "unchanged"
    renamed_from: str | None = None  # the file's id, taken by a question the importer may not change

    @property
    def key(self) -> str:
        return self.checked.spec.key

    @property
    def unsourced(self) -> bool:
        return not self.checked.evidence


@dataclass
class ImportPlan:
    format: str
    questions: list[PlannedQuestion] = field(default_factory=list)
    unsupported: list[ImportedItem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def can_apply(self, skip_unsupported: bool) -> bool:
        """Nothing wrong, and unsupported items (if any) explicitly skipped."""
        return self.ok and bool(self.questions) and (skip_unsupported or not self.unsupported)

    def count(self, action: str) -> int:
        return sum(1 for q in self.questions if q.action == action)


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    revised: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    added_to_set: int = 0

    def summary(self) -> str:
        text = f"{len(self.created)} created, {len(self.revised)} revised, {len(self.unchanged)} unchanged"
        return text + (f"; {self.added_to_set} added to the set" if self.added_to_set else "")


def candidate_key(wanted: object) -> str | None:
    if not isinstance(wanted, str) or not wanted.strip():
        return None
    return wanted if KEY.match(wanted) and len(wanted) <= 80 else slugify(wanted)


def plan_import(
    session: Session, fmt: Format, text: str, *, revisable: Callable[[set[str]], set[str]]
) -> ImportPlan:
    """What importing `text` would do, and every problem (`line N: …`); writes nothing."""
    assert fmt.read is not None
    read: ReadResult = fmt.read(text)
    plan = ImportPlan(fmt.name, problems=list(read.problems))
    plan.unsupported = [i for i in read.items if i.unsupported]
    supported = [i for i in read.items if not i.unsupported]
    candidates = {k for k in (candidate_key(i.item.get("id")) for i in supported) if k}
    existing = {
        q.key: q
        for q in session.scalars(
            select(Question)
            .where(Question.key.in_(candidates))
            .options(
                selectinload(Question.current_revision)
                .selectinload(QuestionRevision.evidence)
                .selectinload(RevisionEvidence.span)
                .selectinload(EvidenceSpan.article)
            )
        )
    }
    allowed = revisable(set(existing)) if existing else set()
    texts = article_texts(session, set().union(*(cited_articles(i.item) for i in supported)))
    first_line: dict[str, int] = {}

    def taken(key: str) -> bool:
        return key in first_line or session.scalar(select(Question.id).where(Question.key == key)) is not None

    for imported in supported:
        item = dict(imported.item)
        wanted = candidate_key(item.get("id"))
        if imported.name_is_id and wanted in first_line:
            message = f"duplicate id {wanted!r} (first at line {first_line[wanted]})"
            plan.problems.append(Problem("", imported.line, message, field="id"))
            continue
        renamed = None
        if wanted and wanted not in first_line and (wanted not in existing or wanted in allowed):
            key = wanted
        else:
            key, renamed = new_key(wanted or str(item.get("prompt") or ""), taken), wanted
        first_line[key] = imported.line
        item["id"] = key
        if not item.get("evidence"):
            item["status"] = "draft"  # unsourced: a draft until a teacher cites the article
        item.setdefault("status", "approved")
        checked, problems = check_item(item, texts, file="", line=imported.line, lines=imported.lines)
        if checked is None:
            plan.problems += problems
            continue
        stored = existing.get(key)
        digest = content_hash(checked.spec.content, checked.spec.evidence)
        if stored is None:
            action = "new"
        elif same_wording(stored.current_revision, checked, digest) and stored.status == checked.spec.status:
            action = "unchanged"
        else:
            action = "revise"
        plan.questions.append(PlannedQuestion(imported, checked, stored, action, renamed))
    plan.problems.sort(key=lambda p: p.line)
    return plan


def apply_import(
    session: Session,
    plan: ImportPlan,
    *,
    author_id: int | None,
    note: str,
    target_set: QuestionSet | None = None,
) -> ImportReport:
    """Store a plan that `can_apply`; the caller commits (or rolls back for a dry run)."""
    report = ImportReport()
    questions = []
    for planned in plan.questions:
        if planned.action == "unchanged":
            questions.append(planned.existing)
            report.unchanged.append(planned.key)
            continue
        saved = save_question(
            session, planned.checked, question=planned.existing, author_id=author_id, note=note
        )
        questions.append(saved.question)
        (report.created if saved.created else report.revised).append(planned.key)
    if target_set is not None:
        report.added_to_set = target_set.append_questions(questions, added_by_id=author_id)
        session.flush()
    session.flush()
    return report
