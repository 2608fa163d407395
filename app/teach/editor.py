"""The question editor's forms as bank items and back, per question type; problems placed on their fields.

The editor has no rules of its own: it turns what the teacher typed into the item a bank file would hold,
asks the bank's validator, and shows each problem beside the field it names (`Problem.field`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from app.bank.parsing import KEY, Problem
from app.formats.items import read_number, write_number

CHOICE_SLOTS = 6  # multiple choice allows 3 to 6 choices
VARIANT_SEPARATOR = " / "
COMMON_FIELDS = {
    "prompt": "prompt",
    "explanation": "explanation",
    "difficulty": "difficulty",
    "status": "status",
}


def lines_of(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def number_or_text(text: str | None):
    """A number when the text is one ("13,300" → 13300); otherwise the text, for the validator to name."""
    value = (text or "").strip()
    if not value:
        return None
    number = read_number(value)
    return value if number is None else number


def tolerance_of(text: str | None):
    value = (text or "").strip()
    if not value or value.endswith("%"):
        return value or None
    return number_or_text(value)


def shown_number(value) -> str:
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return write_number(value)
    return str(value)


@dataclass(frozen=True)
class TypeEditor:
    """What the editor shows for one question type, and how its fields become a bank item."""

    fields: tuple[str, ...]  # the form fields of this type, beyond the common ones
    to_item: Callable[[dict], dict]  # form data → the item's answer fields
    to_form: Callable[[dict], dict]  # item → form data
    aliases: dict[str, str] = field(default_factory=dict)  # validator field → the form field showing it
    prompt_label: str = "Question"
    prompt_hint: str = "Self-contained: name the article's publisher, year and subject."


def mc_item(data: dict) -> dict:
    slots = [(c or "").strip() for c in data.get("choices") or []]
    correct = data.get("correct")
    answer = slots[int(correct)] if correct and correct.isdigit() and int(correct) < len(slots) else ""
    return {"answer": answer or None, "choices": [c for c in slots if c]}


def mc_form(item: dict) -> dict:
    choices = [str(c) for c in item.get("choices") or []]
    answer = item.get("answer")
    return {
        "choices": (choices + [""] * CHOICE_SLOTS)[:CHOICE_SLOTS],
        "correct": str(choices.index(answer)) if answer in choices else None,
    }


def tf_item(data: dict) -> dict:
    return {"answer": {"true": True, "false": False}.get(data.get("truth") or "")}


def tf_form(item: dict) -> dict:
    answer = item.get("answer")
    return {"truth": None if answer is None else ("true" if answer else "false")}


def numeric_item(data: dict) -> dict:
    return {
        "answer": number_or_text(data.get("answer")),
        "tolerance": tolerance_of(data.get("tolerance")),
        "unit": (data.get("unit") or "").strip() or None,
    }


def numeric_form(item: dict) -> dict:
    return {
        "answer": shown_number(item.get("answer")),
        "tolerance": shown_number(item.get("tolerance")),
        "unit": item.get("unit") or "",
    }


def short_item(data: dict) -> dict:
    return {
        "answer": (data.get("answer") or "").strip() or None,
        "accepted_answers": lines_of(data.get("accepted_answers")),
    }


def short_form(item: dict) -> dict:
    return {
        "answer": item.get("answer") or "",
        "accepted_answers": "\n".join(item.get("accepted_answers") or []),
    }


def cloze_item(data: dict) -> dict:
    answers = lines_of(data.get("blank_answers"))
    variant_lines = (data.get("variants") or "").splitlines()
    variants = [
        [v.strip() for v in line.split(VARIANT_SEPARATOR.strip()) if v.strip()] for line in variant_lines
    ]
    while variants and not variants[-1]:
        variants.pop()
    if len(answers) == 1:
        return {"answer": answers[0], "accepted_answers": variants[0] if variants else []}
    if variants:
        variants += [[]] * (len(answers) - len(variants))
    return {"answer": answers or None, "accepted_answers": variants}


def cloze_form(item: dict) -> dict:
    answer = item.get("answer")
    answers = [answer] if isinstance(answer, str) else list(answer or [])
    variants = item.get("accepted_answers") or []
    if variants and all(isinstance(v, str) for v in variants):
        variants = [variants]
    return {
        "blank_answers": "\n".join(answers),
        "variants": "\n".join(VARIANT_SEPARATOR.join(v) for v in variants).strip("\n"),
    }


def who_item(data: dict) -> dict:
    answer = (data.get("answer") or "").strip()
    others = lines_of(data.get("distractors"))
    return {
        "answer": answer or None,
        "role": (data.get("role") or "").strip() or None,
        "accepted_answers": lines_of(data.get("accepted_answers")),
        "choices": [answer, *others] if others and answer else others,
    }


def who_form(item: dict) -> dict:
    answer = item.get("answer") or ""
    return {
        "answer": answer,
        "role": item.get("role") or "",
        "accepted_answers": "\n".join(item.get("accepted_answers") or []),
        "distractors": "\n".join(c for c in item.get("choices") or [] if c != answer),
    }


TYPE_EDITORS: dict[str, TypeEditor] = {
    "multiple_choice": TypeEditor(("choices", "correct"), mc_item, mc_form, {"answer": "correct"}),
    "true_false": TypeEditor(
        ("truth",),
        tf_item,
        tf_form,
        {"answer": "truth"},
        prompt_label="Statement",
        prompt_hint="A statement the article shows to be true or false; a false one must be plausible.",
    ),
    "numeric": TypeEditor(("answer", "tolerance", "unit"), numeric_item, numeric_form),
    "short_answer": TypeEditor(("answer", "accepted_answers"), short_item, short_form),
    "cloze": TypeEditor(
        ("blank_answers", "variants"),
        cloze_item,
        cloze_form,
        {"answer": "blank_answers", "accepted_answers": "variants"},
        prompt_label="Sentence with blanks",
        prompt_hint="Write each blank as ___ (three underscores).",
    ),
    "who_said": TypeEditor(
        ("answer", "role", "accepted_answers", "distractors"),
        who_item,
        who_form,
        {"choices": "distractors"},
        prompt_hint="Quote the words; do not name the speaker.",
    ),
}


def tags_of(topics: list[str] | None, other: str | None) -> list[str]:
    """Chosen topics and other tags ("Belarus history, sanctions" → belarus-history, sanctions)."""
    tags = list(topics or [])
    for word in re.split(r"[,;]", other or ""):
        slug = "-".join(re.findall(r"[a-z0-9]+", word.lower()))
        if slug and KEY.match(slug):
            tags.append(slug)
    return sorted(set(tags))


def evidence_of(entries: list[dict]) -> tuple[list[dict], list[int]]:
    """The evidence items typed or picked (empty rows left out), and the form row of each."""
    evidence, rows = [], []
    for row, entry in enumerate(entries):
        quote = (entry.get("quote") or "").strip()
        if not quote:
            continue
        item = {"article": entry.get("article") or "", "quote": quote}
        start, end = read_number(entry.get("start") or ""), read_number(entry.get("end") or "")
        if isinstance(start, int) and isinstance(end, int):
            item["start"], item["end"] = start, end
        occurrence = read_number(entry.get("occurrence") or "")
        if isinstance(occurrence, int):
            item["occurrence"] = occurrence
        evidence.append(item)
        rows.append(row)
    return evidence, rows


def item_from_form(kind: str, data: dict, *, key: str, origin: str = "curated") -> tuple[dict, list[int]]:
    """The bank item the form describes, and the form row of each evidence item."""
    evidence, rows = evidence_of(data.get("evidence") or [])
    item = {
        "id": key,
        "type": kind,
        "prompt": (data.get("prompt") or "").strip(),
        **TYPE_EDITORS[kind].to_item(data),
        "explanation": (data.get("explanation") or "").strip(),
        "evidence": evidence,
        "tags": tags_of(data.get("topics"), data.get("other_tags")),
        "difficulty": data.get("difficulty") or "medium",
        "status": data.get("status") or "draft",
        "origin": origin,
    }
    return {k: v for k, v in item.items() if v not in (None, [], "") or k == "answer"}, rows


def form_from_item(item: dict, topics: set[str]) -> dict:
    """Form data for an item (an existing revision, a copy)."""
    tags = item.get("tags") or []
    evidence = [
        {
            "article": e.get("article", ""),
            "quote": e.get("quote") or e.get("text") or "",
            "start": shown_number(e.get("start")),
            "end": shown_number(e.get("end")),
        }
        for e in item.get("evidence") or []
    ]
    return {
        "prompt": item.get("prompt", ""),
        "explanation": item.get("explanation", ""),
        "difficulty": item.get("difficulty", "medium"),
        "status": item.get("status", "draft"),
        "topics": [t for t in tags if t in topics],
        "other_tags": ", ".join(t for t in tags if t not in topics),
        "evidence": evidence or [{}],
        **TYPE_EDITORS[item["type"]].to_form(item),
    }


@dataclass
class PlacedProblems:
    """Problems by form field; `evidence` by form row; the rest for the top of the form."""

    fields: dict[str, list[str]] = field(default_factory=dict)
    evidence: dict[int, list[str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(map(len, self.fields.values())) + sum(map(len, self.evidence.values())) + len(self.general)


def sentence(message: str) -> str:
    return message[:1].upper() + message[1:]


def place_problems(kind: str, problems: list[Problem], rows: list[int], shown: set[str]) -> PlacedProblems:
    """Each problem beside its field: the type's alias, the evidence row, or the top of the form."""
    aliases = {"tags": "topics", **TYPE_EDITORS[kind].aliases}
    placed = PlacedProblems()
    for problem in problems:
        name, text = problem.field, sentence(problem.detail)
        if name and name.startswith("evidence."):
            index = int(name.partition(".")[2])
            row = rows[index] if index < len(rows) else 0
            placed.evidence.setdefault(row, []).append(text)
        elif name and aliases.get(name, name) in shown:
            placed.fields.setdefault(aliases.get(name, name), []).append(text)
        else:
            placed.general.append(text)
    return placed
