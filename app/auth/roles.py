"""`roles_required`: views only some roles may open (visitors are sent to log in, others get a 403)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import abort, current_app
from flask_login import current_user

from app.models.users import ROLES


def roles_required(*roles: str) -> Callable:
    """Allow only users whose role is one of `roles`. No role implies another: list "admin" where it applies.

    Visitors are redirected to the login page (with `next`), logged-in users of another role get 403.
    """
    unknown = set(roles) - set(ROLES)
    if not roles or unknown:
        raise ValueError(f"roles_required needs roles from {ROLES}, not {sorted(unknown) or 'none'}")
    allowed = " or ".join(roles)

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def guarded(*args, **kwargs):
            if not current_user.is_authenticated:
                return current_app.login_manager.unauthorized()
            if current_user.role not in roles:
                abort(403, description=f"This page is only for {allowed} accounts.")
            return view(*args, **kwargs)

        return guarded

    return decorator
