"""Assignments: setting one for a class, its page (who finished, how each question went), editing."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload
from wtforms import SelectChoice

from app.classroom.assignments import create_assignment, delete_assignment, update_assignment
from app.classroom.gradebook import gradebook
from app.classroom.question_results import question_results
from app.classroom.schedule import answers_visible, phase
from app.extensions import db
from app.models import Assignment, Attempt, QuestionSet, SchoolClass
from app.models.articles import utcnow
from app.teach import bp
from app.teach.class_access import find_assignment, find_class
from app.teach.class_forms import AssignmentForm, problems_beside_fields
from app.teach.forms import ConfirmForm
from app.teach.ownership import set_owned_by, viewable_sets
from app.teach.views import set_rows, teacher_only

ASSIGNMENT_OPTIONS = (
    joinedload(Assignment.school_class).joinedload(SchoolClass.owner),
    joinedload(Assignment.question_set),
)


def set_choices() -> list[SelectChoice]:
    """The sets the teacher can see, theirs first, each with its number of approved questions."""
    owned = set(db.session.scalars(select(QuestionSet.id).where(set_owned_by(current_user.id))))
    mine, others = [], []
    for question_set, _, approved in set_rows(viewable_sets(current_user)):
        count = (
            f"{approved} approved question{'s' if approved != 1 else ''}" if approved else "none approved yet"
        )
        label = f"{question_set.title} ({count})"
        if question_set.id in owned:
            mine.append(SelectChoice(question_set.id, label, optgroup="Your sets"))
        else:
            others.append(SelectChoice(question_set.id, label, optgroup="The bank and public sets"))
    return mine + sorted(others, key=lambda choice: choice.label.lower())


def assignment_form(assignment: Assignment | None = None) -> AssignmentForm:
    form = AssignmentForm(obj=assignment if request.method == "GET" else None)
    form.set_id.choices = set_choices()
    return form


@bp.route("/classes/<int:class_id>/assignments/new", methods=["GET", "POST"])
@teacher_only
def new_assignment(class_id: int):
    school_class = find_class(class_id)
    form = assignment_form()
    if form.validate_on_submit():
        with problems_beside_fields(form):
            assignment = create_assignment(
                db.session,
                school_class,
                form.settings(),
                teacher=current_user,
                assignable=viewable_sets(current_user),
                now=utcnow(),
            )
            db.session.commit()
            flash(f"“{assignment.title}” is assigned to {school_class.name}.", "success")
            return redirect(url_for("teach.class_page", class_id=class_id, _anchor="assignments"))
    return render_template(
        "teach/assignment_form.html", form=form, school_class=school_class, assignment=None, now=utcnow()
    )


@bp.get("/assignments/<int:assignment_id>")
@teacher_only
def assignment_page(assignment_id: int):
    assignment = find_assignment(assignment_id, options=ASSIGNMENT_OPTIONS)
    book = gradebook(db.session, assignment.school_class)
    now = utcnow()
    return render_template(
        "teach/assignment.html",
        assignment=assignment,
        school_class=assignment.school_class,
        book=book,
        phase=phase(assignment, now),
        answers_visible=answers_visible(assignment, now),
        questions=question_results(db.session, assignment),
        analysis_url=url_for("teach.item_analysis", set_id=assignment.set_id, assignment_id=assignment.id),
    )


@bp.route("/assignments/<int:assignment_id>/edit", methods=["GET", "POST"])
@teacher_only
def edit_assignment(assignment_id: int):
    assignment = find_assignment(assignment_id, options=ASSIGNMENT_OPTIONS)
    form = assignment_form(assignment)
    if form.validate_on_submit():
        with problems_beside_fields(form):
            update_assignment(
                db.session,
                assignment,
                form.settings(),
                assignable=viewable_sets(current_user),
                now=utcnow(),
            )
            db.session.commit()
            flash("Assignment saved.", "success")
            return redirect(url_for("teach.assignment_page", assignment_id=assignment_id))
    return render_template(
        "teach/assignment_form.html",
        form=form,
        school_class=assignment.school_class,
        assignment=assignment,
        now=utcnow(),
    )


@bp.route("/assignments/<int:assignment_id>/delete", methods=["GET", "POST"])
@teacher_only
def delete_assignment_view(assignment_id: int):
    assignment = find_assignment(assignment_id, options=ASSIGNMENT_OPTIONS)
    form = ConfirmForm()
    class_id = assignment.class_id
    if form.validate_on_submit():
        title = assignment.title
        delete_assignment(db.session, assignment)
        db.session.commit()
        flash(f"Assignment “{title}” deleted; the students' attempts stay in their history.", "success")
        return redirect(url_for("teach.class_page", class_id=class_id, _anchor="assignments"))
    attempts = db.session.scalar(select(func.count(Attempt.id)).where(Attempt.assignment_id == assignment_id))
    return render_template(
        "teach/assignment_delete.html",
        assignment=assignment,
        school_class=assignment.school_class,
        form=form,
        attempts=attempts,
    )
