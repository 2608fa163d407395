"""`flask questions check`: each kind of problem is reported as file:line: message, and the bank passes."""

import textwrap
from pathlib import Path

import pytest

from app.bank.service import check_bank
from app.ingest.files import folder_clean_texts
from tests.bank_samples import ONE_NUMERIC_QUESTION
from tests.conftest import REPO, SEEDS

MT = "everyone-who-can-leave-will-leave"


@pytest.fixture(scope="module")
def texts():
    return folder_clean_texts(SEEDS)


def check_yaml(tmp_path: Path, body: str, texts) -> list[str]:
    path = tmp_path / "questions" / "bank.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(textwrap.dedent(body))
    result = check_bank([path], tmp_path / "questions", texts)
    return [str(p) for p in result.problems]


VALID = ONE_NUMERIC_QUESTION


def test_valid_question_has_no_problems(tmp_path, texts):
    assert check_yaml(tmp_path, VALID, texts) == []


def test_the_repository_bank_passes(texts):
    result = check_bank([], REPO / "questions", texts)
    assert [str(p) for p in result.problems] == []
    assert len(result.questions) >= 80


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("answer: 50", "answer: 60"),
            "questions/bank.yaml:6: question 'firms-moved-staff': the answer 60 is not a number stated in the evidence",
        ),
        (
            ("type: numeric", "type: essay"),
            "questions/bank.yaml:4: question 'firms-moved-staff': type must be one of",
        ),
        (
            ("    unit: firms\n", "    unit: firms\n    colour: red\n"),
            "questions/bank.yaml:8: question 'firms-moved-staff': unknown field 'colour'",
        ),
        (
            ("tags: [numbers]", "tags: []"),
            "question 'firms-moved-staff': tags must be a list of lowercase words",
        ),
        (
            ("id: firms-moved-staff", "id: Firms Moved"),
            "questions/bank.yaml:3: id 'Firms Moved' must be lowercase words",
        ),
        (
            ("at least 50 firms in the Park", "at least 50 companies in the Park"),
            "questions/bank.yaml:10: question 'firms-moved-staff': evidence not found verbatim in everyone-who-can-leave-will-leave: “He estimated that at least 50 companies in the Park”; closest passage",
        ),
        (
            ("article: everyone-who-can-leave-will-leave", "article: no-such-article"),
            "unknown article 'no-such-article' (known: everyone-who-can-leave-will-leave, the-lukashenko-factor)",
        ),
        (
            ("prompt: According to Alexei Kuzmenkov, at least", "prompt: Kuzmenkov said 50; at least"),
            "questions/bank.yaml:5: question 'firms-moved-staff': the prompt gives away the answer “50”",
        ),
        (
            ("    explanation: Kuzmenkov estimated at least 50 firms, more than 10% of the Park.\n", ""),
            "question 'firms-moved-staff': explanation is required",
        ),
    ],
)
def test_problems_are_reported_with_file_and_line(tmp_path, texts, change, expected):
    body = VALID.replace(*change)
    assert body != VALID
    problems = check_yaml(tmp_path, body, texts)
    assert any(p.startswith(expected) or expected in p for p in problems), problems


def test_closest_passage_is_shown_for_a_misquote(tmp_path, texts):
    body = VALID.replace(
        "He estimated that at least 50 firms in the Park",
        "He estimated that at least 50 firms in the park had left",
    )
    [problem] = check_yaml(tmp_path, body, texts)
    assert "closest passage" in problem and "He estimated that at least 50 firms in the Park" in problem


def test_ambiguous_evidence_asks_for_occurrence(tmp_path, texts):
    body = VALID.replace("He estimated that at least 50 firms in the Park", "Lukashenko")
    problems = check_yaml(tmp_path, body, texts)
    assert any(
        "occurs" in p and "times in everyone-who-can-leave-will-leave; add occurrence: 1 to" in p
        for p in problems
    )


def test_duplicate_ids(tmp_path, texts):
    second = VALID.split("questions:\n")[1]
    problems = check_yaml(tmp_path, VALID + second, texts)
    assert problems == [
        "questions/bank.yaml:12: duplicate id 'firms-moved-staff' (first at questions/bank.yaml:3)"
    ]


def test_yaml_syntax_error_has_line(tmp_path, texts):
    problems = check_yaml(tmp_path, VALID + "  - id: [unclosed\n", texts)
    assert len(problems) == 1 and problems[0].startswith("questions/bank.yaml:")
    assert "invalid YAML" in problems[0]


MC = """\
article: the-lukashenko-factor
questions:
  - id: pandadoc-founder
    type: multiple_choice
    prompt: In The Next Hint's account, who founded the software developer that reported a raid on its Minsk office?
    answer: Mikita Mikado
    choices: [Mikita Mikado, Andrey Borisevich, Viktor Prokopenya]
    explanation: Mikado founded PandaDoc, which reported a raid on its Minsk office.
    evidence:
      - quote: Mikita Mikado, the founder of San Francisco-based software developer PandaDoc, reported a raid on his Minsk office
    tags: [people, companies]
"""


def test_multiple_choice_rules(tmp_path, texts):
    assert check_yaml(tmp_path, MC, texts) == []
    missing = check_yaml(tmp_path, MC.replace("choices: [Mikita Mikado,", "choices: [Sam Altman,"), texts)
    assert missing == [
        "questions/bank.yaml:6: question 'pandadoc-founder': answer “Mikita Mikado” is not among the choices"
    ]
    duplicate = check_yaml(tmp_path, MC.replace("Viktor Prokopenya]", "mikita mikado]"), texts)
    assert duplicate == [
        "questions/bank.yaml:7: question 'pandadoc-founder': duplicate choice: “mikita mikado” repeats “Mikita Mikado”"
    ]


WHO = """\
article: everyone-who-can-leave-will-leave
questions:
  - id: glod-fertile-ground
    type: who_said
    prompt: Who told The Moscow Times that Belarus is “very fertile ground” for investment?
    answer: Katia Glod
    role: non-resident fellow at the Center for European Policy Analysis (CEPA)
    accepted_answers: [Glod]
    explanation: Glod said many Belarusians abroad want to come back and invest.
    evidence:
      - quote: “It’s very fertile ground. There is huge potential
      - quote: said Katia Glod, non-resident fellow at the Center for European Policy Analysis (CEPA).
    tags: [quotes]
"""


def test_who_said_needs_the_introducing_sentence(tmp_path, texts):
    assert check_yaml(tmp_path, WHO, texts) == []
    without_intro = WHO.replace(
        "      - quote: said Katia Glod, non-resident fellow at the Center for European Policy Analysis (CEPA).\n",
        "",
    )
    [problem] = check_yaml(tmp_path, without_intro, texts)
    assert problem.startswith("questions/bank.yaml:")
    assert (
        "the speaker “Katia Glod” is not named in the cited evidence: cite the sentence that introduces them"
        in problem
    )


def test_who_said_prompt_must_not_name_the_speaker(tmp_path, texts):
    [problem] = check_yaml(
        tmp_path, WHO.replace("Who told The Moscow Times", "Did Glod tell The Moscow Times"), texts
    )
    assert (
        problem
        == "questions/bank.yaml:5: question 'glod-fertile-ground': the prompt gives away the answer “Glod”"
    )
