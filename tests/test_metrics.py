"""`/metrics`: Prometheus text format, who may read it, and numbers added up over worker processes."""

import json
import os
import subprocess
import sys
from pathlib import Path

from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import create_engine, text

from app import create_app
from app.observability.metrics import watch_connection_pool

REPO = Path(__file__).resolve().parent.parent
TOKEN = "a-long-random-metrics-token"


def scrape(client, **kwargs) -> dict:
    """The families in a /metrics answer, by name."""
    response = client.get("/metrics", **kwargs)
    assert response.status_code == 200, response.get_data(as_text=True)
    return {f.name: f for f in text_string_to_metric_families(response.get_data(as_text=True))}


def sample(families: dict, name: str, suffix: str = "", **labels) -> float:
    for family_sample in families[name].samples:
        if family_sample.name == name + suffix and labels.items() <= family_sample.labels.items():
            return family_sample.value
    return 0.0


def test_metrics_are_in_prometheus_text_format(client):
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/plain; version=")
    assert response.headers["Cache-Control"] == "no-store"
    body = response.get_data(as_text=True)
    assert "# TYPE sourced_http_requests_total counter" in body
    assert "# TYPE sourced_http_request_duration_seconds histogram" in body
    assert "# TYPE sourced_db_connections_in_use gauge" in body


def test_requests_are_counted_by_endpoint_method_and_status(client):
    before = scrape(client)
    client.get("/healthz")
    client.get("/healthz")
    client.get("/no/such/page")
    after = scrape(client)

    def count(families, **labels):
        return sample(families, "sourced_http_requests", "_total", **labels)

    healthz = {"endpoint": "main.healthz", "method": "GET", "status": "200"}
    assert count(after, **healthz) - count(before, **healthz) == 2
    unmatched = {"endpoint": "unmatched", "method": "GET", "status": "404"}
    assert count(after, **unmatched) - count(before, **unmatched) == 1


def test_latency_is_a_histogram_per_endpoint(client):
    before = scrape(client)
    client.get("/healthz")
    after = scrape(client)
    name = "sourced_http_request_duration_seconds"
    buckets = [
        s
        for s in after[name].samples
        if s.name == name + "_bucket" and s.labels["endpoint"] == "main.healthz"
    ]
    bounds = [s.labels["le"] for s in buckets]
    assert bounds[0] == "0.005" and bounds[-1] == "+Inf" and len(bounds) == 13
    assert [s.value for s in buckets] == sorted(s.value for s in buckets)  # cumulative
    assert (
        sample(after, name, "_count", endpoint="main.healthz")
        - sample(before, name, "_count", endpoint="main.healthz")
        == 1
    )
    assert sample(after, name, "_sum", endpoint="main.healthz") > 0


def gauges() -> tuple[float, float]:
    return (
        REGISTRY.get_sample_value("sourced_db_connections_in_use"),
        REGISTRY.get_sample_value("sourced_db_connections_open"),
    )


def test_connection_gauges_follow_the_pool(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'pool.db'}")
    watch_connection_pool(engine)
    in_use, open_ = gauges()
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
        assert gauges() == (in_use + 1, open_ + 1)
    assert gauges() == (in_use, open_ + 1)  # back in the pool, still open
    engine.dispose()
    assert gauges() == (in_use, open_)


# Who may read them


def test_with_a_token_only_its_bearer_reads_the_metrics(app, client):
    app.config["METRICS_TOKEN"] = TOKEN
    refused = client.get("/metrics")
    assert refused.status_code == 401
    assert refused.headers["WWW-Authenticate"] == 'Bearer realm="metrics"'
    for header in (f"Bearer {TOKEN}x", f"Basic {TOKEN}", "Bearer", TOKEN):
        assert client.get("/metrics", headers={"Authorization": header}).status_code == 401, header
    assert client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    assert client.get("/metrics", headers={"Authorization": f"bearer  {TOKEN}"}).status_code == 200


def test_with_a_token_other_machines_may_read_them(app, client):
    app.config["METRICS_TOKEN"] = TOKEN
    headers = {"Authorization": f"Bearer {TOKEN}"}
    response = client.get("/metrics", headers=headers, environ_base={"REMOTE_ADDR": "203.0.113.5"})
    assert response.status_code == 200


def test_without_a_token_development_serves_this_machine_only(client):
    assert client.get("/metrics", environ_base={"REMOTE_ADDR": "::1"}).status_code == 200
    refused = client.get("/metrics", environ_base={"REMOTE_ADDR": "203.0.113.5"})
    assert refused.status_code == 403
    assert "METRICS_TOKEN" in refused.get_data(as_text=True)


def production_app(monkeypatch, tmp_path, token=None):
    monkeypatch.setenv("SECRET_KEY", "s3cret")
    if token:
        monkeypatch.setenv("METRICS_TOKEN", token)
    else:
        monkeypatch.delenv("METRICS_TOKEN", raising=False)
    return create_app("production", {"SQLALCHEMY_DATABASE_URI": "sqlite://"}, instance_path=str(tmp_path))


def test_production_without_a_token_has_no_metrics(monkeypatch, tmp_path):
    client = production_app(monkeypatch, tmp_path).test_client()
    assert client.get("/metrics").status_code == 404


def test_production_reads_the_token_from_the_environment(monkeypatch, tmp_path):
    client = production_app(monkeypatch, tmp_path, token=TOKEN).test_client()
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200


# Several worker processes

WORKER = """
import json, sys
from app import create_app
app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": sys.argv[1]})
client = app.test_client()
for _ in range(int(sys.argv[2])):
    assert client.get("/healthz").status_code == 200
print(json.dumps(client.get("/metrics").get_data(as_text=True)))
"""


def run_worker(multiprocess_dir: Path, database_url: str, requests: int) -> str:
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(multiprocess_dir)}
    done = subprocess.run(
        [sys.executable, "-c", WORKER, database_url, str(requests)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_workers_counts_are_added_up_whichever_worker_is_scraped(tmp_path, database_url):
    shared = tmp_path / "metrics"
    shared.mkdir()
    run_worker(shared, database_url, 3)
    body = run_worker(shared, database_url, 2)  # another process, as another gunicorn worker would be
    families = {f.name: f for f in text_string_to_metric_families(body)}
    labels = {"endpoint": "main.healthz", "method": "GET", "status": "200"}
    assert sample(families, "sourced_http_requests", "_total", **labels) == 5
    assert sample(families, "sourced_http_request_duration_seconds", "_count", endpoint="main.healthz") == 5
    assert len(list(shared.glob("*.db"))) >= 2


def test_odd_methods_share_one_series_however_many_are_invented(client):
    from app.observability import metrics

    before = scrape(client)
    for method in ("BREW", "WHEN", "PROPFIND"):
        client.open("/healthz", method=method)
    after = scrape(client)
    other = {"endpoint": "unmatched", "method": "other", "status": "405"}  # no view takes these methods
    counted = sample(after, "sourced_http_requests", "_total", **other)
    assert counted - sample(before, "sourced_http_requests", "_total", **other) == 3
    assert not any(key[1] in ("BREW", "WHEN", "PROPFIND") for key in metrics._series)
