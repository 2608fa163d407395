"""Flashcard pages: decks, studying with ratings and undo, typed answers, limits, options, settings, stats."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.models import Deck, Question, ReviewCard, ReviewLog, ReviewSettings
from app.models.reviews import LEARNING, NEW, REVIEW
from tests.helpers import post_form
from tests.review_support import (
    MT_SLUG,
    card,
    logs_of,
    make_deck,
    open_study,
    post_rating,
    read_study,
)


@pytest.fixture
def deck(seeded, student):
    return make_deck(student)


def question_id(db, key: str) -> int:
    return db.session.scalar(select(Question.id).where(Question.key == key))


def own_card(db, user, key: str, **state) -> ReviewCard:
    row = ReviewCard(user_id=user.id, question_id=question_id(db, key), **state)
    db.session.add(row)
    db.session.commit()
    return row


# ── Decks ────────────────────────────────────────────────────────────────────────────────────────────────


def test_visitors_see_what_flashcards_are_and_where_to_sign_up(client, seeded):
    page = client.get("/review/").get_data(as_text=True)
    assert "Create a free account" in page and "FSRS" in page
    response = client.get("/review/stats")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_the_nav_links_to_the_decks_between_quizzes_and_articles(student_client, seeded):
    html = student_client.get("/review/").get_data(as_text=True)
    nav = html[html.index('aria-label="Main"') :]
    assert nav.index(">Quizzes<") < nav.index(">Review<") < nav.index(">Articles<")
    assert re.search(r'href="/review/"\s+aria-current="page">Review<', html)


def test_building_a_deck_from_an_article_a_topic_and_a_set(db, student_client, student, seeded):
    for source, title in [
        (f"article:{MT_SLUG}", "‘Everyone Who Can Leave, Will Leave’"),
        ("tag:quotes", "Who said what"),
        ("set:timeline-of-the-exodus", "Timeline of the exodus"),
    ]:
        response = post_form(student_client, "/review/decks", {"source": source})
        assert response.status_code == 302
        deck = db.session.scalars(select(Deck).order_by(Deck.id.desc())).first()
        assert deck.title.startswith(title) and deck.user_id == student.id
        assert response.headers["Location"].endswith(f"/review/decks/{deck.id}")
    page = student_client.get("/review/").get_data(as_text=True)
    assert page.count('<li class="deck-tile') == 3 and "20</strong> new" in page
    again = post_form(student_client, "/review/decks", {"source": "tag:quotes"}, follow_redirects=True)
    assert "You already have the deck" in again.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Deck.id))) == 3


def test_an_unknown_source_builds_nothing(db, student_client, seeded):
    response = post_form(
        student_client, "/review/decks", {"source": "article:no-such-article"}, follow_redirects=True
    )
    assert "Not a valid choice" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Deck.id))) == 0


def test_no_card_exists_before_it_is_shown(db, student_client, deck):
    assert db.session.scalar(select(func.count(ReviewCard.id))) == 0
    page = student_client.get(f"/review/decks/{deck.id}").get_data(as_text=True)
    assert re.search(r"<dt>New</dt><dd>20</dd>", page)
    assert db.session.scalar(select(func.count(ReviewCard.id))) == 0
    open_study(student_client, deck.id)
    assert db.session.scalar(select(func.count(ReviewCard.id))) == 1


# ── Studying ─────────────────────────────────────────────────────────────────────────────────────────────


def test_the_card_shows_its_question_then_its_sourced_answer_and_four_intervals(
    db, student_client, deck, clock
):
    page = open_study(student_client, deck.id)
    row = card(page.card_id)
    revision = row.question.current_revision
    front = html.unescape(page.html.split('<details class="card-reveal"')[0])
    assert revision.prompt in front and revision.content.answer not in front.split(revision.prompt)[1]
    assert page.intervals == {"Again": "1m", "Hard": "6m", "Good": "10m", "Easy": page.intervals["Easy"]}
    assert page.intervals["Easy"].endswith("d")
    assert '<details class="card-reveal" id="reveal">' in page.html  # the back waits for Space
    span = revision.evidence[0].span
    assert f"/articles/{MT_SLUG}?hl={span.start}-{span.end}#hl" in page.html
    assert "<mark>" in page.html and "Read in the article" in page.html
    assert 'src="/static/js/review.js?v=' in page.html
    assert "style=" not in page.html and "<script>" not in page.html  # the CSP allows neither


def test_original_url_is_linked_when_the_article_has_one(db, student_client, student, seeded):
    deck = make_deck(student, "article", "the-lukashenko-factor")
    page = open_study(student_client, deck.id)
    assert 'href="https://www.thenexthint.com/the-lukashenko-factor' in page.html
    assert "Original at The Next Hint" in page.html


def test_rating_moves_on_and_logs_one_review(db, student_client, deck, clock):
    first = open_study(student_client, deck.id)
    response = post_rating(student_client, deck.id, first, 3, shown_at=str(int(clock.now.timestamp() * 1000)))
    assert response.status_code == 302 and response.headers["Location"].endswith(
        f"/review/decks/{deck.id}/study"
    )
    rated = card(first.card_id)
    assert (rated.state, rated.step, rated.reps, rated.version) == (LEARNING, 1, 1, 2)
    [log] = logs_of(first.card_id)
    assert log.rating == 3 and log.state_before == NEW
    second = open_study(student_client, deck.id)
    assert second.card_id != first.card_id
    assert "19</strong> new" in second.html and "1</strong> learning" in second.html


def test_the_same_view_rated_twice_counts_once(db, student_client, deck, clock):
    page = open_study(student_client, deck.id)
    post_rating(student_client, deck.id, page, 3)
    again = post_rating(student_client, deck.id, page, 1, follow_redirects=True)
    assert "already reviewed" in again.get_data(as_text=True)
    assert len(logs_of(page.card_id)) == 1 and card(page.card_id).reps == 1


def test_a_learning_card_comes_back_when_due(db, student_client, deck, clock):
    first = open_study(student_client, deck.id)
    post_rating(student_client, deck.id, first, 1)  # Again: back in a minute
    assert open_study(student_client, deck.id).card_id != first.card_id  # a new card meanwhile
    clock.advance(minutes=2)
    back = open_study(student_client, deck.id)
    assert back.card_id == first.card_id
    assert "is-current" in back.html.split("learning</span>")[0].rsplit("<span", 1)[1]


def test_undo_restores_the_card_and_shows_it_again(db, student_client, deck, clock):
    pages = []
    for rating in (3, 1, 4):
        page = open_study(student_client, deck.id)
        pages.append((page, card(page.card_id)))
        post_rating(student_client, deck.id, page, rating)
        clock.advance(seconds=30)
    assert db.session.scalar(select(func.count(ReviewLog.id))) == 3
    for page, before in reversed(pages):
        response = post_form(student_client, f"/review/decks/{deck.id}/undo")
        assert response.headers["Location"].endswith(f"/study?card={page.card_id}")
        restored = card(page.card_id)
        assert (restored.state, restored.due, restored.reps, restored.stability) == (
            before.state,
            before.due,
            before.reps,
            before.stability,
        )
        shown = read_study(student_client.get(response.headers["Location"]))
        assert shown.card_id == page.card_id and shown.version == restored.version
    assert db.session.scalar(select(func.count(ReviewLog.id))) == 0
    nothing = post_form(student_client, f"/review/decks/{deck.id}/undo", follow_redirects=True)
    assert "nothing to undo" in nothing.get_data(as_text=True)


def test_the_undo_button_appears_once_there_is_something_to_undo(student_client, deck, clock):
    page = open_study(student_client, deck.id)
    assert 'id="undo-form"' not in page.html
    post_rating(student_client, deck.id, page, 3)
    assert 'id="undo-form"' in open_study(student_client, deck.id).html


def test_a_cloze_is_shown_as_a_cloze_and_answered_in_full(db, student_client, student, deck, clock):
    row = own_card(db, student, "firms-relocation-destinations-cloze", state=NEW, due=clock.now)
    page = open_study(student_client, deck.id, card=row.id)
    front = page.html.split('<details class="card-reveal"')[0]
    assert front.count('class="cloze-blank"') == 2 and "Poland" not in front
    back = page.html.split('id="card-back"')[1]
    assert (
        '<strong class="cloze-fill">Poland</strong>' in back
        and '<strong class="cloze-fill">Baltic</strong>' in back
    )


def test_typed_answers_are_graded_and_suggest_a_rating(db, student_client, student, deck, clock):
    deck.typed_answers = True
    db.session.commit()
    row = own_card(db, student, "firms-relocation-destinations-cloze", state=NEW, due=clock.now)
    page = open_study(student_client, deck.id, card=row.id)
    assert 'id="typed-form"' in page.html and 'name="blanks-0"' in page.html
    check = f"/review/decks/{deck.id}/cards/{row.id}/check"
    right = read_study(
        post_form(student_client, check, {"blanks-0": "poland", "blanks-1": "Baltic", "version": "1"})
    )
    assert "✓ Correct" in right.html
    assert re.search(r'value="3" data-key="3"\s+class="rate rate-good is-suggested"', right.html)
    partly = read_study(
        post_form(student_client, check, {"blanks-0": "Poland", "blanks-1": "Nordic", "version": "1"})
    )
    assert "Partly right" in partly.html and "rate-hard is-suggested" in partly.html
    wrong = read_study(
        post_form(student_client, check, {"blanks-0": "Spain", "blanks-1": "Nordic", "version": "1"})
    )
    assert "Not quite" in wrong.html and "rate-again is-suggested" in wrong.html
    empty = post_form(student_client, check, {"version": "1"})
    assert empty.status_code == 400
    assert not logs_of(row.id)  # checking grades; only a rating is recorded
    post_rating(student_client, deck.id, right, 3)
    assert [log.rating for log in logs_of(row.id)] == [3]


def test_a_typed_answer_to_a_card_already_rated_elsewhere_is_not_graded(
    db, student_client, student, deck, clock
):
    deck.typed_answers = True
    db.session.commit()
    row = own_card(db, student, "firms-relocation-destinations-cloze", state=NEW, due=clock.now, version=4)
    response = post_form(
        student_client,
        f"/review/decks/{deck.id}/cards/{row.id}/check",
        {"blanks-0": "Poland", "version": "3"},
    )
    assert response.status_code == 302


def test_the_daily_new_card_limit_ends_the_session(db, student_client, deck, clock):
    deck.new_per_day = 2
    db.session.commit()
    for _ in range(2):
        post_rating(student_client, deck.id, open_study(student_client, deck.id), 4)
    done = open_study(student_client, deck.id)
    assert done.done and "new cards are done" in done.html
    clock.advance(days=1)
    assert not open_study(student_client, deck.id).done


def test_the_daily_review_limit_holds_back_reviews(db, student_client, student, deck, clock):
    deck.reviews_per_day, deck.new_per_day = 1, 0
    db.session.commit()
    for key in ("anton-psychological-stress-unbearable", "anton-firms-moving-staff-ninja-style"):
        own_card(
            db,
            student,
            key,
            state=REVIEW,
            stability=5.0,
            difficulty=5.0,
            scheduled_days=5,
            due=clock.now - timedelta(hours=1),
            last_review=clock.now - timedelta(days=5),
        )
    page = open_study(student_client, deck.id)
    assert "1</strong> to review" in page.html
    post_rating(student_client, deck.id, page, 3)
    assert open_study(student_client, deck.id).done


def test_deck_options_are_validated_and_saved(db, student_client, deck):
    bad = post_form(
        student_client, f"/review/decks/{deck.id}/options", {"new_per_day": "-1", "reviews_per_day": "x"}
    )
    assert bad.status_code == 400
    assert "Give a number from 0 to 9,999." in bad.get_data(as_text=True)
    ok = post_form(
        student_client,
        f"/review/decks/{deck.id}/options",
        {"new_per_day": "5", "reviews_per_day": "50", "typed_answers": "y"},
    )
    assert ok.status_code == 302
    db.session.refresh(deck)
    assert (deck.new_per_day, deck.reviews_per_day, deck.typed_answers) == (5, 50, True)


def test_deleting_a_deck_keeps_the_cards(db, student_client, deck, clock):
    post_rating(student_client, deck.id, open_study(student_client, deck.id), 3)
    response = post_form(student_client, f"/review/decks/{deck.id}/delete")
    assert response.status_code == 302
    assert db.session.scalar(select(func.count(Deck.id))) == 0
    assert db.session.scalar(select(func.count(ReviewCard.id))) == 1
    assert db.session.scalar(select(ReviewLog.deck_id)) is None


# ── Settings ─────────────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("retention", ["0.5", "1", "0.995", "nan", "inf", "", "ninety"])
def test_desired_retention_must_be_between_070_and_099(db, student_client, student, retention):
    data = {"desired_retention": retention, "learning_steps": "1m 10m", "relearning_steps": "10m"}
    response = post_form(student_client, "/review/settings", {**data, "maximum_interval": "36500"})
    assert response.status_code == 400
    assert db.session.get(ReviewSettings, student.id) is None


def test_settings_are_saved_and_schedule_the_next_ratings(db, student_client, student, deck, clock):
    page = student_client.get("/review/settings").get_data(as_text=True)
    assert 'value="0.9"' in page and 'value="1m 10m"' in page and 'value="10m"' in page
    bad = post_form(
        student_client,
        "/review/settings",
        {
            "desired_retention": "0.9",
            "learning_steps": "1 minute",
            "relearning_steps": "",
            "maximum_interval": "0",
        },
    )
    text = bad.get_data(as_text=True)
    assert bad.status_code == 400 and "is not a step" in text and "Give 1 to 36,500 days." in text
    saved = post_form(
        student_client,
        "/review/settings",
        {
            "desired_retention": "0.85",
            "learning_steps": "30s 5m",
            "relearning_steps": "",
            "maximum_interval": "3650",
        },
    )
    assert saved.status_code == 302
    row = db.session.get(ReviewSettings, student.id)
    assert (row.desired_retention, row.learning_steps, row.relearning_steps, row.maximum_interval) == (
        0.85,
        [30, 300],
        [],
        3650,
    )
    assert open_study(student_client, deck.id).intervals["Again"] == "<1m"


# ── Statistics ───────────────────────────────────────────────────────────────────────────────────────────


def test_the_statistics_page_charts_forecast_calendar_retention_states_and_time(
    db, student_client, deck, clock
):
    for rating in (3, 4, 1):
        post_rating(student_client, deck.id, open_study(student_client, deck.id), rating)
    for url in ("/review/stats", f"/review/stats?deck={deck.id}"):
        html = student_client.get(url).get_data(as_text=True)
        assert "Due in the next 30 days" in html and 'class="forecast-chart"' in html
        assert 'class="heatmap"' in html and "3 reviews" in html
        assert "True retention" in html and 'class="states-bar"' in html and "Time spent" in html
        assert "style=" not in html


def test_an_empty_statistics_page(student_client, seeded):
    html = student_client.get("/review/stats").get_data(as_text=True)
    assert "0 reviews in all" in html


# ── Access ───────────────────────────────────────────────────────────────────────────────────────────────


def deck_routes(deck_id: int, card_id: int) -> list[tuple[str, str]]:
    return [
        ("GET", f"/review/decks/{deck_id}"),
        ("GET", f"/review/decks/{deck_id}/study"),
        ("GET", f"/review/decks/{deck_id}/export.csv"),
        ("GET", f"/review/decks/{deck_id}/export.apkg"),
        ("GET", f"/review/stats?deck={deck_id}"),
        ("POST", f"/review/decks/{deck_id}/options"),
        ("POST", f"/review/decks/{deck_id}/delete"),
        ("POST", f"/review/decks/{deck_id}/undo"),
        ("POST", f"/review/decks/{deck_id}/cards/{card_id}/rate"),
        ("POST", f"/review/decks/{deck_id}/cards/{card_id}/check"),
    ]


def test_another_learners_deck_and_cards_are_not_found(db, client, seeded, student, other_student):
    from tests.helpers import login

    theirs = make_deck(other_student)
    their_card = own_card(db, other_student, "anton-psychological-stress-unbearable", due=datetime.now(UTC))
    mine = make_deck(student)
    login(client, student)
    routes = [
        *deck_routes(theirs.id, their_card.id),
        ("POST", f"/review/decks/{mine.id}/cards/{their_card.id}/rate"),
        ("POST", f"/review/decks/{mine.id}/cards/{their_card.id}/check"),
    ]
    for method, url in routes:
        if method == "GET":
            response = client.get(url)
        else:
            response = post_form(
                client, url, {"rating": "3", "version": "1", "new_per_day": "1", "reviews_per_day": "1"}
            )
        assert response.status_code == 404, f"{method} {url} answered {response.status_code}"
    assert db.session.scalar(select(func.count(ReviewLog.id))) == 0
    assert db.session.get(Deck, theirs.id) is not None


def test_visitors_are_sent_to_log_in(db, client, seeded, student):
    deck = make_deck(student)
    for method, url in [*deck_routes(deck.id, 1), ("GET", "/review/settings"), ("POST", "/review/decks")]:
        response = client.get(url) if method == "GET" else post_form(client, url, {"source": "tag:quotes"})
        assert response.status_code == 302, url
        assert "/auth/login" in response.headers["Location"], url
