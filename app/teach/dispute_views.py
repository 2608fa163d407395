"""The review queue of students' flags, one flag beside its evidence, and resolving it."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload, undefer

from app.articles.links import reader_url
from app.disputes.evidence import cited_passages
from app.disputes.filing import DisputeError
from app.disputes.resolving import (
    AlreadyResolvedError,
    is_revised_since,
    other_open_disputes,
    resolve_dispute,
)
from app.extensions import db
from app.models import (
    Article,
    AttemptItem,
    Dispute,
    EvidenceSpan,
    Question,
    QuestionRevision,
    RevisionEvidence,
)
from app.quiz.presenting import feedback_view, question_view
from app.teach import bp
from app.teach.access import editable_ids
from app.teach.dispute_queue import FILTERS, queue_counts, queue_query, reviewable_disputes
from app.teach.forms import ResolveDisputeForm
from app.teach.history_views import preview_item
from app.teach.views import PAGE_SIZE, teacher_only

DISPUTE_OPTIONS = (
    joinedload(Dispute.user),
    joinedload(Dispute.resolved_by),
    joinedload(Dispute.response),
    joinedload(Dispute.question).joinedload(Question.current_revision),
    joinedload(Dispute.revision).selectinload(QuestionRevision.tags),
    joinedload(Dispute.revision)
    .selectinload(QuestionRevision.evidence)
    .joinedload(RevisionEvidence.span)
    .joinedload(EvidenceSpan.article)
    .options(undefer(Article.clean_text), selectinload(Article.paragraphs)),
)
OUTCOME_MESSAGES = {
    "edited": "Marked as edited",
    "retired": "The question is retired",
    "kept": "The answer stands",
}


def find_dispute(dispute_id: int) -> Dispute:
    """A flag on a question the teacher may act on; anyone else's is a 404, as questions are."""
    found = db.session.scalar(
        select(Dispute)
        .where(Dispute.id == dispute_id, reviewable_disputes(current_user))
        .options(*DISPUTE_OPTIONS)
    )
    if found is None:
        abort(404)
    return found


@bp.get("/disputes")
@teacher_only
def disputes():
    shown = request.args.get("show", "open")
    if shown not in FILTERS:
        shown = "open"
    query = queue_query(current_user, shown).options(
        joinedload(Dispute.user), joinedload(Dispute.revision), joinedload(Dispute.question)
    )
    return render_template(
        "teach/disputes.html",
        page=db.paginate(query, per_page=PAGE_SIZE, error_out=False),
        shown=shown,
        counts=queue_counts(db.session, current_user),
    )


def student_view(dispute: Dispute):
    """The answer as the student saw it: their choice order, their answer, the grade (None if deleted)."""
    response = dispute.response
    if response is None:
        return None
    item = db.session.scalar(
        select(AttemptItem).where(
            AttemptItem.attempt_id == response.attempt_id, AttemptItem.position == response.position
        )
    )
    return feedback_view(item or preview_item(dispute.revision), response, response.position, reader_url)


def render_dispute(dispute: Dispute, form: ResolveDisputeForm, status: int = 200):
    question = dispute.question
    seen = student_view(dispute)
    others = other_open_disputes(db.session, dispute) if dispute.is_open else []
    return render_template(
        "teach/dispute.html",
        dispute=dispute,
        question=question,
        seen=seen,
        shown_question=seen.question if seen else question_view(preview_item(dispute.revision), 1),
        passages=cited_passages(dispute.revision),
        others=others,
        revised=is_revised_since(dispute, question),
        editable=bool(editable_ids([question.id])),
        form=form,
    ), status


@bp.get("/disputes/<int:dispute_id>")
@teacher_only
def dispute(dispute_id: int):
    return render_dispute(find_dispute(dispute_id), ResolveDisputeForm())


@bp.post("/disputes/<int:dispute_id>/resolve")
@teacher_only
def resolve_dispute_view(dispute_id: int):
    dispute = find_dispute(dispute_id)
    if not dispute.is_open:
        flash(str(AlreadyResolvedError()), "info")
        return redirect(url_for("teach.dispute", dispute_id=dispute.id))
    form = ResolveDisputeForm()
    if not form.validate_on_submit():
        return render_dispute(dispute, form, 422)
    question = dispute.question
    also = other_open_disputes(db.session, dispute) if form.include_others.data else []
    try:
        count = resolve_dispute(
            db.session,
            dispute,
            question,
            outcome=form.outcome.data,
            note=form.note.data,
            resolver_id=current_user.id,
            also=also,
        )
    except AlreadyResolvedError as refused:
        flash(str(refused), "info")
        return redirect(url_for("teach.dispute", dispute_id=dispute_id))
    except DisputeError as problem:
        form[problem.field or "outcome"].errors.append(str(problem))
        return render_dispute(dispute, form, 422)
    source_file = question.source_file
    db.session.commit()
    message = OUTCOME_MESSAGES[form.outcome.data]
    flash(
        f"{message}: {count} flag{'s' if count != 1 else ''} resolved. The student sees the outcome.",
        "success",
    )
    if form.outcome.data == "retired" and source_file:
        flash(
            f"This question is defined in {source_file}: set its status to retired there too, "
            "or the next load of the bank asks it again.",
            "warning",
        )
    return redirect(url_for("teach.disputes"))
