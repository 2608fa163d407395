"""Serving an app with gunicorn on a loopback port and measuring requests per second against it.

The load generator is one thread multiplexing a few sockets with `selectors`: gunicorn's sync workers close
every connection after one response, so each request is connect, send, read to EOF, close. Costing tens of
microseconds of CPU per request, it leaves both cores to the server — a thread per connection with
`http.client` cost about as much as a bare Flask request and so flattered any slower app it was compared with.
"""

from __future__ import annotations

import errno
import http.client
import itertools
import os
import selectors
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

# Both apps (Sourced and the bare Flask baseline) run under the production gunicorn.conf.py, named rather than
# picked up from the working directory: it is what operators run (worker recycling, the metrics directory, the
# heartbeat in /dev/shm), and whatever it costs one app it costs the other. The flags after it override it
# alike for both: sync workers, their number and quieter logs.
GUNICORN_SETTINGS = ["--config", "gunicorn.conf.py", "--worker-class", "sync", "--log-level", "warning"]
ROOT = Path(__file__).resolve().parent.parent
STOP_SECONDS = 10
CONNECTIONS = 4  # two per worker: one being served while the next waits in the listen queue


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


def request_bytes(port: int, path: str, headers: dict | None = None) -> bytes:
    lines = [f"GET {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def check_status(request: bytes, response: bytes) -> None:
    if response[9:12] != b"200":
        asked = request.split(b"\r\n", 1)[0].decode()
        raise RuntimeError(f"{asked} answered {response[:12].decode() or 'nothing'}")


class LoadGenerator:
    """Keeps `connections` requests in flight, asking for `paths` in turn; counts the 200 responses."""

    def __init__(
        self, port: int, paths: list[str], headers: dict | None = None, connections: int = CONNECTIONS
    ):
        self.address = ("127.0.0.1", port)
        self.requests = itertools.cycle([request_bytes(port, path, headers) for path in paths])
        self.connections = connections

    def wait_until_serving(self, timeout: float = 120.0) -> None:
        """Until one request succeeds: gunicorn listens before its workers have imported the app."""
        request = next(self.requests)
        with socket.create_connection(self.address, timeout=timeout) as sock:
            sock.sendall(request)
            response = b""
            while chunk := sock.recv(65536):
                response += chunk
        check_status(request, response)

    def run(self, seconds: float) -> float:
        """Responses per second over `seconds`; raises on any status other than 200."""
        selector = selectors.DefaultSelector()
        for _ in range(self.connections):
            self.open(selector)
        completed, started = 0, time.perf_counter()
        stop_at = started + seconds
        while time.perf_counter() < stop_at:
            for key, _ in selector.select(timeout=1.0):
                if self.advance(selector, key):
                    completed += 1
        elapsed = time.perf_counter() - started
        for key in list(selector.get_map().values()):
            key.fileobj.close()
        selector.close()
        return completed / elapsed

    def open(self, selector: selectors.BaseSelector) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setblocking(False)
        code = sock.connect_ex(self.address)
        if code not in (0, errno.EINPROGRESS):
            raise OSError(code, os.strerror(code))
        selector.register(sock, selectors.EVENT_WRITE, (next(self.requests), bytearray()))

    def advance(self, selector: selectors.BaseSelector, key: selectors.SelectorKey) -> bool:
        """One step of one connection; True when it completed a response (and was replaced by a new one)."""
        sock, (request, response) = key.fileobj, key.data
        if key.events == selectors.EVENT_WRITE:
            sock.send(request)  # a few hundred bytes: one send fits in any socket buffer
            selector.modify(sock, selectors.EVENT_READ, key.data)
            return False
        chunk = sock.recv(65536)
        if chunk:
            response += chunk
            return False
        selector.unregister(sock)
        sock.close()
        check_status(request, bytes(response))
        self.open(selector)
        return True


def compare(measured: LoadGenerator, baseline: LoadGenerator, *, seconds: float = 2.0, rounds: int = 4):
    """(measured, baseline) requests per second, each the best of `rounds` runs of `seconds`, the two
    alternating so that a busy moment on the machine hits both alike; one run each warms up first."""
    for load in (measured, baseline):
        load.wait_until_serving()
        load.run(seconds)
    best_measured = best_baseline = 0.0
    for _ in range(rounds):
        best_baseline = max(best_baseline, baseline.run(seconds))
        best_measured = max(best_measured, measured.run(seconds))
    return best_measured, best_baseline


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
