"""Database models, one module per aggregate; import them from here."""

from app.models.articles import Article, EvidenceSpan, Paragraph
from app.models.attempts import Attempt, AttemptItem, Response
from app.models.questions import Question, QuestionRevision, RevisionEvidence, RevisionTag
from app.models.reviews import Deck, ReviewCard, ReviewLog, ReviewSettings
from app.models.sets import QuestionSet, QuestionSetArticle, QuestionSetItem, QuestionSetOwner
from app.models.users import User

__all__ = [
    "Article",
    "Attempt",
    "AttemptItem",
    "Deck",
    "EvidenceSpan",
    "Paragraph",
    "Question",
    "QuestionRevision",
    "QuestionSet",
    "QuestionSetArticle",
    "QuestionSetItem",
    "QuestionSetOwner",
    "Response",
    "ReviewCard",
    "ReviewLog",
    "ReviewSettings",
    "RevisionEvidence",
    "RevisionTag",
    "User",
]
