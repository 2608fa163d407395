"""Writing questions in the app: a bank-shaped item → the validator → a new revision (never an edited one).

The editor, restoring an old revision, duplicating and imports all store questions through `save_question`,
after the same validator as `flask questions check` (`check_item`).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.bank.content import content_hash
from app.bank.loading import add_revision
from app.bank.parsing import KEY, Problem, parse_question
from app.bank.validation import CheckedQuestion, check_question
from app.models import Article, Question, QuestionRevision
from app.yaml_lines import LineMap

EDITOR_FILE = "editor"
KEY_WORDS = 6
KEY_STOPWORDS = frozenset({
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "is", "was", "were", "which", "what",
    "who", "how", "did", "does",
})  # fmt: skip


def slugify(text: str, limit: int = 60) -> str:
    """Lowercase words joined by hyphens, little words left out: "Who founded PandaDoc?" → founded-pandadoc"""
    text = re.sub(r"['’]s\b", "", text.lower())
    words = [w for w in re.findall(r"[a-z0-9]+", text) if w not in KEY_STOPWORDS and len(w) > 1]
    slug = "-".join(words[:KEY_WORDS])[:limit].strip("-")
    return slug or "question"


def new_key(text: str, taken: Callable[[str], bool]) -> str:
    """A fresh id from the words of `text` and a random suffix, e.g. `raid-minsk-office-4f2a`."""
    base = slugify(text)
    while True:
        key = f"{base}-{secrets.token_hex(2)}"
        if KEY.match(key) and not taken(key):
            return key


def key_taken(session: Session) -> Callable[[str], bool]:
    return lambda key: session.scalar(select(Question.id).where(Question.key == key)) is not None


def revision_item(question: Question, revision: QuestionRevision) -> dict:
    """A revision as a bank item (the validator's input), its evidence by article, words and offsets."""
    details = revision.details or {}
    return {
        "id": question.key,
        "type": revision.type,
        "prompt": revision.prompt,
        "answer": revision.answer,
        **{name: details[name] for name in ("accepted_answers", "choices", "tolerance", "unit", "role")
           if details.get(name) not in (None, [], "")},
        "explanation": revision.explanation,
        "evidence": [
            {"article": e.span.article.slug, "quote": e.span.quote, "start": e.span.start, "end": e.span.end}
            for e in revision.evidence
        ],
        "tags": revision.tag_names,
        "difficulty": revision.difficulty,
        "status": question.status,
        "origin": question.origin,
    }  # fmt: skip


def cited_articles(item: dict) -> set[str]:
    evidence = item.get("evidence")
    if not isinstance(evidence, list):
        return set()
    return {e["article"] for e in evidence if isinstance(e, dict) and isinstance(e.get("article"), str)}


def article_texts(session: Session, slugs: Iterable[str]) -> dict[str, str]:
    """The clean texts of the named articles, in one query."""
    slugs = set(slugs)
    if not slugs:
        return {}
    return dict(
        session.execute(select(Article.slug, Article.clean_text).where(Article.slug.in_(slugs))).all()
    )


def check_item(
    item: dict, texts: dict[str, str], *, file: str = EDITOR_FILE, line: int = 0, lines: LineMap | None = None
) -> tuple[CheckedQuestion | None, list[Problem]]:
    """The validator on one item: the same rules as `flask questions check`; drafts may be unsourced."""
    if lines is None:
        lines = LineMap()
        lines.record((), line)
    spec, problems = parse_question(item, lines, (), file, None, allow_incomplete_drafts=True)
    if spec is None:
        return None, problems
    return check_question(spec, texts)


@dataclass(frozen=True)
class Saved:
    question: Question
    revision: QuestionRevision | None  # the new revision, None when the wording did not change
    created: bool
    status_changed: bool

    @property
    def changed(self) -> bool:
        return self.created or self.revision is not None or self.status_changed


def same_wording(revision: QuestionRevision | None, checked: CheckedQuestion, digest: str) -> bool:
    if revision is None or revision.content_hash != digest:
        return False
    stored = [(e.span.article.slug, e.span.start, e.span.end) for e in revision.evidence]
    return stored == [(e.ref.article, e.span.start, e.span.end) for e in checked.evidence]


def save_question(
    session: Session,
    checked: CheckedQuestion,
    *,
    question: Question | None = None,
    author_id: int | None = None,
    note: str = "",
) -> Saved:
    """Store a checked question: a new one, or a new revision of `question` if its wording changed."""
    spec = checked.spec
    digest = content_hash(spec.content, spec.evidence)
    slugs = {e.ref.article for e in checked.evidence}
    article_ids = dict(session.execute(select(Article.slug, Article.id).where(Article.slug.in_(slugs))).all())
    created = question is None
    if question is None:
        question = Question(
            key=spec.key, status=spec.status, origin=spec.origin, source_file=None, author_id=author_id
        )
        session.add(question)
        number = 1
        status_changed = False
    else:
        status_changed = question.status != spec.status
        question.status = spec.status
        if same_wording(question.current_revision, checked, digest):
            session.flush()
            return Saved(question, None, False, status_changed)
        latest = session.scalar(
            select(func.max(QuestionRevision.number)).where(QuestionRevision.question_id == question.id)
        )
        number = (latest or 0) + 1
    revision = add_revision(session, question, checked, digest, article_ids, number=number)
    revision.author_id, revision.note = author_id, note[:200]
    session.flush()
    return Saved(question, revision, created, status_changed)
