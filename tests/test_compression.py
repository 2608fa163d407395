"""Gzip for text responses when the client accepts it: headers, content, Vary, no double compression."""

import gzip
from pathlib import Path

import pytest
from flask import Response, jsonify, stream_with_context, url_for

STATIC = Path(__file__).resolve().parent.parent / "app" / "static"
GZIP = {"Accept-Encoding": "gzip, deflate, br"}
BIG_TEXT = "Every answer cites the sentence it comes from. " * 100


@pytest.fixture
def routes(app):
    """Pages of each kind the compressor must tell apart."""
    app.add_url_rule("/t/json", "t_json", lambda: jsonify(words=BIG_TEXT.split()))
    app.add_url_rule("/t/small", "t_small", lambda: Response("tiny", mimetype="text/html"))
    app.add_url_rule("/t/zip", "t_zip", lambda: Response(BIG_TEXT.encode(), mimetype="application/zip"))
    app.add_url_rule(
        "/t/encoded",
        "t_encoded",
        lambda: Response(
            gzip.compress(BIG_TEXT.encode()), mimetype="text/plain", headers={"Content-Encoding": "gzip"}
        ),
    )
    app.add_url_rule(
        "/t/stream",
        "t_stream",
        lambda: Response(stream_with_context(iter([BIG_TEXT, BIG_TEXT])), mimetype="text/csv"),
    )
    return app


def fetch(client, url, **kwargs):
    with client.get(url, **kwargs) as response:
        response.get_data()
    return response


def test_pages_are_gzipped_for_clients_that_accept_it(client, db):
    response = client.get("/", headers=GZIP)
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response.headers["Vary"]
    assert int(response.headers["Content-Length"]) == len(response.get_data())
    page = gzip.decompress(response.get_data()).decode()
    assert page.startswith("<!doctype html>") and page.rstrip().endswith("</html>")


def test_static_files_decode_to_the_file(app, client):
    css = STATIC / "css" / "app.css"
    response = fetch(client, url_for("static", filename="css/app.css"), headers=GZIP)
    assert response.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.get_data()) == css.read_bytes()
    assert len(response.get_data()) < css.stat().st_size / 2


def test_a_gzipped_file_has_a_weak_etag_that_still_revalidates(app, client):
    url = url_for("static", filename="css/app.css")
    etag = fetch(client, url, headers=GZIP).headers["ETag"]
    assert etag.startswith('W/"')
    assert fetch(client, url, headers={**GZIP, "If-None-Match": etag}).status_code == 304


def test_json_is_gzipped(routes, client):
    response = client.get("/t/json", headers=GZIP)
    assert response.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.get_data()).startswith(b'{"words":')


@pytest.mark.parametrize("accept", [None, "identity", "gzip;q=0", "br"])
def test_clients_that_do_not_accept_gzip_get_plain_bytes_and_vary(client, db, accept):
    headers = {"Accept-Encoding": accept} if accept else {}
    response = client.get("/", headers=headers)
    assert "Content-Encoding" not in response.headers
    assert "Accept-Encoding" in response.headers["Vary"]
    assert response.get_data(as_text=True).startswith("<!doctype html>")


def test_small_responses_are_sent_as_they_are(routes, client):
    response = client.get("/t/small", headers=GZIP)
    assert "Content-Encoding" not in response.headers
    assert response.get_data() == b"tiny"


def test_binary_types_are_neither_compressed_nor_varied(routes, client):
    response = client.get("/t/zip", headers=GZIP)
    assert "Content-Encoding" not in response.headers
    assert "Accept-Encoding" not in response.headers.get("Vary", "")
    assert response.get_data() == BIG_TEXT.encode()


def test_an_encoded_response_is_not_compressed_twice(routes, client):
    response = client.get("/t/encoded", headers=GZIP)
    assert response.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.get_data()) == BIG_TEXT.encode()


def test_a_streamed_response_keeps_streaming(routes, client):
    response = client.get("/t/stream", headers=GZIP)
    assert "Content-Encoding" not in response.headers
    assert response.get_data(as_text=True) == BIG_TEXT * 2


def test_turned_off_when_the_proxy_compresses(app, client, db):
    app.config["GZIP_RESPONSES"] = False
    response = client.get("/", headers=GZIP)
    assert "Content-Encoding" not in response.headers
    assert "Accept-Encoding" not in response.headers.get("Vary", "")


def test_gzip_responses_setting_from_environment(monkeypatch, tmp_path):
    from app import create_app

    monkeypatch.setenv("GZIP_RESPONSES", "0")
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": "sqlite://"}, instance_path=str(tmp_path))
    assert app.config["GZIP_RESPONSES"] is False
