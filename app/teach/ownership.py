"""Who may edit or see which sets and questions, as SQL conditions (one query, however many rows).

- A set is edited by its owner and co-owners (admins: every set made in the app); the bank's sets, defined
  in YAML files, are edited in git, never here.
- A question made in the app is edited by its author, and by the owners and co-owners of any set its
  author put it in (`QuestionSetItem.added_by_id`): putting your question in a shared set shares it, while
  someone copying your public set, or adding your question to theirs, gains nothing. Admins edit every
  question made in the app.
- Teachers see what they may edit, the bank (its files' questions and sets), and public sets with their
  questions — read-only, with "duplicate and edit".
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, exists, or_, select

from app.models import Question, QuestionSet, QuestionSetItem, QuestionSetOwner, User


def is_admin(user: User) -> bool:
    return user.role == "admin"


def set_owned_by(user_id: int) -> ColumnElement[bool]:
    """The user owns or co-owns the set."""
    co_owned = select(QuestionSetOwner.set_id).where(QuestionSetOwner.user_id == user_id)
    return or_(QuestionSet.owner_id == user_id, QuestionSet.id.in_(co_owned))


def editable_sets(user: User) -> ColumnElement[bool]:
    made_here = QuestionSet.source_file.is_(None)
    return made_here if is_admin(user) else and_(made_here, set_owned_by(user.id))


def viewable_sets(user: User) -> ColumnElement[bool]:
    return or_(editable_sets(user), QuestionSet.source_file.is_not(None), QuestionSet.visibility == "public")


def editable_questions(user: User) -> ColumnElement[bool]:
    made_here = Question.source_file.is_(None)
    if is_admin(user):
        return made_here
    shared_by_author = exists(
        select(QuestionSetItem.id)
        .join(QuestionSet, QuestionSet.id == QuestionSetItem.set_id)
        .where(
            QuestionSetItem.question_id == Question.id,
            QuestionSetItem.added_by_id == Question.author_id,
            QuestionSet.source_file.is_(None),
            set_owned_by(user.id),
        )
    )
    return and_(
        made_here, Question.author_id.is_not(None), or_(Question.author_id == user.id, shared_by_author)
    )


def viewable_questions(user: User) -> ColumnElement[bool]:
    in_public_set = Question.id.in_(
        select(QuestionSetItem.question_id)
        .join(QuestionSet, QuestionSet.id == QuestionSetItem.set_id)
        .where(QuestionSet.visibility == "public")
    )
    bank = or_(
        Question.source_file.is_not(None), and_(Question.author_id.is_(None), Question.status == "approved")
    )
    return or_(editable_questions(user), bank, in_public_set)
