"""Checking and loading question files: what the CLI and `flask seed` call."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from app.bank.loading import LoadReport, load_questions
from app.bank.parsing import Problem, parse_file, question_files
from app.bank.validation import CheckedQuestion, check_specs
from app.ingest.files import folder_clean_texts
from app.models import Article


class BankError(Exception):
    """The bank has problems; nothing was loaded."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the question bank")


@dataclass(frozen=True)
class BankCheck:
    files: list[str]
    questions: list[CheckedQuestion]
    problems: list[Problem]


def stored_article_texts(session: Session) -> dict[str, str]:
    if not inspect(session.get_bind()).has_table(Article.__tablename__):
        return {}
    rows = session.execute(select(Article.slug, Article.clean_text))
    return dict(rows.all())


def display_name(path: Path, base: Path) -> str:
    """`questions/x.yaml` for files of the bank, the path as given otherwise: stable across machines."""
    try:
        return str(path.resolve().relative_to(base.resolve().parent))
    except ValueError:
        return str(path)


def check_bank(paths: list[Path], questions_dir: Path, texts: dict[str, str]) -> BankCheck:
    files = question_files(paths or [questions_dir])
    specs, problems = [], []
    for path in files:
        if not path.exists():
            problems.append(Problem(str(path), 1, "no such file"))
            continue
        file_specs, file_problems = parse_file(path, display_name(path, questions_dir))
        specs += file_specs
        problems += file_problems
    checked, check_problems = check_specs(specs, texts)
    names = [display_name(p, questions_dir) for p in files]
    return BankCheck(names, checked, problems + check_problems)


def check_texts(session: Session, seeds_dir: Path) -> dict[str, str]:
    """Articles to check against: the seeds as they would be ingested, overridden by what is stored."""
    return folder_clean_texts(seeds_dir) | stored_article_texts(session)


def load_bank(session: Session, paths: list[Path], questions_dir: Path) -> tuple[BankCheck, LoadReport]:
    """Check, then load all or nothing; the caller commits."""
    result = check_bank(paths, questions_dir, stored_article_texts(session))
    if result.problems:
        raise BankError(result.problems)
    return result, load_questions(session, result.questions, files=set(result.files))
