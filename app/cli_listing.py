"""Printing lists from `flask … list` commands: JSON for tools, an aligned table for people."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import click


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[dict], object]
    align: str = "<"  # "<" or ">"


def echo_listing(
    rows: list[dict], output: str, columns: list[Column], *, empty: str, footer: str = ""
) -> None:
    """`rows` as JSON (`output == "json"`) or as a table whose columns fit their widest cell."""
    if output == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo(empty)
        return
    cells = [[str(column.value(row)) for column in columns] for row in rows]
    widths = [max(len(column.header), *(len(line[i]) for line in cells)) for i, column in enumerate(columns)]
    for line in [[c.header for c in columns], *cells]:
        parts = [
            f"{text:{column.align}{width}}" for text, column, width in zip(line, columns, widths, strict=True)
        ]
        click.echo("  ".join(parts).rstrip())
    if footer:
        click.echo(footer)
