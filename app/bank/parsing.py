"""Reading question files (YAML, or JSON in the export shape) into specs, with `file:line` problems."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

from app.bank.content import Content, EvidenceRef, QuestionSpec, SetSpec, freeze
from app.bank.types import QUESTION_TYPES
from app.models.questions import DIFFICULTIES, ORIGINS, STATUSES
from app.yaml_lines import LineMap, YamlFileError, load_yaml_with_lines

KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# What `flask questions generate` adds to each draft for its reviewer; accepted, and not part of the question.
GENERATED_FIELDS = {"confidence", "reason"}
COMMON_FIELDS = GENERATED_FIELDS | {
    "id",
    "type",
    "prompt",
    "answer",
    "explanation",
    "evidence",
    "tags",
    "difficulty",
    "status",
    "origin",
}
ALL_DETAIL_FIELDS = set().union(*(t.fields for t in QUESTION_TYPES.values()))
EVIDENCE_FIELDS = {"article", "quote", "text", "occurrence", "start", "end", "url"}
QUESTION_FILE_SUFFIXES = {".yaml", ".yml", ".json"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong, where: `file:line: message`; `field` names the field it belongs to (for the editor).

    `field` is a question field (`answer`, `choices`, …), `evidence.N` for the N-th evidence item (0-based)
    or None; `label` is the prefix of `message` that names the question (“question 'x': ”), if any.
    """

    file: str
    line: int
    message: str
    field: str | None = None
    label: str = ""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"

    @property
    def detail(self) -> str:
        """The message without the question's name, for showing beside the field it is about."""
        return self.message.removeprefix(self.label)

    def at_line(self) -> str:
        """`line N: message`, for files that are uploaded rather than named."""
        return f"line {self.line}: {self.message}"


def question_files(paths: list[Path]) -> list[Path]:
    """The files named, and the question files inside folders named, in a stable order."""
    found = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix in QUESTION_FILE_SUFFIXES and p.is_file())
        else:
            found.append(path)
    return found


@dataclass
class ParsedFile:
    questions: list[QuestionSpec] = dataclasses.field(default_factory=list)
    sets: list[SetSpec] = dataclasses.field(default_factory=list)
    problems: list[Problem] = dataclasses.field(default_factory=list)


def parse_file(path: Path, display_name: str | None = None) -> ParsedFile:
    """Questions (`questions:` or a top-level list, as exported) and sets (`sets:`) of one file."""
    name = display_name or str(path)
    try:
        data, lines = load_yaml_with_lines(path)
    except YamlFileError as error:
        message = str(error).removeprefix(str(path))
        match = re.match(r"^:(\d+): (.*)$", message, re.S)
        line, text = (int(match.group(1)), match.group(2)) if match else (1, message.lstrip(": "))
        return ParsedFile(problems=[Problem(name, line, text)])
    parsed = ParsedFile()
    default_article = None
    if isinstance(data, dict):
        unknown = sorted(set(data) - {"article", "questions", "sets"})
        if unknown:
            return ParsedFile(
                problems=[Problem(name, lines.of(unknown[0]), f"unknown top-level field {unknown[0]!r}")]
            )
        if "questions" not in data and "sets" not in data:
            return ParsedFile(
                problems=[Problem(name, 1, "expected a `questions:` list, a `sets:` list, or both")]
            )
        default_article = data.get("article")
        items, root = data.get("questions", []), ("questions",)
        parsed.sets, parsed.problems = parse_sets(data.get("sets", []), lines, name)
    else:
        items, root = data, ()
    if not isinstance(items, list):
        parsed.problems.append(Problem(name, lines.of(*root), "expected a list of questions"))
        return parsed
    for index, item in enumerate(items):
        spec, item_problems = parse_question(item, lines, (*root, index), name, default_article)
        parsed.problems += item_problems
        if spec is not None:
            parsed.questions.append(spec)
    return parsed


def parse_sets(items: object, lines: LineMap, file: str) -> tuple[list[SetSpec], list[Problem]]:
    if not isinstance(items, list):
        return [], [Problem(file, lines.of("sets"), "sets must be a list")]
    sets, problems = [], []
    for index, item in enumerate(items):
        at = ("sets", index)
        if not isinstance(item, dict):
            problems.append(Problem(file, lines.of(*at), "each set must be a mapping of fields"))
            continue
        unknown = sorted(set(item) - {"id", "title", "description", "questions"})
        key, title, keys = item.get("id"), item.get("title"), item.get("questions")
        if unknown:
            problems.append(Problem(file, lines.of(*at, unknown[0]), f"unknown set field {unknown[0]!r}"))
        elif not isinstance(key, str) or not KEY.match(key) or len(key) > 80:
            problems.append(
                Problem(file, lines.of(*at, "id"), "a set needs an id of lowercase words joined by hyphens")
            )
        elif not isinstance(title, str) or not title.strip():
            problems.append(Problem(file, lines.of(*at, "title"), f"set {key!r}: title is required"))
        elif not isinstance(keys, list) or not keys or not all(isinstance(k, str) for k in keys):
            problems.append(
                Problem(file, lines.of(*at, "questions"), f"set {key!r}: questions must list question ids")
            )
        else:
            description = " ".join(str(item.get("description") or "").split())
            sets.append(SetSpec(key, title.strip(), description, tuple(keys), file, lines.of(*at)))
    return sets, problems


def parse_question(
    item: object,
    lines: LineMap,
    at: tuple,
    file: str,
    default_article: str | None,
    *,
    allow_incomplete_drafts: bool = False,
) -> tuple[QuestionSpec | None, list[Problem]]:
    """The spec of one question mapping, or its problems.

    With `allow_incomplete_drafts` (the editor, imports), a draft may lack its explanation and evidence:
    it is kept, marked unsourced, until the teacher completes it; approval still needs both (a missing
    explanation is reported here, missing evidence by `check_question`).
    """
    if not isinstance(item, dict):
        return None, [Problem(file, lines.of(*at), "each question must be a mapping of fields")]
    # Empty optional fields (as in exports, which list every field) are the same as absent ones.
    item = {k: v for k, v in item.items() if k == "answer" or v not in (None, [], "")}
    key = item.get("id")
    label = f"question {key!r}: " if isinstance(key, str) else ""

    def problem(line_field: str | None, message: str, field: str | None = None) -> Problem:
        """A problem on the line of `line_field` (the question's own line when None), about `field`."""
        line = lines.of(*at, line_field) if line_field else lines.of(*at)
        return Problem(file, line, label + message, field=field or line_field, label=label)

    problems = []
    kind = QUESTION_TYPES.get(item.get("type"))
    incomplete_draft = allow_incomplete_drafts and item.get("status") == "draft"
    if kind is None:
        problems.append(problem("type", f"type must be one of {', '.join(QUESTION_TYPES)}"))
    for field in ("id", "prompt", "explanation"):
        if field == "explanation" and incomplete_draft and field not in item:
            continue
        if not isinstance(item.get(field), str) or not item[field].strip():
            problems.append(
                problem(field if field in item else None, f"{field} is required (a non-empty text)", field)
            )
    if "answer" not in item or item["answer"] is None:
        problems.append(problem(None, "answer is required", "answer"))
    if isinstance(key, str) and (not KEY.match(key) or len(key) > 80):
        problems.append(
            Problem(
                file,
                lines.of(*at, "id"),
                f"id {key!r} must be lowercase words joined by hyphens, at most 80 characters",
                field="id",
            )
        )
    allowed = COMMON_FIELDS | (kind.fields if kind else ALL_DETAIL_FIELDS)
    for field in item:
        if field not in allowed:
            problems.append(problem(field, f"unknown field {field!r} for type {item.get('type')}"))
    if kind:
        for field in kind.required - set(item):
            problems.append(problem(None, f"{field} is required for {kind.name} questions", field))
    problems += choice_problems(item, problem)
    tags = item.get("tags")
    if not isinstance(tags, list) or not tags or not all(isinstance(t, str) and KEY.match(t) for t in tags):
        problems.append(
            problem("tags" if "tags" in item else None, "tags must be a list of lowercase words", "tags")
        )
    if allow_incomplete_drafts and "evidence" not in item:
        evidence, evidence_problems = (), []  # check_question refuses to approve it
    else:
        evidence, evidence_problems = parse_evidence(
            item.get("evidence"), lines, (*at, "evidence"), file, default_article
        )
    problems += [dataclasses.replace(p, message=label + p.message, label=label) for p in evidence_problems]
    if problems:
        return None, problems
    content = Content(
        type=kind.name,
        prompt=" ".join(item["prompt"].split()),
        answer=freeze(item["answer"]),
        explanation=" ".join(item.get("explanation", "").split()),
        accepted_answers=freeze(item.get("accepted_answers") or ()),
        choices=freeze(item.get("choices") or ()),
        tolerance=item.get("tolerance"),
        unit=item.get("unit"),
        role=item.get("role"),
        tags=tuple(sorted(set(tags))),
        difficulty=item.get("difficulty") or "medium",
    )
    spec = QuestionSpec(
        key=key,
        content=content,
        evidence=evidence,
        status=item.get("status") or "approved",
        origin=item.get("origin") or "curated",
        file=file,
        line=lines.of(*at),
        field_lines={field: lines.of(*at, field) for field in item},
    )
    return spec, []


def choice_problems(item: dict, problem) -> list[Problem]:
    problems = []
    for field, allowed in (("difficulty", DIFFICULTIES), ("status", STATUSES), ("origin", ORIGINS)):
        if field in item and item[field] not in allowed:
            problems.append(problem(field, f"{field} must be one of {', '.join(allowed)}"))
    for field in ("accepted_answers", "choices"):
        if field in item and not isinstance(item[field], list):
            problems.append(problem(field, f"{field} must be a list"))
    return problems


def parse_evidence(
    value: object, lines: LineMap, at: tuple, file: str, default_article: str | None
) -> tuple[tuple[EvidenceRef, ...], list[Problem]]:
    if not isinstance(value, list) or not value:
        message = "evidence must list at least one {article, quote}"
        return (), [Problem(file, lines.of(*at), message, field="evidence")]
    refs, problems = [], []
    for index, item in enumerate(value):
        line = lines.of(*at, index)

        def problem(message: str, index: int = index, line: int = line) -> Problem:
            return Problem(file, line, message, field=f"evidence.{index}")

        if isinstance(item, str):
            item = {"quote": item}
        if not isinstance(item, dict):
            problems.append(problem("each evidence item must be {article: SLUG, quote: WORDS}"))
            continue
        unknown = set(item) - EVIDENCE_FIELDS
        quote = item.get("quote", item.get("text"))
        article = item.get("article", default_article)
        occurrence, start, end = item.get("occurrence"), item.get("start"), item.get("end")
        if unknown:
            problems.append(problem(f"unknown evidence field {sorted(unknown)[0]!r}"))
        elif not isinstance(quote, str) or not quote.strip():
            problems.append(problem("evidence needs the quoted words (quote)"))
        elif not isinstance(article, str):
            problems.append(problem("evidence needs an article slug (or a file-level `article:`)"))
        elif occurrence is not None and (not isinstance(occurrence, int) or occurrence < 1):
            problems.append(problem("occurrence must be a whole number from 1"))
        elif (start is None) != (end is None) or not all(
            v is None or (isinstance(v, int) and not isinstance(v, bool)) for v in (start, end)
        ):
            problems.append(problem("start and end must be given together, as whole numbers"))
        else:
            refs.append(EvidenceRef(article, quote, occurrence, start, end, line, index=index))
    return tuple(refs), problems
