"""The quiz benchmark's reference pages (benchmarks/reference_pages.py) read what the real page reads."""

import pytest

from benchmarks.reference_pages import create_app
from tests.helpers import post_form


@pytest.mark.parametrize("kind", ["query", "stack"])
def test_a_reference_page_shows_the_visitors_question_row(app, client, seeded, monkeypatch, kind):
    started = post_form(client, "/quiz/start", {"source": "all", "length": "5", "mode": "practice"})
    question_path = started.headers["Location"]
    assert client.get(question_path).status_code == 200
    monkeypatch.setenv("DATABASE_URL", app.config["SQLALCHEMY_DATABASE_URI"])
    monkeypatch.setenv("SECRET_KEY", app.secret_key)
    reference_app = create_app(kind)
    reference = reference_app.test_client()
    reference.set_cookie("session", client.get_cookie("session").value)
    try:
        page = reference.get(question_path)
    finally:
        reference_app.extensions["reference_engine"].dispose()
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Question 1 of 5" in html and "Practice" not in html
    assert "· practice</p>" in html
    assert ('name=csrf_token value=""' in html) is (kind == "query")
