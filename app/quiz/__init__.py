"""Quizzes: the catalogue, one question per page, feedback with sources, results, flagging answers;
students' classes and assignments."""

from flask import Blueprint

from app.quiz.answer_markup import blank_answer_fields
from app.quiz.question_page import question_texts

bp = Blueprint("quiz", __name__, template_folder="templates")


@bp.record_once
def keep_rendered_questions(state) -> None:
    """Each app keeps its own caches of what questions show (tests make many apps over reused ids)."""
    state.app.extensions.setdefault("question_texts", question_texts())
    state.app.extensions.setdefault("blank_answer_fields", blank_answer_fields())


from app.quiz import class_views, flag_views, views  # noqa: E402,F401  (routes register on bp)
