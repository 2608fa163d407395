"""Database engine settings that SQLAlchemy leaves to the application."""

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from app.extensions import db


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
