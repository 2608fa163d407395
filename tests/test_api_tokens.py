"""Access tokens on the account page: made with a name and scope, shown once, hashed at rest, listed,
revoked; a double submit makes one token; another user's token cannot be revoked."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.auth import tokens as token_rules
from app.models import ApiToken
from app.models.tokens import hash_token
from tests.api_support import api_get, issue_token
from tests.helpers import login, post_form

TOKEN = re.compile(r'id="new-token" class="token-value" type="text" value="(src_[A-Za-z0-9_-]+)"')


def nonce_of(html: str) -> str:
    return re.search(r'id="nonce" name="nonce" type="hidden" value="([^"]+)"', html).group(1)


def make_token(client, name="Phone app", scope="write", nonce=None):
    if nonce is None:
        nonce = nonce_of(client.get("/auth/account").get_data(as_text=True))
    return post_form(client, "/auth/tokens", {"name": name, "scope": scope, "nonce": nonce})


def count_tokens(db) -> int:
    return db.session.scalar(select(func.count(ApiToken.id)))


def test_the_account_page_offers_tokens(student_client):
    html = student_client.get("/auth/account").get_data(as_text=True)
    assert "Access tokens for the API" in html and "You have no access tokens." in html
    assert '<label for="name">Token name</label>' in html
    assert 'href="http://localhost/api/v1/openapi.json"' in html


def test_a_new_token_is_shown_once_and_only_its_hash_is_kept(client, student_client, db, student):
    response = make_token(student_client)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    secret = TOKEN.search(response.get_data(as_text=True)).group(1)
    stored = db.session.scalar(select(ApiToken))
    assert stored.token_hash == hash_token(secret) and secret not in (stored.hint, stored.name)
    assert (stored.user_id, stored.name, stored.scope, stored.hint) == (
        student.id,
        "Phone app",
        "write",
        secret[:8],
    )
    again = student_client.get("/auth/account").get_data(as_text=True)
    assert secret not in again and f"{secret[:8]}…" in again and "Never" in again
    assert api_get(client, secret, "/progress").status_code == 200


def test_the_list_shows_scope_and_last_use(client, student_client, db, student):
    secret = issue_token(student, scope="read", name="Reader script")
    api_get(client, secret, "/progress")
    html = student_client.get("/auth/account").get_data(as_text=True)
    row = re.search(r"<tr>\s*<td>Reader script</td>.*?</tr>", html, re.S).group(0)
    assert "Read</td>" in row and "Never" not in row and "UTC" in row


def test_a_double_submit_makes_one_token_and_shows_it_both_times(student_client, db):
    nonce = nonce_of(student_client.get("/auth/account").get_data(as_text=True))
    first = make_token(student_client, nonce=nonce)
    second = make_token(student_client, nonce=nonce)
    assert count_tokens(db) == 1
    assert TOKEN.search(first.get_data(as_text=True)).group(1) == TOKEN.search(
        second.get_data(as_text=True)
    ).group(1)


def test_an_old_form_sent_again_makes_nothing(student_client, db, monkeypatch):
    nonce = nonce_of(student_client.get("/auth/account").get_data(as_text=True))
    make_token(student_client, nonce=nonce)
    monkeypatch.setattr(token_rules, "RESUBMIT_WINDOW", timedelta(seconds=-1))
    response = make_token(student_client, nonce=nonce)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "This form was already used" in html and not TOKEN.search(html)
    assert nonce_of(html) != nonce and count_tokens(db) == 1


def test_a_revoked_tokens_form_sent_again_shows_nothing(student_client, db):
    nonce = nonce_of(student_client.get("/auth/account").get_data(as_text=True))
    make_token(student_client, nonce=nonce)
    token = db.session.scalar(select(ApiToken))
    post_form(student_client, f"/auth/tokens/{token.id}/revoke")
    response = make_token(student_client, nonce=nonce)
    assert response.status_code == 400 and not TOKEN.search(response.get_data(as_text=True))


@pytest.mark.parametrize(
    ("name", "scope", "message"),
    [
        ("", "read", "Name the token"),
        ("x" * 81, "read", "Use at most 80 characters."),
        ("Laptop", "admin", "Not a valid choice"),
    ],
)
def test_errors_come_back_beside_the_field_keeping_what_was_typed(student_client, db, name, scope, message):
    response = make_token(student_client, name=name, scope=scope)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message in html and 'class="error"' in html
    if name:
        assert f'value="{name}"' in html
    assert count_tokens(db) == 0


def test_a_tampered_form_is_refused(student_client, db):
    response = make_token(student_client, nonce="short")
    assert response.status_code == 400
    assert "This form is out of date" in response.get_data(as_text=True) and count_tokens(db) == 0


def test_at_most_twenty_active_tokens(student_client, db, student):
    for n in range(token_rules.MAX_ACTIVE_TOKENS):
        issue_token(student, name=f"Token {n}")
    response = make_token(student_client)
    assert response.status_code == 400 and "revoke one" in response.get_data(as_text=True)


def test_revoking_ends_the_tokens_access(client, student_client, db, student):
    secret = issue_token(student)
    token = db.session.scalar(select(ApiToken))
    response = post_form(student_client, f"/auth/tokens/{token.id}/revoke", follow_redirects=True)
    assert "is revoked" in response.get_data(as_text=True)
    assert api_get(client, secret, "/progress").status_code == 401
    db.session.expire_all()
    assert db.session.get(ApiToken, token.id).revoked_at is not None
    assert "Test client" not in student_client.get("/auth/account").get_data(as_text=True)


def test_another_users_token_cannot_be_revoked(client, db, student, other_student):
    secret = issue_token(other_student)
    token = db.session.scalar(select(ApiToken))
    login(client, student)
    assert post_form(client, f"/auth/tokens/{token.id}/revoke").status_code == 404
    assert post_form(client, "/auth/tokens/999999/revoke").status_code == 404
    db.session.expire_all()
    assert db.session.get(ApiToken, token.id).revoked_at is None
    assert api_get(client, secret, "/progress").status_code == 200


def test_tokens_need_a_login(client, db):
    assert post_form(client, "/auth/tokens", {"name": "x", "scope": "read"}).status_code == 302


def test_a_derived_token_depends_on_the_user_the_form_and_the_key():
    base = token_rules.derived_token("key", 1, "nonce-aaaaaaaaaaaaaa")
    assert base.startswith("src_") and len(base) == 47
    assert base == token_rules.derived_token("key", 1, "nonce-aaaaaaaaaaaaaa")
    others = {
        token_rules.derived_token("key", 2, "nonce-aaaaaaaaaaaaaa"),
        token_rules.derived_token("key", 1, "nonce-bbbbbbbbbbbbbb"),
        token_rules.derived_token("other", 1, "nonce-aaaaaaaaaaaaaa"),
    }
    assert base not in others and len(others) == 3


def test_revoking_twice_keeps_the_first_time(db, student):
    issue_token(student)
    token = db.session.scalar(select(ApiToken))
    first = datetime(2025, 1, 1, tzinfo=UTC)
    token_rules.revoke_token(db.session, student.id, token.id, first)
    token_rules.revoke_token(db.session, student.id, token.id, first + timedelta(days=1))
    assert token.revoked_at == first
