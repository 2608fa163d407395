"""A quiz and a flashcard session with the keyboard only: Tab reaches every control in document order, each
with a visible focus ring; digits pick a choice and Enter submits; Space or Enter shows a card's answer, 1–4
rate it, and a rating is undone from the keyboard."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from app.models import ReviewLog
from tests.browser.test_student_journey import MT_TITLE, current_item

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery staple"

# Numbers every control Tab should reach (a radio group once: Tab enters it, arrows move inside it).
MARK_TABBABLE = """() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]';
  const groups = new Map();
  let count = 0;
  for (const el of document.querySelectorAll(selector)) {
    delete el.dataset.tabStop;
    if (el.disabled || el.tabIndex < 0 || !el.checkVisibility({visibilityProperty: true})) continue;
    const closed = el.closest('details:not([open])');
    if (closed && !el.closest('summary')) continue;  // a closed <details> shows only its summary
    if (el.type === 'radio') {
      if (!groups.has(el.name)) groups.set(el.name, count++);
      el.dataset.tabStop = groups.get(el.name);
      continue;
    }
    el.dataset.tabStop = count++;
  }
  return count;
}"""

# The focused element: its number, a name to recognise it by, and whether a focus ring shows around it
# (an outline of 2px or more, or a box shadow, on it or on the label that wraps it).
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const ring = (node) => {
    const style = getComputedStyle(node);
    return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none';
  };
  const label = el.closest('label');
  const name = el.getAttribute('aria-label') || (el.labels && el.labels.length ? el.labels[0].innerText : '')
    || el.innerText || el.value || '';
  const box = el.getBoundingClientRect();
  return {
    stop: el.dataset.tabStop === undefined ? null : Number(el.dataset.tabStop),
    id: el.id, tag: el.tagName.toLowerCase(), name: name.replace(/\\s+/g, ' ').trim(),
    ring: ring(el) || (label !== null && ring(label)),
    visible: box.width > 0 && box.height > 0,
  };
}"""


def focused(page) -> dict | None:
    return page.evaluate(FOCUSED)


def assert_ring(stop: dict) -> None:
    assert stop["ring"] and stop["visible"], f"no visible focus ring on {stop}"


def tab_through(page) -> list[dict]:
    """Tab round the whole page; asserts every control is reached, in document order, each with a focus
    ring; returns the stops from the first control on.

    Tab starts from wherever focus last was, so this goes round twice and reads one full turn."""
    total = page.evaluate(MARK_TABBABLE)
    turns: list[dict | None] = []
    for _ in range(2 * total + 2):
        page.keyboard.press("Tab")
        turns.append(focused(page))
    first = next(i for i, stop in enumerate(turns) if stop and stop["stop"] == 0)
    stops = [stop for stop in turns[first:] if stop][:total]
    for stop in stops:
        assert_ring(stop)
    order = [stop["stop"] for stop in stops]
    assert order == list(range(total)), f"Tab order {order} is not the document's 0…{total - 1}: {stops}"
    return stops


def tab_to(page, name: str) -> dict:
    """Tab until the control whose name starts with `name` has focus (each stop on the way showing its
    focus ring)."""
    page.evaluate(MARK_TABBABLE)
    for _ in range(300):
        page.keyboard.press("Tab")
        stop = focused(page)
        if stop is not None:
            assert_ring(stop)
            if stop["name"].startswith(name):
                return stop
    raise AssertionError(f"Tab never reached “{name}”")


def press_and_wait(page, key: str) -> None:
    with page.expect_navigation():
        page.keyboard.press(key)


def answer_by_keyboard(page, item) -> None:
    """The right answer: its digit for a choice, typed into the focused box (Tab between blanks), then Enter."""
    content = item.revision.content
    choices = ["True", "False"] if item.revision.type == "true_false" else list(item.choice_order or [])
    if choices:
        target = (
            ("True" if content.answer else "False") if item.revision.type == "true_false" else content.answer
        )
        key = str(choices.index(target) + 1)
        page.keyboard.press(key)
        assert focused(page)["tag"] == "input" and page.locator(f'input[data-key="{key}"]').is_checked()
    elif item.revision.type == "cloze":
        blanks = [content.answer] if isinstance(content.answer, str) else list(content.answer)
        assert focused(page)["id"] == "blanks-0"  # autofocus
        for index, blank in enumerate(blanks):
            if index:
                page.keyboard.press("Tab")
            page.keyboard.type(blank)
    else:
        assert focused(page)["id"] == "answer"  # autofocus
        page.keyboard.type(f"{content.answer:g}" if item.revision.type == "numeric" else str(content.answer))
    press_and_wait(page, "Enter")


def test_a_quiz_by_keyboard_only(app, db, seeded, server_url, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server_url + "/quiz/")
    tab_through(page)
    tab_to(page, f"Practise 10: {MT_TITLE}")
    press_and_wait(page, "Enter")
    attempt_id = int(re.search(r"/quiz/attempts/(\d+)/1$", page.url).group(1))

    names = [stop["name"] for stop in tab_through(page)]
    assert names[0] == "Skip to content"
    assert names.index("Check answer") < names.index("End the quiz now (unanswered questions count as wrong)")
    page.reload()  # focus back where a new question page puts it

    answered = 0
    while "/results" not in page.url:
        answer_by_keyboard(page, current_item(db, attempt_id, page.url))
        answered += 1
        assert "/feedback" in page.url and "Correct" in page.locator(".answer-card").inner_text()
        next_link = focused(page)
        assert next_link["id"] == "next", "the next step has the focus"
        assert_ring(next_link)
        press_and_wait(page, "Enter")

    assert answered == 10
    assert "You scored" in page.locator("h1").inner_text()
    assert "Read in the article" in " ".join(stop["name"] for stop in tab_through(page))
    page.close()


def test_flashcards_by_keyboard_only(app, db, seeded, student, server_url, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server_url + "/auth/login")
    tab_to(page, "Email")
    page.keyboard.type(student.email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    press_and_wait(page, "Enter")

    page.goto(server_url + "/review/")
    tab_to(page, f"Make a deck: {MT_TITLE}")
    press_and_wait(page, "Enter")
    assert focused(page)["name"] == "Study now"  # autofocus
    press_and_wait(page, "Enter")

    # The first card: the front's controls, then the answer shown with Enter on "Show answer".
    assert "Show answer Space" in [stop["name"] for stop in tab_through(page)]
    tab_to(page, "Show answer Space")
    page.keyboard.press("Enter")
    assert page.locator("#card-back").is_visible()
    # The details element's "toggle" event, which moves the focus, fires after the key press returns.
    page.wait_for_function(
        "document.activeElement && document.activeElement.id === 'card-back'", timeout=5000
    )
    assert focused(page)["id"] == "card-back"  # screen readers read the answer next
    names = [stop["name"] for stop in tab_through(page)]
    ratings = [(i, m.group()) for i, n in enumerate(names) if (m := re.search(r"Again|Hard|Good|Easy", n))]
    assert [rating for _, rating in ratings] == ["Again", "Hard", "Good", "Easy"]
    assert ratings[0][0] > names.index("Read in the article →")
    first_card = page.locator("#rating-form").get_attribute("action")
    press_and_wait(page, "3")

    # The second: Space with nothing focused shows the answer, 1 rates it.
    assert page.locator("#rating-form").get_attribute("action") != first_card
    page.keyboard.press("Space")
    assert page.locator("#card-back").is_visible()
    second_card = page.locator("#rating-form").get_attribute("action")
    press_and_wait(page, "1")
    assert db.session.scalar(select(func.count(ReviewLog.id))) == 2

    # Undo from the keyboard: the Undo button reached with Tab brings the second card back.
    tab_to(page, "↶ Undo Z")
    press_and_wait(page, "Enter")
    assert "Rating undone" in page.locator(".flashes").inner_text()
    assert page.locator("#rating-form").get_attribute("action") == second_card
    db.session.expire_all()
    assert db.session.scalar(select(func.count(ReviewLog.id))) == 1
    page.keyboard.press("Enter")
    press_and_wait(page, "4")
    db.session.expire_all()
    assert db.session.scalar(select(func.count(ReviewLog.id))) == 2
    page.close()
