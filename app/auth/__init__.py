"""Accounts: sign up, log in, log out, change password; `flask users`."""

from flask import Blueprint

from app.extensions import login_manager

bp = Blueprint("auth", __name__, template_folder="templates")


@login_manager.user_loader
def load_user(session_id: str):
    from app.auth.accounts import user_for_session_id

    return user_for_session_id(session_id)


from app.auth import cli, token_views, views  # noqa: E402,F401  (routes and commands register on bp)
