"""`flask seed`: load the seed articles (and, once present, the question bank), idempotently."""

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from app.bank.service import BankError, load_bank
from app.database import require_current_schema
from app.extensions import db
from app.ingest import IngestError
from app.ingest.files import ingest_folder


@click.command("seed")
@with_appcontext
def seed_command() -> None:
    """Ingest seeds/ (with seeds/sources.yaml) and load questions/; running it again changes nothing."""
    require_current_schema()
    try:
        results = ingest_folder(db.session, Path(current_app.config["SEEDS_DIR"]))
        _, report = load_bank(db.session, [], Path(current_app.config["QUESTIONS_DIR"]))
        db.session.commit()
    except IngestError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    except BankError as error:
        db.session.rollback()
        for problem in error.problems:
            click.echo(str(problem), err=True)
        raise click.ClickException(f"{error}; nothing was seeded (run `flask questions check`)") from None
    for result in results:
        click.echo(f"  {result.summary()}")
    changed = [r for r in results if r.action != "unchanged"]
    if changed or report.changed:
        click.echo(f"Seeded {len(results)} articles ({len(changed)} created or updated).")
        click.echo(f"Questions: {report.summary()}.")
    else:
        questions = len(report.unchanged)
        click.echo(
            f"Nothing to do: all {len(results)} seed articles and {questions} questions are up to date."
        )
