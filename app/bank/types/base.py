"""The interface every question type implements; a check or give-away a type does not override is empty."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

from app.bank.content import Content
from app.bank.exchange import Exchanged
from app.bank.types.checks import Problems, is_text, mentions
from app.grading import Grade, normalise_answer


class QuestionType(ABC):
    name: ClassVar[str]
    label: ClassVar[str]
    fields: ClassVar[frozenset[str]] = frozenset()  # type-specific fields it allows
    required: ClassVar[frozenset[str]] = frozenset()
    families: ClassVar[
        tuple[str, ...]
    ]  # the interchange families (see app.bank.exchange) it can be read from

    def check(self, content: Content) -> Problems:
        """Problems with the answer and type-specific fields, independent of any article."""
        return []

    def check_evidence(self, content: Content, evidence_text: str) -> Problems:
        """Problems visible only against the cited words (all evidence spans joined)."""
        return []

    def give_aways(self, content: Content) -> list[str]:
        """Answers that must not appear in the prompt."""
        return [content.answer, *content.accepted_answers] if isinstance(content.answer, str) else []

    def given_away(self, content: Content) -> str | None:
        """The answer (or variant) that the prompt itself states, if any."""
        for answer in self.give_aways(content):
            if is_text(answer) and len(normalise_answer(answer)) >= 3 and mentions(content.prompt, answer):
                return answer
        return None

    @abstractmethod
    def grade(self, content: Content, response) -> Grade:
        """Correctness, score and feedback for a student's response."""

    def display_answer(self, content: Content) -> str:
        return str(content.answer)

    @abstractmethod
    def exchange(self, content: Content) -> Exchanged | None:
        """The question as interchange formats say it, or None when they cannot."""

    @abstractmethod
    def from_exchange(self, exchanged: Exchanged) -> dict:
        """The answer fields (as in a bank file) of a question read from an interchange format."""
