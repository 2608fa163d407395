"""Database models, one module per aggregate; import them from here."""

from app.models.articles import Article, EvidenceSpan, Paragraph
from app.models.questions import Question, QuestionRevision, RevisionEvidence, RevisionTag

__all__ = [
    "Article",
    "EvidenceSpan",
    "Paragraph",
    "Question",
    "QuestionRevision",
    "RevisionEvidence",
    "RevisionTag",
]
