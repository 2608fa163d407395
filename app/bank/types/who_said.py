"""The who-said-it type: the speaker of a quotation, named as the article introduces them."""

from __future__ import annotations

from app.bank.exchange import Exchanged
from app.bank.types.base import QuestionType
from app.bank.types.checks import Problems, duplicate_problems, is_text, mentions, texts_problems
from app.grading import grade_person


class WhoSaid(QuestionType):
    """The prompt quotes words; the answer is the speaker's full name as the article introduces them."""

    name, label = "who_said", "Who said it?"
    fields = frozenset({"accepted_answers", "choices", "role"})
    required = frozenset({"role"})
    families = ("multichoice", "shortanswer")

    def check(self, content):
        problems: Problems = []
        if not is_text(content.answer):
            problems.append(("answer", "answer must be the speaker's full name"))
        if not is_text(content.role):
            problems.append(("role", "role must give the speaker's role as the article states it"))
        problems += texts_problems(content.accepted_answers, "accepted_answers")
        if content.choices:
            problems += texts_problems(content.choices, "choices") or duplicate_problems(
                content.choices, "choices"
            )
            if content.answer not in content.choices:
                problems.append(("answer", f"answer “{content.answer}” is not among the choices"))
        return problems

    def check_evidence(self, content, evidence_text):
        if is_text(content.answer) and not mentions(evidence_text, content.answer):
            return [
                (
                    "evidence",
                    f"the speaker “{content.answer}” is not named in the cited evidence: "
                    "cite the sentence that introduces them as well as the quote",
                )
            ]
        return []

    def grade(self, content, response):
        return grade_person(str(response or ""), content.answer, content.accepted_answers)

    def display_answer(self, content):
        return f"{content.answer}, {content.role}" if content.role else str(content.answer)

    def exchange(self, content):
        """With choices, a multiple choice question; without, a short answer; the role rides along."""
        extras = {"role": content.role}
        if content.choices:
            if content.accepted_answers:
                extras["accepted_answers"] = list(content.accepted_answers)
            return Exchanged(
                "multichoice", answers=tuple(content.choices), correct=content.answer, extras=extras
            )
        return Exchanged("shortanswer", answers=(content.answer, *content.accepted_answers), extras=extras)

    def from_exchange(self, exchanged):
        if exchanged.family == "multichoice":
            return {"answer": exchanged.correct, "choices": list(exchanged.answers)}
        return {"answer": exchanged.answers[0], "accepted_answers": list(exchanged.answers[1:])}
