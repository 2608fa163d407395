"""Widening a cited span to the sentence(s) around it."""

from app.text.sentences import sentence_around
from app.text.spans import Span, find_quote

TEXT = (
    "First sentence here. He estimated that at least 50 firms had moved. Another one follows!\n\n"
    "“It was a mistake,” said Daniel. New paragraph ends"
)


def around(quote: str) -> str:
    span = find_quote(TEXT, quote)
    return sentence_around(TEXT, span).text_of(TEXT)


def test_clause_widens_to_its_sentence():
    assert around("at least 50 firms") == "He estimated that at least 50 firms had moved."


def test_whole_sentence_stays_itself():
    assert around("First sentence here.") == "First sentence here."


def test_quote_with_closing_mark_and_paragraph_end():
    assert around("It was a mistake") == "“It was a mistake,” said Daniel."
    assert around("New paragraph") == "New paragraph ends"


def test_span_across_sentences_keeps_both():
    assert (
        around("here. He estimated") == "First sentence here. He estimated that at least 50 firms had moved."
    )


def test_never_crosses_a_paragraph():
    start = TEXT.index("Another")
    assert sentence_around(TEXT, Span(start, start + 7)).text_of(TEXT) == "Another one follows!"
