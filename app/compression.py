"""Gzip for text responses (pages, CSS, JavaScript, JSON, SVG…) when the client accepts it.

Off with `GZIP_RESPONSES=0` when a reverse proxy compresses instead. Responses that are already encoded,
partial, streamed from a generator or smaller than `GZIP_MIN_BYTES` are left alone.
"""

from __future__ import annotations

import gzip

from flask import Flask, Response, current_app, request

COMPRESSIBLE_TYPES = frozenset(
    {
        "text/html",
        "text/css",
        "text/plain",
        "text/csv",
        "text/xml",
        "text/javascript",
        "application/javascript",
        "application/json",
        "application/xml",
        "image/svg+xml",
    }
)
LEVEL = 6  # zlib's default: most of the saving of 9 at a fraction of the time


def client_accepts_gzip() -> bool:
    return request.accept_encodings["gzip"] > 0


def worth_compressing(response: Response, header_names: set[str]) -> bool:
    if response.status_code < 200 or response.status_code in (204, 206, 304):
        return False
    if "content-encoding" in header_names or "content-range" in header_names:
        return False
    # A file (send_file) is read whole, which is fine for static files; a generator is left to stream.
    return not (response.is_streamed and not response.direct_passthrough)


def compress_response(response: Response) -> Response:
    if not current_app.config["GZIP_RESPONSES"] or response.mimetype not in COMPRESSIBLE_TYPES:
        return response
    # The names present, in one pass: asking werkzeug's headers for a missing name raises and catches an
    # exception each time.
    header_names = {name.lower() for name, _ in response.headers.items()}
    # The body depends on Accept-Encoding for this kind of response, whether or not this one is gzipped.
    if "vary" in header_names:
        response.vary.add("Accept-Encoding")
    else:
        response.headers.add("Vary", "Accept-Encoding")
    if not worth_compressing(response, header_names) or not client_accepts_gzip():
        return response
    response.direct_passthrough = False
    body = response.get_data()
    if len(body) < current_app.config["GZIP_MIN_BYTES"]:
        return response
    response.set_data(gzip.compress(body, compresslevel=LEVEL, mtime=0))
    response.headers["Content-Encoding"] = "gzip"
    etag, _weak = response.get_etag()
    if etag:
        # The gzipped bytes differ from the file's, so the tag becomes weak; conditional requests still
        # match it (If-None-Match compares weakly), as with nginx.
        response.set_etag(etag, weak=True)
    return response


def register(app: Flask) -> None:
    app.after_request(compress_response)
