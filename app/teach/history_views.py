"""A question's revisions: who wrote each, a readable diff, restoring one, previewing any as a student."""

from __future__ import annotations

import random

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from app.articles.links import reader_url
from app.bank.diffs import diff_revisions
from app.bank.editing import article_texts, check_item, cited_articles, revision_item, save_question
from app.bank.types import QUESTION_TYPES
from app.extensions import db
from app.models import (
    AttemptItem,
    EvidenceSpan,
    Question,
    QuestionRevision,
    Response,
    RevisionEvidence,
)
from app.models.questions import revision_sources
from app.quiz.forms import answer_form
from app.quiz.presenting import feedback_view, question_view
from app.teach import bp
from app.teach.access import editable_ids, find_question
from app.teach.forms import ConfirmForm
from app.teach.views import teacher_only

REVISIONS_OPTIONS = (
    selectinload(Question.revisions).selectinload(QuestionRevision.tags),
    selectinload(Question.revisions)
    .selectinload(QuestionRevision.evidence)
    .joinedload(RevisionEvidence.span)
    .joinedload(EvidenceSpan.article),
    selectinload(Question.revisions).joinedload(QuestionRevision.author),
)


@bp.get("/questions/<int:question_id>/history")
@teacher_only
def history(question_id: int):
    question = find_question(question_id, edit=False, options=REVISIONS_OPTIONS)
    by_number = {r.number: r for r in question.revisions}
    latest = question.current_revision_id
    shown = request.args.get("revision", type=int) or next(
        (r.number for r in question.revisions if r.id == latest), max(by_number)
    )
    base = request.args.get("against", type=int) or shown - 1
    if shown not in by_number:
        abort(404)
    older = by_number.get(base)
    changes = diff_revisions(older, by_number[shown]) if older is not None else None
    return render_template(
        "teach/history.html",
        question=question,
        revisions=sorted(question.revisions, key=lambda r: r.number, reverse=True),
        shown=by_number[shown],
        older=older,
        changes=changes,
        editable=bool(editable_ids([question.id])),
        restore_form=ConfirmForm(),
    )


@bp.post("/questions/<int:question_id>/revisions/<int:number>/restore")
@teacher_only
def restore_revision(question_id: int, number: int):
    """A new revision with an old one's wording: history only grows, attempts keep what they answered."""
    question = find_question(question_id, edit=True, options=(joinedload(Question.current_revision),))
    old = db.session.scalar(
        select(QuestionRevision)
        .where(QuestionRevision.question_id == question.id, QuestionRevision.number == number)
        .options(
            selectinload(QuestionRevision.tags),
            selectinload(QuestionRevision.evidence)
            .joinedload(RevisionEvidence.span)
            .joinedload(EvidenceSpan.article),
        )
    )
    if old is None:
        abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    item = revision_item(question, old)
    checked, problems = check_item(item, article_texts(db.session, cited_articles(item)))
    if checked is None:
        flash(f"Revision {number} cannot be restored as it is:", "error")
        for problem in problems:
            flash(problem.detail, "error")
        return redirect(url_for("teach.history", question_id=question.id))
    saved = save_question(
        db.session,
        checked,
        question=question,
        author_id=current_user.id,
        note=f"Restored from revision {number}",
    )
    db.session.commit()
    if saved.revision is None:
        flash(f"Revision {number} is already the current wording.", "info")
    else:
        flash(f"Revision {number} restored as revision {saved.revision.number}.", "success")
    return redirect(url_for("teach.history", question_id=question.id))


def preview_item(revision: QuestionRevision) -> AttemptItem:
    """An attempt item never stored: its choices shuffled the same way on every request for the revision."""
    choices = list((revision.details or {}).get("choices") or [])
    random.Random(revision.id).shuffle(choices)
    return AttemptItem(position=1, revision=revision, choice_order=choices)


@bp.route("/questions/<int:question_id>/preview", methods=["GET", "POST"])
@teacher_only
def preview_question(question_id: int):
    question = find_question(question_id, edit=False)
    number = request.args.get("revision", type=int)
    query = select(QuestionRevision).where(QuestionRevision.question_id == question.id)
    query = (
        query.where(QuestionRevision.number == number)
        if number
        else query.where(QuestionRevision.id == question.current_revision_id)
    )
    revision = db.session.scalar(
        query.options(
            *revision_sources(),
        )
    )
    if revision is None:
        abort(404)
    item = preview_item(revision)
    view = question_view(item, 1)
    form = answer_form(view, request.form if request.method == "POST" else None)
    answer = None
    if request.method == "POST" and form.validate_on_submit():
        grade = QUESTION_TYPES[revision.type].grade(revision.content, form.response())
        response = Response(
            position=1,
            response=form.response(),
            correct=grade.correct,
            score=grade.score,
            feedback=grade.feedback,
        )
        answer = feedback_view(item, response, 1, reader_url)
    return render_template(
        "teach/preview.html", question=question, revision=revision, view=view, form=form, answer=answer
    )
