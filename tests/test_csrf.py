"""Every POST route of every blueprint, present and future, refuses a form without a CSRF token.

The JSON API is the exception, by design: it authorises a request by its bearer token alone, never by the
session cookie, so it needs no CSRF token (tests/test_api_auth.py proves cookies never authorise it).
"""

import uuid

import pytest
from werkzeug.routing import FloatConverter, IntegerConverter, UUIDConverter
from werkzeug.routing.converters import AnyConverter

pytestmark = pytest.mark.usefixtures("fresh_rate_limits")


def dummy_value(converter):
    if isinstance(converter, IntegerConverter):
        return 1
    if isinstance(converter, FloatConverter):
        return 1.0
    if isinstance(converter, UUIDConverter):
        return uuid.UUID(int=1)
    if isinstance(converter, AnyConverter):
        return next(iter(converter.items))
    return "x"  # string, path and custom converters


def post_urls(app) -> list[str]:
    adapter = app.url_map.bind("localhost")
    urls = []
    for rule in app.url_map.iter_rules():
        if "POST" not in (rule.methods or ()) or rule.endpoint.startswith("api."):
            continue
        values = {name: dummy_value(converter) for name, converter in rule._converters.items()}
        urls.append(adapter.build(rule.endpoint, values, method="POST"))
    return sorted(set(urls))


def test_there_are_post_routes_to_check(app):
    urls = post_urls(app)
    assert "/auth/login" in urls and "/auth/logout" in urls and "/auth/signup" in urls
    assert not any(url.startswith("/api/") for url in urls)


@pytest.mark.parametrize("logged_in", [False, True], ids=["visitor", "student"])
def test_every_post_route_rejects_a_missing_csrf_token(app, client, student, logged_in):
    if logged_in:
        from tests.helpers import login

        login(client, student)
    for url in post_urls(app):
        response = client.post(url, data={"email": student.email, "password": "correct horse battery staple"})
        assert response.status_code == 400, f"POST {url} without a CSRF token answered {response.status_code}"
        assert "The CSRF token is missing." in response.get_data(as_text=True), url


def test_every_post_route_rejects_a_wrong_csrf_token(app, client, student):
    for url in post_urls(app):
        response = client.post(url, data={"csrf_token": "forged"})
        assert response.status_code == 400, (
            f"POST {url} with a forged CSRF token answered {response.status_code}"
        )


def test_logout_by_get_is_not_allowed(client):
    assert client.get("/auth/logout").status_code == 405
