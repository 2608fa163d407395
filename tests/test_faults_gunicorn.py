"""A gunicorn worker killed (SIGKILL) mid-request loses nothing committed; the master replaces it and serving
goes on.

gunicorn (2 sync workers) serves the test database on a loopback port while simulated visitors take quizzes
(`benchmarks/students.py`). One worker is killed while it is certainly inside a request — one whose body is
still arriving, found through /proc — and another at a random moment under load. Afterwards every answer a
client saw accepted (a redirect) is in the database exactly once.
"""

from __future__ import annotations

import os
import signal
import socket
import threading
import time
from pathlib import Path

import pytest

from benchmarks.load import check_database
from benchmarks.served import Served, gunicorn_server, wait_until_serving
from benchmarks.students import Student

pytestmark = [
    pytest.mark.faults,
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        not (os.environ.get("TEST_DATABASE_URL") or "").startswith("postgresql"),
        reason="needs PostgreSQL (TEST_DATABASE_URL): gunicorn's workers share the database",
    ),
]

WORKERS = 2
STUDENTS = 3
LONGEST_RUN_SECONDS = 45.0
REPLACED_WITHIN = 20.0


def half_sent_request(port: int) -> socket.socket:
    """A form POST whose body never finishes arriving: the worker that takes it waits inside the request."""
    client = socket.create_connection(("127.0.0.1", port), timeout=30)
    client.sendall(
        b"POST /quiz/start HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nsource=all&len"
    )
    return client


def server_side_inode(server_port: int, client_port: int) -> str | None:
    """The inode of the server's end of the connection from `client_port` ("0" until a worker accepts it)."""
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, remote = (int(address.split(":")[1], 16) for address in fields[1:3])
        if (local, remote) == (server_port, client_port) and fields[9] != "0":
            return fields[9]
    return None


def worker_holding(served: Served, client: socket.socket, timeout: float = 20.0) -> int:
    """The worker process that accepted `client`'s connection."""
    client_port = client.getsockname()[1]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        inode = server_side_inode(served.port, client_port)
        for pid in served.worker_pids() if inode else ():
            for fd in Path(f"/proc/{pid}/fd").iterdir():
                try:
                    if os.readlink(fd) == f"socket:[{inode}]":
                        return pid
                except OSError:
                    continue
        time.sleep(0.05)
    raise AssertionError("no worker took the half-sent request")


def replaced(served: Served, killed: int) -> set[int]:
    """The workers once the master has replaced `killed` (fails after REPLACED_WITHIN seconds)."""
    deadline = time.monotonic() + REPLACED_WITHIN
    while time.monotonic() < deadline:
        workers = served.worker_pids()
        if killed not in workers and len(workers) == WORKERS:
            return workers
        time.sleep(0.1)
    raise AssertionError(f"the master did not replace worker {killed} within {REPLACED_WITHIN:.0f} s")


def connection_dropped(client: socket.socket) -> bool:
    try:
        return client.recv(1024) == b""
    except ConnectionResetError:
        return True
    finally:
        client.close()


def test_a_worker_killed_mid_request_loses_nothing_committed(app, seeded, database_url):
    env = {
        "SOURCED_ENV": "production",
        "SECRET_KEY": "fault-test-secret",
        "DATABASE_URL": database_url,
        "SESSION_COOKIE_SECURE": "0",
    }
    with gunicorn_server("app:create_app()", env, workers=WORKERS, extra=("--timeout", "20")) as served:
        wait_until_serving(served.port, WORKERS)
        students = [Student(served.port, n, with_account=False, double_every=3) for n in range(STUDENTS)]
        stop_at = time.monotonic() + LONGEST_RUN_SECONDS
        threads = [threading.Thread(target=s.run, args=(stop_at,), daemon=True) for s in students]
        for thread in threads:
            thread.start()

        time.sleep(1)
        waiting = half_sent_request(served.port)
        victim = worker_holding(served, waiting)
        os.kill(victim, signal.SIGKILL)
        assert connection_dropped(waiting)  # it died inside that request
        workers = replaced(served, victim)

        time.sleep(1)
        under_load = sorted(workers)[0]
        os.kill(under_load, signal.SIGKILL)
        replaced(served, under_load)
        time.sleep(1)

        for student in students:
            student.stop()
        for thread in threads:
            thread.join(timeout=20)
        assert not any(thread.is_alive() for thread in threads)

        after = Student(served.port, STUDENTS, with_account=False, double_every=0)
        after.stop_at = time.monotonic() + 30
        after.take_quiz()  # serving goes on with the new workers
        assert after.ledger.quizzes_finished == 1 and not after.ledger.errors

    ledgers = [student.ledger for student in students]
    errors = [e for ledger in ledgers for e in ledger.errors if not e.startswith("connection lost")]
    assert errors == []  # no error pages: only connections the kills dropped
    assert sum(len(ledger.answers) for ledger in ledgers) >= 5  # the kills happened under load
    stored = check_database(database_url, [*ledgers, after.ledger])
    assert (stored.answers_missing, stored.answers_duplicated, stored.inconsistent_attempts) == (0, 0, 0)
