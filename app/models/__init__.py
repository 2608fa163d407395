"""Database models, one module per aggregate; import them from here."""

from app.models.articles import Article, EvidenceSpan, Paragraph
from app.models.attempts import Attempt, AttemptItem, Response
from app.models.classes import Assignment, ClassMember, SchoolClass
from app.models.disputes import Dispute
from app.models.questions import Question, QuestionRevision, RevisionEvidence, RevisionTag
from app.models.reviews import Deck, ReviewCard, ReviewLog, ReviewSettings
from app.models.sets import QuestionSet, QuestionSetArticle, QuestionSetItem, QuestionSetOwner
from app.models.tokens import ApiToken
from app.models.users import User

__all__ = [
    "ApiToken",
    "Article",
    "Assignment",
    "Attempt",
    "AttemptItem",
    "ClassMember",
    "Deck",
    "Dispute",
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
    "SchoolClass",
    "User",
]
