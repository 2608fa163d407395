"""Sign up, log in, log out, the account page and changing the password."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy.exc import IntegrityError

from app.auth import bp
from app.auth.accounts import authenticate, new_user, replace_password
from app.auth.forms import ChangePasswordForm, LoginForm, SignupForm
from app.auth.token_views import account_page
from app.extensions import db, limiter
from app.models.articles import utcnow
from app.quiz.ownership import claim_visitor_attempts, visitor_attempt_count

LOGIN_FAILED = "Email or password is incorrect."
TOO_MANY = "You have tried to {} too many times in a short while. Please wait a few minutes, then try again."


def login_rate_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def signup_rate_limit() -> str:
    return current_app.config["SIGNUP_RATE_LIMIT"]


def safe_next(target: str | None) -> str | None:
    """`target` if it is a path on this site (`/quiz/?x=1`), else None (`//host`, `http:…`, `javascript:`)."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    # Browsers read `\` as `/` and drop tabs and newlines, so `/\evil.com` and `/\t/evil.com` leave the site.
    if "\\" in target or any(ord(c) < 32 or ord(c) == 127 for c in target):
        return None
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else None


def redirect_onwards():
    return redirect(safe_next(request.args.get("next")) or url_for("main.home"))


def attempts_phrase(count: int) -> str:
    return f"{count} attempt" if count == 1 else f"{count} attempts"


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit(signup_rate_limit, methods=["POST"], error_message=TOO_MANY.format("sign up"))
def signup():
    if current_user.is_authenticated:
        return redirect_onwards()
    form = SignupForm()
    attempts = visitor_attempt_count()
    form.keep_attempts.label.text = f"Keep my practice quiz ({attempts_phrase(attempts)}) in my new account"
    if form.validate_on_submit():
        user = new_user(
            form.email.data,
            form.display_name.data,
            form.password.data,
            hash_method=current_app.config["PASSWORD_HASH_METHOD"],
        )
        user.last_login_at = utcnow()
        try:
            db.session.flush()
        except IntegrityError:  # the same email signed up between validation and now
            db.session.rollback()
            form.email.errors.append("An account with this email already exists. Log in instead?")
        else:
            kept = claim_visitor_attempts(user.id) if attempts and form.keep_attempts.data else 0
            db.session.commit()
            login_user(user)
            welcome = f"Welcome to Sourced, {user.display_name}! Your account is ready"
            if kept:
                welcome += f", and your practice quiz ({attempts_phrase(kept)}) is saved in it"
            flash(welcome + ".", "success")
            return redirect_onwards()
    return render_template(
        "auth/signup.html", form=form, attempts=attempts, next=safe_next(request.args.get("next"))
    )


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(login_rate_limit, methods=["POST"], error_message=TOO_MANY.format("log in"))
def login():
    if current_user.is_authenticated:
        return redirect_onwards()
    form = LoginForm()
    failed = False
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data, current_app.config["PASSWORD_HASH_METHOD"])
        if user is not None:
            user.last_login_at = utcnow()
            db.session.commit()
            login_user(user, remember=form.remember.data)
            flash(f"Welcome back, {user.display_name}.", "success")
            return redirect_onwards()
        failed = True
    return render_template(
        "auth/login.html", form=form, failed=failed, next=safe_next(request.args.get("next"))
    )


@bp.post("/logout")
def logout():
    logout_user()
    flash("You have logged out.", "success")
    return redirect(url_for("main.home"))


@bp.get("/account")
@login_required
def account():
    return account_page(ChangePasswordForm(current_user))


@bp.post("/password")
@login_required
def change_password():
    form = ChangePasswordForm(current_user)
    if form.validate_on_submit():
        user = current_user._get_current_object()
        replace_password(user, form.new_password.data, current_app.config["PASSWORD_HASH_METHOD"])
        db.session.commit()
        # This browser stays logged in under the new session version, and keeps "remember me" if it had it.
        remember_cookie = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
        login_user(user, remember=remember_cookie in request.cookies)
        flash("Your password has been changed. You have been logged out everywhere else.", "success")
        return redirect(url_for("auth.account"))
    return account_page(form)
