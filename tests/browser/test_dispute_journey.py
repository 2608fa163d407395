"""A dispute in Chromium: a student flags a result from the keyboard, the question's owner reviews it beside
the highlighted evidence and keeps the answer with a note, and the student reads the outcome."""

import os
import shutil

import pytest

from tests.browser.accounts import log_in
from tests.dispute_helpers import answered
from tests.factories import UserFactory
from tests.test_teach_access import write_question

pytestmark = pytest.mark.browser
COMMENT = "The article says Viktor Prokopenya founded PandaDoc, not Mikado."
NOTE = "The cited sentence names Mikita Mikado as PandaDoc's founder; Prokopenya founded another company."


def console_problem(message) -> bool:
    """Errors in the console, except the 422 a form sends back with its errors (meant, and shown)."""
    return message.type == "error" and "status of 422" not in message.text


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}], ids=["desktop", "phone"]
)
def test_flag_review_and_outcome(db, seed_articles, server_url, browser, tmp_path, viewport):
    owner = UserFactory(email="tess@school.example.org", display_name="Tess Teacher", role="teacher")
    student = UserFactory(email="sam@school.example.org", display_name="Sam Student")
    [response] = answered(db, student, [write_question(db, owner)])
    results = f"{server_url}/quiz/attempts/{response.attempt_id}/results"
    shots = tmp_path / f"disputes-{viewport['width']}"
    shots.mkdir()
    page = browser.new_page(viewport=viewport)
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda message: problems.append(message.text) if console_problem(message) else None)

    # The student opens the disclosure and sends the flag with the keyboard alone.
    log_in(page, server_url, student.email)
    page.goto(results)
    summary = page.locator("summary:has-text('Flag as wrong per the source')")
    summary.focus()
    page.keyboard.press("Enter")
    comment = page.locator("#flag-1-comment")
    comment.wait_for(state="visible")
    comment.focus()
    page.keyboard.type(COMMENT)
    page.screenshot(path=str(shots / "01-flag-form.png"), full_page=True)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab") if page.evaluate("document.activeElement.tagName") != "BUTTON" else None
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Flag sent" in page.locator(".flashes").inner_text()
    assert "Flag sent — awaiting review" in page.locator(".flag-box").inner_text()
    page.screenshot(path=str(shots / "02-flag-sent.png"), full_page=True)
    page.context.clear_cookies()

    # The owner sees it on the desk, in the queue, and beside the evidence.
    log_in(page, server_url, owner.email)
    page.goto(server_url + "/teach/")
    assert page.locator(".stat-tile-alert .stat-value").inner_text().startswith("1")
    page.click(".stat-tile-alert a")
    assert "Open (1)" in page.locator(".tabs").inner_text()
    page.screenshot(path=str(shots / "03-queue.png"), full_page=True)
    page.click(".dispute-row a.question-row-prompt")
    assert COMMENT in page.locator(".dispute-comment-panel").inner_text()
    mark = page.locator(".cited-text mark")
    assert mark.inner_text().startswith("Mikita Mikado, the founder of San Francisco-based")
    assert page.locator("input[name=outcome][value=edited]").is_disabled()
    page.screenshot(path=str(shots / "04-dispute.png"), full_page=True)
    page.check("input[name=outcome][value=kept]")
    with page.expect_navigation():
        page.click("button:has-text('Resolve')")
    assert page.locator("#note-error").is_visible()  # a kept answer needs a note
    page.fill("#note", NOTE)
    with page.expect_navigation():
        page.click("button:has-text('Resolve')")
    assert "The answer stands" in page.locator(".flashes").inner_text()
    page.context.clear_cookies()

    # The student reads the outcome under the answer and in My flags.
    log_in(page, server_url, student.email)
    page.goto(results)
    outcome = page.locator(".flag-box").inner_text()
    assert "Reviewed — the answer stands" in outcome and NOTE in outcome and "Tess Teacher" in outcome
    page.screenshot(path=str(shots / "05-outcome.png"), full_page=True)
    page.goto(server_url + "/progress/")
    page.click("text=My flags")
    assert NOTE in page.locator("main").inner_text()
    page.screenshot(path=str(shots / "06-my-flags.png"), full_page=True)
    assert problems == []  # no script errors, no Content-Security-Policy violations
    page.close()

    keep = os.environ.get("SOURCED_SCREENSHOTS")  # a folder to keep the screenshots in, to look at them
    if keep:
        shutil.copytree(shots, os.path.join(keep, shots.name), dirs_exist_ok=True)
