"""Behind a reverse proxy: X-Forwarded-* headers are believed only for TRUSTED_PROXY_COUNT proxies."""

import logging

import pytest
from flask import request

from app import create_app
from app.extensions import db as _db
from tests.conftest import make_app
from tests.helpers import post_form

CLIENT_ADDRESS = "203.0.113.7"


pytestmark = pytest.mark.usefixtures("fresh_rate_limits")


@pytest.fixture
def app_behind(database_url, tmp_path):
    """`app_behind(n)`: an app trusting n proxies, with a /whoami page echoing what it believes."""
    made = []

    def build(hops: int, **settings):
        built = make_app(database_url, tmp_path, TRUSTED_PROXY_COUNT=hops, **settings)
        built.add_url_rule(
            "/whoami", "whoami", lambda: f"{request.remote_addr} {request.scheme} {request.host}"
        )
        made.append(built)
        return built

    yield build
    for built in made:
        with built.app_context():
            _db.engine.dispose()


FORWARDED = {
    "X-Forwarded-For": CLIENT_ADDRESS,
    "X-Forwarded-Proto": "https",
    "X-Forwarded-Host": "quiz.example.org",
}


def test_without_trusted_proxies_forwarded_headers_are_ignored(app_behind):
    answer = app_behind(0).test_client().get("/whoami", headers=FORWARDED).get_data(as_text=True)
    assert answer == "127.0.0.1 http localhost"


def test_behind_one_proxy_the_client_address_scheme_and_host_come_from_it(app_behind):
    answer = app_behind(1).test_client().get("/whoami", headers=FORWARDED).get_data(as_text=True)
    assert answer == f"{CLIENT_ADDRESS} https quiz.example.org"


def test_an_address_the_client_made_up_is_not_believed(app_behind):
    # nginx appends the address it saw to whatever the client sent: only the last one is the proxy's.
    headers = {"X-Forwarded-For": f"198.51.100.1, {CLIENT_ADDRESS}"}
    answer = app_behind(1).test_client().get("/whoami", headers=headers).get_data(as_text=True)
    assert answer.split()[0] == CLIENT_ADDRESS


def test_two_proxies_take_the_second_address_from_the_end(app_behind):
    headers = {"X-Forwarded-For": f"198.51.100.1, {CLIENT_ADDRESS}, 10.0.0.2"}
    answer = app_behind(2).test_client().get("/whoami", headers=headers).get_data(as_text=True)
    assert answer.split()[0] == CLIENT_ADDRESS


def login_attempt(client, address: str) -> int:
    data = {"email": "nobody@example.org", "password": "wrong password here"}
    return post_form(client, "/auth/login", data, headers={"X-Forwarded-For": address}).status_code


def test_rate_limits_count_each_client_behind_the_proxy(app_behind):
    client = app_behind(1, LOGIN_RATE_LIMIT="1 per minute").test_client()
    assert login_attempt(client, CLIENT_ADDRESS) == 200
    assert login_attempt(client, CLIENT_ADDRESS) == 429
    assert login_attempt(client, "203.0.113.8") == 200


def test_without_a_trusted_proxy_a_forged_address_does_not_escape_the_limit(app_behind):
    client = app_behind(0, LOGIN_RATE_LIMIT="1 per minute").test_client()
    assert login_attempt(client, CLIENT_ADDRESS) == 200
    assert login_attempt(client, "203.0.113.8") == 429


def test_the_request_log_shows_the_client_address(app_behind, caplog):
    client = app_behind(1).test_client()
    with caplog.at_level(logging.INFO, logger="app.requests"):
        client.get("/healthz", headers=FORWARDED)
    (record,) = [r for r in caplog.records if r.name == "app.requests"]
    assert record.fields["remote_addr"] == CLIENT_ADDRESS


@pytest.mark.parametrize(("value", "expected"), [("", 0), ("0", 0), ("2", 2), (" 1 ", 1)])
def test_trusted_proxy_count_from_environment(monkeypatch, tmp_path, value, expected):
    monkeypatch.setenv("TRUSTED_PROXY_COUNT", value)
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": "sqlite://"}, instance_path=str(tmp_path))
    assert app.config["TRUSTED_PROXY_COUNT"] == expected


@pytest.mark.parametrize("value", ["yes", "-1", "1.5"])
def test_trusted_proxy_count_must_be_a_whole_number(monkeypatch, tmp_path, value):
    monkeypatch.setenv("TRUSTED_PROXY_COUNT", value)
    with pytest.raises(RuntimeError, match="TRUSTED_PROXY_COUNT must be a whole number"):
        create_app("testing", {"SQLALCHEMY_DATABASE_URI": "sqlite://"}, instance_path=str(tmp_path))
