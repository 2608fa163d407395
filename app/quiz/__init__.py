"""Quizzes: the catalogue, one question per page, feedback with sources, results."""

from flask import Blueprint

bp = Blueprint("quiz", __name__, template_folder="templates")

from app.quiz import views  # noqa: E402,F401  (routes register on bp)
