"""Exports: a deck as an Anki package (genanki) and as CSV, each note with its source link."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import zipfile

import pytest

from app.review.export import spreadsheet_safe
from tests.review_support import MT_SLUG, make_deck, open_study, post_rating


@pytest.fixture
def deck(seeded, student):
    return make_deck(student)


def test_csv_has_a_row_per_card_with_the_evidence_and_reader_link(student_client, deck):
    post_rating(student_client, deck.id, open_study(student_client, deck.id), 4)
    response = student_client.get(f"/review/decks/{deck.id}/export.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert 'filename="sourced-everyone-who-can-leave-will-leave' in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeffkey,type,front,back")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == 68
    first = rows[0]
    assert first["key"] == "anton-psychological-stress-unbearable"
    assert first["back"] == "Anton, Russian programmer"
    assert first["read_in_the_article"].startswith(f"http://localhost/articles/{MT_SLUG}?hl=")
    assert "The psychological stress was becoming unbearable" in first["evidence"]
    assert first["state"] == "Review" and first["due"]
    assert {row["state"] for row in rows[1:]} == {"New"}
    cloze = next(row for row in rows if row["key"] == "firms-relocation-destinations-cloze")
    assert "Russia, […] or the […] states" in cloze["front"] and cloze["back"] == "Poland … Baltic"


def test_the_anki_package_holds_every_note_with_its_source(student_client, deck, tmp_path):
    response = student_client.get(f"/review/decks/{deck.id}/export.apkg")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].endswith('.apkg"')
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        assert set(archive.namelist()) == {"collection.anki2", "media"}
        (tmp_path / "collection.anki2").write_bytes(archive.read("collection.anki2"))
    connection = sqlite3.connect(tmp_path / "collection.anki2")
    try:
        notes = connection.execute("SELECT flds, tags FROM notes").fetchall()
        decks = json.loads(connection.execute("SELECT decks FROM col").fetchone()[0])
    finally:
        connection.close()
    assert len(notes) == 68
    assert any(d["name"].startswith("Sourced::‘Everyone Who Can Leave, Will Leave’") for d in decks.values())
    fields = [flds.split("\x1f") for flds, _ in notes]
    assert all(any(f"http://localhost/articles/{MT_SLUG}?hl=" in field for field in note) for note in fields)
    assert all(any("Read in the article" in field for field in note) for note in fields)
    cloze = next(note for note in fields if "{{c1::Poland}}" in note[0])
    assert "{{c1::Baltic}}" in cloze[0] and cloze[-1] == "firms-relocation-destinations-cloze"
    assert any("<mark>" in field for field in fields[0])
    assert all("sourced" in tags for _, tags in notes)


def test_a_deck_without_questions_exports_empty_files(student_client, student, seeded, db):
    deck = make_deck(student)
    deck.source_key = "gone"  # its article was removed
    db.session.commit()
    text = student_client.get(f"/review/decks/{deck.id}/export.csv").get_data(as_text=True)
    assert text.strip().count("\n") == 0
    assert student_client.get(f"/review/decks/{deck.id}/export.apkg").status_code == 200


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1+1", "'+1+1"),
        ("@cmd", "'@cmd"),
        ("-3", "-3"),
        ("-x", "'-x"),
        ("Anton", "Anton"),
    ],
)
def test_csv_cells_never_start_a_spreadsheet_formula(cell, safe):
    assert spreadsheet_safe(cell) == safe
