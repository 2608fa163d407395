"""Disputes as plain Python: filing once with a comment, who reviews which, resolving once, the cited passages."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, update

from app.disputes import filing
from app.disputes.evidence import cited_passages
from app.disputes.filing import AlreadyFlaggedError, DisputeError, file_dispute, flag_states, owned_response
from app.disputes.resolving import AlreadyResolvedError, other_open_disputes, resolve_dispute
from app.models import Dispute, Question
from app.teach.dispute_queue import open_dispute_count, queue_counts, queue_query, reviewable_disputes
from app.teach.sets import add_co_owner
from tests.dispute_helpers import COMMENT, answered, flagged
from tests.factories import UserFactory
from tests.test_teach_access import MIKADO, make_set, teacher, write_question


@pytest.fixture
def question(db, owner):
    return write_question(db, owner)


def dispute_count(db) -> int:
    return db.session.scalar(select(func.count(Dispute.id)))


def test_a_flag_records_the_answer_the_revision_and_the_trimmed_comment(db, question, student):
    [response] = answered(db, student, [question])
    dispute = file_dispute(db.session, response, student.id, f"  {COMMENT}\n ")
    db.session.commit()
    assert dispute.status == "open" and dispute.is_open
    assert dispute.comment == COMMENT
    assert (dispute.question_id, dispute.revision_id, dispute.response_id) == (
        question.id,
        question.current_revision_id,
        response.id,
    )
    assert dispute.resolved_at is None and dispute.resolution_note == ""


@pytest.mark.parametrize("comment", [None, "", "   wrong   ", "x" * 2001])
def test_the_comment_is_required_and_bounded(db, question, student, comment):
    [response] = answered(db, student, [question])
    with pytest.raises(DisputeError) as refused:
        file_dispute(db.session, response, student.id, comment)
    assert refused.value.field == "comment"
    assert dispute_count(db) == 0


def test_ten_and_two_thousand_characters_are_allowed(db, question, student):
    first, second = answered(db, student, [question, question])
    file_dispute(db.session, first, student.id, "  0123456789  ")
    file_dispute(db.session, second, student.id, "y" * 2000)
    db.session.commit()
    assert dispute_count(db) == 2


def test_a_second_flag_on_the_same_answer_is_refused(db, question, student):
    dispute = flagged(db, student, question)
    with pytest.raises(AlreadyFlaggedError, match="already flagged"):
        file_dispute(db.session, dispute.response, student.id, "Another comment, long enough.")
    assert dispute_count(db) == 1


def test_a_racing_second_flag_meets_the_unique_constraint(db, question, student, monkeypatch):
    """Two requests both pass the "not flagged yet" check: the database keeps one, the other is told."""
    dispute = flagged(db, student, question)
    monkeypatch.setattr(filing, "dispute_on", lambda *args: None)
    with pytest.raises(AlreadyFlaggedError):
        file_dispute(db.session, dispute.response, student.id, "Another comment, long enough.")
    assert dispute_count(db) == 1


def test_only_the_owner_of_an_answer_finds_it(db, question, student, other_student):
    [response] = answered(db, student, [question])
    assert owned_response(db.session, response.id, student.id) == response
    assert owned_response(db.session, response.id, other_student.id) is None
    assert owned_response(db.session, response.id + 1000, student.id) is None


def test_flag_states_load_the_disputes_of_an_attempt_in_one_query(db, question, student):
    from tests.queries import count_queries

    responses = answered(db, student, [question] * 3)
    file_dispute(db.session, responses[1], student.id, COMMENT)
    db.session.commit()
    by_position = {r.position: r for r in responses}  # loaded again, as the results page has them
    student_id = student.id
    with count_queries() as statements:
        states = flag_states(db.session, student_id, by_position)
    assert len(statements) == 1
    assert [states[p].dispute is not None for p in (1, 2, 3)] == [False, True, False]
    assert states[1].response_id == responses[0].id
    with count_queries() as none:
        visitor = flag_states(db.session, None, by_position)
    assert none == [] and all(s.dispute is None for s in visitor.values())


def reviewers(db, user) -> list[int]:
    return list(db.session.scalars(select(Dispute.id).where(reviewable_disputes(user))))


def test_disputes_go_to_whoever_may_edit_the_question(db, owner, question, student):
    dispute = flagged(db, student, question)
    other = teacher("otto@example.org", "Otto Other")
    co_owner = teacher("cora@example.org", "Cora Co-owner")
    admin = teacher("ada@example.org", "Ada Admin", role="admin")
    assert reviewers(db, owner) == [dispute.id]
    assert reviewers(db, other) == [] and reviewers(db, co_owner) == []
    assert reviewers(db, admin) == [dispute.id]
    shared = make_set(db, owner, [question])
    add_co_owner(db.session, shared, co_owner.email)
    db.session.commit()
    assert reviewers(db, co_owner) == [dispute.id]


def test_the_banks_own_questions_go_to_admins(db, owner, question, student):
    bank_question = write_question(db, None, MIKADO | {"id": "bank-mikado"})
    bank_question.source_file = "people.yaml"
    db.session.commit()
    dispute = flagged(db, student, bank_question)
    admin = teacher("ada@example.org", "Ada Admin", role="admin")
    assert dispute.id not in reviewers(db, owner)
    assert reviewers(db, admin) == [dispute.id]


def test_the_queue_puts_open_flags_first_then_the_oldest(db, owner, question, student, other_student):
    first = flagged(db, student, question)
    second = flagged(db, other_student, question)
    third = flagged(db, UserFactory(), question)
    resolve_dispute(
        db.session, first, question, outcome="kept", note="The article names Mikado.", resolver_id=owner.id
    )
    db.session.commit()
    ids = lambda shown: list(db.session.scalars(queue_query(owner, shown).with_only_columns(Dispute.id)))  # noqa: E731
    assert ids("all") == [second.id, third.id, first.id]
    assert ids("open") == [second.id, third.id]
    assert ids("resolved") == [first.id]
    assert queue_counts(db.session, owner) == {"open": 2, "resolved": 1, "all": 3}
    assert open_dispute_count(db.session, owner) == 2
    assert open_dispute_count(db.session, teacher("otto@example.org")) == 0


def test_keeping_an_answer_needs_a_note_saying_why(db, owner, question, student):
    dispute = flagged(db, student, question)
    for note in (None, "", "  it's ok  "):
        with pytest.raises(DisputeError) as refused:
            resolve_dispute(db.session, dispute, question, outcome="kept", note=note, resolver_id=owner.id)
        assert refused.value.field == "note"
    assert dispute.is_open
    count = resolve_dispute(
        db.session,
        dispute,
        question,
        outcome="kept",
        note=" The first sentence names Mikado. ",
        resolver_id=owner.id,
    )
    db.session.commit()
    db.session.refresh(dispute)
    assert count == 1
    assert (dispute.status, dispute.resolution_note, dispute.resolved_by_id) == (
        "kept",
        "The first sentence names Mikado.",
        owner.id,
    )
    assert dispute.resolved_at is not None
    assert question.status == "approved"


def test_an_unknown_outcome_and_an_overlong_note_are_refused(db, owner, question, student):
    dispute = flagged(db, student, question)
    with pytest.raises(DisputeError) as unknown:
        resolve_dispute(db.session, dispute, question, outcome="open", note="", resolver_id=owner.id)
    assert unknown.value.field == "outcome"
    with pytest.raises(DisputeError) as long_note:
        resolve_dispute(
            db.session, dispute, question, outcome="retired", note="n" * 2001, resolver_id=owner.id
        )
    assert long_note.value.field == "note"


def test_resolving_twice_is_refused_even_from_a_stale_copy(db, owner, question, student):
    dispute = flagged(db, student, question)
    resolve_dispute(db.session, dispute, question, outcome="retired", note="", resolver_id=owner.id)
    db.session.commit()
    with pytest.raises(AlreadyResolvedError):
        resolve_dispute(
            db.session,
            dispute,
            question,
            outcome="kept",
            note="Changed my mind about it.",
            resolver_id=owner.id,
        )
    # Another reviewer resolved it after this one loaded it: the database, not the stale object, decides.
    other = flagged(db, UserFactory(), question)
    assert other.status == "open"
    with db.engine.begin() as elsewhere:
        elsewhere.execute(update(Dispute).where(Dispute.id == other.id).values(status="kept"))
    assert other.status == "open"
    with pytest.raises(AlreadyResolvedError):
        resolve_dispute(db.session, other, question, outcome="retired", note="", resolver_id=owner.id)
    assert db.session.scalar(select(Dispute.status).where(Dispute.id == other.id)) == "kept"


def test_edited_needs_a_new_revision_since_the_answer(db, owner, question, student):
    dispute = flagged(db, student, question)
    with pytest.raises(DisputeError, match="edit it first") as refused:
        resolve_dispute(db.session, dispute, question, outcome="edited", note="", resolver_id=owner.id)
    assert refused.value.field == "outcome"
    write_question(db, owner, revise=question, explanation="Mikado founded PandaDoc; the article says so.")
    assert question.current_revision_id != dispute.revision_id
    resolve_dispute(db.session, dispute, question, outcome="edited", note="Reworded.", resolver_id=owner.id)
    db.session.commit()
    assert dispute.status == "edited"


def test_retiring_retires_the_question_and_can_settle_the_other_flags(
    db, owner, question, student, other_student
):
    dispute = flagged(db, student, question)
    second = flagged(db, other_student, question)
    elsewhere = flagged(db, UserFactory(), write_question(db, owner, MIKADO | {"id": "another"}))
    others = other_open_disputes(db.session, dispute)
    assert others == [second]
    count = resolve_dispute(
        db.session,
        dispute,
        question,
        outcome="retired",
        note="",
        resolver_id=owner.id,
        also=[*others, elsewhere],
    )
    db.session.commit()
    assert count == 2
    assert question.status == "retired"
    statuses = dict(db.session.execute(select(Dispute.id, Dispute.status)).all())
    assert statuses == {dispute.id: "retired", second.id: "retired", elsewhere.id: "open"}


def test_edited_leaves_open_the_flags_about_the_current_wording(db, owner, question, student, other_student):
    dispute = flagged(db, student, question)
    write_question(db, owner, revise=question, explanation="Mikado founded PandaDoc, as the article says.")
    db.session.refresh(question)
    about_new_wording = flagged(db, other_student, question)
    count = resolve_dispute(
        db.session,
        dispute,
        question,
        outcome="edited",
        note="",
        resolver_id=owner.id,
        also=other_open_disputes(db.session, dispute),
    )
    db.session.commit()
    assert count == 1
    assert db.session.get(Dispute, about_new_wording.id).status == "open"


def test_cited_passages_mark_the_evidence_inside_its_paragraph(db, question):
    revision = db.session.get(Question, question.id).current_revision
    [passage] = cited_passages(revision)
    span = revision.evidence[0].span
    assert passage.article.slug == span.article.slug
    assert [(s.start, s.end) for s in passage.spans] == [(span.start, span.end)]
    [(paragraph, segments)] = passage.paragraphs
    assert paragraph.start <= span.start and span.end <= paragraph.end
    marked = [s for s in segments if s.marked]
    assert len(marked) == 1 and marked[0].first_mark
    assert marked[0].text.startswith(
        "Mikita Mikado, the founder of San Francisco-based software developer PandaDoc"
    )
    assert "".join(s.text for s in segments) == passage.article.clean_text[paragraph.start : paragraph.end]
