"""`flask articles quotes PATH|SLUG [--format json|table]`."""

from __future__ import annotations

import json
from pathlib import Path

ARTICLES = Path(__file__).resolve().parent / "articles"
SEEDS = Path(__file__).resolve().parent.parent.parent / "seeds"


def test_json_for_a_text_file(runner, nlp):
    result = runner.invoke(
        args=["articles", "quotes", str(ARTICLES / "port-halvey-sea-wall.txt"), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert {"quote", "speaker", "speaker_role", "confidence", "start", "end", "method", "reason"} <= set(
        rows[0]
    )
    assert rows[0]["speaker"] == "Marguerite Olawale"
    assert rows[0]["quote"].startswith("We have listened to the engineers")


def test_a_seed_file_is_cleaned_with_its_sources_yaml_title(runner, nlp):
    result = runner.invoke(
        args=["articles", "quotes", str(SEEDS / "000_9c5ba6eb5ac01bd5.txt"), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0]["speaker"] == "Anton"


def test_table_for_a_stored_article(runner, nlp, seed_articles):
    result = runner.invoke(args=["articles", "quotes", "everyone-who-can-leave-will-leave"])
    assert result.exit_code == 0, result.output
    header, first = result.output.splitlines()[:2]
    assert header.split()[:4] == ["CONF", "METHOD", "SPEAKER", "CHARS"]
    assert "Anton" in first and "“The psychological stress" in first


def test_an_article_without_quotations(runner, nlp, tmp_path):
    path = tmp_path / "calm.txt"
    path.write_text(
        "A calm day\n\nNothing happened in the town today. Nobody said anything.\n", encoding="utf-8"
    )
    result = runner.invoke(args=["articles", "quotes", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "No quotations found."


def test_bad_input_is_a_one_line_error(runner, tmp_path):
    (tmp_path / "notes.pdf").write_text("x", encoding="utf-8")
    for source in [str(tmp_path / "missing.txt"), "no-such-article", str(tmp_path / "notes.pdf")]:
        result = runner.invoke(args=["articles", "quotes", source])
        assert result.exit_code == 1, result.output
        assert len(result.output.strip().splitlines()) == 1
        assert result.output.startswith("Error: ")
