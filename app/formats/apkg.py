"""Anki decks (.apkg, through genanki): a note per question with its answer, explanation and source.

Notes keep their question's id as GUID, so importing a newer export into Anki updates the cards instead of
duplicating them. Fields: Question, Answer, Explanation, Source (the cited words, the article and a link
to the words highlighted in the reader). Export only: Anki decks do not come back into Sourced.
"""

from __future__ import annotations

import io
import itertools
import os
import sqlite3
import tempfile
import time
import zipfile

import genanki
from markupsafe import escape

from app.bank.types import QUESTION_TYPES
from app.formats.items import Exported, content_of

MODEL_ID = 1_738_400_112  # fixed, so re-imported decks update the same note type
DECK_ID = 1_738_400_113
CSS = """
.card { font-family: Georgia, serif; font-size: 20px; color: #1b1f24; background: #fbfaf7; text-align: left; }
.choices { margin: .5em 0 0 1.2em; padding: 0; }
.answer { font-weight: bold; color: #14532d; }
.explanation { margin-top: .6em; }
blockquote { margin: .8em 0; padding: .4em .8em; border-left: 3px solid #c99700; background: #fffaf0; }
.source { font-size: 15px; color: #4a5360; }
"""
MODEL = genanki.Model(
    MODEL_ID,
    "Sourced question",
    fields=[{"name": "Question"}, {"name": "Answer"}, {"name": "Explanation"}, {"name": "Source"}],
    templates=[
        {
            "name": "Question → answer",
            "qfmt": "{{Question}}",
            "afmt": '{{FrontSide}}<hr id="answer"><p class="answer">{{Answer}}</p>'
            '<p class="explanation">{{Explanation}}</p><div class="source">{{Source}}</div>',
        }
    ],
    css=CSS,
)


def front(record: dict) -> str:
    prompt = f"<p>{escape(record['prompt'])}</p>"
    if record["type"] == "true_false":
        return prompt + "<p><em>True or false?</em></p>"
    if record.get("choices"):
        items = "".join(f"<li>{escape(c)}</li>" for c in record["choices"])
        return prompt + f'<ol class="choices" type="A">{items}</ol>'
    return prompt


def source(record: dict, titles: dict[str, str]) -> str:
    parts = []
    for evidence in record.get("evidence") or []:
        title = titles.get(evidence["article"], evidence["article"])
        parts.append(
            f"<blockquote>{escape(' '.join(evidence['text'].split()))}</blockquote>"
            f'<p>{escape(title)} — <a href="{escape(evidence["url"])}">read it in the article</a></p>'
        )
    return "".join(parts) or "<p>No evidence cited yet.</p>"


def write_apkg(records: list[dict], titles: dict[str, str], deck_name: str = "Sourced") -> Exported:
    deck = genanki.Deck(DECK_ID, deck_name)
    for record in records:
        answer = QUESTION_TYPES[record["type"]].display_answer(content_of(record))
        fields = [
            front(record),
            str(escape(answer)),
            str(escape(record["explanation"])),
            source(record, titles),
        ]
        guid = genanki.guid_for("sourced", record["id"])
        deck.add_note(genanki.Note(model=MODEL, fields=fields, guid=guid, tags=record.get("tags") or []))
    return Exported(package_bytes(genanki.Package(deck)))


def package_bytes(package: genanki.Package) -> bytes:
    """The .apkg as bytes (genanki writes files and leaves its temporary database behind; this does not)."""
    handle, path = tempfile.mkstemp(suffix=".anki2")
    os.close(handle)
    try:
        connection = sqlite3.connect(path)
        timestamp = time.time()
        package.write_to_db(connection.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
        connection.commit()
        connection.close()
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.write(path, "collection.anki2")
            archive.writestr("media", "{}")
        return out.getvalue()
    finally:
        os.unlink(path)
