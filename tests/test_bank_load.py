"""Loading the bank: upsert by id, revisions on edit, retirement on removal, export and round trips."""

import csv
import io
import json
import textwrap

import pytest
from sqlalchemy import func, select

from app.bank.service import BankError, load_bank
from app.models import Question, QuestionRevision
from tests.bank_samples import ONE_NUMERIC_QUESTION
from tests.conftest import REPO

BANK = (
    ONE_NUMERIC_QUESTION
    + """\
  - id: yandex-raided-by
    type: short_answer
    prompt: Which Belarusian security service raided the offices of the Russian tech company in Minsk?
    answer: KGB
    accepted_answers: [the KGB]
    explanation: Belarus' KGB security services raided the company's offices.
    evidence:
      - quote: After Yandex’s offices were raided by Belarus’ KGB security services
    tags: [companies, timeline]
"""
)


@pytest.fixture
def bank_dir(tmp_path):
    folder = tmp_path / "questions"
    folder.mkdir()
    (folder / "bank.yaml").write_text(BANK)
    return folder


def load(db, folder, paths=()):
    _, report = load_bank(db.session, list(paths), folder)
    db.session.commit()
    return report


def test_load_is_idempotent(db, seed_articles, bank_dir):
    first = load(db, bank_dir)
    assert first.created == ["firms-moved-staff", "yandex-raided-by"]
    again = load(db, bank_dir)
    assert not again.changed and again.unchanged == ["firms-moved-staff", "yandex-raided-by"]
    assert db.session.scalar(select(func.count(QuestionRevision.id))) == 2


def test_edit_makes_a_new_revision_and_keeps_the_old(db, seed_articles, bank_dir):
    load(db, bank_dir)
    question = db.session.scalar(select(Question).filter_by(key="yandex-raided-by"))
    first_revision = question.current_revision
    (bank_dir / "bank.yaml").write_text(
        BANK.replace("answer: KGB", "answer: the KGB").replace("[the KGB]", "[KGB]")
    )
    report = load(db, bank_dir)
    assert report.revised == ["yandex-raided-by"]
    db.session.expire_all()
    question = db.session.scalar(select(Question).filter_by(key="yandex-raided-by"))
    assert [r.number for r in question.revisions] == [1, 2]
    assert question.current_revision.answer == "the KGB"
    assert db.session.get(QuestionRevision, first_revision.id).answer == "KGB"


def test_status_change_needs_no_revision(db, seed_articles, bank_dir):
    load(db, bank_dir)
    (bank_dir / "bank.yaml").write_text(
        BANK.replace("    tags: [numbers]\n", "    tags: [numbers]\n    status: draft\n")
    )
    report = load(db, bank_dir)
    assert report.restatused == ["firms-moved-staff"] and not report.revised


def test_removed_question_is_retired_and_kept(db, seed_articles, bank_dir):
    load(db, bank_dir)
    (bank_dir / "bank.yaml").write_text(BANK.split("  - id: yandex-raided-by")[0])
    report = load(db, bank_dir)
    assert report.retired == ["yandex-raided-by"]
    question = db.session.scalar(select(Question).filter_by(key="yandex-raided-by"))
    assert question.status == "retired" and question.current_revision is not None
    (bank_dir / "bank.yaml").write_text(BANK)
    assert load(db, bank_dir).restatused == ["yandex-raided-by"]


def test_bank_with_a_problem_loads_nothing(db, seed_articles, bank_dir):
    (bank_dir / "bank.yaml").write_text(BANK.replace("answer: 50", "answer: 51"))
    with pytest.raises(BankError) as raised:
        load(db, bank_dir)
    assert "not a number stated in the evidence" in str(raised.value.problems[0])
    db.session.rollback()
    assert db.session.scalar(select(func.count(Question.id))) == 0


def test_evidence_spans_point_at_the_words(db, seed_articles, bank_dir):
    load(db, bank_dir)
    question = db.session.scalar(select(Question).filter_by(key="yandex-raided-by"))
    span = question.current_revision.evidence[0].span
    assert (
        span.article.clean_text[span.start : span.end]
        == "After Yandex’s offices were raided by Belarus’ KGB security services"
    )


def export_json(runner, *args):
    result = runner.invoke(args=["questions", "export", "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_export_json_shape(db, seed_articles, bank_dir, runner):
    load(db, bank_dir)
    [numeric, short] = export_json(runner)
    assert set(numeric) >= {
        "id", "type", "prompt", "answer", "accepted_answers", "choices", "tolerance", "unit", "explanation",
        "evidence", "tags", "difficulty", "origin", "status",
    }  # fmt: skip
    assert short["answer"] == "KGB" and short["accepted_answers"] == ["the KGB"]
    [evidence] = short["evidence"]
    assert evidence["article"] == "everyone-who-can-leave-will-leave"
    assert evidence["text"] == "After Yandex’s offices were raided by Belarus’ KGB security services"
    assert evidence["url"] == (
        f"/articles/everyone-who-can-leave-will-leave?hl={evidence['start']}-{evidence['end']}#hl"
    )
    assert numeric["unit"] == "firms" and numeric["status"] == "approved" and numeric["origin"] == "curated"


def test_export_filters_and_csv(db, seed_articles, bank_dir, runner):
    (bank_dir / "bank.yaml").write_text(
        BANK.replace("    tags: [numbers]\n", "    tags: [numbers]\n    status: draft\n")
    )
    load(db, bank_dir)
    assert [q["id"] for q in export_json(runner, "--status", "draft")] == ["firms-moved-staff"]
    result = runner.invoke(args=["questions", "export", "--format", "csv", "--status", "approved"])
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [r["id"] for r in rows] == ["yandex-raided-by"]
    assert rows[0]["accepted_answers"] == "the KGB"
    assert rows[0]["evidence_urls"].startswith("/articles/everyone-who-can-leave-will-leave?hl=")


def test_load_export_load_is_stable(db, seeded, runner, tmp_path):
    """The real bank: export it, load the export back, export again — the same JSON, nothing revised."""
    result = runner.invoke(args=["questions", "load"])
    assert result.exit_code == 0, result.output
    first = export_json(runner)
    exported = tmp_path / "questions" / "export.json"
    exported.parent.mkdir()
    exported.write_text(json.dumps(first, ensure_ascii=False))
    again = runner.invoke(args=["questions", "load", str(exported)])
    assert again.exit_code == 0, again.output
    assert "Nothing to do" in again.output
    assert export_json(runner) == first


def test_cli_check_and_load_report(runner, seed_articles, tmp_path):
    result = runner.invoke(args=["questions", "check"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("OK: ")
    bad = tmp_path / "bad.yaml"
    bad.write_text(textwrap.dedent(BANK.replace("answer: 50", "answer: 51")))
    failed = runner.invoke(args=["questions", "load", str(bad)])
    assert failed.exit_code == 1
    assert f"{bad}:6: question 'firms-moved-staff': the answer 51 is not a number stated" in failed.output
    assert "1 problem(s) found; nothing was loaded" in failed.output
    checked = runner.invoke(args=["questions", "check", str(bad)])
    assert checked.exit_code == 1 and f"{bad}:6:" in checked.output


def test_seed_loads_the_bank_once(runner):
    first = runner.invoke(args=["seed"])
    assert first.exit_code == 0, first.output
    assert "Questions: " in first.output and " created" in first.output
    second = runner.invoke(args=["seed"])
    assert second.output.startswith("  unchanged") and "Nothing to do" in second.output


def test_at_least_80_approved_questions_in_all_six_types(runner, db):
    assert runner.invoke(args=["seed"]).exit_code == 0
    approved = db.session.scalars(select(Question).where(Question.status == "approved")).all()
    assert len(approved) >= 80
    assert {q.current_revision.type for q in approved} == {
        "multiple_choice", "true_false", "numeric", "short_answer", "cloze", "who_said",
    }  # fmt: skip
    articles = {e.span.article.slug for q in approved for e in q.current_revision.evidence}
    assert articles == {"everyone-who-can-leave-will-leave", "the-lukashenko-factor"}
    assert (REPO / "questions" / "README.md").exists()


def test_article_lists_count_approved_questions(db, seed_articles, bank_dir, runner, client):
    (bank_dir / "bank.yaml").write_text(
        BANK.replace("    tags: [numbers]\n", "    tags: [numbers]\n    status: draft\n")
    )
    load(db, bank_dir)
    listed = {
        a["slug"]: a["questions"]
        for a in json.loads(runner.invoke(args=["articles", "list", "--format", "json"]).output)
    }
    assert listed == {"everyone-who-can-leave-will-leave": 1, "the-lukashenko-factor": 0}
    html = client.get("/articles/").get_data(as_text=True)
    assert '<td class="num">1</td>' in html and '<td class="num">0</td>' in html


SETS = """\
sets:
  - id: two-questions
    title: Two questions
    description: A small set.
    questions: [yandex-raided-by, firms-moved-staff]
"""


def test_sets_load_update_and_delete(db, seed_articles, bank_dir):
    from app.models import QuestionSet

    (bank_dir / "sets.yaml").write_text(SETS)
    report = load(db, bank_dir)
    assert report.sets_changed == ["two-questions"]
    stored = db.session.scalar(select(QuestionSet).filter_by(key="two-questions"))
    assert [i.question.key for i in stored.items] == ["yandex-raided-by", "firms-moved-staff"]
    assert not load(db, bank_dir).changed
    (bank_dir / "sets.yaml").write_text(
        SETS.replace("[yandex-raided-by, firms-moved-staff]", "[firms-moved-staff]")
    )
    assert load(db, bank_dir).sets_changed == ["two-questions"]
    db.session.expire_all()
    assert [i.question.key for i in db.session.scalar(select(QuestionSet)).items] == ["firms-moved-staff"]
    (bank_dir / "sets.yaml").write_text("sets: []\n")
    assert load(db, bank_dir).sets_changed == ["two-questions"]
    assert db.session.scalar(select(func.count(QuestionSet.id))) == 0


def test_set_problems_are_reported(db, seed_articles, bank_dir):
    (bank_dir / "sets.yaml").write_text(
        SETS.replace("firms-moved-staff]", "no-such-question, yandex-raided-by]") + SETS.split("sets:\n")[1]
    )
    with pytest.raises(BankError) as raised:
        load(db, bank_dir)
    messages = [str(p) for p in raised.value.problems]
    assert "questions/sets.yaml:2: set 'two-questions': no question with id 'no-such-question'" in messages
    assert "questions/sets.yaml:2: set 'two-questions': 'yandex-raided-by' listed twice" in messages
    assert (
        "questions/sets.yaml:6: duplicate set id 'two-questions' (first at questions/sets.yaml:2)" in messages
    )
