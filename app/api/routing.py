"""`operation`: one decorator per API view that adds its route, its rate limit and its entry in the spec.

Query parameters and the JSON body are checked against the schemas declared here (app.api.validation) and
handed to the view as keyword arguments, so views only see valid values.
"""

from __future__ import annotations

from functools import wraps

from flask import request

from app.api import bp
from app.api.auth import per_token_limit
from app.api.errors import ApiError, invalid
from app.api.openapi import Operation, register
from app.api.validation import conform, read_query


def json_body(schema: dict) -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiError(400, "bad_request", "Send a JSON object, with Content-Type: application/json.")
    problems: dict[str, str] = {}
    body = conform(body, schema, "body", problems)
    if problems:
        raise invalid(problems, "Some fields of the body are not valid.")
    return body


def query_values(schemas: dict[str, dict]) -> dict:
    values, problems = read_query(request.args, schemas)
    if problems:
        raise invalid(problems, "Some query parameters are not valid.")
    return values


def operation(method: str, path: str, **declared):
    """Route `path` (OpenAPI form, `{name}` for path parameters) to the view, and declare it in the spec.

    The keyword arguments are `Operation`'s (summary, tag, scope, query, body, responses, errors, …);
    the view is called with its path parameters, each query parameter, and `body` when it takes one.
    """

    def decorate(view):
        op = Operation(method=method, path=path, endpoint=view.__name__, **declared)
        register(op)

        @wraps(view)
        def handle(**path_values):
            values = dict(path_values)
            if op.query:
                values.update(query_values(op.query))
            if op.body is not None:
                values["body"] = json_body(op.body)
            return view(**values)

        bp.add_url_rule(
            op.flask_rule,
            endpoint=op.endpoint,
            view_func=per_token_limit(handle) if op.scope else handle,
            methods=[method],
        )
        return view

    return decorate
