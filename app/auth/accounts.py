"""Account rules shared by the forms, the views and `flask users`: email and password checks, look-up."""

from __future__ import annotations

import re
from functools import lru_cache

from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from app.extensions import db
from app.models.users import User, normalise_email

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 200
MAX_EMAIL_LENGTH = 254

# A deliberately loose check: one @, something before it, a dotted domain after it, no spaces.
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")

# The most common leaked passwords that are 10 characters or longer (shorter ones fail on length already).
COMMON_PASSWORDS = frozenset(
    """
    password123 password1234 password12345 password123456 passw0rd123 password!! passwordpassword
    1234567890 12345678910 123456789a 123456789q 0123456789 0987654321 1111111111 1234512345 1122334455
    qwertyuiop qwerty1234 qwerty12345 qwerty123456 1q2w3e4r5t 1q2w3e4r5t6y q1w2e3r4t5 qwe123qwe123 asdfghjkl1
    asdfghjkl; zxcvbnm123 abcdefghij abcd123456 abc1234567 iloveyou12 iloveyou123 letmein123 welcome123
    welcome1234 football123 baseball123 sunshine123 princess123 superman123 monkey1234 dragon1234
    changeme123 administrator admin12345 admin123456 trustno1234 starwars123 whatever123 computer123
    internet123 michael123 charlie123 jennifer123 liverpool1 chocolate1 butterfly1 basketball basketball1
    football1 jordan2323 tinkerbell cheesecake christmas1 strawberry aaaaaaaaaa abcabcabc1 secret1234
    mypassword mypassword1 newpassword thisismypassword letmeinplease
    """.split()  # noqa: SIM905  (a word list reads best as words)
)


def email_problem(email: str) -> str | None:
    """Why `email` cannot be an account's address, or None."""
    if len(email) > MAX_EMAIL_LENGTH:
        return f"Use an email address of at most {MAX_EMAIL_LENGTH} characters."
    if not EMAIL_PATTERN.match(email):
        return "Enter an email address like name@example.org."
    return None


def password_problem(password: str, email: str = "", display_name: str = "") -> str | None:
    """Why `password` is too easy to guess for this account, or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Use at least {MIN_PASSWORD_LENGTH} characters."
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"Use at most {MAX_PASSWORD_LENGTH} characters."
    folded = password.strip().casefold()
    personal = {
        normalise_email(email),
        normalise_email(email).partition("@")[0],
        display_name.strip().casefold(),
    }
    if folded in personal - {""}:
        return "Don't use your email address or name as your password."
    if folded in COMMON_PASSWORDS or len(set(folded)) == 1:
        return "That password is one of the most common, so it is easy to guess. Try a phrase of a few words."
    return None


def user_with_email(email: str) -> User | None:
    """The account whose email matches `email` ignoring case and surrounding spaces."""
    return db.session.scalar(select(User).where(func.lower(User.email) == normalise_email(email)))


@lru_cache
def _decoy_hash(method: str) -> str:
    return generate_password_hash("not anybody's password", method=method)


def authenticate(email: str, password: str, hash_method: str) -> User | None:
    """The account for these credentials, or None. Unknown emails cost a hash too: timing tells nothing."""
    user = user_with_email(email)
    if user is None:
        check_password_hash(_decoy_hash(hash_method), password)
        return None
    return user if user.check_password(password) else None


def user_for_session_id(session_id: str) -> User | None:
    """The account a session or remember-me cookie names ("id:session_version", see `User.get_id`), or
    None when the version is stale (the password changed since) or the id has the old bare form."""
    user_id, _, version = session_id.partition(":")
    if not (user_id.isdigit() and version.isdigit()):
        return None
    user = db.session.get(User, int(user_id))
    return user if user is not None and user.session_version == int(version) else None


def replace_password(user: User, password: str, hash_method: str) -> None:
    """Set a new password and end the account's other sessions and remember-me cookies."""
    user.set_password(password, method=hash_method)
    user.end_other_sessions()


def new_user(email: str, display_name: str, password: str, hash_method: str, role: str = "student") -> User:
    """A new account (added to the session, not committed), its email stored normalised."""
    user = User(email=normalise_email(email), display_name=display_name.strip(), role=role)
    user.set_password(password, method=hash_method)
    db.session.add(user)
    return user
