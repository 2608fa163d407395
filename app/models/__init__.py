"""Database models, one module per aggregate; import them from here."""

from app.models.articles import Article, EvidenceSpan, Paragraph
from app.models.attempts import Attempt, AttemptItem, Response
from app.models.questions import Question, QuestionRevision, RevisionEvidence, RevisionTag
from app.models.sets import QuestionSet, QuestionSetItem
from app.models.users import User

__all__ = [
    "Article",
    "Attempt",
    "AttemptItem",
    "EvidenceSpan",
    "Paragraph",
    "Question",
    "QuestionRevision",
    "QuestionSet",
    "QuestionSetItem",
    "Response",
    "RevisionEvidence",
    "RevisionTag",
    "User",
]
