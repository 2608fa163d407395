"""The OpenAPI document matches the URL map both ways, and schemathesis finds no 500 and no response that
breaks the document (a bounded, derandomized run against the WSGI app with a write token)."""

from __future__ import annotations

import re

import jsonschema_rs
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.specs.openapi.definitions import OPENAPI_31

from app.api.openapi import API_PREFIX, OPERATIONS, document
from app.extensions import limiter
from tests.api_support import bearer, issue_token
from tests.review_support import make_deck

EXAMPLES_PER_OPERATION = 12
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance, content_type_conformance]


def routed_operations(app) -> set[tuple[str, str]]:
    """(method, path in OpenAPI form) of every route under the API prefix in the URL map."""
    found = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith(API_PREFIX + "/"):
            continue
        path = re.sub(r"<(?:[^:<>]+:)?(\w+)>", r"{\1}", rule.rule.removeprefix(API_PREFIX))
        found |= {(method, path) for method in rule.methods - {"HEAD", "OPTIONS"}}
    return found


def documented_operations() -> set[tuple[str, str]]:
    return {(method.upper(), path) for path, item in document()["paths"].items() for method in item}


def test_every_api_route_is_documented_and_every_documented_operation_is_routed(app):
    routed, documented = routed_operations(app), documented_operations()
    assert routed - documented == set(), "routes missing from the spec"
    assert documented - routed == set(), "operations in the spec with no route"
    assert len(routed) == len(OPERATIONS) >= 17


def test_every_api_rule_belongs_to_the_api_blueprint(app):
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(API_PREFIX + "/"):
            assert rule.endpoint in OPERATIONS, rule.rule


def test_the_document_is_openapi_3_1_with_resolvable_references(client, db):
    spec = client.get(f"{API_PREFIX}/openapi.json").get_json()
    assert spec["openapi"] == "3.1.0"
    problems = [str(error) for error in jsonschema_rs.validator_for(OPENAPI_31).iter_errors(spec)]
    assert problems == [], "the document breaks the OpenAPI 3.1 schema"
    references = set(re.findall(r'"#/components/schemas/(\w+)"', str(spec).replace("'", '"')))
    assert references <= set(spec["components"]["schemas"])
    for path, item in spec["paths"].items():
        for method, op in item.items():
            assert op["operationId"] and op["responses"], (method, path)
            if op["security"]:
                assert {"401", "429"} <= set(op["responses"]), (method, path)
            if op.get("x-required-scope") == "write":
                assert "403" in op["responses"], (method, path)


def test_write_operations_are_exactly_the_posts_but_the_check(app):
    writes = {(op.method, op.path) for op in OPERATIONS.values() if op.scope == "write"}
    posts = {(op.method, op.path) for op in OPERATIONS.values() if op.method == "POST"}
    assert posts - writes == {("POST", "/reviews/cards/{card_id}/check")}  # grading stores nothing


@pytest.fixture
def fuzzed_app(app, seeded, student):
    """The app with the seed bank, a learner with a deck, an attempt, and a generous rate limit."""
    app.config["API_RATE_LIMIT"] = "100000 per minute"
    limiter.reset()
    make_deck(student)
    token = issue_token(student, scope="write")
    client = app.test_client()
    started = client.post(
        f"{API_PREFIX}/attempts", json={"source_kind": "all", "length": 3}, headers=bearer(token)
    )
    assert started.status_code == 201
    yield app, token
    limiter.reset()


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_schemathesis_finds_no_server_error_and_no_schema_violation(fuzzed_app, mode):
    app, token = fuzzed_app
    schema = schemathesis.openapi.from_wsgi(f"{API_PREFIX}/openapi.json", app)
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            # Schemathesis's WSGI transport reads bodies as sent: ask for them uncompressed.
            case.call_and_validate(headers=bearer(token) | {"Accept-Encoding": "identity"}, checks=CHECKS)

        try:
            run()
        except Exception as error:  # collect every operation's failure, then report them together
            failures.append(f"{operation.method.upper()} {operation.path}: {error}")
    assert not failures, "\n\n".join(failures)
