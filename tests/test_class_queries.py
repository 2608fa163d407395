"""Class pages run a fixed handful of queries: 200 students and a 50-question assignment change nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import insert, select

from app.models import Attempt, ClassMember, QuestionRevision, QuestionSetItem, User
from tests.bulk import answer_in_order, big_bank
from tests.class_helpers import make_assignment, make_class
from tests.helpers import login
from tests.queries import count_queries
from tests.test_teach_access import make_set, teacher

LIMIT = 7  # per request, loading the logged-in user included (the assignment page needs all seven)
STUDENTS = 200
QUESTIONS = 50


def bulk_students(db, count: int) -> list[int]:
    db.session.execute(
        insert(User),
        [
            {
                "email": f"pupil{n}@example.org",
                "display_name": f"Pupil {n:03d}",
                "password_hash": "-",
                "role": "student",
            }
            for n in range(count)
        ],
    )
    return list(db.session.scalars(select(User.id).where(User.email.like("pupil%")).order_by(User.id)))


def bulk_attempts(db, assignment, student_ids: list[int], revision_ids: list[int]) -> None:
    """One finished attempt per student, answering every question (student n gets n % 50 right)."""
    finished = datetime.now(UTC) - timedelta(hours=1)
    db.session.execute(
        insert(Attempt),
        [
            {
                "user_id": user_id,
                "assignment_id": assignment.id,
                "source_kind": "set",
                "source_key": "bulk",
                "title": assignment.title,
                "mode": "test",
                "question_count": len(revision_ids),
                "correct_count": n % len(revision_ids),
                "score": (n % len(revision_ids)) / len(revision_ids),
                "started_at": finished - timedelta(minutes=20),
                "finished_at": finished,
            }
            for n, user_id in enumerate(student_ids)
        ],
    )
    attempt_ids = db.session.scalars(
        select(Attempt.id).where(Attempt.assignment_id == assignment.id).order_by(Attempt.user_id)
    ).all()
    answer_in_order(attempt_ids, revision_ids, lambda n, position: position <= n % len(revision_ids))
    db.session.commit()


@pytest.fixture
def big_class(db, seed_articles):
    """A class of 200 students; three assignments of a 50-question set: all finished the first, half the second."""
    owner = teacher()
    revision_ids = big_bank(seed_articles[0], count=QUESTIONS)
    question_of = dict(
        db.session.execute(
            select(QuestionRevision.id, QuestionRevision.question_id).where(
                QuestionRevision.id.in_(revision_ids)
            )
        ).all()
    )
    question_set = make_set(db, owner, title="Fifty questions")
    db.session.execute(
        insert(QuestionSetItem),
        [
            {"set_id": question_set.id, "position": position, "question_id": question_of[rid]}
            for position, rid in enumerate(revision_ids, 1)
        ],
    )
    school_class = make_class(db, owner)
    student_ids = bulk_students(db, STUDENTS)
    db.session.execute(
        insert(ClassMember), [{"class_id": school_class.id, "user_id": uid} for uid in student_ids]
    )
    db.session.commit()
    first = make_assignment(db, school_class, question_set, owner, title="Week 1", attempts_allowed=None)
    second = make_assignment(db, school_class, question_set, owner, title="Week 2")
    make_assignment(db, school_class, question_set, owner, title="Week 3")
    bulk_attempts(db, first, student_ids, revision_ids)
    bulk_attempts(db, second, student_ids[::2], revision_ids)
    return {
        "owner": owner,
        "class": school_class,
        "assignment": first,
        "student": db.session.get(User, student_ids[7]),
    }


def get_counted(client, db, url: str):
    db.session.expire_all()
    with count_queries() as statements:
        response = client.get(url)
    assert response.status_code == 200, url
    assert len(statements) <= LIMIT, f"{url}: {len(statements)} queries\n" + "\n---\n".join(
        s[:160] for s in statements
    )
    return response


def test_teacher_class_pages_query_counts(client, db, big_class):
    login(client, big_class["owner"])
    class_id, assignment_id = big_class["class"].id, big_class["assignment"].id
    page = get_counted(client, db, f"/teach/classes/{class_id}").get_data(as_text=True)
    assert "200 of 200" in page and "100 of 200" in page and "Pupil 199" in page
    grades = get_counted(client, db, f"/teach/classes/{class_id}/grades").get_data(as_text=True)
    assert grades.count("<tr>") == STUDENTS + 2  # a header row, a row per student, the class average
    download = get_counted(client, db, f"/teach/classes/{class_id}/grades.csv").get_data(as_text=True)
    assert len(download.strip().splitlines()) == STUDENTS + 1
    assignment = get_counted(client, db, f"/teach/assignments/{assignment_id}").get_data(as_text=True)
    assert assignment.count("Bulk question") == QUESTIONS
    get_counted(client, db, "/teach/classes")


def test_student_class_pages_query_counts(client, db, big_class):
    login(client, big_class["student"])
    page = get_counted(client, db, "/quiz/classes").get_data(as_text=True)
    assert "Week 1" in page and "Week 3" in page
    get_counted(client, db, f"/quiz/assignments/{big_class['assignment'].id}")
