"""Students' classes: joining by code, "My classes" with each assignment's status, taking an assignment."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.classroom.classes import ClassroomError, join_by_code
from app.classroom.schedule import format_utc
from app.classroom.taking import attempts_at, standing, student_overview
from app.extensions import db, limiter
from app.models import Assignment, ClassMember, SchoolClass
from app.models.articles import utcnow
from app.quiz import bp
from app.quiz.assignment_attempts import TakingError, start_or_resume
from app.quiz.class_forms import JoinClassForm, StartAssignmentForm

TOO_MANY_JOINS = (
    "You have tried too many class codes in a short while. Please wait a few minutes, then try again."
)

bp.add_app_template_filter(format_utc, "utc")


def join_rate_limit() -> str:
    return current_app.config["JOIN_RATE_LIMIT"]


@bp.route("/classes/join", methods=["GET", "POST"])
@limiter.limit(join_rate_limit, methods=["POST"], error_message=TOO_MANY_JOINS)
@login_required
def join_class():
    form = JoinClassForm()
    if request.method == "GET":
        form.code.data = request.args.get("code", "")[:40]
    if form.validate_on_submit():
        try:
            joined = join_by_code(db.session, current_user, form.code.data)
        except ClassroomError as error:
            db.session.rollback()
            form.code.errors = [*form.code.errors, *error.problems.values()]
        else:
            db.session.commit()
            name = joined.school_class.name
            if joined.new:
                flash(f"You joined {name}. Its assignments are below.", "success")
            else:
                flash(f"You are already in {name}.", "info")
            return redirect(url_for("quiz.my_classes", _anchor=f"class-{joined.school_class.id}"))
    return render_template("quiz/join_class.html", form=form)


@bp.get("/classes")
@login_required
def my_classes():
    return render_template(
        "quiz/my_classes.html",
        classes=student_overview(db.session, current_user.id, utcnow()),
        start_form=StartAssignmentForm(),
    )


def member_assignment(assignment_id: int) -> Assignment:
    """The assignment if the student is in its class; 404 otherwise (it does not exist for them)."""
    found = db.session.scalar(
        select(Assignment)
        .join(ClassMember, ClassMember.class_id == Assignment.class_id)
        .where(Assignment.id == assignment_id, ClassMember.user_id == current_user.id)
        .options(
            joinedload(Assignment.school_class).joinedload(SchoolClass.owner),
            joinedload(Assignment.question_set),
        )
    )
    if found is None:
        abort(404)
    return found


@bp.get("/assignments/<int:assignment_id>")
@login_required
def assignment(assignment_id: int):
    found = member_assignment(assignment_id)
    attempts = attempts_at(db.session, found, current_user.id)
    return render_template(
        "quiz/assignment.html",
        assignment=found,
        attempts=attempts,
        standing=standing(found, attempts, utcnow()),
        form=StartAssignmentForm(),
    )


@bp.post("/assignments/<int:assignment_id>/start")
@login_required
def start_assignment(assignment_id: int):
    found = member_assignment(assignment_id)
    if not StartAssignmentForm().validate_on_submit():
        abort(400)
    try:
        attempt, _ = start_or_resume(db.session, found, current_user.id, utcnow())
    except LookupError:
        abort(404)
    except TakingError as error:
        flash(str(error), "error")
        return redirect(url_for("quiz.assignment", assignment_id=assignment_id))
    db.session.commit()
    return redirect(url_for("quiz.resume", attempt_id=attempt.id))
