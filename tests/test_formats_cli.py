"""`flask questions import` and `flask questions export`: every format, dry runs, sets, line-numbered problems."""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.models import Question, QuestionSet
from tests.test_teach_access import teacher

FIXTURES = Path(__file__).parent / "fixtures" / "imports"


@pytest.fixture
def seeded_bank(runner):
    assert runner.invoke(args=["seed"]).exit_code == 0


def count(db) -> int:
    return db.session.scalar(select(func.count(Question.id)))


def test_import_dry_run_writes_nothing(runner, db, seed_articles):
    result = runner.invoke(
        args=["questions", "import", str(FIXTURES / "questions.csv"), "--format", "csv", "--dry-run"]
    )
    assert result.exit_code == 0, result.output
    assert "Dry run: would import 3 questions" in result.output and "1 unsourced draft(s)" in result.output
    assert count(db) == 0


def test_import_into_a_named_set_owned_by_a_teacher(runner, db, seed_articles):
    owner = teacher()
    args = [
        "questions",
        "import",
        str(FIXTURES / "sourced.gift"),
        "--format",
        "gift",
        "--set",
        "Exodus numbers",
    ]
    result = runner.invoke(args=[*args, "--owner", owner.email])
    assert result.exit_code == 0, result.output
    assert "Imported 2 questions" in result.output and "2 created" in result.output
    question_set = db.session.scalar(select(QuestionSet).where(QuestionSet.title == "Exodus numbers"))
    assert question_set.owner_id == owner.id and question_set.visibility == "private"
    assert [i.question.key for i in question_set.items] == ["firms-moved-staff", "pandadoc-founder"]
    assert all(i.question.author_id == owner.id for i in question_set.items)
    again = runner.invoke(args=[*args, "--owner", owner.email])
    assert "0 created, 0 revised, 2 unchanged" in again.output
    assert len(db.session.scalars(select(QuestionSet)).all()) == 1


def test_a_broken_file_reports_every_problem_by_line_and_writes_nothing(runner, db, seed_articles):
    result = runner.invoke(args=["questions", "import", str(FIXTURES / "broken.gift"), "--format", "gift"])
    assert result.exit_code == 1
    assert "line 3: the answer block is not closed" in result.output
    assert "line 5: “fifty” is not a number" in result.output
    assert "3 problem(s) in" in result.output and "nothing was imported" in result.output
    assert "Traceback" not in result.output and count(db) == 0


def test_unsupported_items_need_skip_unsupported(runner, db, seed_articles):
    args = ["questions", "import", str(FIXTURES / "moodle-sample.xml"), "--format", "moodle-xml"]
    refused = runner.invoke(args=args)
    assert refused.exit_code == 1 and "line 42: unsupported: a Moodle “essay” question" in refused.output
    assert "add --skip-unsupported" in refused.output and count(db) == 0
    accepted = runner.invoke(args=[*args, "--skip-unsupported"])
    assert accepted.exit_code == 0, accepted.output
    assert "Imported 5 questions" in accepted.output and "5 unsourced draft(s)" in accepted.output
    assert {q.status for q in db.session.scalars(select(Question))} == {"draft"}


def test_cli_input_errors(runner, tmp_path, seed_articles):
    missing = runner.invoke(args=["questions", "import", str(tmp_path / "none.gift"), "--format", "gift"])
    assert missing.exit_code == 1 and "cannot read" in missing.output
    latin = tmp_path / "latin.csv"
    latin.write_bytes("type,prompt,answer\nshort_answer,Caf\xe9?,x\n".encode("latin-1"))
    assert (
        "is not UTF-8 text"
        in runner.invoke(args=["questions", "import", str(latin), "--format", "csv"]).output
    )
    owner = runner.invoke(
        args=["questions", "import", str(FIXTURES / "questions.csv"), "--format", "csv", "--owner", "x@y.z"]
    )
    assert "no account with the email x@y.z" in owner.output


@pytest.mark.parametrize("fmt", ["gift", "moodle-xml", "csv", "json"])
def test_export_each_text_format(runner, seeded_bank, fmt):
    result = runner.invoke(
        args=[
            "questions",
            "export",
            "--format",
            fmt,
            "--set",
            "timeline-of-the-exodus",
            "--base-url",
            "https://sourced.example.org",
        ]
    )
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "bolotnaya-protest-years" in text
    if fmt in ("gift", "moodle-xml"):
        assert (
            "https\\://sourced.example.org/articles/" in text
            or "https://sourced.example.org/articles/" in text
        )
    if fmt == "json":
        assert json.loads(text)[0]["id"] == "bolotnaya-protest-years"


def test_export_apkg_needs_a_file_and_writes_a_deck(runner, seeded_bank, tmp_path):
    refused = runner.invoke(args=["questions", "export", "--format", "apkg"])
    assert refused.exit_code == 1 and "binary file: give -o FILE" in refused.output
    target = tmp_path / "deck.apkg"
    result = runner.invoke(
        args=["questions", "export", "--format", "apkg", "--status", "approved", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(io.BytesIO(target.read_bytes())) as archive:
        assert set(archive.namelist()) == {"collection.anki2", "media"}
        database = tmp_path / "collection.anki2"
        database.write_bytes(archive.read("collection.anki2"))
    connection = sqlite3.connect(database)
    notes = connection.execute("select flds from notes").fetchall()
    connection.close()
    assert len(notes) >= 80
    assert any(
        "Read it in the article".lower() in fields.lower() and "<blockquote>" in fields for (fields,) in notes
    )


def test_unknown_set_is_refused(runner, seeded_bank):
    result = runner.invoke(args=["questions", "export", "--format", "json", "--set", "nope"])
    assert result.exit_code == 1 and "no question set with id 'nope'" in result.output
