"""YAML files that remember where things are: the 1-based line of every mapping key and list item."""

from __future__ import annotations

from pathlib import Path

import yaml


class YamlFileError(ValueError):
    """The file is missing, not UTF-8 or not YAML; the message starts with `path:line:` where known."""


class LineMap:
    """Lines by path of keys and indexes, e.g. `lines.of("questions", 3, "evidence")`."""

    def __init__(self) -> None:
        self._lines: dict[tuple, int] = {}

    def record(self, path: tuple, line: int) -> None:
        self._lines[path] = line

    def of(self, *path: object) -> int:
        """The line of `path`, or of its nearest recorded ancestor (1 for the document)."""
        while path:
            if path in self._lines:
                return self._lines[path]
            path = path[:-1]
        return self._lines.get((), 1)

    def under(self, *parents: object) -> dict[object, int]:
        """The lines of the direct children of `parents`, by key."""
        depth = len(parents)
        return {
            p[depth]: line for p, line in self._lines.items() if len(p) == depth + 1 and p[:depth] == parents
        }


def load_yaml_with_lines(path: Path) -> tuple[object, LineMap]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise YamlFileError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise YamlFileError(f"{path}: not UTF-8 text") from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise YamlFileError(f"{path}{line}: invalid YAML: {problem}") from None
    lines = LineMap()
    collect_lines(node, (), lines)
    return data, lines


def collect_lines(node: yaml.Node | None, path: tuple, lines: LineMap) -> None:
    """Record the line of `node` and of everything under it (a composed YAML or JSON document)."""
    if node is None:
        return
    lines.record(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            collect_lines(value_node, (*path, key_node.value), lines)
            lines.record((*path, key_node.value), key_node.start_mark.line + 1)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            collect_lines(item, (*path, index), lines)
