"""The progress page: one view, a fixed handful of queries (see app.progress.stats), whatever the history."""

from __future__ import annotations

from datetime import date, datetime

from flask import abort, render_template, request
from flask_login import current_user

from app.extensions import db
from app.progress import bp, mastery, stats
from app.progress.charts import score_chart
from app.progress.mastery import question_sources, response_text
from app.quiz.ownership import owner_filter
from app.quiz.withheld import owner_filter_showing_answers

NEEDS_WORK_SHOWN = 6
LEVEL_NAMES = {mastery.MASTERED: "Mastered", mastery.LEARNING: "Learning", mastery.NEEDS_WORK: "Needs work"}


def when(moment: datetime, today: date) -> str:
    """A UTC day as people say it: today, yesterday, or 3 Mar 2025."""
    day = moment.date()
    if day == today:
        return "Today"
    if (today - day).days == 1:
        return "Yesterday"
    return f"{day.day} {day:%b %Y}"


def on_day(moment: datetime, today: date) -> str:
    """`when` inside a sentence: "answered today", "answered on 3 Mar 2025"."""
    said = when(moment, today)
    return said.lower() if said in ("Today", "Yesterday") else f"on {said}"


@bp.get("/")
def overview():
    page = request.args.get("page", 1, type=int)
    if page < 1:
        abort(404)
    owner = owner_filter()
    visitor = not current_user.is_authenticated
    history = stats.attempt_history(db.session, owner, page)
    if not history.items:
        if page > 1:
            abort(404)
        return render_template("progress/overview.html", empty=True, visitor=visitor)

    today = stats.today_utc()
    scores = stats.score_history(db.session, owner)
    # Right and wrong answers stay hidden for assignments that show them only after their due date.
    answered = owner_filter_showing_answers()
    questions = mastery.mastery(db.session, answered)
    needs_work = questions.needs_work
    shown = needs_work[:NEEDS_WORK_SHOWN]
    return render_template(
        "progress/overview.html",
        empty=False,
        visitor=visitor,
        today=today,
        when=lambda moment: when(moment, today),
        on_day=lambda moment: on_day(moment, today),
        activity=stats.activity(db.session, owner, today),
        scores=scores,
        chart=score_chart(scores.points, scores.finished_total),
        breakdown=stats.accuracy_breakdown(db.session, answered),
        mastery=questions,
        levels=LEVEL_NAMES,
        needs_work=shown,
        needs_work_more=len(needs_work) - len(shown),
        sources=question_sources(db.session, [q.revision_id for q in shown]),
        response_text=response_text,
        can_practise_mistakes=not visitor and questions.has_mistakes_to_practise,
        history=history,
    )
