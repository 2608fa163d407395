"""Checking and loading question files: what the CLI and `flask seed` call."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from app.bank.content import SetSpec
from app.bank.loading import LoadReport, load_questions, load_sets
from app.bank.parsing import Problem, parse_file, question_files
from app.bank.validation import CheckedQuestion, check_sets, check_specs
from app.ingest.files import folder_clean_texts
from app.models import Article, Question


class BankError(Exception):
    """The bank has problems; nothing was loaded."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the question bank")


@dataclass(frozen=True)
class BankCheck:
    files: list[str]
    questions: list[CheckedQuestion]
    sets: list[SetSpec]
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


def check_bank(
    paths: list[Path], questions_dir: Path, texts: dict[str, str], stored_keys: frozenset[str] = frozenset()
) -> BankCheck:
    """Check the files (default: the whole bank); sets may also name questions already stored."""
    files = question_files(paths or [questions_dir])
    specs, sets, problems = [], [], []
    for path in files:
        if not path.exists():
            problems.append(Problem(str(path), 1, "no such file"))
            continue
        parsed = parse_file(path, display_name(path, questions_dir))
        specs += parsed.questions
        sets += parsed.sets
        problems += parsed.problems
    checked, check_problems = check_specs(specs, texts)
    set_problems = check_sets(sets, {s.key for s in specs} | stored_keys)
    names = [display_name(p, questions_dir) for p in files]
    return BankCheck(names, checked, sets, problems + check_problems + set_problems)


def stored_question_keys(session: Session) -> frozenset[str]:
    if not inspect(session.get_bind()).has_table(Question.__tablename__):
        return frozenset()
    return frozenset(session.scalars(select(Question.key)))


def check_texts(session: Session, seeds_dir: Path) -> dict[str, str]:
    """Articles to check against: the seeds as they would be ingested, overridden by what is stored."""
    return folder_clean_texts(seeds_dir) | stored_article_texts(session)


def load_bank(session: Session, paths: list[Path], questions_dir: Path) -> tuple[BankCheck, LoadReport]:
    """Check, then load all or nothing; the caller commits."""
    result = check_bank(paths, questions_dir, stored_article_texts(session), stored_question_keys(session))
    if result.problems:
        raise BankError(result.problems)
    report = load_questions(session, result.questions, files=set(result.files))
    load_sets(session, result.sets, files=set(result.files), report=report)
    return result, report
