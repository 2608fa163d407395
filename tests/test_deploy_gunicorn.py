"""`gunicorn --config gunicorn.conf.py` (what `make serve` runs): serves the app, with its logs and metrics."""

import gzip
import http.client
import json
import os
import re
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
    """The app under gunicorn with two workers and production settings; yields (port, log file, metrics dir)."""
    port = free_port()
    metrics_dir = tmp_path / "metrics"
    metrics_dir.mkdir()
    (metrics_dir / "counter_1.db").write_bytes(b"left over from an earlier run")
    log_path = tmp_path / "gunicorn.log"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"LOG_FORMAT", "LOG_LEVEL", "GUNICORN_ACCESS_LOG", "TRUSTED_PROXY_COUNT"}
    }
    env.update(
        SOURCED_ENV="production",
        SECRET_KEY="smoke-test-secret",
        DATABASE_URL=database_url,
        METRICS_TOKEN=TOKEN,
        WEB_CONCURRENCY="2",
        BIND=f"127.0.0.1:{port}",
        PROMETHEUS_MULTIPROC_DIR=str(metrics_dir),
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
            yield port, log_path, metrics_dir, process
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=40)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def test_gunicorn_serves_the_app_with_logs_and_metrics_from_every_worker(served):
    port, log_path, metrics_dir, process = served
    assert not (metrics_dir / "counter_1.db").exists()  # the previous run's numbers are gone

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
    assert health_checks_counted(port) - before == 8  # whichever worker answered each, and the scrape

    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=40) == 0
    lines = [json.loads(line) for line in log_path.read_text().splitlines() if line.startswith("{")]
    (first,) = [entry for entry in lines if entry.get("request_id") == "smoke-request-1"]
    assert first["logger"] == "app.requests" and first["path"] == "/healthz" and first["status"] == 200
    assert log_path.read_text().count("Booting worker") >= 2
