"""The article to generate from: a stored article, or a file read and cleaned exactly as ingestion would."""

from __future__ import annotations

from pathlib import Path

from app.generation.context import SourceArticle
from app.ingest.errors import IngestError
from app.ingest.files import SOURCES_FILE, first_line
from app.ingest.metadata import load_sources
from app.ingest.reading import read_received_text
from app.ingest.slugs import slug_from_title
from app.text.cleaning import clean_article_text


def source_from_article(article) -> SourceArticle:
    return SourceArticle(
        slug=article.slug,
        text=article.clean_text,
        title=article.title,
        publisher=article.publisher,
        published=article.published,
    )


def source_from_file(path: Path) -> SourceArticle:
    """A .txt or .html file as `flask articles ingest` would store it (metadata from a sources.yaml beside
    it, else from the page, else its first line as the title), without storing anything."""
    received = read_received_text(path)
    meta = None
    if (path.parent / SOURCES_FILE).exists():
        meta = load_sources(path.parent / SOURCES_FILE).get(path.name)
        meta = meta.merged_over(received.meta) if meta else None
    meta = meta or received.meta
    title = meta.title if meta else first_line(received.body)
    cleaned = clean_article_text(received.body, title=title)
    if not cleaned.paragraphs:
        raise IngestError(f"{path}: nothing is left after cleaning; is this an article?")
    return SourceArticle(
        slug=slug_from_title(title),
        text=cleaned.text,
        title=title,
        publisher=meta.publisher if meta else None,
        published=meta.published if meta else None,
    )
