"""The reader: article list, paragraphs with anchors, `?hl=` highlighting, errors and escaping."""

import re

import pytest
from flask import url_for

from app.articles.links import reader_url
from app.text.spans import Span, find_quote
from tests.factories import ArticleFactory

PUTIN = "Vladimir Putin’s return to the Russian presidency"


def marks(html: str) -> list[str]:
    return re.findall(r"<mark[^>]*>(.*?)</mark>", html, flags=re.S)


def test_index_lists_articles_with_publisher_date_and_paragraphs(client, seeded):
    html = client.get("/articles/").get_data(as_text=True)
    assert "Everyone Who Can Leave, Will Leave" in html
    assert "The Lukashenko Factor" in html
    assert "The Moscow Times" in html and "The Next Hint" in html
    assert "2020-09" in html and "2023" in html


def test_index_when_empty_says_how_to_add_articles(client):
    html = client.get("/articles/").get_data(as_text=True)
    assert "flask seed" in html


def test_reader_shows_header_and_paragraph_anchors(client, db):
    article = ArticleFactory()
    response = client.get(f"/articles/{article.slug}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "A Sample Headline About Reporting" in html
    assert "The Daily Sample" in html and "Jane Example" in html and "2024-05" in html
    assert 'href="https://news.example.org/sample"' in html
    for paragraph in article.paragraphs:
        assert f'id="p-{paragraph.position}"' in html
    assert "<mark" not in html
    assert "reader.js" not in html


def test_highlight_wraps_exactly_the_span(client, seeded, db):
    from app.models import Article

    article = db.session.scalar(db.select(Article).filter_by(slug="everyone-who-can-leave-will-leave"))
    span = find_quote(article.clean_text, PUTIN)
    html = client.get(f"/articles/{article.slug}?hl={span}").get_data(as_text=True)
    assert marks(html) == [PUTIN]
    assert '<mark id="hl" tabindex="-1">' in html
    assert "reader.js" in html


def test_highlight_across_paragraphs_marks_every_part(client, db):
    article = ArticleFactory()
    text = article.clean_text
    start = text.index("says something worth checking")
    end = text.index("said Jane") + len("said Jane")
    html = client.get(reader_url(article.slug, Span(start, end))).get_data(as_text=True)
    parts = marks(html)
    assert len(parts) == 2
    assert parts[0] == "says something worth checking."
    assert parts[1] == "“Quotes are evidence,” said Jane"
    assert html.count('id="hl"') == 1


@pytest.mark.parametrize(
    ("hl", "reason"),
    [
        ("nonsense", "is not a span"),
        ("30-10", "empty or reversed"),
        ("0-999999", "ends past the article"),
        ("", "is not a span"),
    ],
)
def test_bad_highlight_is_a_400_that_explains(client, db, hl, reason):
    article = ArticleFactory()
    response = client.get(f"/articles/{article.slug}?hl={hl}")
    assert response.status_code == 400
    assert reason in response.get_data(as_text=True)


def test_unknown_article_is_404_page(client):
    response = client.get("/articles/no-such-article")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "Not Found" in html and "Browse articles" in html


def test_markup_in_article_is_shown_inert(client, db):
    hostile = (
        "Headline <b>bold</b>\n\n"
        "A paragraph with <script>alert('x')</script> and <img src=x onerror=alert(1)> inside it.\n\n"
        "Another paragraph &amp; more."
    )
    article = ArticleFactory(text=hostile, title="Headline <b>bold</b>", url="https://example.org/a?x=<y>")
    span = find_quote(article.clean_text, "<script>alert('x')</script>")
    html = client.get(reader_url(article.slug, span)).get_data(as_text=True)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<b>bold</b>" not in html
    assert "&amp;amp; more" in html


def test_reader_url_builds_hl_links_with_anchor(app):
    assert reader_url("some-article") == "/articles/some-article"
    assert reader_url("some-article", Span(5, 20)) == "/articles/some-article?hl=5-20#hl"
    assert reader_url("a", [Span(1, 2), Span(7, 9)]) == "/articles/a?hl=1-2,7-9#hl"
    assert url_for("articles.read", slug="a") == "/articles/a"


def test_home_page_lists_articles(client, seeded):
    html = client.get("/").get_data(as_text=True)
    assert "Learn the news" in html
    assert 'href="/articles/the-lukashenko-factor"' in html


def test_healthz_checks_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_healthz_reports_unreachable_database(app, client, db, monkeypatch):
    from sqlalchemy.exc import OperationalError

    def broken(*args, **kwargs):
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(db.session, "execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json["database"] == "unreachable"


def test_pages_carry_security_headers(client):
    response = client.get("/articles/")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_base_layout_is_accessible(client):
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="en">' in html
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html and "<nav" in html and "<footer" in html


def test_server_error_page(app, client):
    @app.get("/boom")
    def boom():
        raise RuntimeError("boom")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get("/boom")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.get_data(as_text=True)
