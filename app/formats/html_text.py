"""Moodle's HTML fields as plain lines: one per paragraph or line break, links as their addresses."""

from __future__ import annotations

from lxml import etree, html

BLOCKS = {"p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "pre"}


def html_to_lines(fragment: str) -> list[str]:
    """The text of an HTML fragment, a line per block; `<a href="URL">…</a>` becomes the URL itself."""
    if "<" not in fragment:
        return [" ".join(line.split()) for line in fragment.split("\n") if line.strip()]
    try:
        root = html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return [" ".join(fragment.split())]
    for anchor in root.iter("a"):
        href = anchor.get("href")
        if href:
            tail = anchor.tail
            anchor.clear()
            anchor.text, anchor.tail = href, tail
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif element.tag in BLOCKS:
            element.tail = "\n" + (element.tail or "")
            element.text = "\n" + (element.text or "")
    text = root.text_content()
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]
