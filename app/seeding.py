"""`flask seed`: load the seed articles (and, once present, the question bank), idempotently."""

from pathlib import Path

import click
from flask import current_app

from app.extensions import db
from app.ingest import IngestError
from app.ingest.files import ingest_folder


@click.command("seed")
def seed_command() -> None:
    """Ingest seeds/ (with seeds/sources.yaml); running it again changes nothing."""
    folder = Path(current_app.config["SEEDS_DIR"])
    try:
        results = ingest_folder(db.session, folder)
        db.session.commit()
    except IngestError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    for result in results:
        click.echo(f"  {result.summary()}")
    changed = [r for r in results if r.action != "unchanged"]
    if changed:
        click.echo(f"Seeded {len(results)} articles: {len(changed)} created or updated.")
    else:
        click.echo(f"Nothing to do: all {len(results)} seed articles are already up to date.")
