"""`flask articles …`: ingest, list and show articles, and attribute their quotations."""

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
from app.ingest.files import SOURCES_FILE, first_line, ingest_file
from app.ingest.metadata import load_sources
from app.ingest.reading import HTML_SUFFIXES, read_received_text
from app.models import Article
from app.text.cleaning import clean_article_text

bp.cli.short_help = "Ingest, list and show articles, and attribute their quotations."
ARTICLE_SUFFIXES = {".txt", *HTML_SUFFIXES}
_SHOWN_QUOTE = 60  # characters of a quotation the table shows


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


def file_clean_text(path: Path) -> str:
    """A .txt/.html file's clean text, titled by its sources.yaml entry, page title or first line."""
    if path.suffix.lower() not in ARTICLE_SUFFIXES:
        raise IngestError(f"{path}: expected a .txt or .html article file (or the slug of a stored article)")
    received = read_received_text(path)
    sources = path.parent / SOURCES_FILE
    meta = load_sources(sources).get(path.name) if sources.exists() else None
    title = meta.title if meta else (received.meta.title if received.meta else first_line(received.body))
    return clean_article_text(received.body, title=title).text


def stored_clean_text(slug: str) -> str:
    article = db.session.scalar(
        select(Article).where(Article.slug == slug).options(undefer(Article.clean_text))
    )
    if article is None:
        raise IngestError(
            f"no article file or stored article {slug!r}: "
            "give a .txt/.html path or a slug from `flask articles list`"
        )
    return article.clean_text


def quotation_rows(text: str) -> list[dict]:
    from app.generation.quotes import extract_quotes  # spaCy loads only when quotations are asked for

    return [
        {
            "quote": a.quote,
            "speaker": a.speaker,
            "speaker_role": a.speaker_role,
            "confidence": a.confidence,
            "start": a.start,
            "end": a.end,
            "method": a.method,
            "reason": a.reason,
        }
        for a in extract_quotes(text)
    ]


@bp.cli.command("quotes")
@click.argument("source")
@click.option("--format", "output", type=click.Choice(["table", "json"]), default="table", show_default=True)
def quotes_command(source: str, output: str) -> None:
    """Attribute each quotation of an article (a .txt/.html file or stored article slug) to its speaker."""
    from app.generation.nlp import ModelNotInstalledError

    path = Path(source)
    try:
        is_file = path.exists() or path.suffix.lower() in ARTICLE_SUFFIXES
        text = file_clean_text(path) if is_file else stored_clean_text(source)
        rows = quotation_rows(text)
    except (IngestError, ModelNotInstalledError) as error:
        raise click.ClickException(" ".join(str(error).split())) from None
    columns = [
        Column("CONF", lambda r: f"{r['confidence']:.2f}", ">"),
        Column("METHOD", lambda r: r["method"]),
        Column("SPEAKER", lambda r: r["speaker"] or "—"),
        Column("CHARS", lambda r: f"{r['start']}-{r['end']}"),
        Column("QUOTE", lambda r: _shown(r["quote"])),
        Column("WHY", lambda r: r["reason"]),
    ]
    echo_listing(rows, output, columns, empty="No quotations found.")


def _shown(quote: str) -> str:
    quote = " ".join(quote.split())
    return f"“{quote[: _SHOWN_QUOTE - 1].rstrip()}…”" if len(quote) > _SHOWN_QUOTE else f"“{quote}”"
