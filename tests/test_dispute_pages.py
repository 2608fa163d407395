"""Disputes through the pages: flagging under a result, the teacher's queue and review, the student's outcome."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from app.models import Dispute, Question
from tests.dispute_helpers import COMMENT, answered, flagged
from tests.helpers import login, logout, post_form
from tests.quiz_helpers import answer, item_at, start_quiz, wrong_answer
from tests.test_teach_access import MIKADO, teacher, write_question
from tests.test_teach_editor import BASE, FORMS

NOTE = "The first sentence of the article names Mikado as PandaDoc's founder."
EDITED_DISABLED = re.compile(r'<input[^>]*\bdisabled\b[^>]*value="edited"')


@pytest.fixture
def question(db, owner):
    return write_question(db, owner)


@pytest.fixture
def response(db, question, student):
    [response] = answered(db, student, [question])
    return response


def dispute_count(db) -> int:
    return db.session.scalar(select(func.count(Dispute.id)))


def results_of(client, response) -> str:
    page = client.get(f"/quiz/attempts/{response.attempt_id}/results")
    assert page.status_code == 200
    return page.get_data(as_text=True)


def test_each_result_offers_a_flag_form_that_works_without_javascript(client, response, student):
    login(client, student)
    html = results_of(client, response)
    assert '<details class="flag-details">' in html and "Flag as wrong per the source" in html
    assert f'action="/quiz/responses/{response.id}/flag"' in html
    assert 'name="csrf_token"' in html and 'name="comment"' in html


def test_visitors_are_offered_to_sign_up_instead(client, db, question):
    attempt = start_quiz(client, source="all", length="5", mode="test")
    answer(client, attempt, 1, wrong_answer(item_at(attempt, 1)))
    html = client.get(f"/quiz/attempts/{attempt.id}/results").get_data(as_text=True)
    assert "Not quite" in html
    assert "flag-details" not in html
    assert f"/auth/signup?next=/quiz/attempts/{attempt.id}/results" in html and "to flag it" in html


def test_a_visitor_cannot_post_a_flag(client, response):
    answer = post_form(client, f"/quiz/responses/{response.id}/flag", {"comment": COMMENT})
    assert answer.status_code == 302 and "/auth/login" in answer.location


def test_flagging_files_one_dispute_and_shows_that_it_awaits_review(client, db, response, student):
    login(client, student)
    sent = post_form(client, f"/quiz/responses/{response.id}/flag", {"comment": COMMENT})
    assert sent.status_code == 302
    assert sent.location.endswith(f"/quiz/attempts/{response.attempt_id}/results#answer-1")
    again = post_form(client, f"/quiz/responses/{response.id}/flag", {"comment": COMMENT + " Again."})
    assert again.status_code == 302
    assert dispute_count(db) == 1
    html = results_of(client, response)
    assert "Flag sent — awaiting review" in html and COMMENT in html
    assert "flag-details" not in html
    assert "You have already flagged this answer" in html  # the second submit's message


def test_a_short_comment_comes_back_beside_the_field_with_the_text_kept(client, db, response, student):
    login(client, student)
    page = post_form(client, f"/quiz/responses/{response.id}/flag", {"comment": "  wrong  "})
    assert page.status_code == 422
    html = page.get_data(as_text=True)
    assert re.search(r'<p class="error" id="comment-error">Say what the article says instead', html)
    assert ">  wrong  </textarea>" in html or ">wrong</textarea>" in html or "  wrong  " in html
    assert 'aria-invalid="true"' in html
    assert dispute_count(db) == 0


def test_another_students_answer_is_not_found(client, db, response, other_student):
    login(client, other_student)
    assert client.get(f"/quiz/responses/{response.id}/flag").status_code == 404
    assert post_form(client, f"/quiz/responses/{response.id}/flag", {"comment": COMMENT}).status_code == 404
    assert dispute_count(db) == 0


def test_the_queue_is_for_the_questions_owners(client, db, owner, question, student, response):
    flagged_dispute = flagged(db, student, question)
    login(client, student)
    assert client.get("/teach/disputes").status_code == 403
    logout(client)
    login(client, teacher("otto@example.org", "Otto Other"))
    html = client.get("/teach/disputes").get_data(as_text=True)
    assert COMMENT not in html and "Open (0)" in html
    assert client.get(f"/teach/disputes/{flagged_dispute.id}").status_code == 404
    resolve = post_form(client, f"/teach/disputes/{flagged_dispute.id}/resolve", {"outcome": "retired"})
    assert resolve.status_code == 404
    assert db.session.get(Dispute, flagged_dispute.id).status == "open"
    logout(client)
    login(client, owner)
    html = client.get("/teach/disputes").get_data(as_text=True)
    assert "Open (1)" in html and COMMENT[:40] in html and "Sam Student" in html


def test_the_queue_lists_open_flags_first_and_filters(client, db, owner, question, student, other_student):
    older = flagged(db, student, question, "The first flag, about the founder.")
    newer = flagged(db, other_student, question, "The second flag, about the founder.")
    login(client, owner)
    html = client.get("/teach/disputes").get_data(as_text=True)
    assert html.index("The first flag") < html.index("The second flag")
    post_form(client, f"/teach/disputes/{older.id}/resolve", {"outcome": "kept", "note": NOTE})
    html = client.get("/teach/disputes?show=all").get_data(as_text=True)
    assert html.index("The second flag") < html.index("The first flag")
    resolved = client.get("/teach/disputes?show=resolved").get_data(as_text=True)
    assert "The first flag" in resolved and "The second flag" not in resolved
    assert newer.id != older.id


def test_the_dispute_page_shows_what_the_student_saw_and_the_evidence_highlighted(
    client, db, owner, question, student
):
    dispute = flagged(db, student, question)
    login(client, owner)
    html = client.get(f"/teach/disputes/{dispute.id}").get_data(as_text=True)
    assert COMMENT in html
    assert "Sam Altman" in html and "Mikita Mikado" in html  # their answer and the right one
    # The choices in the order the student saw them (the helper stored them reversed).
    assert (
        html.index("<li>Sam Altman</li>")
        < html.index("<li>Viktor Prokopenya</li>")
        < html.index("<li>Mikita Mikado</li>")
    )
    span = question.current_revision.evidence[0].span
    assert "<mark>Mikita Mikado, the founder of San Francisco-based software developer PandaDoc" in html
    assert f"/articles/{span.article.slug}?hl={span.start}-{span.end}#hl" in html
    assert 'name="outcome"' in html and EDITED_DISABLED.search(html)


def test_the_teacher_home_counts_open_disputes(client, db, owner, question, student):
    flagged(db, student, question)
    login(client, owner)
    html = client.get("/teach/").get_data(as_text=True)
    assert re.search(r"Open disputes</dt>\s*<dd class=\"stat-value\"><a href=\"/teach/disputes\">1<", html)


def test_keeping_the_answer_needs_a_note_and_the_student_sees_it(client, db, owner, question, student):
    dispute = flagged(db, student, question)
    login(client, owner)
    refused = post_form(client, f"/teach/disputes/{dispute.id}/resolve", {"outcome": "kept", "note": "ok"})
    assert refused.status_code == 422
    html = refused.get_data(as_text=True)
    assert "Say why the answer stands" in html and re.search(r">\s*ok</textarea>", html)
    assert db.session.get(Dispute, dispute.id).status == "open"
    kept = post_form(client, f"/teach/disputes/{dispute.id}/resolve", {"outcome": "kept", "note": NOTE})
    assert kept.status_code == 302 and kept.location.endswith("/teach/disputes")
    twice = post_form(client, f"/teach/disputes/{dispute.id}/resolve", {"outcome": "retired"})
    assert twice.status_code == 302
    db.session.expire_all()
    assert db.session.get(Dispute, dispute.id).status == "kept"
    assert db.session.get(Question, question.id).status == "approved"
    assert "already been resolved" in client.get(twice.location).get_data(as_text=True)
    logout(client)
    login(client, student)
    response = db.session.get(Dispute, dispute.id).response
    for html in (results_of(client, response), client.get("/quiz/flags").get_data(as_text=True)):
        assert "Reviewed — the answer stands" in html
        assert "PandaDoc&#39;s founder" in html or "PandaDoc's founder" in html
        assert "Tess Teacher" in html


def test_editing_from_a_flag_comes_back_to_it_and_then_it_can_be_marked_edited(
    client, db, owner, question, student
):
    dispute = flagged(db, student, question)
    login(client, owner)
    page = client.get(f"/teach/disputes/{dispute.id}").get_data(as_text=True)
    edit_link = f"/teach/questions/{question.id}/edit?dispute={dispute.id}"
    assert edit_link in page
    editor = client.get(edit_link).get_data(as_text=True)
    assert "Answering a student's flag" in editor
    too_soon = post_form(client, f"/teach/disputes/{dispute.id}/resolve", {"outcome": "edited"})
    assert too_soon.status_code == 422 and "edit it first" in too_soon.get_data(as_text=True)
    write_question(
        db, owner, revise=db.session.get(Question, question.id), explanation="Reworded explanation of it."
    )
    page = client.get(f"/teach/disputes/{dispute.id}").get_data(as_text=True)
    assert "Compare revision 1 with 2" in page and not EDITED_DISABLED.search(page)
    done = post_form(client, f"/teach/disputes/{dispute.id}/resolve", {"outcome": "edited", "note": ""})
    assert done.status_code == 302
    logout(client)
    login(client, student)
    assert "Corrected — the question was edited" in client.get("/quiz/flags").get_data(as_text=True)


def test_saving_the_editor_opened_from_a_flag_returns_to_the_flag(client, db, owner, question, student):
    dispute = flagged(db, student, question)
    login(client, owner)
    url = f"/teach/questions/{question.id}/edit?dispute={dispute.id}"
    form = client.get(url).get_data(as_text=True)
    assert f'href="/teach/disputes/{dispute.id}">Cancel</a>' in form
    data = {
        **FORMS["multiple_choice"],
        "explanation": "Mikado founded PandaDoc, whose Minsk office was raided.",
    }
    saved = post_form(client, url, {**BASE, **data, "action": "save"})
    assert saved.status_code == 302
    assert saved.location.endswith(f"/teach/disputes/{dispute.id}")
    assert "Saved as revision 2" in client.get(saved.location).get_data(as_text=True)


def test_retiring_from_a_flag_retires_the_question_and_settles_the_others(
    client, db, owner, question, student, other_student
):
    first = flagged(db, student, question)
    second = flagged(db, other_student, question, "Another student also thinks it is wrong.")
    login(client, owner)
    page = client.get(f"/teach/disputes/{first.id}").get_data(as_text=True)
    assert "Resolve the 1 other open flag on this question the same way" in page
    done = post_form(
        client,
        f"/teach/disputes/{first.id}/resolve",
        {"outcome": "retired", "include_others": "y", "note": ""},
    )
    assert done.status_code == 302
    db.session.expire_all()
    assert db.session.get(Question, question.id).status == "retired"
    assert {d.status for d in db.session.scalars(select(Dispute))} == {"retired"}
    assert "2 flags resolved" in client.get(done.location).get_data(as_text=True)
    assert second.id


def test_an_admin_reviews_flags_on_the_banks_questions(client, db, seed_articles, student):
    question = write_question(db, None, MIKADO | {"id": "bank-mikado"})
    question.source_file = "people.yaml"
    db.session.commit()
    dispute = flagged(db, student, question)
    login(client, teacher("ada@example.org", "Ada Admin", role="admin"))
    page = client.get(f"/teach/disputes/{dispute.id}").get_data(as_text=True)
    assert "people.yaml" in page and "Edit the question" not in page
    done = post_form(client, f"/teach/disputes/{dispute.id}/resolve", {"outcome": "retired"})
    assert done.status_code == 302
    assert "set its status to retired there too" in client.get(done.location).get_data(as_text=True)


def test_my_flags_lists_the_students_flags_only(client, db, question, student, other_student):
    flagged(db, student, question, "Mine: the article says otherwise.")
    flagged(db, other_student, question, "Theirs: the article says otherwise.")
    login(client, student)
    html = client.get("/quiz/flags").get_data(as_text=True)
    assert "Mine: the article" in html and "Theirs" not in html
    assert "Flag sent — awaiting review" in html
    assert client.get("/progress/").status_code == 200
    logout(client)
    assert client.get("/quiz/flags").status_code == 302


def test_the_flag_page_shows_the_form_then_the_flag(client, db, response, student):
    login(client, student)
    page = client.get(f"/quiz/responses/{response.id}/flag").get_data(as_text=True)
    assert 'name="comment"' in page and "Sam Altman" in page and "Send the flag" in page
    post_form(client, f"/quiz/responses/{response.id}/flag", {"comment": COMMENT})
    page = client.get(f"/quiz/responses/{response.id}/flag").get_data(as_text=True)
    assert "Flag sent — awaiting review" in page and 'name="comment"' not in page


def test_a_flag_outlives_the_attempt_it_was_about(client, db, owner, question, student):
    from app.models import Attempt

    dispute = flagged(db, student, question)
    db.session.delete(db.session.get(Attempt, dispute.response.attempt_id))
    db.session.commit()
    assert db.session.get(Dispute, dispute.id).response_id is None
    login(client, owner)
    page = client.get(f"/teach/disputes/{dispute.id}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "No longer stored" in html and COMMENT in html and "<mark>Mikita Mikado" in html
    logout(client)
    login(client, student)
    flags = client.get("/quiz/flags").get_data(as_text=True)
    assert COMMENT in flags and "See the answer and its source" not in flags
