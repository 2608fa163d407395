"""Teachers: question sets, the editor, revisions, import and export, item analysis, disputes; classes and
their assignments."""

from flask import Blueprint

bp = Blueprint("teach", __name__, template_folder="templates")

from app.teach import (  # noqa: E402,F401  (routes register on bp)
    analysis_views,
    assignment_views,
    class_views,
    dispute_views,
    generate_views,
    gradebook_views,
    history_views,
    question_views,
    set_views,
    transfer_views,
    views,
)
