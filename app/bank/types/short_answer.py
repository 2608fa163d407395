"""The short answer type: a text answer and its accepted variants, one of which the evidence states."""

from __future__ import annotations

from app.bank.exchange import Exchanged
from app.bank.types.base import QuestionType
from app.bank.types.checks import is_text, texts_problems, unsupported_answers
from app.grading import grade_text


class ShortAnswer(QuestionType):
    name, label = "short_answer", "Short answer"
    fields = frozenset({"accepted_answers"})
    families = ("shortanswer",)

    def check(self, content):
        if not is_text(content.answer):
            return [("answer", "answer must be a non-empty text")]
        return texts_problems(content.accepted_answers, "accepted_answers")

    def check_evidence(self, content, evidence_text):
        return unsupported_answers([[content.answer, *content.accepted_answers]], evidence_text)

    def grade(self, content, response):
        return grade_text(str(response or ""), content.answer, content.accepted_answers)

    def exchange(self, content):
        return Exchanged("shortanswer", answers=(content.answer, *content.accepted_answers))

    def from_exchange(self, exchanged):
        return {"answer": exchanged.answers[0], "accepted_answers": list(exchanged.answers[1:])}
