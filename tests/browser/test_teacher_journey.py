"""A teacher's authoring journey in Chromium: a set, a multiple-choice question whose evidence is selected
with the mouse in the article, the validator's error and its fix, a student preview, revision 2, its diff,
and restoring revision 1."""

import pytest
from sqlalchemy import select

from app.models import Question, QuestionSet
from app.text.spans import find_quote
from tests.browser.accounts import PASSWORD, log_in
from tests.factories import UserFactory

pytestmark = pytest.mark.browser
NH = "the-lukashenko-factor"
NH_TITLE = "The Lukashenko Factor: Why Tech Innovators Are Turning Their Backs On Belarus"
QUOTE = "Mikita Mikado, the founder of San Francisco-based software developer PandaDoc, reported a raid on his Minsk office"
PROMPT = "In The Next Hint’s 2023 article, who founded the software developer that reported a raid on its Minsk office?"

# Where the quote's first and last characters are on screen, found in the panel's own paragraphs.
LOCATE = """(quote) => {
  for (const paragraph of document.querySelectorAll('.picker-text [data-start]')) {
    const at = paragraph.textContent.indexOf(quote);
    if (at < 0) continue;
    const locate = (offset) => {
      const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
      let node, seen = 0;
      while ((node = walker.nextNode())) {
        if (seen + node.length > offset) return [node, offset - seen];
        seen += node.length;
      }
    };
    paragraph.scrollIntoView({block: 'center'});
    const box = (offset) => {
      const [node, inside] = locate(offset);
      const range = document.createRange();
      range.setStart(node, inside);
      range.setEnd(node, inside + 1);
      return range.getBoundingClientRect();
    };
    const first = box(at), last = box(at + quote.length - 1);
    return {x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2};
  }
  return null;
}"""


def select_with_the_mouse(page, words: str) -> None:
    spot = page.evaluate(LOCATE, words)
    assert spot is not None, f"“{words}” is not in the article panel"
    page.mouse.move(spot["x1"], spot["y1"])
    page.mouse.down()
    page.mouse.move(spot["x2"], spot["y2"], steps=12)
    page.mouse.up()


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}], ids=["desktop", "phone"]
)
def test_teacher_authoring_journey(app, db, seed_articles, server_url, browser, tmp_path, viewport):
    UserFactory(
        email="tess@school.example.org", display_name="Tess Teacher", role="teacher", password=PASSWORD
    )
    article = next(a for a in seed_articles if a.slug == NH)
    span = find_quote(article.clean_text, QUOTE)
    page = browser.new_page(viewport=viewport)
    shots = tmp_path / f"{viewport['width']}"
    shots.mkdir()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    log_in(page, server_url, "tess@school.example.org")
    page.click("nav[aria-label=Main] >> text=Teach")
    assert page.locator("h1").inner_text() == "Your teaching desk"
    page.screenshot(path=str(shots / "01-desk-empty.png"), full_page=True)

    # A set on one article.
    page.click(".empty-state >> text=Create your first set")
    page.fill("#title", "Belarus’ tech exodus")
    page.fill("#description", "Who left, and what the regime did about it.")
    page.check("input[name=visibility][value=public]")
    page.check(f"label:has-text('{NH_TITLE}')")
    page.screenshot(path=str(shots / "02-new-set.png"), full_page=True)
    with page.expect_navigation():
        page.click("button:has-text('Create set')")
    assert page.locator("h1").inner_text() == "Belarus’ tech exodus"
    page.screenshot(path=str(shots / "03-set-empty.png"), full_page=True)

    # A multiple-choice question: the evidence is selected in the article with the mouse.
    page.click(".set-head-actions >> text=Write a question")
    page.screenshot(path=str(shots / "04-type-picker.png"), full_page=True)
    page.click(".type-card >> text=Multiple choice")
    page.screenshot(path=str(shots / "04b-editor.png"))
    page.fill("#prompt", PROMPT)
    for index, choice in enumerate(["Mikita Mikado", "Viktor Prokopenya", "Sam Altman", "Arkady Volozh"]):
        page.fill(f"#choices-{index}", choice)
    page.fill("#explanation", "Mikado founded PandaDoc, which reported a raid on its Minsk office.")
    page.check("input[name=topics][value=people]")
    page.check("input[name=status][value=approved]")
    page.click("[data-evidence-entry] >> text=Pick in the article")
    select_with_the_mouse(page, QUOTE)
    tray = page.locator("[data-picker-tray]")
    tray.wait_for(state="visible")
    assert "Mikita Mikado, the founder of San Francisco-based" in tray.inner_text()
    page.screenshot(path=str(shots / "05-selected-in-the-article.png"))
    page.click("[data-picker-cite]")
    assert page.input_value("#evidence-0-quote") == QUOTE
    assert (page.input_value("#evidence-0-start"), page.input_value("#evidence-0-end")) == (
        str(span.start),
        str(span.end),
    )
    assert page.input_value("#evidence-0-article") == NH
    page.locator("#evidence-0-quote").scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "06-evidence-picked.png"))

    # Saved without marking the right answer: the validator's error beside the choices, nothing lost.
    with page.expect_navigation():
        page.click("button:has-text('Save question')")
    assert "Answer is required" in page.locator("#correct-error").inner_text()
    assert page.input_value("#choices-3") == "Arkady Volozh"
    assert page.input_value("#evidence-0-start") == str(span.start)
    page.screenshot(path=str(shots / "07-validator-error.png"))
    page.check("#correct-0")
    with page.expect_navigation():
        page.click("button:has-text('Save question')")
    assert "Question created." in page.locator(".flashes").inner_text()
    question = db.session.scalar(select(Question))
    [evidence] = question.current_revision.evidence
    assert (evidence.span.start, evidence.span.end, question.status) == (span.start, span.end, "approved")
    page.screenshot(path=str(shots / "08-question.png"), full_page=True)

    # Preview as a student.
    page.click("text=Preview as a student")
    page.click("label.choice:has-text('Sam Altman')")
    with page.expect_navigation():
        page.click("button:has-text('Check answer')")
    assert "Not quite" in page.locator(".answer-card").inner_text()
    assert (
        "Mikita Mikado, the founder of San Francisco-based"
        in page.locator(".source-sentence mark").inner_text()
    )
    page.screenshot(path=str(shots / "09-preview.png"), full_page=True)

    # Revision 2, its diff, and revision 1 restored as revision 3.
    page.click("text=Back to the question >> nth=0")
    page.click(".question-actions-bar >> text=Edit")
    page.fill("#explanation", "Mikado, PandaDoc’s founder, reported that its Minsk office was raided.")
    with page.expect_navigation():
        page.click("button:has-text('Save question')")
    assert "Saved as revision 2." in page.locator(".flashes").inner_text()
    page.click("text=History (2 revisions)")
    diff = page.locator(".diff")
    assert "Explanation" in diff.inner_text()
    assert diff.locator("ins").count() and diff.locator("del").count()
    page.screenshot(path=str(shots / "10-history-diff.png"), full_page=True)
    with page.expect_navigation():
        page.click("button:has-text('Restore revision 1')")
    assert "Revision 1 restored as revision 3." in page.locator(".flashes").inner_text()
    db.session.expire_all()
    question = db.session.scalar(select(Question))
    first, _, third = question.revisions
    assert question.current_revision.number == 3 and third.content_hash == first.content_hash
    page.screenshot(path=str(shots / "11-restored.png"), full_page=True)

    page.goto(server_url + f"/teach/sets/{db.session.scalar(select(QuestionSet.id))}")
    page.screenshot(path=str(shots / "12-set.png"), full_page=True)
    page.goto(server_url + "/teach/")
    page.screenshot(path=str(shots / "13-desk.png"), full_page=True)
    assert errors == []
    page.close()
