"""GIFT: Moodle's own files read (families, titles, categories, comments), problems by line, escaping."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.formats.gift import escape, find_unescaped, read_gift, unescape, write_gift
from app.formats.importing import plan_import
from app.formats.registry import FORMATS

FIXTURES = Path(__file__).parent / "fixtures" / "imports"


def read(name: str):
    return read_gift((FIXTURES / name).read_text())


def test_a_moodle_file_reads_into_the_five_families_and_lists_what_sourced_cannot_ask():
    result = read("moodle-sample.gift")
    assert result.problems == []
    supported = {i.item["type"]: i for i in result.items if not i.unsupported}
    assert set(supported) == {"multiple_choice", "true_false", "numeric", "short_answer", "cloze"}
    assert supported["multiple_choice"].item["choices"] == [
        "Mikita Mikado",
        "Viktor Prokopenya",
        "Sam Altman",
    ]
    assert supported["numeric"].item["answer"] == 50 and supported["numeric"].item["tolerance"] == 5
    assert supported["short_answer"].item["accepted_answers"] == ["the KGB"]
    cloze = supported["cloze"].item
    expected = "Mikita Mikado is the founder of the software developer ___ based in San Francisco."
    assert " ".join(cloze["prompt"].split()) == expected
    assert (cloze["answer"], cloze["accepted_answers"]) == ("PandaDoc", ["Panda Doc"])
    assert [(i.line, i.unsupported.split(":")[0]) for i in result.items if i.unsupported] == [
        (18, "an essay question"),
        (20, "a matching question"),
    ]
    assert supported["multiple_choice"].line == 4


def test_problems_carry_their_lines():
    result = read("broken.gift")
    assert [p.at_line() for p in sorted(result.problems, key=lambda p: p.line)] == [
        "line 3: the answer block is not closed: { without }",
        "line 5: “fifty” is not a number with an optional :tolerance",
        "line 7: the `sourced:` comment is not JSON: Expecting property name enclosed in double quotes",
    ]


def test_escaping_round_trips_special_characters():
    text = "a ~ b = c # d { e } f : g \\ h\nnext line"
    assert unescape(escape(text)) == text
    assert find_unescaped(escape("x{y") + "{", "{") == len(escape("x{y"))


def test_written_gift_is_what_moodle_reads(app):
    record = {
        "id": "q-1", "type": "numeric", "prompt": "How many: 50 or 60?", "answer": 50, "tolerance": "10%",
        "unit": "firms", "explanation": "At least 50.", "tags": ["numbers"], "difficulty": "easy",
        "status": "approved", "origin": "curated", "accepted_answers": [], "choices": [], "role": None,
        "evidence": [{"article": "a", "text": "at least 50 firms", "url": "https://x.org/articles/a?hl=1-18#hl"}],
    }  # fmt: skip
    text = write_gift([record], {}).data
    assert (
        "::q-1::How many\\: 50 or 60? {#50:5.0####At least 50.\\nEvidence\\: “at least 50 firms” (https\\://x.org/articles/a?hl\\=1-18\\#hl)}"
        in text
    )
    assert '"tolerance": "10%"' in text and '"unit": "firms"' in text
    [item] = read_gift(text).items
    assert item.item["tolerance"] == "10%" and item.item["unit"] == "firms"
    assert item.item["evidence"] == [{"article": "a", "quote": "at least 50 firms", "start": 1, "end": 18}]


def test_a_foreign_file_comes_in_as_unsourced_drafts(db, seed_articles):
    plan = plan_import(
        db.session, FORMATS["gift"], (FIXTURES / "moodle-sample.gift").read_text(), revisable=set
    )
    assert plan.ok and len(plan.questions) == 5 and len(plan.unsupported) == 2
    assert all(q.unsourced and q.checked.spec.status == "draft" for q in plan.questions)
    assert not plan.can_apply(skip_unsupported=False) and plan.can_apply(skip_unsupported=True)
    assert {q.key.rsplit("-", 1)[0] if q.renamed_from else q.key for q in plan.questions} >= {
        "founder-pandadoc"
    }


def test_evidence_in_the_feedback_is_verified_again(db, seed_articles):
    plan = plan_import(db.session, FORMATS["gift"], (FIXTURES / "sourced.gift").read_text(), revisable=set)
    assert plan.ok, [p.at_line() for p in plan.problems]
    firms, founder = plan.questions
    assert not firms.unsourced and firms.checked.spec.status == "approved"
    assert firms.checked.spec.content.unit == "firms" and firms.checked.spec.content.difficulty == "easy"
    assert firms.checked.evidence[0].text == "He estimated that at least 50 firms in the Park"
    assert (
        founder.checked.evidence[0].span.end - founder.checked.evidence[0].span.start > 20
    )  # stale offsets mended
    forged = (
        (FIXTURES / "sourced.gift").read_text().replace("at least 50 firms in the Park", "at least 60 firms")
    )
    plan = plan_import(db.session, FORMATS["gift"], forged, revisable=set)
    assert not plan.ok
    assert (
        plan.problems[0]
        .at_line()
        .startswith("line 2: question 'firms-moved-staff': evidence not found verbatim")
    )


@pytest.mark.parametrize(
    "block", ["{", "::t", "::t::{#}", "{=}", "{~a}", "{#1..}", "x {T} y {F}", "{=a -> b}"]
)
def test_odd_blocks_are_problems_or_unsupported_never_errors(block):
    result = read_gift(block)
    assert len(result.problems) + len(result.items) == 1
