"""The cloze type: a sentence with blanks written as ___, and an answer (with variants) per blank."""

from __future__ import annotations

import re

from app.bank.content import Content
from app.bank.exchange import Exchanged
from app.bank.types.base import QuestionType
from app.bank.types.checks import is_text, unsupported_answers
from app.grading import grade_cloze

BLANK = re.compile(r"_{3,}")


class Cloze(QuestionType):
    """A sentence with blanks (`___`); `answer` lists one answer per blank."""

    name, label = "cloze", "Fill in the blanks"
    fields = frozenset({"accepted_answers"})
    families = ("cloze",)

    @staticmethod
    def blank_count(content: Content) -> int:
        return len(BLANK.findall(content.prompt))

    @staticmethod
    def answers(content: Content) -> tuple:
        return (content.answer,) if isinstance(content.answer, str) else tuple(content.answer or ())

    def blanks(self, content: Content) -> list[list[str]]:
        """Per blank: the answer first, then its accepted variants."""
        answers = self.answers(content)
        variants = content.accepted_answers
        if len(answers) == 1 and variants and all(isinstance(v, str) for v in variants):
            variants = (variants,)
        return [[answer, *(variants[i] if i < len(variants) else ())] for i, answer in enumerate(answers)]

    def check(self, content):
        count, answers = self.blank_count(content), self.answers(content)
        if count == 0:
            return [("prompt", "a cloze prompt needs at least one blank written as ___")]
        if not answers or not all(is_text(a) for a in answers):
            return [("answer", "answer must be a text, or a list of texts with one per blank")]
        if len(answers) != count:
            return [("answer", f"the prompt has {count} blank(s) but the answer gives {len(answers)}")]
        variants = content.accepted_answers
        per_blank = variants and not all(isinstance(v, str) for v in variants)
        if per_blank and (
            len(variants) != count
            or not all(isinstance(v, tuple) and all(is_text(x) for x in v) for v in variants)
        ):
            return [("accepted_answers", "accepted_answers must be a list of variant lists, one per blank")]
        return []

    def check_evidence(self, content, evidence_text):
        return unsupported_answers(self.blanks(content), evidence_text)

    def give_aways(self, content):
        return [variant for blank in self.blanks(content) for variant in blank]

    def grade(self, content, response):
        responses = [response] if isinstance(response, str) else list(response or [])
        return grade_cloze(responses, self.blanks(content))

    def display_answer(self, content):
        return " … ".join(self.answers(content))

    def exchange(self, content):
        return Exchanged("cloze", blanks=tuple(tuple(blank) for blank in self.blanks(content)))

    def from_exchange(self, exchanged):
        """One blank reads back as a text answer with a flat list of variants, as the bank writes it."""
        blanks = exchanged.blanks
        if len(blanks) == 1:
            return {"answer": blanks[0][0], "accepted_answers": list(blanks[0][1:])}
        variants = [list(blank[1:]) for blank in blanks]
        return {
            "answer": [blank[0] for blank in blanks],
            "accepted_answers": variants if any(variants) else [],
        }
