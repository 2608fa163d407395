"""CSV: the columns `flask questions export --format csv` writes, read back (one question per row).

Columns: id (optional), type, prompt, answer, accepted_answers, choices, tolerance, unit, role, explanation,
evidence, evidence_urls, tags, difficulty, origin, status; and, for files written by hand, `article` (the
slug the evidence quotes come from when there are no evidence_urls). Lists are separated by " | "; the
variants of one cloze blank by " / " (`Kyiv / Kiev | Lviv`). Rows may be in any order of columns.
"""

from __future__ import annotations

import csv
import io

from app.bank.exporting import CSV_COLUMNS, LIST_SEPARATOR
from app.bank.parsing import Problem
from app.formats.items import ImportedItem, ReadResult, evidence_from_link, read_number

VARIANT_SEPARATOR = " / "
REQUIRED_COLUMNS = ("type", "prompt", "answer")
KNOWN_COLUMNS = (*CSV_COLUMNS, "article")
TRUTH = {"true": True, "false": False, "yes": True, "no": False}


def split_list(value: str) -> list[str]:
    return [part.strip() for part in value.split(LIST_SEPARATOR.strip()) if part.strip()] if value else []


def read_answer(kind: str, value: str):
    """The answer column in the type's own shape; anything unreadable is left for the validator to name."""
    text = value.strip()
    if kind == "numeric":
        number = read_number(text)
        return text if number is None else number
    if kind == "true_false":
        return TRUTH.get(text.lower(), text)
    if kind == "cloze":
        parts = split_list(text)
        return parts[0] if len(parts) == 1 else parts
    return text


def read_accepted(kind: str, answer, value: str) -> list:
    if kind == "cloze" and isinstance(answer, list):
        # One cell per blank, in order, empty ones included ("year by year | ").
        cells = [cell.strip() for cell in value.split(LIST_SEPARATOR.strip())] if value.strip() else []
        variants = [[v.strip() for v in cell.split(VARIANT_SEPARATOR) if v.strip()] for cell in cells]
        variants += [[]] * (len(answer) - len(variants))
        return variants if any(variants) else []
    return split_list(value)


def read_evidence(row: dict, line: int) -> tuple[list[dict], list[Problem]]:
    quotes = split_list(row.get("evidence") or "")
    urls = split_list(row.get("evidence_urls") or "")
    article = (row.get("article") or "").strip()
    evidence, problems = [], []
    for index, quote in enumerate(quotes):
        url = urls[index] if index < len(urls) else ""
        found = evidence_from_link(url, quote) if url else None
        if found is None and article:
            found = {"article": article, "quote": quote}
        if found is None:
            problems.append(
                Problem(
                    "",
                    line,
                    f"evidence “{quote[:60]}” needs a reader link in evidence_urls or an article column",
                )
            )
        else:
            evidence.append(found)
    return evidence, problems


def read_row(row: dict, line: int) -> tuple[ImportedItem, list[Problem]]:
    value = {k: (v or "").strip() for k, v in row.items() if k}
    kind = value.get("type", "")
    answer = read_answer(kind, row.get("answer") or "")
    evidence, problems = read_evidence(row, line)
    tolerance = value.get("tolerance") or None
    if tolerance is not None and not tolerance.endswith("%"):
        tolerance = read_number(tolerance) if read_number(tolerance) is not None else tolerance
    item = {
        "id": value.get("id") or None,
        "type": kind,
        "prompt": value.get("prompt"),
        "answer": answer,
        "accepted_answers": read_accepted(kind, answer, value.get("accepted_answers", "")),
        "choices": split_list(value.get("choices", "")),
        "tolerance": tolerance,
        "unit": value.get("unit") or None,
        "role": value.get("role") or None,
        "explanation": value.get("explanation"),
        "evidence": evidence,
        "tags": split_list(value.get("tags", "")),
        "difficulty": value.get("difficulty") or None,
        "origin": value.get("origin") or None,
        "status": value.get("status") or None,
    }
    item = {k: v for k, v in item.items() if v not in (None, [], "") or k == "answer"}
    return ImportedItem(item, line, name_is_id="id" in item), problems


def read_csv(text: str) -> ReadResult:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    result = ReadResult()
    try:
        header = reader.fieldnames or []
    except csv.Error as error:
        return ReadResult(problems=[Problem("", 1, f"not CSV: {error}")])
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    unknown = [c for c in header if c not in KNOWN_COLUMNS]
    if missing or unknown:
        what = [f"missing column(s) {', '.join(missing)}"] if missing else []
        what += [f"unknown column(s) {', '.join(unknown)}"] if unknown else []
        return ReadResult(
            problems=[Problem("", 1, "; ".join(what) + f" (known: {', '.join(KNOWN_COLUMNS)})")]
        )
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            result.problems.append(Problem("", line, f"not CSV: {error}"))
            break
        if None in row:
            result.problems.append(Problem("", line, "this row has more cells than the header has columns"))
        elif any((v or "").strip() for v in row.values()):
            item, problems = read_row(row, line)
            result.items.append(item)
            result.problems += problems
        line = reader.line_num + 1
    return result
