"""Accounts: sign up, log in (and `next`), log out, the account page, changing the password, rate limits, roles."""

import html as html_lib
import re

import pytest
from sqlalchemy import select

from app.auth.accounts import password_problem
from app.auth.roles import roles_required
from app.auth.views import safe_next
from app.config import ProductionConfig
from app.models import Attempt, User
from tests.factories import UserFactory
from tests.helpers import post_form

PASSWORD = "correct horse battery staple"  # the factories' password
NEW_PASSWORD = "a brand new passphrase"


pytestmark = pytest.mark.usefixtures("fresh_rate_limits")


def signup_data(**changes) -> dict:
    data = {
        "display_name": "Ada Reader",
        "email": "ada@example.org",
        "password": "quiet river stones",
        "confirm": "quiet river stones",
    }
    return {**data, **changes}


def user_by_email(db, email: str) -> User | None:
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.email == email))


def field_error(html: str, field_id: str) -> str:
    """The error paragraph beside a field (asserting the input points at it)."""
    assert re.search(
        rf'<input[^>]*aria-describedby="[^"]*{field_id}-error[^"]*"[^>]*id="{field_id}"', html
    ), html
    match = re.search(rf'<p class="error" id="{field_id}-error">([^<]*)</p>', html)
    assert match, f"no error beside {field_id}"
    return html_lib.unescape(match.group(1))


def input_value(html: str, field_id: str) -> str | None:
    match = re.search(rf'<input[^>]*id="{field_id}"[^>]*>', html)
    assert match, f"no input {field_id}"
    value = re.search(r'value="([^"]*)"', match.group(0))
    return value.group(1) if value else None


# Sign up


def test_signup_page_has_labelled_fields_and_links_to_login(client):
    html = client.get("/auth/signup").get_data(as_text=True)
    assert "<title>Create your account · Sourced</title>" in html
    for field_id in ("display_name", "email", "password", "confirm"):
        assert f'<label for="{field_id}">' in html
    assert 'autocomplete="email"' in html
    assert html.count('autocomplete="new-password"') == 2
    assert 'href="/auth/login"' in html
    assert "Keep my practice quiz" not in html  # no visitor attempts, no checkbox


def test_signup_creates_account_logs_in_and_hashes_password(app, client, db):
    response = post_form(client, "/auth/signup", signup_data(email="  Ada@Example.ORG "))
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    user = user_by_email(db, "ada@example.org")
    assert user is not None and user.display_name == "Ada Reader" and user.role == "student"
    assert user.password_hash != "quiet river stones"
    assert user.password_hash.startswith(app.config["PASSWORD_HASH_METHOD"] + "$")
    assert user.check_password("quiet river stones")
    assert user.last_login_at is not None
    with client.session_transaction() as sess:
        assert sess["_user_id"] == user.get_id()
    home = client.get("/").get_data(as_text=True)
    assert "Welcome to Sourced, Ada Reader!" in home
    assert ">Ada Reader</a>" in home  # the account link in the header


def test_signup_honours_safe_next(client, db):
    response = post_form(client, "/auth/signup?next=/articles/", signup_data())
    assert response.headers["Location"] == "/articles/"


@pytest.mark.parametrize(
    ("changes", "field_id", "message"),
    [
        ({"email": "STUDENT@example.org"}, "email", "An account with this email already exists."),
        ({"email": "not-an-email"}, "email", "Enter an email address like name@example.org."),
        ({"password": "short one", "confirm": "short one"}, "password", "Use at least 10 characters."),
        ({"password": "password123", "confirm": "password123"}, "password", "one of the most common"),
        ({"password": "Password1234", "confirm": "Password1234"}, "password", "one of the most common"),
        ({"password": "ada@example.org", "confirm": "ada@example.org"}, "password", "Don't use your email"),
        ({"confirm": "quiet river stone"}, "confirm", "The two passwords don't match."),
        ({"display_name": "   "}, "display_name", "Enter your name."),
    ],
)
def test_signup_errors_rerender_beside_the_field_keeping_name_and_email(
    client, db, student, changes, field_id, message
):
    data = signup_data(**changes)
    response = post_form(client, "/auth/signup", data)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert message in field_error(html, field_id)
    assert 'class="field has-error"' in html
    assert re.search(rf'<input[^>]*autofocus[^>]*id="{field_id}"', html)  # the first invalid field has focus
    assert input_value(html, "email") == data["email"].strip()
    assert input_value(html, "display_name") == data["display_name"].strip()
    assert input_value(html, "password") == "" and input_value(html, "confirm") == ""
    assert data["password"] not in html.replace(data["email"], "")
    db.session.expire_all()
    assert db.session.scalar(select(User).where(User.display_name == "Ada Reader")) is None


def test_signup_race_on_the_same_email_is_a_field_error(client, db, student, monkeypatch):
    """Two sign-ups with one email: the second passes the form's check but meets the unique constraint."""
    monkeypatch.setattr("app.auth.forms.user_with_email", lambda email: None)
    response = post_form(client, "/auth/signup", signup_data(email="student@example.org"))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "An account with this email already exists." in field_error(html, "email")
    assert input_value(html, "display_name") == "Ada Reader"
    with client.session_transaction() as sess:
        assert "_user_id" not in sess


@pytest.mark.parametrize(
    ("password", "ok"),
    [
        ("abcdefghi", False),
        ("qwertyuiop", False),
        ("1111111111111", False),
        ("PASSWORD123", False),
        ("sam@example.org", False),
        ("sam", False),
        ("Sam Student", False),
        ("samstudent plus words", True),
        ("quiet river stones", True),
    ],
)
def test_password_rules(password, ok):
    problem = password_problem(password, "sam@example.org", "Sam Student")
    assert (problem is None) is ok, problem


def test_set_password_uses_scrypt_by_default():
    user = User(email="x@example.org", display_name="X")
    user.set_password("quiet river stones")
    assert user.password_hash.startswith("scrypt:")
    assert "quiet river stones" not in user.password_hash
    assert ProductionConfig.PASSWORD_HASH_METHOD == "scrypt"


# Visitor attempts on sign-up


@pytest.fixture
def visitor_attempt(client, db):
    with client.session_transaction() as sess:
        sess["visitor_token"] = "visitor-token-1"
    attempt = Attempt(
        visitor_token="visitor-token-1",
        source_kind="all",
        title="Everything",
        mode="practice",
        question_count=1,
    )
    db.session.add(attempt)
    db.session.commit()
    return attempt.id


def test_signup_offers_to_keep_visitor_attempts_checked_by_default(client, visitor_attempt):
    html = client.get("/auth/signup").get_data(as_text=True)
    assert "Keep my practice quiz (1 attempt) in my new account" in html
    assert re.search(r'<input[^>]*checked[^>]*id="keep_attempts"', html)
    assert '<label for="keep_attempts">' in html


def test_signup_keeps_visitor_attempts_when_checked(client, db, visitor_attempt):
    response = post_form(client, "/auth/signup", signup_data(keep_attempts="y"), follow_redirects=True)
    assert "Your account is ready, and your practice quiz (1 attempt) is saved in it." in response.get_data(
        as_text=True
    )
    user = user_by_email(db, "ada@example.org")
    attempt = db.session.get(Attempt, visitor_attempt)
    assert attempt.user_id == user.id and attempt.visitor_token is None
    with client.session_transaction() as sess:
        assert "visitor_token" not in sess


def test_signup_leaves_visitor_attempts_when_unchecked(client, db, visitor_attempt):
    response = post_form(client, "/auth/signup", signup_data(), follow_redirects=True)
    assert "is saved in it" not in response.get_data(as_text=True)
    assert user_by_email(db, "ada@example.org") is not None
    attempt = db.session.get(Attempt, visitor_attempt)
    assert attempt.user_id is None and attempt.visitor_token == "visitor-token-1"


# Log in


def test_login_page_has_labelled_fields_and_links_to_signup(client):
    html = client.get("/auth/login?next=/quiz/").get_data(as_text=True)
    assert "<title>Log in · Sourced</title>" in html
    assert (
        '<label for="email">' in html
        and '<label for="password">' in html
        and '<label for="remember">' in html
    )
    assert 'autocomplete="email"' in html and 'autocomplete="current-password"' in html
    assert 'action="/auth/login?next=/quiz/"' in html
    assert 'href="/auth/signup?next=/quiz/"' in html


def test_login_success_sets_session_and_last_login(client, db, student):
    assert student.last_login_at is None
    response = post_form(client, "/auth/login", {"email": " Student@Example.org", "password": PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    with client.session_transaction() as sess:
        assert sess["_user_id"] == student.get_id()
    assert user_by_email(db, "student@example.org").last_login_at is not None
    assert "Welcome back, Sam Student." in client.get("/").get_data(as_text=True)


def test_login_remember_me_sets_remember_cookie(client, student):
    post_form(client, "/auth/login", {"email": student.email, "password": PASSWORD, "remember": "y"})
    assert client.get_cookie("remember_token") is not None


@pytest.mark.parametrize(
    ("email", "password"),
    [("student@example.org", "wrong password here"), ("nobody@example.org", PASSWORD)],
)
def test_login_failure_is_one_generic_error_keeping_the_email(client, db, student, email, password):
    response = post_form(client, "/auth/login", {"email": email, "password": password})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert html.count("Email or password is incorrect.") == 1
    assert input_value(html, "email") == email
    assert input_value(html, "password") == ""
    assert password not in html
    with client.session_transaction() as sess:
        assert "_user_id" not in sess


def test_login_with_empty_fields_says_what_is_missing(client, db):
    html = post_form(client, "/auth/login", {"email": "", "password": ""}).get_data(as_text=True)
    assert field_error(html, "email") == "Enter your email address."
    assert field_error(html, "password") == "Enter your password."


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [
        ("/articles/", "/articles/"),
        ("/quiz/?source=all", "/quiz/?source=all"),
        ("//evil.com", "/"),
        ("//evil.com/path", "/"),
        ("http://evil.com/", "/"),
        ("https://localhost/articles/", "/"),
        ("javascript:alert(1)", "/"),
        ("/\\evil.com", "/"),
        ("/\t/evil.com", "/"),
        ("articles", "/"),
    ],
)
def test_login_honours_next_only_when_safe(client, student, next_url, expected):
    response = post_form(
        client, "/auth/login", {"email": student.email, "password": PASSWORD}, query_string={"next": next_url}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == expected


def test_safe_next_rejects_other_sites():
    assert safe_next("/progress/") == "/progress/"
    for bad in (
        None,
        "",
        "//evil.com",
        "http://evil.com",
        "javascript:alert(1)",
        "/\\evil.com",
        "\\\\evil.com",
    ):
        assert safe_next(bad) is None


def test_unsafe_next_is_not_put_in_the_form(client):
    html = client.get("/auth/login?next=//evil.com").get_data(as_text=True)
    assert "evil.com" not in html


def test_logged_in_user_visiting_login_or_signup_goes_on(student_client):
    assert student_client.get("/auth/login").headers["Location"] == "/"
    assert student_client.get("/auth/signup?next=/articles/").headers["Location"] == "/articles/"


# Log out


def test_logout_needs_post_and_csrf(student_client):
    assert student_client.get("/auth/logout").status_code == 405
    assert student_client.post("/auth/logout").status_code == 400
    with student_client.session_transaction() as sess:
        assert "_user_id" in sess
    response = post_form(student_client, "/auth/logout", follow_redirects=True)
    assert response.request.path == "/"
    assert "You have logged out." in response.get_data(as_text=True)
    with student_client.session_transaction() as sess:
        assert "_user_id" not in sess


# Account page and password change


def test_account_requires_login(client):
    response = client.get("/auth/account")
    assert response.status_code == 302
    assert response.headers["Location"] == "/auth/login?next=%2Fauth%2Faccount"
    assert client.get("/auth/login?next=%2Fauth%2Faccount").status_code == 200


def test_change_password_requires_login(client):
    response = post_form(client, "/auth/password", {"current_password": "x"})
    assert response.status_code == 302 and response.headers["Location"].startswith("/auth/login")


def test_account_shows_details_and_password_form(student_client, student):
    html = student_client.get("/auth/account").get_data(as_text=True)
    assert "<title>Your account · Sourced</title>" in html
    for label, value in [("Name", "Sam Student"), ("Email", "student@example.org"), ("Role", "Student")]:
        assert f'<span class="meta">{label}</span><br>{value}</div>' in html
    since = f"{student.created_at.day} {student.created_at:%B %Y}"
    assert f'<span class="meta">Member since</span><br>{since}</div>' in html
    assert 'autocomplete="current-password"' in html and html.count('autocomplete="new-password"') == 2
    assert 'action="/auth/password"' in html


@pytest.mark.parametrize(
    ("data", "field_id", "message"),
    [
        (
            {"current_password": "not my password", "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
            "current_password",
            "That is not your current password.",
        ),
        (
            {
                "current_password": PASSWORD,
                "new_password": NEW_PASSWORD,
                "confirm": "something else entirely",
            },
            "confirm",
            "The two passwords don't match.",
        ),
        (
            {"current_password": PASSWORD, "new_password": "password123", "confirm": "password123"},
            "new_password",
            "one of the most common",
        ),
        (
            {"current_password": PASSWORD, "new_password": "too short", "confirm": "too short"},
            "new_password",
            "Use at least 10 characters.",
        ),
        (
            {"current_password": PASSWORD, "new_password": PASSWORD, "confirm": PASSWORD},
            "new_password",
            "different from your current one",
        ),
    ],
)
def test_change_password_errors_beside_fields(student_client, db, student, data, field_id, message):
    response = post_form(student_client, "/auth/password", data)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert message in field_error(html, field_id)
    for password in {data["current_password"], data["new_password"], data["confirm"]}:
        assert f'value="{password}"' not in html
    assert user_by_email(db, student.email).check_password(PASSWORD)


def test_change_password_then_new_password_logs_in(app, student_client, db, student):
    data = {"current_password": PASSWORD, "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    response = post_form(student_client, "/auth/password", data, follow_redirects=True)
    assert response.request.path == "/auth/account"
    assert "Your password has been changed." in response.get_data(as_text=True)
    user = user_by_email(db, student.email)
    assert user.password_hash.startswith(app.config["PASSWORD_HASH_METHOD"] + "$")

    post_form(student_client, "/auth/logout")
    old = post_form(student_client, "/auth/login", {"email": student.email, "password": PASSWORD})
    assert old.status_code == 200 and "Email or password is incorrect." in old.get_data(as_text=True)
    new = post_form(student_client, "/auth/login", {"email": student.email, "password": NEW_PASSWORD})
    assert new.status_code == 302


# Rate limits


def test_login_rate_limit_returns_helpful_429(app, client, student):
    app.config["LOGIN_RATE_LIMIT"] = "2 per minute"
    data = {"email": student.email, "password": "wrong password here"}
    assert post_form(client, "/auth/login", data).status_code == 200
    assert post_form(client, "/auth/login", data).status_code == 200
    blocked = post_form(client, "/auth/login", data)
    assert blocked.status_code == 429
    html = blocked.get_data(as_text=True)
    assert "Too Many Requests" in html and "wait a few minutes, then try again." in html
    assert "Retry-After" in blocked.headers
    # Only POSTs count: the form itself still opens.
    assert client.get("/auth/login").status_code == 200


def test_signup_rate_limit(app, client, db):
    app.config["SIGNUP_RATE_LIMIT"] = "1 per minute"
    assert post_form(client, "/auth/signup", signup_data(email="bad")).status_code == 200
    assert post_form(client, "/auth/signup", signup_data()).status_code == 429
    assert user_by_email(db, "ada@example.org") is None


def test_default_rate_limits_allow_a_few_tries(client, student):
    for _ in range(5):
        data = {"email": student.email, "password": "wrong password here"}
        assert post_form(client, "/auth/login", data).status_code == 200


# Roles


@pytest.fixture
def teachers_only(app):
    app.add_url_rule(
        "/teachers-only", "teachers_only", roles_required("teacher", "admin")(lambda: "staff room")
    )
    return "/teachers-only"


@pytest.mark.parametrize(("role", "status"), [("student", 403), ("teacher", 200), ("admin", 200)])
def test_roles_required(client, db, teachers_only, role, status):
    user = UserFactory(role=role)
    post_form(client, "/auth/login", {"email": user.email, "password": PASSWORD})
    response = client.get(teachers_only)
    assert response.status_code == status
    if status == 403:
        assert "This page is only for teacher or admin accounts." in response.get_data(as_text=True)


def test_roles_required_sends_visitors_to_login(client, teachers_only):
    response = client.get(teachers_only)
    assert response.status_code == 302
    assert response.headers["Location"] == "/auth/login?next=%2Fteachers-only"


def test_roles_required_rejects_unknown_roles():
    with pytest.raises(ValueError, match="superuser"):
        roles_required("superuser")
