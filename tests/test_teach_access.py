"""Every teacher route × every role: visitors log in, students get 403, another teacher's things are 404.

Also the builders the other teacher tests share: a teacher, a question written through the validator, a set.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from app.bank.editing import article_texts, check_item, cited_articles, save_question
from app.classroom.assignments import AssignmentSettings, create_assignment
from app.classroom.classes import create_class, join_by_code
from app.models import Question, QuestionSet
from app.teach import bp as teach_bp
from app.teach.ownership import viewable_sets
from app.teach.sets import add_co_owner, append_questions, create_set
from tests.dispute_helpers import flagged
from tests.factories import UserFactory
from tests.helpers import csrf_token, login, logout

NH = "the-lukashenko-factor"
MT = "everyone-who-can-leave-will-leave"
MIKADO = {
    "id": "mikado-founder",
    "type": "multiple_choice",
    "prompt": "In The Next Hint’s 2023 article, who founded the software developer that reported a raid on its Minsk office?",
    "answer": "Mikita Mikado",
    "choices": ["Mikita Mikado", "Viktor Prokopenya", "Sam Altman"],
    "explanation": "Mikado founded PandaDoc, which reported the raid.",
    "evidence": [
        {
            "article": NH,
            "quote": "Mikita Mikado, the founder of San Francisco-based software developer PandaDoc, reported a raid on his Minsk office",
        }
    ],
    "tags": ["people"],
    "status": "approved",
}


def teacher(email: str = "tess@example.org", name: str = "Tess Teacher", role: str = "teacher"):
    return UserFactory(email=email, display_name=name, role=role)


def write_question(
    db, author, item: dict | None = None, *, revise: Question | None = None, **changes
) -> Question:
    """A question stored the way the editor stores one: through the bank's validator (`revise`: a new revision)."""
    item = copy.deepcopy(item or MIKADO) | changes
    if revise is not None:
        item["id"] = revise.key
    checked, problems = check_item(item, article_texts(db.session, cited_articles(item)))
    assert checked is not None, problems
    saved = save_question(db.session, checked, question=revise, author_id=author.id if author else None)
    db.session.commit()
    return saved.question


def make_set(db, owner, questions=(), *, title="Belarus exodus", visibility="private") -> QuestionSet:
    question_set = create_set(
        db.session, title=title, description="A test set.", visibility=visibility, owner=owner, article_ids=[]
    )
    append_questions(db.session, question_set, list(questions), owner)
    db.session.commit()
    return question_set


@pytest.fixture
def world(db, seed_articles):
    """An owner with a private set holding their question (and a co-owner), another teacher, a student in the
    owner's class, which has the set as an assignment, and who flagged their answer to the question."""
    owner = teacher()
    other = teacher("otto@example.org", "Otto Other")
    student = UserFactory(email="sam@example.org", display_name="Sam Student")
    co_owner = teacher("cora@example.org", "Cora Co-owner")
    question = write_question(db, owner)
    question_set = make_set(db, owner, [question])
    add_co_owner(db.session, question_set, co_owner.email)
    school_class = create_class(db.session, owner, name="Year 10 Media")
    join_by_code(db.session, student, school_class.join_code)
    assignment = create_assignment(
        db.session,
        school_class,
        AssignmentSettings(set_id=question_set.id),
        teacher=owner,
        assignable=viewable_sets(owner),
        now=datetime.now(UTC),
    )
    db.session.commit()
    return {
        "class": school_class,
        "assignment": assignment,
        "co_owner": co_owner,
        "owner": owner,
        "other": other,
        "student": student,
        "question": question,
        "set": question_set,
        "item": question_set.items[0],
        "dispute": flagged(db, student, question),
    }


# (method, url, the endpoint it reaches, whether it names the owner's things)
ROUTES = [
    ("GET", "/teach/", "teach.home", False),
    ("GET", "/teach/sets/new", "teach.new_set", False),
    ("POST", "/teach/sets/new", "teach.new_set", False),
    ("GET", "/teach/sets/{set}", "teach.set_page", True),
    ("GET", "/teach/sets/{set}/edit", "teach.edit_set", True),
    ("POST", "/teach/sets/{set}/edit", "teach.edit_set", True),
    ("POST", "/teach/sets/{set}/items/{item}/move", "teach.move_set_item", True),
    ("POST", "/teach/sets/{set}/items/{item}/remove", "teach.remove_set_item", True),
    ("GET", "/teach/sets/{set}/add", "teach.add_questions", True),
    ("POST", "/teach/sets/{set}/add", "teach.add_questions", True),
    ("POST", "/teach/sets/{set}/duplicate", "teach.duplicate_set_view", True),
    ("POST", "/teach/sets/{set}/co-owners", "teach.add_co_owner_view", True),
    ("POST", "/teach/sets/{set}/co-owners/{co_owner}/remove", "teach.remove_co_owner_view", True),
    ("POST", "/teach/sets/{set}/delete", "teach.delete_set", True),
    ("GET", "/teach/sets/{set}/analysis", "teach.item_analysis", True),
    ("GET", "/teach/questions", "teach.questions", False),
    ("GET", "/teach/questions/new", "teach.new_question", False),
    ("GET", "/teach/questions/new?type=numeric&set={set}", "teach.new_question", True),
    ("POST", "/teach/questions/new?type=numeric&set={set}", "teach.new_question", True),
    ("GET", "/teach/questions/{question}", "teach.question", True),
    ("GET", "/teach/questions/{question}/edit", "teach.edit_question", True),
    ("POST", "/teach/questions/{question}/edit", "teach.edit_question", True),
    ("GET", "/teach/questions/{question}/preview", "teach.preview_question", True),
    ("POST", "/teach/questions/{question}/preview", "teach.preview_question", True),
    ("GET", "/teach/questions/{question}/history", "teach.history", True),
    ("POST", "/teach/questions/{question}/revisions/1/restore", "teach.restore_revision", True),
    ("POST", "/teach/questions/{question}/duplicate", "teach.duplicate_question", True),
    ("GET", "/teach/import", "teach.import_questions", False),
    ("POST", "/teach/import", "teach.import_questions", False),
    ("POST", "/teach/import/confirm", "teach.confirm_import", False),
    ("GET", "/teach/generate", "teach.generate", False),
    ("POST", "/teach/generate", "teach.generate", False),
    ("GET", "/teach/drafts", "teach.drafts", False),
    ("POST", "/teach/drafts/{question}/approve", "teach.approve_draft", True),
    ("POST", "/teach/drafts/{question}/reject", "teach.reject_draft", True),
    ("GET", "/teach/export", "teach.export_questions", False),
    ("GET", "/teach/export?scope=set:{set}&format=json", "teach.export_questions", True),
    ("GET", "/teach/disputes", "teach.disputes", False),
    ("GET", "/teach/disputes/{dispute}", "teach.dispute", True),
    ("POST", "/teach/disputes/{dispute}/resolve", "teach.resolve_dispute_view", True),
    ("GET", "/teach/classes", "teach.classes", False),
    ("GET", "/teach/classes/new", "teach.new_class", False),
    ("POST", "/teach/classes/new", "teach.new_class", False),
    ("GET", "/teach/classes/{class}", "teach.class_page", True),
    ("GET", "/teach/classes/{class}/edit", "teach.edit_class", True),
    ("POST", "/teach/classes/{class}/edit", "teach.edit_class", True),
    ("POST", "/teach/classes/{class}/code", "teach.regenerate_join_code", True),
    ("POST", "/teach/classes/{class}/joining", "teach.set_class_joining", True),
    ("POST", "/teach/classes/{class}/students/{student}/remove", "teach.remove_class_student", True),
    ("GET", "/teach/classes/{class}/grades", "teach.class_grades", True),
    ("GET", "/teach/classes/{class}/grades.csv", "teach.grades_download", True),
    ("GET", "/teach/classes/{class}/assignments/new", "teach.new_assignment", True),
    ("POST", "/teach/classes/{class}/assignments/new", "teach.new_assignment", True),
    ("GET", "/teach/assignments/{assignment}", "teach.assignment_page", True),
    ("GET", "/teach/assignments/{assignment}/edit", "teach.edit_assignment", True),
    ("POST", "/teach/assignments/{assignment}/edit", "teach.edit_assignment", True),
    ("GET", "/teach/assignments/{assignment}/delete", "teach.delete_assignment_view", True),
    ("POST", "/teach/assignments/{assignment}/delete", "teach.delete_assignment_view", True),
    ("GET", "/teach/classes/{class}/delete", "teach.delete_class", True),
    ("POST", "/teach/classes/{class}/delete", "teach.delete_class", True),
]


def test_the_matrix_covers_every_teacher_route(app):
    endpoints = {
        rule.endpoint for rule in app.url_map.iter_rules() if rule.endpoint.startswith(f"{teach_bp.name}.")
    }
    covered = {endpoint for _, _, endpoint, _ in ROUTES}
    assert endpoints == covered
    methods = {
        (method, rule.endpoint)
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("teach.")
        for method in rule.methods & {"GET", "POST"}
    }
    assert methods == {(method, endpoint) for method, _, endpoint, _ in ROUTES}


def request(client, method: str, url: str):
    if method == "GET":
        return client.get(url)
    return client.post(url, data={"csrf_token": csrf_token(client)})


def url_of(template: str, world) -> str:
    return template.format(
        set=world["set"].id,
        item=world["item"].id,
        question=world["question"].id,
        co_owner=world["co_owner"].id,
        dispute=world["dispute"].id,
        student=world["student"].id,
        **{"class": world["class"].id, "assignment": world["assignment"].id},
    )


@pytest.mark.parametrize(
    ("method", "template", "endpoint", "named"), ROUTES, ids=[f"{m} {u}" for m, u, _, _ in ROUTES]
)
@pytest.mark.parametrize("role", ["visitor", "student", "other teacher", "owner"])
def test_access_matrix(client, world, method, template, endpoint, named, role):
    url = url_of(template, world)
    if role != "visitor":
        login(client, world[{"student": "student", "other teacher": "other", "owner": "owner"}[role]])
    response = request(client, method, url)
    if role == "visitor":
        assert response.status_code == 302 and "/auth/login" in response.location
    elif role == "student":
        assert response.status_code == 403
    elif role == "other teacher" and named:
        assert response.status_code == 404, (
            f"{method} {url} answered {response.status_code} to another teacher"
        )
    else:
        assert response.status_code in (200, 302, 400, 422), f"{method} {url}: {response.status_code}"
        assert response.status_code != 400 or method == "POST"


def test_admin_may_edit_any_set_made_in_the_app(client, world):
    admin = teacher("ada@example.org", "Ada Admin", role="admin")
    login(client, admin)
    assert client.get(f"/teach/sets/{world['set'].id}/edit").status_code == 200
    assert client.get(f"/teach/questions/{world['question'].id}/edit").status_code == 200


def test_teach_appears_in_the_navigation_only_for_teachers(client, world):
    assert "/teach/" not in client.get("/").get_data(as_text=True)
    login(client, world["student"])
    assert 'href="/teach/"' not in client.get("/").get_data(as_text=True)
    logout(client)
    login(client, world["owner"])
    assert 'href="/teach/"' in client.get("/").get_data(as_text=True)


def test_another_teachers_public_set_is_readable_but_not_editable(client, db, world):
    world["set"].visibility = "public"
    db.session.commit()
    login(client, world["other"])
    set_id, question_id = world["set"].id, world["question"].id
    assert client.get(f"/teach/sets/{set_id}").status_code == 200
    assert client.get(f"/teach/sets/{set_id}/edit").status_code == 404
    assert client.get(f"/teach/questions/{question_id}").status_code == 200
    assert client.get(f"/teach/questions/{question_id}/edit").status_code == 404
    response = client.post(f"/teach/sets/{set_id}/duplicate", data={"csrf_token": csrf_token(client)})
    assert response.status_code == 302
    copy_id = int(response.location.rstrip("/").rsplit("/", 1)[1])
    copied = db.session.get(QuestionSet, copy_id)
    assert copied.owner_id == world["other"].id and copied.visibility == "private"
    # Copying a set shares the questions, it does not hand them over.
    assert client.get(f"/teach/questions/{question_id}/edit").status_code == 404
    assert (
        db.session.scalar(select(Question.author_id).where(Question.id == question_id)) == world["owner"].id
    )
