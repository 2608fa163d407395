"""Moodle XML: read and write multichoice, truefalse, numerical, shortanswer and cloze questions.

Each question carries its id as `<name>` and `<idnumber>`, its tags as `<tags>`, the explanation and the
evidence (words and a reader link) in `<generalfeedback>`, and Sourced's other fields (type, role,
difficulty, status, origin, an exact tolerance) in a `<!-- sourced: {…} -->` comment Moodle ignores.
Lossy parts, for files written by Moodle: per-answer feedback, penalties, grades and partial-credit
answers are not read; multi-answer choices, essays, matching and the rest are listed as unsupported.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree
from markupsafe import escape

from app.bank.exchange import Exchanged
from app.bank.parsing import Problem
from app.formats.feedback import parse_feedback
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

BLANK = re.compile(r"_{3,}")
CLOZE_CODE = re.compile(r"\{(\d*):([A-Z_]+):((?:\\.|[^\\}])*)\}")
CLOZE_TEXT_KINDS = {"SHORTANSWER", "SA", "MW", "SHORTANSWER_C", "SAC", "MWC"}
CLOZE_SPECIAL = '\\}#~/"='
UNSUPPORTED = "a Moodle “{}” question: Sourced has no such type"


def cloze_escape(text: str) -> str:
    return "".join("\\" + c if c in CLOZE_SPECIAL else c for c in text)


def cloze_unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


# Writing ---------------------------------------------------------------------------------------------------


def text_element(parent: etree._Element, tag: str, value: str, *, html: bool = False) -> etree._Element:
    element = etree.SubElement(parent, tag)
    if html:
        element.set("format", "html")
    etree.SubElement(element, "text").text = etree.CDATA(value) if html else value
    return element


def answer_element(parent: etree._Element, text: str, fraction: float) -> etree._Element:
    answer = etree.SubElement(parent, "answer", fraction=write_number(fraction), format="plain_text")
    etree.SubElement(answer, "text").text = text
    text_element(answer, "feedback", "", html=True)
    return answer


def write_multichoice(question: etree._Element, ex: Exchanged) -> None:
    etree.SubElement(question, "single").text = "true"
    etree.SubElement(question, "shuffleanswers").text = "true"
    etree.SubElement(question, "answernumbering").text = "abc"
    for choice in ex.answers:
        answer_element(question, choice, 100 if choice == ex.correct else 0)


def write_truefalse(question: etree._Element, ex: Exchanged) -> None:
    answer_element(question, "true", 100 if ex.correct else 0)
    answer_element(question, "false", 0 if ex.correct else 100)


def write_numerical(question: etree._Element, ex: Exchanged) -> None:
    answer = answer_element(question, write_number(ex.correct), 100)
    etree.SubElement(answer, "tolerance").text = write_number(ex.tolerance)
    if ex.unit:
        unit = etree.SubElement(etree.SubElement(question, "units"), "unit")
        etree.SubElement(unit, "multiplier").text = "1"
        etree.SubElement(unit, "unit_name").text = ex.unit


def write_shortanswer(question: etree._Element, ex: Exchanged) -> None:
    etree.SubElement(question, "usecase").text = "0"
    for text in ex.answers:
        answer_element(question, text, 100)


WRITERS: dict[str, Callable[[etree._Element, Exchanged], None]] = {
    "multichoice": write_multichoice,
    "truefalse": write_truefalse,
    "numerical": write_numerical,
    "shortanswer": write_shortanswer,
    "cloze": lambda question, ex: None,  # the answers are inside the question text
}


def question_html(prompt: str, ex: Exchanged) -> str:
    if ex.family != "cloze":
        return f"<p>{escape(prompt)}</p>"
    parts = BLANK.split(prompt)
    codes = [
        "{1:SHORTANSWER:" + "~".join("=" + str(escape(cloze_escape(a))) for a in blank) + "}"
        for blank in ex.blanks
    ]
    text = "".join(str(escape(part)) + (codes[i] if i < len(codes) else "") for i, part in enumerate(parts))
    return f"<p>{text}</p>"


def write_moodle_xml(records: list[dict], titles: dict[str, str]) -> Exported:
    quiz = etree.Element("quiz")
    for record in records:
        ex = exchanged_record(record)
        if ex is None:
            continue
        kind = "cloze" if ex.family == "cloze" else ex.family
        question = etree.SubElement(quiz, "question", type=kind)
        question.append(
            etree.Comment(" " + metadata_comment(metadata(record, ex)).replace("--", "- -") + " ")
        )
        text_element(question, "name", record["id"])
        text_element(question, "questiontext", question_html(record["prompt"], ex), html=True)
        text_element(question, "generalfeedback", evidence_feedback(record, titles), html=True)
        etree.SubElement(question, "defaultgrade").text = "1"
        etree.SubElement(question, "penalty").text = "0.3333333"
        etree.SubElement(question, "hidden").text = "0"
        etree.SubElement(question, "idnumber").text = record["id"]
        WRITERS[ex.family](question, ex)
        if record.get("tags"):
            tags = etree.SubElement(question, "tags")
            for tag in record["tags"]:
                text_element(tags, "tag", tag)
    data = etree.tostring(quiz, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return Exported(data.decode("utf-8"))


def evidence_feedback(record: dict, titles: dict[str, str]) -> str:
    """The explanation, then each piece of evidence as words and a link to them in the reader."""
    parts = [f"<p>{escape(record['explanation'])}</p>"] if record.get("explanation") else []
    for evidence in record.get("evidence") or []:
        url = evidence["url"]
        title = titles.get(evidence["article"], evidence["article"])
        # The link reads as the article's title; importing reads its address back.
        parts.append(
            f"<p>Evidence: “{escape(' '.join(evidence['text'].split()))}” "
            f'(<a href="{escape(url)}">{escape(title)}</a>)</p>'
        )
    return "".join(parts)


# Reading ---------------------------------------------------------------------------------------------------


def child_text(element: etree._Element, path: str) -> str:
    found = element.find(path)
    return found.text or "" if found is not None and found.text else ""


def field_text(element: etree._Element, tag: str) -> str:
    """A Moodle text field (`<tag format="…"><text>…</text></tag>`) as plain text."""
    field = element.find(tag)
    if field is None:
        return ""
    raw = child_text(field, "text")
    return (
        " ".join(html_to_lines(raw)) if field.get("format", "html") in ("html", "moodle_auto_format") else raw
    )


def fraction(answer: etree._Element) -> float:
    value = read_number(answer.get("fraction", "0"))
    return float(value) if value is not None else 0.0


def answer_text(answer: etree._Element) -> str:
    raw = child_text(answer, "text")
    return " ".join(html_to_lines(raw)) if answer.get("format") == "html" else raw.strip()


def read_multichoice(question: etree._Element) -> Exchanged | str:
    answers = [(answer_text(a), fraction(a)) for a in question.findall("answer")]
    right = [text for text, value in answers if value == 100]
    if child_text(question, "single").strip().lower() in ("false", "0") or len(right) != 1:
        return "a multiple choice question with several right answers"
    if any(value not in (0, 100) for _, value in answers):
        return "a multiple choice question with partial credit"
    return Exchanged("multichoice", answers=tuple(text for text, _ in answers), correct=right[0])


def read_truefalse(question: etree._Element) -> Exchanged | str:
    right = [answer_text(a).lower() for a in question.findall("answer") if fraction(a) == 100]
    if len(right) != 1 or right[0] not in ("true", "false"):
        return "a true/false question without one right answer"
    return Exchanged("truefalse", correct=right[0] == "true")


def read_numerical(question: etree._Element) -> Exchanged | str:
    right = [a for a in question.findall("answer") if fraction(a) == 100]
    value = read_number(answer_text(right[0])) if right else None
    if value is None:
        return "a numerical question without a right answer"
    tolerance = read_number(child_text(right[0], "tolerance") or "0") or 0
    units = [u for u in question.findall("units/unit") if read_number(child_text(u, "multiplier")) == 1]
    unit = child_text(units[0], "unit_name").strip() if units else None
    return Exchanged("numerical", correct=value, tolerance=tolerance, unit=unit or None)


def read_shortanswer(question: etree._Element) -> Exchanged | str:
    right = tuple(answer_text(a) for a in question.findall("answer") if fraction(a) == 100)
    if not right or not all(right):
        return "a short answer question without an answer worth 100%"
    return Exchanged("shortanswer", answers=right)


def read_cloze(question: etree._Element) -> tuple[Exchanged | str, str]:
    """The blanks (or why Sourced cannot take them), and the prompt with each `{1:SHORTANSWER:=…}` as ___."""
    text = question.find("questiontext/text")
    raw = text.text or "" if text is not None else ""
    prompt = " ".join(html_to_lines(CLOZE_CODE.sub("___", raw)))
    blanks = []
    for match in CLOZE_CODE.finditer(raw):
        if match.group(2) not in CLOZE_TEXT_KINDS:
            kind = match.group(2).lower()
            return f"a cloze question with a {kind} blank (Sourced's blanks take typed words)", prompt
        right = []
        for option in re.split(r"(?<!\\)~", match.group(3)):
            option = re.sub(r"(?<!\\)#.*$", "", option, flags=re.S)
            if option.startswith("="):
                right.append(cloze_unescape(option[1:]))
            elif option.startswith("%100%"):
                right.append(cloze_unescape(option[5:]))
        if not right:
            return "a cloze blank without an answer worth 100%", prompt
        blanks.append(tuple(" ".join(html_to_lines(r)) for r in right))
    if not blanks:
        return "a cloze question without blanks", prompt
    return Exchanged("cloze", blanks=tuple(blanks)), prompt


READERS: dict[str, Callable[[etree._Element], Exchanged | str]] = {
    "multichoice": read_multichoice,
    "truefalse": read_truefalse,
    "numerical": read_numerical,
    "shortanswer": read_shortanswer,
}


def question_metadata(question: etree._Element) -> dict:
    for node in question:
        if isinstance(node, etree._Comment):
            meta = read_metadata((node.text or "").replace("- -", "--"))
            if meta is not None:
                return meta
    return {}


def read_question(question: etree._Element) -> ImportedItem | None:
    kind = question.get("type", "")
    line = question.sourceline or 1
    if kind == "category":
        return None
    name = field_text(question, "name").strip()
    idnumber = child_text(question, "idnumber").strip()
    prompt = field_text(question, "questiontext")
    if kind == "cloze":
        family, prompt = read_cloze(question)
    elif kind in READERS:
        family = READERS[kind](question)
    else:
        family = UNSUPPORTED.format(kind or "untyped")
    if isinstance(family, str):
        return ImportedItem({"id": idnumber or name, "prompt": prompt}, line, family)
    try:
        meta = question_metadata(question)
    except ValueError as error:
        raise MoodleError(line, str(error)) from None
    tags = [child_text(tag, "text").strip() for tag in question.findall("tags/tag")]
    if tags and "tags" not in meta:
        meta["tags"] = [t for t in tags if t]
    feedback = question.find("generalfeedback/text")
    lines = html_to_lines(feedback.text or "") if feedback is not None else []
    explanation, evidence = parse_feedback(lines)
    item = item_from_exchange(
        family, meta, name=idnumber or name, prompt=prompt, explanation=explanation, evidence=evidence
    )
    return ImportedItem(item, line)


class MoodleError(ValueError):
    def __init__(self, line: int, message: str) -> None:
        self.line = line
        super().__init__(message)


def read_moodle_xml(text: str) -> ReadResult:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=False
    )
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as error:
        line = error.lineno or 1
        return ReadResult(problems=[Problem("", line, f"not well-formed XML: {error.msg}")])
    if root.tag != "quiz":
        return ReadResult(
            problems=[Problem("", root.sourceline or 1, "a Moodle XML file starts with <quiz>")]
        )
    result = ReadResult()
    for question in root.iterfind("question"):
        try:
            item = read_question(question)
        except MoodleError as error:
            result.problems.append(Problem("", error.line, str(error)))
            continue
        if item is not None:
            result.items.append(item)
    return result
