"""Quizzes: the catalogue, one question per page, feedback with sources, results, flagging answers;
students' classes and assignments."""

from flask import Blueprint

bp = Blueprint("quiz", __name__, template_folder="templates")

from app.quiz import class_views, flag_views, views  # noqa: E402,F401  (routes register on bp)
