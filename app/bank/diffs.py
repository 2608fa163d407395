"""What changed between two revisions of a question, field by field, words struck out and words added."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from app.bank.types import QUESTION_TYPES
from app.models import QuestionRevision

TOKENS = re.compile(r"\S+\s*|\s+")  # words with the spaces after them


@dataclass(frozen=True)
class Piece:
    """A run of words: kept ("equal"), removed ("delete") or added ("insert")."""

    op: str
    text: str


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str | list[str]
    after: str | list[str]
    pieces: tuple[Piece, ...]  # text fields: the words; lists: one piece per item


def readable_fields(revision: QuestionRevision) -> dict[str, str | list[str]]:
    """A revision as a teacher reads it: labelled texts and lists, empty ones left out."""
    content = revision.content
    kind = QUESTION_TYPES[revision.type]
    fields: dict[str, str | list[str]] = {
        "Type": kind.label,
        "Question": content.prompt,
        "Answer": kind.display_answer(content),
        "Choices": [str(c) for c in content.choices],
        "Other accepted answers": [
            " / ".join(a) if isinstance(a, tuple) else str(a) for a in content.accepted_answers
        ],
        "Tolerance": "" if content.tolerance is None else str(content.tolerance),
        "Unit": content.unit or "",
        "Role": content.role or "",
        "Explanation": content.explanation,
        "Evidence": [
            f"“{e.span.quote}” ({e.span.article.slug}, {e.span.start}–{e.span.end})"
            for e in revision.evidence
        ],
        "Tags": list(content.tags),
        "Difficulty": content.difficulty,
    }  # fmt: skip
    return {label: value for label, value in fields.items() if value not in ("", [])}


def word_pieces(before: str, after: str) -> tuple[Piece, ...]:
    """The words of `after` against `before`: runs kept, removed and added, in reading order.

    Spaces after a changed run are kept outside it, so "who ~~founded~~ __set up__ the firm" reads well.
    """
    old, new = TOKENS.findall(before), TOKENS.findall(after)
    pieces: list[Piece] = []

    def changed(op: str, text: str) -> None:
        words = text.rstrip()
        pieces.append(Piece(op, words))
        if len(words) < len(text):
            pieces.append(Piece("equal", text[len(words) :]))

    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op in ("delete", "replace"):
            changed("delete", "".join(old[a1:a2]))
        if op in ("insert", "replace"):
            changed("insert", "".join(new[b1:b2]))
        if op == "equal":
            pieces.append(Piece("equal", "".join(old[a1:a2])))
    return tuple(p for p in pieces if p.text)


def list_pieces(before: list[str], after: list[str]) -> tuple[Piece, ...]:
    """Items kept, removed and added, in the new order (removed ones where they were)."""
    pieces: list[Piece] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op in ("delete", "replace"):
            pieces += [Piece("delete", item) for item in before[a1:a2]]
        if op in ("insert", "replace"):
            pieces += [Piece("insert", item) for item in after[b1:b2]]
        if op == "equal":
            pieces += [Piece("equal", item) for item in before[a1:a2]]
    return tuple(pieces)


FIELD_ORDER = (
    "Type", "Question", "Answer", "Choices", "Other accepted answers", "Tolerance", "Unit", "Role",
    "Explanation", "Evidence", "Tags", "Difficulty",
)  # fmt: skip


def diff_revisions(old: QuestionRevision, new: QuestionRevision) -> list[FieldChange]:
    """The fields that differ from `old` to `new`, in the editor's order."""
    before, after = readable_fields(old), readable_fields(new)
    changes = []
    for label in FIELD_ORDER:
        a, b = before.get(label), after.get(label)
        if a == b:
            continue
        if isinstance(a, list) or isinstance(b, list):
            a_list, b_list = list(a or []), list(b or [])
            changes.append(FieldChange(label, a_list, b_list, list_pieces(a_list, b_list)))
        else:
            changes.append(FieldChange(label, a or "", b or "", word_pieces(a or "", b or "")))
    return changes
