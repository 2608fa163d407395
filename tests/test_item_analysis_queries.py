"""Item analysis runs a constant number of queries: 200 students × 50 questions cost what 20 × 5 do."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import insert, select

from app.models import Attempt, Question, QuestionRevision, Response, User
from tests.bulk import answer_in_order, big_bank
from tests.helpers import login
from tests.queries import count_queries
from tests.test_teach_access import make_set, teacher

LIMIT = 8  # per page, including loading the logged-in user


def students(db, count: int, prefix: str) -> list[int]:
    db.session.execute(
        insert(User),
        [
            {"email": f"{prefix}{n}@example.org", "display_name": f"Student {n}", "password_hash": "-"}
            for n in range(count)
        ],
    )
    return list(db.session.scalars(select(User.id).where(User.email.like(f"{prefix}%")).order_by(User.id)))


def class_attempts(db, question_set, revision_ids: list[int], user_ids: list[int]) -> None:
    """One finished attempt at the set per student; student n gets the first n % (len + 1) questions right."""
    finished = datetime.now(UTC) - timedelta(days=1)
    db.session.execute(
        insert(Attempt),
        [
            {
                "user_id": user_id,
                "source_kind": "set",
                "source_key": question_set.key,
                "title": question_set.title,
                "mode": "test",
                "question_count": len(revision_ids),
                "finished_at": finished,
            }
            for user_id in user_ids
        ],
    )
    attempt_ids = db.session.scalars(
        select(Attempt.id).where(Attempt.source_key == question_set.key).order_by(Attempt.id)
    ).all()
    answer_in_order(attempt_ids, revision_ids, lambda n, position: position <= n % (len(revision_ids) + 1))
    db.session.commit()


def set_of(db, owner, revision_ids: list[int], title: str):
    questions = db.session.scalars(
        select(Question)
        .join(QuestionRevision, QuestionRevision.question_id == Question.id)
        .where(QuestionRevision.id.in_(revision_ids))
        .order_by(Question.id)
    ).all()
    return make_set(db, owner, questions, title=title, visibility="public")


def page_queries(client, db, url: str) -> list[str]:
    db.session.expire_all()
    with count_queries() as statements:
        response = client.get(url)
    assert response.status_code == 200
    return statements


def test_item_analysis_and_the_bank_listing_run_a_constant_number_of_queries(client, db, seed_articles):
    owner = teacher()
    revision_ids = big_bank(seed_articles[0], 55)
    small = set_of(db, owner, revision_ids[:5], "Small")
    big = set_of(db, owner, revision_ids[5:], "Big")
    login(client, owner)
    bank_before = page_queries(client, db, "/teach/questions?scope=bank")

    class_attempts(db, small, revision_ids[:5], students(db, 20, "small"))
    class_attempts(db, big, revision_ids[5:], students(db, 200, "big"))
    assert db.session.query(Response).count() == 20 * 5 + 200 * 50

    small_page = page_queries(client, db, f"/teach/sets/{small.id}/analysis")
    big_page = page_queries(client, db, f"/teach/sets/{big.id}/analysis?attempts=all&sort=discrimination")
    assert len(big_page) == len(small_page) <= LIMIT, "\n---\n".join(s[:150] for s in big_page)
    html = client.get(f"/teach/sets/{big.id}/analysis").get_data(as_text=True)
    assert '<dd class="stat-value">200</dd>' in html and html.count('class="analysis-prompt"') == 50

    bank_after = page_queries(client, db, "/teach/questions?scope=bank")
    assert len(bank_after) == len(bank_before) <= LIMIT, "\n---\n".join(s[:150] for s in bank_after)
    assert "200 attempts" in client.get("/teach/questions?scope=bank").get_data(as_text=True)
