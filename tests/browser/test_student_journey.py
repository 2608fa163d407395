"""A student's whole journey in Chromium: sign up, a "who said what" quiz, a wrong answer, its source, progress."""

import re

import pytest
from sqlalchemy import select

from app.models import Attempt, AttemptItem

pytestmark = pytest.mark.browser
MT_TITLE = "‘Everyone Who Can Leave, Will Leave’"


def current_item(db, attempt_id: int, url: str) -> AttemptItem:
    position = int(re.search(r"/quiz/attempts/\d+/(\d+)", url).group(1))
    db.session.expire_all()
    return db.session.scalar(select(AttemptItem).filter_by(attempt_id=attempt_id, position=position))


def answer_with_keyboard_or_typing(page, item: AttemptItem, *, right: bool) -> None:
    content = item.revision.content
    choices = item.choice_order or []
    if item.revision.type == "true_false":
        choices = ["True", "False"]
        target = "True" if content.answer == right else "False"
    elif choices:
        target = content.answer if right else next(c for c in choices if c != content.answer)
    if choices:
        page.keyboard.press(str(choices.index(target) + 1))
        assert page.locator(f'input[data-key="{choices.index(target) + 1}"]').is_checked()
    elif item.revision.type == "cloze":
        blanks = [content.answer] if isinstance(content.answer, str) else list(content.answer)
        for index, blank in enumerate(blanks):
            page.fill(f"#blanks-{index}", blank if right else "nothing like it")
    else:
        expected = f"{content.answer:g}" if item.revision.type == "numeric" else str(content.answer)
        page.fill("#answer", expected if right else "Nobody at all")
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}], ids=["desktop", "phone"]
)
def test_student_journey(app, db, seeded, server_url, browser, tmp_path, viewport):
    page = browser.new_page(viewport=viewport)
    shots = tmp_path / f"{viewport['width']}"
    shots.mkdir()

    page.goto(server_url + "/auth/signup")
    page.fill("#display_name", "Alesia Student")
    page.fill("#email", "alesia@example.org")
    page.fill("#password", "three unrelated words here")
    page.fill("#confirm", "three unrelated words here")
    page.click("button:has-text('Create account')")
    assert "Alesia Student" in page.locator("header").inner_text()

    page.goto(server_url + "/quiz/")
    page.screenshot(path=str(shots / "catalogue.png"), full_page=True)
    card = page.locator(".quiz-card", has_text=MT_TITLE)
    card.locator("button", has_text="Who said what").click()
    page.wait_for_load_state()
    attempt_id = int(re.search(r"/quiz/attempts/(\d+)/1", page.url).group(1))
    assert page.locator(".kicker").inner_text().startswith("WHO SAID WHAT")
    page.screenshot(path=str(shots / "question.png"), full_page=True)

    item = current_item(db, attempt_id, page.url)
    answer_with_keyboard_or_typing(page, item, right=False)
    assert "/feedback" in page.url
    assert "Not quite" in page.locator(".answer-card").inner_text()
    evidence = item.revision.evidence[0].span
    page.screenshot(path=str(shots / "feedback-wrong.png"), full_page=True)

    with page.expect_navigation():
        page.locator("a.read-link").first.click()
    assert f"hl={evidence.start}-{evidence.end}" in page.url
    mark = page.locator("mark#hl")
    assert " ".join(mark.inner_text().split()) == " ".join(evidence.quote.split())
    box = mark.bounding_box()
    assert box is not None and 0 <= box["y"] < viewport["height"]
    page.screenshot(path=str(shots / "reader.png"))
    page.go_back()

    with page.expect_navigation():
        page.locator("#next").click()
    while "/results" not in page.url:
        item = current_item(db, attempt_id, page.url)
        answer_with_keyboard_or_typing(page, item, right=True)
        if "/feedback" in page.url:
            with page.expect_navigation():
                page.locator("#next").click()
    assert "You scored" in page.locator("h1").inner_text()
    page.screenshot(path=str(shots / "results.png"), full_page=True)

    page.goto(server_url + "/progress/")
    attempt = db.session.get(Attempt, attempt_id)
    assert attempt.title in page.locator("main").inner_text()
    page.screenshot(path=str(shots / "progress.png"), full_page=True)
    page.close()
