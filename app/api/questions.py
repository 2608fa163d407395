"""Questions with their evidence; the answers only for teachers who may see them in the teaching pages.

A student sees approved questions without their answers or explanations (which would give away a quiz in
progress): answers reach students only in graded responses (see app.api.attempts). Choices are listed in
alphabetical order, since the bank lists the right one first.
"""

from __future__ import annotations

from flask import jsonify, url_for
from sqlalchemy import false, func, or_, select

from app.api.articles import SLUG_PARAM
from app.api.auth import api_user
from app.api.errors import invalid, not_found
from app.api.openapi import ID, INTEGER, STRING, URL, array, component, nullable, obj
from app.api.pagination import LINK_HEADER, PAGE_QUERY, Page, page_response, page_schema
from app.api.presenting import ANSWER_VALUE, EVIDENCE, QUESTION_FRONT, evidence_json, front_json
from app.api.routing import operation
from app.articles.links import reader_url
from app.bank.types import QUESTION_TYPES
from app.extensions import db
from app.models import Article, Question, QuestionRevision, User
from app.models.questions import DIFFICULTIES, STATUSES, revision_sources
from app.quiz.presenting import CHOICE_TYPES, question_view
from app.quiz.selection import revisions_citing, revisions_tagged
from app.review.presenting import CardItem
from app.teach.ownership import viewable_questions
from app.text.spans import Span

ANSWER = component(
    "Answer",
    obj(
        {
            "expected": {**STRING, "description": "the right answer as the results page says it"},
            "value": {**ANSWER_VALUE, "description": "the answer as the bank stores it"},
            "accepted_answers": array({"type": ["string", "array"], "items": STRING}),
            "explanation": STRING,
        },
        description="Only for teachers and admins, on questions the teaching pages show them.",
    ),
)
QUESTION = component(
    "Question",
    obj(
        {
            "id": INTEGER,
            "key": STRING,
            "status": {"type": "string", "enum": list(STATUSES)},
            "revision": {**INTEGER, "description": "the number of the current wording"},
            **QUESTION_FRONT,
            "difficulty": {"type": "string", "enum": list(DIFFICULTIES)},
            "tags": array(STRING),
            "evidence": array(EVIDENCE),
            "reader_url": nullable({**URL, "description": "the first cited article, highlighting its spans"}),
            "answer": nullable(ANSWER),
            "api_url": URL,
        }
    ),
)


def visible_to(user: User):
    """Students see approved questions; teachers also those the teaching pages show them."""
    approved = Question.status == "approved"
    return or_(approved, viewable_questions(user)) if user.is_teacher else approved


def answers_visible_to(user: User):
    return viewable_questions(user) if user.is_teacher else false()


def question_rows(user: User, *conditions, page: Page | None = None):
    query = (
        select(Question, QuestionRevision, answers_visible_to(user).label("answers_visible"))
        .join(QuestionRevision, QuestionRevision.id == Question.current_revision_id)
        .where(visible_to(user), *conditions)
        .order_by(Question.id)
        .options(
            *revision_sources(),
        )
    )
    if page is not None:
        query = query.limit(page.per_page).offset(page.offset)
    return db.session.execute(query).all()


def question_json(question: Question, revision: QuestionRevision, answers_visible: bool) -> dict:
    content = revision.content
    choices = sorted(content.choices, key=str.casefold) if revision.type in CHOICE_TYPES else []
    spans = [e.span for e in revision.evidence]
    first = spans[0].article if spans else None
    answer = None
    if answers_visible:
        answer = {
            "expected": QUESTION_TYPES[revision.type].display_answer(content),
            "value": revision.answer,
            "accepted_answers": list((revision.details or {}).get("accepted_answers") or []),
            "explanation": content.explanation,
        }
    return {
        "id": question.id,
        "key": question.key,
        "status": question.status,
        "revision": revision.number,
        **front_json(question_view(CardItem(revision, choices), total=1)),
        "difficulty": revision.difficulty,
        "tags": revision.tag_names,
        "evidence": evidence_json(revision),
        "reader_url": reader_url(
            first.slug, [Span(s.start, s.end) for s in spans if s.article_id == first.id], external=True
        )
        if first
        else None,
        "answer": answer,
        "api_url": url_for("api.question", question_id=question.id, _external=True),
    }


@operation(
    "GET",
    "/questions",
    summary="List the questions you may see, optionally those citing an article or with a tag",
    tag="questions",
    scope="read",
    query={
        **PAGE_QUERY,
        "article": {**SLUG_PARAM, "description": "only questions citing this article (its slug)"},
        "tag": {"type": "string", "maxLength": 40, "description": "only questions with this tag"},
    },
    responses={200: ("A page of questions.", page_schema(QUESTION))},
    headers={200: LINK_HEADER},
)
def questions(page: int, per_page: int, article: str | None, tag: str | None):
    user = api_user()
    conditions = []
    if article is not None:
        article_id = db.session.scalar(select(Article.id).where(Article.slug == article))
        if article_id is None:
            raise invalid({"query.article": "There is no article with this slug."})
        conditions.append(revisions_citing(article_id))
    if tag is not None:
        conditions.append(revisions_tagged(tag))
    paging = Page(page, per_page)
    rows = question_rows(user, *conditions, page=paging)
    total = db.session.scalar(
        select(func.count(Question.id))
        .join(QuestionRevision, QuestionRevision.id == Question.current_revision_id)
        .where(visible_to(user), *conditions)
    )
    return page_response([question_json(*row) for row in rows], total, paging)


@operation(
    "GET",
    "/questions/{question_id}",
    summary="One question with its evidence (and its answer, for teachers who may see it)",
    tag="questions",
    scope="read",
    path_params={"question_id": ID},
    responses={200: ("The question.", QUESTION)},
)
def question(question_id: int):
    rows = question_rows(api_user(), Question.id == question_id)
    if not rows:
        raise not_found("There is no question with this id that you may see.")
    return jsonify(question_json(*rows[0]))
