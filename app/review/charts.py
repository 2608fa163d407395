"""Server-rendered SVG for the flashcard statistics: due forecast, calendar heatmap, cards by state.

No script and no inline styles (the Content-Security-Policy forbids both): sizes and positions are SVG
attributes, colours come from classes in review.css. Every chart has a title and a text description, and
every bar or day its own <title>. ElementTree builds the markup, so all text is escaped.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import date, timedelta

from markupsafe import Markup

from app.progress.charts import pct, px, sub
from app.review.stats import CALENDAR_WEEKS, ForecastDay, StateCounts

FORECAST_HEIGHT, FORECAST_TOP, FORECAST_BOTTOM = 200, 12, 172
CELL, GAP = 11, 3  # heatmap day squares and the space between them, in viewBox units
HEAT_LEFT, HEAT_TOP = 30, 16
MONTH_LABEL_WEEKS = 3  # a month's name needs this many columns, or it is left out


def svg_root(css: str, chart_id: str, title: str, description: str, **attributes: str) -> ET.Element:
    svg = ET.Element(
        "svg",
        {
            "class": css,
            "role": "img",
            "aria-labelledby": f"{chart_id}-title {chart_id}-desc",
            "focusable": "false",
            **attributes,
        },
    )
    sub(svg, "title", title, id=f"{chart_id}-title")
    sub(svg, "desc", description, id=f"{chart_id}-desc")
    return svg


def markup(svg: ET.Element) -> Markup:
    return Markup(ET.tostring(svg, encoding="unicode"))


def nice_ceiling(value: int) -> int:
    """A round axis maximum at or above `value`: 4, 10, 20, 50, 100, 250 …"""
    if value <= 4:
        return 4
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return int(step * magnitude)
    return value


def day_name(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'s' if n != 1 else ''}"


def forecast_chart(days: Sequence[ForecastDay], chart_id: str = "forecast") -> Markup:
    """Bars of the cards due on each of the next 30 days, reviews stacked on learning cards."""
    total = sum(d.total for d in days)
    busiest = max(days, key=lambda d: d.total) if days else None
    description = (
        f"{plural(total, 'card')} due over the next {len(days)} days; {plural(days[0].total, 'card')} today"
        + (
            f"; busiest day {day_name(busiest.day)} with {busiest.total}."
            if busiest and busiest.total
            else "."
        )
    )
    svg = svg_root(
        "forecast-chart",
        chart_id,
        f"Cards due in the next {len(days)} days",
        description,
        width="100%",
        height=str(FORECAST_HEIGHT),
    )
    top = nice_ceiling(max((d.total for d in days), default=0))

    def y(value: float) -> float:
        return FORECAST_BOTTOM - (FORECAST_BOTTOM - FORECAST_TOP) * value / top

    grid = sub(svg, "g", class_="chart-grid", aria_hidden="true")
    for value in (0, top // 2, top):
        sub(
            grid,
            "line",
            x1="0",
            x2="100%",
            y1=px(y(value)),
            y2=px(y(value)),
            class_="chart-axis" if value == 0 else "chart-gridline",
        )
        sub(
            grid,
            "text",
            f"{value}",
            x="-8",
            y=px(y(value)),
            text_anchor="end",
            dominant_baseline="middle",
            class_="chart-label",
        )
    slot = 100 / max(len(days), 1)
    bars = sub(svg, "g", class_="forecast-bars")
    for index, day in enumerate(days):
        x = slot * index + slot * 0.15
        width = slot * 0.7
        group = sub(bars, "g", class_="forecast-day")
        label = "Today" if index == 0 else ("Tomorrow" if index == 1 else day_name(day.day))
        sub(group, "title", f"{label}: {plural(day.review, 'review')}, {day.learning} learning")
        sub(
            group,
            "rect",
            x=pct(slot * index),
            width=pct(slot),
            y=px(FORECAST_TOP),
            height=px(FORECAST_BOTTOM - FORECAST_TOP),
            class_="forecast-hit",
        )
        if day.learning:
            sub(
                group,
                "rect",
                x=pct(x),
                width=pct(width),
                y=px(y(day.learning)),
                height=px(FORECAST_BOTTOM - y(day.learning)),
                class_="forecast-learning",
            )
        if day.review:
            sub(
                group,
                "rect",
                x=pct(x),
                width=pct(width),
                y=px(y(day.total)),
                height=px(y(day.learning) - y(day.total)),
                class_="forecast-review",
            )
    ticks = sub(svg, "g", class_="chart-ticks", aria_hidden="true")
    for index in range(0, len(days), 7):
        text = "Today" if index == 0 else f"{days[index].day.day} {days[index].day:%b}"
        x = pct(slot * index + slot / 2)
        minor = "" if index in (0, 14, 28) else " chart-tick-minor"
        sub(
            ticks,
            "text",
            text,
            x=x,
            y=px(FORECAST_BOTTOM + 20),
            text_anchor="start" if index == 0 else "middle",
            class_=f"chart-label{minor}",
        )
    return markup(svg)


def heat_level(count: int, busiest: int) -> int:
    """0 for no reviews, else 1–4 by quarter of the busiest day."""
    if count <= 0 or busiest <= 0:
        return 0
    return min(4, math.ceil(4 * count / busiest))


def heatmap(per_day: dict[date, int], today: date, chart_id: str = "heatmap") -> Markup:
    """A year of reviews, one square a day, weeks as columns (Monday on top), today in the last column."""
    last_monday = today - timedelta(days=today.weekday())
    first_monday = last_monday - timedelta(weeks=CALENDAR_WEEKS - 1)
    busiest = max(per_day.values(), default=0)
    total = sum(n for d, n in per_day.items() if d >= first_monday)
    active = sum(1 for d, n in per_day.items() if n and d >= first_monday)
    width = HEAT_LEFT + CALENDAR_WEEKS * (CELL + GAP)
    height = HEAT_TOP + 7 * (CELL + GAP)
    svg = svg_root(
        "heatmap",
        chart_id,
        "Reviews per day over the last year",
        f"{plural(total, 'review')} on {plural(active, 'day')} since {first_monday.day} {first_monday:%b %Y}"
        + (f"; the busiest day had {busiest}." if busiest else "."),
        viewBox=f"0 0 {width} {height}",
        width=str(width),
        height=str(height),
        preserveAspectRatio="xMinYMin meet",
    )
    labels = sub(svg, "g", class_="chart-label", aria_hidden="true")
    for row, name in ((0, "Mon"), (2, "Wed"), (4, "Fri")):
        sub(labels, "text", name, x="0", y=str(HEAT_TOP + row * (CELL + GAP) + CELL - 2))
    days = sub(svg, "g", class_="heat-days")
    previous_month, labelled_week = first_monday.month, -MONTH_LABEL_WEEKS
    for week in range(CALENDAR_WEEKS):
        monday = first_monday + timedelta(weeks=week)
        x = HEAT_LEFT + week * (CELL + GAP)
        if (week == 0 or monday.month != previous_month) and week - labelled_week >= MONTH_LABEL_WEEKS:
            sub(labels, "text", f"{monday:%b}", x=str(x), y="10")
            labelled_week = week
        previous_month = monday.month
        for weekday in range(7):
            day = monday + timedelta(days=weekday)
            if day > today:
                break
            count = per_day.get(day, 0)
            cell = sub(
                days,
                "rect",
                x=str(x),
                y=str(HEAT_TOP + weekday * (CELL + GAP)),
                width=str(CELL),
                height=str(CELL),
                rx="2",
                class_=f"heat-{heat_level(count, busiest)}" + (" heat-today" if day == today else ""),
            )
            sub(cell, "title", f"{day_name(day)} {day:%Y}: {plural(count, 'review')}")
    return markup(svg)


def states_bar(states: StateCounts, chart_id: str = "states") -> Markup:
    """One bar split by card state, in proportion."""
    parts = states.parts()
    svg = svg_root(
        "states-bar",
        chart_id,
        "Cards by state",
        "; ".join(f"{label} {n:,}" for _, label, n in parts) + ".",
        width="100%",
        height="18",
    )
    sub(svg, "rect", width="100%", height="18", rx="9", class_="states-track")
    x = 0.0
    for key, label, n in parts:
        if not n or not states.total:
            continue
        width = 100 * n / states.total
        rect = sub(svg, "rect", x=pct(x), width=pct(width), height="18", class_=f"state-{key}")
        sub(rect, "title", f"{label}: {n:,}")
        x += width
    return markup(svg)
