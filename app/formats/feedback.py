"""The general feedback GIFT and Moodle XML carry: the explanation, then one line per piece of evidence.

    The Moscow Times reported that at least 50 firms had moved staff.
    Evidence: “He estimated that at least 50 firms in the Park” (https://…/articles/SLUG?hl=120-168#hl)

On import the words and the link come back as evidence, which the validator verifies again against the
article: a file can never bring in a citation the article does not contain.
"""

from __future__ import annotations

from app.formats.items import evidence_from_link

EVIDENCE_PREFIX = "Evidence: “"


def evidence_line(quote: str, url: str) -> str:
    return f"{EVIDENCE_PREFIX}{' '.join(quote.split())}” ({url})"


def feedback_lines(record: dict) -> list[str]:
    """The explanation and an evidence line per span (its `url` should be absolute)."""
    lines = [record["explanation"]] if record.get("explanation") else []
    return lines + [evidence_line(e["text"], e["url"]) for e in record.get("evidence") or []]


def parse_feedback(lines: list[str]) -> tuple[str, list[dict]]:
    """(explanation, evidence items) from feedback lines; lines that are not evidence are the explanation."""
    explanation, evidence = [], []
    for line in lines:
        text = line.strip()
        quote, url = split_evidence_line(text)
        found = evidence_from_link(url, quote) if quote else None
        if found:
            evidence.append(found)
        elif text:
            explanation.append(text)
    return " ".join(explanation), evidence


def split_evidence_line(text: str) -> tuple[str | None, str]:
    if not text.startswith(EVIDENCE_PREFIX) or not text.endswith(")") or "” (" not in text:
        return None, ""
    quote, _, url = text[len(EVIDENCE_PREFIX) : -1].rpartition("” (")
    return (quote, url) if quote.strip() and url.strip() else (None, "")
