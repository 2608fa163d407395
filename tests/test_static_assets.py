"""Static files under content-hashed URLs, cached for a year; pages revalidated on every visit."""

import hashlib
import os
import re
from pathlib import Path

import pytest
from flask import url_for

from app.assets import StaticVersions

STATIC = Path(__file__).resolve().parent.parent / "app" / "static"
IMMUTABLE = "public, max-age=31536000, immutable"


def content_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def test_static_urls_carry_the_files_content_hash(app):
    assert url_for("static", filename="css/app.css") == (
        f"/static/css/app.css?v={content_hash(STATIC / 'css' / 'app.css')}"
    )


def test_every_static_link_on_a_page_is_versioned(client, db):
    html = client.get("/").get_data(as_text=True)
    links = re.findall(r'(?:href|src)="(/static/[^"]+)"', html)
    assert len(links) >= 5
    for link in links:
        path, _, version = link.partition("?v=")
        assert version == content_hash(STATIC / path.removeprefix("/static/")), link


def test_a_missing_file_gets_no_version_and_answers_404(app, client):
    url = url_for("static", filename="css/nothing-here.css")
    assert url == "/static/css/nothing-here.css"
    assert client.get(url).status_code == 404


def fetch(client, url, **kwargs):
    """The response, its file closed (a static file is sent from an open file)."""
    with client.get(url, **kwargs) as response:
        response.get_data()
    return response


def test_the_current_version_is_cached_for_a_year(app, client):
    response = fetch(client, url_for("static", filename="js/review.js"))
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == IMMUTABLE
    assert response.get_data() == (STATIC / "js" / "review.js").read_bytes()


def test_a_revalidation_of_the_current_version_keeps_the_long_cache(app, client):
    url = url_for("static", filename="js/review.js")
    etag = fetch(client, url).headers["ETag"]
    response = fetch(client, url, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.headers["Cache-Control"] == IMMUTABLE


@pytest.mark.parametrize("query", ["", "?v=0123456789ab", "?v="])
def test_unversioned_or_stale_urls_are_revalidated(client, query):
    # An old hash gets today's file, which must not be pinned under the old URL.
    response = fetch(client, "/static/js/review.js" + query)
    assert response.status_code == 200
    assert "immutable" not in response.headers["Cache-Control"]
    assert "no-cache" in response.headers["Cache-Control"]


def test_pages_are_revalidated_and_never_stored_by_shared_caches(client, db):
    response = client.get("/")
    assert response.headers["Cache-Control"] == "no-cache, private"


def test_versions_are_computed_once_per_process(tmp_path):
    asset = tmp_path / "site.css"
    asset.write_text("body { color: black }")
    expected = content_hash(asset)
    versions = StaticVersions(str(tmp_path))
    assert versions.version("site.css") == expected
    asset.write_text("body { color: navy }")
    assert versions.version("site.css") == expected


def test_when_debugging_an_edited_file_gets_a_new_version(tmp_path):
    asset = tmp_path / "site.css"
    asset.write_text("body { color: black }")
    versions = StaticVersions(str(tmp_path), follow_edits=True)
    first = versions.version("site.css")
    asset.write_text("body { color: navy }")
    os.utime(asset, ns=(0, asset.stat().st_mtime_ns + 1_000_000))
    second = versions.version("site.css")
    assert first != second == content_hash(asset)


@pytest.mark.parametrize("filename", ["../secret.txt", "/etc/hostname", "nested", "missing.css"])
def test_only_files_inside_the_folder_have_versions(tmp_path, filename):
    (tmp_path / "static" / "nested").mkdir(parents=True)
    (tmp_path / "secret.txt").write_text("not public")
    assert StaticVersions(str(tmp_path / "static")).version(filename) is None
