"""axe-core on every main page in Chromium: no serious or critical accessibility violations.

axe (vendored in `vendor/`, see its README) is injected with `add_script_tag`, which inserts an inline
script: the app's Content-Security-Policy forbids those, so the audit's browser context bypasses the CSP
(the test only; `test_the_csp_still_blocks_inline_scripts` shows the policy itself stays in force).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from app.models import AttemptItem
from tests.browser.accounts import log_in
from tests.class_helpers import make_assignment, make_class
from tests.dispute_helpers import flagged
from tests.factories import UserFactory
from tests.helpers import login
from tests.quiz_helpers import answer, item_at, right_answer, start_quiz, wrong_answer
from tests.review_support import make_deck, open_study, post_rating
from tests.test_teach_access import make_set, teacher, write_question

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
AXE_VERSION = "4.14.1"
BLOCKING = ("serious", "critical")
MT = "everyone-who-can-leave-will-leave"


def audit(page) -> list[dict]:
    """axe's serious and critical violations on the page as it is now (WCAG 2.x A and AA rules and best
    practices, axe's defaults)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    assert page.evaluate("axe.version") == AXE_VERSION
    # Colours are measured as painted: let entrance animations (the card's back fading in) end first.
    page.evaluate("Promise.all(document.getAnimations().map((animation) => animation.finished))")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v["impact"] in BLOCKING]


def describe(name: str, url: str, violations: list[dict]) -> str:
    """One violation per paragraph: rule, impact, what to do, and each offending element with axe's advice."""
    lines = [f"{name} — {url}"]
    for violation in violations:
        lines.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.append(f"      {violation['helpUrl']}")
        for node in violation["nodes"][:6]:
            target = " ".join(json.dumps(t) if not isinstance(t, str) else t for t in node["target"])
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"      at {target}")
            lines.append(f"         {node['html'][:160]}")
            lines.append(f"         {summary[:300]}")
        if len(violation["nodes"]) > 6:
            lines.append(f"      … and {len(violation['nodes']) - 6} more elements")
    return "\n".join(lines)


def submit(selector: str):
    """An action for `audit_pages`: submit the page's form as it is (empty), to audit its errors."""

    def action(page) -> None:
        with page.expect_navigation():
            page.click(selector)

    return action


def show_answer(page) -> None:
    page.keyboard.press("Space")
    page.locator("#card-back").wait_for(state="visible")


def student_pages(client, db, student) -> list[tuple]:
    """A practice quiz half-way (a question of each kind of input, a feedback page), a finished test, a
    deck with ratings; returns (name, path) of every page a student sees."""
    login(client, student)
    practice = start_quiz(client, source="all", length="all", mode="practice")
    first = item_at(practice, 1)
    assert answer(client, practice, 1, wrong_answer(first)).status_code == 302
    by_kind: dict[str, int] = {}
    items = db.session.scalars(
        select(AttemptItem).where(AttemptItem.attempt_id == practice.id).order_by(AttemptItem.position)
    )
    for item in items:
        if item.position > 1:
            by_kind.setdefault(item.revision.type, item.position)

    finished = start_quiz(client, length="5", mode="test")
    for position in range(1, 6):
        item = item_at(finished, position)
        data = right_answer(item) if position % 2 else wrong_answer(item)
        assert answer(client, finished, position, data).status_code == 302

    deck = make_deck(student)
    for rating in (3, 1, 4):
        post_rating(client, deck.id, open_study(client, deck.id), rating)

    span = first.revision.evidence[0].span
    return [
        ("home", "/"),
        ("articles", "/articles/"),
        ("reader with a highlight", f"/articles/{span.article.slug}?hl={span.start}-{span.end}"),
        ("quiz catalogue", "/quiz/"),
        *(
            (f"quiz question ({kind})", f"/quiz/attempts/{practice.id}/{position}")
            for kind, position in sorted(by_kind.items())
        ),
        (
            "quiz question, sent empty",
            f"/quiz/attempts/{practice.id}/{min(by_kind.values())}",
            submit("#answer-form button[type=submit]"),
        ),
        ("practice feedback", f"/quiz/attempts/{practice.id}/1/feedback"),
        ("results", f"/quiz/attempts/{finished.id}/results"),
        ("progress", "/progress/"),
        ("review decks", "/review/"),
        ("deck", f"/review/decks/{deck.id}"),
        ("flashcard", f"/review/decks/{deck.id}/study"),
        ("flashcard, answer shown", f"/review/decks/{deck.id}/study", show_answer),
        ("flashcard statistics", "/review/stats"),
        ("review settings", "/review/settings"),
        ("account", "/auth/account"),
        ("page not found", "/no-such-page"),
    ]


def class_pages(db, owner, student) -> tuple[list[tuple], list[tuple]]:
    """A class with the student in it, an assignment, and a flag on the owner's question: the teacher's class
    pages (dashboard, gradebook, assignment, item analysis, disputes) and the student's side of them."""
    question = write_question(db, owner, id="mikado-founder-assigned")
    question_set = make_set(db, owner, [question], title="Assigned reading")
    school_class = make_class(db, owner, student)
    assignment = make_assignment(db, school_class, question_set, owner)
    dispute = flagged(db, student, question)
    teaching = [
        ("classes", "/teach/classes"),
        ("class dashboard", f"/teach/classes/{school_class.id}"),
        ("class form", f"/teach/classes/{school_class.id}/edit"),
        ("gradebook", f"/teach/classes/{school_class.id}/grades"),
        ("assignment form", f"/teach/classes/{school_class.id}/assignments/new"),
        ("assignment", f"/teach/assignments/{assignment.id}"),
        ("item analysis", f"/teach/sets/{question_set.id}/analysis?assignment_id={assignment.id}"),
        ("disputes", "/teach/disputes"),
        ("dispute", f"/teach/disputes/{dispute.id}"),
    ]
    learning = [
        ("join a class", "/quiz/classes/join"),
        ("my classes", "/quiz/classes"),
        ("student's assignment", f"/quiz/assignments/{assignment.id}"),
        ("my flags", "/quiz/flags"),
    ]
    return teaching, learning


def teacher_pages(db, owner) -> list[tuple]:
    question = write_question(db, owner)
    question_set = make_set(db, owner, [question])
    return [
        ("teaching desk", "/teach/"),
        ("teacher set page", f"/teach/sets/{question_set.id}"),
        ("set form", f"/teach/sets/{question_set.id}/edit"),
        ("question type picker", "/teach/questions/new"),
        ("teacher editor (new)", f"/teach/questions/new?type=multiple_choice&set={question_set.id}"),
        (
            "teacher editor, saved with errors",
            f"/teach/questions/new?type=multiple_choice&set={question_set.id}",
            submit("main button.button[value=save]"),
        ),
        ("teacher editor (existing)", f"/teach/questions/{question.id}/edit"),
        ("teacher question page", f"/teach/questions/{question.id}"),
        ("question history", f"/teach/questions/{question.id}/history"),
        ("student preview", f"/teach/questions/{question.id}/preview"),
        ("teacher's questions", "/teach/questions"),
        ("drafts", "/teach/drafts"),
        ("generate", "/teach/generate"),
        ("import", "/teach/import"),
        ("export", "/teach/export"),
    ]


def audit_pages(page, server_url: str, pages: list[tuple], failures: list[str]) -> None:
    """Each (name, path[, action]): open the page, do the action if any (show an answer, send a form with
    errors), audit; every page's violations are collected, so one run reports them all."""
    for name, path, *action in pages:
        page.goto(server_url + path)
        for act in action:
            act(page)
        violations = audit(page)
        if violations:
            failures.append(describe(name, path, violations))


def database_unavailable_page(app) -> tuple:
    """The 503 page, from a route of the test's own that fails as an unreachable database does."""

    @app.get("/test-database-unavailable")
    def database_unavailable():
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    def shown(page) -> None:
        assert page.locator("h1").inner_text() == "Sourced is briefly unavailable"

    return ("database unavailable (503)", "/test-database-unavailable", shown)


def test_no_serious_or_critical_violations_on_the_main_pages(app, db, client, seeded, browser, server_url):
    outage = database_unavailable_page(app)  # before any request: Flask takes no routes after one
    student = UserFactory(email="sam@example.org", display_name="Sam Student")
    owner = teacher()
    visitor_pages = [
        ("log in", "/auth/login"),
        ("log in, sent empty", "/auth/login", submit("main button[type=submit]")),
        ("sign up", "/auth/signup"),
        ("sign up, sent empty", "/auth/signup", submit("main button[type=submit]")),
        ("review welcome", "/review/"),
        outage,
    ]
    class_teaching, class_learning = class_pages(db, owner, student)
    learner_pages = student_pages(client, db, student) + class_learning
    teaching_pages = teacher_pages(db, owner) + class_teaching
    failures: list[str] = []

    for email, pages in [
        (None, visitor_pages),
        (student.email, learner_pages),
        (owner.email, teaching_pages),
    ]:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
        page = context.new_page()
        if email:
            log_in(page, server_url, email)
        audit_pages(page, server_url, pages, failures)
        context.close()

    assert not failures, "axe found serious or critical violations:\n\n" + "\n\n".join(failures)


def test_the_csp_still_blocks_inline_scripts(app, browser, server_url):
    """Without `bypass_csp` the same injection is refused: the audit's bypass is the test's, not the app's."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(server_url + "/")
    with pytest.raises(PlaywrightError, match=r"violates the following Content Security Policy directive"):
        page.add_script_tag(path=str(AXE))
    assert page.evaluate("typeof window.axe") == "undefined"
    context.close()
