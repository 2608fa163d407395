"""The teacher's desk (their sets and latest questions) and the lists of their questions and of the bank."""

from __future__ import annotations

from flask import render_template, request
from flask_login import current_user
from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from app.analysis.queries import bank_statistics
from app.auth.roles import roles_required
from app.bank.types import QUESTION_TYPES
from app.extensions import db
from app.models import Question, QuestionRevision, QuestionSet, QuestionSetItem, RevisionEvidence
from app.teach import bp
from app.teach.dispute_queue import open_dispute_count
from app.teach.ownership import editable_questions, editable_sets, viewable_questions

RECENT_QUESTIONS = 6
PAGE_SIZE = 30
teacher_only = roles_required("teacher", "admin")


def set_rows(condition) -> list[tuple[QuestionSet, int, int]]:
    """Sets with their number of questions and of approved ones, in one query."""
    approved = func.count(Question.id).filter(Question.status == "approved")
    rows = db.session.execute(
        select(QuestionSet, func.count(Question.id), approved)
        .outerjoin(QuestionSetItem, QuestionSetItem.set_id == QuestionSet.id)
        .outerjoin(Question, Question.id == QuestionSetItem.question_id)
        .where(condition)
        .group_by(QuestionSet.id)
        .order_by(QuestionSet.updated_at.desc(), QuestionSet.id.desc())
    )
    return [tuple(row) for row in rows.all()]


def question_counts() -> dict[str, int]:
    unsourced = ~Question.current_revision_id.in_(select(RevisionEvidence.revision_id))
    row = db.session.execute(
        select(
            func.count(Question.id),
            func.count(case((Question.status == "draft", 1))),
            func.count(case((unsourced, 1))),
        ).where(editable_questions(current_user))
    ).one()
    return {"questions": row[0], "drafts": row[1], "unsourced": row[2]}


@bp.get("/")
@teacher_only
def home():
    recent = db.session.scalars(
        select(Question)
        .where(editable_questions(current_user))
        .order_by(Question.updated_at.desc(), Question.id.desc())
        .limit(RECENT_QUESTIONS)
        .options(selectinload(Question.current_revision).selectinload(QuestionRevision.evidence))
    ).all()
    return render_template(
        "teach/home.html",
        sets=set_rows(editable_sets(current_user)),
        recent=recent,
        counts=question_counts(),
        open_disputes=open_dispute_count(db.session, current_user),
    )


@bp.get("/questions")
@teacher_only
def questions():
    scope = request.args.get("scope", "mine")
    condition = editable_questions(current_user) if scope == "mine" else viewable_questions(current_user)
    query = (
        select(Question)
        .join(QuestionRevision, QuestionRevision.id == Question.current_revision_id)
        .where(condition)
        .options(
            joinedload(Question.current_revision).selectinload(QuestionRevision.evidence),
            joinedload(Question.author),
        )
    )
    if scope == "bank":
        query = query.where(Question.source_file.is_not(None) | Question.author_id.is_(None))
    words = (request.args.get("q") or "").strip()
    if words:
        query = query.where(
            or_(QuestionRevision.prompt.ilike(f"%{words}%"), Question.key.ilike(f"%{words}%"))
        )
    status = request.args.get("status", "")
    if status in ("draft", "approved", "retired"):
        query = query.where(Question.status == status)
    kind = request.args.get("type", "")
    if kind in QUESTION_TYPES:
        query = query.where(QuestionRevision.type == kind)
    order = Question.updated_at.desc() if scope == "mine" else Question.key
    page = db.paginate(query.order_by(order, Question.id), per_page=PAGE_SIZE, error_out=False)
    return render_template(
        "teach/questions.html",
        page=page,
        statistics=bank_statistics(db.session, [question.id for question in page.items]),
        scope=scope,
        filters={"q": words, "status": status, "type": kind},
        types=QUESTION_TYPES,
    )
