"""Flashcard views: the deck list, building a deck, its page and options, settings, statistics, export.

Studying (one card per page, rating, undo) is in `studying.py`. Every view is for the logged-in learner and
finds decks by id *and* owner (`access`): another learner's id is a 404.
"""

from __future__ import annotations

import re
from functools import partial

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from wtforms import SelectChoice

from app.articles.links import reader_url
from app.articles.listing import article_listing
from app.extensions import db
from app.models import Deck, ReviewSettings
from app.quiz.selection import TOPICS, set_listing, topic_counts
from app.review import access, bp, charts, decks, export, stats
from app.review.forms import ActionForm, BuildDeckForm, DeckOptionsForm, SettingsForm
from app.review.scheduling import Settings, format_steps

# ── Decks ────────────────────────────────────────────────────────────────────────────────────────────────


def source_choices(articles, sets) -> list[SelectChoice]:
    choices = [
        SelectChoice(f"article:{a.slug}", a.title, optgroup="Articles") for a, _, count in articles if count
    ]
    choices += [SelectChoice(f"set:{s.key}", s.title, optgroup="Question sets") for s, _ in sets]
    choices += [SelectChoice(f"tag:{tag}", name, optgroup="Topics") for tag, name in TOPICS.items()]
    return choices


@bp.get("/")
def deck_list():
    if not current_user.is_authenticated:
        return render_template("review/welcome.html")
    owned = decks.user_decks(db.session, current_user.id)
    queues = decks.deck_queues(db.session, owned, access.current_time())
    articles = [row for row in article_listing(db.session) if row[2]]
    sets = set_listing(db.session, current_user.id)
    form = BuildDeckForm()
    form.source.choices = source_choices(articles, sets)
    have = {(deck.source_kind, deck.source_key) for deck in owned}
    counts = topic_counts(db.session)
    suggestions = [
        *(("article", a.slug, a.title, n) for a, _, n in articles),
        *(("set", s.key, s.title, n) for s, n in sets),
        *(("tag", tag, name, counts[tag]) for tag, name in TOPICS.items() if counts.get(tag)),
    ]
    return render_template(
        "review/decks.html",
        decks=[(deck, queues[deck.id]) for deck in owned],
        form=form,
        suggestions=[s for s in suggestions if (s[0], s[1]) not in have],
    )


@bp.post("/decks")
@login_required
def build():
    form = BuildDeckForm()
    form.source.choices = source_choices(
        article_listing(db.session), set_listing(db.session, current_user.id)
    )
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for error in errors:
                flash(error, "error")
        return redirect(url_for("review.deck_list"))
    kind, _, key = form.source.data.partition(":")
    source = decks.resolve_source(db.session, kind, key, current_user.id)
    if source is None:
        abort(404)
    deck, created = decks.build_deck(db.session, current_user.id, source)
    db.session.commit()
    if created:
        flash(f"Deck “{deck.title}” is ready: its cards come as you study.", "success")
    else:
        flash(f"You already have the deck “{deck.title}”.", "info")
    return redirect(url_for("review.deck", deck_id=deck.id))


def deck_page(deck: Deck, options: DeckOptionsForm, status: int = 200):
    queue = decks.deck_queue(db.session, deck, access.current_time())
    return render_template(
        "review/deck.html", deck=deck, queue=queue, options=options, action=ActionForm()
    ), status


@bp.get("/decks/<int:deck_id>")
@login_required
def deck(deck_id: int):
    deck = access.owned_deck(deck_id)
    return deck_page(deck, DeckOptionsForm(obj=deck))


@bp.post("/decks/<int:deck_id>/options")
@login_required
def options(deck_id: int):
    deck = access.owned_deck(deck_id)
    form = DeckOptionsForm()
    if not form.validate_on_submit():
        return deck_page(deck, form, status=400)
    form.populate_obj(deck)
    db.session.commit()
    flash("Deck options saved.", "success")
    return redirect(url_for("review.deck", deck_id=deck.id))


@bp.post("/decks/<int:deck_id>/delete")
@login_required
def delete(deck_id: int):
    deck = access.owned_deck(deck_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    title = deck.title
    db.session.delete(deck)
    db.session.commit()
    flash(f"Deck “{title}” deleted. Your cards keep their schedule if you build it again.", "success")
    return redirect(url_for("review.deck_list"))


# ── Settings and statistics ──────────────────────────────────────────────────────────────────────────────


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():
    row = db.session.get(ReviewSettings, current_user.id)
    current = Settings.of(row)
    form = SettingsForm(
        data={
            "desired_retention": current.desired_retention,
            "learning_steps": format_steps(current.learning_steps),
            "relearning_steps": format_steps(current.relearning_steps),
            "maximum_interval": current.maximum_interval,
        }
        if request.method == "GET"
        else None
    )
    if form.validate_on_submit():
        if row is None:
            row = ReviewSettings(user_id=current_user.id)
            db.session.add(row)
        row.desired_retention = round(form.desired_retention.data, 4)
        row.learning_steps = list(form.learning_steps.steps)
        row.relearning_steps = list(form.relearning_steps.steps)
        row.maximum_interval = form.maximum_interval.data
        db.session.commit()
        flash("Scheduling settings saved: they apply from your next rating.", "success")
        return redirect(url_for("review.settings"))
    status = 400 if request.method == "POST" else 200
    return render_template("review/settings.html", form=form, row=row), status


@bp.get("/stats")
@login_required
def statistics():
    deck = None
    deck_id = request.args.get("deck", type=int)
    if deck_id is not None:
        deck = access.owned_deck(deck_id)
    now = access.current_time()
    owned = decks.user_decks(db.session, current_user.id)
    report = stats.report(db.session, current_user.id, now, owned, deck=deck)
    return render_template(
        "review/stats.html",
        report=report,
        deck=deck,
        decks=owned,
        forecast_chart=charts.forecast_chart(report.forecast),
        heatmap=charts.heatmap(report.calendar, now.date()),
        states_bar=charts.states_bar(report.states),
    )


# ── Export ───────────────────────────────────────────────────────────────────────────────────────────────


def export_notes(deck: Deck):
    return export.deck_notes(db.session, deck, partial(reader_url, external=True))


def download_name(deck: Deck, extension: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", deck.title.lower()).strip("-")[:60] or "deck"
    return f"sourced-{slug}.{extension}"


@bp.get("/decks/<int:deck_id>/export.csv")
@login_required
def export_csv(deck_id: int):
    deck = access.owned_deck(deck_id)
    body = export.deck_csv(export_notes(deck))
    return Response(
        "\ufeff" + body,  # a byte-order mark, so spreadsheet programs read UTF-8
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{download_name(deck, "csv")}"'},
    )


@bp.get("/decks/<int:deck_id>/export.apkg")
@login_required
def export_apkg(deck_id: int):
    deck = access.owned_deck(deck_id)
    return Response(
        export.deck_apkg(deck, export_notes(deck)),
        mimetype="application/octet-stream",
        headers={"Content-Disposition": f'attachment; filename="{download_name(deck, "apkg")}"'},
    )
