"""Question sets made in the app: create, copy, reorder, share (plain SQLAlchemy; the views commit)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.bank.editing import new_key
from app.models import Question, QuestionSet, QuestionSetArticle, QuestionSetItem, QuestionSetOwner, User


class SetError(Exception):
    """The change cannot be made; the message is for the teacher."""


def set_key_taken(session: Session):
    return lambda key: session.scalar(select(QuestionSet.id).where(QuestionSet.key == key)) is not None


def create_set(
    session: Session, *, title: str, description: str, visibility: str, owner: User, article_ids: list[int]
) -> QuestionSet:
    question_set = QuestionSet(
        key=new_key(title, set_key_taken(session)),
        title=title,
        description=description,
        visibility=visibility,
        owner_id=owner.id,
        source_file=None,
    )
    set_articles(question_set, article_ids)
    session.add(question_set)
    session.flush()
    return question_set


def set_articles(question_set: QuestionSet, article_ids: list[int]) -> None:
    wanted = list(dict.fromkeys(article_ids))
    if [a.article_id for a in question_set.articles] == wanted:
        return
    question_set.articles.clear()
    question_set.articles.extend(
        QuestionSetArticle(article_id=article_id, position=position)
        for position, article_id in enumerate(wanted, 1)
    )


def duplicate_set(session: Session, original: QuestionSet, owner: User) -> QuestionSet:
    """A private copy owned by `owner`: same questions (shared, not copied), same articles, same order."""
    copy = create_set(
        session,
        title=f"Copy of {original.title}"[:200],
        description=original.description,
        visibility="private",
        owner=owner,
        article_ids=[a.article_id for a in original.articles],
    )
    copy.items.extend(
        QuestionSetItem(position=item.position, question_id=item.question_id, added_by_id=owner.id)
        for item in original.items
    )
    session.flush()
    return copy


def append_questions(session: Session, question_set: QuestionSet, questions: list[Question], by: User) -> int:
    """Add the questions the set does not have yet, at its end; how many were added."""
    added = question_set.append_questions(questions, added_by_id=by.id)
    session.flush()
    return added


def move_item(session: Session, question_set: QuestionSet, item_id: int, direction: str) -> None:
    """Swap the item with its neighbour above ("up") or below ("down")."""
    items = list(question_set.items)
    index = next((i for i, item in enumerate(items) if item.id == item_id), None)
    if index is None:
        raise SetError("That question is not in this set.")
    other = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= other < len(items):
        return
    a, b = items[index], items[other]
    a_position, b_position = a.position, b.position
    a.position = -1  # (set, position) is unique: park one while the other moves
    session.flush()
    b.position = a_position
    session.flush()
    a.position = b_position
    session.flush()


def remove_item(session: Session, question_set: QuestionSet, item_id: int) -> Question:
    item = next((item for item in question_set.items if item.id == item_id), None)
    if item is None:
        raise SetError("That question is not in this set.")
    question = item.question
    question_set.items.remove(item)
    session.flush()
    return question


def add_co_owner(session: Session, question_set: QuestionSet, email: str) -> User:
    user = session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None or not user.is_teacher:
        raise SetError(f"There is no teacher account with the email {email}.")
    if user.id in question_set.owner_ids:
        raise SetError(f"{user.display_name} already owns this set.")
    question_set.co_owners.append(QuestionSetOwner(user_id=user.id))
    session.flush()
    return user


def remove_co_owner(session: Session, question_set: QuestionSet, user_id: int) -> None:
    entry = next((c for c in question_set.co_owners if c.user_id == user_id), None)
    if entry is None:
        raise SetError("That teacher is not a co-owner of this set.")
    question_set.co_owners.remove(entry)
    session.flush()
