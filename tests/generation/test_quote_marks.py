"""Finding quoted passages: curly, straight and single marks, paragraphs, unbalanced marks, never raising."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.generation.quote_marks import ends_sentence, quote_parts


def quoted(text: str) -> list[str]:
    return [text[p.start : p.end] for p in quote_parts(text)]


def test_curly_quotes_give_the_words_inside_without_marks_or_trailing_comma():
    text = "“We will rebuild,” she said. “All of it.”"
    assert quoted(text) == ["We will rebuild", "All of it."]


def test_straight_quotes_open_and_close_by_their_neighbours():
    text = 'The firm, known as "the Greenhouse," said "no comment" and left.'
    assert quoted(text) == ["the Greenhouse", "no comment"]


def test_single_quotes_are_ignored_when_the_text_has_double_quotes():
    text = "“Then I got an email: ‘Your role at Brightloom.’” Talk of a ‘brain drain’ grew."
    assert quoted(text) == ["Then I got an email: ‘Your role at Brightloom.’"]


def test_single_quotes_carry_speech_in_british_style_text():
    text = "‘They can’t run empty ships,’ the islanders’ leader said. ‘Ask the workers’ union.’"
    assert quoted(text) == ["They can’t run empty ships", "Ask the workers’ union."]


def test_straight_single_quotes_when_there_are_no_double_marks():
    text = "'We can't run empty ships,' said Graham Pettigrew. 'The islanders' needs come first.'"
    assert quoted(text) == ["We can't run empty ships", "The islanders' needs come first."]
    assert quoted("Don't panic, it's fine: the workers' union agreed.") == []


def test_a_quotation_left_open_continues_into_a_paragraph_opening_with_a_mark():
    text = "“First part, no closing mark.\n\n“Second part.”\n\nPlain prose."
    parts = quote_parts(text)
    assert [p.continued for p in parts] == [False, True]
    assert parts[0].close_mark is None
    assert quoted(text) == ["First part, no closing mark.", "Second part."]


def test_an_unbalanced_opening_mark_runs_to_the_end_of_its_paragraph_only():
    text = 'She said jobs were lost. "Some moved here for this job.\n\nJoel Fairweather said more.'
    parts = quote_parts(text)
    assert quoted(text) == ["Some moved here for this job."]
    assert not parts[0].continued


def test_stray_marks_between_spaces_and_closing_marks_without_an_opening_are_skipped():
    assert quoted("A “ stray mark and a closing one” here.") == []


def test_a_misused_closing_glyph_before_a_word_opens_a_quotation():
    assert quoted("He said ”never again” twice.") == ["never again"]


def test_a_full_stop_inside_the_marks_followed_by_a_capital_ends_the_sentence():
    text = "Anton said firms moved staff “ninja-style.” One worker left. “Rubbish,” he said."
    first, second = quote_parts(text)
    assert ends_sentence(text, first)
    assert not ends_sentence(text, second)


MARKS = ["“", "”", '"', "‘", "’", "'", "„", "«", "»"]
PIECES = [*MARKS, " ", ", ", ". ", "\n", "\n\n", "said", "he", "Smith", "Anna Lee", "told", ":", "—", "x"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
def test_any_text_gives_passages_inside_the_text_in_order(text):
    parts = quote_parts(text)
    for part in parts:
        assert 0 <= part.open_mark < part.start < part.end <= len(text)
        assert text[part.start : part.end].strip() == text[part.start : part.end]
        assert "\n" not in text[part.start : part.end]
    assert [p.start for p in parts] == sorted(p.start for p in parts)
