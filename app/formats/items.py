"""What every format reads into, and the pieces they share: numbers, reader links, Sourced's own fields."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from app.bank.content import Content, freeze
from app.bank.exchange import DEFAULT_TYPES, Exchanged
from app.bank.parsing import Problem
from app.bank.types import QUESTION_TYPES
from app.yaml_lines import LineMap

# Sourced's fields that GIFT and Moodle XML cannot say, kept in a comment those programs ignore.
META_PREFIX = "sourced:"
META_FIELDS = ("type", "tags", "difficulty", "status", "origin")
DEFAULT_TAG = "imported"
THOUSANDS = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")
READER_PATH = re.compile(r"/articles/(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)/?$")


@dataclass
class ImportedItem:
    """One question read from a file: a bank item, the line it starts on, or why Sourced cannot take it."""

    item: dict
    line: int
    unsupported: str | None = None  # e.g. "an essay question: Sourced grades only answers it can check"
    name_is_id: bool = False  # the file gave a Sourced id (JSON, CSV), not just a title (GIFT, Moodle)
    lines: LineMap | None = None  # where each field is, when the format knows

    @property
    def summary(self) -> str:
        return " ".join(str(self.item.get("prompt") or "").split())[:140]


@dataclass(frozen=True)
class Exported:
    """A written file, and the questions the format could not say, with the reason."""

    data: str | bytes
    skipped: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class ReadResult:
    items: list[ImportedItem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_number(text: object) -> int | float | None:
    """ "50" → 50, "13,300" → 13300, "13.3" → 13.3; anything else None."""
    if isinstance(text, bool):
        return None
    if isinstance(text, int | float):
        return text if math.isfinite(text) else None
    if not isinstance(text, str):
        return None
    value = text.strip()
    if THOUSANDS.match(value):
        value = value.replace(",", "")
    try:
        number = int(value)
    except ValueError:
        try:
            number = float(value)
        except ValueError:
            return None
    return number if math.isfinite(number) else None


def write_number(value: float) -> str:
    return str(value) if isinstance(value, int) else repr(float(value))


def content_of(record: dict) -> Content:
    """An export record (`question_record`) as Content, to ask its type how formats say it."""
    return Content(
        type=record["type"],
        prompt=record["prompt"],
        answer=freeze(record["answer"]),
        explanation=record["explanation"],
        accepted_answers=freeze(record.get("accepted_answers") or ()),
        choices=freeze(record.get("choices") or ()),
        tolerance=record.get("tolerance"),
        unit=record.get("unit"),
        role=record.get("role"),
        tags=tuple(record.get("tags") or ()),
        difficulty=record.get("difficulty") or "medium",
    )


def exchanged_record(record: dict) -> Exchanged | None:
    return QUESTION_TYPES[record["type"]].exchange(content_of(record))


def metadata(record: dict, exchanged: Exchanged, **lost) -> dict:
    """Sourced's fields for the comment: type, tags, difficulty, status, origin, and what the family lost."""
    meta = {name: record[name] for name in META_FIELDS if record.get(name) not in (None, [], "")}
    return meta | exchanged.extras | {k: v for k, v in lost.items() if v not in (None, "")}


def metadata_comment(meta: dict) -> str:
    return f"{META_PREFIX} {json.dumps(meta, ensure_ascii=False, sort_keys=True)}"


def read_metadata(text: str) -> dict | None:
    """The fields of a `sourced: {…}` comment, or None if the comment is not one; ValueError if garbled."""
    text = text.strip()
    if not text.startswith(META_PREFIX):
        return None
    try:
        meta = json.loads(text[len(META_PREFIX) :])
    except json.JSONDecodeError as error:
        raise ValueError(f"the `{META_PREFIX}` comment is not JSON: {error.msg}") from None
    if not isinstance(meta, dict):
        raise ValueError(f"the `{META_PREFIX}` comment must be a JSON object")
    return meta


def item_from_exchange(
    exchanged: Exchanged, meta: dict, *, name: str, prompt: str, explanation: str, evidence: list[dict]
) -> dict:
    """A bank item from a family, Sourced's fields (when the file kept them) and the general feedback."""
    wanted = QUESTION_TYPES.get(meta.get("type"))
    kind = (
        wanted
        if wanted and exchanged.family in wanted.families
        else QUESTION_TYPES[DEFAULT_TYPES[exchanged.family]]
    )
    item = {
        "id": name,
        "type": kind.name,
        "prompt": prompt,
        **kind.from_exchange(exchanged),
        **{k: v for k, v in meta.items() if k in kind.fields},
        "explanation": explanation,
        "evidence": evidence,
        "tags": meta.get("tags") or [DEFAULT_TAG],
    }
    for name_ in ("difficulty", "status", "origin"):
        if meta.get(name_):
            item[name_] = meta[name_]
    return {k: v for k, v in item.items() if v not in (None, [], "") or k == "answer"}


def evidence_from_link(url: str, quote: str) -> dict | None:
    """`{article, quote, start, end}` from a reader link (`…/articles/SLUG?hl=START-END#hl`), any host."""
    parts = urlsplit(url.strip())
    match = READER_PATH.search(parts.path)
    if not match:
        return None
    evidence: dict = {"article": match.group("slug"), "quote": quote}
    hl = parse_qs(parts.query).get("hl", [""])[0]
    span = re.fullmatch(r"(\d{1,9})-(\d{1,9})", hl.split(",")[0])
    if span:
        evidence["start"], evidence["end"] = int(span.group(1)), int(span.group(2))
    return evidence
