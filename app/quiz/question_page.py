"""What the question page needs, read cheaply: it is the page a learner loads most.

One prepared query, on a plain connection (reading one row needs no ORM unit of work), reads the attempt, the
asked item, its revision's content hash and whether it is already answered; what the revision shows comes from
a bounded cache, since revisions never change once written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Select, bindparam, exists, select

from app.caching import BoundedCache
from app.models import Attempt, AttemptItem, QuestionRevision, Response
from app.quiz.presenting import QuestionText, QuestionView, placed_question, question_text

QUESTION_TEXTS_CACHED = 4096  # a few kilobytes each: every question of a large bank

attempts, items, responses, revisions = (
    model.__table__ for model in (Attempt, AttemptItem, Response, QuestionRevision)
)


@dataclass(frozen=True)
class AttemptSummary:
    """The attempt as the question page shows it (and as `after_answer` needs it to choose a redirect)."""

    id: int
    title: str
    mode: str
    question_count: int
    finished_at: datetime | None

    @property
    def finished(self) -> bool:
        return self.finished_at is not None


@dataclass(frozen=True)
class QuestionPage:
    attempt: AttemptSummary
    question: QuestionView
    answered: bool  # this position already has a response


def page_query(owner_column) -> Select:
    """Built once per kind of owner with bound parameters, so SQLAlchemy reuses its compiled form."""
    answered = exists().where(
        responses.c.attempt_id == attempts.c.id, responses.c.position == items.c.position
    )
    return (
        select(
            attempts.c.id,
            attempts.c.title,
            attempts.c.mode,
            attempts.c.question_count,
            attempts.c.finished_at,
            items.c.revision_id,
            items.c.choice_order,
            revisions.c.content_hash,
            answered.label("answered"),
        )
        .join_from(attempts, items, items.c.attempt_id == attempts.c.id)
        .join(revisions, revisions.c.id == items.c.revision_id)
        .where(
            attempts.c.id == bindparam("attempt_id"),
            items.c.position == bindparam("position"),
            owner_column == bindparam("owner"),
        )
    )


PAGE_QUERIES = {"user": page_query(attempts.c.user_id), "visitor": page_query(attempts.c.visitor_token)}


TEXT_QUERY = select(revisions.c.type, revisions.c.prompt, revisions.c.details).where(
    revisions.c.id == bindparam("revision_id")
)


def load_question_page(
    connection: Connection,
    texts: BoundedCache[QuestionText],
    attempt_id: int,
    position: int,
    owner: tuple[str, object],
) -> QuestionPage | None:
    """The page for the `position`-th question of the owner's attempt, or None if there is no such thing.

    `owner` is ("user", user id) or ("visitor", visitor token).
    """
    kind, value = owner
    params = {"attempt_id": attempt_id, "position": position, "owner": value}
    row = connection.execute(PAGE_QUERIES[kind], params).one_or_none()
    if row is None:
        return None
    attempt = AttemptSummary(row.id, row.title, row.mode, row.question_count, row.finished_at)
    # A revision id is reused if the newest revision is deleted (SQLite), so the content hash is in the key.
    text = texts.get(
        (row.revision_id, row.content_hash), lambda: load_question_text(connection, row.revision_id)
    )
    question = placed_question(text, position, row.question_count, row.choice_order)
    return QuestionPage(attempt, question, bool(row.answered))


def load_question_text(connection: Connection, revision_id: int) -> QuestionText:
    revision = connection.execute(TEXT_QUERY, {"revision_id": revision_id}).one()
    return question_text(revision.type, revision.prompt, revision.details or {})


def question_texts() -> BoundedCache[QuestionText]:
    return BoundedCache(QUESTION_TEXTS_CACHED)
