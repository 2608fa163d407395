"""Ingestion: reading files, metadata with line numbers, idempotence, replacement and re-anchoring."""

from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.ingest import IngestError
from app.ingest.files import ingest_file, ingest_folder
from app.ingest.metadata import ArticleMeta, load_meta_file, load_sources, normalise_partial_date
from app.ingest.reading import ReceivedText, read_received_text
from app.ingest.service import ingest_article, sha256
from app.ingest.slugs import slug_from_title
from app.models import Article, EvidenceSpan, Paragraph
from tests.conftest import SEEDS
from tests.factories import ArticleFactory, EvidenceSpanFactory

TEXT = "Headline Of A Story\n\nThe mayor said the bridge would open in May.\n\nCritics disagreed loudly."


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# Reading files


def test_missing_file(tmp_path):
    with pytest.raises(IngestError, match="no such file"):
        read_received_text(tmp_path / "absent.txt")


@pytest.mark.parametrize("content", [b"", b"   \n\n  "])
def test_empty_file(tmp_path, content):
    with pytest.raises(IngestError, match="is empty"):
        read_received_text(write(tmp_path, "empty.txt", content))


def test_binary_file(tmp_path):
    with pytest.raises(IngestError, match="binary"):
        read_received_text(write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))


def test_non_utf8_file_names_the_byte(tmp_path):
    with pytest.raises(IngestError, match=r"not UTF-8 text \(byte 0xe9 at offset 3\)"):
        read_received_text(write(tmp_path, "latin1.txt", "Caf\u00e9 society".encode("latin-1")))


def test_directory_is_not_a_file(tmp_path):
    with pytest.raises(IngestError, match="is not a file"):
        read_received_text(tmp_path)


def test_utf8_bom_is_dropped(tmp_path):
    received = read_received_text(write(tmp_path, "bom.txt", "\ufeffHello world"))
    assert received.raw == "Hello world"


def test_html_goes_through_trafilatura_with_metadata(tmp_path):
    html = """<!doctype html><html><head><title>Bridge Opens Late | City Post</title>
    <meta property="og:title" content="Bridge Opens Late">
    <meta property="og:site_name" content="City Post">
    <meta name="author" content="Ana Writer">
    <meta property="article:published_time" content="2024-03-05T10:00:00Z">
    <link rel="canonical" href="https://citypost.example.com/bridge-opens-late"></head>
    <body><nav>Home | World | Sport</nav><article><h1>Bridge Opens Late</h1>
    <p>The mayor said on Tuesday that the new bridge would open two months late, in May, because of a
    shortage of steel that has hit builders across the region this year.</p>
    <p>“We will not cut corners,” the mayor told reporters at the site, adding that safety came first and
    that the city would publish a new timetable within a week.</p>
    <p>Critics on the council said the delay would cost taxpayers more than the original estimate.</p>
    </article><footer>Subscribe to our newsletter</footer></body></html>"""
    received = read_received_text(write(tmp_path, "bridge.html", html))
    assert received.raw == html
    assert "shortage of steel" in received.body
    assert "Home | World" not in received.body
    assert received.meta.title == "Bridge Opens Late"
    assert received.meta.publisher == "City Post"
    assert received.meta.author == "Ana Writer"
    assert received.meta.url == "https://citypost.example.com/bridge-opens-late"
    assert received.meta.published == "2024-03-05"


# Metadata


def test_seed_sources_load():
    sources = load_sources(SEEDS / "sources.yaml")
    meta = sources["000_9c5ba6eb5ac01bd5.txt"]
    assert meta.publisher == "The Moscow Times"
    assert meta.author == "Jake Cordell"
    assert meta.url is None
    assert meta.published == "2020-09"
    assert sources["004_16c4a5b8d4805f23.txt"].published == "2023"


def test_yaml_syntax_error_has_line_number(tmp_path):
    path = write(tmp_path, "meta.yaml", "title: Fine\npublisher: [unclosed\nauthor: x\n")
    with pytest.raises(IngestError, match=r"meta\.yaml:\d+: invalid YAML"):
        load_meta_file(path, tmp_path / "a.txt")


def test_unknown_field_has_line_number(tmp_path):
    path = write(tmp_path, "meta.yaml", "title: Fine\npublisher: P\nauthr: typo\n")
    with pytest.raises(IngestError, match=r"meta\.yaml:3: unknown field 'authr'"):
        load_meta_file(path, tmp_path / "a.txt")


def test_bad_date_has_line_number(tmp_path):
    path = write(tmp_path, "meta.yaml", "title: Fine\npublished: 2020-13\n")
    with pytest.raises(IngestError, match=r"meta\.yaml:2: published has no month 13"):
        load_meta_file(path, tmp_path / "a.txt")


def test_bad_url_and_missing_title(tmp_path):
    with pytest.raises(IngestError, match=r":2: url must be an http\(s\) address"):
        load_meta_file(write(tmp_path, "m.yaml", "title: T\nurl: ftp://x\n"), tmp_path / "a.txt")
    with pytest.raises(IngestError, match=r"sources\.yaml:1: title is required"):
        load_sources(write(tmp_path, "sources.yaml", "a.txt:\n  publisher: P\n"))


def test_meta_file_may_be_a_sources_file(tmp_path):
    path = write(tmp_path, "sources.yaml", "a.txt:\n  title: A\nb.txt:\n  title: B\n  published: 2021\n")
    assert load_meta_file(path, tmp_path / "b.txt") == ArticleMeta(title="B", published="2021")
    with pytest.raises(IngestError, match=r"no entry for 'c\.txt'"):
        load_meta_file(path, tmp_path / "c.txt")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2020, "2020"),
        ("2020-09", "2020-09"),
        ("2020-02-29", "2020-02-29"),
        (None, None),
        ("2024-03-05T10:00", "2024-03-05"),
    ],
)
def test_partial_dates(value, expected):
    assert normalise_partial_date(value) == expected


@pytest.mark.parametrize("value", ["2021-02-29", "20-01", "September 2020", "2020-00"])
def test_invalid_partial_dates(value):
    with pytest.raises(ValueError, match="published"):
        normalise_partial_date(value)


def test_slugs_from_headlines():
    assert (
        slug_from_title("‘Everyone Who Can Leave, Will Leave’: Violence, Raids")
        == "everyone-who-can-leave-will-leave"
    )
    assert slug_from_title("The Lukashenko Factor: Why Tech Innovators…") == "the-lukashenko-factor"
    assert slug_from_title("Café Owners Say No") == "cafe-owners-say-no"
    assert len(slug_from_title("word " * 40)) <= 60


# Storing


def test_seed_folder_stores_raw_exactly_and_clean_text_by_offsets(db):
    results = ingest_folder(db.session, SEEDS)
    db.session.commit()
    assert [r.action for r in results] == ["created", "created"]
    for result, name in zip(results, ["000_9c5ba6eb5ac01bd5.txt", "004_16c4a5b8d4805f23.txt"], strict=True):
        article = result.article
        raw = (SEEDS / name).read_text(encoding="utf-8")
        assert article.raw_text == raw
        assert article.raw_sha256 == sha256(raw)
        assert article.paragraphs
        for paragraph in article.paragraphs:
            body = article.clean_text[paragraph.start : paragraph.end]
            assert body == body.strip() and body
        pairs = zip(article.paragraphs, article.paragraphs[1:], strict=False)
        separators = [article.clean_text[a.end : b.start] for a, b in pairs]
        assert set(separators) == {"\n\n"}


def test_ingesting_same_text_twice_is_unchanged(db):
    first = ingest_folder(db.session, SEEDS)
    db.session.commit()
    again = ingest_folder(db.session, SEEDS)
    assert [r.action for r in again] == ["unchanged", "unchanged"]
    assert [r.article.id for r in again] == [r.article.id for r in first]
    assert db.session.scalar(select(func.count(Article.id))) == 2


def test_metadata_change_updates_in_place(db):
    ArticleFactory(slug="story", text=TEXT, title="Headline Of A Story")
    received = ReceivedText(raw=TEXT, body=TEXT)
    result = ingest_article(
        db.session, received, ArticleMeta(title="Headline Of A Story", publisher="New"), "story"
    )
    assert result.action == "updated" and result.changes == ("metadata",)
    assert result.article.publisher == "New"


def test_different_text_for_existing_slug_is_refused_without_replace(db):
    ArticleFactory(slug="story", text=TEXT, title="Headline Of A Story")
    changed = TEXT.replace("May", "June")
    with pytest.raises(IngestError, match="already exists with different text; pass --replace to replace it"):
        ingest_article(
            db.session, ReceivedText(changed, changed), ArticleMeta(title="Headline Of A Story"), "story"
        )


def test_replace_reanchors_spans_whose_words_moved(db):
    article = ArticleFactory(slug="story", text=TEXT, title="Headline Of A Story")
    span = EvidenceSpanFactory(article=article, quote="Critics disagreed loudly.")
    old_start = span.start
    new_text = TEXT.replace("The mayor said", "On Monday, the mayor of the old town said")
    result = ingest_article(
        db.session,
        ReceivedText(new_text, new_text),
        ArticleMeta(title="Headline Of A Story"),
        "story",
        replace=True,
    )
    db.session.commit()
    assert result.action == "updated" and len(result.reanchored) == 1
    db.session.refresh(span)
    assert span.start > old_start
    assert article.clean_text[span.start : span.end] == "Critics disagreed loudly."
    assert db.session.scalar(select(func.count(Paragraph.id)).where(Paragraph.article_id == article.id)) == 2


def test_replace_that_loses_a_span_is_refused_and_changes_nothing(db):
    article = ArticleFactory(slug="story", text=TEXT, title="Headline Of A Story")
    EvidenceSpanFactory(
        article=article, quote="the bridge would open in May", label="question bridge-opening"
    )
    new_text = TEXT.replace("the bridge would open in May", "the bridge would open later")
    with pytest.raises(IngestError) as raised:
        ingest_article(
            db.session,
            ReceivedText(new_text, new_text),
            ArticleMeta(title="Headline Of A Story"),
            "story",
            replace=True,
        )
    message = str(raised.value)
    assert "loses 1 cited span(s); nothing was changed" in message
    assert "question bridge-opening: “the bridge would open in May”" in message
    db.session.rollback()
    stored = db.session.scalar(select(Article).filter_by(slug="story"))
    assert "open in May" in stored.clean_text
    span = db.session.scalar(select(EvidenceSpan))
    assert stored.clean_text[span.start : span.end] == "the bridge would open in May"


def test_changed_cleaner_output_reanchors_without_replace(db, monkeypatch):
    """Same raw text, new cleaner: the spans follow their words (no --replace needed)."""
    article = ArticleFactory(
        slug="story",
        text=TEXT,
        title="Headline Of A Story",
        publisher=None,
        author=None,
        url=None,
        published=None,
    )
    span = EvidenceSpanFactory(article=article, quote="Critics disagreed loudly.")
    import app.ingest.service as service
    from app.text.cleaning import clean_article_text

    def cleaner_v2(raw, *, title=None):
        return clean_article_text("Intro added by a new cleaner.\n\n" + raw, title=title)

    monkeypatch.setattr(service, "clean_article_text", cleaner_v2)
    result = ingest_article(
        db.session, ReceivedText(TEXT, TEXT), ArticleMeta(title="Headline Of A Story"), "story"
    )
    assert result.action == "updated" and result.changes == ("clean text",)
    assert article.clean_text[span.start : span.end] == "Critics disagreed loudly."


def test_text_that_cleans_to_nothing_is_refused(db, tmp_path):
    path = write(tmp_path, "links.txt", "https://example.com/a\nhttps://example.com/b\n")
    with pytest.raises(IngestError, match="nothing is left after cleaning"):
        ingest_file(db.session, path, meta=ArticleMeta(title="Links"))
