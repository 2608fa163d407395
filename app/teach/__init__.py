"""Teachers' authoring: sets, the editor with its evidence picker, revisions, import, export, disputes."""

from flask import Blueprint

bp = Blueprint("teach", __name__, template_folder="templates")

from app.teach import (  # noqa: E402,F401  (routes register on bp)
    analysis_views,
    dispute_views,
    generate_views,
    history_views,
    question_views,
    set_views,
    transfer_views,
    views,
)
