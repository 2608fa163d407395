"""Questions: the list, the editor (six types, evidence picker), a question's page, preview, copies."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from wtforms import SelectChoice

from app.articles.links import reader_url
from app.bank.editing import (
    article_texts,
    check_item,
    cited_articles,
    key_taken,
    new_key,
    revision_item,
    save_question,
)
from app.bank.types import QUESTION_TYPES
from app.extensions import db
from app.models import (
    Article,
    EvidenceSpan,
    Question,
    QuestionRevision,
    QuestionSet,
    QuestionSetItem,
    RevisionEvidence,
)
from app.quiz.presenting import marked_sentence
from app.quiz.selection import TOPICS
from app.teach import bp
from app.teach.access import editable_ids, find_question, find_set
from app.teach.editor import TYPE_EDITORS, form_from_item, item_from_form, place_problems
from app.teach.forms import DuplicateQuestionForm, QuestionForm
from app.teach.ownership import editable_sets
from app.teach.picking import article_panel, distractor_warnings
from app.teach.sets import append_questions
from app.teach.views import teacher_only

TYPE_DESCRIPTIONS = {
    "multiple_choice": "One right answer among 3 to 6 choices; warns when the article supports a distractor.",
    "true_false": "A statement the article shows to be true, or a plausible one it contradicts.",
    "numeric": "A number the article states, with an optional tolerance and unit.",
    "short_answer": "A few words, forgiving case, accents and small typos.",
    "cloze": "A sentence from the article with blanks to fill in.",
    "who_said": "A quotation; the student names the speaker the article credits.",
}
REVISION_OPTIONS = (
    selectinload(Question.current_revision).selectinload(QuestionRevision.tags),
    selectinload(Question.current_revision)
    .selectinload(QuestionRevision.evidence)
    .joinedload(RevisionEvidence.span)
    .joinedload(EvidenceSpan.article),
)


def set_context() -> QuestionSet | None:
    """The set a question is being written for (`?set=ID`), which the teacher must be able to edit."""
    set_id = request.args.get("set", type=int)
    if set_id is None:
        return None
    return find_set(
        set_id, edit=True, options=[selectinload(QuestionSet.items), selectinload(QuestionSet.articles)]
    )


def configure(form: QuestionForm, kind: str, articles: list) -> None:
    """Choices that depend on the database, and labels that depend on the type."""
    choices = [SelectChoice(a.slug, a.title) for a in articles]
    form.panel_article.choices = choices
    for entry in form.evidence.entries:
        entry.form.article.choices = choices
    editor = TYPE_EDITORS[kind]
    form.prompt.label.text = editor.prompt_label
    if kind == "who_said":
        form.answer.label.text = "Speaker's full name, as the article gives it"
    elif kind == "numeric":
        form.answer.label.text = "The number the article states"


def default_panel_article(form: QuestionForm, articles: list, in_set: QuestionSet | None) -> str | None:
    slugs = {a.slug for a in articles}
    wanted = request.form.get("panel_article") if request.method == "POST" else request.args.get("article")
    if wanted in slugs:
        return wanted
    for entry in form.evidence.entries:
        if entry.form.article.data in slugs:
            return entry.form.article.data
    if in_set is not None and in_set.articles:
        ids = {a.id: a.slug for a in articles}
        return ids.get(in_set.articles[0].article_id)
    return articles[0].slug if articles else None


def editor(kind: str, *, question: Question | None, in_set: QuestionSet | None):
    """The editor of a new question (`question` None) or of a new revision; saves through the validator."""
    articles = db.session.execute(
        select(Article.id, Article.slug, Article.title).order_by(Article.title)
    ).all()
    if request.method == "POST":
        form = QuestionForm()
    elif question is not None:
        form = QuestionForm(
            data=form_from_item(revision_item(question, question.current_revision), set(TOPICS))
        )
    else:
        form = QuestionForm(data={"status": "draft", "evidence": [{}]})
    placed, warnings = None, []
    if form.validate_on_submit():
        action = request.form.get("action", "save")
        if action == "add_evidence" and len(form.evidence.entries) < form.evidence.max_entries:
            form.evidence.append_entry()
        elif action == "save":
            key = question.key if question else new_key(form.prompt.data or "", key_taken(db.session))
            origin = question.origin if question else "curated"
            item, rows = item_from_form(kind, form.data, key=key, origin=origin)
            texts = article_texts(db.session, cited_articles(item))
            checked, problems = check_item(item, texts)
            if checked is not None:
                return saved_response(checked, texts, question=question, in_set=in_set)
            shown = {
                *TYPE_EDITORS[kind].fields,
                "prompt",
                "explanation",
                "difficulty",
                "status",
                "topics",
                "evidence",
            }
            placed = place_problems(kind, problems, rows, shown)
            for name, messages in placed.fields.items():
                if name != "evidence":
                    form[name].errors = list(messages)
            for row, messages in placed.evidence.items():
                form.evidence.entries[row].form.quote.errors = list(messages)
    elif question is not None and request.method == "GET":
        item = revision_item(question, question.current_revision)
        texts = article_texts(db.session, cited_articles(item))
        checked, _ = check_item(item, texts)
        warnings = distractor_warnings(checked, texts) if checked else []
    configure(form, kind, articles)
    panel = article_panel(db.session, default_panel_article(form, articles, in_set), form.data["evidence"])
    form.panel_article.data = panel.article.slug if panel else None
    return render_template(
        "teach/editor.html",
        form=form,
        kind=QUESTION_TYPES[kind],
        editor=TYPE_EDITORS[kind],
        question=question,
        in_set=in_set,
        placed=placed,
        warnings=warnings,
        panel=panel,
        dispute_id=request.args.get("dispute", type=int) if question is not None else None,
    )


def saved_response(checked, texts, *, question: Question | None, in_set: QuestionSet | None):
    saved = save_question(db.session, checked, question=question, author_id=current_user.id)
    if in_set is not None and saved.created:
        append_questions(db.session, in_set, [saved.question], current_user)
    db.session.commit()
    if saved.created:
        message = "Question created"
    elif saved.revision is not None:
        message = f"Saved as revision {saved.revision.number}"
    elif saved.status_changed:
        message = "Status changed (the wording is the same, so no new revision)"
    else:
        message = "Nothing changed"
    if not checked.evidence:
        message += " — a draft without evidence (unsourced) until you cite the article"
    flash(message + ".", "success")
    for warning in distractor_warnings(checked, texts):
        flash(f"Check the choices: {warning}", "warning")
    dispute_id = request.args.get("dispute", type=int)
    if question is not None and dispute_id:  # edited from a student's flag: back to it, to resolve it
        return redirect(url_for("teach.dispute", dispute_id=dispute_id))
    target = {"set": in_set.id} if in_set is not None else {}
    return redirect(url_for("teach.question", question_id=saved.question.id, **target))


@bp.route("/questions/new", methods=["GET", "POST"])
@teacher_only
def new_question():
    in_set = set_context()
    kind = request.args.get("type")
    if kind not in QUESTION_TYPES:
        return render_template(
            "teach/type_picker.html", types=QUESTION_TYPES, descriptions=TYPE_DESCRIPTIONS, in_set=in_set
        )
    return editor(kind, question=None, in_set=in_set)


@bp.route("/questions/<int:question_id>/edit", methods=["GET", "POST"])
@teacher_only
def edit_question(question_id: int):
    question = find_question(question_id, edit=True, options=REVISION_OPTIONS)
    return editor(question.current_revision.type, question=question, in_set=set_context())


@bp.get("/questions/<int:question_id>")
@teacher_only
def question(question_id: int):
    question = find_question(question_id, edit=False, options=REVISION_OPTIONS)
    revision = question.current_revision
    articles = {e.span.article_id for e in revision.evidence}
    texts = dict(
        db.session.execute(select(Article.id, Article.clean_text).where(Article.id.in_(articles))).all()
    )
    item = revision_item(question, revision)
    slug_texts = {e.span.article.slug: texts[e.span.article_id] for e in revision.evidence}
    checked, problems = check_item(item, slug_texts)
    in_sets = db.session.execute(
        select(QuestionSet.id, QuestionSet.title)
        .join(QuestionSetItem, QuestionSetItem.set_id == QuestionSet.id)
        .where(QuestionSetItem.question_id == question.id, QuestionSet.id.in_(select_editable_set_ids()))
        .order_by(QuestionSet.title)
    ).all()
    return render_template(
        "teach/question.html",
        question=question,
        revision=revision,
        kind=QUESTION_TYPES[revision.type],
        evidence=[
            (
                e,
                marked_sentence_for(e.span, texts[e.span.article_id]),
                reader_url(e.span.article.slug, e.span.range),
            )
            for e in revision.evidence
        ],
        editable=bool(editable_ids([question.id])),
        problems=problems,
        warnings=distractor_warnings(checked, slug_texts) if checked else [],
        in_sets=in_sets,
        back_set=request.args.get("set", type=int),
        duplicate_form=DuplicateQuestionForm(),
    )


def select_editable_set_ids():
    return select(QuestionSet.id).where(editable_sets(current_user))


class TextOnly:
    """What `marked_sentence` needs of an article: its clean text."""

    def __init__(self, clean_text: str) -> None:
        self.clean_text = clean_text


def marked_sentence_for(span: EvidenceSpan, text: str):
    return marked_sentence(TextOnly(text), span.range)


@bp.post("/questions/<int:question_id>/duplicate")
@teacher_only
def duplicate_question(question_id: int):
    """A copy of a question the teacher can see, as their draft; in a set it takes the original's place."""
    original = find_question(question_id, edit=False, options=REVISION_OPTIONS)
    form = DuplicateQuestionForm()
    if not form.validate_on_submit():
        abort(400)
    in_set = (
        find_set(form.set_id.data, edit=True, options=[selectinload(QuestionSet.items)])
        if form.set_id.data
        else None
    )
    item = revision_item(original, original.current_revision)
    item.update(id=new_key(item["prompt"], key_taken(db.session)), status="draft")
    texts = article_texts(db.session, cited_articles(item))
    checked, problems = check_item(item, texts)
    if checked is None:
        for problem in problems:
            flash(problem.detail, "error")
        return redirect(url_for("teach.question", question_id=original.id))
    note = f"Copied from {original.key} (revision {original.current_revision.number})"
    saved = save_question(db.session, checked, author_id=current_user.id, note=note)
    if in_set is not None:
        slot = next((i for i in in_set.items if i.question_id == original.id), None)
        if slot is not None:
            slot.question_id, slot.added_by_id = saved.question.id, current_user.id
        else:
            append_questions(db.session, in_set, [saved.question], current_user)
    db.session.commit()
    flash("This is your own copy, saved as a draft: edit it, then approve it.", "success")
    target = {"set": in_set.id} if in_set is not None else {}
    return redirect(url_for("teach.edit_question", question_id=saved.question.id, **target))
