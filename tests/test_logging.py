"""Structured logs: one line per request with its id, errors carrying that id, JSON or text, levels."""

import json
import logging
import re

import pytest

from app import create_app
from app.observability.logs import JsonFormatter, TextFormatter

GENERATED_ID = re.compile(r"[0-9a-f]{32}")


def request_records(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "app.requests"]


@pytest.fixture
def failing_route(app):
    app.config["PROPAGATE_EXCEPTIONS"] = False  # answer 500 as in production instead of raising in the test

    def explode():
        raise RuntimeError("the database fell over")

    app.add_url_rule("/explode", "explode", explode)
    return "/explode"


def test_one_line_per_request_with_its_fields(client, db, caplog):
    with caplog.at_level(logging.INFO):
        response = client.get("/articles/?token=s3cret")
    (record,) = request_records(caplog)
    fields = record.fields
    assert fields["method"] == "GET"
    assert fields["path"] == "/articles/"
    assert fields["endpoint"] == "articles.index"
    assert fields["status"] == 200
    assert isinstance(fields["latency_ms"], float) and fields["latency_ms"] >= 0
    assert fields["user_id"] is None
    assert fields["remote_addr"] == "127.0.0.1"
    assert record.request_id == response.headers["X-Request-ID"]
    assert GENERATED_ID.fullmatch(record.request_id)


def test_the_logged_in_users_id_is_logged(student_client, student, caplog):
    with caplog.at_level(logging.INFO):
        student_client.get("/auth/account")
    (record,) = request_records(caplog)
    assert record.fields["user_id"] == student.id


def test_unknown_urls_are_logged_without_an_endpoint(client, caplog):
    with caplog.at_level(logging.INFO):
        client.get("/no/such/page")
    (record,) = request_records(caplog)
    assert record.fields["status"] == 404 and record.fields["endpoint"] is None


def test_a_sane_incoming_request_id_is_kept(client, caplog):
    incoming = "3b1f0c7e-5d2a-4c11-9a53-0f6e1f2b7c44"
    with caplog.at_level(logging.INFO):
        response = client.get("/healthz", headers={"X-Request-ID": incoming})
    assert response.headers["X-Request-ID"] == incoming
    assert request_records(caplog)[0].request_id == incoming


@pytest.mark.parametrize(
    "incoming", ["", "x" * 129, "two words", "id\tforged\x7f", "<script>", "-leading-dash"]
)
def test_other_incoming_request_ids_are_replaced(client, incoming):
    response = client.get("/healthz", headers={"X-Request-ID": incoming})
    assert GENERATED_ID.fullmatch(response.headers["X-Request-ID"])


def test_refused_requests_are_logged_too(client, caplog):
    with caplog.at_level(logging.INFO):
        response = client.post("/auth/logout")  # no CSRF token: refused before the view
    assert response.status_code == 400
    (record,) = request_records(caplog)
    assert record.fields["status"] == 400 and record.request_id == response.headers["X-Request-ID"]


def test_errors_are_logged_with_the_request_id(client, failing_route, caplog):
    with caplog.at_level(logging.INFO):
        response = client.get(failing_route)
    assert response.status_code == 500
    request_id = response.headers["X-Request-ID"]
    (error,) = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert error.request_id == request_id
    assert "the database fell over" in JsonFormatter().format(error)
    (line,) = request_records(caplog)
    assert line.fields["status"] == 500 and line.request_id == request_id


def test_json_lines_reach_stderr_without_query_strings(client, db, capsys):
    client.get("/articles/?token=s3cret")
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines() if line.startswith("{")]
    entry = next(e for e in lines if e["logger"] == "app.requests")
    assert entry["path"] == "/articles/" and entry["status"] == 200 and entry["level"] == "INFO"
    assert set(entry) >= {"time", "message", "request_id", "endpoint", "latency_ms", "user_id", "remote_addr"}
    assert "s3cret" not in json.dumps(lines)


def test_json_formatter_includes_the_traceback(failing_route, client, caplog):
    client.get(failing_route)
    (error,) = [r for r in caplog.records if r.levelno == logging.ERROR]
    entry = json.loads(JsonFormatter().format(error))
    assert entry["level"] == "ERROR" and "RuntimeError: the database fell over" in entry["exception"]


def test_text_formatter_is_one_readable_line(client, caplog):
    with caplog.at_level(logging.INFO):
        client.get("/healthz")
    line = TextFormatter().format(request_records(caplog)[0])
    assert re.fullmatch(
        r"\d\d:\d\d:\d\d INFO   app\.requests \[[0-9a-f]{8}\] GET /healthz 200 [\d.]+ ms", line
    )


@pytest.fixture
def restore_logging():
    """These tests reconfigure the process's root logger; put it back as it was."""
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def make(tmp_path, name="testing"):
    return create_app(name, {"SQLALCHEMY_DATABASE_URI": "sqlite://"}, instance_path=str(tmp_path))


def our_handler():
    return next(h for h in logging.getLogger().handlers if h.get_name() == "sourced")


def test_development_logs_text_and_production_json(monkeypatch, tmp_path, restore_logging):
    monkeypatch.delenv("LOG_FORMAT", raising=False)
    monkeypatch.setenv("SECRET_KEY", "s3cret")
    make(tmp_path, "development")
    assert isinstance(our_handler().formatter, TextFormatter)
    make(tmp_path, "production")
    assert isinstance(our_handler().formatter, JsonFormatter)
    monkeypatch.setenv("LOG_FORMAT", "text")
    make(tmp_path, "production")
    assert isinstance(our_handler().formatter, TextFormatter)
    assert sum(h.get_name() == "sourced" for h in logging.getLogger().handlers) == 1


def test_log_level_from_environment(monkeypatch, tmp_path, restore_logging):
    monkeypatch.setenv("LOG_LEVEL", "WARNING")
    app = make(tmp_path)
    assert app.logger.getEffectiveLevel() == logging.WARNING
    assert not logging.getLogger("app.requests").isEnabledFor(logging.INFO)
    monkeypatch.setenv("LOG_LEVEL", "loud")
    with pytest.raises(RuntimeError, match="LOG_LEVEL must be one of debug, info"):
        make(tmp_path)


def test_libraries_info_is_left_out_but_their_warnings_are_kept(app, capsys):
    logging.getLogger("alembic.runtime.migration").setLevel(logging.INFO)
    logging.getLogger("alembic.runtime.migration").info("Context impl SQLiteImpl.")
    logging.getLogger("sqlalchemy.pool").warning("connection pool exhausted")
    logging.getLogger("app.requests").info("GET / 200")
    err = capsys.readouterr().err
    assert "Context impl" not in err
    assert "connection pool exhausted" in err and "GET / 200" in err


def test_the_development_servers_access_lines_give_way_to_the_apps(app, capsys):
    werkzeug = logging.getLogger("werkzeug")
    werkzeug.setLevel(logging.INFO)
    werkzeug.info(" * Running on http://127.0.0.1:5000")
    werkzeug.info('127.0.0.1 - - [25/Nov/2026 20:19:55] "%s" %s %s', "GET / HTTP/1.1", "200", "-")
    err = capsys.readouterr().err
    assert "Running on" in err and "GET / HTTP/1.1" not in err
