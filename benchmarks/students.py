"""Simulated students for the load test and the fault tests: sign up, log in, take quizzes, review flashcards.

Each records in its `Ledger` what the server acknowledged (an answer or a rating answered with a redirect),
so the database can be checked afterwards: every acknowledged write stored exactly once. Some answers and
ratings are sent twice at once, from two "tabs", as a double click would.
"""

from __future__ import annotations

import http.client
import random
import re
import threading
import time
from dataclasses import dataclass, field

from benchmarks.browsing import Browser, Form, Reply, find_form, forms_in

PASSWORD = "four unrelated words, load test"
QUESTION_PATH = re.compile(r"^/quiz/attempts/(\d+)/(\d+)$")
RATE_PATH = re.compile(r"^/review/decks/\d+/cards/(\d+)/rate$")
NEXT_LINK = re.compile(r'id="next" href="([^"]+)"')
CONNECTION_ERRORS = (OSError, http.client.HTTPException)
END_EARLY_SHARE = 0.15  # quizzes ended with "End the quiz now" after two answers


class UnexpectedReplyError(Exception):
    """The server answered something a browser would not expect here (a 500, a missing form, …)."""


@dataclass
class Ledger:
    """What one student saw the server accept, and how every request went."""

    answers: set[tuple[int, int]] = field(default_factory=set)  # (attempt id, position)
    ratings: set[tuple[int, int]] = field(default_factory=set)  # (card id, version rated)
    double_answers: int = 0
    double_ratings: int = 0
    quizzes_finished: int = 0
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    interrupted: int = 0  # connections dropped before a reply: the outcome is unknown


class Student:
    def __init__(self, port: int, number: int, *, with_account: bool = True, double_every: int = 4) -> None:
        self.browser = Browser(port)
        self.email = f"student{number}-{random.getrandbits(32):08x}@load.example.org"
        self.with_account = with_account
        self.double_every = double_every
        self.random = random.Random(number)
        self.ledger = Ledger()
        self.stop_at = 0.0
        self._sent = 0
        self._lock = threading.Lock()

    # ── Running ─────────────────────────────────────────────────────────────────────────────────────────

    def run(self, stop_at: float) -> Ledger:
        """Study until `stop_at` (time.monotonic) or `stop()`: quizzes, and flashcards with an account."""
        self.stop_at = stop_at
        steps = [self.sign_up, self.log_out, self.log_in] if self.with_account else []
        while self.running():
            step = steps.pop(0) if steps else self.next_activity()
            try:
                step()
            except CONNECTION_ERRORS as error:
                self.ledger.interrupted += 1
                self.ledger.errors.append(f"connection lost: {type(error).__name__}")
            except UnexpectedReplyError as error:
                self.ledger.errors.append(str(error))
        return self.ledger

    def running(self) -> bool:
        return time.monotonic() < self.stop_at

    def stop(self) -> None:
        """Finish the request under way, then stop."""
        self.stop_at = 0.0

    def next_activity(self):
        if self.with_account and self.random.random() < 0.4:
            return self.review
        return self.take_quiz

    def send(self, method: str, path: str, form: dict | None = None, *, expect=(200, 302), tab=None) -> Reply:
        """One request from this student (from `tab`, a second Browser, if given), timed and checked."""
        reply = (tab or self.browser).request(method, path, form)
        with self._lock:
            self.ledger.latencies.append(reply.seconds)
        if reply.status not in expect:
            raise UnexpectedReplyError(f"{method} {path} → {reply.status}")
        return reply

    def form(self, reply: Reply, key: str, *, having: str | None = None) -> Form:
        form = find_form(reply.body, key, having=having)
        if form is None:
            raise UnexpectedReplyError(f"GET {reply.path}: no form {key!r}")
        return form

    def twice_at_once(self, path: str, data: dict) -> list[Reply]:
        """The same POST from two tabs at the same moment (a double click)."""
        tabs = [self.browser, self.browser.copy()]
        replies: list = [None, None]

        def post(index: int) -> None:
            try:
                replies[index] = self.send("POST", path, data, tab=tabs[index])
            except (UnexpectedReplyError, *CONNECTION_ERRORS) as error:
                replies[index] = error

        threads = [threading.Thread(target=post, args=(i,)) for i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for reply in replies:
            if isinstance(reply, Exception):
                raise reply
        tabs[0].cookies.update(tabs[1].cookies)
        return replies

    def post_once_or_twice(self, path: str, data: dict) -> tuple[Reply, bool]:
        self._sent += 1
        if self.double_every and self._sent % self.double_every == 0:
            replies = self.twice_at_once(path, data)
            return replies[0], True
        return self.send("POST", path, data), False

    # ── Accounts ────────────────────────────────────────────────────────────────────────────────────────

    def sign_up(self) -> None:
        form = self.form(self.send("GET", "/auth/signup"), "/auth/signup")
        data = {**form.values, "display_name": "Load Student", "email": self.email}
        reply = self.send("POST", "/auth/signup", data | {"password": PASSWORD, "confirm": PASSWORD})
        if not reply.redirected:
            raise UnexpectedReplyError("sign-up refused")

    def log_out(self) -> None:
        form = self.form(self.send("GET", "/"), "/auth/logout")
        self.send("POST", "/auth/logout", form.values, expect=(302,))

    def log_in(self) -> None:
        form = self.form(self.send("GET", "/auth/login"), "/auth/login")
        reply = self.send("POST", "/auth/login", {**form.values, "email": self.email, "password": PASSWORD})
        if not reply.redirected:
            raise UnexpectedReplyError("log-in refused")

    # ── Quizzes ─────────────────────────────────────────────────────────────────────────────────────────

    def take_quiz(self) -> None:
        """Start a five-question quiz, answer every question (following the feedback pages in practice
        mode) or, now and then, end it early after two; then open the results."""
        catalogue = self.send("GET", "/quiz/")
        start = self.form(catalogue, "/quiz/start")
        mode = self.random.choice(["practice", "test"])
        data = {**start.values, "source": "all", "topic": "", "length": "5", "mode": mode}
        path = self.send("POST", "/quiz/start", data, expect=(302,)).location
        end_early = self.random.random() < END_EARLY_SHARE
        answered = 0
        while path and not path.endswith("/results") and self.running():
            if end_early and answered == 2:
                path = self.end_quiz(path)
                break
            path = self.answer_question(path)
            answered += 1
        if path.endswith("/results"):
            self.send("GET", path, expect=(200,))
            self.ledger.quizzes_finished += 1

    def answer_question(self, path: str) -> str:
        """Answer the question at `path`; returns the path of what comes next."""
        match = QUESTION_PATH.match(path)
        if not match:
            raise UnexpectedReplyError(f"expected a question, was sent to {path}")
        page = self.send("GET", path)
        if page.redirected:  # already answered (a retry after a lost connection)
            return page.location
        data = self.answer_for(self.form(page, "answer-form"))
        reply, doubled = self.post_once_or_twice(path, data)
        if not reply.redirected:
            raise UnexpectedReplyError(f"POST {path}: answer not accepted ({reply.status})")
        self.ledger.answers.add((int(match.group(1)), int(match.group(2))))
        self.ledger.double_answers += doubled
        if reply.location.endswith("/feedback"):
            feedback = self.send("GET", reply.location, expect=(200,))
            link = NEXT_LINK.search(feedback.body)
            if not link:
                raise UnexpectedReplyError(f"GET {reply.location}: no next link")
            return link.group(1)
        return reply.location

    def end_quiz(self, path: str) -> str:
        """ "End the quiz now" from the question page at `path`; returns the results' path."""
        page = self.send("GET", path, expect=(200,))
        finish = next((f for f in forms_in(page.body) if f.action.endswith("/finish")), None)
        if finish is None:
            raise UnexpectedReplyError(f"GET {path}: no form to end the quiz")
        return self.send("POST", finish.action, finish.values, expect=(302,)).location

    def answer_for(self, form: Form) -> dict[str, str]:
        data = dict(form.values)
        for name, values in form.options.items():
            data[name] = self.random.choice(values)
        for name in form.text_boxes:
            data[name] = self.random.choice(["42", "Minsk", "Viktor Prokopenya", "2020"])
        return data

    # ── Flashcards ──────────────────────────────────────────────────────────────────────────────────────

    def review(self, cards: int = 6) -> None:
        """Make a deck from a random source and rate up to `cards` cards in it."""
        decks = self.send("GET", "/review/", expect=(200,))
        build = self.form(decks, "/review/decks", having="source")
        if not build.options.get("source"):
            raise UnexpectedReplyError("GET /review/: no sources to make a deck from")
        source = self.random.choice(build.options["source"])
        deck = self.send("POST", "/review/decks", {**build.values, "source": source}, expect=(302,))
        study = deck.location + "/study"
        for _ in range(cards):
            if not self.running():
                return
            page = self.send("GET", study, expect=(200,))
            rating = find_form(page.body, "rating-form")
            if rating is None:
                return  # done for today in this deck
            card = RATE_PATH.match(rating.action)
            if not card:
                raise UnexpectedReplyError(f"GET {study}: rating form posts to {rating.action}")
            data = {**rating.values, "rating": str(self.random.randint(1, 4))}
            reply, doubled = self.post_once_or_twice(rating.action, data)
            if not reply.redirected:
                raise UnexpectedReplyError(f"POST {rating.action}: rating not accepted ({reply.status})")
            self.ledger.ratings.add((int(card.group(1)), int(rating.values["version"])))
            self.ledger.double_ratings += doubled
