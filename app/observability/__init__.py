"""Operations: request ids, structured request logs, Prometheus metrics at `/metrics`."""

from flask import Blueprint

bp = Blueprint("observability", __name__)

from app.observability import views  # noqa: E402,F401  (the route registers on bp)
