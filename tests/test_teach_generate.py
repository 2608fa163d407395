"""Teachers generate drafts from an uploaded article, then approve, edit or reject them in the review queue."""

import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.models import Article, Question
from tests.helpers import login, post_form
from tests.test_teach_access import teacher

ARTICLE = Path(__file__).parent / "generation" / "articles" / "port-halvey-sea-wall.txt"


@pytest.fixture
def tess(db):
    return teacher()


def upload(client, data: bytes, name: str, action: str = "preview", **fields):
    return post_form(
        client,
        "/teach/generate",
        {"file": (io.BytesIO(data), name), "action": action, **fields},
        content_type="multipart/form-data",
    )


def test_preview_shows_the_clean_text_and_stores_nothing(client, db, tess):
    login(client, tess)
    response = upload(client, ARTICLE.read_bytes(), "sea-wall.txt", url="https://news.example.org/sea-wall")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Store the article and generate drafts" in html and "paragraphs" in html
    assert db.session.scalar(select(func.count(Article.id))) == 0


def test_generate_stores_the_article_and_drafts_least_certain_first(client, db, tess):
    login(client, tess)
    text = ARTICLE.read_text()
    response = post_form(
        client,
        "/teach/generate",
        {
            "text": text,
            "action": "generate",
            "url": "https://news.example.org/sea-wall",
            "publisher": "Harbour Post",
        },
    )
    assert response.status_code == 302 and "/teach/drafts?article=" in response.location
    article = db.session.scalar(select(Article))
    assert article.url == "https://news.example.org/sea-wall" and article.publisher == "Harbour Post"
    drafts = db.session.scalars(select(Question).where(Question.status == "draft")).all()
    assert drafts and all(q.origin == "generated" and q.author_id == tess.id for q in drafts)
    assert all(q.confidence is not None for q in drafts)
    queue = client.get(response.location).get_data(as_text=True)
    shown = [int(part.split("%")[0]) for part in queue.split('">\n            ')[1:] if "% sure" in part[:20]]
    assert shown == sorted(shown)
    assert "<mark>" in queue and "Read in the article" in queue


def test_approve_and_reject(client, db, tess):
    login(client, tess)
    post_form(client, "/teach/generate", {"text": ARTICLE.read_text(), "action": "generate"})
    first, second = db.session.scalars(select(Question).where(Question.status == "draft").limit(2)).all()
    post_form(client, f"/teach/drafts/{first.id}/approve")
    post_form(client, f"/teach/drafts/{second.id}/reject")
    db.session.expire_all()
    assert db.session.get(Question, first.id).status == "approved"
    assert db.session.get(Question, second.id).status == "retired"
    again = post_form(client, f"/teach/drafts/{first.id}/reject")
    assert again.status_code == 302
    db.session.expire_all()
    assert db.session.get(Question, first.id).status == "approved"


def test_another_teachers_drafts_are_invisible(client, db, tess):
    login(client, tess)
    post_form(client, "/teach/generate", {"text": ARTICLE.read_text(), "action": "generate"})
    draft = db.session.scalar(select(Question).where(Question.status == "draft"))
    login(client, teacher("otto@example.org", "Otto Other"))
    assert "No drafts waiting" in client.get("/teach/drafts").get_data(as_text=True)
    assert post_form(client, f"/teach/drafts/{draft.id}/approve").status_code == 404


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "photo.txt", "binary"),
        (b"caf\xe9", "latin.txt", "not UTF-8"),
        (b"Some text", "slides.pdf", "upload a .txt or .html file"),
        (b"x" * 5_001, "huge.txt", "larger than 5 kB"),
        (b"", "empty.txt", "Paste the article"),
    ],
)
def test_bad_uploads_get_a_clear_error_and_store_nothing(app, client, db, tess, data, name, message):
    app.config["MAX_ARTICLE_BYTES"] = 5_000
    login(client, tess)
    response = upload(client, data, name, action="generate")
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Article.id))) == 0


def test_bad_metadata_is_refused(client, db, tess):
    login(client, tess)
    response = post_form(
        client,
        "/teach/generate",
        {"text": "Headline\n\nBody text here.", "url": "ftp://x", "action": "preview"},
    )
    assert response.status_code == 422 and "must start with http" in response.get_data(as_text=True)


def test_generated_output_loads_back(runner, db, seed_articles, tmp_path):
    """`flask questions generate --dry-run` output (with confidence and reason) is accepted by the loader."""
    out = tmp_path / "drafts.json"
    result = runner.invoke(
        args=["questions", "generate", "the-lukashenko-factor", "--dry-run", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    loaded = runner.invoke(args=["questions", "check", str(out)])
    assert loaded.exit_code == 0, loaded.output
