"""Import (upload, preview each question and problem, confirm) and export (GIFT, Moodle, CSV, JSON, Anki)."""

from __future__ import annotations

import base64
import binascii
import io
from functools import partial

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from wtforms import SelectChoice

from app.articles.links import reader_url
from app.bank.editing import slugify
from app.bank.exporting import exported_questions
from app.bank.types import QUESTION_TYPES
from app.extensions import db
from app.formats.importing import MAX_IMPORT_BYTES, ImportPlan, apply_import, plan_import
from app.formats.registry import FORMATS
from app.models import Article, Question, QuestionSet
from app.teach import bp
from app.teach.access import find_set
from app.teach.forms import ConfirmImportForm, ExportForm, ImportForm
from app.teach.ownership import editable_questions, editable_sets
from app.teach.sets import create_set
from app.teach.views import teacher_only

NO_SET, NEW_SET = "", "new"


def my_sets() -> list[tuple[int, str]]:
    query = (
        select(QuestionSet.id, QuestionSet.title)
        .where(editable_sets(current_user))
        .order_by(QuestionSet.title)
    )
    return [tuple(row) for row in db.session.execute(query).all()]


def target_choices() -> list[SelectChoice]:
    return [
        SelectChoice(NO_SET, "No set — just my questions"),
        SelectChoice(NEW_SET, "A new set…"),
        *(SelectChoice(f"set:{set_id}", title) for set_id, title in my_sets()),
    ]


def revisable_keys(keys: set[str]) -> set[str]:
    query = select(Question.key).where(Question.key.in_(keys), editable_questions(current_user))
    return set(db.session.scalars(query))


def decode(data: bytes) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def render_preview(plan: ImportPlan, form: ConfirmImportForm, filename: str, status: int = 200):
    target = form.target.data
    target_label = next((f"“{c.label}”" for c in target_choices() if c.value == target), "")
    if target == NEW_SET:
        target_label = f"a new set, “{form.new_set_title.data}”"
    elif target == NO_SET:
        target_label = "your questions (no set)"
    return (
        render_template(
            "teach/import_preview.html",
            plan=plan,
            form=form,
            filename=filename,
            target_label=target_label,
            types=QUESTION_TYPES,
        ),
        status,
    )


@bp.route("/import", methods=["GET", "POST"])
@teacher_only
def import_questions():
    form = ImportForm()
    form.target.choices = target_choices()
    if request.method == "GET" and request.args.get("set", type=int):
        form.target.data = f"set:{request.args.get('set', type=int)}"
    if form.validate_on_submit():
        data = form.file.data.read(MAX_IMPORT_BYTES + 1)
        text = decode(data)
        if form.target.data not in {c.value for c in form.target.choices}:
            form.target.errors = ["Choose where the questions go."]
        elif form.target.data == NEW_SET and not form.new_set_title.data:
            form.new_set_title.errors = ["Give the new set a title."]
        elif len(data) > MAX_IMPORT_BYTES:
            form.file.errors = [f"The file is larger than {MAX_IMPORT_BYTES // 1024 // 1024} MB."]
        elif text is None:
            form.file.errors = ["The file is not UTF-8 text: save it as UTF-8 and try again."]
        else:
            plan = plan_import(db.session, FORMATS[form.format.data], text, revisable=revisable_keys)
            filename = form.file.data.filename or "upload"
            confirm = ConfirmImportForm(
                formdata=None,
                content=base64.b64encode(text.encode("utf-8")).decode("ascii"),
                format=form.format.data,
                filename=filename,
                target=form.target.data,
                new_set_title=form.new_set_title.data,
            )
            return render_preview(plan, confirm, filename)
    return render_template("teach/import.html", form=form, max_mb=MAX_IMPORT_BYTES // 1024 // 1024)


@bp.post("/import/confirm")
@teacher_only
def confirm_import():
    form = ConfirmImportForm()
    fmt = FORMATS.get(form.format.data or "")
    if not form.validate_on_submit() or fmt is None or fmt.read is None:
        abort(400)
    try:
        raw = base64.b64decode(form.content.data or "", validate=True)
    except (binascii.Error, ValueError):
        abort(400)
    text = decode(raw)
    if text is None or len(raw) > MAX_IMPORT_BYTES:
        abort(400)
    filename = (form.filename.data or "upload")[:200]
    plan = plan_import(db.session, fmt, text, revisable=revisable_keys)
    if not plan.can_apply(form.skip_unsupported.data):
        if plan.ok and plan.unsupported and not form.skip_unsupported.data:
            form.skip_unsupported.errors = ["Tick this box to import the rest, or fix the file first."]
        return render_preview(plan, form, filename, status=422)
    target = None
    if form.target.data == NEW_SET:
        title = (form.new_set_title.data or "").strip()[:200] or f"Imported from {filename}"
        target = create_set(
            db.session, title=title, description="", visibility="private", owner=current_user, article_ids=[]
        )
    elif (form.target.data or "").startswith("set:"):
        set_id = int(form.target.data.partition(":")[2]) if form.target.data[4:].isdigit() else 0
        target = find_set(set_id, edit=True, options=[selectinload(QuestionSet.items)])
    report = apply_import(
        db.session, plan, author_id=current_user.id, note=f"Imported from {filename}", target_set=target
    )
    db.session.commit()
    unsourced = sum(1 for q in plan.questions if q.unsourced)
    message = f"Imported {len(plan.questions)} questions from {filename}: {report.summary()}."
    if unsourced:
        message += (
            f" {unsourced} came without evidence: drafts, marked unsourced, until you cite the article."
        )
    flash(message, "success")
    if target is not None:
        return redirect(url_for("teach.set_page", set_id=target.id))
    return redirect(url_for("teach.questions", scope="mine"))


def export_scope_choices() -> list[SelectChoice]:
    viewable = db.session.execute(
        select(QuestionSet.id, QuestionSet.title)
        .where(editable_sets(current_user) | QuestionSet.source_file.is_not(None))
        .order_by(QuestionSet.title)
    ).all()
    sets = [SelectChoice(f"set:{set_id}", title, optgroup="Sets") for set_id, title in viewable]
    return [SelectChoice("mine", "All my questions"), *sets]


@bp.get("/export")
@teacher_only
def export_questions():
    form = ExportForm(request.args)
    form.scope.choices = export_scope_choices()
    if "format" not in request.args:
        form.scope.data = request.args.get("scope", "mine")
        return render_template("teach/export.html", form=form)
    fmt = FORMATS.get(request.args["format"])
    scope = request.args.get("scope", "mine")
    if fmt is None:
        abort(404)
    if scope.startswith("set:") and scope[4:].isdigit():
        question_set = find_set(int(scope[4:]), edit=False, options=[selectinload(QuestionSet.items)])
        question_ids = [item.question_id for item in question_set.items]
        name = question_set.title
    elif scope == "mine":
        question_ids = list(
            db.session.scalars(
                select(Question.id).where(editable_questions(current_user)).order_by(Question.key)
            )
        )
        name = "my-questions"
    else:
        abort(404)
    external = fmt.name not in ("json", "csv")
    records = exported_questions(
        db.session, partial(reader_url, external=external), question_ids=question_ids
    )
    titles = dict(db.session.execute(select(Article.slug, Article.title)).all())
    exported = fmt.write(records, titles)
    for key, reason in exported.skipped:
        flash(f"Not exported: {key} — {reason}.", "warning")
    data = exported.data if isinstance(exported.data, bytes) else exported.data.encode("utf-8")
    return send_file(
        io.BytesIO(data),
        mimetype=fmt.mimetype,
        as_attachment=True,
        download_name=f"{slugify(name, 60)}.{fmt.extension}",
    )
