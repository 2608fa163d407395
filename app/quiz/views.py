"""Quiz views: catalogue, start, one question per page, practice feedback, results."""

from __future__ import annotations

import random
import time

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload
from wtforms import SelectChoice

from app.articles.links import reader_url
from app.articles.listing import article_listing
from app.disputes.filing import flag_states
from app.extensions import db
from app.models import Article, Attempt, AttemptItem, EvidenceSpan, QuestionRevision, RevisionEvidence
from app.quiz import bp
from app.quiz.answer_markup import answer_fields_markup, blank_answer_fields_markup
from app.quiz.forms import StartQuizForm, answer_form
from app.quiz.ownership import owner_fields, owner_filter, owner_key
from app.quiz.presenting import feedback_view, question_view
from app.quiz.question_page import AttemptSummary, load_question_page
from app.quiz.selection import TOPICS, resolve_source, set_listing, topic_counts
from app.quiz.service import (
    QuizError,
    finish_attempt,
    next_unanswered,
    record_answer,
    responses_by_position,
    start_attempt,
)
from app.quiz.withheld import (
    owner_filter_showing_answers,
    withheld_feedback,
    withheld_results,
    withholding_assignment,
)

RECENT_UNFINISHED = 5


def source_choices(articles, sets) -> list[SelectChoice]:
    choices = [SelectChoice("all", "Everything in the bank")]
    if current_user.is_authenticated:
        choices.append(SelectChoice("mistakes", "My recent mistakes"))
    choices += [SelectChoice(f"set:{s.key}", s.title, optgroup="Question sets") for s, _ in sets]
    choices += [SelectChoice(f"tag:{tag}", name, optgroup="Topics") for tag, name in TOPICS.items()]
    choices += [
        SelectChoice(f"article:{a.slug}", a.title, optgroup="Articles") for a, _, count in articles if count
    ]
    return choices


def viewer_id() -> int | None:
    """Who is choosing a quiz: their own and shared sets are offered beside the public ones."""
    return current_user.id if current_user.is_authenticated else None


@bp.get("/")
def catalogue():
    articles = [row for row in article_listing(db.session) if row[2]]
    sets = set_listing(db.session, viewer_id())
    form = StartQuizForm()
    form.source.choices = source_choices(articles, sets)
    unfinished = db.session.scalars(
        select(Attempt)
        .where(owner_filter(), Attempt.finished_at.is_(None))
        .order_by(Attempt.started_at.desc())
        .limit(RECENT_UNFINISHED)
    ).all()
    counts = topic_counts(db.session)
    return render_template(
        "quiz/catalogue.html",
        form=form,
        articles=articles,
        topics=[(tag, name, counts[tag]) for tag, name in TOPICS.items() if counts.get(tag)],
        sets=sets,
        unfinished=unfinished,
    )


@bp.post("/start")
def start():
    form = StartQuizForm()
    form.source.choices = source_choices(article_listing(db.session), set_listing(db.session, viewer_id()))
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for error in errors:
                flash(error, "error")
        return redirect(url_for("quiz.catalogue"))
    kind, _, key = form.source.data.partition(":")
    topic = form.topic.data if kind != "tag" else None
    resolved = resolve_source(
        db.session, kind, key, owner_filter_showing_answers(), topic=topic or None, viewer_id=viewer_id()
    )
    if resolved is None:
        abort(404)
    source, revision_ids = resolved
    length = None if form.length.data == "all" else int(form.length.data)
    try:
        attempt = start_attempt(
            db.session,
            source,
            revision_ids,
            mode=form.mode.data,
            length=length,
            owner=owner_fields(),
            rng=random.Random(),
        )
    except QuizError as error:
        flash(str(error), "error")
        return redirect(url_for("quiz.catalogue"))
    db.session.commit()
    return redirect(url_for("quiz.question", attempt_id=attempt.id, position=1))


def owned_attempt(attempt_id: int) -> Attempt:
    """The attempt if it belongs to whoever asks; 404 otherwise (never reveal that it exists)."""
    attempt = db.session.scalar(select(Attempt).where(Attempt.id == attempt_id, owner_filter()))
    if attempt is None:
        abort(404)
    return attempt


def attempt_item(attempt: Attempt, position: int) -> AttemptItem:
    item = (
        db.session.scalars(
            select(AttemptItem)
            .where(AttemptItem.attempt_id == attempt.id, AttemptItem.position == position)
            .options(joinedload(AttemptItem.revision).joinedload(QuestionRevision.tags))
        )
        .unique()
        .one_or_none()
    )
    if item is None:
        abort(404)
    return item


@bp.get("/attempts/<int:attempt_id>")
def resume(attempt_id: int):
    attempt = owned_attempt(attempt_id)
    position = (
        None if attempt.finished else next_unanswered(attempt, responses_by_position(db.session, attempt.id))
    )
    if position is None:
        return redirect(url_for("quiz.results", attempt_id=attempt.id))
    return redirect(url_for("quiz.question", attempt_id=attempt.id, position=position))


@bp.get("/attempts/<int:attempt_id>/<int:position>")
def question(attempt_id: int, position: int):
    owner = owner_key()
    if owner is None:
        abort(404)
    texts = current_app.extensions["question_texts"]
    with db.engine.connect() as connection:
        page = load_question_page(connection, texts, attempt_id, position, owner)
    if page is None:
        abort(404)
    if page.answered or page.attempt.finished:
        return redirect(after_answer(page.attempt, position, responses_by_position(db.session, attempt_id)))
    return render_template(
        "quiz/question.html",
        attempt=page.attempt,
        question=page.question,
        fields=blank_answer_fields_markup(page.question),
        shown_at=str(int(time.time() * 1000)),
    )


@bp.post("/attempts/<int:attempt_id>/<int:position>")
def answer(attempt_id: int, position: int):
    attempt = owned_attempt(attempt_id)
    item = attempt_item(attempt, position)
    view = question_view(item, attempt.question_count)
    form = answer_form(view, request.form)
    if not form.validate_on_submit():
        return render_template(
            "quiz/question.html",
            attempt=attempt,
            question=view,
            fields=answer_fields_markup(form, view),
            shown_at=form.shown_at.data,
        )
    try:
        recorded = record_answer(
            db.session, attempt, item, form.response(), time_taken_ms=elapsed_ms(form.shown_at.data)
        )
    except QuizError as error:
        flash(str(error), "error")
        return redirect(url_for("quiz.results", attempt_id=attempt.id))
    target = after_answer(attempt, position, recorded.answered)
    db.session.commit()
    return redirect(target)


def elapsed_ms(shown_at: str | None) -> int | None:
    return int(time.time() * 1000) - int(shown_at) if shown_at and shown_at.isdigit() else None


def after_answer(attempt: Attempt | AttemptSummary, position: int, answered) -> str:
    """Practice shows this answer's feedback; a test moves on, to the results once all are answered."""
    if attempt.mode == "practice" and position in answered:
        return url_for("quiz.feedback", attempt_id=attempt.id, position=position)
    next_position = None if attempt.finished else next_unanswered(attempt, answered)
    if next_position is None:
        return url_for("quiz.results", attempt_id=attempt.id)
    return url_for("quiz.question", attempt_id=attempt.id, position=next_position)


def items_with_sources(attempt: Attempt, positions: list[int] | None = None) -> list[AttemptItem]:
    """Items with their revision, tags, evidence spans and articles (clean text included) in two queries."""
    query = (
        select(AttemptItem)
        .where(AttemptItem.attempt_id == attempt.id)
        .order_by(AttemptItem.position)
        .options(
            joinedload(AttemptItem.revision).joinedload(QuestionRevision.tags),
            joinedload(AttemptItem.revision)
            .selectinload(QuestionRevision.evidence)
            .joinedload(RevisionEvidence.span)
            .joinedload(EvidenceSpan.article)
            .undefer(Article.clean_text),
        )
    )
    if positions is not None:
        query = query.where(AttemptItem.position.in_(positions))
    return list(db.session.scalars(query).unique())


@bp.get("/attempts/<int:attempt_id>/<int:position>/feedback")
def feedback(attempt_id: int, position: int):
    attempt = owned_attempt(attempt_id)
    answered = responses_by_position(db.session, attempt.id)
    if position not in answered or attempt.mode != "practice":
        return redirect(url_for("quiz.question", attempt_id=attempt.id, position=position))
    if withheld := withholding_assignment(attempt):
        return withheld_feedback(attempt, position, answered, withheld)
    [item] = items_with_sources(attempt, [position]) or abort(404)
    return render_template(
        "quiz/feedback.html",
        attempt=attempt,
        answer=feedback_view(item, answered[position], attempt.question_count, reader_url),
        next_position=None if attempt.finished else next_unanswered(attempt, answered),
    )


@bp.post("/attempts/<int:attempt_id>/finish")
def finish(attempt_id: int):
    """End a quiz early: unanswered questions count as wrong."""
    attempt = owned_attempt(attempt_id)
    finish_attempt(attempt, list(responses_by_position(db.session, attempt.id).values()))
    db.session.commit()
    return redirect(url_for("quiz.results", attempt_id=attempt.id))


@bp.get("/attempts/<int:attempt_id>/results")
def results(attempt_id: int):
    attempt = owned_attempt(attempt_id)
    if not attempt.finished:
        return redirect(url_for("quiz.resume", attempt_id=attempt.id))
    responses = responses_by_position(db.session, attempt.id)
    if withheld := withholding_assignment(attempt):
        return withheld_results(attempt, responses, withheld)
    answers = [
        feedback_view(item, responses[item.position], attempt.question_count, reader_url)
        for item in items_with_sources(attempt)
        if item.position in responses
    ]
    unanswered = attempt.question_count - len(answers)
    flags = flag_states(db.session, viewer_id(), responses)
    return render_template(
        "quiz/results.html", attempt=attempt, answers=answers, unanswered=unanswered, flags=flags
    )
