"""`flask questions …`: check, load and export the question bank."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from app.articles.links import reader_url
from app.bank.exporting import exported_questions, to_csv, to_json
from app.bank.service import BankError, check_bank, check_texts, load_bank, stored_question_keys
from app.extensions import db
from app.models.questions import ORIGINS, STATUSES

questions_cli = AppGroup("questions", help="Check, load and export the question bank.")
PATHS = click.argument("paths", nargs=-1, type=click.Path(path_type=Path))


def questions_dir() -> Path:
    return Path(current_app.config["QUESTIONS_DIR"])


def fail_with_problems(problems) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)
    raise click.ClickException(f"{len(problems)} problem(s) found; nothing was loaded")


@questions_cli.command("check")
@PATHS
def check_command(paths: tuple[Path, ...]) -> None:
    """Validate question files (default: the whole bank); exit 1 on any problem."""
    texts = check_texts(db.session, Path(current_app.config["SEEDS_DIR"]))
    result = check_bank(list(paths), questions_dir(), texts, stored_question_keys(db.session))
    if result.problems:
        for problem in result.problems:
            click.echo(str(problem))
        raise click.ClickException(f"{len(result.problems)} problem(s) in {len(result.files)} file(s)")
    click.echo(
        f"OK: {len(result.questions)} questions and {len(result.sets)} set(s) "
        f"in {len(result.files)} file(s), every evidence span verified."
    )


def run_load(paths: list[Path]) -> None:
    try:
        result, report = load_bank(db.session, paths, questions_dir())
        db.session.commit()
    except BankError as error:
        db.session.rollback()
        fail_with_problems(error.problems)
    if report.changed:
        click.echo(
            f"Loaded {len(result.questions)} questions from {len(result.files)} file(s): {report.summary()}."
        )
    else:
        click.echo(f"Nothing to do: all {len(result.questions)} questions are already loaded.")


@questions_cli.command("load")
@PATHS
def load_command(paths: tuple[Path, ...]) -> None:
    """Load question files (default: the whole bank) into the database, all or nothing."""
    run_load(list(paths))


@questions_cli.command("export")
@click.option("--format", "output", type=click.Choice(["json", "csv"]), required=True)
@click.option("--status", type=click.Choice(STATUSES), help="Only questions with this status.")
@click.option("--origin", type=click.Choice(ORIGINS), help="Only questions of this origin.")
@click.option("-o", "--output-file", type=click.Path(path_type=Path), help="Write here instead of stdout.")
def export_command(output: str, status: str | None, origin: str | None, output_file: Path | None) -> None:
    """Export the bank (current revisions) with each evidence span's offsets, words and reader link."""
    with current_app.test_request_context():
        records = exported_questions(db.session, reader_url, status=status, origin=origin)
    text = to_json(records) if output == "json" else to_csv(records)
    if output_file is None:
        click.echo(text, nl=False)
        return
    output_file.write_text(text, encoding="utf-8")
    click.echo(f"Wrote {len(records)} questions to {output_file}", err=True)
