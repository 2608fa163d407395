"""Sourced JSON: the list `flask questions export --format json` writes, read back with line numbers."""

from __future__ import annotations

import contextlib
import json

import yaml

from app.bank.parsing import Problem
from app.formats.items import ImportedItem, ReadResult
from app.yaml_lines import LineMap, collect_lines


def read_json(text: str) -> ReadResult:
    """A list of questions, or `{"questions": [...]}`; the lines come from reading it again as YAML."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return ReadResult(problems=[Problem("", error.lineno, f"not JSON: {error.msg}")])
    except RecursionError:
        return ReadResult(problems=[Problem("", 1, "not JSON: nested too deeply")])
    lines = LineMap()
    # JSON that YAML cannot read (tabs for indentation) keeps no lines: every problem is on line 1.
    with contextlib.suppress(yaml.YAMLError, RecursionError):
        collect_lines(yaml.compose(text, Loader=yaml.SafeLoader), (), lines)
    root: tuple = ()
    if isinstance(data, dict) and isinstance(data.get("questions"), list):
        data, root = data["questions"], ("questions",)
    if not isinstance(data, list):
        return ReadResult(problems=[Problem("", 1, "expected a list of questions (as exported)")])
    result = ReadResult()
    for index, item in enumerate(data):
        line = lines.of(*root, index)
        if not isinstance(item, dict):
            result.problems.append(Problem("", line, "each question must be an object of fields"))
            continue
        item_lines = LineMap()
        for field, field_line in lines.under(*root, index).items():
            item_lines.record((field,), field_line)
        for position, evidence_line in lines.under(*root, index, "evidence").items():
            item_lines.record(("evidence", position), evidence_line)
        item_lines.record((), line)
        result.items.append(ImportedItem(dict(item), line, name_is_id="id" in item, lines=item_lines))
    return result
