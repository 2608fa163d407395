"""Article metadata (title, publisher, author, links, partial date) read from YAML, with line numbers."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from datetime import date
from pathlib import Path

from app.ingest.errors import IngestError
from app.yaml_lines import LineMap, YamlFileError, load_yaml_with_lines

FIELDS = ("title", "publisher", "author", "author_url", "url", "published")
PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
WEB_ADDRESS = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


@dataclass(frozen=True)
class ArticleMeta:
    title: str
    publisher: str | None = None
    author: str | None = None
    author_url: str | None = None
    url: str | None = None
    published: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)

    def merged_over(self, fallback: ArticleMeta | None) -> ArticleMeta:
        """These values, with gaps filled from `fallback` (e.g. what trafilatura found in the page)."""
        if fallback is None:
            return self
        return replace(
            self, **{k: v for k, v in fallback.as_dict().items() if getattr(self, k) in (None, "")}
        )


def normalise_partial_date(value: object) -> str | None:
    """ "2020", "2020-09" or "2020-09-14" (YAML may hand us an int or a date); raises ValueError otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    match = PARTIAL_DATE.match(text[:10] if len(text) > 10 and text[10] in "T " else text)
    if not match:
        raise ValueError(f"published must be YYYY, YYYY-MM or YYYY-MM-DD, not {text!r}")
    year, month, day = (int(part) if part else None for part in match.groups())
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"published has no month {month:02d}: {text!r}")
    if day is not None:
        try:
            date(year, month, day)
        except ValueError:
            raise ValueError(f"published is not a real date: {text!r}") from None
    return match.group(0)


def meta_from_mapping(values: dict, lines: LineMap, at: tuple, where: str) -> ArticleMeta:
    """Validate one article's metadata mapping (found at `at` in the file); errors name the file and line."""
    for key in values:
        if key not in FIELDS:
            raise IngestError(
                f"{where}:{lines.of(*at, key)}: unknown field {key!r} (expected {', '.join(FIELDS)})"
            )
    cleaned = {}
    for key in FIELDS:
        value = values.get(key)
        line = lines.of(*at, key)
        if key == "published":
            try:
                cleaned[key] = normalise_partial_date(value)
            except ValueError as error:
                raise IngestError(f"{where}:{line}: {error}") from None
            continue
        if value is not None and not isinstance(value, str):
            raise IngestError(f"{where}:{line}: {key} must be text, not {type(value).__name__}")
        value = value.strip() if value else None
        if value and key in {"url", "author_url"} and not WEB_ADDRESS.match(value):
            raise IngestError(f"{where}:{line}: {key} must be an http(s) address, not {value!r}")
        cleaned[key] = value or None
    if not cleaned["title"]:
        raise IngestError(f"{where}:{lines.of(*at)}: title is required")
    return ArticleMeta(**cleaned)


def read_yaml(path: Path) -> tuple[object, LineMap]:
    try:
        return load_yaml_with_lines(path)
    except YamlFileError as error:
        raise IngestError(str(error)) from None


def load_sources(path: Path) -> dict[str, ArticleMeta]:
    """A sources file: a mapping from article file name to that article's metadata."""
    data, lines = read_yaml(path)
    if not isinstance(data, dict) or not data:
        raise IngestError(f"{path}: expected a mapping of article file names to their metadata")
    sources = {}
    for name, values in data.items():
        if not isinstance(values, dict):
            raise IngestError(f"{path}:{lines.of(name)}: metadata for {name!r} must be a mapping")
        sources[str(name)] = meta_from_mapping(values, lines, (name,), str(path))
    return sources


def load_meta_file(path: Path, article_file: Path) -> ArticleMeta:
    """`--meta FILE`: one article's metadata, or a sources file with an entry for `article_file`."""
    data, lines = read_yaml(path)
    if not isinstance(data, dict):
        raise IngestError(f"{path}: expected a mapping with at least a title")
    if "title" in data:
        return meta_from_mapping(data, lines, (), str(path))
    if article_file.name in data:
        return load_sources(path)[article_file.name]
    raise IngestError(f"{path}: no title, and no entry for {article_file.name!r}")
