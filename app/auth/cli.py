"""`flask users …`: create accounts (students, teachers, admins) and list them."""

from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from app.auth.accounts import email_problem, new_user, password_problem, user_with_email
from app.cli_listing import Column, echo_listing
from app.extensions import db
from app.models.users import ROLES, User, normalise_email

users_cli = AppGroup("users", help="Create and list accounts.")


def read_password(password_stdin: bool, email: str, name: str) -> str:
    """The password from one line of stdin, or typed twice at a hidden prompt until it passes the rules."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        problem = password_problem(password, email, name) if password else "The password on stdin is empty."
        if problem:
            raise click.ClickException(problem)
        return password

    def checked(value: str) -> str:
        problem = password_problem(value, email, name)
        if problem:
            raise click.UsageError(problem)
        return value

    return click.prompt(
        "Password", hide_input=True, confirmation_prompt="Repeat the password", value_proc=checked
    )


@users_cli.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice(ROLES), default="student", show_default=True)
@click.option("--name", help="Display name (default: the part of the email before the @).")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
def create_command(email: str, role: str, name: str | None, password_stdin: bool) -> None:
    """Create an account; the password is prompted for twice (hidden) unless --password-stdin."""
    email = normalise_email(email)
    problem = email_problem(email)
    if problem:
        raise click.BadParameter(problem, param_hint="EMAIL")
    if user_with_email(email) is not None:
        raise click.ClickException(f"a user with email {email} already exists")
    name = (name or email.partition("@")[0]).strip()
    if not name or len(name) > 80:
        raise click.BadParameter("give a name of 1 to 80 characters", param_hint="--name")
    password = read_password(password_stdin, email, name)
    user = new_user(email, name, password, current_app.config["PASSWORD_HASH_METHOD"], role=role)
    db.session.commit()
    click.echo(f"Created {role} {user.email} ({user.display_name}), id {user.id}.")


def user_rows() -> list[dict]:
    users = db.session.scalars(select(User).order_by(User.id))
    return [
        {
            "id": u.id,
            "email": u.email,
            "display_name": u.display_name,
            "role": u.role,
            "created_at": u.created_at.isoformat() if u.created_at else None,
            "last_login_at": u.last_login_at.isoformat() if u.last_login_at else None,
        }
        for u in users
    ]


@users_cli.command("list")
@click.option("--format", "output", type=click.Choice(["table", "json"]), default="table", show_default=True)
def list_command(output: str) -> None:
    """List the accounts, oldest first."""
    rows = user_rows()
    columns = [
        Column("ID", lambda r: r["id"], ">"),
        Column("EMAIL", lambda r: r["email"]),
        Column("ROLE", lambda r: r["role"]),
        Column("CREATED", lambda r: (r["created_at"] or "")[:10]),
        Column("LAST LOGIN", lambda r: (r["last_login_at"] or "never")[:10]),
        Column("NAME", lambda r: r["display_name"]),
    ]
    empty = "No users yet: create one with `flask users create EMAIL`."
    echo_listing(rows, output, columns, empty=empty, footer=f"{len(rows)} user(s).")
