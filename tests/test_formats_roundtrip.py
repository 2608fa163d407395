"""Export → import gives the same questions, format by format, for the whole bank (all six types)."""

from __future__ import annotations

from functools import partial

import pytest
from sqlalchemy import select

from app.articles.links import reader_url
from app.bank.editing import article_texts, check_item, cited_articles
from app.bank.exporting import exported_questions
from app.formats.importing import apply_import, plan_import
from app.formats.registry import FORMATS
from app.models import Question
from tests.test_teach_access import teacher

IMPORTABLE = ["gift", "moodle-xml", "csv", "json"]


@pytest.fixture
def bank(app, db, runner):
    assert runner.invoke(args=["seed"]).exit_code == 0
    with app.test_request_context(base_url="https://sourced.example.org"):
        external = exported_questions(db.session, partial(reader_url, external=True))
        relative = exported_questions(db.session, reader_url)
    return {"external": external, "relative": relative}


def records_for(fmt: str, bank) -> list[dict]:
    return bank["relative"] if fmt in ("json", "csv") else bank["external"]


def originals(db) -> dict[str, tuple]:
    """Per key: the content and the cited spans of the current revision."""
    found = {}
    for question in db.session.scalars(select(Question)):
        revision = question.current_revision
        spans = tuple((e.span.article.slug, e.span.start, e.span.end) for e in revision.evidence)
        found[question.key] = (revision.content, spans, question.status)
    return found


@pytest.mark.parametrize("fmt", IMPORTABLE)
def test_every_exported_question_reads_back_the_same(db, bank, fmt):
    records = records_for(fmt, bank)
    exported = FORMATS[fmt].write(records, {})
    data = exported.data
    read = FORMATS[fmt].read(data)
    assert read.problems == []
    skipped = {key for key, _ in exported.skipped}
    assert len(read.items) == len(records) - len(skipped)
    assert not [i for i in read.items if i.unsupported]
    expected = originals(db)
    types = set()
    for imported in read.items:
        item = imported.item
        checked, problems = check_item(item, article_texts(db.session, cited_articles(item)))
        assert problems == [], (item["id"], problems)
        content, spans, status = expected[item["id"]]
        got = tuple((e.ref.article, e.span.start, e.span.end) for e in checked.evidence)
        assert (checked.spec.content, got, checked.spec.status) == (content, spans, status), item["id"]
        types.add(content.type)
    assert types == {"multiple_choice", "true_false", "numeric", "short_answer", "cloze", "who_said"}
    if fmt == "gift":
        assert skipped and all("several blanks" in reason for _, reason in exported.skipped)
    else:
        assert not skipped


@pytest.mark.parametrize("fmt", IMPORTABLE)
def test_importing_an_export_changes_nothing_and_into_an_empty_bank_recreates_it(db, bank, fmt):
    text = FORMATS[fmt].write(records_for(fmt, bank), {}).data
    before = originals(db)
    plan = plan_import(db.session, FORMATS[fmt], text, revisable=lambda keys: keys)
    assert plan.ok and {q.action for q in plan.questions} == {"unchanged"}

    # Into a bank without these questions: every one comes back, with the same words and spans.
    owner = teacher()
    keys = [q.key for q in plan.questions]
    for question in db.session.scalars(select(Question).where(Question.key.in_(keys))):
        question.key = "old-" + question.key
    db.session.flush()
    plan = plan_import(db.session, FORMATS[fmt], text, revisable=lambda keys: set())
    assert plan.ok and {q.action for q in plan.questions} == {"new"}
    report = apply_import(db.session, plan, author_id=owner.id, note="round trip")
    assert sorted(report.created) == sorted(keys)
    after = originals(db)
    for key in keys:
        assert after[key] == before[key], key


def test_other_peoples_ids_are_never_revised(db, bank):
    text = FORMATS["json"].write(bank["relative"][:3], {}).data
    plan = plan_import(db.session, FORMATS["json"], text, revisable=lambda keys: set())
    assert plan.ok
    assert all(q.action == "new" and q.renamed_from and q.key != q.renamed_from for q in plan.questions)
