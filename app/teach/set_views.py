"""Question sets: create, edit details, order and remove questions, add from the bank, copy, share, delete."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload, selectinload
from wtforms import SelectChoice

from app.bank.types import QUESTION_TYPES
from app.extensions import db
from app.models import (
    Article,
    EvidenceSpan,
    Question,
    QuestionRevision,
    QuestionSet,
    QuestionSetArticle,
    QuestionSetItem,
    QuestionSetOwner,
    RevisionEvidence,
    RevisionTag,
)
from app.models.sets import VISIBILITIES
from app.quiz.forms import StartQuizForm
from app.quiz.selection import TOPICS
from app.teach import bp
from app.teach.access import editable_ids, find_set, may_edit_set, owner_only
from app.teach.forms import AddQuestionsForm, ConfirmForm, CoOwnerForm, MoveForm, SetForm
from app.teach.ownership import viewable_questions
from app.teach.sets import (
    SetError,
    add_co_owner,
    append_questions,
    create_set,
    duplicate_set,
    move_item,
    remove_co_owner,
    remove_item,
    set_articles,
)
from app.teach.views import teacher_only

BROWSE_PAGE_SIZE = 25
SET_PAGE_OPTIONS = (
    selectinload(QuestionSet.items)
    .joinedload(QuestionSetItem.question)
    .joinedload(Question.current_revision)
    .selectinload(QuestionRevision.evidence),
    selectinload(QuestionSet.co_owners).joinedload(QuestionSetOwner.user),
    selectinload(QuestionSet.articles).joinedload(QuestionSetArticle.article),
    joinedload(QuestionSet.owner),
)
VISIBILITY_LABELS = {"private": "Private", "classes": "My classes", "public": "Public"}


def article_choices() -> list[SelectChoice]:
    rows = db.session.execute(select(Article.id, Article.title).order_by(Article.title))
    return [SelectChoice(article_id, title) for article_id, title in rows]


@bp.route("/sets/new", methods=["GET", "POST"])
@teacher_only
def new_set():
    form = SetForm()
    form.articles.choices = article_choices()
    if form.validate_on_submit():
        question_set = create_set(
            db.session,
            title=form.title.data,
            description=form.description.data or "",
            visibility=form.visibility.data,
            owner=current_user,
            article_ids=form.articles.data or [],
        )
        db.session.commit()
        flash(
            f"Set “{question_set.title}” created. Now write its first question or add some from the bank.",
            "success",
        )
        return redirect(url_for("teach.set_page", set_id=question_set.id))
    return render_template("teach/set_form.html", form=form, question_set=None)


@bp.get("/sets/<int:set_id>")
@teacher_only
def set_page(set_id: int):
    question_set = find_set(set_id, edit=False, options=SET_PAGE_OPTIONS)
    editable = may_edit_set(question_set)
    question_ids = [item.question_id for item in question_set.items]
    start_form = StartQuizForm(formdata=None, source=f"set:{question_set.key}", length="all", mode="practice")
    return render_template(
        "teach/set.html",
        question_set=question_set,
        editable=editable,
        is_owner=question_set.owner_id == current_user.id or current_user.role == "admin",
        editable_questions=editable_ids(question_ids),
        co_owner_form=CoOwnerForm(),
        confirm_form=ConfirmForm(),
        move_form=MoveForm(),
        start_form=start_form,
        visibility_label=VISIBILITY_LABELS.get(question_set.visibility, question_set.visibility),
        types=QUESTION_TYPES,
    )


@bp.route("/sets/<int:set_id>/edit", methods=["GET", "POST"])
@teacher_only
def edit_set(set_id: int):
    question_set = find_set(set_id, edit=True, options=[selectinload(QuestionSet.articles)])
    form = SetForm(obj=question_set if request.method == "GET" else None)
    form.articles.choices = article_choices()
    if request.method == "GET":
        form.articles.data = [a.article_id for a in question_set.articles]
    if form.validate_on_submit():
        if form.visibility.data not in VISIBILITIES:
            abort(400)
        question_set.title = form.title.data
        question_set.description = form.description.data or ""
        question_set.visibility = form.visibility.data
        set_articles(question_set, form.articles.data or [])
        db.session.commit()
        flash("Set details saved.", "success")
        return redirect(url_for("teach.set_page", set_id=question_set.id))
    return render_template("teach/set_form.html", form=form, question_set=question_set)


@bp.post("/sets/<int:set_id>/items/<int:item_id>/move")
@teacher_only
def move_set_item(set_id: int, item_id: int):
    question_set = find_set(set_id, edit=True, options=[selectinload(QuestionSet.items)])
    form = MoveForm()
    if form.validate_on_submit():
        try:
            move_item(db.session, question_set, item_id, form.direction.data)
        except SetError:
            abort(404)
        db.session.commit()
    return redirect(url_for("teach.set_page", set_id=set_id, _anchor=f"item-{item_id}"))


@bp.post("/sets/<int:set_id>/items/<int:item_id>/remove")
@teacher_only
def remove_set_item(set_id: int, item_id: int):
    question_set = find_set(set_id, edit=True, options=[selectinload(QuestionSet.items)])
    if ConfirmForm().validate_on_submit():
        try:
            question = remove_item(db.session, question_set, item_id)
        except SetError:
            abort(404)
        db.session.commit()
        flash(
            f"Removed “{question.current_revision.prompt[:80]}…” from the set (the question itself is kept).",
            "success",
        )
    return redirect(url_for("teach.set_page", set_id=set_id))


def browse_query(question_set: QuestionSet, args) -> tuple:
    """Questions the teacher may add: approved or their own, not already in the set, filtered by the form."""
    query = (
        select(Question)
        .join(QuestionRevision, QuestionRevision.id == Question.current_revision_id)
        .where(viewable_questions(current_user), Question.status != "retired")
        .where(
            ~Question.id.in_(
                select(QuestionSetItem.question_id).where(QuestionSetItem.set_id == question_set.id)
            )
        )
        .options(
            joinedload(Question.current_revision)
            .selectinload(QuestionRevision.evidence)
            .joinedload(RevisionEvidence.span),
        )
        .order_by(Question.key)
    )
    words = (args.get("q") or "").strip()
    if words:
        query = query.where(
            or_(QuestionRevision.prompt.ilike(f"%{words}%"), Question.key.ilike(f"%{words}%"))
        )
    if args.get("type"):
        query = query.where(QuestionRevision.type == args["type"])
    if args.get("topic") in TOPICS:
        query = query.where(
            QuestionRevision.id.in_(select(RevisionTag.revision_id).where(RevisionTag.tag == args["topic"]))
        )
    article_id = args.get("article", type=int)
    if article_id is None and "article" not in args and question_set.articles:
        article_id = question_set.articles[0].article_id
    if article_id:
        cited = (
            select(RevisionEvidence.revision_id)
            .join(EvidenceSpan)
            .where(EvidenceSpan.article_id == article_id)
        )
        query = query.where(QuestionRevision.id.in_(cited))
    return query, {
        "q": words,
        "type": args.get("type", ""),
        "topic": args.get("topic", ""),
        "article": article_id,
    }


@bp.route("/sets/<int:set_id>/add", methods=["GET", "POST"])
@teacher_only
def add_questions(set_id: int):
    question_set = find_set(
        set_id, edit=True, options=[selectinload(QuestionSet.items), selectinload(QuestionSet.articles)]
    )
    form = AddQuestionsForm()
    if form.validate_on_submit():
        wanted = form.question_ids.data or []
        questions = db.session.scalars(
            select(Question).where(Question.id.in_(wanted), viewable_questions(current_user))
        ).all()
        order = {qid: i for i, qid in enumerate(wanted)}
        added = append_questions(
            db.session, question_set, sorted(questions, key=lambda q: order[q.id]), current_user
        )
        db.session.commit()
        flash(f"Added {added} question{'s' if added != 1 else ''} to “{question_set.title}”.", "success")
        return redirect(url_for("teach.set_page", set_id=set_id))
    query, filters = browse_query(question_set, request.args)
    page = db.paginate(query, per_page=BROWSE_PAGE_SIZE, error_out=False)
    articles = db.session.execute(select(Article.id, Article.title).order_by(Article.title)).all()
    return render_template(
        "teach/add_questions.html",
        question_set=question_set,
        form=form,
        page=page,
        filters=filters,
        articles=articles,
        topics=TOPICS,
        types=QUESTION_TYPES,
    )


@bp.post("/sets/<int:set_id>/duplicate")
@teacher_only
def duplicate_set_view(set_id: int):
    original = find_set(
        set_id, edit=False, options=[selectinload(QuestionSet.items), selectinload(QuestionSet.articles)]
    )
    if not ConfirmForm().validate_on_submit():
        abort(400)
    copy = duplicate_set(db.session, original, current_user)
    db.session.commit()
    flash(f"This is your own copy of “{original.title}”: rename it, reorder it, make it yours.", "success")
    return redirect(url_for("teach.set_page", set_id=copy.id))


@bp.post("/sets/<int:set_id>/co-owners")
@teacher_only
def add_co_owner_view(set_id: int):
    question_set = find_set(set_id, edit=True, options=[selectinload(QuestionSet.co_owners)])
    owner_only(question_set)
    form = CoOwnerForm()
    if form.validate_on_submit():
        try:
            user = add_co_owner(db.session, question_set, form.email.data)
        except SetError as error:
            flash(str(error), "error")
        else:
            db.session.commit()
            flash(f"{user.display_name} can now edit this set and the questions you put in it.", "success")
    else:
        for error in form.email.errors:
            flash(error, "error")
    return redirect(url_for("teach.set_page", set_id=set_id, _anchor="co-owners"))


@bp.post("/sets/<int:set_id>/co-owners/<int:user_id>/remove")
@teacher_only
def remove_co_owner_view(set_id: int, user_id: int):
    question_set = find_set(set_id, edit=True, options=[selectinload(QuestionSet.co_owners)])
    if user_id != current_user.id:  # anyone may leave; only the owner removes others
        owner_only(question_set)
    if ConfirmForm().validate_on_submit():
        try:
            remove_co_owner(db.session, question_set, user_id)
        except SetError:
            abort(404)
        db.session.commit()
        if user_id == current_user.id:
            flash(f"You no longer co-own “{question_set.title}”.", "success")
            return redirect(url_for("teach.home"))
        flash("Co-owner removed.", "success")
    return redirect(url_for("teach.set_page", set_id=set_id, _anchor="co-owners"))


@bp.post("/sets/<int:set_id>/delete")
@teacher_only
def delete_set(set_id: int):
    question_set = find_set(set_id, edit=True)
    owner_only(question_set)
    if ConfirmForm().validate_on_submit():
        title = question_set.title
        db.session.delete(question_set)
        db.session.commit()
        flash(f"Set “{title}” deleted; its questions are kept in “My questions”.", "success")
    return redirect(url_for("teach.home"))
