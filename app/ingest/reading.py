"""Reading a received article file: plain UTF-8 text, or HTML through trafilatura."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.ingest.errors import IngestError
from app.ingest.metadata import ArticleMeta

HTML_SUFFIXES = {".html", ".htm"}


@dataclass(frozen=True)
class ReceivedText:
    """The file's text exactly as received, the text to clean, and metadata found in the file itself."""

    raw: str
    body: str
    meta: ArticleMeta | None = field(default=None)


def read_received_text(path: Path) -> ReceivedText:
    return receive_bytes(read_bytes(path), path)


def receive_bytes(data: bytes, name: Path | str) -> ReceivedText:
    """The text of a file's bytes (read from disk or uploaded); `name` says what it is in messages."""
    if not data:
        raise IngestError(f"{name} is empty: there is no text to ingest")
    if b"\x00" in data:
        raise IngestError(f"{name} looks like a binary file (it contains NUL bytes), not text")
    raw = decode_utf8(data, name)
    if not raw.strip():
        raise IngestError(f"{name} is empty: there is no text to ingest")
    if Path(str(name)).suffix.lower() in HTML_SUFFIXES:
        return extract_html(raw, name)
    return ReceivedText(raw=raw, body=raw)


def read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise IngestError(f"{path}: no such file")
    if not path.is_file():
        raise IngestError(f"{path} is not a file")
    return path.read_bytes()


def decode_utf8(data: bytes, path: Path | str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        bad = data[error.start]
        raise IngestError(
            f"{path} is not UTF-8 text (byte 0x{bad:02x} at offset {error.start}); convert it to UTF-8 first"
        ) from None
    return text.removeprefix("\ufeff")


def extract_html(html: str, path: Path | str) -> ReceivedText:
    """Main text and metadata of a web page; the page itself stays the raw text."""
    import trafilatura  # imported lazily: it is slow to import and only HTML needs it

    body = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not body or not body.strip():
        raise IngestError(f"{path}: no article text could be extracted from this HTML page")
    found = trafilatura.extract_metadata(html)
    meta = None
    if found is not None and found.title:
        meta = ArticleMeta(
            title=found.title.strip(),
            publisher=found.sitename or None,
            author=found.author or None,
            url=found.url or None,
            published=found.date or None,
        )
    return ReceivedText(raw=html, body=body, meta=meta)
