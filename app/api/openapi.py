"""The OpenAPI 3.1 document, assembled from what the endpoint modules declare (`operation`, `component`).

Each API view is registered through `operation`, which adds the Flask route *and* its entry in the spec, so
the two cannot drift apart (tests/test_api_spec.py checks the URL map against the document anyway).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

API_PREFIX = "/api/v1"
API_VERSION = "1.0.0"
MAX_ID = 2_147_483_647  # PostgreSQL's integer: larger ids cannot exist, so they are not routed at all
ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
SCHEMAS: dict[str, dict] = {}
PATH_PARAM = re.compile(r"\{(\w+)\}")


def obj(required: dict[str, dict], optional: dict[str, dict] | None = None, **extra) -> dict:
    """An object schema with exactly these properties (all of `required` always present)."""
    return {
        "type": "object",
        "properties": {**required, **(optional or {})},
        "required": list(required),
        "additionalProperties": False,
        **extra,
    }


def nullable(schema: dict) -> dict:
    if "$ref" in schema:
        return {"anyOf": [schema, {"type": "null"}]}
    kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    return {**schema, "type": [*kinds, "null"]}


def array(items: dict, **extra) -> dict:
    return {"type": "array", "items": items, **extra}


def component(name: str, schema: dict) -> dict:
    """Register a named schema under components/schemas and return a reference to it."""
    SCHEMAS[name] = schema
    return {"$ref": f"#/components/schemas/{name}"}


STRING = {"type": "string"}
INTEGER = {"type": "integer"}
BOOLEAN = {"type": "boolean"}
DATE_TIME = {"type": "string", "format": "date-time"}
URL = {"type": "string", "format": "uri"}


@dataclass(frozen=True)
class Operation:
    method: str  # GET, POST
    path: str  # OpenAPI form, relative to API_PREFIX: "/attempts/{attempt_id}"
    endpoint: str  # the view's name in the blueprint
    summary: str
    tag: str
    scope: str | None  # "read", "write", or None for a public operation
    description: str = ""
    path_params: dict[str, dict] = field(default_factory=dict)
    query: dict[str, dict] = field(default_factory=dict)
    body: dict | None = None
    responses: dict[int, tuple[str, dict | None]] = field(default_factory=dict)
    errors: tuple[int, ...] = ()
    headers: dict[int, dict[str, dict]] = field(default_factory=dict)  # status → response headers

    @property
    def flask_rule(self) -> str:
        def converter(match: re.Match) -> str:
            name = match.group(1)
            schema = self.path_params[name]
            if schema["type"] == "integer":
                return f"<int(min={schema['minimum']}, max={schema['maximum']}):{name}>"
            return f"<{name}>"

        return PATH_PARAM.sub(converter, self.path)


OPERATIONS: dict[str, Operation] = {}  # by endpoint ("api.article")


def register(op: Operation) -> None:
    key = f"api.{op.endpoint}"
    if key in OPERATIONS:
        raise ValueError(f"two API operations are named {op.endpoint!r}")
    OPERATIONS[key] = op


ERROR_DESCRIPTIONS = {
    400: "The request body is not a JSON object.",
    401: "No token, or a token that is unknown or revoked (see `WWW-Authenticate`).",
    403: "The token's scope does not allow this (a read token on a write operation).",
    404: "Not found, or not yours.",
    409: "The request conflicts with what is stored (see the error code).",
    422: "A parameter or a field of the body is not valid (see `details`).",
    429: "Too many requests with this token (see `Retry-After`).",
}
RATE_HEADERS = {
    "X-RateLimit-Limit": {"description": "requests allowed in the current window", "schema": INTEGER},
    "X-RateLimit-Remaining": {"description": "requests left in the current window", "schema": INTEGER},
}


def error_codes(op: Operation) -> list[int]:
    codes = set(op.errors)
    if op.scope:
        codes |= {401, 429}
    if op.scope == "write":
        codes.add(403)
    if op.query:
        codes.add(422)
    if op.body is not None:
        codes |= {400, 422}
    if op.path_params:
        codes.add(404)
    return sorted(codes)


def operation_document(op: Operation) -> dict:
    parameters = [
        {"name": name, "in": "path", "required": True, "schema": schema}
        for name, schema in op.path_params.items()
    ] + [
        {"name": name, "in": "query", "required": False, "schema": schema}
        for name, schema in op.query.items()
    ]
    responses: dict[str, dict] = {}
    for status, (description, schema) in op.responses.items():
        response: dict = {"description": description}
        if schema is not None:
            response["content"] = {"application/json": {"schema": schema}}
        headers = {**(RATE_HEADERS if op.scope else {}), **op.headers.get(status, {})}
        if headers:
            response["headers"] = headers
        responses[str(status)] = response
    for status in error_codes(op):
        responses[str(status)] = {
            "description": ERROR_DESCRIPTIONS[status],
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
    document = {
        "operationId": op.endpoint,
        "summary": op.summary,
        "tags": [op.tag],
        "responses": responses,
    }
    if op.description:
        document["description"] = op.description
    if parameters:
        document["parameters"] = parameters
    if op.body is not None:
        document["requestBody"] = {"required": True, "content": {"application/json": {"schema": op.body}}}
    if op.scope is None:
        document["security"] = []
    else:
        document["security"] = [{"bearerAuth": []}]
        document["x-required-scope"] = op.scope
    return document


DESCRIPTION = """\
Quizzes and flashcards on the news in which every answer cites the exact sentence of its article.

Authenticate with a personal access token made on your account page:
`Authorization: Bearer src_…`. A `read` token may call every GET operation; a `write` token may also start
quizzes, answer, rate cards and undo. Lists are paginated with `page` and `per_page`; the body's `next` and
the `Link` header give the following page. Errors are `{"error": {"code", "message", "details"}}`.
"""


@cache
def document() -> dict:
    """The whole OpenAPI 3.1 document (built once: the operations are fixed at import)."""
    paths: dict[str, dict] = {}
    for op in sorted(OPERATIONS.values(), key=lambda o: (o.path, o.method)):
        paths.setdefault(op.path, {})[op.method.lower()] = operation_document(op)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Sourced API", "version": API_VERSION, "description": DESCRIPTION},
        "servers": [{"url": API_PREFIX}],
        "tags": [{"name": name} for name in dict.fromkeys(op.tag for op in OPERATIONS.values())],
        "paths": paths,
        "components": {
            "schemas": dict(sorted(SCHEMAS.items())),
            "securitySchemes": {
                "bearerAuth": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A personal access token (`src_…`) from your account page.",
                }
            },
        },
    }
