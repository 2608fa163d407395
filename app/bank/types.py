"""Question types: one class per type, registered by the `type` value stored in YAML and revisions.

Each type knows its own fields, how to check them, what gives its answer away, how to grade a response, and
how interchange formats (GIFT, Moodle XML) say it. A new type is a new class here, nothing else.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from typing import ClassVar

from app.bank.content import Content
from app.bank.exchange import Exchanged
from app.grading import (
    Grade,
    grade_choice,
    grade_cloze,
    grade_numeric,
    grade_person,
    grade_text,
    grade_true_false,
    normalise_answer,
    numbers_in,
)

BLANK = re.compile(r"_{3,}")
POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")
Problems = list[tuple[str, str]]  # (field, message)


def is_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def mentions(text: str, phrase: str) -> bool:
    """Whether `phrase` occurs in `text` as whole words, ignoring case, punctuation and accents."""
    needle = normalise_answer(POSSESSIVE.sub("", phrase))
    return bool(needle) and f" {needle} " in f" {normalise_answer(POSSESSIVE.sub('', text))} "


def texts_problems(values: tuple, field: str) -> Problems:
    if not all(is_text(v) for v in values):
        return [(field, f"{field} must be a list of non-empty texts")]
    return []


def duplicate_problems(values: tuple, field: str) -> Problems:
    seen: dict[str, str] = {}
    for value in values:
        norm = normalise_answer(value)
        if norm in seen:
            return [(field, f"duplicate {field[:-1]}: “{value}” repeats “{seen[norm]}”")]
        seen[norm] = value
    return []


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


def parse_tolerance(tolerance: float | str | None) -> tuple[float, bool]:
    """(amount, relative): `5` is ±5, `"5%"` is ±5% of the answer."""
    if tolerance is None:
        return 0.0, False
    if isinstance(tolerance, str):
        return float(tolerance.strip().rstrip("%")) / 100, True
    return float(tolerance), False


def looks_like_year(value: float, unit: str) -> bool:
    """Years print without thousands separators: 2022, not 2,022."""
    return isinstance(value, int) and (
        (unit.startswith("year") and value > 999) or (not unit and 1000 <= value <= 2999)
    )


class Numeric(QuestionType):
    name, label = "numeric", "Number"
    fields = frozenset({"tolerance", "unit"})
    families = ("numerical",)

    def check(self, content):
        problems: Problems = []
        if not is_number(content.answer):
            problems.append(("answer", "answer must be a number"))
        tolerance = content.tolerance
        if isinstance(tolerance, str) and not re.fullmatch(r"\s*\d+(\.\d+)?\s*%\s*", tolerance):
            problems.append(
                ("tolerance", f"tolerance must be a number or a percentage like 5%, not “{tolerance}”")
            )
        elif (
            tolerance is not None
            and not isinstance(tolerance, str)
            and (not is_number(tolerance) or tolerance < 0)
        ):
            problems.append(("tolerance", "tolerance must be zero or more"))
        if content.unit is not None and not is_text(content.unit):
            problems.append(("unit", "unit must be a short text such as “firms” or “%”"))
        return problems

    def check_evidence(self, content, evidence_text):
        if is_number(content.answer) and not any(
            abs(n.value - content.answer) < 1e-9 for n in numbers_in(evidence_text)
        ):
            return [("answer", f"the answer {content.answer:g} is not a number stated in the evidence")]
        return []

    def given_away(self, content):
        stated = is_number(content.answer) and any(
            abs(n.value - content.answer) < 1e-9 for n in numbers_in(content.prompt)
        )
        return f"{content.answer:g}" if stated else None

    def grade(self, content, response):
        amount, relative = parse_tolerance(content.tolerance)
        return grade_numeric(
            str(response or ""), float(content.answer), amount, relative=relative, unit=content.unit
        )

    def display_answer(self, content):
        unit = content.unit or ""
        if looks_like_year(content.answer, unit):
            return str(content.answer)
        number = f"{content.answer:,}" if isinstance(content.answer, int) else f"{content.answer:,g}"
        return number + unit if unit in ("", "%") else f"{number} {unit}"

    def exchange(self, content):
        amount, relative = parse_tolerance(content.tolerance)
        # The formats know only absolute tolerances: the exact one (a percentage, or none) rides along.
        extras = {} if content.tolerance is None else {"tolerance": content.tolerance}
        absolute = amount * abs(content.answer) if relative else amount
        return Exchanged(
            "numerical", correct=content.answer, tolerance=absolute, unit=content.unit, extras=extras
        )

    def from_exchange(self, exchanged):
        return {
            "answer": exchanged.correct,
            "tolerance": exchanged.tolerance or None,
            "unit": exchanged.unit or None,
        }


def unsupported_answers(blanks: list[list[str]], evidence_text: str) -> Problems:
    """Blanks none of whose accepted wordings occurs in the cited evidence."""
    return [
        ("answer", f"the answer “{blank[0]}” (or an accepted variant) does not occur in the cited evidence")
        for blank in blanks
        if not any(mentions(evidence_text, variant) for variant in blank)
    ]


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


QUESTION_TYPES: dict[str, QuestionType] = {
    kind.name: kind() for kind in (MultipleChoice, TrueFalse, Numeric, ShortAnswer, Cloze, WhoSaid)
}


def grade(content: Content, response) -> Grade:
    """Grade a response to a question of any registered type."""
    return QUESTION_TYPES[content.type].grade(content, response)
