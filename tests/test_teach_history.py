"""Revisions: a readable diff, restoring an old wording as a new revision, previews that record nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.bank.diffs import diff_revisions, list_pieces, word_pieces
from app.models import Attempt, AttemptItem, Question, QuestionRevision, Response
from app.quiz.presenting import question_view
from tests.helpers import login, post_form
from tests.test_teach_access import MIKADO, write_question


@pytest.fixture
def revised(db, owner):
    """A question at revision 2: a new prompt word, a choice swapped, a new explanation."""
    question = write_question(db, owner)
    write_question(
        db,
        owner,
        revise=question,
        prompt=MIKADO["prompt"].replace("who founded", "who set up"),
        choices=["Mikita Mikado", "Viktor Prokopenya", "Franak Viacorka"],
        explanation="Mikado set up PandaDoc.",
    )
    db.session.expire_all()
    return db.session.get(Question, question.id)


def test_word_and_list_pieces():
    pieces = word_pieces("who founded the firm", "who set up the firm")
    assert [(p.op, p.text) for p in pieces] == [
        ("equal", "who "), ("delete", "founded"), ("equal", " "), ("insert", "set up"), ("equal", " "),
        ("equal", "the firm"),
    ]  # fmt: skip
    assert [(p.op, p.text) for p in list_pieces(["a", "b", "c"], ["a", "c", "d"])] == [
        ("equal", "a"), ("delete", "b"), ("equal", "c"), ("insert", "d"),
    ]  # fmt: skip


def test_diff_names_only_the_fields_that_changed(revised):
    first, second = revised.revisions
    changes = {c.label: c for c in diff_revisions(first, second)}
    assert set(changes) == {"Question", "Choices", "Explanation"}
    assert ("insert", "Franak Viacorka") in [(p.op, p.text) for p in changes["Choices"].pieces]


def test_history_page_shows_the_diff(client, owner, revised):
    login(client, owner)
    html = client.get(f"/teach/questions/{revised.id}/history").get_data(as_text=True)
    assert "Revision 1 → revision 2" in html
    assert "<del>founded</del> <ins>set up</ins> the" in html and "<ins>Franak Viacorka</ins>" in html
    assert "Restore revision 1" in html and "Restore revision 2" not in html
    older = client.get(f"/teach/questions/{revised.id}/history?revision=1").get_data(as_text=True)
    assert "The first wording" in older


def test_restore_adds_the_old_wording_as_the_newest_revision(client, db, owner, revised):
    first = revised.revisions[0]
    login(client, owner)
    response = post_form(client, f"/teach/questions/{revised.id}/revisions/1/restore")
    assert response.status_code == 302
    db.session.expire_all()
    question = db.session.get(Question, revised.id)
    numbers = [r.number for r in question.revisions]
    assert numbers == [1, 2, 3]
    newest = question.current_revision
    assert newest.number == 3 and newest.content_hash == first.content_hash
    assert newest.note == "Restored from revision 1" and newest.author_id == owner.id
    assert newest.prompt == MIKADO["prompt"]
    page = client.get(response.location).get_data(as_text=True)
    assert "Revision 1 restored as revision 3." in page and "Restored from revision 1" in page


def test_attempts_keep_the_revision_they_answered(db, owner, revised, student):
    first = revised.revisions[0]
    attempt = Attempt(user_id=student.id, source_kind="all", title="t", mode="practice", question_count=1)
    attempt.items.append(
        AttemptItem(position=1, revision_id=first.id, choice_order=list(first.details["choices"]))
    )
    db.session.add(attempt)
    db.session.commit()
    write_question(db, owner, revise=revised, explanation="A third wording.")
    db.session.expire_all()
    item = db.session.scalar(select(AttemptItem))
    assert question_view(item, 1).prompt == MIKADO["prompt"]
    assert "Sam Altman" in item.choice_order


def test_preview_as_a_student_grades_and_records_nothing(client, db, owner, revised):
    login(client, owner)
    page = client.get(f"/teach/questions/{revised.id}/preview").get_data(as_text=True)
    assert "Preview as a student" in page and "who set up the software developer" in page
    assert 'name="answer"' in page and "Mikita Mikado" in page
    answered = post_form(client, f"/teach/questions/{revised.id}/preview", {"answer": "Viktor Prokopenya"})
    html = answered.get_data(as_text=True)
    assert "Not quite" in html and "Read in the article" in html and "<mark>" in html
    right = post_form(
        client, f"/teach/questions/{revised.id}/preview?revision=1", {"answer": "Mikita Mikado"}
    )
    assert "Correct" in right.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Response.id))) == 0
    assert db.session.scalar(select(func.count(Attempt.id))) == 0
    assert client.get(f"/teach/questions/{revised.id}/preview?revision=9").status_code == 404
    assert db.session.scalar(select(func.count(QuestionRevision.id))) == 2
