"""Remembered links for templates: every page builds the same stylesheet, script and navigation URLs."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, has_request_context, request

LINKS_REMEMBERED = 4096


def remembering_url_for(app: Flask) -> Callable[..., str]:
    """`app.url_for` for templates, keeping the URLs it builds: werkzeug's builder costs a few microseconds
    a link, a dozen times a page, to produce the same text every time.

    A URL is kept only when it depends on nothing but its endpoint, its arguments and the request's script
    root: not outside a request, nor for blueprint-relative endpoints, `_external`, `_scheme`, `_anchor` or
    `_method` links, unhashable arguments, in an app with `url_defaults` callbacks other than those marked
    with `keeps_links`, with routes by host or subdomain, or when debugging (static versions follow edits).
    """
    build = app.url_for
    if app.debug or app.url_map.host_matching or app.subdomain_matching:
        return build
    links: dict[tuple, str] = {}

    def url_for(endpoint: str, **values) -> str:
        if endpoint[:1] == "." or not only_link_keeping_defaults(app) or not has_request_context():
            return build(endpoint, **values)
        key = (request.script_root, endpoint, *values.items())
        try:
            return links[key]
        except KeyError:
            url = build(endpoint, **values)
        except TypeError:  # an unhashable argument
            return build(endpoint, **values)
        if not any(name[:1] == "_" for name in values):
            if len(links) >= LINKS_REMEMBERED:
                links.clear()  # links with ids in them (attempts, articles) would otherwise grow without end
            links[key] = url
        return url

    return url_for


def keeps_links(url_defaults: Callable) -> Callable:
    """Marks a `url_defaults` callback whose additions depend only on the endpoint and the values given (and
    never change while the process runs), so that the links it touches may still be kept."""
    url_defaults.keeps_links = True
    return url_defaults


def only_link_keeping_defaults(app: Flask) -> bool:
    # Looked at on every call: a callback may be registered after the first links were kept.
    for callbacks in app.url_default_functions.values():
        for callback in callbacks:
            if not getattr(callback, "keeps_links", False):
                return False
    return True
