"""Parsing `?hl=` values and cutting paragraphs into highlighted segments."""

from dataclasses import dataclass

import pytest

from app.text.highlight import HighlightError, parse_highlights, segment_paragraphs
from app.text.spans import Span

TEXT = "First paragraph here.\n\nSecond one follows.\n\nThird."


@dataclass
class P:
    start: int
    end: int


PARAGRAPHS = [P(0, 21), P(23, 42), P(44, 50)]


def render(segments_per_paragraph):
    """Paragraphs as strings with [marks] around highlighted text, and * on the first mark."""
    return [
        "".join((f"[{'*' if s.first_mark else ''}{s.text}]" if s.marked else s.text) for s in segments)
        for segments in segments_per_paragraph
    ]


def test_parse_single_and_multiple_spans_sorted():
    assert parse_highlights("6-15", len(TEXT)) == [Span(6, 15)]
    assert parse_highlights("30-35, 0-5", len(TEXT)) == [Span(0, 5), Span(30, 35)]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "is not a span"),
        ("abc", "is not a span"),
        ("5", "is not a span"),
        ("-1-4", "is not a span"),
        ("1.5-4", "is not a span"),
        ("9-3", "empty or reversed"),
        ("4-4", "empty or reversed"),
        ("10-51", "ends past the article, which has 50 characters"),
        (",".join(["1-2"] * 21), "at most 20"),
    ],
)
def test_parse_rejects_bad_values_with_reason(value, message):
    with pytest.raises(HighlightError, match=message):
        parse_highlights(value, len(TEXT))


def test_span_inside_one_paragraph():
    segments = segment_paragraphs(TEXT, PARAGRAPHS, [Span(6, 15)])
    assert render(segments) == ["First [*paragraph] here.", "Second one follows.", "Third."]


def test_span_crossing_paragraph_boundaries_marks_each_part():
    segments = segment_paragraphs(TEXT, PARAGRAPHS, [Span(16, 50)])
    assert render(segments) == ["First paragraph [*here.]", "[Second one follows.]", "[Third.]"]


def test_several_and_overlapping_spans_only_first_is_target():
    segments = segment_paragraphs(TEXT, PARAGRAPHS, [Span(0, 5), Span(3, 10), Span(30, 33)])
    assert render(segments) == ["[*First][ para]graph here.", "Second [one] follows.", "Third."]


def test_no_highlight_gives_plain_paragraphs():
    assert render(segment_paragraphs(TEXT, PARAGRAPHS, [])) == [
        "First paragraph here.",
        "Second one follows.",
        "Third.",
    ]


def test_marked_text_is_exactly_the_span_text():
    span = Span(10, 47)
    segments = segment_paragraphs(TEXT, PARAGRAPHS, [span])
    marked = [s.text for para in segments for s in para if s.marked]
    assert "\n\n".join(marked) == span.text_of(TEXT)
