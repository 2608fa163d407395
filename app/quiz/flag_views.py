"""Flagging a graded answer as wrong per the source, and the student's list of flags with their outcomes."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from app.disputes.filing import (
    AlreadyFlaggedError,
    DisputeError,
    dispute_on,
    file_dispute,
    flags_of,
    owned_response,
)
from app.extensions import db
from app.models import Response
from app.quiz import bp
from app.quiz.forms import FlagForm
from app.quiz.presenting import display_response

FLAG_SENT = (
    "Flag sent: whoever looks after this question will check it against the article. "
    "The outcome will appear under the answer and in My flags."
)


def answer_url(response: Response) -> str:
    """The answer on its quiz's results page."""
    return url_for("quiz.results", attempt_id=response.attempt_id, _anchor=f"answer-{response.position}")


@bp.route("/responses/<int:response_id>/flag", methods=["GET", "POST"])
@login_required
def flag_answer(response_id: int):
    """The results page's flag form posts here; errors come back on a page of its own, with the text kept."""
    response = owned_response(db.session, response_id, current_user.id)
    if response is None:
        abort(404)
    existing = dispute_on(db.session, current_user.id, response.id)
    form = FlagForm()
    if request.method == "POST" and existing is not None:
        flash(str(AlreadyFlaggedError()), "info")
        return redirect(answer_url(response))
    if form.validate_on_submit():
        try:
            file_dispute(db.session, response, current_user.id, form.comment.data)
        except AlreadyFlaggedError as refused:
            flash(str(refused), "info")
            return redirect(answer_url(response))
        except DisputeError as problem:
            form.comment.errors.append(str(problem))
        else:
            db.session.commit()
            flash(FLAG_SENT, "success")
            return redirect(answer_url(response))
    page = render_template(
        "quiz/flag.html",
        response=response,
        your_answer=display_response(response.response),
        dispute=existing,
        form=form,
        back=answer_url(response),
    )
    return page, 422 if form.errors else 200


@bp.get("/flags")
@login_required
def flags():
    return render_template("quiz/flags.html", flags=flags_of(db.session, current_user.id))
