"""The item-analysis table of a set: one row per question, in the set's order or sorted by any measure."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from app.analysis.items import ItemStatistics


@dataclass(frozen=True)
class Row:
    position: int
    question: object  # the Question, for the template
    statistics: ItemStatistics
    earlier_wordings: int = 0  # observations made on an older revision than the current one


@dataclass(frozen=True)
class Column:
    key: str
    value: Callable[[Row], float | int | None]
    descending_first: bool  # the direction a first click sorts in: the rows to look at first on top


COLUMNS = {
    column.key: column
    for column in (
        Column("position", lambda row: row.position, False),
        Column("attempts", lambda row: row.statistics.attempts, True),
        Column("facility", lambda row: row.statistics.facility, False),
        Column("discrimination", lambda row: row.statistics.discrimination, False),
        Column("upper-lower", lambda row: row.statistics.upper_lower, False),
        Column("efficiency", lambda row: row.statistics.efficiency, False),
        Column("flags", lambda row: len(row.statistics.flags), True),
    )
}


@dataclass(frozen=True)
class Sorting:
    key: str
    descending: bool

    @classmethod
    def parse(cls, key: str | None, order: str | None) -> Sorting:
        """From the query string; anything unknown falls back to the set's order."""
        column = COLUMNS.get(key or "", COLUMNS["position"])
        if order in ("asc", "desc"):
            return cls(column.key, order == "desc")
        return cls(column.key, column.descending_first)

    def link_for(self, key: str) -> dict[str, str]:
        """Query arguments of a column heading's link: the other direction if sorted by it already."""
        if key == self.key:
            return {"sort": key, "order": "asc" if self.descending else "desc"}
        return {"sort": key, "order": "desc" if COLUMNS[key].descending_first else "asc"}

    def aria(self, key: str) -> str | None:
        if key != self.key:
            return None
        return "descending" if self.descending else "ascending"


def sort_rows(rows: Sequence[Row], sorting: Sorting) -> list[Row]:
    """Rows ordered by the column; rows without a value (too few attempts) come last, in the set's order."""
    value = COLUMNS[sorting.key].value
    by_position = sorted(rows, key=lambda row: row.position)
    known = [row for row in by_position if value(row) is not None]
    unknown = [row for row in by_position if value(row) is None]
    known.sort(key=value, reverse=sorting.descending)  # stable: ties keep the set's order
    return known + unknown
