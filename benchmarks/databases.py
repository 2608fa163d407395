"""A throwaway database on a PostgreSQL server, for the test suite and the load benchmark alike."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


@contextmanager
def throwaway_database(server_url: str, prefix: str) -> Iterator[str]:
    """A new, empty database `<prefix>_<random>` on the server; yields its URL; dropped afterwards whatever
    happens (WITH (FORCE): connections left open by a crashed run do not keep it alive)."""
    name = f"{prefix}_{secrets.token_hex(6)}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
