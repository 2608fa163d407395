"""The true-or-false type: the answer is a boolean."""

from __future__ import annotations

from app.bank.exchange import Exchanged
from app.bank.types.base import QuestionType
from app.grading import grade_true_false


class TrueFalse(QuestionType):
    name, label = "true_false", "True or false"
    families = ("truefalse",)

    def check(self, content):
        if not isinstance(content.answer, bool):
            return [("answer", "answer must be true or false")]
        return []

    def grade(self, content, response):
        return grade_true_false(response, content.answer)

    def display_answer(self, content):
        return "True" if content.answer else "False"

    def exchange(self, content):
        return Exchanged("truefalse", correct=content.answer)

    def from_exchange(self, exchanged):
        return {"answer": bool(exchanged.correct)}
