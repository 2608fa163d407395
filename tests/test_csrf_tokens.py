"""The CSRF token pages embed is signed once per session token (app/csrf_tokens.py) and stays valid."""

import re

import pytest
from flask import g, session
from flask_wtf import FlaskForm
from flask_wtf.csrf import generate_csrf, validate_csrf
from itsdangerous import URLSafeTimedSerializer

from tests.helpers import login

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def signings(monkeypatch) -> list:
    """The raw tokens Flask-WTF signs, one entry per signature made (session cookies are not counted)."""
    made = []
    real = URLSafeTimedSerializer.dumps

    def dumps(serializer, obj, salt=None):
        if serializer.salt in (b"wtf-csrf-token", "wtf-csrf-token"):
            made.append(obj)
        return real(serializer, obj, salt)

    monkeypatch.setattr(URLSafeTimedSerializer, "dumps", dumps)
    return made


def page_tokens(client, path: str) -> set[str]:
    g.pop("csrf_token", None)  # pytest-flask shares `g` between a test's requests; browsers do not
    return set(TOKEN.findall(client.get(path).get_data(as_text=True)))


def test_a_session_token_is_signed_once_then_reused_by_every_page(app, client, student, signings):
    login(client, student)
    page_tokens(client, "/quiz/")  # makes the session's raw token and signs it
    second = page_tokens(client, "/quiz/")  # signs it once more, and keeps that
    assert len(second) == 1 and page_tokens(client, "/progress/") == second
    assert page_tokens(client, "/auth/account") == second  # forms and the log-out button alike
    assert len(signings) == 2
    with client.session_transaction() as sess:
        raw = sess["csrf_token"]
    with app.test_request_context("/"):
        session["csrf_token"] = raw
        validate_csrf(second.pop())  # raises if not valid for this session


def test_the_token_posts(client, student):
    login(client, student)
    page_tokens(client, "/auth/account")
    (token,) = page_tokens(client, "/auth/account")
    assert client.post("/auth/logout", data={"csrf_token": token}).status_code == 302


def token_for(app, raw: str) -> str:
    """The token a form gets in a request whose session holds `raw`."""
    cookie = app.session_interface.get_signing_serializer(app).dumps({"csrf_token": raw})
    with app.test_request_context("/", headers={"Cookie": f"session={cookie}"}):
        g.pop("csrf_token", None)
        app.preprocess_request()
        token = generate_csrf()
        assert FlaskForm().csrf_token.current_token == token
        validate_csrf(token)
        return token


def test_each_session_token_has_its_own_signature(app, signings):
    first = token_for(app, "a" * 40)
    assert token_for(app, "a" * 40) == first and len(signings) == 1
    assert token_for(app, "b" * 40) != first and len(signings) == 2


def test_with_a_time_limit_each_request_signs_afresh(app, signings):
    app.config["WTF_CSRF_TIME_LIMIT"] = 3600
    token_for(app, "d" * 40)
    token_for(app, "d" * 40)
    assert len(signings) == 2
