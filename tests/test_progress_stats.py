"""app.progress.stats on hand-built attempts: accuracy per article and topic, streaks, mastery, history, empties."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.models import Attempt, Question, QuestionRevision, Response, RevisionEvidence, RevisionTag
from app.progress import mastery, stats
from app.progress.charts import major_ticks, score_chart, tick_indices
from app.text.spans import Span
from tests.factories import ArticleFactory, EvidenceSpanFactory

TODAY = date(2025, 3, 10)


def at(day: date, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def make_question(db, key: str, spans, tags=(), prompt: str | None = None) -> QuestionRevision:
    question = Question(key=key, status="approved")
    revision = QuestionRevision(
        question=question,
        number=1,
        type="short_answer",
        prompt=prompt or f"What does {key} ask?",
        answer="x",
        details={},
        explanation="Because.",
        content_hash=key.ljust(64, "0"),
    )
    revision.tags = [RevisionTag(tag=tag) for tag in tags]
    revision.evidence = [RevisionEvidence(position=i, span=span) for i, span in enumerate(spans, 1)]
    db.session.add(question)
    db.session.flush()
    question.current_revision = revision
    db.session.flush()
    return revision


def make_attempt(db, owner: dict, answers, *, title="A quiz", finished=True, mode="practice", started=None):
    """`answers`: (revision, correct, answered_at) triples, in the order given."""
    started = started or (answers[0][2] if answers else at(TODAY))
    attempt = Attempt(
        source_kind="all",
        title=title,
        mode=mode,
        question_count=max(len(answers), 1),
        started_at=started,
        **owner,
    )
    db.session.add(attempt)
    db.session.flush()
    for position, (revision, correct, answered_at) in enumerate(answers, 1):
        db.session.add(
            Response(
                attempt_id=attempt.id,
                position=position,
                revision_id=revision.id,
                response="my answer",
                correct=correct,
                score=1.0 if correct else 0.0,
                answered_at=answered_at,
            )
        )
    if finished:
        attempt.correct_count = sum(1 for _, correct, _ in answers if correct)
        attempt.score = attempt.correct_count / attempt.question_count
        attempt.finished_at = answers[-1][2] if answers else started
    db.session.commit()
    return attempt


@pytest.fixture
def bank(db):
    """Two articles; q1 cites article one twice (numbers, people), q2 article two (numbers), q3 both (places)."""
    one = ArticleFactory(title="Article One")
    two = ArticleFactory(title="Article Two")
    first = EvidenceSpanFactory(article=one, quote="Quotes are evidence")
    second = EvidenceSpanFactory(article=one, quote="The last paragraph ends the story.")
    other = EvidenceSpanFactory(article=two, quote="Quotes are evidence")
    return {
        "one": one,
        "two": two,
        "q1": make_question(db, "q1", [first, second], tags=["numbers", "people"]),
        "q2": make_question(db, "q2", [other], tags=["numbers", "not-a-catalogue-topic"]),
        "q3": make_question(db, "q3", [second, other], tags=["places"]),
    }


def owner_of(user):
    return Attempt.user_id == user.id


def test_everything_is_empty_for_someone_without_attempts(db, student):
    owner = owner_of(student)
    assert stats.activity(db.session, owner, TODAY) == stats.Activity()
    assert stats.activity(db.session, owner, TODAY).accuracy is None
    assert stats.score_history(db.session, owner) == stats.ScoreHistory([], 0)
    assert stats.accuracy_breakdown(db.session, owner) == stats.Breakdown([], [])
    assert mastery.mastery(db.session, owner).counts == {"mastered": 0, "learning": 0, "needs_work": 0}
    assert not mastery.mastery(db.session, owner).has_mistakes_to_practise
    page = stats.attempt_history(db.session, owner)
    assert (page.items, page.total, page.pages) == ([], 0, 1)
    assert score_chart([], 0) == ""


def test_accuracy_per_article_counts_each_answer_once_per_article(db, student, bank):
    day = at(TODAY)
    make_attempt(
        db,
        {"user_id": student.id},
        [
            (bank["q1"], True, day),
            (bank["q2"], False, day),
            (bank["q3"], True, day),
            (bank["q1"], False, day),
        ],
    )
    breakdown = stats.accuracy_breakdown(db.session, owner_of(student))
    articles = {row.name: (row.answered, row.correct, row.accuracy) for row in breakdown.articles}
    # q1 cites article one twice but counts once per answer; q3 counts for both articles.
    assert articles == {"Article One": (3, 2, 67), "Article Two": (2, 1, 50)}
    assert [row.name for row in breakdown.articles] == ["Article Two", "Article One"]  # weakest first
    assert {row.key for row in breakdown.articles} == {bank["one"].slug, bank["two"].slug}


def test_accuracy_per_topic_uses_catalogue_names_and_skips_other_tags(db, student, bank):
    day = at(TODAY)
    make_attempt(
        db,
        {"user_id": student.id},
        [(bank["q1"], True, day), (bank["q2"], False, day), (bank["q3"], True, day)],
    )
    topics = {
        row.key: (row.name, row.answered, row.correct)
        for row in stats.accuracy_breakdown(db.session, owner_of(student)).topics
    }
    assert topics == {
        "numbers": ("Numbers", 2, 1),
        "people": ("People and roles", 1, 1),
        "places": ("Places", 1, 1),
    }


def test_statistics_never_include_another_learners_answers(db, student, other_student, bank):
    make_attempt(db, {"user_id": other_student.id}, [(bank["q1"], False, at(TODAY))], title="Theirs")
    make_attempt(db, {"visitor_token": "someone"}, [(bank["q2"], False, at(TODAY))], title="A visitor's")
    make_attempt(db, {"user_id": student.id}, [(bank["q1"], True, at(TODAY))], title="Mine")
    owner = owner_of(student)
    assert stats.activity(db.session, owner, TODAY).answered == 1
    assert [p.title for p in stats.score_history(db.session, owner).points] == ["Mine"]
    assert [a.title for a in stats.attempt_history(db.session, owner).items] == ["Mine"]
    assert mastery.mastery(db.session, owner).counts == {"mastered": 0, "learning": 1, "needs_work": 0}
    visitor = stats.activity(db.session, Attempt.visitor_token == "someone", TODAY)
    assert (visitor.answered, visitor.correct) == (1, 0)


def test_activity_totals_and_streak_across_a_gap(db, student, bank):
    owner = {"user_id": student.id}
    q1 = bank["q1"]
    # A run of three days, a gap, then the last three days up to today (two answers on one of them).
    for offset in (9, 8, 7, 2, 1):
        make_attempt(db, owner, [(q1, True, at(TODAY - timedelta(days=offset)))])
    make_attempt(db, owner, [(q1, False, at(TODAY, 0, 5)), (q1, True, at(TODAY, 23, 55))])
    result = stats.activity(db.session, owner_of(student), TODAY)
    assert (result.answered, result.correct, result.accuracy) == (7, 6, 86)
    assert (result.current_streak, result.best_streak, result.active_days) == (3, 3, 6)
    assert result.last_active == TODAY


def test_streak_counts_up_to_yesterday_but_not_before(db, student, bank):
    for offset in (4, 3, 2, 1):
        make_attempt(db, {"user_id": student.id}, [(bank["q1"], True, at(TODAY - timedelta(days=offset)))])
    owner = owner_of(student)
    assert stats.activity(db.session, owner, TODAY).current_streak == 4  # today is not over yet
    assert stats.activity(db.session, owner, TODAY + timedelta(days=1)).current_streak == 0
    assert stats.activity(db.session, owner, TODAY + timedelta(days=1)).best_streak == 4


def test_days_are_utc_days(db, student, bank):
    """23:30 in New York on the 8th is 04:30 UTC on the 9th: that counts for the 9th."""
    late = datetime(2025, 3, 9, 4, 30, tzinfo=UTC)
    make_attempt(db, {"user_id": student.id}, [(bank["q1"], True, late), (bank["q2"], True, at(TODAY))])
    assert stats.activity(db.session, owner_of(student), TODAY).current_streak == 2


@pytest.mark.parametrize(
    ("days", "today", "expected"),
    [
        ([], TODAY, (0, 0)),
        ([TODAY], TODAY, (1, 1)),
        ([TODAY - timedelta(days=1)], TODAY, (1, 1)),
        ([TODAY - timedelta(days=2)], TODAY, (0, 1)),
        ([date(2025, 2, 27), date(2025, 2, 28), date(2025, 3, 1), date(2025, 3, 10)], TODAY, (1, 3)),
        ([date(2024, 12, 31), date(2025, 1, 1)], date(2025, 1, 2), (2, 2)),  # across a year end
    ],
)
def test_streaks(days, today, expected):
    assert stats.streaks(days, today) == expected


@given(
    st.sets(st.dates(min_value=date(2024, 1, 1), max_value=date(2025, 12, 31)), max_size=40),
    st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 1, 2)),
)
def test_streaks_are_bounded_by_the_days(days, today):
    days = {day for day in days if day <= today}
    current, best = stats.streaks(days, today)
    assert 0 <= current <= best <= len(days)
    if current:
        assert today in days or today - timedelta(days=1) in days


def test_mastery_levels_from_the_last_three_answers(db, student, bank, other_student):
    owner = {"user_id": student.id}
    q1, q2, q3 = bank["q1"], bank["q2"], bank["q3"]
    day = TODAY - timedelta(days=5)
    # q1: wrong long ago, then right three times -> mastered. q2: right then wrong -> needs work.
    # q3: right twice only -> learning.
    history = [(q1, False), (q1, True), (q2, True), (q1, True)]
    history += [(q3, True), (q1, True), (q2, False), (q3, True)]
    make_attempt(db, owner, [(q, ok, at(day, 8, i)) for i, (q, ok) in enumerate(history)])
    make_attempt(db, {"user_id": other_student.id}, [(q1, False, at(TODAY))])  # not theirs to count
    result = mastery.mastery(db.session, owner_of(student))
    levels = {q.question_id: (q.level, q.recent) for q in result.questions}
    assert levels == {
        q1.question_id: ("mastered", (True, True, True)),
        q2.question_id: ("needs_work", (False, True)),
        q3.question_id: ("learning", (True, True)),
    }
    assert result.counts == {"mastered": 1, "learning": 1, "needs_work": 1}
    [needs_work] = result.needs_work
    assert needs_work.revision_id == q2.id
    assert needs_work.last_answered_at == at(day, 8, 6)
    assert needs_work.last_response == "my answer"
    assert result.has_mistakes_to_practise


def test_mastery_orders_answers_by_time_not_by_insertion(db, student, bank):
    q1 = bank["q1"]
    make_attempt(db, {"user_id": student.id}, [(q1, False, at(TODAY, 12))])
    make_attempt(db, {"user_id": student.id}, [(q1, True, at(TODAY, 9))])  # recorded later, answered earlier
    [question] = mastery.mastery(db.session, owner_of(student)).questions
    assert (question.level, question.recent) == ("needs_work", (False, True))


@pytest.mark.parametrize(
    ("recent", "level"),
    [
        ((True, True, True), "mastered"),
        ((True, True), "learning"),
        ((True, False, True), "learning"),
        ((False, True, True), "needs_work"),
        ((False,), "needs_work"),
    ],
)
def test_mastery_level(recent, level):
    assert mastery.mastery_level(recent) == level


def test_question_sources_give_the_prompt_and_the_spans_in_the_first_article(db, bank):
    sources = mastery.question_sources(db.session, [bank["q1"].id, bank["q3"].id])
    q1, q3 = sources[bank["q1"].id], sources[bank["q3"].id]
    assert q1.prompt == "What does q1 ask?"
    assert q1.article_slug == bank["one"].slug
    assert len(q1.spans) == 2 and all(isinstance(span, Span) for span in q1.spans)
    assert (q3.article_slug, len(q3.spans)) == (bank["one"].slug, 1)  # its second span is in article two
    assert mastery.question_sources(db.session, []) == {}


def test_score_history_keeps_the_most_recent_finished_quizzes_oldest_first(db, student, bank):
    owner = {"user_id": student.id}
    for n in range(5):
        make_attempt(
            db, owner, [(bank["q1"], n % 2 == 0, at(TODAY - timedelta(days=10 - n)))], title=f"Quiz {n}"
        )
    make_attempt(db, owner, [(bank["q1"], True, at(TODAY))], title="Unfinished", finished=False)
    history = stats.score_history(db.session, owner_of(student), limit=3)
    assert [p.title for p in history.points] == ["Quiz 2", "Quiz 3", "Quiz 4"]
    assert [p.score for p in history.points] == [1.0, 0.0, 1.0]
    assert (history.finished_total, history.truncated) == (5, True)


def test_attempt_history_pages_newest_first_with_answered_counts(db, student, bank):
    owner = {"user_id": student.id}
    for n in range(5):
        make_attempt(db, owner, [(bank["q1"], True, at(TODAY - timedelta(days=10 - n)))], title=f"Quiz {n}")
    unfinished = make_attempt(db, owner, [(bank["q1"], True, at(TODAY))], title="Going", finished=False)
    unfinished.question_count = 4
    db.session.commit()
    first = stats.attempt_history(db.session, owner_of(student), page=1, per_page=4)
    assert [a.title for a in first.items] == ["Going", "Quiz 4", "Quiz 3", "Quiz 2"]
    assert (first.total, first.pages, first.first_number) == (6, 2, 1)
    assert (first.items[0].finished, first.items[0].answered, first.items[0].question_count) == (False, 1, 4)
    second = stats.attempt_history(db.session, owner_of(student), page=2, per_page=4)
    assert [a.title for a in second.items] == ["Quiz 1", "Quiz 0"]
    assert stats.attempt_history(db.session, owner_of(student), page=3, per_page=4).items == []


def test_percent_rounds_half_up():
    assert (stats.percent(1, 8), stats.percent(2, 3), stats.percent(0, 5)) == (13, 67, 0)
    assert stats.percent(1, 0) is None


def test_response_text():
    assert mastery.response_text(["Paris", "1999"]) == "Paris · 1999"
    assert mastery.response_text(13300) == "13300"
    assert mastery.response_text(None) == ""


@pytest.mark.parametrize(
    ("count", "expected", "major"),
    [
        (1, [0], {0}),
        (3, [0, 1, 2], {0, 1, 2}),
        (12, list(range(12)), {0, 5, 11}),
        (50, [0, 12, 24, 37, 49], {0, 24, 49}),
    ],
)
def test_tick_indices(count, expected, major):
    assert tick_indices(count) == expected
    assert major_ticks(count) == major
    assert major <= set(expected)


def test_chart_escapes_titles_and_reads_as_an_image():
    import xml.etree.ElementTree as ET

    points = [
        stats.ScorePoint(1, "<script>alert(1)</script>", "test", at(TODAY - timedelta(days=1)), 0.5),
        stats.ScorePoint(2, "Second & last", "practice", at(TODAY), 1.0),
    ]
    svg = str(score_chart(points, 7))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    root = ET.fromstring(svg)  # well-formed
    assert root.get("role") == "img"
    assert root.find("title").text == "Your quiz scores over time"
    assert "2 most recent finished quizzes (of 7)" in root.find("desc").text
    assert len(root.findall(".//circle")) == 2
