"""Session cookies are verified once and remembered (app/session_cookies.py); what Flask guarantees holds."""

import time
from datetime import timedelta

from flask import flash, get_flashed_messages, session


def visitor_cookie(app, client) -> str:
    with client.session_transaction() as sess:
        sess["visitor_token"] = "abc"
    return client.get_cookie("session").value


def opened(app, cookie: str) -> dict:
    with app.test_request_context("/", headers={"Cookie": f"session={cookie}"}):
        return dict(session)


def test_a_remembered_cookie_opens_to_the_same_session(app, client):
    cookie = visitor_cookie(app, client)
    assert opened(app, cookie)["visitor_token"] == "abc"
    assert opened(app, cookie)["visitor_token"] == "abc"  # from what was remembered


def test_a_tampered_cookie_opens_an_empty_session(app, client):
    cookie = visitor_cookie(app, client)
    assert opened(app, cookie)
    payload, _, signature = cookie.rpartition(".")
    forged = payload + "." + ("A" if signature[0] != "A" else "B") + signature[1:]
    assert opened(app, forged) == {}
    assert opened(app, "not-a-cookie") == {}


def test_a_remembered_cookie_still_expires_with_the_session_lifetime(app, client, monkeypatch):
    cookie = visitor_cookie(app, client)
    assert opened(app, cookie)
    later = time.time() + 10 * 86400
    monkeypatch.setattr("app.session_cookies.time.time", lambda: later)
    app.permanent_session_lifetime = timedelta(days=7)
    assert opened(app, cookie) == {}


def test_a_new_secret_key_is_not_fooled_by_what_was_remembered(app, client):
    cookie = visitor_cookie(app, client)
    assert opened(app, cookie)
    app.secret_key = "rotated-without-fallback"
    assert opened(app, cookie) == {}


def test_changing_a_session_does_not_change_what_was_remembered(app, client):
    with client.session_transaction() as sess:
        sess["_flashes"] = [("info", "first")]
    cookie = client.get_cookie("session").value
    with app.test_request_context("/", headers={"Cookie": f"session={cookie}"}):
        flash("second", "info")
        assert [m for _, m in session["_flashes"]] == ["first", "second"]
    with app.test_request_context("/", headers={"Cookie": f"session={cookie}"}):
        assert get_flashed_messages() == ["first"]
