"""What a quiz page shows: a question as the learner sees it, and an answer's feedback with its sources."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from app.bank.types import BLANK, QUESTION_TYPES
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


def question_view(item: AttemptItem, total: int) -> QuestionView:
    revision = item.revision
    content = revision.content
    if revision.type == "true_false":
        choices = TRUE_FALSE_CHOICES
    elif revision.type in CHOICE_TYPES:
        choices = tuple(item.choice_order or content.choices)
    else:
        choices = ()
    parts = tuple(BLANK.split(content.prompt)) if revision.type == "cloze" else ()
    return QuestionView(
        position=item.position,
        total=total,
        type=revision.type,
        label=QUESTION_TYPES[revision.type].label,
        prompt=content.prompt,
        choices=choices,
        prompt_parts=parts,
        unit=content.unit,
    )


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
