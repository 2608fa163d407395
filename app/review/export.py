"""A deck as an Anki package (.apkg, through genanki) or as CSV; every note carries its source links.

Cloze questions become Anki cloze notes (all blanks one card, as here); the others front/back notes. Model ids
are fixed, and note GUIDs come from the question key, so importing a newer export updates the notes in place.
"""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
import json
import sqlite3
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import genanki
from markupsafe import Markup, escape
from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from app.bank.types import QUESTION_TYPES
from app.bank.types.cloze import BLANK, Cloze
from app.models import Deck, Question, QuestionRevision, ReviewCard
from app.models.questions import revision_sources
from app.models.reviews import STATE_NAMES
from app.quiz.presenting import EvidenceView, evidence_views
from app.review.decks import member_questions
from app.review.presenting import CardItem

BASIC_MODEL_ID = 1_607_392_301
CLOZE_MODEL_ID = 1_607_392_302
CARD_CSS = """
.card { font-family: Georgia, serif; font-size: 20px; line-height: 1.5; color: #1b1f24; background: #fbfaf7;
  text-align: left; max-width: 40em; margin: 0 auto; padding: 1em; }
.cloze { font-weight: bold; color: #1d3557; }
mark { background: #ffe08a; }
blockquote { border-left: 3px solid #c99700; margin: 1em 0; padding: 0.3em 0.8em; background: #fffaf0; }
.explanation { color: #4a5360; }
.source { font-family: system-ui, sans-serif; font-size: 15px; }
"""
BACK = (
    '<p class="explanation">{{Explanation}}</p><blockquote>{{Evidence}}</blockquote>'
    '<p class="source">{{Source}}</p>'
)
BASIC_MODEL = genanki.Model(
    BASIC_MODEL_ID,
    "Sourced question",
    fields=[{"name": n} for n in ("Front", "Back", "Explanation", "Evidence", "Source", "Key")],
    templates=[
        {
            "name": "Sourced card",
            "qfmt": "{{Front}}",
            "afmt": '{{FrontSide}}<hr id="answer"><p><strong>{{Back}}</strong></p>' + BACK,
        }
    ],
    css=CARD_CSS,
)
CLOZE_MODEL = genanki.Model(
    CLOZE_MODEL_ID,
    "Sourced cloze",
    fields=[{"name": n} for n in ("Text", "Explanation", "Evidence", "Source", "Key")],
    templates=[{"name": "Sourced cloze", "qfmt": "{{cloze:Text}}", "afmt": "{{cloze:Text}}" + BACK}],
    css=CARD_CSS,
    model_type=genanki.Model.CLOZE,
)
CSV_COLUMNS = (
    "key",
    "type",
    "front",
    "back",
    "explanation",
    "evidence",
    "article",
    "read_in_the_article",
    "original_url",
    "tags",
    "state",
    "due",
)


@dataclass(frozen=True)
class ExportNote:
    key: str
    type: str
    prompt: str
    answer: str
    explanation: str
    evidence: tuple[EvidenceView, ...]
    tags: tuple[str, ...]
    state: str
    due: str  # ISO date and time (UTC), or "" for a card never studied
    cloze_parts: tuple[str, ...] = ()  # cloze: the text around the blanks
    blank_answers: tuple[str, ...] = ()


def deck_notes(session: Session, deck: Deck, reader_url) -> list[ExportNote]:
    """Every question of the deck, in deck order, with the learner's card state when they have a card."""
    members = member_questions(deck.source_kind, deck.source_key, deck.user_id).subquery()
    rows = session.execute(
        select(QuestionRevision, Question.key, ReviewCard)
        .join(Question, Question.current_revision_id == QuestionRevision.id)
        .join(members, members.c.question_id == Question.id)
        .outerjoin(
            ReviewCard, and_(ReviewCard.question_id == Question.id, ReviewCard.user_id == deck.user_id)
        )
        .order_by(members.c.rank, Question.id)
        .options(
            *revision_sources(),
        )
    ).all()
    return [note(revision, key, card, reader_url) for revision, key, card in rows]


def note(revision: QuestionRevision, key: str, card: ReviewCard | None, reader_url) -> ExportNote:
    content = revision.content
    cloze = revision.type == Cloze.name
    return ExportNote(
        key=key,
        type=revision.type,
        prompt=content.prompt,
        answer=QUESTION_TYPES[revision.type].display_answer(content),
        explanation=content.explanation,
        evidence=evidence_views(CardItem(revision=revision, choice_order=[]), reader_url),
        tags=tuple(revision.tag_names),
        state=STATE_NAMES[card.state] if card else STATE_NAMES[0],
        due=card.due.isoformat(timespec="minutes") if card and card.last_review else "",
        cloze_parts=tuple(BLANK.split(content.prompt)) if cloze else (),
        blank_answers=tuple(Cloze.answers(content)) if cloze else (),
    )


# ── CSV ──────────────────────────────────────────────────────────────────────────────────────────────────


def spreadsheet_safe(value: str) -> str:
    """Text a spreadsheet will not run as a formula (OWASP's CSV-injection advice), numbers left alone."""
    if value[:1] in ("=", "+", "@", "\t", "\r") or (value[:1] == "-" and not is_number(value)):
        return "'" + value
    return value


def is_number(value: str) -> bool:
    try:
        float(value.replace(",", ""))
    except ValueError:
        return False
    return True


def front_text(note: ExportNote) -> str:
    return "[…]".join(note.cloze_parts) if note.cloze_parts else note.prompt


def deck_csv(notes: list[ExportNote]) -> str:
    """One row per question; evidence sentences (and their links) joined with " | " when there are several."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for n in notes:
        first = n.evidence[0] if n.evidence else None
        row = [
            n.key,
            n.type,
            front_text(n),
            n.answer,
            n.explanation,
            " | ".join(e.sentence.striptags() for e in n.evidence),
            first.article_title if first else "",
            " | ".join(e.reader_link for e in n.evidence),
            " | ".join(dict.fromkeys(e.article_url for e in n.evidence if e.article_url)),
            " ".join(n.tags),
            n.state,
            n.due,
        ]
        writer.writerow([spreadsheet_safe(str(cell)) for cell in row])
    return out.getvalue()


# ── Anki package ─────────────────────────────────────────────────────────────────────────────────────────


def anki_deck_id(deck: Deck) -> int:
    """A stable id in the range Anki uses, so a re-import lands in the same deck."""
    digest = hashlib.sha256(f"sourced-deck-{deck.id}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


def source_html(evidence: tuple[EvidenceView, ...]) -> Markup:
    links = []
    for e in evidence:
        publisher = escape(e.publisher or "the publisher")
        original = (
            Markup(' · <a href="{}">Original at {}</a>').format(e.article_url, publisher)
            if e.article_url
            else ""
        )
        links.append(
            Markup('<a href="{}">Read in the article</a>{} — <cite>{}</cite>').format(
                e.reader_link, original, e.article_title
            )
        )
    return Markup("<br>").join(dict.fromkeys(links))


def cloze_html(note: ExportNote) -> Markup:
    parts = [escape(part) for part in note.cloze_parts]
    filled = [Markup("{{{{c1::{}}}}}").format(answer) for answer in note.blank_answers]
    return Markup("").join(p for pair in itertools.zip_longest(parts, filled, fillvalue="") for p in pair)


def anki_note(note: ExportNote) -> genanki.Note:
    evidence = Markup("<br>").join(e.sentence for e in note.evidence)
    tags = [tag.replace(" ", "_") for tag in (*note.tags, "sourced")]
    guid = genanki.guid_for("sourced", note.key)
    if note.cloze_parts:
        fields = [cloze_html(note), escape(note.explanation), evidence, source_html(note.evidence), note.key]
        return genanki.Note(model=CLOZE_MODEL, fields=[str(f) for f in fields], tags=tags, guid=guid)
    fields = [
        escape(note.prompt),
        escape(note.answer),
        escape(note.explanation),
        evidence,
        source_html(note.evidence),
        note.key,
    ]
    return genanki.Note(model=BASIC_MODEL, fields=[str(f) for f in fields], tags=tags, guid=guid)


def deck_apkg(deck: Deck, notes: list[ExportNote]) -> bytes:
    """The .apkg file's bytes: genanki writes the collection, into a folder that is removed afterwards
    (genanki's own `write_to_file` leaves its temporary database behind)."""
    anki_deck = genanki.Deck(anki_deck_id(deck), f"Sourced::{deck.title}")
    for n in notes:
        anki_deck.add_note(anki_note(n))
    package = genanki.Package(anki_deck)
    timestamp = time.time()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "collection.anki2"
        connection = sqlite3.connect(path)
        try:
            package.write_to_db(connection.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
            connection.commit()
        finally:
            connection.close()
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.write(path, "collection.anki2")
            archive.writestr("media", json.dumps({}))
        return out.getvalue()
