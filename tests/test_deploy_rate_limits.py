"""With RATELIMIT_STORAGE_URI=redis://…, separate processes (gunicorn workers) count log-in attempts together.

Needs Redis at TEST_REDIS_URL (default 127.0.0.1:6379); skipped without it, except under `make test`
(SOURCED_REQUIRE_REDIS=1), where a missing Redis fails the run.
"""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import redis

from app import create_app
from app.extensions import db as _db

REPO = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
LIMIT = "3 per minute"


def redis_reachable() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        return False


@pytest.fixture
def redis_url():
    if not redis_reachable():
        if os.environ.get("SOURCED_REQUIRE_REDIS"):
            pytest.fail(f"Redis is not reachable at {REDIS_URL}, and SOURCED_REQUIRE_REDIS is set")
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    return REDIS_URL


@pytest.fixture
def client_address():
    """An address no other test (or other run on this machine) counts attempts for."""
    return f"2001:db8::{uuid.uuid4().hex[:4]}:{uuid.uuid4().hex[:4]}"


def login_statuses(database_url: str, storage_uri: str, address: str, attempts: int) -> list[int]:
    """Failed log-ins from `address` through a new app instance; the status of each."""
    app = create_app(
        "testing",
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "RATELIMIT_STORAGE_URI": storage_uri,
            "LOGIN_RATE_LIMIT": LIMIT,
            "WTF_CSRF_ENABLED": False,
        },
    )
    client = app.test_client()
    data = {"email": "nobody@example.org", "password": "wrong password here"}
    try:
        return [
            client.post("/auth/login", data=data, environ_base={"REMOTE_ADDR": address}).status_code
            for _ in range(int(attempts))
        ]
    finally:
        with app.app_context():
            _db.engine.dispose()


def login_statuses_in_another_process(*args) -> list[int]:
    script = (
        "import json, sys\n"
        "from tests.test_deploy_rate_limits import login_statuses\n"
        "print(json.dumps(login_statuses(*sys.argv[1:])))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, *map(str, args)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_two_processes_share_the_limit_through_redis(database_url, redis_url, client_address):
    first = login_statuses_in_another_process(database_url, redis_url, client_address, 3)
    assert first == [200, 200, 200]
    # The control: counted in this process's memory, the other process's attempts are not seen…
    assert login_statuses(database_url, "memory://", client_address, 1) == [200]
    # …counted in Redis, they are.
    assert login_statuses(database_url, redis_url, client_address, 1) == [429]
