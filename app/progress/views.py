"""Progress pages."""

from flask import render_template
from sqlalchemy import select

from app.extensions import db
from app.models import Attempt
from app.progress import bp
from app.quiz.ownership import owner_filter


@bp.get("/")
def overview():
    attempts = db.session.scalars(select(Attempt).where(owner_filter()).order_by(Attempt.started_at.desc())).all()
    return render_template("progress/overview.html", attempts=attempts)
