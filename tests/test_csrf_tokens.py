"""The CSRF token pages embed is signed once per session token (app/csrf_tokens.py) and stays valid."""

import re

import pytest
from flask import g
from flask_wtf.csrf import validate_csrf

from app.csrf_tokens import csrf_token
from tests.helpers import login

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def tokens_on(page) -> set[str]:
    return set(TOKEN.findall(page.get_data(as_text=True)))


def test_every_page_of_a_session_embeds_one_valid_token(app, client, student):
    login(client, student)
    first = tokens_on(client.get("/quiz/"))
    g.pop("csrf_token", None)  # pytest-flask shares `g` between a test's requests; browsers do not
    second = tokens_on(client.get("/progress/"))
    assert len(first) == 1 and first == second
    with client.session_transaction() as sess:
        raw = sess["csrf_token"]
    with app.test_request_context("/"):
        from flask import session

        session["csrf_token"] = raw
        validate_csrf(first.pop())  # raises if not valid for this session


def test_the_token_posts(client, student):
    login(client, student)
    (token,) = tokens_on(client.get("/auth/account"))
    reply = client.post("/auth/logout", data={"csrf_token": token})
    assert reply.status_code == 302


def test_sessions_get_their_own_tokens(app):
    tokens = []
    for raw in ("a" * 40, "b" * 40):
        with app.test_request_context("/"):
            from flask import session

            session["csrf_token"] = raw
            g.pop("csrf_token", None)  # a new request's `g` (pytest-flask keeps one for the test)
            tokens.append(csrf_token())
            validate_csrf(tokens[-1])
    assert tokens[0] != tokens[1]


@pytest.mark.parametrize("limit", [None, 3600])
def test_forms_on_the_page_carry_the_same_token(app, limit):
    from flask_wtf import FlaskForm

    app.config["WTF_CSRF_TIME_LIMIT"] = limit
    with app.test_request_context("/"):
        from flask import session

        session["csrf_token"] = "c" * 40
        g.pop("csrf_token", None)
        embedded = csrf_token()
        assert FlaskForm().csrf_token.current_token == embedded


def test_with_a_time_limit_each_request_signs_afresh(app, monkeypatch):
    app.config["WTF_CSRF_TIME_LIMIT"] = 3600
    signed = []
    for moment in (1_000_000, 1_000_100):
        monkeypatch.setattr("itsdangerous.timed.time.time", lambda moment=moment: moment)
        with app.test_request_context("/"):
            from flask import session

            session["csrf_token"] = "d" * 40
            g.pop("csrf_token", None)
            signed.append(csrf_token())
    assert signed[0] != signed[1]
