"""Tests for app.text.spans: Span, find_quote and re-anchoring after the clean text changes."""

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from app.text.spans import (
    AmbiguousQuoteError,
    AnchoredSpan,
    QuoteNotFoundError,
    Reanchored,
    ReanchorPlan,
    Span,
    SpanError,
    Unanchorable,
    describe_failures,
    find_quote,
    plan_reanchoring,
)

FAST = settings(max_examples=150, deadline=None)


def normalise(words: str) -> str:
    """Independent of the module: collapse whitespace and straighten quote marks."""
    return " ".join(words.split()).translate(str.maketrans("‘’“”", "''\"\""))


# --- Span ---------------------------------------------------------------------------------------------


def test_span_str_is_the_url_form():
    assert str(Span(105, 131)) == "105-131"


def test_span_text_of():
    assert Span(4, 9).text_of("The quick fox") == "quick"


def test_span_text_of_past_the_end_raises():
    with pytest.raises(ValueError, match="past the end"):
        Span(2, 20).text_of("short")


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (5, 5), (6, 5)])
def test_span_rejects_bad_offsets(start, end):
    with pytest.raises(ValueError, match="start < end"):
        Span(start, end)


def test_span_rejects_non_integers():
    with pytest.raises(TypeError):
        Span(1.5, 3)


def test_spans_order_by_start_then_end():
    assert sorted([Span(5, 9), Span(1, 8), Span(1, 3)]) == [Span(1, 3), Span(1, 8), Span(5, 9)]


def test_span_is_frozen_and_hashable():
    assert len({Span(1, 2), Span(1, 2)}) == 1
    with pytest.raises(AttributeError):
        Span(1, 2).start = 0  # type: ignore[misc]


# --- find_quote ---------------------------------------------------------------------------------------


def test_finds_exact_words():
    text = "The council voted to close the library."
    span = find_quote(text, "close the library")
    assert span == Span(21, 38)
    assert span.text_of(text) == "close the library"


def test_whitespace_in_the_quote_matches_a_newline_in_the_text():
    text = "It rained for\n  forty days."
    span = find_quote(text, "for forty")
    assert span.text_of(text) == "for\n  forty"


def test_leading_and_trailing_whitespace_of_the_quote_is_ignored():
    text = "one two three"
    assert find_quote(text, "  two\n") == Span(4, 7)


def test_straight_apostrophe_finds_curly_one():
    text = "The mayor said it wasn’t over."
    span = find_quote(text, "wasn't over")
    assert span.text_of(text) == "wasn’t over"


def test_curly_apostrophe_finds_straight_one():
    text = "The mayor said it wasn't over."
    span = find_quote(text, "wasn’t over")
    assert span.text_of(text) == "wasn't over"


def test_straight_double_quotes_find_curly_ones():
    text = "She called it “a disgrace” twice."
    span = find_quote(text, '"a disgrace"')
    assert span.text_of(text) == "“a disgrace”"


def test_letters_are_not_loosened():
    with pytest.raises(QuoteNotFoundError):
        find_quote("The Library", "the library")


def test_occurrence_chooses_among_matches():
    text = "red fish, blue fish, red fish"
    assert find_quote(text, "red fish", occurrence=1) == Span(0, 8)
    assert find_quote(text, "red fish", occurrence=2) == Span(21, 29)


def test_overlapping_occurrences_are_counted():
    assert find_quote("aaa", "aa", occurrence=2) == Span(1, 3)


def test_ambiguity_error_lists_count_and_offsets():
    text = "red fish, blue fish, red fish"
    with pytest.raises(AmbiguousQuoteError, match=r"occurs 2 times .*0-8, 21-29") as caught:
        find_quote(text, "red fish")
    assert caught.value.count == 2
    assert caught.value.spans == (Span(0, 8), Span(21, 29))
    assert isinstance(caught.value, SpanError)
    assert isinstance(caught.value, ValueError)


def test_not_found_message_quotes_the_words():
    with pytest.raises(QuoteNotFoundError, match="“purple elephants” was not found") as caught:
        find_quote("Nothing to see here.", "purple elephants")
    assert isinstance(caught.value, SpanError)


def test_long_quotes_are_truncated_onto_one_line_in_messages():
    quote = "word " * 30 + "\nend"
    with pytest.raises(QuoteNotFoundError) as caught:
        find_quote("text", quote)
    message = str(caught.value)
    assert "\n" not in message
    assert "…”" in message
    assert len(message) < 100


def test_occurrence_out_of_range_says_how_many_there_are():
    with pytest.raises(QuoteNotFoundError, match="occurs 2 times; there is no occurrence 3"):
        find_quote("ab ab", "ab", occurrence=3)
    with pytest.raises(QuoteNotFoundError, match="occurs once; there is no occurrence 0"):
        find_quote("ab", "ab", occurrence=0)


def test_occurrence_of_missing_words_is_not_found():
    with pytest.raises(QuoteNotFoundError, match="not found"):
        find_quote("ab", "cd", occurrence=1)


@pytest.mark.parametrize("quote", ["", "   ", "\n\t"])
def test_empty_quote_is_an_error(quote):
    with pytest.raises(SpanError, match="empty"):
        find_quote("some text", quote)


def test_regex_characters_in_the_quote_are_literal():
    text = "Costs rose (by 3.5%) [again] *sigh*"
    assert find_quote(text, "(by 3.5%) [again] *sigh*").text_of(text) == "(by 3.5%) [again] *sigh*"


# --- plan_reanchoring ---------------------------------------------------------------------------------


def anchored(key, text, quote, occurrence=None):
    return AnchoredSpan(key, find_quote(text, quote, occurrence), quote)


def test_unchanged_when_the_span_still_holds_its_quote():
    old = "The council voted to close the library."
    new = "The council voted to close the library!"
    plan = plan_reanchoring(old, new, [anchored(1, old, "close the library")])
    assert plan == ReanchorPlan(unchanged=(1,), moved=(), failed=())
    assert plan.ok


def test_text_inserted_before_the_span_moves_it():
    old = "The council voted to close the library."
    new = "On Monday, the council voted to close the library."
    plan = plan_reanchoring(old, new, [anchored(7, old, "close the library")])
    assert plan.moved == (Reanchored(7, Span(21, 38), Span(32, 49)),)
    assert plan.moved[0].new.text_of(new) == "close the library"
    assert plan.ok


def test_changed_whitespace_and_quote_marks_still_reanchor():
    old = "He said  it wasn't\nover."
    new = "Preface. He said it wasn’t over."
    plan = plan_reanchoring(old, new, [AnchoredSpan(3, Span(3, 18), "said  it wasn't")])
    (move,) = plan.moved
    assert move.new.text_of(new) == "said it wasn’t"


def test_quote_marks_changed_in_place_is_a_move_to_the_same_offsets():
    old, new = "it's here", "it’s here"
    plan = plan_reanchoring(old, new, [anchored(1, old, "it's")])
    assert plan.moved == (Reanchored(1, Span(0, 4), Span(0, 4)),)


def test_removed_words_fail_as_not_found():
    old = "The council voted to close the library."
    new = "The council voted."
    plan = plan_reanchoring(old, new, [anchored(12, old, "close the library")])
    assert plan.failed == (Unanchorable(12, Span(21, 38), "close the library", "not found"),)
    assert not plan.ok


def test_duplicated_quote_is_disambiguated_by_its_old_occurrence():
    old = "red fish, blue fish, red fish"
    new = "Title.\n\nred fish, blue fish, red fish"
    first, second = anchored("a", old, "red fish", 1), anchored("b", old, "red fish", 2)
    plan = plan_reanchoring(old, new, [first, second])
    assert plan.moved == (
        Reanchored("a", Span(0, 8), Span(8, 16)),
        Reanchored("b", Span(21, 29), Span(29, 37)),
    )


def test_duplicated_quote_whose_count_changed_fails():
    old = "red fish, blue fish, red fish"
    new = "red fish! red fish, blue fish, red fish"
    plan = plan_reanchoring(old, new, [anchored(5, old, "red fish", 2)])
    assert plan.failed == (Unanchorable(5, Span(21, 29), "red fish", "found 3 times"),)


def test_plan_sorts_every_span_into_one_bucket_and_mutates_nothing():
    old = "alpha beta gamma delta"
    new = "alpha gamma delta beta!"
    spans = [anchored(1, old, "alpha"), anchored(2, old, "beta"), anchored(3, old, "beta gamma")]
    before = list(spans)
    plan = plan_reanchoring(old, new, iter(spans))
    assert plan.unchanged == (1,)
    assert [m.key for m in plan.moved] == [2]
    assert [f.key for f in plan.failed] == [3]
    assert spans == before


def test_blank_stored_quote_fails_rather_than_matching_everywhere():
    plan = plan_reanchoring("a b", "xb a", [AnchoredSpan(1, Span(1, 2), " ")])
    assert plan.failed[0].reason == "not found"


def test_describe_failures_gives_one_line_each():
    old = "The council voted to close the library. " + "x" * 60
    new = "Shorter."
    plan = plan_reanchoring(old, new, [anchored(12, old, "close the library")])
    assert describe_failures(plan) == [
        "evidence 12: “close the library” (was 21-38): not found in the new text"
    ]
    assert describe_failures(plan, "card {}".format) == [
        "card 12: “close the library” (was 21-38): not found in the new text"
    ]
    assert describe_failures(ReanchorPlan((), (), ())) == []


# --- properties -------------------------------------------------------------------------------------

# A small alphabet with quote marks and assorted whitespace makes repeats and near-misses common.
texts = st.text(alphabet="ab ’'\"“\n\t", min_size=1, max_size=40)


def matches_at(text: str, start: int, quote: str) -> bool:
    """Brute force: does some stretch of text starting at `start` normalise to the quote?"""
    if text[start].isspace():
        return False
    return any(
        not text[end - 1].isspace() and normalise(text[start:end]) == normalise(quote)
        for end in range(start + 1, len(text) + 1)
    )


def trimmed(text: str, start: int, end: int) -> Span | None:
    """The sub-span without whitespace at its edges, or None when nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if start < end else None


def exact_count(text: str, quote: str) -> int:
    return sum(text.startswith(quote, i) for i in range(len(text)))


@st.composite
def text_and_span(draw):
    text = draw(texts)
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    span = trimmed(text, start, end)
    assume(span is not None)
    return text, span


@FAST
@given(text_and_span())
def test_find_quote_with_the_right_occurrence_returns_that_span(case):
    text, span = case
    quote = span.text_of(text)
    occurrence = 1 + sum(matches_at(text, i, quote) for i in range(span.start))
    assert find_quote(text, quote, occurrence) == span


@FAST
@given(text_and_span(), st.data())
def test_reanchoring_never_points_at_different_words(case, data):
    text, span = case
    quote = span.text_of(text)
    # Edit somewhere outside the span: delete text[cut_before:start] and text[end:cut_after], insert anything.
    cut_before = data.draw(st.integers(0, span.start))
    cut_after = data.draw(st.integers(span.end, len(text)))
    prefix = text[:cut_before] + data.draw(st.one_of(st.just(""), texts))
    suffix = data.draw(st.one_of(st.just(""), texts)) + text[cut_after:]
    new_text = prefix + text[span.start : span.end] + suffix
    shifted = Span(len(prefix), len(prefix) + len(quote))

    plan = plan_reanchoring(text, new_text, [AnchoredSpan("k", span, quote)])

    assert len(plan.unchanged) + len(plan.moved) + len(plan.failed) == 1
    if plan.unchanged:
        assert span.text_of(new_text) == quote
    for move in plan.moved:
        assert normalise(move.new.text_of(new_text)) == normalise(quote)
    if exact_count(new_text, quote) == 1:
        # The words survived the edit untouched, so a single exact occurrence must be them.
        assert (span if plan.unchanged else plan.moved[0].new) == shifted
