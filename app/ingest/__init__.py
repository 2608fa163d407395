"""Ingesting articles: reading received files, their metadata, and storing clean text by offsets."""

from app.ingest.errors import IngestError

__all__ = ["IngestError"]
