"""The maintainer's commands: `flask seed` and `flask articles ingest|list|show`."""

import json

import pytest

from tests.conftest import SEEDS

ARTICLE = "Bridge Opens Late\n\nThe mayor said the bridge would open in May.\n\nCritics disagreed loudly.\n"


def test_seed_twice_changes_nothing_and_says_so(runner):
    first = runner.invoke(args=["seed"])
    assert first.exit_code == 0, first.output
    assert "created everyone-who-can-leave-will-leave" in first.output
    assert "created the-lukashenko-factor" in first.output
    second = runner.invoke(args=["seed"])
    assert second.exit_code == 0
    assert "Nothing to do: all 2 seed articles and" in second.output


def test_seed_with_broken_sources_fails_cleanly(app, runner, tmp_path):
    (tmp_path / "sources.yaml").write_text("a.txt:\n  title: A\n  published: soon\n")
    app.config["SEEDS_DIR"] = str(tmp_path)
    result = runner.invoke(args=["seed"])
    assert result.exit_code == 1
    assert "sources.yaml:3: published must be YYYY" in result.output


def test_ingest_list_show(runner, tmp_path):
    path = tmp_path / "bridge.txt"
    path.write_text(ARTICLE)
    meta = tmp_path / "bridge.yaml"
    meta.write_text(
        "title: Bridge Opens Late\npublisher: City Post\npublished: 2024-03\nurl: https://citypost.example.com/b\n"
    )
    result = runner.invoke(args=["articles", "ingest", str(path), "--meta", str(meta)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "created bridge-opens-late: 2 paragraphs"

    listed = runner.invoke(args=["articles", "list", "--format", "json"])
    assert listed.exit_code == 0
    assert json.loads(listed.output) == [
        {
            "slug": "bridge-opens-late",
            "title": "Bridge Opens Late",
            "publisher": "City Post",
            "author": None,
            "url": "https://citypost.example.com/b",
            "published": "2024-03",
            "paragraphs": 2,
            "questions": 0,
        }
    ]
    table = runner.invoke(args=["articles", "list"])
    assert "bridge-opens-late" in table.output and "2024-03" in table.output

    shown = runner.invoke(args=["articles", "show", "bridge-opens-late"])
    assert shown.exit_code == 0
    assert "City Post" in shown.output
    assert "[p-1 0-44] The mayor said the bridge would open in May." in shown.output


def test_ingest_without_meta_uses_headline_and_custom_slug(runner, tmp_path):
    path = tmp_path / "bridge.txt"
    path.write_text(ARTICLE)
    result = runner.invoke(args=["articles", "ingest", str(path), "--slug", "bridge"])
    assert result.exit_code == 0, result.output
    shown = runner.invoke(args=["articles", "show", "bridge"])
    assert "Title:      Bridge Opens Late" in shown.output


def test_ingest_seed_file_finds_sources_beside_it(runner):
    result = runner.invoke(args=["articles", "ingest", str(SEEDS / "004_16c4a5b8d4805f23.txt")])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("created the-lukashenko-factor")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"", "is empty"),
        (b"\x00\x01\x02binary", "binary"),
        (b"caf\xe9", "not UTF-8"),
    ],
)
def test_ingest_bad_files_exit_non_zero_with_one_line(runner, tmp_path, content, message):
    path = tmp_path / "article.txt"
    if content is not None:
        path.write_bytes(content)
    result = runner.invoke(args=["articles", "ingest", str(path)])
    assert result.exit_code == 1
    assert message in result.output
    assert result.output.startswith("Error:")
    assert len(result.output.strip().splitlines()) == 1


def test_ingest_existing_slug_with_other_text_needs_replace(runner, tmp_path):
    path = tmp_path / "bridge.txt"
    path.write_text(ARTICLE)
    assert runner.invoke(args=["articles", "ingest", str(path)]).exit_code == 0
    path.write_text(ARTICLE.replace("May", "June"))
    refused = runner.invoke(args=["articles", "ingest", str(path)])
    assert refused.exit_code == 1
    assert "pass --replace" in refused.output
    replaced = runner.invoke(args=["articles", "ingest", str(path), "--replace"])
    assert replaced.exit_code == 0, replaced.output
    assert replaced.output.startswith("updated bridge-opens-late (text)")
    shown = runner.invoke(args=["articles", "show", "bridge-opens-late"])
    assert "open in June" in shown.output


def test_bad_meta_yaml_leaves_nothing_written(runner, tmp_path):
    path = tmp_path / "bridge.txt"
    path.write_text(ARTICLE)
    meta = tmp_path / "meta.yaml"
    meta.write_text("title: Bridge\n  bad: indent\n")
    result = runner.invoke(args=["articles", "ingest", str(path), "--meta", str(meta)])
    assert result.exit_code == 1
    assert "meta.yaml:2: invalid YAML" in result.output
    listed = runner.invoke(args=["articles", "list", "--format", "json"])
    assert json.loads(listed.output) == []


def test_show_unknown_slug(runner):
    result = runner.invoke(args=["articles", "show", "nope"])
    assert result.exit_code == 1
    assert "no article 'nope'" in result.output


def test_list_empty_says_how_to_add(runner):
    assert "flask seed" in runner.invoke(args=["articles", "list"]).output


@pytest.mark.parametrize(
    "args",
    [
        ["seed"],
        ["articles", "list"],
        ["questions", "load"],
        ["users", "list"],
        ["review", "optimize", "x@example.org"],
    ],
)
def test_commands_on_an_unmigrated_database_say_to_upgrade(tmp_path, args):
    from app.extensions import db
    from tests.conftest import empty_database, make_app

    with empty_database(tmp_path) as url:
        app = make_app(url, tmp_path)
        try:
            result = app.test_cli_runner().invoke(args=args)
            assert result.exit_code == 1, result.output
            assert "the database is not up to date: run `flask db upgrade` first" in result.output
        finally:
            with app.app_context():
                db.engine.dispose()


def test_bank_check_works_without_a_database(tmp_path):
    from app.extensions import db
    from tests.conftest import empty_database, make_app

    with empty_database(tmp_path) as url:
        app = make_app(url, tmp_path)
        try:
            result = app.test_cli_runner().invoke(args=["questions", "check"])
            assert result.exit_code == 0, result.output
        finally:
            with app.app_context():
                db.engine.dispose()
