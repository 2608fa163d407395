"""Static files under content-hashed URLs (`/static/css/app.css?v=<hash>`), cached by browsers for a year.

Every `url_for("static", filename=...)` gets `v=` added, so a deploy that changes a file changes its URL
and no browser keeps the old copy. The hash is computed once per process (again after an edit when
debugging). Pages themselves are revalidated on every visit: they differ per user and carry CSRF tokens.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from flask import Flask, Response, current_app, request
from werkzeug.security import safe_join

from app.url_memo import keeps_links

ONE_YEAR = 365 * 24 * 60 * 60
VERSION_LENGTH = 12  # hex digits of SHA-256: plenty to tell versions of one file apart


class StaticVersions:
    """The content hash of each static file, remembered after the first time it is asked for."""

    def __init__(self, folder: str, follow_edits: bool = False) -> None:
        self.folder = folder
        self.follow_edits = follow_edits
        self._known: dict[str, tuple[int, str]] = {}  # filename -> (mtime in ns, hash)

    def version(self, filename: str) -> str | None:
        """The file's hash, or None when it is not a file in the static folder."""
        known = self._known.get(filename)
        if known is not None and not self.follow_edits:
            return known[1]
        path = safe_join(self.folder, filename)
        if path is None:
            return None
        try:
            status = os.stat(path)
        except OSError:
            return None
        if not stat.S_ISREG(status.st_mode):
            return None
        modified = status.st_mtime_ns
        if known is not None and known[0] == modified:
            return known[1]
        digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()[:VERSION_LENGTH]
        self._known[filename] = (modified, digest)
        return digest


@keeps_links  # a file's version is fixed for the life of the process, except when debugging
def add_static_version(endpoint: str, values: dict) -> None:
    if endpoint != "static" or "v" in values or "filename" not in values:
        return
    version = current_app.extensions["static_versions"].version(values["filename"])
    if version is not None:
        values["v"] = version


def set_cache_headers(response: Response) -> Response:
    if request.endpoint == "static":
        requested = request.args.get("v")
        filename = (request.view_args or {}).get("filename", "")
        current = current_app.extensions["static_versions"].version(filename)
        # Only the current version is immutable: a URL with an old or made-up hash gets today's file,
        # which must not be pinned under that URL for a year.
        if response.status_code in (200, 304) and requested and requested == current:
            response.cache_control.no_cache = None
            response.cache_control.public = True
            response.cache_control.max_age = ONE_YEAR
            response.cache_control.immutable = True
    elif response.mimetype == "text/html" and not has_header(response, "cache-control"):
        # Written directly: `response.cache_control` parses the header into an object and writes it back.
        response.headers.add("Cache-Control", "no-cache, private")
    return response


def has_header(response: Response, lowercase_name: str) -> bool:
    # Not `name in response.headers`, which raises and catches an exception when the header is missing.
    return any(name.lower() == lowercase_name for name, _ in response.headers.items())


def register(app: Flask) -> None:
    app.extensions["static_versions"] = StaticVersions(app.static_folder, follow_edits=app.debug)
    app.url_defaults(add_static_version)
    app.after_request(set_cache_headers)
