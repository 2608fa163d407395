"""`flask questions generate`: draft questions from an article, printed (--dry-run) or stored for review.

Registered on the `questions` group by app/bank/cli.py; the heavy imports (spaCy) wait until it runs.
"""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app

from app.extensions import db


@click.command("generate")
@click.argument("target")
@click.option("--dry-run", is_flag=True, help="Print the drafts; store nothing.")
@click.option("--format", "output", type=click.Choice(["json", "yaml"]), default="json", show_default=True)
@click.option("-o", "--output-file", type=click.Path(path_type=Path), help="Write the drafts here.")
def generate_command(target: str, dry_run: bool, output: str, output_file: Path | None) -> None:
    """Draft questions from an article: a .txt/.html file (ingested first) or a stored article's slug.

    Without --dry-run the drafts are stored for review (status draft, origin generated); ids are stable, so
    generating again adds only what is new. All in one transaction.
    """
    from sqlalchemy import select

    from app.articles.links import reader_url
    from app.generation.drafts import generate_drafts
    from app.generation.nlp import ModelNotInstalledError
    from app.generation.records import draft_record, to_json, to_yaml
    from app.generation.sources import source_from_article, source_from_file
    from app.generation.storing import store_drafts
    from app.ingest import IngestError
    from app.ingest.files import ingest_file
    from app.models import Article

    path = Path(target)
    try:
        if path.is_file() or path.suffix.lower() in {".txt", ".html", ".htm"}:
            article = None if dry_run else ingest_file(db.session, path).article
            source = source_from_file(path) if dry_run else source_from_article(article)
        else:
            article = db.session.scalar(select(Article).where(Article.slug == target))
            if article is None:
                raise click.ClickException(f"no stored article {target!r} and no file {target!r}")
            source = source_from_article(article)
        generation = generate_drafts(source)
        report = None if dry_run else store_drafts(db.session, generation.drafts, article)
        db.session.commit()
    except (IngestError, ModelNotInstalledError) as error:
        db.session.rollback()
        raise click.ClickException(str(error).splitlines()[0]) from None
    with current_app.test_request_context():
        records = [draft_record(d, reader_url) for d in generation.drafts]
    text = to_json(records) if output == "json" else to_yaml(records)
    if output_file is not None:
        output_file.write_text(text, encoding="utf-8")
        click.echo(f"Wrote {len(records)} drafts to {output_file}", err=True)
    elif dry_run:
        click.echo(text, nl=False)
    if report is not None:
        click.echo(report.summary(source.slug))
        for draft in report.created:
            click.echo(f"  {draft.key}  {draft.item['type']}  {draft.confidence:.2f}  {draft.item['prompt']}")
