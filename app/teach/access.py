"""Finding what the teacher asked for, or a 404: another teacher's set or question does not exist for you."""

from __future__ import annotations

from collections.abc import Sequence

from flask import abort
from flask_login import current_user
from sqlalchemy import select

from app.extensions import db
from app.models import Question, QuestionSet
from app.teach.ownership import editable_questions, editable_sets, is_admin, viewable_questions, viewable_sets


def find_set(set_id: int, *, edit: bool, options: Sequence = ()) -> QuestionSet:
    condition = editable_sets(current_user) if edit else viewable_sets(current_user)
    found = db.session.scalar(
        select(QuestionSet).where(QuestionSet.id == set_id, condition).options(*options)
    )
    if found is None:
        abort(404)
    return found


def owner_only(question_set: QuestionSet) -> None:
    """Deleting a set and choosing its co-owners are for its owner (and admins)."""
    if question_set.owner_id != current_user.id and not is_admin(current_user):
        abort(403, description="Only the set's owner can do that.")


def may_edit_set(question_set: QuestionSet) -> bool:
    """For a set already loaded with its co-owners: no query."""
    if question_set.source_file is not None:
        return False
    return is_admin(current_user) or current_user.id in question_set.owner_ids


def find_question(question_id: int, *, edit: bool, options: Sequence = ()) -> Question:
    condition = editable_questions(current_user) if edit else viewable_questions(current_user)
    query = select(Question).where(Question.id == question_id, condition)
    found = db.session.scalar(query.options(*options))
    if found is None:
        abort(404)
    return found


def editable_ids(question_ids: Sequence[int]) -> set[int]:
    """Which of these questions the teacher may edit, in one query."""
    if not question_ids:
        return set()
    query = select(Question.id).where(Question.id.in_(question_ids), editable_questions(current_user))
    return set(db.session.scalars(query))
