"""CSV and Sourced JSON: the export's columns and shape read back, with rows' and items' lines."""

from __future__ import annotations

from pathlib import Path

from app.formats.csv_format import read_csv
from app.formats.importing import plan_import
from app.formats.registry import FORMATS
from app.formats.sourced_json import read_json

FIXTURES = Path(__file__).parent / "fixtures" / "imports"


def test_a_hand_written_csv_with_an_article_column(db, seed_articles):
    plan = plan_import(db.session, FORMATS["csv"], (FIXTURES / "questions.csv").read_text(), revisable=set)
    assert plan.ok, [p.at_line() for p in plan.problems]
    numeric, mc, short = plan.questions
    assert numeric.checked.spec.content.answer == 50 and not numeric.unsourced
    assert mc.checked.spec.content.choices == ("Mikita Mikado", "Viktor Prokopenya", "Sam Altman")
    assert short.unsourced and short.checked.spec.status == "draft"


def test_every_problem_of_a_csv_is_listed_by_line(db, seed_articles):
    plan = plan_import(db.session, FORMATS["csv"], (FIXTURES / "broken.csv").read_text(), revisable=set)
    lines = [p.at_line() for p in plan.problems]
    assert any(line.startswith("line 2: ") and "is not among the choices" in line for line in lines)
    assert any(line.startswith("line 4: ") and "answer must be a number" in line for line in lines)
    assert any(line.startswith("line 5: ") and "type must be one of" in line for line in lines)
    assert not plan.can_apply(skip_unsupported=True)


def test_csv_header_problems():
    assert read_csv("prompt,answer\nx,y\n").problems[0].at_line().startswith("line 1: missing column(s) type")
    assert "unknown column(s) colour" in read_csv("type,prompt,answer,colour\n").problems[0].message
    assert read_csv("type,prompt,answer\nnumeric,a,1,extra\n").problems[0].at_line() == (
        "line 2: this row has more cells than the header has columns"
    )


def test_json_duplicate_ids_and_lines(db, seed_articles):
    plan = plan_import(db.session, FORMATS["json"], (FIXTURES / "questions.json").read_text(), revisable=set)
    assert [p.at_line() for p in plan.problems] == [
        "line 12: duplicate id 'firms-moved-staff' (first at line 2)"
    ]
    broken = read_json('[{"id": "x",\n "type": }]')
    assert broken.problems[0].at_line().startswith("line 2: not JSON")
    assert read_json('{"a": 1}').problems[0].message == "expected a list of questions (as exported)"


def test_json_field_lines_point_at_the_field(db, seed_articles):
    text = '[\n  {\n    "id": "x",\n    "type": "numeric",\n    "prompt": "How many?",\n    "answer": "many",\n    "explanation": "E.",\n    "tags": ["numbers"]\n  }\n]'
    plan = plan_import(db.session, FORMATS["json"], text, revisable=set)
    assert [p.at_line() for p in plan.problems] == ["line 6: question 'x': answer must be a number"]
