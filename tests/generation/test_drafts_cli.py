"""`flask questions generate`: dry runs in the export shape, storing drafts once, one-line errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml
from sqlalchemy import select

from app.models import Question

ARTICLES = Path(__file__).parent / "articles"
EXPORT_KEYS = {
    "id", "type", "prompt", "answer", "accepted_answers", "choices", "tolerance", "unit", "role", "explanation",
    "evidence", "tags", "difficulty", "origin", "status",
}  # fmt: skip


def article_file(tmp_path: Path, name: str = "drafts-river-clinic.txt") -> Path:
    path = tmp_path / name
    shutil.copy(ARTICLES / name, path)
    return path


def test_dry_run_prints_drafts_in_the_export_shape_and_stores_nothing(runner, db, tmp_path):
    result = runner.invoke(args=["questions", "generate", str(article_file(tmp_path)), "--dry-run"])
    assert result.exit_code == 0, result.output
    records = json.loads(result.output)
    assert len(records) >= 10
    for record in records:
        assert set(record) == EXPORT_KEYS | {"confidence", "reason"}
        assert (record["status"], record["origin"]) == ("draft", "generated")
        for evidence in record["evidence"]:
            assert evidence["article"] == "rural-hospital-ward-closes-as-nurses-leave-for-the-city"
            assert evidence["url"].endswith(f"?hl={evidence['start']}-{evidence['end']}#hl")
    assert db.session.scalar(select(Question.id)) is None


def test_yaml_to_a_file(runner, tmp_path):
    out = tmp_path / "drafts.yaml"
    result = runner.invoke(
        args=[
            "questions",
            "generate",
            str(article_file(tmp_path)),
            "--dry-run",
            "--format",
            "yaml",
            "-o",
            str(out),
        ]
    )
    assert result.exit_code == 0, result.output
    records = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert records and all("confidence" in r and "reason" in r for r in records)


def test_storing_ingests_the_file_and_is_idempotent(runner, db, tmp_path):
    path = article_file(tmp_path)
    first = runner.invoke(args=["questions", "generate", str(path)])
    assert first.exit_code == 0, first.output
    assert "rural-hospital-ward-closes-as-nurses-leave-for-the-city: stored" in first.output
    stored = db.session.scalars(select(Question)).all()
    assert stored and {(q.status, q.origin, q.source_file) for q in stored} == {("draft", "generated", None)}
    second = runner.invoke(
        args=["questions", "generate", "rural-hospital-ward-closes-as-nurses-leave-for-the-city"]
    )
    assert second.exit_code == 0, second.output
    assert f"stored 0 draft(s) for review, {len(stored)} already stored" in second.output
    assert len(db.session.scalars(select(Question)).all()) == len(stored)
    exported = runner.invoke(args=["questions", "export", "--format", "json", "--status", "draft"])
    assert len(json.loads(exported.output)) == len(stored)


def test_a_draft_the_teacher_changed_is_left_alone(runner, db, tmp_path):
    path = article_file(tmp_path)
    assert runner.invoke(args=["questions", "generate", str(path)]).exit_code == 0
    question = db.session.scalars(select(Question)).first()
    question.status = "approved"
    db.session.commit()
    assert runner.invoke(args=["questions", "generate", str(path)]).exit_code == 0
    db.session.refresh(question)
    assert question.status == "approved"


def test_bad_input_is_one_line_and_exit_1(runner, tmp_path):
    missing = runner.invoke(args=["questions", "generate", "no-such-article"])
    assert missing.exit_code == 1
    assert (
        missing.output.strip() == "Error: no stored article 'no-such-article' and no file 'no-such-article'"
    )
    absent = runner.invoke(args=["questions", "generate", str(tmp_path / "absent.txt"), "--dry-run"])
    assert absent.exit_code == 1 and len(absent.output.strip().splitlines()) == 1
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    result = runner.invoke(args=["questions", "generate", str(empty)])
    assert result.exit_code == 1 and "empty" in result.output and len(result.output.strip().splitlines()) == 1


def test_who_said_drafts_from_attributions(monkeypatch, nlp):
    """The who-said generator on attributions as the quote extractor gives them (faked here)."""
    import sys
    import types
    from dataclasses import dataclass

    from app.generation.context import SourceArticle
    from app.generation.drafts import generate_drafts

    text = (
        "Harbour Plan Divides Town\n\nMarta Kowalczyk, the mayor of Brenton, backed the plan on Monday.\n\n"
        "“This harbour will bring three hundred jobs to a town that badly needs them,” Kowalczyk said.\n\n"
        "Tomas Reyes, chairman of the Brenton Anglers Club, disagreed. “Nobody asked the people who fish here "
        "every single morning,” he said.\n\n"
        "Ana Lindqvist, a marine biologist at Northfield University, said the seabed survey was incomplete. "
        "“We simply do not know what lives on that part of the seabed yet,” Lindqvist said."
    )

    @dataclass
    class Attribution:
        quote: str
        start: int
        end: int
        speaker: str | None
        speaker_role: str | None
        confidence: float
        method: str
        reason: str

    def extract_quotes(article_text, *, doc=None):
        found = []
        for words, speaker, role, confidence in [
            ("This harbour will bring three hundred jobs to a town that badly needs them,", "Marta Kowalczyk",
             "mayor of Brenton", 0.8),
            ("Nobody asked the people who fish here every single morning,", "Tomas Reyes",
             "chairman of the Brenton Anglers Club", 0.6),
            ("We simply do not know what lives on that part of the seabed yet,", "Ana Lindqvist", None, 0.9),
            ("This harbour will bring", None, None, 0.2),
        ]:  # fmt: skip
            start = article_text.index(words) - 1
            found.append(
                Attribution(words, start, start + len(words) + 2, speaker, role, confidence, "name", "")
            )
        return found

    monkeypatch.setitem(
        sys.modules, "app.generation.quotes", types.SimpleNamespace(extract_quotes=extract_quotes)
    )
    source = SourceArticle(
        "harbour-plan", text.split("\n\n", 1)[1], "Harbour Plan Divides Town", "Brenton Post", "2025"
    )
    drafts = generate_drafts(source, nlp, generators=("who_said",)).drafts
    assert [d.item["answer"] for d in drafts] == ["Marta Kowalczyk", "Tomas Reyes", "Ana Lindqvist"]
    mayor = drafts[0].item
    assert mayor["prompt"] == (
        "In Brenton Post’s 2025 article “Harbour Plan Divides Town”, who said: “This harbour will bring three "
        "hundred jobs to a town that badly needs them”?"
    )
    assert mayor["role"] == "mayor of Brenton" and mayor["accepted_answers"] == ["Kowalczyk"]
    assert sorted(mayor["choices"]) == ["Ana Lindqvist", "Marta Kowalczyk", "Tomas Reyes"]
    quoted, introduced = (e["quote"] for e in mayor["evidence"])
    assert "Marta Kowalczyk" in quoted or "Marta Kowalczyk" in introduced
    assert (
        drafts[2].item["role"] == "marine biologist at Northfield University"
    )  # the article's, not the extractor's
    assert drafts[1].confidence < 0.8 and drafts[1].reason
