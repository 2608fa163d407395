"""Moodle XML: a file exported from Moodle reads into Sourced's types; ours carry evidence in the feedback."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from app.formats.moodle_xml import read_moodle_xml, write_moodle_xml

FIXTURES = Path(__file__).parent / "fixtures" / "imports"
RECORD = {
    "id": "glod-organisation", "type": "who_said", "prompt": "Who said the economy would “freeze” -- or decline?",
    "answer": "Katia Glod", "role": "fellow at CEPA", "accepted_answers": ["Glod"],
    "choices": ["Katia Glod", "Franak Viacorka", "Alex Kokcharov"], "tolerance": None, "unit": None,
    "explanation": "Glod said so.", "tags": ["quotes"], "difficulty": "hard", "status": "draft", "origin": "generated",
    "evidence": [{"article": "mt", "text": "said Katia Glod & others", "url": "https://x.org/articles/mt?hl=5-30#hl"}],
}  # fmt: skip


def test_a_moodle_export_reads_into_sourced_types():
    result = read_moodle_xml((FIXTURES / "moodle-sample.xml").read_text())
    assert result.problems == []
    kinds = [(i.line, i.item.get("type"), i.unsupported) for i in result.items]
    assert [k for k in kinds if k[2] is None] == [
        (6, "multiple_choice", None), (16, "true_false", None), (22, "numeric", None),
        (28, "short_answer", None), (38, "cloze", None),
    ]  # fmt: skip
    unsupported = {line: reason for line, _, reason in kinds if reason}
    assert set(unsupported) == {34, 42, 46}
    assert (
        "multichoice blank" in unsupported[34]
        and "essay" in unsupported[42]
        and "several right" in unsupported[46]
    )
    mc = result.items[0].item
    assert mc["prompt"] == "Who founded the software developer PandaDoc?" and mc["answer"] == "Mikita Mikado"
    assert mc["explanation"] == "He founded PandaDoc in San Francisco." and mc["tags"] == ["people"]
    numeric = result.items[2].item
    assert (numeric["answer"], numeric["tolerance"], numeric["unit"]) == (50, 5, "firms")
    cloze = result.items[5].item
    assert cloze["answer"] == ["PandaDoc", "San Francisco"] and cloze["accepted_answers"] == [
        ["Panda Doc"],
        [],
    ]


def test_malformed_xml_is_one_problem_with_its_line():
    result = read_moodle_xml((FIXTURES / "broken.xml").read_text())
    assert [p.at_line().split(":")[0] for p in result.problems] == ["line 6"]
    assert read_moodle_xml("<notquiz/>").problems[0].message == "a Moodle XML file starts with <quiz>"


def test_entities_are_not_expanded():
    bomb = '<?xml version="1.0"?><!DOCTYPE q [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><quiz><question type="truefalse"><name><text>&b;</text></name></question></quiz>'
    result = read_moodle_xml(bomb)
    assert all("aaaa" not in str(i.item) for i in result.items)


def test_written_xml_keeps_sourced_fields_and_evidence_in_general_feedback():
    xml = write_moodle_xml([RECORD], {"mt": "The Moscow Times story"}).data
    root = etree.fromstring(xml.encode("utf-8"))
    question = root.find("question")
    assert question.get("type") == "multichoice" and question.findtext("idnumber") == "glod-organisation"
    feedback = question.findtext("generalfeedback/text")
    assert "<p>Glod said so.</p>" in feedback
    assert '<a href="https://x.org/articles/mt?hl=5-30#hl">The Moscow Times story</a>' in feedback
    assert "said Katia Glod &amp; others" in feedback
    assert [a.get("fraction") for a in question.findall("answer")] == ["100", "0", "0"]
    [item] = read_moodle_xml(xml).items
    assert item.item["type"] == "who_said" and item.item["role"] == "fellow at CEPA"
    assert item.item["accepted_answers"] == ["Glod"] and item.item["status"] == "draft"
    assert item.item["prompt"] == RECORD["prompt"]
    assert item.item["evidence"] == [
        {"article": "mt", "quote": "said Katia Glod & others", "start": 5, "end": 30}
    ]


def test_cloze_answers_with_special_characters_survive():
    record = dict(RECORD, id="c", type="cloze", prompt="It costs ___ and ___.", answer=["a}b~c", "50/50 #1"],
                  accepted_answers=[["x=y"], []], choices=[], role=None)  # fmt: skip
    [item] = read_moodle_xml(write_moodle_xml([record], {}).data).items
    assert item.item["answer"] == ["a}b~c", "50/50 #1"] and item.item["accepted_answers"] == [["x=y"], []]
