"""Studying a deck: one card per page (front, then back), rating it, checking a typed answer, undoing.

Each page and each rating runs a fixed number of queries whatever the deck's size (see tests).
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import login_required

from app.articles.links import reader_url
from app.extensions import db
from app.quiz.forms import answer_form
from app.quiz.presenting import display_response
from app.review import access, bp, decks
from app.review.access import current_revision, now_ms, owned_card, owned_deck, owned_deck_and_settings
from app.review.forms import ActionForm, RatingForm
from app.review.presenting import card_view, grade_typed, rating_buttons, suggested_rating, when_due
from app.review.scheduling import CardState, preview
from app.review.service import ReviewError, rate_card, undo_last


def study_page(
    deck, settings, queue, card, now, *, typed_form=None, grade=None, your_answer=None, status=200
):
    """The study page for `card`: front, back (shown at once after a typed answer), the four ratings."""
    revision = current_revision(card.question_id)
    view = card_view(card, revision, reader_url)
    outcomes = preview(CardState.of(card), now, settings, card.id)
    suggested = suggested_rating(grade) if grade is not None else None
    revealed = grade is not None
    if deck.typed_answers and typed_form is None and not revealed:
        typed_form = answer_form(view.question)
        typed_form.shown_at.data = str(now_ms())
    shown_at = request.form.get("shown_at") if revealed else str(now_ms())
    rating_form = RatingForm(formdata=None, version=card.version, shown_at=shown_at)
    return render_template(
        "review/study.html",
        deck=deck,
        queue=queue,
        card=view,
        buttons=rating_buttons(outcomes, suggested),
        rating_form=rating_form,
        typed_form=typed_form if deck.typed_answers and not revealed else None,
        grade=grade,
        your_answer=your_answer,
        revealed=revealed,
        action=ActionForm(),
    ), status


@bp.get("/decks/<int:deck_id>/study")
@login_required
def study(deck_id: int):
    deck, settings = owned_deck_and_settings(deck_id)
    now = access.current_time()
    queue = decks.deck_queue(db.session, deck, now)
    card = None
    wanted = request.args.get("card", type=int)
    if wanted is not None:  # the card an undo brought back
        card = decks.deck_card(db.session, deck, wanted)
    if card is None:
        card = decks.next_card(db.session, deck, queue, now)
    if card is None:
        return render_template(
            "review/done.html",
            deck=deck,
            queue=queue,
            next_learning=when_due(queue.next_learning, now),
            next_review=when_due(queue.next_review, now),
            action=ActionForm(),
        )
    page = study_page(deck, settings, queue, card, now)
    db.session.commit()  # the card may have just been made; committed after rendering, which reads it
    return page


@bp.post("/decks/<int:deck_id>/cards/<int:card_id>/check")
@login_required
def check(deck_id: int, card_id: int):
    """Grade a typed answer with the bank's grader and show the back with a suggested rating."""
    context = owned_card(deck_id, card_id)
    if request.form.get("version", type=int) != context.card.version:
        flash("That card was already reviewed (in another tab?): here is the next one.", "info")
        return redirect(url_for("review.study", deck_id=deck_id))
    now = access.current_time()
    queue = decks.deck_queue(db.session, context.deck, now)
    revision = current_revision(context.card.question_id)
    form = answer_form(card_view(context.card, revision, reader_url).question, request.form)
    if not form.validate_on_submit():
        return study_page(
            context.deck, context.settings, queue, context.card, now, typed_form=form, status=400
        )
    response = form.response()
    return study_page(
        context.deck,
        context.settings,
        queue,
        context.card,
        now,
        grade=grade_typed(revision, response),
        your_answer=display_response(response),
    )


def elapsed_ms(shown_at: str | None) -> int | None:
    return now_ms() - int(shown_at) if shown_at and shown_at.isdigit() else None


@bp.post("/decks/<int:deck_id>/cards/<int:card_id>/rate")
@login_required
def rate(deck_id: int, card_id: int):
    context = owned_card(deck_id, card_id)
    form = RatingForm()
    if not form.validate_on_submit():
        flash("Choose Again, Hard, Good or Easy (keys 1 to 4).", "error")
        return redirect(url_for("review.study", deck_id=deck_id))
    try:
        rate_card(
            db.session,
            context,
            form.rating.data,
            seen_version=form.version.data,
            now=access.current_time(),
            duration_ms=elapsed_ms(form.shown_at.data),
        )
        db.session.commit()
    except ReviewError as error:
        db.session.rollback()
        flash(str(error), "info")
    return redirect(url_for("review.study", deck_id=deck_id))


@bp.post("/decks/<int:deck_id>/undo")
@login_required
def undo(deck_id: int):
    deck = owned_deck(deck_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        card_id = undo_last(db.session, deck)
        db.session.commit()
    except ReviewError as error:
        db.session.rollback()
        flash(str(error), "info")
        return redirect(url_for("review.study", deck_id=deck_id))
    flash("Rating undone: here is the card again.", "success")
    return redirect(url_for("review.study", deck_id=deck_id, card=card_id))
