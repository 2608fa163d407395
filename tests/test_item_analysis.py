"""Item analysis of a set and in the question lists: the numbers on a crafted class, which attempts count, access."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.analysis.items import analyse
from app.analysis.queries import SetScope, bank_statistics, set_analysis
from app.models import Assignment, Attempt, AttemptItem, Response, SchoolClass
from tests.factories import UserFactory
from tests.helpers import login
from tests.test_teach_access import MIKADO, make_set, teacher, write_question

# Ten students (strongest first) × five questions. Q1 tells them apart, Q2's key is wrong (the strong "miss"
# it), Q3 nearly everyone gets right (the last student left it unanswered), Q4 and Q5 follow ability.
SCORES = [
    [1.0, 0.0, 1.0, 1.0, 1.0],
    [1.0, 0.0, 1.0, 1.0, 1.0],
    [1.0, 0.0, 1.0, 1.0, 1.0],
    [0.5, 0.0, 1.0, 1.0, 1.0],
    [1.0, 1.0, 1.0, 1.0, 0.0],
    [0.0, 1.0, 1.0, 1.0, 1.0],
    [1.0, 1.0, 1.0, 0.0, 1.0],
    [0.0, 1.0, 1.0, 0.0, 0.0],
    [0.0, 1.0, 1.0, 0.0, 0.0],
    [0.0, 1.0, None, 0.0, 0.0],
]


def expected_observations(matrix, column: int) -> list[tuple[float, float]]:
    """What the analysis should see for one question: its score and the mean of the attempt's others."""
    observations = []
    for row in matrix:
        scores = [score or 0.0 for score in row]
        observations.append((scores[column], (sum(scores) - scores[column]) / (len(scores) - 1)))
    return observations


def take(db, user, question_set, scores, *, assignment=None, finished=True, kind="set", revisions=None):
    """An attempt at the set answering its questions in order with `scores` (None: left unanswered)."""
    revisions = revisions or [item.question.current_revision_id for item in question_set.items]
    answered = [score or 0.0 for score in scores]
    attempt = Attempt(
        user_id=user.id,
        source_kind=kind,
        source_key=question_set.key if kind == "set" else "",
        title=question_set.title,
        mode="test",
        question_count=len(scores),
        assignment_id=assignment.id if assignment else None,
        finished_at=datetime.now(UTC) if finished else None,
        score=sum(answered) / len(scores) if finished else None,
    )
    for position, (revision_id, score) in enumerate(zip(revisions, scores, strict=False), 1):
        attempt.items.append(AttemptItem(position=position, revision_id=revision_id, choice_order=[]))
        if score is not None:
            attempt.responses.append(
                Response(
                    position=position,
                    revision_id=revision_id,
                    response="answer",
                    correct=score == 1.0,
                    score=score,
                )
            )
    db.session.add(attempt)
    db.session.commit()
    return attempt


@pytest.fixture
def owner(db, seed_articles):
    return teacher()


@pytest.fixture
def question_set(db, owner):
    questions = [
        write_question(db, owner, MIKADO, id=f"mikado-{n}", prompt=f"Question {n}: {MIKADO['prompt']}")
        for n in range(1, 6)
    ]
    return make_set(db, owner, questions, title="Belarus exodus")


@pytest.fixture
def students(db):
    return [UserFactory(email=f"student{n}@example.org") for n in range(len(SCORES))]


@pytest.fixture
def class_of(db):
    def make(owner, question_set, title="Week 3 quiz"):
        school_class = SchoolClass(name=f"{owner.display_name}'s class", owner_id=owner.id)
        db.session.add(school_class)
        db.session.flush()
        assignment = Assignment(class_id=school_class.id, set_id=question_set.id, title=title)
        db.session.add(assignment)
        db.session.commit()
        return assignment

    return make


def question_ids(question_set):
    return [item.question_id for item in question_set.items]


def current_revisions(question_set):
    return {item.question_id: item.question.current_revision_id for item in question_set.items}


def analysis_of(db, question_set, **scope):
    return set_analysis(db.session, question_set, current_revisions(question_set), SetScope(**scope))


def test_the_numbers_of_a_crafted_class(db, question_set, students):
    for student, scores in zip(students, SCORES, strict=True):
        take(db, student, question_set, scores)
    result = analysis_of(db, question_set)
    assert result.attempts == 10
    assert result.mean_score == pytest.approx(sum(sum(s or 0 for s in row) for row in SCORES) / 50)
    ids = question_ids(question_set)
    for column, question_id in enumerate(ids):
        assert result.statistics[question_id] == analyse(expected_observations(SCORES, column))
    q1, q2, q3 = (result.statistics[qid] for qid in ids[:3])
    assert (q1.facility, q2.facility, q3.facility) == (
        pytest.approx(0.55),
        pytest.approx(0.6),
        pytest.approx(0.9),
    )
    assert q1.discrimination > 0.3 and q1.flags == ()
    assert q2.discrimination < 0 and [f.label for f in q2.flags] == ["Negative discrimination"]
    assert [f.label for f in q3.flags] == ["Too easy"]


def test_the_page_shows_the_numbers_flags_and_links(client, db, owner, question_set, students):
    for student, scores in zip(students, SCORES, strict=True):
        take(db, student, question_set, scores)
    login(client, owner)
    html = client.get(f"/teach/sets/{question_set.id}/analysis").get_data(as_text=True)
    assert "55.0%" in html and "60.0%" in html and "90.0%" in html
    assert '<span class="flag flag-negative"' in html and '<span class="flag flag-too-easy"' in html
    assert html.count(">Negative discrimination</span>") == 2  # Q2's badge and the explanation's
    assert "−0." in html  # a negative index, with a real minus sign
    first = question_set.items[0].question_id
    assert f"/teach/questions/{first}/edit?set={question_set.id}" in html
    assert "How to read these numbers" in html
    set_page = client.get(f"/teach/sets/{question_set.id}").get_data(as_text=True)
    assert f'href="/teach/sets/{question_set.id}/analysis"' in set_page


def test_too_few_attempts_show_dashes_and_no_flags(client, db, owner, question_set, students):
    for student, scores in zip(students[:4], SCORES[:4], strict=True):
        take(db, student, question_set, scores)
    result = analysis_of(db, question_set)
    assert all(s.discrimination is None and s.flags == () for s in result.statistics.values())
    login(client, owner)
    html = client.get(f"/teach/sets/{question_set.id}/analysis").get_data(as_text=True)
    assert (
        "With fewer than 10 attempts" in html
        and "—" in html
        and "flag-" not in html.split("<table")[1].split("</table>")[0]
    )


def test_no_attempts_yet(client, db, owner, question_set):
    login(client, owner)
    html = client.get(f"/teach/sets/{question_set.id}/analysis").get_data(as_text=True)
    assert "No finished attempts yet" in html and "<table" not in html


def test_each_students_first_attempt_counts_unless_every_attempt_is_asked_for(db, question_set, students):
    take(db, students[0], question_set, [0.0] * 5)
    take(db, students[0], question_set, [1.0] * 5)
    take(db, students[1], question_set, [1.0] * 5)
    first = analysis_of(db, question_set)
    every = analysis_of(db, question_set, first_only=False)
    q1 = question_ids(question_set)[0]
    assert (first.attempts, first.statistics[q1].facility) == (2, 0.5)
    assert (every.attempts, every.statistics[q1].facility) == (3, pytest.approx(2 / 3))


def test_previews_unfinished_attempts_and_other_quizzes_are_left_out(
    client, db, owner, question_set, students
):
    take(db, owner, question_set, [1.0] * 5)  # the owner trying their set
    take(db, students[0], question_set, [0.0] * 5, finished=False)
    take(db, students[1], question_set, [1.0] * 5, kind="all")
    take(db, students[2], question_set, [0.0, 1.0, 1.0, 1.0, 1.0])
    other_set = make_set(db, owner, [item.question for item in question_set.items], title="Another")
    take(db, students[3], other_set, [1.0] * 5)
    result = analysis_of(db, question_set, excluded_user_ids={owner.id})
    assert result.attempts == 1
    assert result.statistics[question_ids(question_set)[0]].facility == 0.0
    login(client, owner)
    html = client.get(f"/teach/sets/{question_set.id}/analysis").get_data(as_text=True)
    assert '<dd class="stat-value">1</dd>' in html


def test_one_assignment_s_attempts(client, db, owner, question_set, students, class_of):
    assignment = class_of(owner, question_set)
    for student in students[:3]:
        take(db, student, question_set, [1.0] * 5, assignment=assignment)
    take(db, students[3], question_set, [0.0] * 5)
    login(client, owner)
    everyone = client.get(f"/teach/sets/{question_set.id}/analysis").get_data(as_text=True)
    assert '<dd class="stat-value">4</dd>' in everyone and "Week 3 quiz" in everyone  # offered as a filter
    html = client.get(f"/teach/sets/{question_set.id}/analysis?assignment_id={assignment.id}").get_data(
        as_text=True
    )
    assert '<dd class="stat-value">3</dd>' in html and "100.0%" in html
    assert "the assignment “Week 3 quiz”" in html
    assert client.get(f"/teach/sets/{question_set.id}/analysis?assignment_id=").status_code == 200


def test_assignment_ids_that_are_not_the_teachers_are_404(client, db, owner, question_set, class_of):
    other = teacher("otto@example.org", "Otto Other")
    their_set = make_set(db, other, [item.question for item in question_set.items], visibility="public")
    theirs = class_of(other, question_set)  # another teacher assigned this very set
    mine_elsewhere = class_of(owner, their_set)  # my assignment, of another set
    login(client, owner)
    base = f"/teach/sets/{question_set.id}/analysis"
    assert client.get(f"{base}?assignment_id={theirs.id}").status_code == 404
    assert client.get(f"{base}?assignment_id={mine_elsewhere.id}").status_code == 404
    assert client.get(f"{base}?assignment_id=999999").status_code == 404
    assert client.get(f"{base}?assignment_id=abc").status_code == 404
    assert (
        client.get(f"/teach/sets/{their_set.id}/analysis?assignment_id={mine_elsewhere.id}").status_code
        == 200
    )


def test_another_teachers_sets_follow_the_set_page_rules(client, db, owner, question_set, students):
    take(db, students[0], question_set, [1.0] * 5)
    other = teacher("otto@example.org", "Otto Other")
    login(client, other)
    assert client.get(f"/teach/sets/{question_set.id}/analysis").status_code == 404
    question_set.visibility = "public"
    db.session.commit()
    html = client.get(f"/teach/sets/{question_set.id}/analysis").get_data(as_text=True)
    assert "Open question 1, read-only" in html and "/edit" not in html.split("<table")[0]


def test_the_current_wording_only(client, db, owner, question_set, students):
    old_revisions = [item.question.current_revision_id for item in question_set.items]
    for student in students[:2]:
        take(db, student, question_set, [0.0] * 5)
    first = question_set.items[0].question
    write_question(db, owner, MIKADO, revise=first, id=first.key, prompt="Reworded: " + MIKADO["prompt"])
    db.session.refresh(first)
    assert first.current_revision_id != old_revisions[0]
    take(db, students[2], question_set, [1.0] * 5, revisions=[first.current_revision_id, *old_revisions[1:]])
    every = analysis_of(db, question_set)
    current = analysis_of(db, question_set, current_wording_only=True)
    assert every.statistics[first.id].attempts == 3 and every.earlier_wordings == {first.id: 2}
    assert (current.statistics[first.id].attempts, current.statistics[first.id].facility) == (1, 1.0)
    login(client, owner)
    html = client.get(f"/teach/sets/{question_set.id}/analysis").get_data(as_text=True)
    assert "2 of the attempts saw an earlier wording" in html


def test_sorting_by_a_column_without_javascript(client, db, owner, question_set, students):
    for student, scores in zip(students, SCORES, strict=True):
        take(db, student, question_set, scores)
    login(client, owner)

    def order(query: str) -> list[str]:
        html = client.get(f"/teach/sets/{question_set.id}/analysis?{query}").get_data(as_text=True)
        return [part.split(":", 1)[0] for part in html.split('class="analysis-prompt"')[1:]]

    prompts = [part.split(">", 1)[1] for part in order("")]
    assert prompts == [f"Question {n}" for n in range(1, 6)]
    by_facility = [part.split(">", 1)[1] for part in order("sort=facility&order=asc")]
    assert by_facility[0] == "Question 1" and by_facility[-1] == "Question 3"
    worst_first = [part.split(">", 1)[1] for part in order("sort=discrimination")]
    assert worst_first[0] == "Question 2"
    html = client.get(f"/teach/sets/{question_set.id}/analysis?sort=facility&order=asc").get_data(
        as_text=True
    )
    assert 'aria-sort="ascending"' in html and "sort=facility&amp;order=desc" in html
    assert client.get(f"/teach/sets/{question_set.id}/analysis?sort=nonsense&order=up").status_code == 200


def test_the_question_lists_show_facility_discrimination_and_flags(client, db, owner, question_set, students):
    for student, scores in zip(students, SCORES, strict=True):
        take(db, student, question_set, scores)
    take(db, students[0], question_set, [0.0] * 5, kind="mistakes")  # biased by design: left out
    ids = question_ids(question_set)
    from_bank = bank_statistics(db.session, ids)
    from_set = analysis_of(db, question_set, first_only=False)
    for question_id in ids:
        assert from_bank[question_id].facility == pytest.approx(from_set.statistics[question_id].facility)
        assert from_bank[question_id].discrimination == pytest.approx(
            from_set.statistics[question_id].discrimination
        )
        assert from_bank[question_id].flags == from_set.statistics[question_id].flags
    login(client, owner)
    html = client.get("/teach/questions?scope=mine").get_data(as_text=True)
    assert "10 attempts" in html and "facility 55.0%" in html
    assert '<span class="flag flag-negative"' in html and '<span class="flag flag-too-easy"' in html
    unused = write_question(db, owner, MIKADO, id="mikado-unused", prompt="Unused: " + MIKADO["prompt"])
    assert unused.id not in bank_statistics(db.session, [unused.id])
    assert "Not attempted yet" in client.get("/teach/questions?scope=mine").get_data(as_text=True)
