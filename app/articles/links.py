"""Links into the reader: every feature that cites a span links to it through `reader_url`."""

from collections.abc import Iterable

from flask import url_for

from app.text.spans import Span


def reader_url(slug: str, spans: Span | Iterable[Span] | None = None, *, external: bool = False) -> str:
    """The reader page for `slug`, highlighting and scrolling to `spans` when given."""
    if spans is None:
        return url_for("articles.read", slug=slug, _external=external)
    if isinstance(spans, Span):
        spans = [spans]
    value = ",".join(str(span) for span in spans)
    return url_for("articles.read", slug=slug, hl=value, _anchor="hl", _external=external)
