"""The question page's fast path: one query, cached wording and inputs that never show someone else's state."""

import re

from markupsafe import escape
from sqlalchemy import update

from app.models import AttemptItem, QuestionRevision
from tests.helpers import login, post_form
from tests.queries import count_queries
from tests.quiz_helpers import item_at, start_quiz

CHOICE_TYPES = ("multiple_choice", "who_said")


def position_of(attempt, types) -> int:
    return next(i.position for i in attempt.items if i.revision.type in types)


def shown_choices(html: str) -> list[str]:
    return re.findall(r'<input type="radio"[^>]* value="([^"]*)"', html)


def test_a_visitors_question_page_runs_one_query_once_its_wording_is_known(client, seeded, db):
    attempt = start_quiz(client, source="all", length="10")
    url = f"/quiz/attempts/{attempt.id}/1"
    with count_queries() as first:
        assert client.get(url).status_code == 200
    with count_queries() as again:
        assert client.get(url).status_code == 200
    assert len(first) == 2, "\n---\n".join(first)  # the page, and the revision's wording
    assert len(again) == 1, "\n---\n".join(again)


def test_a_signed_in_question_page_adds_only_loading_the_user(client, seeded, db, student):
    login(client, student)
    attempt = start_quiz(client, source="all", length="10")
    url = f"/quiz/attempts/{attempt.id}/1"
    client.get(url)
    db.session.expire_all()
    with count_queries() as page:
        html = client.get(url).get_data(as_text=True)
    assert "Sam Student" in html
    assert len(page) == 2, "\n---\n".join(page)


def test_new_wording_under_a_reused_revision_id_is_shown(client, seeded, db):
    """SQLite gives a deleted newest row's id to the next row: the cache key holds the content hash too."""
    attempt = start_quiz(client, source="all", length="all")
    item = item_at(attempt, position_of(attempt, CHOICE_TYPES))
    url = f"/quiz/attempts/{attempt.id}/{item.position}"
    assert escape(item.revision.prompt) in client.get(url).get_data(as_text=True)
    db.session.execute(
        update(QuestionRevision)
        .where(QuestionRevision.id == item.revision_id)
        .values(prompt="A wholly new wording?", content_hash="f" * 64)
    )
    db.session.commit()
    assert "A wholly new wording?" in client.get(url).get_data(as_text=True)


def test_each_attempt_shows_its_own_choice_order(app, seeded, db):
    first, second = app.test_client(), app.test_client()
    mine, theirs = (
        start_quiz(first, source="tag:quotes", length="all"),
        start_quiz(second, source="tag:quotes"),
    )
    position = position_of(mine, CHOICE_TYPES)
    revision_id = item_at(mine, position).revision_id
    order = list(item_at(mine, position).choice_order)
    db.session.execute(
        update(AttemptItem)
        .where(AttemptItem.attempt_id == theirs.id, AttemptItem.position == 1)
        .values(revision_id=revision_id, choice_order=order[::-1])
    )
    db.session.commit()
    assert shown_choices(first.get(f"/quiz/attempts/{mine.id}/{position}").get_data(as_text=True)) == order
    assert shown_choices(second.get(f"/quiz/attempts/{theirs.id}/1").get_data(as_text=True)) == order[::-1]


def test_what_was_typed_and_its_error_stay_out_of_the_next_page(client, seeded, db):
    attempt = start_quiz(client, source="all", length="all")
    position = position_of(attempt, ("short_answer",))
    url = f"/quiz/attempts/{attempt.id}/{position}"
    client.get(url)
    refused = post_form(client, url, {"answer": "typed words " * 30}).get_data(as_text=True)
    assert "Keep it under 300 characters." in refused and "typed words typed words" in refused
    assert 'aria-describedby="answer-error"' in refused
    fresh = client.get(url).get_data(as_text=True)
    assert "Keep it under" not in fresh and "typed words" not in fresh
    assert 'value=""' in fresh and "answer-error" not in fresh


def test_a_filled_blank_comes_back_with_its_error_and_only_there(client, seeded, db):
    attempt = start_quiz(client, source="all", length="all")
    position = position_of(attempt, ("cloze",))
    url = f"/quiz/attempts/{attempt.id}/{position}"
    client.get(url)
    refused = post_form(client, url, {"blanks-0": "w" * 201}).get_data(as_text=True)
    assert 'name="blanks-0"' in refused and f'value="{"w" * 201}"' in refused
    assert "blank-input invalid" in refused and "Fill in every blank." in refused
    fresh = client.get(url).get_data(as_text=True)
    assert "w" * 201 not in fresh and "invalid" not in fresh and "Fill in every blank." not in fresh


def test_missing_positions_and_strangers_get_404(app, seeded, db):
    owner = app.test_client()
    attempt = start_quiz(owner, length="5")
    assert owner.get(f"/quiz/attempts/{attempt.id}/6").status_code == 404
    assert owner.get(f"/quiz/attempts/{attempt.id + 1}/1").status_code == 404
    assert app.test_client().get(f"/quiz/attempts/{attempt.id}/1").status_code == 404  # no visitor token
