"""Ingesting article files from disk, alone or as a folder described by a sources file."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from app.ingest.errors import IngestError
from app.ingest.metadata import ArticleMeta, load_meta_file, load_sources
from app.ingest.reading import read_received_text
from app.ingest.service import IngestResult, ingest_article
from app.ingest.slugs import check_slug, slug_from_title
from app.text.cleaning import clean_article_text

SOURCES_FILE = "sources.yaml"


def ingest_file(
    session: Session,
    path: Path,
    *,
    meta: ArticleMeta | None = None,
    meta_path: Path | None = None,
    slug: str | None = None,
    replace: bool = False,
) -> IngestResult:
    """Ingest one file.

    Metadata: `meta`, else `meta_path`, else a sources.yaml beside the file, else what the text itself says.
    """
    received = read_received_text(path)
    if meta is None and meta_path is not None:
        meta = load_meta_file(meta_path, path)
    if meta is None and (path.parent / SOURCES_FILE).exists():
        meta = load_sources(path.parent / SOURCES_FILE).get(path.name)
    if meta is None:
        meta = received.meta or ArticleMeta(title=first_line(received.body))
    else:
        meta = meta.merged_over(received.meta)
    try:
        slug = check_slug(slug) if slug else slug_from_title(meta.title)
    except ValueError as error:
        raise IngestError(str(error)) from None
    return ingest_article(session, received, meta, slug, replace=replace)


def ingest_folder(session: Session, folder: Path) -> list[IngestResult]:
    """Every article listed in the folder's sources.yaml, in the order listed."""
    sources_path = folder / SOURCES_FILE
    if not sources_path.exists():
        raise IngestError(f"{folder}: no {SOURCES_FILE} describing the articles to ingest")
    sources = load_sources(sources_path)
    return [ingest_file(session, folder / name, meta=meta) for name, meta in sources.items()]


def first_line(text: str) -> str:
    """Without metadata, a news text's first line is its headline."""
    for line in text.splitlines():
        if line.strip():
            return " ".join(line.split())[:500]
    raise IngestError("the text has no title line")


def folder_clean_texts(folder: Path) -> dict[str, str]:
    """Slug → clean text of every article a folder's sources.yaml lists, without touching the database."""
    sources_path = folder / SOURCES_FILE
    if not sources_path.exists():
        return {}
    texts = {}
    for name, meta in load_sources(sources_path).items():
        received = read_received_text(folder / name)
        texts[slug_from_title(meta.title)] = clean_article_text(received.body, title=meta.title).text
    return texts
