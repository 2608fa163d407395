"""A class in Chromium: a teacher makes one and assigns a set with answers kept until the due date; a student
joins with the code as typed from a board, takes it, sees only their score; the teacher reads the gradebook."""

import re
from datetime import UTC, datetime, timedelta

import pytest

from tests.browser.accounts import PASSWORD, log_in, log_out, settle
from tests.browser.test_student_journey import answer_with_keyboard_or_typing, current_item
from tests.class_helpers import two_question_set
from tests.factories import UserFactory
from tests.test_teach_access import MIKADO

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}], ids=["desktop", "phone"]
)
def test_class_journey(app, db, seed_articles, server_url, browser, tmp_path, viewport):
    tess = UserFactory(
        email="tess@school.example.org", display_name="Tess Teacher", role="teacher", password=PASSWORD
    )
    UserFactory(email="sam@school.example.org", display_name="Sam Student", password=PASSWORD)
    question_set = two_question_set(db, tess, title="Belarus’ tech exodus")
    shots = tmp_path / f"{viewport['width']}"
    shots.mkdir()
    context = browser.new_context(viewport=viewport)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server_url)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    # The teacher makes a class and copies its code.
    log_in(page, server_url, "tess@school.example.org")
    page.goto(server_url + "/teach/")
    page.click(".teach-nav >> text=Classes")
    page.click(".empty-state >> text=Create your first class")
    page.fill("#name", "Media 10B")
    with page.expect_navigation():
        page.click("button:has-text('Create class')")
    code = page.locator(".join-code").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{5}-[A-Z2-9]{5}", code)
    page.click("button:has-text('Copy code')")
    page.locator(".copy-status", has_text="Copied").wait_for()
    assert page.locator(".copy-status").inner_text() == f"Copied: {code}"
    assert page.evaluate("navigator.clipboard.readText()") == code
    page.screenshot(path=str(shots / "01-class.png"), full_page=True)

    # An assignment whose answers wait for the due date; the first try forgets the due date.
    page.click(".set-head-actions >> text=New assignment")
    page.select_option("#set_id", str(question_set.id))
    page.fill("#title", "Week 1: who left")
    page.check("input[name=answers_shown][value=after_due]")
    with page.expect_navigation():
        page.click("button:has-text('Assign to Media 10B')")
    assert "need a due date" in page.locator("#answers_shown").inner_text()
    assert page.input_value("#title") == "Week 1: who left"
    page.screenshot(path=str(shots / "02-assignment-error.png"), full_page=True)
    due = (datetime.now(UTC) + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    page.fill("#due_at", due)
    with page.expect_navigation():
        page.click("button:has-text('Assign to Media 10B')")
    assert "Week 1: who left" in page.locator("#assignments").inner_text()
    log_out(page)

    # The student joins with the code as read from the board, and takes the assignment.
    log_in(page, server_url, "sam@school.example.org")
    page.goto(server_url + "/quiz/")
    page.click(".classes-entry >> text=join a class with a code")
    page.fill("#code", code.lower().replace("-", " "))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "You joined Media 10B" in page.locator(".flashes").inner_text()
    page.screenshot(path=str(shots / "03-my-classes.png"), full_page=True)
    with page.expect_navigation():
        page.click(".assignment-row >> button:has-text('Start')")
    attempt_id = int(re.search(r"/quiz/attempts/(\d+)/1", page.url).group(1))
    answer_with_keyboard_or_typing(page, current_item(db, attempt_id, page.url), right=True)
    answer_with_keyboard_or_typing(page, current_item(db, attempt_id, page.url), right=False)
    assert "/results" in page.url
    results = page.locator("main").inner_text()
    assert "You scored 50%" in results and "shown after the due date" in results
    assert MIKADO["explanation"] not in results and "Read in the article" not in results
    page.screenshot(path=str(shots / "04-score-only.png"), full_page=True)
    log_out(page)

    # The teacher reads the gradebook.
    log_in(page, server_url, "tess@school.example.org")
    page.goto(server_url + "/teach/classes")
    page.click("text=Media 10B")
    page.click(".set-head-actions >> text=Gradebook")
    assert "50%" in page.locator(".gradebook").inner_text()
    page.screenshot(path=str(shots / "05-gradebook.png"), full_page=True)
    page.goto(server_url + "/teach/classes")
    page.click("text=Media 10B")
    page.click("#assignments >> text=Week 1: who left")
    page.screenshot(path=str(shots / "06-assignment.png"), full_page=True)
    settle(page)
    assert errors == []
    context.close()
