"""Item analysis of a set: how each of its questions performed, over all its attempts or one assignment's."""

from __future__ import annotations

from flask import abort, render_template, request
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.analysis.items import MIN_ATTEMPTS, TOO_EASY, TOO_HARD, WEAK
from app.analysis.queries import SetScope, set_analysis
from app.analysis.table import Row, Sorting, sort_rows
from app.bank.types import QUESTION_TYPES
from app.extensions import db
from app.models import Assignment, Question, QuestionSet, QuestionSetItem, SchoolClass
from app.teach import bp
from app.teach.access import editable_ids, find_set
from app.teach.ownership import is_admin
from app.teach.views import teacher_only

SORT_CHOICES = (
    ("position", "As in the set"),
    ("flags", "Most flags first"),
    ("facility", "Hardest first"),
    ("discrimination", "Weakest discrimination first"),
    ("attempts", "Most attempts first"),
)
ANALYSIS_OPTIONS = (
    selectinload(QuestionSet.items)
    .joinedload(QuestionSetItem.question)
    .joinedload(Question.current_revision),
    selectinload(QuestionSet.co_owners),
)


def assignment_choices(question_set: QuestionSet) -> list:
    """The set's assignments in the teacher's own classes (every class for admins), newest first."""
    query = (
        select(Assignment.id, Assignment.title, SchoolClass.name.label("class_name"))
        .join(SchoolClass, SchoolClass.id == Assignment.class_id)
        .where(Assignment.set_id == question_set.id)
        .order_by(Assignment.created_at.desc(), Assignment.id.desc())
    )
    if not is_admin(current_user):
        query = query.where(SchoolClass.owner_id == current_user.id)
    return db.session.execute(query).all()


def chosen_assignment(assignments: list):
    """The assignment named by `?assignment_id=`, or None for all attempts; 404 if it is not the teacher's."""
    raw = request.args.get("assignment_id", "").strip()
    if not raw:
        return None
    found = next((a for a in assignments if str(a.id) == raw), None)
    if found is None:
        abort(404)
    return found


@bp.get("/sets/<int:set_id>/analysis")
@teacher_only
def item_analysis(set_id: int):
    question_set = find_set(set_id, edit=False, options=ANALYSIS_OPTIONS)
    assignments = assignment_choices(question_set)
    assignment = chosen_assignment(assignments)
    scope = SetScope(
        assignment_id=assignment.id if assignment else None,
        first_only=request.args.get("attempts") != "all",
        current_wording_only=request.args.get("wording") == "current",
        excluded_user_ids=question_set.owner_ids,
    )
    current = {item.question_id: item.question.current_revision_id for item in question_set.items}
    analysis = set_analysis(db.session, question_set, current, scope)
    rows = [
        Row(
            position=position,
            question=item.question,
            statistics=analysis.statistics[item.question_id],
            earlier_wordings=analysis.earlier_wordings.get(item.question_id, 0),
        )
        for position, item in enumerate(question_set.items, 1)
    ]
    sorting = Sorting.parse(request.args.get("sort"), request.args.get("order"))
    return render_template(
        "teach/item_analysis.html",
        question_set=question_set,
        rows=sort_rows(rows, sorting),
        analysis=analysis,
        sorting=sorting,
        sort_choices=SORT_CHOICES,
        scope=scope,
        assignment=assignment,
        assignments=assignments,
        editable=editable_ids(list(current)),
        types=QUESTION_TYPES,
        thresholds={"min": MIN_ATTEMPTS, "easy": TOO_EASY, "hard": TOO_HARD, "weak": WEAK},
        filters=request.args.to_dict(),
    )
