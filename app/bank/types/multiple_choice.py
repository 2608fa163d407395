"""The multiple choice type: the answer is one of 3 to 6 choices."""

from __future__ import annotations

from app.bank.exchange import Exchanged
from app.bank.types.base import QuestionType
from app.bank.types.checks import duplicate_problems, is_text, texts_problems
from app.grading import grade_choice


class MultipleChoice(QuestionType):
    name, label = "multiple_choice", "Multiple choice"
    fields = required = frozenset({"choices"})
    families = ("multichoice",)

    def check(self, content):
        if not is_text(content.answer):
            return [("answer", "answer must be the text of one of the choices")]
        problems = texts_problems(content.choices, "choices") or duplicate_problems(
            content.choices, "choices"
        )
        if not 3 <= len(content.choices) <= 6:
            problems.append(
                (
                    "choices",
                    f"give 3 to 6 choices (the answer and its distractors), not {len(content.choices)}",
                )
            )
        if content.answer not in content.choices:
            problems.append(("answer", f"answer “{content.answer}” is not among the choices"))
        return problems

    def give_aways(self, content):
        return []

    def grade(self, content, response):
        return grade_choice(str(response or ""), content.answer, content.choices)

    def exchange(self, content):
        return Exchanged("multichoice", answers=tuple(content.choices), correct=content.answer)

    def from_exchange(self, exchanged):
        return {"answer": exchanged.correct, "choices": list(exchanged.answers)}
