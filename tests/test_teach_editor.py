"""The question editor: six types through the bank's validator, errors beside their fields, nothing lost."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from app.bank.distractors import supported_distractors
from app.bank.editing import check_item
from app.bank.parsing import Problem
from app.bank.validation import UNSOURCED_APPROVAL
from app.models import Question, QuestionRevision
from app.teach.editor import item_from_form, place_problems
from app.text.spans import find_quote
from tests.factories import ArticleFactory
from tests.helpers import login, post_form
from tests.queries import count_queries
from tests.test_teach_access import MIKADO, MT, NH, make_set, teacher, write_question

MIKADO_WORDS = MIKADO["evidence"][0]["quote"]
BASE = {"explanation": "It says so.", "topics": ["people"], "difficulty": "medium", "status": "approved"}
# One valid form per type, as a teacher would type it without JavaScript (pasted evidence).
FORMS = {
    "multiple_choice": {
        "prompt": MIKADO["prompt"],
        "choices-0": "Mikita Mikado",
        "choices-1": "Viktor Prokopenya",
        "choices-2": "Sam Altman",
        "correct": "0",
        "evidence-0-article": NH,
        "evidence-0-quote": MIKADO_WORDS,
    },
    "true_false": {
        "prompt": "The Next Hint reports that Mikita Mikado founded PandaDoc, a San Francisco-based software developer.",
        "truth": "true",
        "evidence-0-article": NH,
        "evidence-0-quote": MIKADO_WORDS,
    },
    "numeric": {
        "prompt": "According to Alexei Kuzmenkov, at least how many Hi-Tech Park firms had moved some staff abroad?",
        "answer": "50",
        "unit": "firms",
        "evidence-0-article": MT,
        "evidence-0-quote": "He estimated that at least 50 firms in the Park",
    },
    "short_answer": {
        "prompt": "Which Belarusian security service raided the offices of the Russian tech company in Minsk?",
        "answer": "KGB",
        "accepted_answers": "the KGB\nBelarus' KGB",
        "evidence-0-article": MT,
        "evidence-0-quote": "After Yandex’s offices were raided by Belarus’ KGB security services",
    },
    "cloze": {
        "prompt": "Mikita Mikado is the founder of San Francisco-based software developer ___.",
        "blank_answers": "PandaDoc",
        "variants": "Panda Doc",
        "evidence-0-article": NH,
        "evidence-0-quote": MIKADO_WORDS,
    },
    "who_said": {
        "prompt": "Who told The Moscow Times that Belarus is “very fertile ground” for investment?",
        "answer": "Katia Glod",
        "role": "non-resident fellow at the Center for European Policy Analysis (CEPA)",
        "accepted_answers": "Glod",
        "distractors": "Franak Viacorka\nAlex Kokcharov",
        "evidence-0-article": MT,
        "evidence-0-quote": "“It’s very fertile ground. There is huge potential",
        "evidence-1-article": MT,
        "evidence-1-quote": "said Katia Glod, non-resident fellow at the Center for European Policy Analysis (CEPA).",
    },
}


@pytest.fixture
def owner(db, seed_articles):
    return teacher()


@pytest.fixture
def client_of(client, owner):
    login(client, owner)
    return client


def save(client, kind: str, data: dict, url: str | None = None):
    return post_form(client, url or f"/teach/questions/new?type={kind}", {**BASE, **data, "action": "save"})


def errors_in(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", e) for e in re.findall(r'<p class="error"[^>]*>(.*?)</p>', html, re.S)]


@pytest.mark.parametrize("kind", list(FORMS))
def test_each_type_is_written_with_pasted_evidence(client_of, db, owner, kind):
    response = save(client_of, kind, FORMS[kind])
    assert response.status_code == 302, errors_in(response.get_data(as_text=True))
    question = db.session.scalar(select(Question).order_by(Question.id.desc()))
    revision = question.current_revision
    assert (question.author_id, question.status, question.source_file, revision.type) == (
        owner.id,
        "approved",
        None,
        kind,
    )
    assert revision.number == 1 and revision.author_id == owner.id
    assert revision.evidence and all(e.span.quote for e in revision.evidence)
    page = client_of.get(response.location).get_data(as_text=True)
    assert "Question created." in page or revision.prompt in page


def test_missing_answer_is_shown_beside_the_choices_and_nothing_is_lost(client_of, db):
    data = {k: v for k, v in FORMS["multiple_choice"].items() if k != "correct"}
    response = save(client_of, "multiple_choice", data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="correct-error"' in html and "Answer is required" in html
    assert 'value="Viktor Prokopenya"' in html and "Mikita Mikado, the founder of San Francisco" in html
    assert "It says so." in html and "1 thing to fix" in html
    assert db.session.scalar(select(func.count(Question.id))) == 0


def test_an_answer_missing_from_the_choices_cannot_happen_a_wrong_quote_is_beside_its_row(client_of, db):
    data = {**FORMS["multiple_choice"], "evidence-0-quote": "Mikita Mikado, founder of PandaDoc, was raided"}
    html = save(client_of, "multiple_choice", data).get_data(as_text=True)
    assert "Evidence not found verbatim in the-lukashenko-factor" in html
    assert 'id="evidence-0-quote-error"' in html and "closest passage" in html


def test_approving_without_evidence_is_refused_a_draft_is_kept_unsourced(client_of, db):
    data = {k: v for k, v in FORMS["numeric"].items() if not k.startswith("evidence")}
    html = save(client_of, "numeric", data).get_data(as_text=True)
    assert "A question cannot be approved without verified evidence" in html
    response = save(client_of, "numeric", {**data, "status": "draft", "explanation": ""})
    assert response.status_code == 302
    question = db.session.scalar(select(Question))
    assert question.status == "draft" and question.current_revision.evidence == []
    assert "Unsourced" in client_of.get(response.location).get_data(as_text=True)


def test_picked_offsets_are_used_and_stale_ones_fall_back_to_the_words(client_of, db, seed_articles):
    article = next(a for a in seed_articles if a.slug == NH)
    span = find_quote(article.clean_text, MIKADO_WORDS)
    data = {**FORMS["multiple_choice"], "evidence-0-start": str(span.start), "evidence-0-end": str(span.end)}
    assert save(client_of, "multiple_choice", data).status_code == 302
    [evidence] = db.session.scalar(select(Question)).current_revision.evidence
    assert (evidence.span.start, evidence.span.end) == (span.start, span.end)
    stale = {**data, "prompt": data["prompt"] + " ", "evidence-0-start": "1", "evidence-0-end": "40"}
    assert save(client_of, "multiple_choice", stale).status_code == 302
    newest = db.session.scalar(select(Question).order_by(Question.id.desc())).current_revision.evidence[0]
    assert (newest.span.start, newest.span.end) == (span.start, span.end)


def test_repeated_words_ask_which_occurrence(client_of, db):
    data = {
        **FORMS["short_answer"],
        "answer": "Lukashenko",
        "accepted_answers": "",
        "evidence-0-quote": "Lukashenko",
    }
    data["prompt"] = "Who is the president of Belarus in The Moscow Times’ 2020 article?"
    html = save(client_of, "short_answer", data).get_data(as_text=True)
    assert "occurs" in html and 'name="evidence-0-occurrence"' in html
    assert save(client_of, "short_answer", {**data, "evidence-0-occurrence": "2"}).status_code == 302


def test_adding_evidence_rows_keeps_what_was_typed(client_of):
    data = {**BASE, **FORMS["who_said"], "action": "add_evidence"}
    html = post_form(client_of, "/teach/questions/new?type=who_said", data).get_data(as_text=True)
    assert 'name="evidence-2-quote"' in html and "very fertile ground" in html and "Franak Viacorka" in html


def test_editing_makes_a_new_revision_and_keeps_the_old(client_of, db, owner):
    question = write_question(db, owner)
    url = f"/teach/questions/{question.id}/edit"
    form = client_of.get(url).get_data(as_text=True)
    assert 'value="Viktor Prokopenya"' in form and 'id="correct-0"' in form and "checked" in form
    data = {**FORMS["multiple_choice"], "explanation": "Mikado founded PandaDoc; it reported the raid."}
    assert save(client_of, "multiple_choice", data, url).status_code == 302
    db.session.expire_all()
    revisions = db.session.scalars(select(QuestionRevision).order_by(QuestionRevision.number)).all()
    assert [r.number for r in revisions] == [1, 2]
    assert revisions[0].explanation == MIKADO["explanation"] and revisions[1].author_id == owner.id
    assert save(client_of, "multiple_choice", data, url).status_code == 302
    assert db.session.scalar(select(func.count(QuestionRevision.id))) == 2  # nothing changed: no revision


def test_bank_questions_are_not_editable_and_offer_a_copy(client_of, db, runner):
    assert runner.invoke(args=["seed"]).exit_code == 0
    bank = db.session.scalar(select(Question).where(Question.key == "glod-organisation"))
    assert client_of.get(f"/teach/questions/{bank.id}/edit").status_code == 404
    page = client_of.get(f"/teach/questions/{bank.id}").get_data(as_text=True)
    assert "Defined in the bank file" in page and "Duplicate and edit" in page
    response = post_form(client_of, f"/teach/questions/{bank.id}/duplicate")
    assert response.status_code == 302 and response.location.endswith("/edit")
    copy = db.session.scalar(select(Question).order_by(Question.id.desc()))
    assert copy.source_file is None and copy.status == "draft" and copy.key != bank.key
    assert copy.current_revision.prompt == bank.current_revision.prompt
    assert client_of.get(response.location).status_code == 200


def test_problems_name_their_fields_and_keep_file_line_output():
    item = {"id": "x", "type": "numeric", "prompt": "How many?", "answer": "many", "tags": ["numbers"],
            "explanation": "", "status": "approved", "evidence": [{"article": MT, "quote": "no such words"}]}  # fmt: skip
    _, problems = check_item(item, {MT: "Some text."}, file="questions/x.yaml", line=3)
    by_field = {p.field: str(p) for p in problems}
    assert (
        by_field["explanation"]
        == "questions/x.yaml:3: question 'x': explanation is required (a non-empty text)"
    )
    placed = place_problems("numeric", problems, [0], {"answer", "explanation", "evidence"})
    assert placed.fields["explanation"] == ["Explanation is required (a non-empty text)"]
    item["explanation"] = "Fine."
    _, problems = check_item(item, {MT: "Some text."})
    assert {p.field for p in problems} == {"answer", "evidence.0"}
    item["answer"] = 5
    _, problems = check_item(item, {MT: "Some text."})
    assert [p.field for p in problems] == ["evidence.0"]
    assert problems[0].detail.startswith("evidence not found verbatim")
    draft = {**item, "status": "approved", "evidence": []}
    del draft["evidence"]
    _, problems = check_item(draft, {})
    assert [(p.field, p.detail) for p in problems] == [("evidence", UNSOURCED_APPROVAL)]
    assert Problem("f", 2, "m").at_line() == "line 2: m"


def test_form_mapping_for_cloze_and_who_said():
    cloze, rows = item_from_form(
        "cloze",
        {
            "prompt": "___ and ___",
            "blank_answers": "Kyiv\nLviv",
            "variants": "Kiev\n",
            "evidence": [{}, {"quote": "x", "article": MT}],
        },
        key="k",
    )
    assert cloze["answer"] == ["Kyiv", "Lviv"] and cloze["accepted_answers"] == [["Kiev"], []] and rows == [1]
    who, _ = item_from_form(
        "who_said", {"answer": "Katia Glod", "distractors": "A B\nC D", "evidence": []}, key="k"
    )
    assert who["choices"] == ["Katia Glod", "A B", "C D"]


def test_a_distractor_the_article_supports_is_warned_about(client_of, db):
    text = (
        "Raids in Minsk\n\n"
        "Anna Smith, the founder of Acme Robotics, reported a raid on her Minsk office in August.\n\n"
        "Weeks later Boris Jones also reported a raid on his Minsk office, according to colleagues.\n\n"
        "Carl Brown moved to Warsaw."
    )
    article = ArticleFactory(slug="raids-in-minsk", title="Raids in Minsk", text=text)
    data = {
        "prompt": "In the Daily Sample's 2024 story, which founder reported a raid on a Minsk office in August?",
        "choices-0": "Anna Smith", "choices-1": "Boris Jones", "choices-2": "Carl Brown", "correct": "0",
        "evidence-0-article": article.slug,
        "evidence-0-quote": "Anna Smith, the founder of Acme Robotics, reported a raid on her Minsk office",
    }  # fmt: skip
    response = save(client_of, "multiple_choice", data)
    assert response.status_code == 302
    page = client_of.get(response.location).get_data(as_text=True)
    assert "“Boris Jones” may also be right" in page and "Carl Brown” may" not in page
    edit = client_of.get(response.location.split("?")[0] + "/edit").get_data(as_text=True)
    assert 'class="warning"' in edit and "Boris Jones also reported a raid" in edit


def test_the_bank_has_no_supported_distractors(db, runner):
    assert runner.invoke(args=["seed"]).exit_code == 0
    questions = db.session.scalars(select(Question).where(Question.status == "approved")).all()
    flagged = []
    for question in questions:
        revision = question.current_revision
        if revision.type != "multiple_choice":
            continue
        article = revision.evidence[0].span.article
        spans = [e.span.range for e in revision.evidence if e.span.article_id == article.id]
        if supported_distractors(revision.content, spans, article.clean_text):
            flagged.append(question.key)
    assert flagged == []


def test_the_article_panel_marks_paragraph_offsets_and_picked_words(client_of, db, owner, seed_articles):
    question = write_question(db, owner)
    html = client_of.get(f"/teach/questions/{question.id}/edit").get_data(as_text=True)
    article = next(a for a in seed_articles if a.slug == NH)
    for paragraph in article.paragraphs[:3]:
        body = article.clean_text[paragraph.start : paragraph.end]
        assert f'data-start="{paragraph.start}">' in html
        assert body.split()[0] in html
    assert "<mark>Mikita Mikado, the founder of San Francisco-based software developer PandaDoc" in html
    assert 'src="/static/js/evidence-picker.js?v=' in html and "<script>" not in html and "style=" not in html


def test_another_article_can_be_shown_without_losing_the_form(client_of):
    data = {**BASE, **FORMS["numeric"], "panel_article": NH, "action": "show_article"}
    html = post_form(client_of, "/teach/questions/new?type=numeric", data).get_data(as_text=True)
    assert "The Lukashenko Factor" in html and "He estimated that at least 50 firms in the Park" in html
    assert 'value="firms"' in html


def test_the_editor_page_runs_the_same_number_of_queries_however_big_the_question(client_of, db, owner):
    small = write_question(db, owner)
    big = write_question(db, owner, FORMS_AS_ITEM_WHO_SAID)
    for number in range(3):
        write_question(db, owner, FORMS_AS_ITEM_WHO_SAID, revise=big, explanation=f"Glod said so ({number}).")
    make_set(db, owner, [small, big])

    def queries(question_id: int) -> int:
        with count_queries() as statements:
            assert client_of.get(f"/teach/questions/{question_id}/edit").status_code == 200
        return len(statements)

    queries(small.id)
    assert queries(small.id) == queries(big.id)


FORMS_AS_ITEM_WHO_SAID = {
    "id": "glod-fertile-ground",
    "type": "who_said",
    "prompt": "Who told The Moscow Times that Belarus is “very fertile ground” for investment?",
    "answer": "Katia Glod",
    "role": "non-resident fellow at the Center for European Policy Analysis (CEPA)",
    "accepted_answers": ["Glod"],
    "choices": ["Katia Glod", "Franak Viacorka", "Alex Kokcharov"],
    "explanation": "Glod said many Belarusians abroad want to come back and invest.",
    "evidence": [
        {"article": MT, "quote": "“It’s very fertile ground. There is huge potential"},
        {
            "article": MT,
            "quote": "said Katia Glod, non-resident fellow at the Center for European Policy Analysis (CEPA).",
        },
    ],
    "tags": ["quotes"],
    "status": "approved",
}
