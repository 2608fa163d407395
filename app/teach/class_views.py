"""Classes: the list, creating and editing one, its page (join code, assignments, students), deleting it."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from app.classroom.classes import (
    create_class,
    display_code,
    regenerate_code,
    remove_student,
    set_joining,
    update_class,
)
from app.classroom.gradebook import gradebook
from app.classroom.schedule import format_utc, phase
from app.extensions import db
from app.models import Assignment, ClassMember, SchoolClass
from app.models.articles import utcnow
from app.teach import bp
from app.teach.class_access import find_class, managed_classes
from app.teach.class_forms import ClassForm, JoiningForm, problems_beside_fields
from app.teach.forms import ConfirmForm
from app.teach.views import teacher_only

bp.add_app_template_filter(format_utc, "utc")


@bp.get("/classes")
@teacher_only
def classes():
    students = (
        select(func.count()).where(ClassMember.class_id == SchoolClass.id).correlate(SchoolClass)
    ).scalar_subquery()
    assignments = (
        select(func.count()).where(Assignment.class_id == SchoolClass.id).correlate(SchoolClass)
    ).scalar_subquery()
    rows = db.session.execute(
        select(SchoolClass, students, assignments)
        .where(managed_classes())
        .options(joinedload(SchoolClass.owner))
        .order_by(SchoolClass.name, SchoolClass.id)
    ).all()
    return render_template("teach/classes.html", rows=rows)


@bp.route("/classes/new", methods=["GET", "POST"])
@teacher_only
def new_class():
    form = ClassForm()
    if form.validate_on_submit():
        with problems_beside_fields(form):
            school_class = create_class(
                db.session, current_user, name=form.name.data, description=form.description.data or ""
            )
            db.session.commit()
            flash(f"Class “{school_class.name}” created. Give your students its join code.", "success")
            return redirect(url_for("teach.class_page", class_id=school_class.id))
    return render_template("teach/class_form.html", form=form, school_class=None)


@bp.get("/classes/<int:class_id>")
@teacher_only
def class_page(class_id: int):
    school_class = find_class(class_id, options=[joinedload(SchoolClass.owner)])
    book = gradebook(db.session, school_class)
    now = utcnow()
    return render_template(
        "teach/class.html",
        school_class=school_class,
        book=book,
        phases={a.id: phase(a, now) for a in book.assignments},
        code=display_code(school_class.join_code),
        join_link=url_for("quiz.join_class", code=school_class.join_code, _external=True),
        confirm_form=ConfirmForm(),
        joining_form=JoiningForm(),
    )


@bp.route("/classes/<int:class_id>/edit", methods=["GET", "POST"])
@teacher_only
def edit_class(class_id: int):
    school_class = find_class(class_id)
    form = ClassForm(obj=school_class if request.method == "GET" else None)
    if form.validate_on_submit():
        with problems_beside_fields(form):
            update_class(
                db.session, school_class, name=form.name.data, description=form.description.data or ""
            )
            db.session.commit()
            flash("Class details saved.", "success")
            return redirect(url_for("teach.class_page", class_id=class_id))
    return render_template("teach/class_form.html", form=form, school_class=school_class)


@bp.post("/classes/<int:class_id>/code")
@teacher_only
def regenerate_join_code(class_id: int):
    school_class = find_class(class_id)
    if ConfirmForm().validate_on_submit():
        code = regenerate_code(db.session, school_class)
        db.session.commit()
        flash(f"The new join code is {display_code(code)}; the old one no longer works.", "success")
    return redirect(url_for("teach.class_page", class_id=class_id, _anchor="join-code"))


@bp.post("/classes/<int:class_id>/joining")
@teacher_only
def set_class_joining(class_id: int):
    school_class = find_class(class_id)
    form = JoiningForm()
    if not form.validate_on_submit():
        abort(400)
    set_joining(school_class, form.enabled.data == "on")
    db.session.commit()
    if school_class.join_enabled:
        flash("Students can join with the code again.", "success")
    else:
        flash("Joining is turned off: the code is refused until you turn it back on.", "success")
    return redirect(url_for("teach.class_page", class_id=class_id, _anchor="join-code"))


@bp.post("/classes/<int:class_id>/students/<int:user_id>/remove")
@teacher_only
def remove_class_student(class_id: int, user_id: int):
    school_class = find_class(class_id)
    if ConfirmForm().validate_on_submit():
        try:
            student = remove_student(db.session, school_class, user_id)
        except LookupError:
            abort(404)
        db.session.commit()
        flash(
            f"{student.display_name} is no longer in {school_class.name}. Their attempts stay in their own "
            "history; regenerate the code if they should not join again.",
            "success",
        )
    return redirect(url_for("teach.class_page", class_id=class_id, _anchor="students"))


@bp.route("/classes/<int:class_id>/delete", methods=["GET", "POST"])
@teacher_only
def delete_class(class_id: int):
    school_class = find_class(class_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        name = school_class.name
        db.session.delete(school_class)
        db.session.commit()
        flash(f"Class “{name}” deleted. Its students keep their attempts in their own history.", "success")
        return redirect(url_for("teach.classes"))
    counts = db.session.execute(
        select(
            select(func.count()).where(ClassMember.class_id == class_id).scalar_subquery(),
            select(func.count()).where(Assignment.class_id == class_id).scalar_subquery(),
        )
    ).one()
    return render_template(
        "teach/class_delete.html",
        school_class=school_class,
        form=form,
        students=counts[0],
        assignments=counts[1],
    )
