"""`flask questions …`: check, load, import and export the question bank."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from app.articles.links import reader_url
from app.bank.editing import new_key
from app.bank.exporting import exported_questions
from app.bank.service import BankError, check_bank, check_texts, load_bank, stored_question_keys
from app.extensions import db
from app.formats.importing import MAX_IMPORT_BYTES, apply_import, plan_import
from app.formats.registry import EXPORT_FORMATS, FORMATS, IMPORT_FORMATS
from app.models import Article, Question, QuestionSet, User
from app.models.questions import ORIGINS, STATUSES
from app.models.users import normalise_email
from app.teach.ownership import editable_questions

questions_cli = AppGroup("questions", help="Check, load, import and export the question bank.")
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
@click.option("--format", "output", type=click.Choice(EXPORT_FORMATS), required=True)
@click.option("--status", type=click.Choice(STATUSES), help="Only questions with this status.")
@click.option("--origin", type=click.Choice(ORIGINS), help="Only questions of this origin.")
@click.option("--set", "set_key", metavar="ID", help="Only this question set's questions, in its order.")
@click.option(
    "--base-url",
    default="http://localhost",
    show_default=True,
    help="The site's address, for the reader links written into GIFT, Moodle XML and Anki files.",
)
@click.option("-o", "--output-file", type=click.Path(path_type=Path), help="Write here instead of stdout.")
def export_command(
    output: str,
    status: str | None,
    origin: str | None,
    set_key: str | None,
    base_url: str,
    output_file: Path | None,
) -> None:
    """Export the bank (current revisions) with each evidence span's offsets, words and reader link."""
    fmt = FORMATS[output]
    if fmt.binary and output_file is None:
        raise click.ClickException(f"{fmt.label} is a binary file: give -o FILE")
    question_ids = None
    if set_key is not None:
        question_set = db.session.scalar(select(QuestionSet).where(QuestionSet.key == set_key))
        if question_set is None:
            raise click.ClickException(f"no question set with id {set_key!r}")
        question_ids = [item.question_id for item in question_set.items]
    # JSON and CSV keep the reader links relative, as `flask questions load` reads them; the others are
    # opened elsewhere (Moodle, Anki), so their links name the site.
    external = output not in ("json", "csv")
    with current_app.test_request_context(base_url=base_url):
        records = exported_questions(
            db.session,
            partial(reader_url, external=external),
            status=status,
            origin=origin,
            question_ids=question_ids,
        )
        exported = fmt.write(records, article_titles(db.session))
    for key, reason in exported.skipped:
        click.echo(f"skipped {key}: {reason}", err=True)
    if output_file is None:
        click.echo(exported.data, nl=False)
        return
    if isinstance(exported.data, bytes):
        output_file.write_bytes(exported.data)
    else:
        output_file.write_text(exported.data, encoding="utf-8")
    written = len(records) - len(exported.skipped)
    click.echo(f"Wrote {written} questions to {output_file} ({fmt.label})", err=True)


@questions_cli.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--format", "input_format", type=click.Choice(IMPORT_FORMATS), required=True)
@click.option("--dry-run", is_flag=True, help="Check and report, write nothing.")
@click.option(
    "--set", "set_name", metavar="NAME", help="Also put the questions in this set (made if need be)."
)
@click.option("--owner", metavar="EMAIL", help="The teacher who owns the imported questions and the set.")
@click.option(
    "--skip-unsupported", is_flag=True, help="Import the rest when some items have no Sourced type."
)
def import_command(
    file: Path,
    input_format: str,
    dry_run: bool,
    set_name: str | None,
    owner: str | None,
    skip_unsupported: bool,
) -> None:
    """Import questions from FILE, all or nothing: every problem as `line N: message`, nothing written."""
    text = read_upload(file)
    user = None
    if owner is not None:
        user = db.session.scalar(select(User).where(User.email == normalise_email(owner)))
        if user is None:
            raise click.ClickException(f"no account with the email {owner}")
    plan = plan_import(db.session, FORMATS[input_format], text, revisable=revisable_keys(user))
    for item in plan.unsupported:
        click.echo(f"line {item.line}: unsupported: {item.unsupported}", err=True)
    if not plan.ok:
        for problem in plan.problems:
            click.echo(problem.at_line(), err=True)
        raise click.ClickException(f"{len(plan.problems)} problem(s) in {file}; nothing was imported")
    if plan.unsupported and not skip_unsupported:
        raise click.ClickException(
            f"{len(plan.unsupported)} item(s) cannot be imported; nothing was imported "
            "(add --skip-unsupported to import the rest)"
        )
    if not plan.questions:
        raise click.ClickException(f"no questions in {file}")
    target = set_named(set_name, user) if set_name else None
    report = apply_import(
        db.session,
        plan,
        author_id=user.id if user else None,
        note=f"Imported from {file.name}",
        target_set=target,
    )
    unsourced = sum(1 for q in plan.questions if q.unsourced)
    summary = report.summary() + (f"; {unsourced} unsourced draft(s)" if unsourced else "")
    if dry_run:
        db.session.rollback()
        click.echo(f"Dry run: would import {len(plan.questions)} questions from {file}: {summary}.")
        return
    db.session.commit()
    click.echo(f"Imported {len(plan.questions)} questions from {file}: {summary}.")


def read_upload(file: Path) -> str:
    try:
        data = file.read_bytes()
    except OSError as error:
        raise click.ClickException(f"cannot read {file}: {error.strerror}") from None
    if len(data) > MAX_IMPORT_BYTES:
        raise click.ClickException(f"{file} is larger than {MAX_IMPORT_BYTES // 1024 // 1024} MB")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise click.ClickException(f"{file} is not UTF-8 text") from None


def revisable_keys(user: User | None):
    """Which existing ids the import may revise: the owner's questions, or (no owner) any made in the app."""

    def revisable(keys: set[str]) -> set[str]:
        condition = Question.source_file.is_(None) if user is None else editable_questions(user)
        return set(db.session.scalars(select(Question.key).where(Question.key.in_(keys), condition)))

    return revisable


def set_named(name: str, user: User | None) -> QuestionSet:
    """The app-made set with this title (and owner), or a new one: private to an owner, public if none."""
    title = " ".join(name.split())[:200]
    owner_id = user.id if user else None
    owned = QuestionSet.owner_id.is_(None) if owner_id is None else QuestionSet.owner_id == owner_id
    found = db.session.scalar(
        select(QuestionSet).where(QuestionSet.title == title, QuestionSet.source_file.is_(None), owned)
    )
    if found is not None:
        return found

    def taken(key: str) -> bool:
        return db.session.scalar(select(QuestionSet.id).where(QuestionSet.key == key)) is not None

    visibility = "private" if user else "public"
    question_set = QuestionSet(
        key=new_key(title, taken), title=title, owner_id=owner_id, visibility=visibility
    )
    db.session.add(question_set)
    db.session.flush()
    return question_set


def article_titles(session) -> dict[str, str]:
    return dict(session.execute(select(Article.slug, Article.title)).all())


# `flask questions generate`: drafts from an article (app/generation); spaCy loads only when it runs.
from app.generation.commands import generate_command  # noqa: E402

questions_cli.add_command(generate_command)
