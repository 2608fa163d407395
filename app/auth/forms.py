"""Sign-up, log-in, change-password and access-token forms (Flask-WTF, so every POST carries a CSRF token)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    PasswordField,
    RadioField,
    SelectChoice,
    StringField,
)
from wtforms.validators import DataRequired, EqualTo, InputRequired, Length, Regexp, ValidationError

from app.auth.accounts import (
    MAX_EMAIL_LENGTH,
    MAX_PASSWORD_LENGTH,
    email_problem,
    password_problem,
    user_with_email,
)
from app.models.users import User


def strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


def email_field() -> EmailField:
    return EmailField(
        "Email address",
        filters=[strip],
        validators=[DataRequired("Enter your email address."), Length(max=MAX_EMAIL_LENGTH)],
        render_kw={"autocomplete": "email", "spellcheck": "false", "autocapitalize": "none"},
    )


def new_password_field(label: str) -> PasswordField:
    # No Length validator: its minlength attribute would let the browser block the form before the server
    # explains the rule; password_problem gives the message instead.
    return PasswordField(
        label,
        validators=[InputRequired("Choose a password.")],
        render_kw={"autocomplete": "new-password", "maxlength": MAX_PASSWORD_LENGTH},
    )


def confirm_field(label: str, of: str) -> PasswordField:
    return PasswordField(
        label,
        validators=[
            InputRequired("Type the password again."),
            EqualTo(of, message="The two passwords don't match. Type the same password in both boxes."),
        ],
        render_kw={"autocomplete": "new-password"},
    )


class SignupForm(FlaskForm):
    display_name = StringField(
        "Your name",
        filters=[strip],
        validators=[DataRequired("Enter your name."), Length(max=80, message="Use at most 80 characters.")],
        render_kw={"autocomplete": "name"},
    )
    email = email_field()
    password = new_password_field("Password")
    confirm = confirm_field("Confirm password", of="password")
    keep_attempts = BooleanField("Keep my practice quiz in my new account", default=True)

    def validate_email(self, field) -> None:
        problem = email_problem(field.data)
        if problem:
            raise ValidationError(problem)
        if user_with_email(field.data) is not None:
            raise ValidationError("An account with this email already exists. Log in instead?")

    def validate_password(self, field) -> None:
        problem = password_problem(field.data, self.email.data or "", self.display_name.data or "")
        if problem:
            raise ValidationError(problem)


class LoginForm(FlaskForm):
    email = email_field()
    password = PasswordField(
        "Password",
        validators=[InputRequired("Enter your password.")],
        render_kw={"autocomplete": "current-password"},
    )
    remember = BooleanField("Keep me logged in on this device")


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        "Current password",
        validators=[InputRequired("Enter your current password.")],
        render_kw={"autocomplete": "current-password"},
    )
    new_password = new_password_field("New password")
    confirm = confirm_field("Confirm new password", of="new_password")

    def __init__(self, user: User, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def validate_current_password(self, field) -> None:
        if not self.user.check_password(field.data):
            raise ValidationError("That is not your current password.")

    def validate_new_password(self, field) -> None:
        if field.data == self.current_password.data:
            raise ValidationError("Choose a password different from your current one.")
        problem = password_problem(field.data, self.user.email, self.user.display_name)
        if problem:
            raise ValidationError(problem)


TOKEN_SCOPE_CHOICES = [
    SelectChoice("read", "Read — articles, questions, your quizzes, decks and progress"),
    SelectChoice("write", "Read and write — also start quizzes, answer, rate and undo flashcards"),
]


class TokenForm(FlaskForm):
    """A personal access token for the API; `nonce` makes a second submit of one form find the same token."""

    name = StringField(
        "Token name",
        filters=[strip],
        validators=[
            DataRequired("Name the token, for instance after the app that will use it."),
            Length(max=80, message="Use at most 80 characters."),
        ],
        render_kw={"autocomplete": "off"},
    )
    scope = RadioField(
        "What it may do",
        choices=TOKEN_SCOPE_CHOICES,
        default="read",
        validators=[InputRequired("Choose what the token may do.")],
    )
    nonce = HiddenField(
        validators=[
            InputRequired("This form is out of date: reload the page."),
            Regexp(r"^[A-Za-z0-9_-]{16,64}$", message="This form is out of date: reload the page."),
        ]
    )
