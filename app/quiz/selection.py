"""Which questions a quiz draws: by article, by tag, the whole bank, or the learner's recent mistakes."""

from __future__ import annotations

import random
from dataclasses import dataclass

from sqlalchemy import and_, distinct, func, or_, select
from sqlalchemy.orm import Session

from app.models import (
    Article,
    Attempt,
    ClassMember,
    EvidenceSpan,
    Question,
    QuestionRevision,
    QuestionSet,
    QuestionSetItem,
    QuestionSetOwner,
    Response,
    RevisionEvidence,
    RevisionTag,
    SchoolClass,
)

# Tags shown in the catalogue, with the names students see.
TOPICS = {
    "quotes": "Who said what",
    "numbers": "Numbers",
    "companies": "Companies",
    "people": "People and roles",
    "places": "Places",
    "timeline": "Timeline",
    "organisations": "Organisations",
    "policy": "Policy",
    "technology": "Technology",
}
LENGTHS = (5, 10, 20)
MISTAKES_WINDOW = 200  # responses looked at when building a "practise my mistakes" quiz


@dataclass(frozen=True)
class QuizSource:
    kind: str  # article, tag, set, all, mistakes
    key: str = ""
    title: str = ""
    ordered: bool = False  # keep the source's order (a set) instead of shuffling


def approved_current_revisions():
    return (
        select(QuestionRevision)
        .join(Question, Question.current_revision_id == QuestionRevision.id)
        .where(Question.status == "approved")
    )


def revisions_citing(article_id: int):
    cited = (
        select(RevisionEvidence.revision_id)
        .join(EvidenceSpan, EvidenceSpan.id == RevisionEvidence.span_id)
        .where(EvidenceSpan.article_id == article_id)
    )
    return QuestionRevision.id.in_(cited)


def revisions_tagged(tag: str):
    return QuestionRevision.id.in_(select(RevisionTag.revision_id).where(RevisionTag.tag == tag))


def mistaken_question_ids(session: Session, owner_condition) -> list[int]:
    """Questions whose most recent answer by this learner was wrong."""
    recent = (
        select(QuestionRevision.question_id, Response.correct, Response.answered_at)
        .join(Response, Response.revision_id == QuestionRevision.id)
        .join(Attempt, Attempt.id == Response.attempt_id)
        .where(owner_condition)
        .order_by(Response.answered_at.desc(), Response.id.desc())
        .limit(MISTAKES_WINDOW)
    )
    latest: dict[int, bool] = {}
    for question_id, correct, _ in session.execute(recent):
        latest.setdefault(question_id, correct)
    return [qid for qid, correct in latest.items() if not correct]


def resolve_source(
    session: Session,
    kind: str,
    key: str,
    owner_condition,
    topic: str | None = None,
    viewer_id: int | None = None,
) -> tuple[QuizSource, list[int]] | None:
    """The source's display title and the ids of the revisions it can draw, or None if it does not exist.

    `topic` narrows any source to one tag ("Who said what" in one article); `viewer_id` (the logged-in
    user) may also take the sets they may see beyond the public ones.
    """
    query = approved_current_revisions().with_only_columns(QuestionRevision.id)
    if kind == "article":
        article = session.scalar(select(Article).where(Article.slug == key))
        if article is None:
            return None
        query, title = query.where(revisions_citing(article.id)), article.title
    elif kind == "tag":
        if key not in TOPICS:
            return None
        query, title = query.where(revisions_tagged(key)), TOPICS[key]
    elif kind == "mistakes":
        question_ids = mistaken_question_ids(session, owner_condition)
        query, title = query.where(QuestionRevision.question_id.in_(question_ids)), "My recent mistakes"
    elif kind == "set":
        question_set = session.scalar(
            select(QuestionSet).where(QuestionSet.key == key, visible_sets(viewer_id))
        )
        if question_set is None:
            return None
        return QuizSource(kind, key, question_set.title, ordered=True), set_revision_ids(
            session, question_set
        )
    elif kind == "all":
        title = "The whole bank"
    else:
        return None
    if topic:
        if topic not in TOPICS or kind == "tag":
            return None
        query, title, key = (
            query.where(revisions_tagged(topic)),
            f"{TOPICS[topic]} · {title}",
            f"{key}+{topic}",
        )
    ids = list(session.scalars(query.order_by(QuestionRevision.id)))
    return QuizSource(kind, key, title), ids


def set_revision_ids(session: Session, question_set: QuestionSet) -> list[int]:
    """The current revisions of the set's approved questions, in the set's order."""
    positions = {item.question_id: item.position for item in question_set.items}
    rows = session.execute(
        approved_current_revisions()
        .with_only_columns(QuestionRevision.id, QuestionRevision.question_id)
        .where(QuestionRevision.question_id.in_(positions))
    ).all()
    return [rid for rid, qid in sorted(rows, key=lambda row: positions[row[1]])]


def draw(
    revision_ids: list[int], length: int | None, rng: random.Random, *, ordered: bool = False
) -> list[int]:
    """A random selection of `length` (all when None), shuffled unless `ordered` keeps the given order."""
    count = len(revision_ids) if length is None else min(length, len(revision_ids))
    chosen = rng.sample(revision_ids, count)
    if ordered:
        rank = {rid: i for i, rid in enumerate(revision_ids)}
        chosen.sort(key=rank.__getitem__)
    return chosen


def sets_shared_with_classes(viewer_id: int):
    """Ids of the sets with visibility "classes" that `viewer_id` takes through a class: those owned or
    co-owned by the teacher of a class the viewer is in."""
    teachers = (
        select(SchoolClass.owner_id)
        .join(ClassMember, ClassMember.class_id == SchoolClass.id)
        .where(ClassMember.user_id == viewer_id)
    )
    co_owned = select(QuestionSetOwner.set_id).where(QuestionSetOwner.user_id.in_(teachers))
    return select(QuestionSet.id).where(
        QuestionSet.visibility == "classes",
        or_(QuestionSet.owner_id.in_(teachers), QuestionSet.id.in_(co_owned)),
    )


def visible_sets(viewer_id: int | None = None):
    """Sets offered as quizzes: public ones to everyone; to a logged-in viewer also the sets they own or
    co-own, and "my classes" sets shared with them through a class."""
    public = QuestionSet.visibility == "public"
    if viewer_id is None:
        return public
    co_owned = select(QuestionSetOwner.set_id).where(QuestionSetOwner.user_id == viewer_id)
    return or_(
        public,
        QuestionSet.owner_id == viewer_id,
        QuestionSet.id.in_(co_owned),
        and_(QuestionSet.visibility == "classes", QuestionSet.id.in_(sets_shared_with_classes(viewer_id))),
    )


def set_listing(session: Session, viewer_id: int | None = None) -> list[tuple[QuestionSet, int]]:
    """Sets the viewer may take, with the number of approved questions each can ask, in one query."""
    count = func.count(Question.id).filter(Question.status == "approved")
    rows = session.execute(
        select(QuestionSet, count)
        .outerjoin(QuestionSetItem, QuestionSetItem.set_id == QuestionSet.id)
        .outerjoin(Question, Question.id == QuestionSetItem.question_id)
        .where(visible_sets(viewer_id))
        .group_by(QuestionSet.id)
        .order_by(QuestionSet.title)
    )
    return [(question_set, n) for question_set, n in rows.all() if n]


def topic_counts(session: Session) -> dict[str, int]:
    rows = session.execute(
        approved_current_revisions()
        .with_only_columns(RevisionTag.tag, func.count(distinct(QuestionRevision.id)))
        .join(RevisionTag, RevisionTag.revision_id == QuestionRevision.id)
        .where(RevisionTag.tag.in_(TOPICS))
        .group_by(RevisionTag.tag)
    )
    return dict(rows.all())
