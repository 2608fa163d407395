"""What a quiz page shows: a question as the learner sees it, and an answer's feedback with its sources."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from app.bank.types import QUESTION_TYPES
from app.bank.types.cloze import BLANK
from app.models import Article, AttemptItem, Response
from app.text.sentences import sentence_around

CHOICE_TYPES = {"multiple_choice", "who_said"}
TRUE_FALSE_CHOICES = ("True", "False")


@dataclass(frozen=True)
class QuestionView:
    position: int
    total: int
    type: str
    label: str
    prompt: str
    choices: tuple[str, ...]
    prompt_parts: tuple[str, ...]  # cloze: the prompt's text around its blanks
    unit: str | None

    @property
    def blank_count(self) -> int:
        return max(len(self.prompt_parts) - 1, 0)

    @property
    def input_kind(self) -> str:
        if self.choices:
            return "choice"
        return {"cloze": "cloze", "numeric": "number"}.get(self.type, "text")


@dataclass(frozen=True)
class QuestionText:
    """What a revision shows, the same in every attempt (revisions never change, so it can be kept)."""

    type: str
    label: str
    prompt: str
    choices: tuple[str, ...]  # in the bank's order; an attempt shows its own shuffle
    prompt_parts: tuple[str, ...]
    unit: str | None


def question_text(question_type: str, prompt: str, details: dict) -> QuestionText:
    """From a revision's columns (`details` holds its choices and unit)."""
    if question_type == "true_false":
        choices = TRUE_FALSE_CHOICES
    elif question_type in CHOICE_TYPES:
        choices = tuple(details.get("choices") or ())
    else:
        choices = ()
    return QuestionText(
        type=question_type,
        label=QUESTION_TYPES[question_type].label,
        prompt=prompt,
        choices=choices,
        prompt_parts=tuple(BLANK.split(prompt)) if question_type == "cloze" else (),
        unit=details.get("unit"),
    )


def placed_question(text: QuestionText, position: int, total: int, choice_order) -> QuestionView:
    """`text` as the `position`-th of `total` questions, its choices in the attempt's order if it has one."""
    choices = tuple(choice_order or text.choices) if text.type in CHOICE_TYPES else text.choices
    return QuestionView(
        position=position,
        total=total,
        type=text.type,
        label=text.label,
        prompt=text.prompt,
        choices=choices,
        prompt_parts=text.prompt_parts,
        unit=text.unit,
    )


def question_view(item: AttemptItem, total: int) -> QuestionView:
    revision = item.revision
    text = question_text(revision.type, revision.prompt, revision.details or {})
    return placed_question(text, item.position, total, item.choice_order)


@dataclass(frozen=True)
class EvidenceView:
    sentence: Markup  # the sentence(s) around the cited words, the words themselves in <mark>
    reader_link: str
    article_title: str
    publisher: str | None
    article_url: str | None


@dataclass(frozen=True)
class FeedbackView:
    question: QuestionView
    your_answer: str
    correct: bool
    score: float
    feedback: str
    expected: str
    explanation: str
    evidence: tuple[EvidenceView, ...]


def display_response(raw) -> str:
    if isinstance(raw, list):
        return " … ".join(str(part) for part in raw) or "—"
    return str(raw) if raw not in (None, "") else "—"


def evidence_views(item: AttemptItem, reader_url) -> tuple[EvidenceView, ...]:
    views = []
    for evidence in item.revision.evidence:
        span, article = evidence.span, evidence.span.article
        views.append(
            EvidenceView(
                sentence=marked_sentence(article, span.range),
                reader_link=reader_url(article.slug, span.range),
                article_title=article.title,
                publisher=article.publisher,
                article_url=article.url,
            )
        )
    return tuple(views)


def marked_sentence(article: Article, span) -> Markup:
    text = article.clean_text
    around = sentence_around(text, span)
    return Markup("{}<mark>{}</mark>{}").format(
        escape(text[around.start : span.start]),
        escape(span.text_of(text)),
        escape(text[span.end : around.end]),
    )


def feedback_view(item: AttemptItem, response: Response, total: int, reader_url) -> FeedbackView:
    kind = QUESTION_TYPES[item.revision.type]
    content = item.revision.content
    return FeedbackView(
        question=question_view(item, total),
        your_answer=display_response(response.response),
        correct=response.correct,
        score=response.score,
        feedback=response.feedback,
        expected=kind.display_answer(content),
        explanation=content.explanation,
        evidence=evidence_views(item, reader_url),
    )
