"""Database engine settings that SQLAlchemy leaves to the application."""

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from app.extensions import db

POSTGRES_CONNECT_TIMEOUT_SECONDS = 5


def engine_options(database_uri: str, options: dict) -> dict:
    """`options` (the deployment's, which win) plus what the database needs.

    Pooled connections to a database server are pinged before use, since the server may have dropped them; a
    SQLite file cannot drop one, and pinging it would cost every request a query. PostgreSQL gets a connect
    timeout: with the server unreachable (not refusing, just silent), requests then fail with a 503 within
    seconds instead of hanging until the worker is killed."""
    options = {"pool_pre_ping": not str(database_uri).startswith("sqlite")} | dict(options)
    if str(database_uri).startswith("postgresql"):
        timeout = {"connect_timeout": POSTGRES_CONNECT_TIMEOUT_SECONDS}
        options["connect_args"] = timeout | options.get("connect_args", {})
    return options


def enable_sqlite_foreign_keys(app: Flask) -> None:
    """SQLite ignores foreign keys (and so ON DELETE CASCADE) unless each connection asks for them."""
    with app.app_context():
        engine: Engine = db.engine
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _foreign_keys_on(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


def schema_is_current() -> bool:
    """Whether the database has been migrated to the newest revision in migrations/."""
    from alembic.migration import MigrationContext
    from alembic.script import ScriptDirectory
    from flask import current_app

    config = current_app.extensions["migrate"].migrate.get_config()
    heads = set(ScriptDirectory.from_config(config).get_heads())
    with db.engine.connect() as connection:
        current = set(MigrationContext.configure(connection).get_current_heads())
    return current == heads


def require_current_schema() -> None:
    """Stop a maintainer's command with a clear message rather than a traceback from a missing table."""
    import click

    if not schema_is_current():
        raise click.ClickException("the database is not up to date: run `flask db upgrade` first")


def schema_guard(*exempt: str):
    """A click group callback checking the schema before any of its commands except `exempt` (those that
    work without a database, such as `questions check`)."""
    import click
    from flask.cli import with_appcontext

    @click.pass_context
    @with_appcontext
    def callback(ctx: click.Context) -> None:
        if ctx.invoked_subcommand not in exempt:
            require_current_schema()

    return callback
