"""Progress: history, accuracy per article and topic, mastery, streak and a chart of scores."""

from flask import Blueprint

bp = Blueprint("progress", __name__, template_folder="templates")

from app.progress import views  # noqa: E402,F401  (routes register on bp)
