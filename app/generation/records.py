"""Drafts written out: the JSON shape of `flask questions export`, plus each draft's confidence and reason."""

from __future__ import annotations

import json
from collections.abc import Callable

import yaml

from app.text.spans import Span

LinkBuilder = Callable[[str, Span], str]


def draft_record(draft, link_for: LinkBuilder | None = None) -> dict:
    """Like an exported question (ids, offsets, cited words, reader links), with confidence and reason."""
    item = draft.item
    return {
        "id": item["id"],
        "type": item["type"],
        "prompt": item["prompt"],
        "answer": item["answer"],
        "accepted_answers": item.get("accepted_answers", []),
        "choices": item.get("choices", []),
        "tolerance": item.get("tolerance"),
        "unit": item.get("unit"),
        "role": item.get("role"),
        "explanation": item["explanation"],
        "evidence": [
            {
                "article": e.ref.article,
                "start": e.span.start,
                "end": e.span.end,
                "text": e.text,
                "url": link_for(e.ref.article, e.span) if link_for else None,
            }
            for e in draft.checked.evidence
        ],
        "tags": item["tags"],
        "difficulty": item["difficulty"],
        "origin": item["origin"],
        "status": item["status"],
        "confidence": draft.confidence,
        "reason": draft.reason,
    }


def to_json(records: list[dict]) -> str:
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def to_yaml(records: list[dict]) -> str:
    return yaml.safe_dump(records, allow_unicode=True, sort_keys=False, width=110)
