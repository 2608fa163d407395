"""API articles and questions: clean text with offsets, evidence with reader links, and answers only for
teachers who may see them (a student's client can never read the answer of a quiz in progress)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select

from app.models import Article, Question
from tests.api_support import api_get, error_of, issue_token
from tests.factories import UserFactory
from tests.review_support import MT_SLUG, NH_SLUG
from tests.test_teach_access import MIKADO, make_set, teacher, write_question


@pytest.fixture
def token(db, student):
    return issue_token(student, scope="read")


def test_articles_list_with_counts(client, seeded, token):
    body = api_get(client, token, "/articles").get_json()
    assert body["total"] == 2
    by_slug = {a["slug"]: a for a in body["items"]}
    assert set(by_slug) == {MT_SLUG, NH_SLUG}
    article = by_slug[MT_SLUG]
    assert article["question_count"] > 0 and article["paragraph_count"] > 0
    assert article["reader_url"] == f"http://localhost/articles/{MT_SLUG}"
    assert article["api_url"] == f"http://localhost/api/v1/articles/{MT_SLUG}"


def test_an_article_has_clean_text_paragraph_offsets_and_source(client, db, seeded, token):
    body = api_get(client, token, f"/articles/{NH_SLUG}").get_json()
    stored = db.session.scalar(select(Article).where(Article.slug == NH_SLUG))
    assert body["text"] == stored.clean_text
    assert body["title"] == stored.title and body["url"] == stored.url and body["publisher"]
    first = body["paragraphs"][0]
    assert first["anchor"] == "p-1" or first["anchor"].startswith("p-")
    for paragraph in body["paragraphs"]:
        words = body["text"][paragraph["start"] : paragraph["end"]]
        assert words and words == words.strip() and "\n\n" not in words


@pytest.mark.parametrize("slug", ["no-such-article", "Not A Slug", "x" * 121])
def test_an_unknown_article_is_404(client, seeded, token, slug):
    response = api_get(client, token, f"/articles/{slug}")
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


def test_a_student_sees_questions_with_evidence_but_never_their_answers(client, db, seeded, token):
    body = api_get(client, token, "/questions?per_page=100").get_json()
    assert body["total"] == db.session.query(Question).filter_by(status="approved").count()
    for question in body["items"]:
        assert question["answer"] is None
        assert question["status"] == "approved"
    choice = next(q for q in body["items"] if q["type"] == "multiple_choice")
    assert choice["choices"] == sorted(choice["choices"], key=str.casefold)  # the bank lists the answer first
    evidence = choice["evidence"][0]
    article = db.session.scalar(select(Article).where(Article.slug == evidence["article"]["slug"]))
    assert article.clean_text[evidence["start"] : evidence["end"]] == evidence["quote"]
    sentence = evidence["sentence"]
    assert sentence["start"] <= evidence["start"] < evidence["end"] <= sentence["end"]
    assert article.clean_text[sentence["start"] : sentence["end"]] == sentence["text"]
    link = urlsplit(evidence["reader_url"])
    assert link.path == f"/articles/{article.slug}" and link.fragment == "hl"
    assert parse_qs(link.query)["hl"] == [f"{evidence['start']}-{evidence['end']}"]
    assert evidence["article"]["url"] == article.url


def test_questions_filter_by_article_and_tag(client, seeded, token):
    everything = api_get(client, token, "/questions?per_page=100").get_json()["total"]
    by_article = api_get(client, token, f"/questions?article={NH_SLUG}&per_page=100").get_json()
    assert 0 < by_article["total"] < everything
    assert all(any(e["article"]["slug"] == NH_SLUG for e in q["evidence"]) for q in by_article["items"])
    quotes = api_get(client, token, "/questions?tag=quotes&per_page=100").get_json()
    assert quotes["total"] > 0 and all("quotes" in q["tags"] for q in quotes["items"])
    assert api_get(client, token, "/questions?tag=no-such-tag").get_json()["total"] == 0
    response = api_get(client, token, "/questions?article=no-such-article")
    assert response.status_code == 422
    assert "query.article" in error_of(response)["details"]


def test_filters_are_kept_in_the_next_page_link(client, seeded, token):
    body = api_get(client, token, f"/questions?article={MT_SLUG}&per_page=2").get_json()
    query = parse_qs(urlsplit(body["next"]).query)
    assert query == {"article": [MT_SLUG], "page": ["2"], "per_page": ["2"]}


def test_a_draft_is_invisible_to_students_and_visible_with_its_answer_to_its_author(
    client, db, seed_articles
):
    author = teacher()
    draft = write_question(db, author, status="draft")
    student = UserFactory(email="pupil@example.org")
    student_token, author_token = issue_token(student), issue_token(author)
    assert api_get(client, student_token, f"/questions/{draft.id}").status_code == 404
    assert api_get(client, student_token, "/questions").get_json()["total"] == 0
    body = api_get(client, author_token, f"/questions/{draft.id}").get_json()
    assert body["status"] == "draft"
    assert body["answer"]["value"] == MIKADO["answer"]
    assert body["answer"]["expected"] == MIKADO["answer"]
    assert body["answer"]["explanation"] == MIKADO["explanation"]


def test_another_teachers_private_question_is_hidden_or_answerless(client, db, seed_articles):
    owner, other = teacher(), teacher("otto@example.org", "Otto Other")
    draft = write_question(db, owner, status="draft")
    approved = write_question(db, owner, id="mikado-approved")
    make_set(db, owner, [draft, approved])
    token = issue_token(other)
    assert api_get(client, token, f"/questions/{draft.id}").status_code == 404
    body = api_get(client, token, f"/questions/{approved.id}").get_json()
    assert body["answer"] is None  # approved, so quizzes ask it, but the teaching pages do not show it


def test_a_bank_question_shows_its_answer_to_a_teacher_not_to_a_student(client, db, seeded, student):
    question = db.session.scalar(select(Question).where(Question.status == "approved").limit(1))
    as_teacher = api_get(client, issue_token(teacher()), f"/questions/{question.id}").get_json()
    as_student = api_get(client, issue_token(student), f"/questions/{question.id}").get_json()
    assert as_teacher["answer"] is not None and as_student["answer"] is None
    assert {k: v for k, v in as_teacher.items() if k != "answer"} == {
        k: v for k, v in as_student.items() if k != "answer"
    }


def test_an_unknown_question_is_404(client, seeded, token):
    assert api_get(client, token, "/questions/999999").status_code == 404
