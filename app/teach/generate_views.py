"""Generating draft questions from an uploaded article, and the review queue (approve, edit, reject)."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.articles.links import reader_url
from app.bank.types import QUESTION_TYPES
from app.extensions import db
from app.ingest import IngestError
from app.ingest.files import first_line
from app.ingest.metadata import ArticleMeta, normalise_partial_date
from app.ingest.reading import receive_bytes
from app.ingest.service import ingest_article
from app.ingest.slugs import slug_from_title
from app.models import Article, EvidenceSpan, Question, QuestionRevision, RevisionEvidence
from app.quiz.presenting import marked_sentence
from app.teach import bp
from app.teach.forms import GenerateForm
from app.teach.ownership import editable_questions
from app.teach.views import teacher_only
from app.text.cleaning import clean_article_text

ACCEPTED_SUFFIXES = (".txt", ".html", ".htm")


def received_article(form: GenerateForm):
    """The article as received: the upload, the pasted text, or what the preview carried forward."""
    limit = current_app.config["MAX_ARTICLE_BYTES"]
    upload = form.file.data
    if upload and getattr(upload, "filename", ""):
        name = upload.filename
        if not name.lower().endswith(ACCEPTED_SUFFIXES):
            raise IngestError(f"{name}: upload a .txt or .html file")
        with upload.stream:  # large uploads are spooled to a temporary file: close it
            data = upload.stream.read(limit + 1)
    elif form.text.data and form.text.data.strip():
        name, data = "pasted text.txt", form.text.data.encode("utf-8")
    elif form.raw.data:
        name, data = form.source_name.data or "article.txt", form.raw.data.encode("utf-8")
    else:
        raise IngestError("Paste the article's text or choose a file to upload.")
    if len(data) > limit:
        raise IngestError(f"{name} is larger than {limit // 1000} kB; upload one article at a time")
    return name, receive_bytes(data, name)


def article_meta(form: GenerateForm, received) -> ArticleMeta:
    title = (form.title.data or "").strip() or (received.meta.title if received.meta else "")
    title = title or first_line(received.body)
    url = (form.url.data or "").strip() or None
    if url and not url.lower().startswith(("http://", "https://")):
        raise IngestError("The original address must start with http:// or https://")
    try:
        published = normalise_partial_date((form.published.data or "").strip() or None)
    except ValueError as error:
        raise IngestError(str(error)) from None
    meta = ArticleMeta(
        title=title,
        publisher=(form.publisher.data or "").strip() or None,
        url=url,
        published=published,
    )
    return meta.merged_over(received.meta)


@bp.route("/generate", methods=["GET", "POST"])
@teacher_only
def generate():
    form = GenerateForm()
    if not form.validate_on_submit():
        return render_template("teach/generate.html", form=form, preview=None)
    try:
        name, received = received_article(form)
        meta = article_meta(form, received)
    except IngestError as error:
        form.text.errors = [*form.text.errors, str(error)]
        return render_template("teach/generate.html", form=form, preview=None), 422
    if request.form.get("action") != "generate":
        form.raw.data, form.source_name.data = received.raw, name
        form.title.data, form.url.data = meta.title, meta.url or ""
        form.publisher.data, form.published.data = meta.publisher or "", meta.published or ""
        preview = clean_article_text(received.body, title=meta.title)
        return render_template("teach/generate.html", form=form, preview=preview)
    return generate_and_store(received, meta)


def generate_and_store(received, meta: ArticleMeta):
    """Store the article and its drafts in one transaction: on any failure, nothing is kept."""
    from app.generation.drafts import generate_drafts
    from app.generation.nlp import ModelNotInstalledError
    from app.generation.sources import source_from_article
    from app.generation.storing import store_drafts

    try:
        article = ingest_article(db.session, received, meta, slug_from_title(meta.title)).article
        generation = generate_drafts(source_from_article(article))
        report = store_drafts(db.session, generation.drafts, article, author_id=current_user.id)
        db.session.commit()
    except (IngestError, ModelNotInstalledError) as error:
        db.session.rollback()
        flash(str(error).splitlines()[0], "error")
        return redirect(url_for("teach.generate"))
    except Exception:
        db.session.rollback()
        current_app.logger.exception("generating drafts failed")
        raise
    flash(
        f"{len(report.created)} draft(s) made from “{article.title}” "
        f"({len(report.existing)} already there). Review them below: the least certain come first.",
        "success",
    )
    return redirect(url_for("teach.drafts", article=article.slug))


def draft_query():
    return (
        select(Question)
        .where(Question.status == "draft", Question.origin == "generated", editable_questions(current_user))
        .options(
            joinedload(Question.current_revision).selectinload(QuestionRevision.tags),
            joinedload(Question.current_revision)
            .selectinload(QuestionRevision.evidence)
            .joinedload(RevisionEvidence.span)
            .joinedload(EvidenceSpan.article),
        )
        .order_by(Question.confidence.is_(None), Question.confidence, Question.id)
    )


@bp.get("/drafts")
@teacher_only
def drafts():
    query = draft_query()
    article_slug = request.args.get("article")
    if article_slug:
        cited = (
            select(RevisionEvidence.revision_id)
            .join(EvidenceSpan, EvidenceSpan.id == RevisionEvidence.span_id)
            .join(Article, Article.id == EvidenceSpan.article_id)
            .where(Article.slug == article_slug)
        )
        query = query.where(Question.current_revision_id.in_(cited))
    questions = db.session.scalars(query).unique().all()
    rows = [
        {
            "question": q,
            "kind": QUESTION_TYPES[q.current_revision.type],
            "content": q.current_revision.content,
            "evidence": [
                (marked_sentence(e.span.article, e.span.range), reader_url(e.span.article.slug, e.span.range))
                for e in q.current_revision.evidence
            ],
        }
        for q in questions
    ]
    return render_template("teach/drafts.html", rows=rows, article_slug=article_slug)


def editable_draft(question_id: int) -> Question:
    question = db.session.scalar(
        select(Question).where(Question.id == question_id, editable_questions(current_user))
    )
    if question is None:
        abort(404)
    return question


@bp.post("/drafts/<int:question_id>/approve")
@teacher_only
def approve_draft(question_id: int):
    question = editable_draft(question_id)
    if question.status != "draft":
        flash("That question was already reviewed.", "info")
    elif not question.current_revision.evidence:
        flash("A question needs verified evidence before it can be approved: edit it first.", "error")
    else:
        question.status = "approved"
        db.session.commit()
        flash("Approved: students can now be asked it.", "success")
    return redirect(url_for("teach.drafts", article=request.form.get("article") or None))


@bp.post("/drafts/<int:question_id>/reject")
@teacher_only
def reject_draft(question_id: int):
    question = editable_draft(question_id)
    if question.status != "draft":
        flash("That question was already reviewed.", "info")
    else:
        question.status = "retired"
        db.session.commit()
        flash("Rejected: the draft is kept in its history but never asked.", "success")
    return redirect(url_for("teach.drafts", article=request.form.get("article") or None))
