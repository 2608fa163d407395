"""`flask articles …`: ingest, list and show articles."""

from __future__ import annotations

from pathlib import Path

import click
from sqlalchemy import select
from sqlalchemy.orm import undefer

from app.articles import bp
from app.articles.listing import article_listing
from app.cli_listing import Column, echo_listing
from app.extensions import db
from app.ingest import IngestError
from app.ingest.files import ingest_file
from app.models import Article

bp.cli.short_help = "Ingest, list and show articles."


@bp.cli.command("ingest")
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--meta", "meta_path", type=click.Path(path_type=Path), help="YAML with title, publisher, author…"
)
@click.option("--slug", help="URL name for the article (default: from its title).")
@click.option("--replace", is_flag=True, help="Replace an existing article whose text differs.")
def ingest_command(path: Path, meta_path: Path | None, slug: str | None, replace: bool) -> None:
    """Ingest an article from a text or HTML file (all or nothing)."""
    try:
        result = ingest_file(db.session, path, meta_path=meta_path, slug=slug, replace=replace)
        db.session.commit()
    except IngestError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    click.echo(f"{result.summary()}: {len(result.article.paragraphs)} paragraphs")


def article_rows() -> list[dict]:
    return [
        {
            "slug": a.slug,
            "title": a.title,
            "publisher": a.publisher,
            "author": a.author,
            "url": a.url,
            "published": a.published,
            "paragraphs": paragraphs,
            "questions": questions,
        }
        for a, paragraphs, questions in article_listing(db.session, order_by_slug=True)
    ]


@bp.cli.command("list")
@click.option("--format", "output", type=click.Choice(["table", "json"]), default="table", show_default=True)
def list_command(output: str) -> None:
    """List the stored articles."""
    columns = [
        Column("SLUG", lambda r: r["slug"]),
        Column("PUBLISHED", lambda r: r["published"] or ""),
        Column("PARAS", lambda r: r["paragraphs"], ">"),
        Column("QUESTIONS", lambda r: r["questions"], ">"),
        Column("TITLE", lambda r: r["title"]),
    ]
    empty = "No articles yet: run `flask seed` or `flask articles ingest PATH`."
    echo_listing(article_rows(), output, columns, empty=empty)


@bp.cli.command("show")
@click.argument("slug")
def show_command(slug: str) -> None:
    """Show an article's metadata and its clean paragraphs with their offsets."""
    article = db.session.scalar(
        select(Article).where(Article.slug == slug).options(undefer(Article.clean_text))
    )
    if article is None:
        raise click.ClickException(f"no article {slug!r}; `flask articles list` shows the slugs")
    for label, value in [
        ("Title", article.title),
        ("Publisher", article.publisher),
        ("Author", article.author),
        ("Published", article.published),
        ("URL", article.url),
        ("SHA-256", article.raw_sha256),
        ("Characters", len(article.clean_text)),
    ]:
        click.echo(f"{label + ':':<12}{value if value is not None else '—'}")
    click.echo()
    for p in article.paragraphs:
        marker = "## " if p.kind == "heading" else ""
        click.echo(f"[{p.anchor} {p.start}-{p.end}] {marker}{article.clean_text[p.start : p.end]}")
