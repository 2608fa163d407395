"""What a question says, independent of where it is stored (a YAML file, a revision row, an editor form)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field

DETAIL_FIELDS = ("accepted_answers", "choices", "tolerance", "unit", "role")


@dataclass(frozen=True)
class Content:
    type: str
    prompt: str
    answer: object
    explanation: str
    accepted_answers: tuple = ()
    choices: tuple = ()
    tolerance: float | str | None = None
    unit: str | None = None
    role: str | None = None
    tags: tuple[str, ...] = ()
    difficulty: str = "medium"

    def details(self) -> dict:
        """The type-specific fields that are set, as stored in a revision's `details` column."""
        values = {name: getattr(self, name) for name in DETAIL_FIELDS}
        return {k: list(v) if isinstance(v, tuple) else v for k, v in values.items() if v not in (None, ())}

    @classmethod
    def from_details(cls, *, details: dict, **fields) -> Content:
        values = {name: details.get(name) for name in DETAIL_FIELDS}
        for name in ("accepted_answers", "choices"):
            values[name] = freeze(values[name] or ())
        return cls(**fields, **values)


@dataclass(frozen=True)
class EvidenceRef:
    """A citation as written: an article and its words (start/end only when they come from an export)."""

    article: str
    quote: str
    occurrence: int | None = None
    start: int | None = None
    end: int | None = None
    line: int = 0
    index: int | None = field(default=None, compare=False)  # its position in the question's evidence list


@dataclass(frozen=True)
class QuestionSpec:
    key: str
    content: Content
    evidence: tuple[EvidenceRef, ...]
    status: str = "approved"
    origin: str = "curated"
    file: str = ""
    line: int = 0
    field_lines: dict = field(default_factory=dict, compare=False, hash=False)

    def line_of(self, name: str) -> int:
        return self.field_lines.get(name, self.line)


@dataclass(frozen=True)
class SetSpec:
    """A question set as written in a bank file: its questions by id, in order."""

    key: str
    title: str
    description: str
    question_keys: tuple[str, ...]
    file: str = ""
    line: int = 0


def freeze(value):
    """Lists (also nested, for cloze variants) as tuples, so content is hashable and comparable."""
    if isinstance(value, list | tuple):
        return tuple(freeze(v) for v in value)
    return value


def content_hash(content: Content, evidence: tuple[EvidenceRef, ...]) -> str:
    """Identifies a wording: same content and same cited words give the same hash, whatever the offsets."""
    cited = [(e.article, " ".join(e.quote.split()), e.occurrence) for e in evidence]
    payload = json.dumps([asdict(content), cited], sort_keys=True, ensure_ascii=False, default=list)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
