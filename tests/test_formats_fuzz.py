"""Fuzzed imports: whatever the bytes, readers return problems (never raise), and the web import never 500s."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.formats.registry import FORMATS, IMPORT_FORMATS
from tests.helpers import login, post_form
from tests.test_teach_access import teacher

GIFT_PIECES = [
    "::",
    "{",
    "}",
    "=",
    "~",
    "#",
    "####",
    "->",
    "\\",
    ":",
    "..",
    "%50%",
    "T",
    "FALSE",
    "\n\n",
    "// sourced: {",
    "$CATEGORY: x",
    "___",
    " ",
    "a",
    "1",
    "[html]",
]
XML_PIECES = [
    "<quiz>",
    "</quiz>",
    '<question type="multichoice">',
    '<question type="cloze">',
    "</question>",
    "<name><text>",
    "</text></name>",
    '<answer fraction="100">',
    "<text>",
    "</text>",
    "</answer>",
    "{1:SA:=a}",
    "{1:MC:~b}",
    "<!-- sourced: {} -->",
    "&amp;",
    "<![CDATA[",
    "]]>",
    "x",
]
CSV_PIECES = [
    "type,prompt,answer,evidence,evidence_urls,tags\n",
    "numeric",
    "cloze",
    "true_false",
    ",",
    '"',
    "\n",
    " | ",
    " / ",
    "/articles/x?hl=1-2",
    "5%",
    "a",
]
JSON_PIECES = [
    "[",
    "]",
    "{",
    "}",
    '"id"',
    ":",
    ",",
    '"type"',
    '"numeric"',
    '"answer"',
    "1e309",
    "null",
    "true",
    '"evidence"',
    '"x"',
    "\n",
]
PIECES = {"gift": GIFT_PIECES, "moodle-xml": XML_PIECES, "csv": CSV_PIECES, "json": JSON_PIECES}


def texts_for(fmt: str):
    return st.one_of(st.text(max_size=300), st.lists(st.sampled_from(PIECES[fmt]), max_size=40).map("".join))


@pytest.mark.parametrize("fmt", IMPORT_FORMATS)
def test_readers_never_raise(fmt):
    @settings(max_examples=300, deadline=None)
    @given(texts_for(fmt))
    def check(text):
        result = FORMATS[fmt].read(text)
        for problem in result.problems:
            assert problem.at_line().startswith("line ")
        for item in result.items:
            assert isinstance(item.item, dict) and item.line >= 1

    check()


@pytest.mark.parametrize("fmt", IMPORT_FORMATS)
def test_the_web_import_never_fails_with_a_server_error(app, client, db, seed_articles, fmt):
    login(client, teacher())

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(texts_for(fmt))
    def check(text):
        upload = (io.BytesIO(text.encode("utf-8")), "upload.txt")
        response = post_form(client, "/teach/import", {"file": upload, "format": fmt, "target": ""})
        assert response.status_code == 200
        body = response.get_data(as_text=True)
        assert "Traceback" not in body

    check()


@pytest.mark.parametrize(
    ("fmt", "text"),
    [("json", "[" * 50_000), ("moodle-xml", "<quiz>" + "<a>" * 5_000), ("gift", "{" * 50_000)],
)
def test_deeply_nested_files_are_problems(fmt, text):
    result = FORMATS[fmt].read(text)
    assert result.problems or all(item.unsupported for item in result.items)
