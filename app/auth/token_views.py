"""Personal access tokens on the account page: make one (shown once), list them, revoke one."""

from __future__ import annotations

import secrets

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from app.auth import bp
from app.auth.forms import ChangePasswordForm, TokenForm
from app.auth.tokens import Created, TokenError, active_tokens, create_token, revoke_token
from app.extensions import db
from app.models.articles import utcnow


def fresh_token_form() -> TokenForm:
    return TokenForm(formdata=None, nonce=secrets.token_urlsafe(24))


def account_page(
    password_form: ChangePasswordForm,
    token_form: TokenForm | None = None,
    created: Created | None = None,
    status: int = 200,
):
    """The account page: details, password, and the API tokens (a new one shown once, never cached)."""
    response = current_app.make_response(
        (
            render_template(
                "auth/account.html",
                form=password_form,
                token_form=token_form or fresh_token_form(),
                tokens=active_tokens(db.session, current_user.id),
                created=created,
                openapi_url=url_for("api.openapi_document", _external=True),
            ),
            status,
        )
    )
    if created is not None:
        response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/tokens")
@login_required
def create_api_token():
    form = TokenForm()
    if form.validate_on_submit():
        try:
            created = create_token(
                db.session,
                current_user,
                name=form.name.data,
                scope=form.scope.data,
                nonce=form.nonce.data,
                secret_key=current_app.secret_key,
                now=utcnow(),
            )
        except TokenError as error:
            form.name.errors.append(str(error))
            form.nonce.data = secrets.token_urlsafe(24)  # the next submit is a new request
        else:
            db.session.commit()
            return account_page(ChangePasswordForm(current_user), created=created)
    if form.nonce.errors:
        form.nonce.data = secrets.token_urlsafe(24)
    return account_page(ChangePasswordForm(current_user), form, status=400)


@bp.post("/tokens/<int:token_id>/revoke")
@login_required
def revoke_api_token(token_id: int):
    token = revoke_token(db.session, current_user.id, token_id, utcnow())
    if token is None:
        abort(404)
    db.session.commit()
    flash(f"Token “{token.name}” is revoked: anything using it can no longer reach your account.", "success")
    return redirect(url_for("auth.account", _anchor="tokens"))
