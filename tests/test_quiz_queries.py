"""The quiz pages run a small, constant number of queries: 1,000 questions and 200 attempts change nothing."""

import pytest

from tests.bulk import big_bank, many_attempts
from tests.helpers import login
from tests.queries import count_queries
from tests.quiz_helpers import answer, item_at, right_answer, start_quiz

LIMIT = 6  # per request, including loading the logged-in user
QUESTION_PAGE_LIMIT = 3  # the user, the page, and a revision's wording the first time it is shown


@pytest.fixture
def busy_student(client, db, seed_articles, student):
    revision_ids = big_bank(seed_articles[0])
    many_attempts(student, revision_ids)
    login(client, student)
    return student


def test_quiz_pages_query_counts(client, busy_student, db):
    attempt = start_quiz(client, source="all", length="20", mode="practice")
    first_question = f"/quiz/attempts/{attempt.id}/1"
    db.session.expire_all()
    with count_queries() as page:
        assert client.get(first_question).status_code == 200
    assert len(page) <= QUESTION_PAGE_LIMIT, "\n---\n".join(s[:150] for s in page)

    data = right_answer(item_at(attempt, 1))
    db.session.expire_all()
    with count_queries() as submit:
        assert answer(client, attempt, 1, data).status_code == 302
    assert len(submit) <= LIMIT, "\n---\n".join(s[:120] for s in submit)

    with count_queries() as feedback:
        assert client.get(f"/quiz/attempts/{attempt.id}/1/feedback").status_code == 200
    assert len(feedback) <= LIMIT, "\n---\n".join(s[:120] for s in feedback)

    for position in range(2, 21):
        answer(client, attempt, position, right_answer(item_at(attempt, position)))
    results_url = f"/quiz/attempts/{attempt.id}/results"  # read before expiring: not the request's query
    db.session.expire_all()
    with count_queries() as results:
        assert client.get(results_url).status_code == 200
    assert len(results) <= LIMIT, "\n---\n".join(s[:120] for s in results)


def test_catalogue_query_count(client, busy_student, db):
    db.session.expire_all()
    with count_queries() as catalogue:
        assert client.get("/quiz/").status_code == 200
    assert len(catalogue) <= LIMIT, "\n---\n".join(s[:150] for s in catalogue)
