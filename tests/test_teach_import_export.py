"""Web import (upload → preview with every question and problem → confirm) and export downloads."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.models import Question, QuestionSet
from tests.helpers import login, post_form
from tests.test_teach_access import make_set, teacher, write_question

FIXTURES = Path(__file__).parent / "fixtures" / "imports"


def upload(client, name: str, fmt: str, **fields):
    data = {"file": (io.BytesIO((FIXTURES / name).read_bytes()), name), "format": fmt, "target": "", **fields}
    return post_form(client, "/teach/import", data, content_type="multipart/form-data")


def hidden_fields(html: str) -> dict:
    fields = dict(re.findall(r'<input id="(\w+)" name="\w+" type="hidden" value="([^"]*)"', html))
    fields["content"] = re.search(
        r'<textarea name="content" hidden aria-hidden="true">([^<]*)</textarea>', html
    ).group(1)
    fields.pop("csrf_token", None)
    return fields


def test_preview_then_confirm_into_a_new_set(client, db, owner):
    login(client, owner)
    preview = upload(client, "sourced.gift", "gift", target="new", new_set_title="Exodus numbers")
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "Ready to import 2 questions" in html
    assert "✓ verified" in html and "a new set, “Exodus numbers”" in html
    assert db.session.scalar(select(func.count(Question.id))) == 0  # the preview writes nothing
    fields = hidden_fields(html)
    assert base64.b64decode(fields["content"]).decode() == (FIXTURES / "sourced.gift").read_text()
    response = post_form(client, "/teach/import/confirm", fields)
    assert response.status_code == 302
    question_set = db.session.scalar(select(QuestionSet).where(QuestionSet.title == "Exodus numbers"))
    assert response.location.endswith(f"/teach/sets/{question_set.id}")
    assert [i.question.author_id for i in question_set.items] == [owner.id, owner.id]
    assert "Imported 2 questions from sourced.gift" in client.get(response.location).get_data(as_text=True)


def test_problems_are_listed_by_line_and_nothing_can_be_confirmed(client, db, owner):
    login(client, owner)
    html = upload(client, "broken.csv", "csv").get_data(as_text=True)
    assert "nothing can be imported yet" in html
    assert re.search(
        r"<code>line 2: question &#39;[a-z0-9-]+&#39;: answer “Sam Altman” is not among the choices</code>",
        html,
    )
    assert "<code>line 4:" in html and "<code>line 5:" in html
    assert "/teach/import/confirm" not in html


def test_unsupported_items_are_skipped_only_when_asked(client, db, owner):
    login(client, owner)
    html = upload(client, "moodle-sample.gift", "gift").get_data(as_text=True)
    assert "2 items Sourced cannot take" in html and "line 18: an essay question" in html
    assert html.count("Unsourced draft") == 5
    fields = hidden_fields(html)
    refused = post_form(client, "/teach/import/confirm", fields)
    assert refused.status_code == 422 and "Tick this box" in refused.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Question.id))) == 0
    accepted = post_form(client, "/teach/import/confirm", {**fields, "skip_unsupported": "y"})
    assert accepted.status_code == 302 and accepted.location.endswith("/teach/questions?scope=mine")
    assert db.session.scalar(select(func.count(Question.id))) == 5
    assert {q.status for q in db.session.scalars(select(Question))} == {"draft"}


def test_upload_checks(client, owner):
    login(client, owner)
    latin = {"file": (io.BytesIO("Caf\xe9 {T}".encode("latin-1")), "x.gift"), "format": "gift", "target": ""}
    html = post_form(client, "/teach/import", latin, content_type="multipart/form-data").get_data(
        as_text=True
    )
    assert "not UTF-8 text" in html
    html = upload(client, "sourced.gift", "gift", target="new").get_data(as_text=True)
    assert "Give the new set a title." in html
    html = post_form(client, "/teach/import", {"format": "gift"}).get_data(as_text=True)
    assert "Choose a file to import." in html
    assert post_form(client, "/teach/import/confirm", {"format": "gift", "content": "%%%"}).status_code == 400


def test_importing_into_another_teachers_set_is_refused(client, db, owner):
    other_set = make_set(db, teacher("otto@example.org", "Otto"), [])
    login(client, owner)
    fields = {"content": base64.b64encode((FIXTURES / "sourced.gift").read_bytes()).decode(), "format": "gift",
              "filename": "x.gift", "target": f"set:{other_set.id}"}  # fmt: skip
    assert post_form(client, "/teach/import/confirm", fields).status_code == 404
    assert db.session.scalar(select(func.count(Question.id))) == 0


@pytest.mark.parametrize(
    ("fmt", "mimetype", "extension", "marker"),
    [
        ("gift", "text/plain", "gift.txt", b"::mikado-founder::"),
        ("moodle-xml", "application/xml", "xml", b"<idnumber>mikado-founder</idnumber>"),
        ("csv", "text/csv", "csv", b"mikado-founder,multiple_choice"),
        ("json", "application/json", "json", b'"id": "mikado-founder"'),
        ("apkg", "application/octet-stream", "apkg", b"PK"),
    ],
)
def test_export_downloads(client, db, owner, fmt, mimetype, extension, marker):
    question_set = make_set(db, owner, [write_question(db, owner)], title="Belarus exodus")
    login(client, owner)
    response = client.get(f"/teach/export?scope=set:{question_set.id}&format={fmt}")
    assert response.status_code == 200 and response.mimetype == mimetype
    assert f"filename={'belarus-exodus'}.{extension}" in response.headers["Content-Disposition"]
    assert marker in response.data
    if fmt in ("gift", "moodle-xml"):
        assert b"http://localhost/articles/the-lukashenko-factor?hl" in response.data.replace(b"\\", b"")
    mine = client.get(f"/teach/export?scope=mine&format={fmt}")
    assert mine.status_code == 200 and marker in mine.data
    assert client.get("/teach/export").status_code == 200
