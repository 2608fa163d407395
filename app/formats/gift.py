"""GIFT, Moodle's plain-text quiz format: read and write the families GIFT can say.

    // sourced: {"difficulty": "medium", "status": "approved", "tags": ["numbers"], "type": "numeric", …}
    ::firms-moved-staff::At least how many firms moved staff abroad? {#50:0####Kuzmenkov estimated…\n
    Evidence\\: “He estimated that at least 50 firms in the Park” (https\\://…/articles/…?hl\\=120-168\\#hl)}

Lossy parts: GIFT has no tags, units, roles or percentage tolerances (they travel in the `// sourced:`
comment, which Moodle ignores); a cloze with more than one blank cannot be written (use Moodle XML);
per-answer feedback and partial-credit answers of files written elsewhere are not read.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from app.bank.exchange import Exchanged
from app.bank.parsing import Problem
from app.formats.feedback import feedback_lines, parse_feedback
from app.formats.html_text import html_to_lines
from app.formats.items import (
    Exported,
    ImportedItem,
    ReadResult,
    exchanged_record,
    item_from_exchange,
    metadata,
    metadata_comment,
    read_metadata,
    read_number,
    write_number,
)

SPECIAL = "~=#{}:\\"
BLANK = re.compile(r"_{3,}")
TRUE_FALSE = {"t": True, "true": True, "f": False, "false": False}
FORMAT_MARK = re.compile(r"^\[(html|moodle|plain|markdown)\]\s*", re.I)


def escape(text: str) -> str:
    return "".join("\\" + c if c in SPECIAL else c for c in text).replace("\n", "\\n")


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), text, flags=re.S)


def find_unescaped(text: str, token: str, start: int = 0) -> int:
    """The index of `token` in `text` from `start`, skipping backslash-escaped characters; -1 if absent."""
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
        elif text.startswith(token, i):
            return i
        else:
            i += 1
    return -1


def split_unescaped(text: str, marks: str) -> list[tuple[str, str]]:
    """(mark, text) runs, each starting at an unescaped character of `marks`; text before the first goes."""
    runs: list[tuple[str, str]] = []
    i = 0
    while i < len(text):
        if text[i] == "\\":
            if runs:
                runs[-1] = (runs[-1][0], runs[-1][1] + text[i : i + 2])
            i += 2
            continue
        if text[i] in marks:
            runs.append((text[i], ""))
        elif runs:
            runs[-1] = (runs[-1][0], runs[-1][1] + text[i])
        i += 1
    return runs


# Writing ---------------------------------------------------------------------------------------------------


def write_multichoice(ex: Exchanged) -> str:
    return " ".join(("=" if choice == ex.correct else "~") + escape(choice) for choice in ex.answers)


def write_truefalse(ex: Exchanged) -> str:
    return "TRUE" if ex.correct else "FALSE"


def write_numerical(ex: Exchanged) -> str:
    return f"#{write_number(ex.correct)}:{write_number(ex.tolerance)}"


def write_shortanswer(ex: Exchanged) -> str:
    return " ".join("=" + escape(answer) for answer in ex.answers)


def write_cloze(ex: Exchanged) -> str:
    return " ".join("=" + escape(answer) for answer in ex.blanks[0])


WRITERS: dict[str, Callable[[Exchanged], str]] = {
    "multichoice": write_multichoice,
    "truefalse": write_truefalse,
    "numerical": write_numerical,
    "shortanswer": write_shortanswer,
    "cloze": write_cloze,
}


def write_gift(records: list[dict], titles: dict[str, str]) -> Exported:
    """GIFT text for the records; questions GIFT cannot say are listed in `skipped` (and in a comment)."""
    out, skipped = [], []
    for record in records:
        ex = exchanged_record(record)
        if ex is None or (ex.family == "cloze" and len(ex.blanks) != 1):
            reason = "GIFT has no cloze with several blanks (export it as Moodle XML)"
            skipped.append((record["id"], reason))
            out.append(f"// skipped {record['id']}: {reason}\n")
            continue
        meta = metadata(record, ex, unit=ex.unit)
        feedback = escape("\n".join(feedback_lines(record)))
        answers = WRITERS[ex.family](ex) + (f"####{feedback}" if feedback else "")
        if ex.family == "cloze":
            before, after = BLANK.split(record["prompt"], maxsplit=1)
            text = f"{escape(before)}{{{answers}}}{escape(after)}"
        else:
            text = f"{escape(record['prompt'])} {{{answers}}}"
        out.append(f"// {metadata_comment(meta)}\n::{escape(record['id'])}::{text}\n")
    return Exported("\n".join(out), skipped)


# Reading ---------------------------------------------------------------------------------------------------


class GiftError(ValueError):
    """A question block that is not GIFT."""


def blocks(text: str) -> tuple[list[tuple[int, str, dict]], list[Problem]]:
    """(first line, text, `sourced:` fields) per question; questions are separated by blank lines."""
    found, problems = [], []
    current: list[str] = []
    start, meta = 0, {}
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("//"):
            try:
                read = read_metadata(stripped[2:])
            except ValueError as error:
                problems.append(Problem("", number, str(error)))
                read = None
            if read is not None:
                meta = read
            continue
        if stripped.startswith("$CATEGORY:"):
            continue
        if not stripped:
            if current:
                found.append((start, "\n".join(current), meta))
                current, meta = [], {}
            continue
        if not current:
            start = number
        current.append(line)
    if current:
        found.append((start, "\n".join(current), meta))
    return found, problems


def plain(text: str, html: bool) -> str:
    text = unescape(text)
    return " ".join(html_to_lines(text)) if html else text


def answers_in(inside: str) -> list[tuple[str, float, str]]:
    """(mark, weight %, text) per answer; `#feedback` after an answer is dropped."""
    answers = []
    for mark, run in split_unescaped(inside, "=~"):
        end = find_unescaped(run, "#")
        run = run if end < 0 else run[:end]
        weight = 100.0 if mark == "=" else 0.0
        match = re.match(r"^\s*%(-?\d+(?:\.\d+)?)%", run)
        if match:
            weight, run = float(match.group(1)), run[match.end() :]
        answers.append((mark, weight, unescape(run).strip()))
    return answers


def read_numerical(inside: str) -> Exchanged:
    body = inside[1:]
    if find_unescaped(body, "=") >= 0:
        right = [text for _, weight, text in answers_in(body) if weight == 100]
        if not right:
            raise GiftError("a numerical question needs an answer worth 100%")
        body = right[0]
    else:
        end = find_unescaped(body, "#")
        body = unescape(body if end < 0 else body[:end]).strip()
    if ".." in body:
        low, _, high = body.partition("..")
        low_n, high_n = read_number(low), read_number(high)
        if low_n is None or high_n is None:
            raise GiftError(f"“{body}” is not a range of numbers like 48..52")
        middle, margin = (low_n + high_n) / 2, (high_n - low_n) / 2
        if isinstance(low_n, int) and isinstance(high_n, int) and (low_n + high_n) % 2 == 0:
            middle, margin = (low_n + high_n) // 2, (high_n - low_n) // 2
        return Exchanged("numerical", correct=middle, tolerance=margin)
    value, _, tolerance = body.partition(":")
    number, margin = read_number(value), read_number(tolerance or "0")
    if number is None or margin is None:
        raise GiftError(f"“{body}” is not a number with an optional :tolerance")
    return Exchanged("numerical", correct=number, tolerance=margin)


def read_answers(inside: str, in_the_middle: bool) -> Exchanged | str:
    """The family of an answer block, or why Sourced cannot take it."""
    stripped = inside.strip()
    if not stripped:
        return "an essay question: Sourced asks only questions with answers it can check"
    end = find_unescaped(stripped, "#")
    if stripped[0] != "#" and stripped[: end if end >= 0 else None].strip().lower() in TRUE_FALSE:
        return Exchanged(
            "truefalse", correct=TRUE_FALSE[stripped[: end if end >= 0 else None].strip().lower()]
        )
    if stripped[0] == "#":
        return read_numerical(stripped)
    if find_unescaped(stripped, "->") >= 0:
        return "a matching question: Sourced has no matching type"
    answers = answers_in(stripped)
    if not answers or any(not text for _, _, text in answers):
        raise GiftError("every answer needs some text after its = or ~")
    if any(mark == "~" for mark, _, _ in answers):
        right = [text for _, weight, text in answers if weight == 100]
        partial = [text for _, weight, text in answers if weight not in (0, 100)]
        if len(right) != 1 or partial:
            return "a multiple choice question with several right answers or partial credit"
        return Exchanged("multichoice", answers=tuple(t for _, _, t in answers), correct=right[0])
    right = tuple(text for _, weight, text in answers if weight == 100)
    if not right:
        return "a short answer question with no answer worth 100%"
    if in_the_middle:
        return Exchanged("cloze", blanks=(right,))
    return Exchanged("shortanswer", answers=right)


def read_block(line: int, text: str, meta: dict) -> ImportedItem:
    body = text.strip()
    title = ""
    if body.startswith("::"):
        end = find_unescaped(body, "::", 2)
        if end < 0:
            raise GiftError("the title is not closed: write ::title::")
        title, body = unescape(body[2:end]).strip(), body[end + 2 :].lstrip()
    mark = FORMAT_MARK.match(body)
    html = bool(mark) and mark.group(1).lower() == "html"
    body = body[mark.end() :] if mark else body
    start = find_unescaped(body, "{")
    if start < 0:
        return ImportedItem({"id": title, "prompt": plain(body, html)}, line, "a description, with no answer")
    close = find_unescaped(body, "}", start + 1)
    if close < 0:
        raise GiftError("the answer block is not closed: { without }")
    before, inside, after = body[:start], body[start + 1 : close], body[close + 1 :]
    if find_unescaped(after, "{") >= 0:
        return ImportedItem({"id": title, "prompt": plain(before, html)}, line, "several answer blocks")
    split = find_unescaped(inside, "####")
    general = "" if split < 0 else inside[split + 4 :]
    inside = inside if split < 0 else inside[:split]
    in_the_middle = bool(after.strip())
    prompt = plain(before, html) + ("___" + plain(after, html) if in_the_middle else "")
    family = read_answers(inside, in_the_middle)
    if isinstance(family, str):
        return ImportedItem({"id": title, "prompt": prompt}, line, family)
    explanation, evidence = parse_feedback(
        html_to_lines(unescape(general)) if html else unescape(general).split("\n")
    )
    item = item_from_exchange(
        family, meta, name=title, prompt=prompt, explanation=explanation, evidence=evidence
    )
    return ImportedItem(item, line)


def read_gift(text: str) -> ReadResult:
    found, problems = blocks(text)
    result = ReadResult(problems=problems)
    for line, body, meta in found:
        try:
            result.items.append(read_block(line, body, meta))
        except GiftError as error:
            result.problems.append(Problem("", line, str(error)))
    return result
