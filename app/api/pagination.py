"""Pages of a list: `?page` and `?per_page` (at most 100), the envelope, and the `Link` header."""

from __future__ import annotations

import math
from dataclasses import dataclass

from flask import jsonify, request, url_for

from app.api.openapi import INTEGER, OPERATIONS, URL, array, nullable, obj

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
MAX_PAGE = 100_000
PAGE_QUERY = {
    "page": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
    "per_page": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": DEFAULT_PER_PAGE},
}
LINK_HEADER = {
    "Link": {
        "description": 'RFC 8288 links to the first, prev, next and last pages: `<…?page=2>; rel="next"`',
        "schema": {"type": "string"},
    }
}


def page_schema(item: dict) -> dict:
    return obj(
        {
            "items": array(item),
            "page": INTEGER,
            "per_page": INTEGER,
            "total": {"type": "integer", "description": "items in all pages"},
            "pages": INTEGER,
            "next": nullable({**URL, "description": "the next page, or null on the last one"}),
            "prev": nullable(URL),
        }
    )


@dataclass(frozen=True)
class Page:
    page: int
    per_page: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


def page_url(page: int, per_page: int) -> str:
    """This list's address for another page, keeping the declared filters (`?article=…`) as they were."""
    declared = OPERATIONS[request.endpoint].query
    kept = {k: v for k, v in request.args.items() if k in declared and k not in ("page", "per_page")}
    args = {**(request.view_args or {}), "page": page, "per_page": per_page, **kept}
    return url_for(request.endpoint, _external=True, **args)


def page_response(items: list, total: int, page: Page):
    """The page's envelope, with `Link` to the first, previous, next and last pages."""
    pages = max(1, math.ceil(total / page.per_page))
    links = {"first": 1, "last": pages}
    if page.page > 1:
        links["prev"] = min(page.page - 1, pages)
    if page.page < pages:
        links["next"] = page.page + 1
    urls = {rel: page_url(number, page.per_page) for rel, number in links.items()}
    response = jsonify(
        {
            "items": items,
            "page": page.page,
            "per_page": page.per_page,
            "total": total,
            "pages": pages,
            "next": urls.get("next"),
            "prev": urls.get("prev"),
        }
    )
    response.headers["Link"] = ", ".join(f'<{url}>; rel="{rel}"' for rel, url in urls.items())
    return response
