"""From authoring to item analysis in Chromium: a teacher builds a set on The Next Hint's article with a numeric
question whose evidence is selected in the article, assigns it to a class; a student signs up, joins with the
code and completes it, seeing the source; the teacher finds the result in the gradebook and the item analysis."""

import re

import pytest
from sqlalchemy import select

from app.models import Question, QuestionSet
from tests.browser.accounts import log_in, log_out, settle
from tests.browser.test_teacher_journey import NH_TITLE, PASSWORD, select_with_the_mouse
from tests.factories import UserFactory

pytestmark = pytest.mark.browser
QUOTE = (
    "Since the beginning of 2022, Belarus’s hi-tech sector has lost more than 13,300 IT specialists "
    "who have fled the country"
)
PROMPT = (
    "According to The Next Hint, more than how many IT specialists has Belarus lost since the start of 2022?"
)


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}], ids=["desktop", "phone"]
)
def test_a_set_built_assigned_taken_and_analysed(
    app, db, seed_articles, server_url, browser, tmp_path, viewport
):
    UserFactory(
        email="tess@school.example.org", display_name="Tess Teacher", role="teacher", password=PASSWORD
    )
    shots = tmp_path / f"{viewport['width']}"
    shots.mkdir()
    page = browser.new_page(viewport=viewport)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    # A set on the article, with a numeric question whose evidence is selected with the mouse.
    log_in(page, server_url, "tess@school.example.org")
    page.goto(server_url + "/teach/sets/new")
    page.fill("#title", "Counting the exodus")
    page.check(f"label:has-text('{NH_TITLE}')")
    with page.expect_navigation():
        page.click("button:has-text('Create set')")
    page.click(".set-head-actions >> text=Write a question")
    page.click(".type-card >> text=Number")
    page.fill("#prompt", PROMPT)
    page.fill("#answer", "13300")
    page.fill("#tolerance", "0")
    page.fill("#unit", "IT specialists")
    page.fill("#explanation", "Local media counted more than 13,300 IT specialists who fled since 2022.")
    page.check("input[name=topics][value=numbers]")
    page.check("input[name=status][value=approved]")
    page.click("[data-evidence-entry] >> text=Pick in the article")
    select_with_the_mouse(page, QUOTE)
    page.locator("[data-picker-tray]").wait_for(state="visible")
    page.click("[data-picker-cite]")
    assert page.input_value("#evidence-0-quote") == QUOTE
    page.screenshot(path=str(shots / "01-numeric-evidence-picked.png"))
    with page.expect_navigation():
        page.click("button:has-text('Save question')")
    assert "Question created." in page.locator(".flashes").inner_text()
    question = db.session.scalar(select(Question))
    assert question.current_revision.evidence[0].span.quote == QUOTE

    # A class, and the set assigned to it as a test whose answers show at once.
    page.goto(server_url + "/teach/classes/new")
    page.fill("#name", "Media 10B")
    with page.expect_navigation():
        page.click("button:has-text('Create class')")
    code = page.locator(".join-code").inner_text()
    page.click(".set-head-actions >> text=New assignment")
    question_set = db.session.scalar(select(QuestionSet).filter_by(title="Counting the exodus"))
    page.select_option("#set_id", str(question_set.id))
    page.check("input[name=mode][value=test]")
    with page.expect_navigation():
        page.click("button:has-text('Assign to Media 10B')")
    assert "Counting the exodus" in page.locator("#assignments").inner_text()
    page.screenshot(path=str(shots / "02-class-with-assignment.png"), full_page=True)
    log_out(page)

    # A student signs up, joins with the code and completes the assignment.
    page.goto(server_url + "/auth/signup")
    page.fill("#display_name", "Sam Student")
    page.fill("#email", "sam@school.example.org")
    page.fill("#password", PASSWORD)
    page.fill("#confirm", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    page.goto(server_url + "/quiz/classes/join")
    page.fill("#code", code)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "You joined Media 10B" in page.locator(".flashes").inner_text()
    with page.expect_navigation():
        page.click(".assignment-row >> button:has-text('Start')")
    assert re.search(r"/quiz/attempts/\d+/1$", page.url)
    page.fill("#answer", "13,300")
    page.screenshot(path=str(shots / "03-student-answers.png"), full_page=True)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/results" in page.url
    results = page.locator("main").inner_text()
    assert "100%" in results
    assert "13,300 IT specialists" in page.locator(".source-sentence").first.inner_text()
    page.screenshot(path=str(shots / "04-results-with-source.png"), full_page=True)
    log_out(page)

    # The teacher sees the result and the item analysis of the assignment.
    log_in(page, server_url, "tess@school.example.org")
    page.goto(server_url + "/teach/classes")
    page.click("text=Media 10B")
    page.click("#assignments >> text=Counting the exodus")
    assignment_page = page.locator("main").inner_text()
    assert "Sam Student" in assignment_page and "100%" in assignment_page
    page.screenshot(path=str(shots / "05-assignment-results.png"), full_page=True)
    page.click("main >> text=Item analysis")
    assert page.locator(".analysis-tiles .stat-tile").first.inner_text().endswith("1")
    assert "more than how many IT specialists" in page.locator(".analysis-table").inner_text()
    page.screenshot(path=str(shots / "06-item-analysis.png"), full_page=True)
    settle(page)
    assert errors == []
