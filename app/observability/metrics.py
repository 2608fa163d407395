"""Prometheus metrics: requests by endpoint and status, their latency, the database connection pool.

Under gunicorn each worker is its own process. `gunicorn.conf.py` sets `PROMETHEUS_MULTIPROC_DIR` before
any worker starts, so prometheus_client keeps every worker's numbers in files there and `/metrics` adds
them up, whichever worker answers the scrape. Without it (`flask run`, tests) the numbers are this
process's own.
"""

from __future__ import annotations

import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    generate_latest,
)
from prometheus_client.multiprocess import MultiProcessCollector
from sqlalchemy import event
from sqlalchemy.engine import Engine

MULTIPROCESS_DIR_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})

# A `_created` timestamp beside every series doubles the output and no dashboard here reads it.
disable_created_metrics()

REQUESTS = Counter(
    "sourced_http_requests",
    "HTTP requests answered, by endpoint (the Flask view), method and status.",
    ["endpoint", "method", "status"],
)
LATENCY = Histogram(
    "sourced_http_request_duration_seconds",
    "Time from the request reaching the app to its response being ready, by endpoint.",
    ["endpoint"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
)
# "livesum": the sum over the workers alive now (a dead worker's connections are gone with it).
CONNECTIONS_IN_USE = Gauge(
    "sourced_db_connections_in_use",
    "Database connections checked out of the pool by a request right now.",
    multiprocess_mode="livesum",
)
CONNECTIONS_OPEN = Gauge(
    "sourced_db_connections_open",
    "Database connections open (in use or idle in the pool).",
    multiprocess_mode="livesum",
)


# The counter and histogram series of each (endpoint, method, status) seen, looked up once: `labels()`
# checks and converts its arguments and takes a lock on every call. The keys are bounded, as the labels are.
_series: dict[tuple, tuple] = {}


def record_request(endpoint: str | None, method: str, status: int, seconds: float) -> None:
    # Unmatched URLs share one label, and odd methods another, so clients cannot invent new series.
    key = (endpoint, method if method in KNOWN_METHODS else "other", status)
    series = _series.get(key)
    if series is None:
        label = endpoint or "unmatched"
        series = _series[key] = (REQUESTS.labels(label, key[1], str(status)), LATENCY.labels(label))
    count, latency = series
    count.inc()
    latency.observe(seconds)


def watch_connection_pool(engine: Engine) -> None:
    """Keep the connection gauges in step with the engine's pool."""
    event.listen(engine, "connect", lambda *_: CONNECTIONS_OPEN.inc())
    event.listen(engine, "close", lambda *_: CONNECTIONS_OPEN.dec())
    event.listen(engine, "close_detached", lambda *_: CONNECTIONS_OPEN.dec())
    event.listen(engine, "checkout", lambda *_: CONNECTIONS_IN_USE.inc())
    event.listen(engine, "checkin", lambda *_: CONNECTIONS_IN_USE.dec())


def exposition() -> tuple[bytes, str]:
    """The metrics in Prometheus' text format, and its content type."""
    if os.environ.get(MULTIPROCESS_DIR_VARIABLE):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    return generate_latest(registry), CONTENT_TYPE_LATEST
