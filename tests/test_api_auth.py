"""API authentication and the envelope: tokens (missing, bad, revoked, read vs write), cookies never
authorise, JSON errors everywhere under /api, rate limits, pagination, and last_used_at throttling."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app.extensions import db as _db
from app.models import ApiToken
from tests.api_support import API, api_get, api_post, bearer, error_of, issue_token
from tests.helpers import csrf_token, login

pytestmark = pytest.mark.usefixtures("fresh_rate_limits")


def test_no_token_is_401_with_a_bearer_challenge(client, db):
    response = client.get(f"{API}/progress")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="Sourced API"'
    assert error_of(response)["code"] == "authentication_required"


@pytest.mark.parametrize(
    "header",
    ["Bearer src_not-a-real-token", "Bearer nonsense", "Bearer ", "Basic dXNlcjpwYXNz", "src_abc"],
)
def test_a_bad_token_is_401(client, db, student, header):
    issue_token(student)
    response = client.get(f"{API}/progress", headers={"Authorization": header})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith('Bearer realm="Sourced API"')
    assert error_of(response)["code"] in ("invalid_token", "authentication_required")


def test_an_invalid_token_names_the_error_in_the_challenge(client, db):
    response = client.get(f"{API}/progress", headers=bearer("src_" + "x" * 43))
    assert response.status_code == 401
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]


def test_a_revoked_token_is_401(client, db, student):
    token = issue_token(student)
    assert api_get(client, token, "/progress").status_code == 200
    row = db.session.scalar(select(ApiToken))
    row.revoked_at = datetime.now(UTC)
    db.session.commit()
    response = api_get(client, token, "/progress")
    assert response.status_code == 401
    assert error_of(response)["message"] == "This access token was revoked."


def test_a_read_token_reads_but_may_not_write(client, db, student):
    token = issue_token(student, scope="read")
    assert api_get(client, token, "/attempts").status_code == 200
    response = api_post(client, token, "/attempts", {"source_kind": "all"})
    assert response.status_code == 403
    assert error_of(response)["code"] == "insufficient_scope"
    assert 'scope="write"' in response.headers["WWW-Authenticate"]


def test_a_write_token_may_write(client, db, student, seeded):
    token = issue_token(student, scope="write")
    assert api_post(client, token, "/attempts", {"source_kind": "all", "length": 2}).status_code == 201


def test_cookies_alone_never_authorise_an_api_request(client, db, student, seeded):
    """A logged-in browser session, even with a valid CSRF token, gets 401: only the bearer token counts."""
    login(client, student)
    assert client.get("/auth/account").status_code == 200  # the session is good for the pages
    assert client.get(f"{API}/attempts").status_code == 401
    response = client.post(
        f"{API}/attempts",
        json={"source_kind": "all"},
        headers={"X-CSRFToken": csrf_token(client)},
    )
    assert response.status_code == 401
    response = client.post(f"{API}/attempts", data={"source_kind": "all", "csrf_token": csrf_token(client)})
    assert response.status_code == 401


def test_the_token_decides_whose_data_is_read_not_the_cookie(client, db, student, other_student):
    login(client, other_student)
    token = issue_token(student)
    assert api_get(client, token, "/attempts").get_json()["total"] == 0
    assert _db.session.scalar(select(ApiToken.user_id)) == student.id


def test_the_spec_is_public(client, db):
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    assert response.get_json()["openapi"] == "3.1.0"


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("GET", "/nowhere", 404, "not_found"),
        ("GET", "/attempts/999999", 404, "not_found"),
        ("GET", "/attempts/99999999999999", 404, "not_found"),  # beyond any id: not even routed
        ("DELETE", "/attempts", 405, "method_not_allowed"),
        ("PUT", "/progress", 405, "method_not_allowed"),
    ],
)
def test_errors_under_api_are_json(client, db, student, method, path, status, code):
    token = issue_token(student)
    response = client.open(API + path, method=method, headers=bearer(token))
    assert response.status_code == status
    assert error_of(response)["code"] == code


@pytest.mark.parametrize("path", ["/api", "/api/", "/api/v2/articles", "/api/v1"])
def test_unknown_addresses_under_api_are_json_404s(client, db, path):
    response = client.get(path)
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


def test_405_keeps_its_allow_header(client, db, student):
    response = client.delete(f"{API}/progress", headers=bearer(issue_token(student)))
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]


def test_pages_outside_the_api_keep_their_html_errors(client, db):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert response.mimetype == "text/html"


def test_a_body_that_is_not_json_is_400(client, db, student):
    token = issue_token(student)
    response = client.post(f"{API}/attempts", data="source_kind=all", headers=bearer(token))
    assert response.status_code == 400
    assert error_of(response)["code"] == "bad_request"
    response = client.post(
        f"{API}/attempts", data="{not json", headers={**bearer(token), "Content-Type": "application/json"}
    )
    assert response.status_code == 400


def test_invalid_fields_are_422_with_details_per_field(client, db, student):
    token = issue_token(student)
    response = api_post(client, token, "/attempts", {"source_kind": "poem", "length": 0, "extra": 1})
    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "validation_failed"
    assert set(error["details"]) == {"body.source_kind", "body.length", "body.extra"}
    assert error["details"]["body.length"] == "Must be at least 1."


@pytest.mark.parametrize("query", ["page=0", "page=abc", "per_page=101", "per_page=-1", "page=1e3"])
def test_bad_paging_is_422(client, db, student, query):
    response = api_get(client, issue_token(student), f"/articles?{query}")
    assert response.status_code == 422
    assert next(iter(error_of(response)["details"])).startswith("query.")


def test_a_server_error_is_json_too(app, db, student, monkeypatch):
    from app.api import progress

    app.config["PROPAGATE_EXCEPTIONS"] = False
    monkeypatch.setattr(progress.stats, "activity", lambda *args: 1 / 0)
    response = app.test_client().get(f"{API}/progress", headers=bearer(issue_token(student)))
    assert response.status_code == 500
    assert error_of(response)["code"] == "server_error"


def test_rate_limited_per_token_with_a_json_429(app, client, db, student, other_student):
    app.config["API_RATE_LIMIT"] = "3 per minute"
    token, other = issue_token(student), issue_token(other_student)
    for _ in range(3):
        assert api_get(client, token, "/progress").status_code == 200
    response = api_get(client, token, "/progress")
    assert response.status_code == 429
    assert error_of(response)["code"] == "rate_limited"
    assert "Retry-After" in response.headers
    assert api_get(client, other, "/progress").status_code == 200  # each token has its own allowance


def test_last_used_at_is_written_at_most_once_a_minute(client, db, student, monkeypatch):
    from app.api import auth

    token = issue_token(student)
    moments = iter(
        [datetime(2025, 1, 1, 9, 0, tzinfo=UTC) + timedelta(seconds=s) for s in (0, 30, 59, 60, 61, 200)]
    )
    stamps = []

    class Clock:
        @staticmethod
        def now(tz=None):
            return next(moments)

    monkeypatch.setattr(auth, "datetime", Clock)
    for _ in range(6):
        assert api_get(client, token, "/progress").status_code == 200
        db.session.expire_all()
        last = db.session.scalar(select(ApiToken.last_used_at))
        stamps.append(last.replace(tzinfo=None).strftime("%H:%M:%S"))
    assert stamps == ["09:00:00", "09:00:00", "09:00:00", "09:01:00", "09:01:00", "09:03:20"]


def test_lists_are_paginated_with_next_and_link(client, db, student):
    from tests.factories import ArticleFactory

    for n in range(5):
        ArticleFactory(slug=f"story-{n}", title=f"Story {n}", published=f"202{n}")
    token = issue_token(student)
    first = api_get(client, token, "/articles?per_page=2")
    body = first.get_json()
    assert (body["page"], body["per_page"], body["total"], body["pages"]) == (1, 2, 5, 3)
    assert [a["slug"] for a in body["items"]] == ["story-4", "story-3"]
    assert body["prev"] is None and body["next"].endswith("/api/v1/articles?page=2&per_page=2")
    assert 'rel="next"' in first.headers["Link"] and 'rel="last"' in first.headers["Link"]
    last = api_get(client, token, "/articles?page=3&per_page=2").get_json()
    assert [a["slug"] for a in last["items"]] == ["story-0"] and last["next"] is None
    assert api_get(client, token, "/articles?page=9").get_json()["items"] == []
