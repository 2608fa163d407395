"""Finding a class or assignment the teacher manages, or a 404: another teacher's class does not exist."""

from __future__ import annotations

from collections.abc import Sequence

from flask import abort
from flask_login import current_user
from sqlalchemy import ColumnElement, select, true

from app.extensions import db
from app.models import Assignment, SchoolClass
from app.teach.ownership import is_admin


def managed_classes() -> ColumnElement[bool]:
    """A teacher manages the classes they own; admins manage every class."""
    return true() if is_admin(current_user) else SchoolClass.owner_id == current_user.id


def find_class(class_id: int, options: Sequence = ()) -> SchoolClass:
    found = db.session.scalar(
        select(SchoolClass).where(SchoolClass.id == class_id, managed_classes()).options(*options)
    )
    if found is None:
        abort(404)
    return found


def find_assignment(assignment_id: int, options: Sequence = ()) -> Assignment:
    found = db.session.scalar(
        select(Assignment)
        .join(SchoolClass, SchoolClass.id == Assignment.class_id)
        .where(Assignment.id == assignment_id, managed_classes())
        .options(*options)
    )
    if found is None:
        abort(404)
    return found
