"""Flashcards in Chromium with the keyboard only: build a deck from seed 000, review with Space and 1–4,
undo with Z, open the statistics — on a desktop and a phone screen."""

import os
import re
import shutil

import pytest
from sqlalchemy import func, select

from app.models import Deck, ReviewCard, ReviewLog

pytestmark = pytest.mark.browser
MT_TITLE = "‘Everyone Who Can Leave, Will Leave’"
RATINGS = ["3", "1", "3", "4", "2"]


def press_and_wait(page, key: str) -> None:
    with page.expect_navigation():
        page.keyboard.press(key)


def card_id_on(page) -> int:
    action = page.locator("#rating-form").get_attribute("action")
    return int(re.search(r"/cards/(\d+)/rate", action).group(1))


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}], ids=["desktop", "phone"]
)
def test_review_journey_by_keyboard(app, db, seeded, student, server_url, browser, tmp_path, viewport):
    page = browser.new_page(viewport=viewport)
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    shots = tmp_path / str(viewport["width"])
    shots.mkdir()

    page.goto(server_url + "/auth/login")
    page.locator("#email").focus()
    page.keyboard.type(student.email)
    page.keyboard.press("Tab")
    page.keyboard.type("correct horse battery staple")
    press_and_wait(page, "Enter")

    page.goto(server_url + "/review/")
    assert "No decks yet" in page.locator("main").inner_text()
    page.screenshot(path=str(shots / "decks-empty.png"), full_page=True)
    page.get_by_role("button", name=f"Make a deck: {MT_TITLE}", exact=False).focus()
    press_and_wait(page, "Enter")
    deck = db.session.scalar(select(Deck))
    assert deck.title.startswith(MT_TITLE) and page.url.endswith(f"/review/decks/{deck.id}")
    page.screenshot(path=str(shots / "deck.png"), full_page=True)
    assert page.evaluate("document.activeElement.textContent").strip() == "Study now"  # autofocus
    press_and_wait(page, "Enter")
    assert "/study" in page.url

    rated = []
    for rating in RATINGS:
        back = page.locator("#card-back")
        assert not back.is_visible()
        page.keyboard.press("Space")
        assert back.is_visible()
        buttons = page.locator(".rate .rate-interval").all_inner_texts()
        assert len(buttons) == 4 and all(buttons)
        assert (
            page.locator("#card-back a.read-link")
            .first.get_attribute("href")
            .startswith("/articles/everyone-who-can-leave-will-leave?hl=")
        )
        if not rated:
            page.screenshot(path=str(shots / "study-answer.png"), full_page=True)
        rated.append(card_id_on(page))
        press_and_wait(page, rating)

    assert db.session.scalar(select(func.count(ReviewLog.id))) == len(RATINGS)
    page.screenshot(path=str(shots / "study-front.png"), full_page=True)

    press_and_wait(page, "z")
    assert page.url.endswith(f"?card={rated[-1]}")
    assert "Rating undone" in page.locator(".flashes").inner_text()
    assert card_id_on(page) == rated[-1]
    db.session.expire_all()
    assert db.session.scalar(select(func.count(ReviewLog.id))) == len(RATINGS) - 1
    assert db.session.get(ReviewCard, rated[-1]).reps == 0
    page.keyboard.press("Space")
    press_and_wait(page, "3")
    db.session.expire_all()
    assert db.session.scalar(select(func.count(ReviewLog.id))) == len(RATINGS)

    page.goto(server_url + "/review/stats")
    main = page.locator("main").inner_text()
    assert "Flashcard statistics" in main and f"{len(RATINGS)} reviews in all" in main
    assert page.locator("svg.forecast-chart").is_visible() and page.locator("svg.heatmap").count() == 1
    page.screenshot(path=str(shots / "stats.png"), full_page=True)
    assert problems == []  # no script errors, no Content-Security-Policy violations
    page.close()

    keep = os.environ.get("SOURCED_SCREENSHOTS")  # a folder to keep the screenshots in, to look at them
    if keep:
        shutil.copytree(shots, os.path.join(keep, shots.name), dirs_exist_ok=True)
