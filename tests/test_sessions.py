"""Sessions: they survive a restart, and a password change ends every other session and remember-me cookie."""

import pytest
from flask_login.utils import encode_cookie
from sqlalchemy import select

from app.auth.accounts import user_for_session_id
from app.models import User
from tests.conftest import make_app
from tests.helpers import forget_cached_user, post_form

PASSWORD = "correct horse battery staple"  # the factories' password
NEW_PASSWORD = "a brand new passphrase"
REMEMBER = "remember_token"


pytestmark = pytest.mark.usefixtures("fresh_rate_limits")


def log_in(client, user, remember=False):
    data = {"email": user.email, "password": PASSWORD}
    if remember:
        data["remember"] = "y"
    forget_cached_user()
    response = post_form(client, "/auth/login", data)
    assert response.status_code == 302, response.get_data(as_text=True)


def account_status(client) -> int:
    """200 when `client` is logged in, 302 (to the login page) when it is not."""
    forget_cached_user()  # pytest-flask's long-lived `g` would otherwise remember the last user
    return client.get("/auth/account").status_code


def client_with_cookie(app, name, value):
    client = app.test_client()
    client.set_cookie(name, value)
    return client


def change_password(client):
    forget_cached_user()
    data = {"current_password": PASSWORD, "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    return post_form(client, "/auth/password", data, follow_redirects=True)


def test_user_id_in_the_session_carries_the_session_version(db, student):
    assert student.get_id() == f"{student.id}:0"
    student.end_other_sessions()
    assert student.get_id() == f"{student.id}:1"


@pytest.mark.parametrize("session_id", ["", "abc", "1", "1:", ":0", "1:x", "x:0", "1:0:0", "-1:0", " 1:0"])
def test_malformed_or_old_session_ids_name_nobody(db, student, session_id):
    assert user_for_session_id(session_id.replace("1", str(student.id))) is None


def test_session_id_names_the_user_only_at_the_current_version(db, student):
    assert user_for_session_id(f"{student.id}:0") == student
    assert user_for_session_id(f"{student.id + 1000}:0") is None
    student.end_other_sessions()
    db.session.commit()
    assert user_for_session_id(f"{student.id}:0") is None
    assert user_for_session_id(f"{student.id}:1") == student


def test_password_change_keeps_this_session_and_ends_the_others(app, client, db, student):
    other_browser = app.test_client()
    log_in(client, student)
    log_in(other_browser, student)
    assert account_status(client) == account_status(other_browser) == 200

    response = change_password(client)
    assert "You have been logged out everywhere else." in response.get_data(as_text=True)

    assert account_status(client) == 200
    assert account_status(other_browser) == 302
    assert db.session.scalar(select(User.session_version).where(User.id == student.id)) == 1


def test_password_change_ends_other_remember_me_cookies(app, client, db, student):
    other_browser = app.test_client()
    log_in(other_browser, student, remember=True)
    old_cookie = other_browser.get_cookie(REMEMBER).value
    assert account_status(client_with_cookie(app, REMEMBER, old_cookie)) == 200

    log_in(client, student)
    change_password(client)

    assert account_status(client_with_cookie(app, REMEMBER, old_cookie)) == 302


def test_password_change_renews_this_browsers_remember_me_cookie(app, client, db, student):
    log_in(client, student, remember=True)
    old_cookie = client.get_cookie(REMEMBER).value
    change_password(client)
    new_cookie = client.get_cookie(REMEMBER).value

    assert new_cookie != old_cookie
    assert account_status(client_with_cookie(app, REMEMBER, new_cookie)) == 200
    assert account_status(client_with_cookie(app, REMEMBER, old_cookie)) == 302


def test_password_change_without_remember_me_sets_no_cookie(client, db, student):
    log_in(client, student)
    change_password(client)
    assert client.get_cookie(REMEMBER) is None


def test_session_from_before_session_versions_is_logged_out_quietly(client, db, student):
    with client.session_transaction() as sess:
        sess["_user_id"] = str(student.id)  # the bare id older releases stored
        sess["_fresh"] = True
    assert account_status(client) == 302
    forget_cached_user()
    home = client.get("/")
    assert home.status_code == 200 and "Log in" in home.get_data(as_text=True)


def test_remember_me_cookie_from_before_session_versions_is_ignored(app, db, student):
    old_cookie = encode_cookie(str(student.id))
    assert account_status(client_with_cookie(app, REMEMBER, old_cookie)) == 302


def test_sessions_survive_a_restart_with_the_same_secret_key(
    app, client, db, student, database_url, tmp_path
):
    log_in(client, student)
    cookie = client.get_cookie("session").value

    restarted = make_app(database_url, tmp_path, SECRET_KEY=app.config["SECRET_KEY"])
    other_key = make_app(database_url, tmp_path, SECRET_KEY="another-secret")
    try:
        assert account_status(client_with_cookie(restarted, "session", cookie)) == 200
        assert account_status(client_with_cookie(other_key, "session", cookie)) == 302
    finally:
        for started in (restarted, other_key):
            with started.app_context():
                db.engine.dispose()
