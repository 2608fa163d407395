"""Server-rendered SVG charts: no script, no external assets, text alternatives included.

The chart is fluid without a viewBox: horizontal positions are percentages of the SVG's width and vertical
ones are pixels, so labels keep their size on a phone and on a wide screen. The axis labels sit outside the
SVG box (the stylesheet gives it a left margin and `overflow: visible`). ElementTree builds the markup, so
every title and label is escaped.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise

from markupsafe import Markup

from app.progress.stats import ScorePoint

PLOT_TOP, PLOT_BOTTOM = 14, 214  # pixels: 100% and 0%
HEIGHT = 248
X_START, X_END = 1.5, 98.5  # percent of the width used by the first and last points
Y_TICKS = (0, 25, 50, 75, 100)
ALL_X_TICKS = 12  # up to this many quizzes, each gets a date; beyond, five spread evenly


def day_label(moment: datetime, with_year: bool = False) -> str:
    return f"{moment.day} {moment:%b}" + (f" {moment:%Y}" if with_year else "")


def as_percent(score: float) -> int:
    return round(score * 100)


def y_for(score_percent: float) -> float:
    return PLOT_BOTTOM - (PLOT_BOTTOM - PLOT_TOP) * score_percent / 100


def x_for(index: int, count: int) -> float:
    if count == 1:
        return 50.0
    return X_START + (X_END - X_START) * index / (count - 1)


def tick_indices(count: int) -> list[int]:
    """Which points get a date under them: all of a few, else five evenly spread (first and last included)."""
    if count <= ALL_X_TICKS:
        return list(range(count))
    return sorted({round(i * (count - 1) / 4) for i in range(5)})


def major_ticks(count: int) -> set[int]:
    """The dates still shown on a phone: the first, the middle and the last."""
    return {0, (count - 1) // 2, count - 1} if count else set()


def pct(value: float) -> str:
    return f"{value:.2f}%"


def px(value: float) -> str:
    return f"{value:.1f}"


@dataclass(frozen=True)
class ChartSummary:
    count: int
    total: int
    first: datetime
    last: datetime
    latest: int
    average: int
    lowest: int
    highest: int

    def sentence(self) -> str:
        which = (
            f"your {self.count} most recent finished quizzes (of {self.total})"
            if self.total > self.count
            else f"your {self.count} finished quiz{'zes' if self.count != 1 else ''}"
        )
        span = (
            f"on {day_label(self.first, True)}"
            if self.first.date() == self.last.date()
            else f"from {day_label(self.first, True)} to {day_label(self.last, True)}"
        )
        spread = (
            f"Average {self.average}%, lowest {self.lowest}%, highest {self.highest}%."
            if self.count > 1
            else ""
        )
        return f"Scores of {which}, {span}. Latest score {self.latest}%. {spread}".strip()


def summarise(points: Sequence[ScorePoint], total: int) -> ChartSummary:
    scores = [as_percent(p.score) for p in points]
    return ChartSummary(
        count=len(points),
        total=max(total, len(points)),
        first=points[0].finished_at,
        last=points[-1].finished_at,
        latest=scores[-1],
        average=round(sum(p.score for p in points) / len(points) * 100),
        lowest=min(scores),
        highest=max(scores),
    )


def sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k.rstrip("_").replace("_", "-"): v for k, v in attributes.items()})
    if text is not None:
        element.text = text
    return element


def score_chart(points: Sequence[ScorePoint], total: int, chart_id: str = "score-chart") -> Markup:
    """A line chart of scores (0–100%) in the order the quizzes were finished, oldest on the left."""
    if not points:
        return Markup("")
    summary = summarise(points, total)
    svg = ET.Element(
        "svg",
        {
            "class": "score-chart",
            "role": "img",
            "width": "100%",
            "height": str(HEIGHT),
            "aria-labelledby": f"{chart_id}-title {chart_id}-desc",
            "focusable": "false",
        },
    )
    sub(svg, "title", "Your quiz scores over time", id=f"{chart_id}-title")
    sub(svg, "desc", summary.sentence(), id=f"{chart_id}-desc")

    grid = sub(svg, "g", class_="chart-grid", aria_hidden="true")
    for value in Y_TICKS:
        y = px(y_for(value))
        sub(
            grid,
            "line",
            x1="0",
            x2="100%",
            y1=y,
            y2=y,
            class_="chart-axis" if value == 0 else "chart-gridline",
        )
        sub(
            grid,
            "text",
            f"{value}%",
            x="-10",
            y=y,
            text_anchor="end",
            dominant_baseline="middle",
            class_="chart-label",
        )
    sub(grid, "line", x1="0", x2="0", y1=px(PLOT_TOP), y2=px(PLOT_BOTTOM), class_="chart-axis")

    multi_year = points[0].finished_at.year != points[-1].finished_at.year
    ticks = sub(svg, "g", class_="chart-ticks", aria_hidden="true")
    shown: list[str] = []
    major = major_ticks(len(points))
    for index in tick_indices(len(points)):
        label = day_label(points[index].finished_at, multi_year)
        if shown and shown[-1] == label:
            continue
        shown.append(label)
        x = pct(x_for(index, len(points)))
        edge = "middle"
        if len(points) > 1 and index in (0, len(points) - 1):
            edge = "start" if index == 0 else "end"
        minor = "" if index in major else " chart-tick-minor"
        tick = sub(ticks, "g", class_=f"chart-tick{minor}")
        sub(tick, "line", x1=x, x2=x, y1=px(PLOT_BOTTOM), y2=px(PLOT_BOTTOM + 5), class_="chart-axis")
        sub(tick, "text", label, x=x, y=px(PLOT_BOTTOM + 22), text_anchor=edge, class_="chart-label")

    if len(points) > 1:
        average = px(y_for(summary.average))
        sub(
            svg, "line", x1="0", x2="100%", y1=average, y2=average, class_="chart-average", aria_hidden="true"
        )

    series = sub(svg, "g", class_="chart-series")
    positions = [(x_for(i, len(points)), y_for(as_percent(p.score))) for i, p in enumerate(points)]
    for (x1, y1), (x2, y2) in pairwise(positions):
        sub(series, "line", x1=pct(x1), y1=px(y1), x2=pct(x2), y2=px(y2), class_="chart-line")
    radius = "4.5" if len(points) <= 20 else "3.5"
    for point, (x, y) in zip(points, positions, strict=True):
        dot = sub(series, "circle", cx=pct(x), cy=px(y), r=radius, class_="chart-point")
        sub(
            dot, "title", f"{point.title}: {as_percent(point.score)}% on {day_label(point.finished_at, True)}"
        )
    if len(points) <= ALL_X_TICKS:  # few enough to print each score above its point
        values = sub(svg, "g", class_="chart-values", aria_hidden="true")
        for point, (x, y) in zip(points, positions, strict=True):
            sub(values, "text", f"{as_percent(point.score)}%", x=pct(x), y=px(y - 11), text_anchor="middle")
    return Markup(ET.tostring(svg, encoding="unicode"))
