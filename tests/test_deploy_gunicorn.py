"""`gunicorn --config gunicorn.conf.py` (what `make serve` runs): serves the app, with its logs and metrics."""

import gzip
import http.client
import json
import os
import re
import runpy
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TOKEN = "smoke-test-metrics-token"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_healthy(port: int, process: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        try:
            if get(port, "/healthz")[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on port {port} within {timeout:.0f}s")


def get(port: int, path: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def health_checks_counted(port: int) -> int:
    status, _, body = get(port, "/metrics", {"Authorization": f"Bearer {TOKEN}"})
    assert status == 200
    counted = re.search(
        r'sourced_http_requests_total\{endpoint="main\.healthz",method="GET",status="200"\} ([\d.]+)',
        body.decode(),
    )
    return int(float(counted.group(1)))


@pytest.fixture
def served(database_url, tmp_path):
    """The app under gunicorn with two workers and production settings; yields (port, log file, process)."""
    port = free_port()
    log_path = tmp_path / "gunicorn.log"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"LOG_FORMAT", "LOG_LEVEL", "GUNICORN_ACCESS_LOG", "PROMETHEUS_MULTIPROC_DIR"}
    }
    env.update(
        SOURCED_ENV="production",
        SECRET_KEY="smoke-test-secret",
        DATABASE_URL=database_url,
        METRICS_TOKEN=TOKEN,
        WEB_CONCURRENCY="2",
        BIND=f"127.0.0.1:{port}",
        TMPDIR=str(tmp_path),  # where the metrics directory is made
    )
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_healthy(port, process)
            yield port, log_path, process
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=40)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def wait_for_log(log_path: Path, text: str, count: int, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while log_path.read_text().count(text) < count:
        if time.monotonic() > deadline:
            raise AssertionError(f"{text!r} not logged {count} times:\n{log_path.read_text()}")
        time.sleep(0.2)


def test_gunicorn_serves_the_app_with_logs_and_metrics_from_every_worker(served, tmp_path):
    port, log_path, process = served
    (metrics_dir,) = tmp_path.glob("sourced-metrics-*")

    status, headers, _ = get(port, "/healthz", {"X-Request-ID": "smoke-request-1"})
    assert status == 200 and headers["X-Request-ID"] == "smoke-request-1"

    status, headers, body = get(port, "/", {"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    page = gzip.decompress(body).decode()
    stylesheet = re.search(r'href="(/static/css/app\.css\?v=[0-9a-f]{12})"', page).group(1)
    status, headers, _ = get(port, stylesheet)
    assert status == 200 and headers["Cache-Control"] == "public, max-age=31536000, immutable"

    assert get(port, "/metrics")[0] == 401
    before = health_checks_counted(port)
    for _ in range(8):
        assert get(port, "/healthz")[0] == 200
    assert health_checks_counted(port) - before == 8  # whichever worker answered each
    assert list(metrics_dir.glob("*.db"))

    # A graceful reload (after an upgrade) replaces the workers and keeps what they counted.
    process.send_signal(signal.SIGHUP)
    wait_for_log(log_path, "Booting worker", 4)
    wait_until_healthy(port, process)
    assert health_checks_counted(port) >= before + 9

    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=40) == 0
    assert not metrics_dir.exists()  # the temporary directory goes with the server
    lines = [json.loads(line) for line in log_path.read_text().splitlines() if line.startswith("{")]
    (first,) = [entry for entry in lines if entry.get("request_id") == "smoke-request-1"]
    assert first["logger"] == "app.requests" and first["path"] == "/healthz" and first["status"] == 200


def test_files_an_earlier_run_left_in_the_metrics_directory_are_removed(monkeypatch, tmp_path):
    settings = runpy.run_path(str(REPO / "gunicorn.conf.py"))
    (tmp_path / "counter_4242.db").write_bytes(b"an earlier run's numbers")
    (tmp_path / "notes.txt").write_text("not ours")
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    monkeypatch.delenv("SOURCED_TEMPORARY_METRICS_DIR", raising=False)
    settings["on_starting"](None)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    settings["on_exit"](None)
    assert tmp_path.exists()  # a directory the operator chose is left in place


def test_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.setenv("GUNICORN_THREADS", "4")
    monkeypatch.setenv("GUNICORN_TIMEOUT", "90")
    monkeypatch.setenv("GUNICORN_MAX_REQUESTS", "500")
    settings = runpy.run_path(str(REPO / "gunicorn.conf.py"))
    assert (settings["workers"], settings["threads"], settings["timeout"]) == (3, 4, 90)
    assert (settings["max_requests"], settings["max_requests_jitter"]) == (500, 50)
    monkeypatch.delenv("WEB_CONCURRENCY")
    settings = runpy.run_path(str(REPO / "gunicorn.conf.py"))
    assert settings["workers"] == 2 * len(os.sched_getaffinity(0)) + 1
    assert settings["wsgi_app"] == "app:create_app()" and settings["preload_app"] is False
