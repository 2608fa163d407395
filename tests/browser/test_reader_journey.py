"""A source link opens the reader scrolled to, focused on and highlighting the cited sentence."""

import pytest
from sqlalchemy import select

from app.articles.links import reader_url
from app.models import Article
from app.text.spans import find_quote

pytestmark = pytest.mark.browser

SENTENCE = (
    "He estimated that at least 50 firms in the Park — more than 10% — have already moved some staff out of "
    "Belarus, mainly to Ukraine, Russia, Poland or the Baltic states."
)


def test_reader_link_highlights_sentence_in_viewport(app, db, seeded, server_url, page, tmp_path):
    article = db.session.scalar(select(Article).filter_by(slug="everyone-who-can-leave-will-leave"))
    span = find_quote(article.clean_text, SENTENCE)
    page.goto(server_url + reader_url(article.slug, span))

    mark = page.locator("mark#hl")
    assert mark.inner_text() == SENTENCE
    assert page.locator("mark").count() == 1
    assert page.evaluate("document.activeElement.id") == "hl"
    box = mark.bounding_box()
    viewport = page.viewport_size
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]
    assert page.evaluate("window.scrollY") > 0  # the sentence is far down the article: the page scrolled

    page.screenshot(path=str(tmp_path / "reader-highlight.png"), full_page=False)


def test_highlight_across_paragraphs_in_browser(app, db, seeded, server_url, page):
    article = db.session.scalar(select(Article).filter_by(slug="the-lukashenko-factor"))
    start = find_quote(article.clean_text, "Since 2022, many Belarusian exiles").start
    end = find_quote(article.clean_text, "thought of Warsaw").end
    page.goto(server_url + f"/articles/{article.slug}?hl={start}-{end}")
    texts = page.locator("mark").all_inner_texts()
    assert len(texts) == 2
    assert texts[0].startswith("Since 2022") and texts[1].endswith("thought of Warsaw")


def test_bad_highlight_shows_400_page(app, seeded, server_url, page):
    response = page.goto(server_url + "/articles/the-lukashenko-factor?hl=5-1")
    assert response.status == 400
    assert "empty or reversed" in page.locator("main").inner_text()


def test_keyboard_skip_link_reaches_content(app, seeded, server_url, page):
    page.goto(server_url + "/articles/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
