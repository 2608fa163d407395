"""Home page and `/healthz`."""

from flask import current_app, jsonify, render_template
from sqlalchemy import select, text
from sqlalchemy.exc import SQLAlchemyError

from app.errors import RETRY_AFTER_SECONDS
from app.extensions import db
from app.main import bp
from app.models import Article


@bp.get("/")
def home():
    articles = db.session.scalars(select(Article).order_by(Article.published.desc(), Article.title)).all()
    return render_template("main/home.html", articles=articles)


@bp.get("/healthz")
def healthz():
    """200 when the app can reach its database, 503 otherwise (for load balancers and `make run` checks)."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError as error:
        db.session.rollback()
        current_app.logger.warning("health check failed: %s", error)
        return jsonify(status="error", database="unreachable"), 503, {"Retry-After": str(RETRY_AFTER_SECONDS)}
    return jsonify(status="ok", database="ok")
