"""Serving an app with gunicorn on a loopback port and measuring requests per second against it."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

GUNICORN_SETTINGS = ["--worker-class", "sync", "--log-level", "warning"]
ROOT = Path(__file__).resolve().parent.parent
STOP_SECONDS = 10


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class Served:
    port: int
    master: subprocess.Popen

    def worker_pids(self) -> set[int]:
        """The master's children: its workers (Linux /proc)."""
        children = Path(f"/proc/{self.master.pid}/task/{self.master.pid}/children")
        try:
            return {int(pid) for pid in children.read_text().split()}
        except OSError:
            return set()


@contextmanager
def gunicorn_server(target: str, env: dict | None = None, *, workers: int = 2, extra: tuple[str, ...] = ()):
    """`target` (e.g. "app:create_app()") served by gunicorn on 127.0.0.1 with `workers` sync workers;
    always stopped (terminated, killed if it does not stop within STOP_SECONDS)."""
    port = free_port()
    settings = [*GUNICORN_SETTINGS, "--workers", str(workers), *extra, "--bind", f"127.0.0.1:{port}"]
    command = [sys.executable, "-m", "gunicorn", *settings, target]
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **(env or {})})
    try:
        wait_until_listening(port, process)
        yield Served(port, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=STOP_SECONDS)


@contextmanager
def gunicorn(target: str, env: dict | None = None):
    """`target` served with 2 sync workers; yields the port."""
    with gunicorn_server(target, env) as served:
        yield served.port


def wait_until_listening(port: int, process: subprocess.Popen | None = None, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {process.returncode} before listening")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listened on port {port} within {timeout:.0f}s")


def requests_per_second(
    port: int, path: str, *, headers: dict | None = None, seconds: float = 3.0, clients: int = 4
) -> float:
    """Completed 200 responses per second from `clients` threads, each requesting in a loop for `seconds`."""
    counts = [0] * clients
    stop_at = time.monotonic() + seconds

    def client(index: int) -> None:
        while time.monotonic() < stop_at:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", path, headers=headers or {})
            response = connection.getresponse()
            response.read()
            connection.close()
            if response.status != 200:
                raise RuntimeError(f"GET {path} answered {response.status}")
            counts[index] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / (time.monotonic() - started)


def wait_until_serving(port: int, workers: int, timeout: float = 60.0) -> None:
    """Until the workers have booted (imported the app): `workers` health checks at once all answer 200."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with ThreadPoolExecutor(workers) as pool:
            statuses = list(pool.map(health_status, [port] * workers))
        if statuses.count(200) == workers:
            return
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer /healthz within {timeout:.0f} s")


def health_status(port: int) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", "/healthz")
        return connection.getresponse().status
    except (OSError, http.client.HTTPException):
        return 0
    finally:
        connection.close()
