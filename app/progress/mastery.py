"""Mastery per question (from each question's last few answers) and what the page shows of those questions.

Like app.progress.stats, each function is one SQL query and takes an owner condition on `Attempt`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from app.models import Article, Attempt, EvidenceSpan, QuestionRevision, Response, RevisionEvidence
from app.progress.stats import as_utc
from app.quiz.selection import MISTAKES_WINDOW
from app.text.spans import Span

MASTERY_WINDOW = 3  # a question is mastered when its last three answers were right

MASTERED, LEARNING, NEEDS_WORK = "mastered", "learning", "needs_work"
LEVELS = (MASTERED, LEARNING, NEEDS_WORK)


def mastery_level(recent: Sequence[bool]) -> str:
    """From a question's latest answers, newest first: mastered (last 3 right), needs work (last wrong)."""
    if not recent[0]:
        return NEEDS_WORK
    if len(recent) >= MASTERY_WINDOW and all(recent[:MASTERY_WINDOW]):
        return MASTERED
    return LEARNING


@dataclass(frozen=True)
class QuestionMastery:
    question_id: int
    revision_id: int  # the revision answered last: the wording the learner saw
    level: str
    recent: tuple[bool, ...]  # newest first, at most MASTERY_WINDOW
    last_answered_at: datetime
    last_response: object
    in_mistakes_window: bool  # whether "practise my mistakes" would draw it (see app.quiz.selection)


@dataclass(frozen=True)
class Mastery:
    questions: list[QuestionMastery] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(LEVELS, 0)
        for question in self.questions:
            counts[question.level] += 1
        return counts

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def needs_work(self) -> list[QuestionMastery]:
        """Questions last answered wrong, most recently answered first."""
        wrong = [q for q in self.questions if q.level == NEEDS_WORK]
        return sorted(wrong, key=lambda q: q.last_answered_at, reverse=True)

    @property
    def has_mistakes_to_practise(self) -> bool:
        return any(q.in_mistakes_window for q in self.needs_work)


def mastery(session: Session, owner: ColumnElement[bool]) -> Mastery:
    """Each answered question's last few answers, numbered in SQL so only those rows come back."""
    newest_first = (Response.answered_at.desc(), Response.id.desc())
    ranked = (
        select(
            QuestionRevision.question_id,
            Response.revision_id,
            Response.correct,
            Response.answered_at,
            Response.response,
            func.row_number()
            .over(partition_by=QuestionRevision.question_id, order_by=newest_first)
            .label("recency"),
            func.row_number().over(order_by=newest_first).label("overall"),
        )
        .select_from(Response)
        .join(Attempt, Attempt.id == Response.attempt_id)
        .join(QuestionRevision, QuestionRevision.id == Response.revision_id)
        .where(owner)
        .subquery()
    )
    rows = session.execute(
        select(ranked)
        .where(ranked.c.recency <= MASTERY_WINDOW)
        .order_by(ranked.c.question_id, ranked.c.recency)
    ).all()
    questions: list[QuestionMastery] = []
    recent: list[bool] = []
    for index, row in enumerate(rows):
        if row.recency == 1:
            latest, recent = row, []
        recent.append(bool(row.correct))
        if index + 1 == len(rows) or rows[index + 1].question_id != row.question_id:
            questions.append(
                QuestionMastery(
                    question_id=latest.question_id,
                    revision_id=latest.revision_id,
                    level=mastery_level(recent),
                    recent=tuple(recent),
                    last_answered_at=as_utc(latest.answered_at),
                    last_response=latest.response,
                    in_mistakes_window=latest.overall <= MISTAKES_WINDOW,
                )
            )
    return Mastery(questions)


@dataclass(frozen=True)
class QuestionSource:
    """What the progress page shows of a question: its prompt, and where its evidence is."""

    revision_id: int
    prompt: str
    article_slug: str | None = None
    article_title: str | None = None
    spans: tuple[Span, ...] = ()


def question_sources(session: Session, revision_ids: Sequence[int]) -> dict[int, QuestionSource]:
    """Prompts and evidence of these revisions; the spans are those in the article of the first evidence."""
    if not revision_ids:
        return {}
    rows = session.execute(
        select(
            QuestionRevision.id,
            QuestionRevision.prompt,
            Article.slug,
            Article.title,
            EvidenceSpan.start,
            EvidenceSpan.end,
        )
        .select_from(QuestionRevision)
        .outerjoin(RevisionEvidence, RevisionEvidence.revision_id == QuestionRevision.id)
        .outerjoin(EvidenceSpan, EvidenceSpan.id == RevisionEvidence.span_id)
        .outerjoin(Article, Article.id == EvidenceSpan.article_id)
        .where(QuestionRevision.id.in_(revision_ids))
        .order_by(QuestionRevision.id, RevisionEvidence.position)
    ).all()
    sources: dict[int, QuestionSource] = {}
    for revision_id, prompt, slug, title, start, end in rows:
        source = sources.get(revision_id) or QuestionSource(revision_id, prompt, slug, title)
        if slug is not None and slug == source.article_slug:
            source = QuestionSource(revision_id, prompt, slug, title, (*source.spans, Span(start, end)))
        sources[revision_id] = source
    return sources


def response_text(response: object) -> str:
    """A stored response as the learner typed or chose it (cloze answers are a list of blanks)."""
    if response is None:
        return ""
    if isinstance(response, list | tuple):
        return " · ".join(str(part) for part in response)
    return str(response)
