"""JSON errors for everything under /api: `{"error": {"code", "message", "details"}}`, never an HTML page."""

from __future__ import annotations

import re

from flask import Response, jsonify, request
from werkzeug.exceptions import HTTPException

from app.api import bp
from app.api.openapi import API_PREFIX, component, obj

ERROR = component(
    "Error",
    obj(
        {
            "error": obj(
                {
                    "code": {"type": "string", "description": "machine-readable, e.g. `not_found`"},
                    "message": {"type": "string", "description": "a sentence for people"},
                    "details": {
                        "type": "object",
                        "description": "per field (`position`, `body.rating`, `query.page`) what is wrong",
                        "additionalProperties": {"type": "string"},
                    },
                }
            )
        }
    ),
)
# Codes for the HTTP errors Flask raises itself (routing, rate limits); the rest are named where raised.
HTTP_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 429: "rate_limited"}
HTTP_MESSAGES = {
    404: "There is nothing at this address.",
    405: "This address does not accept that method.",
    429: "Too many requests with this token: wait a little, then try again.",
    500: "Something went wrong on our side; it has been logged.",
}


class ApiError(Exception):
    """An error response: its status, a stable code, a message for people and per-field details."""

    def __init__(self, status: int, code: str, message: str, details: dict | None = None, headers=None):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.details = details or {}
        self.headers = headers or {}


def not_found(what: str = "There is nothing at this address.") -> ApiError:
    return ApiError(404, "not_found", what)


def invalid(details: dict[str, str], message: str = "Some values are not valid.") -> ApiError:
    return ApiError(422, "validation_failed", message, details)


def error_response(status: int, code: str, message: str, details: dict | None = None) -> Response:
    response = jsonify({"error": {"code": code, "message": message, "details": details or {}}})
    response.status_code = status
    return response


def is_api_request() -> bool:
    """Anything under /api, this version's routes or not, answers errors in JSON."""
    root = API_PREFIX.rsplit("/", 1)[0]  # "/api"
    return request.path == root or request.path.startswith(root + "/")


def http_error_response(error: HTTPException) -> Response:
    """A werkzeug error (404, 405, 429, …) as JSON, keeping its headers (`Allow`, `Retry-After`)."""
    status = error.code or 500
    code = HTTP_CODES.get(status) or re.sub(r"\W+", "_", (error.name or "error").lower()).strip("_")
    message = HTTP_MESSAGES.get(status) or error.description or error.name
    response = error_response(status, code, message)
    for name, value in error.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


@bp.app_errorhandler(ApiError)
def render_api_error(error: ApiError):
    response = error_response(error.status, error.code, error.message, error.details)
    response.headers.update(error.headers)
    return response
