"""Question sets made by teachers: details, order, the bank, copies, co-owners, visibility in the catalogue."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.models import Question, QuestionSet, QuestionSetItem
from app.quiz.selection import set_listing
from tests.class_helpers import NUMERIC
from tests.helpers import login, logout, post_form
from tests.queries import count_queries
from tests.test_teach_access import MIKADO, make_set, teacher, write_question
from tests.test_teach_editor import FORMS_AS_ITEM_WHO_SAID


@pytest.fixture
def questions(db, owner):
    return [
        write_question(db, owner),
        write_question(db, owner, NUMERIC),
        write_question(db, owner, FORMS_AS_ITEM_WHO_SAID),
    ]


def test_a_teacher_creates_a_set_with_its_articles(client, db, owner, seed_articles):
    login(client, owner)
    article_ids = [str(a.id) for a in seed_articles]
    response = post_form(
        client,
        "/teach/sets/new",
        {
            "title": "The IT exodus",
            "description": "Who left.",
            "visibility": "private",
            "articles": article_ids,
        },
    )
    assert response.status_code == 302
    question_set = db.session.scalar(select(QuestionSet).where(QuestionSet.title == "The IT exodus"))
    assert question_set.owner_id == owner.id and question_set.source_file is None
    assert sorted(a.article_id for a in question_set.articles) == sorted(int(i) for i in article_ids)
    page = client.get(response.location).get_data(as_text=True)
    assert "The IT exodus" in page and "Private" in page and "Write a question" in page
    empty = post_form(client, "/teach/sets/new", {"title": "  ", "visibility": "private"})
    assert empty.status_code == 200 and "Give the set a title." in empty.get_data(as_text=True)


def test_details_order_and_removal(client, db, owner, questions):
    question_set = make_set(db, owner, questions)
    login(client, owner)
    url = f"/teach/sets/{question_set.id}"
    response = post_form(
        client, url + "/edit", {"title": "Renamed", "description": "", "visibility": "public"}
    )
    assert response.status_code == 302
    first, second, third = question_set.items
    post_form(client, f"{url}/items/{third.id}/move", {"direction": "up"})
    post_form(client, f"{url}/items/{first.id}/move", {"direction": "up"})  # already first: nothing happens
    db.session.expire_all()
    assert [i.question_id for i in question_set.items] == [questions[0].id, questions[2].id, questions[1].id]
    post_form(client, f"{url}/items/{second.id}/remove")
    db.session.expire_all()
    assert [i.question_id for i in question_set.items] == [questions[0].id, questions[2].id]
    assert db.session.get(Question, questions[1].id) is not None  # removing from a set keeps the question
    assert (question_set.title, question_set.visibility) == ("Renamed", "public")


def test_adding_from_the_bank(client, db, owner, runner):
    assert runner.invoke(args=["seed"]).exit_code == 0
    question_set = make_set(db, owner)
    login(client, owner)
    page = client.get(f"/teach/sets/{question_set.id}/add?q=Glod&article=").get_data(as_text=True)
    assert "Katia Glod" in page
    bank = db.session.scalars(
        select(Question).where(Question.key.in_(["glod-organisation", "rumas-sacked-month"]))
    )
    ids = [q.id for q in bank]
    response = post_form(client, f"/teach/sets/{question_set.id}/add", {"question_ids": ids})
    assert response.status_code == 302
    db.session.expire_all()
    assert sorted(i.question_id for i in question_set.items) == sorted(ids)
    assert all(i.added_by_id == owner.id for i in question_set.items)
    # Bank questions are shared, not copied: still read-only to the teacher.
    assert client.get(f"/teach/questions/{ids[0]}/edit").status_code == 404


def test_the_banks_sets_are_read_only_and_can_be_duplicated(client, db, owner, runner):
    assert runner.invoke(args=["seed"]).exit_code == 0
    bank_set = db.session.scalar(select(QuestionSet).where(QuestionSet.key == "timeline-of-the-exodus"))
    login(client, owner)
    assert client.get(f"/teach/sets/{bank_set.id}/edit").status_code == 404
    page = client.get(f"/teach/sets/{bank_set.id}").get_data(as_text=True)
    assert "edited in git" in page and "Duplicate and edit" in page
    response = post_form(client, f"/teach/sets/{bank_set.id}/duplicate")
    copy = db.session.scalar(select(QuestionSet).order_by(QuestionSet.id.desc()))
    assert response.location.endswith(f"/teach/sets/{copy.id}")
    assert copy.title == "Copy of Timeline of the exodus" and copy.owner_id == owner.id
    assert [i.question_id for i in copy.items] == [i.question_id for i in bank_set.items]
    assert client.get(f"/teach/sets/{copy.id}/edit").status_code == 200


def test_co_owners_edit_the_set_and_the_questions_put_in_it(client, db, owner, questions):
    question_set = make_set(db, owner, questions[:2])
    colleague = teacher("cora@example.org", "Cora Colleague")
    student = teacher("sam@example.org", "Sam", role="student")
    login(client, owner)
    url = f"/teach/sets/{question_set.id}"
    post_form(client, f"{url}/co-owners", {"email": "sam@example.org"})
    post_form(client, f"{url}/co-owners", {"email": "CORA@example.org"})
    db.session.expire_all()
    assert [c.user_id for c in question_set.co_owners] == [colleague.id]
    page = client.get(url).get_data(as_text=True)
    assert f"There is no teacher account with the email {student.email}." in page
    assert "Cora Colleague can now edit this set" in page

    logout(client)
    login(client, colleague)
    assert client.get(f"{url}/edit").status_code == 200
    assert client.get(f"/teach/questions/{questions[0].id}/edit").status_code == 200
    assert client.get(f"/teach/questions/{questions[2].id}/edit").status_code == 404  # not in the shared set
    assert post_form(client, f"{url}/delete").status_code == 403  # only the owner deletes
    post_form(client, f"{url}/co-owners/{colleague.id}/remove")  # leaving
    assert client.get(f"{url}/edit").status_code == 404


def test_adding_someone_elses_question_to_your_set_gains_nothing(client, db, owner, questions):
    """Even making its author a co-owner of your set does not let you edit their question."""
    intruder = teacher("ivan@example.org", "Ivan")
    make_set(db, owner, [questions[0]], visibility="public")
    login(client, intruder)
    theirs = make_set(db, intruder, [questions[0]], title="Mine now?")
    assert post_form(client, f"/teach/sets/{theirs.id}/co-owners", {"email": owner.email}).status_code == 302
    assert client.get(f"/teach/questions/{questions[0].id}/edit").status_code == 404


def test_deleting_a_set_keeps_its_questions(client, db, owner, questions):
    question_set = make_set(db, owner, questions)
    login(client, owner)
    assert post_form(client, f"/teach/sets/{question_set.id}/delete").status_code == 302
    assert db.session.scalar(select(func.count(QuestionSet.id))) == 0
    assert db.session.scalar(select(func.count(QuestionSetItem.id))) == 0
    assert db.session.scalar(select(func.count(Question.id))) == 3


@pytest.mark.parametrize(
    ("visibility", "owner_sees", "student_sees", "visitor_sees"),
    [("private", True, False, False), ("classes", True, False, False), ("public", True, True, True)],
)
def test_the_catalogue_follows_the_sets_visibility(
    db, owner, questions, visibility, owner_sees, student_sees, visitor_sees
):
    question_set = make_set(db, owner, questions, visibility=visibility)
    student = teacher("sam@example.org", "Sam", role="student")
    listed = lambda viewer: question_set.id in {s.id for s, _ in set_listing(db.session, viewer)}  # noqa: E731
    assert (listed(owner.id), listed(student.id), listed(None)) == (owner_sees, student_sees, visitor_sees)


def test_the_owner_takes_a_private_set_as_a_student_would(client, db, owner, questions):
    question_set = make_set(db, owner, questions)
    login(client, owner)
    page = client.get(f"/teach/sets/{question_set.id}").get_data(as_text=True)
    assert "Take it as a student" in page
    response = post_form(
        client, "/quiz/start", {"source": f"set:{question_set.key}", "length": "all", "mode": "practice"}
    )
    assert response.status_code == 302 and "/quiz/attempts/" in response.location
    logout(client)
    student = teacher("sam@example.org", "Sam", role="student")
    login(client, student)
    refused = post_form(
        client, "/quiz/start", {"source": f"set:{question_set.key}", "length": "all", "mode": "practice"}
    )
    assert "/quiz/attempts/" not in (refused.location or "")


def test_the_set_page_runs_the_same_number_of_queries_for_3_or_12_questions(client, db, owner, questions):
    small = make_set(db, owner, questions, title="Small")
    more = [
        write_question(db, owner, MIKADO, id=f"mikado-{n}", prompt=MIKADO["prompt"] + f" ({n})")
        for n in range(9)
    ]
    big = make_set(db, owner, questions + more, title="Big")
    for index, person in enumerate(["a", "b", "c"]):
        colleague = teacher(f"{person}@example.org", f"Colleague {index}")
        login(client, owner)
        post_form(client, f"/teach/sets/{big.id}/co-owners", {"email": colleague.email})
    login(client, owner)

    def queries(set_id: int) -> int:
        with count_queries() as statements:
            assert client.get(f"/teach/sets/{set_id}").status_code == 200
        return len(statements)

    queries(small.id)
    assert queries(small.id) == queries(big.id)
