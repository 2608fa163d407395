"""Database models, one module per aggregate; import them from here."""

from app.models.articles import Article, EvidenceSpan, Paragraph

__all__ = ["Article", "EvidenceSpan", "Paragraph"]
