"""Helpers for quiz tests: start a quiz and answer its questions through the real pages."""

import re

from sqlalchemy import select

from app.extensions import db
from app.models import Attempt, AttemptItem
from tests.helpers import post_form


def start_quiz(client, source="article:everyone-who-can-leave-will-leave", length="5", mode="practice"):
    response = post_form(client, "/quiz/start", {"source": source, "length": length, "mode": mode})
    assert response.status_code == 302, response.get_data(as_text=True)
    attempt_id = int(re.search(r"/quiz/attempts/(\d+)/1$", response.headers["Location"]).group(1))
    return db.session.get(Attempt, attempt_id)


def item_at(attempt, position) -> AttemptItem:
    return db.session.scalar(
        select(AttemptItem).where(AttemptItem.attempt_id == attempt.id, AttemptItem.position == position)
    )


def right_answer(item: AttemptItem) -> dict:
    """Form data answering `item` correctly."""
    content = item.revision.content
    if item.revision.type == "true_false":
        return {"answer": "True" if content.answer else "False"}
    if item.revision.type == "cloze":
        answers = [content.answer] if isinstance(content.answer, str) else list(content.answer)
        return {f"blanks-{i}": a for i, a in enumerate(answers)}
    if item.revision.type == "numeric":
        return {"answer": f"{content.answer:g}"}
    return {"answer": content.answer}


def wrong_answer(item: AttemptItem) -> dict:
    content = item.revision.content
    if item.revision.type == "true_false":
        return {"answer": "False" if content.answer else "True"}
    if item.revision.type in ("multiple_choice", "who_said"):
        return {"answer": next(c for c in item.choice_order if c != content.answer)}
    if item.revision.type == "cloze":
        return {f"blanks-{i}": "zzzz" for i in range(len(blank_answers(content)))}
    if item.revision.type == "numeric":
        return {"answer": str(content.answer * 3 + 7)}
    return {"answer": "Definitely not this"}


def blank_answers(content):
    return [content.answer] if isinstance(content.answer, str) else list(content.answer)


def answer(client, attempt, position, data):
    return post_form(client, f"/quiz/attempts/{attempt.id}/{position}", data)
