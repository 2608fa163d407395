"""The JSON API v1 (`/api/v1`): bearer-token authentication, JSON errors and an OpenAPI 3.1 document."""

from flask import Blueprint

from app.extensions import csrf

bp = Blueprint("api", __name__)
# Every API view but the public spec needs a bearer token (app.api.auth), which a browser never sends on its
# own, so cross-site requests cannot ride on a session cookie: CSRF tokens have nothing to protect here.
csrf.exempt(bp)

from app.api import (  # noqa: E402,F401  (routes register on bp)
    articles,
    attempts,
    auth,
    errors,
    progress,
    questions,
    reviews,
    spec_view,
)
