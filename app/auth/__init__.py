"""Accounts: sign up, log in, log out, change password; `flask users`."""

from flask import Blueprint

from app.extensions import db, login_manager

bp = Blueprint("auth", __name__, template_folder="templates")


@login_manager.user_loader
def load_user(user_id: str):
    from app.models import User

    return db.session.get(User, int(user_id)) if user_id.isdigit() else None


from app.auth import cli, token_views, views  # noqa: E402,F401  (routes and commands register on bp)
