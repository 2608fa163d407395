"""What a flashcard shows: the front (cloze as a cloze), the back with its sources, and the rating buttons.

The evidence (sentence with the cited words marked, reader link, original address) and the typed-answer inputs
come from the quiz's presenters, so a card cites its sources exactly as a quiz answer does.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from app.bank.types import QUESTION_TYPES
from app.bank.types.cloze import BLANK, Cloze
from app.grading import Grade
from app.models import QuestionRevision, ReviewCard
from app.models.reviews import STATE_NAMES
from app.quiz.presenting import CHOICE_TYPES, EvidenceView, QuestionView, evidence_views, question_view
from app.review.scheduling import AGAIN, GOOD, HARD, RATING_NAMES, Outcome, format_interval


@dataclass(frozen=True)
class CardItem:
    """A card's current wording in the shape the quiz's presenters read (revision, choice order, position)."""

    revision: QuestionRevision
    choice_order: list[str]
    position: int = 1


def card_item(card: ReviewCard, revision: QuestionRevision) -> CardItem:
    """Choices shuffled once per card (the bank lists the answer first), the same on every showing."""
    choices = list(revision.content.choices) if revision.type in CHOICE_TYPES else []
    random.Random(card.id).shuffle(choices)
    return CardItem(revision=revision, choice_order=choices)


@dataclass(frozen=True)
class RatingButton:
    rating: int
    name: str
    interval: str  # what the scheduler would give: "<1m", "10m", "4d"
    suggested: bool = False

    @property
    def key(self) -> str:
        return str(self.rating)


@dataclass(frozen=True)
class CardView:
    card_id: int
    version: int
    state: str  # New, Learning, Review, Relearning
    type: str
    label: str
    prompt: str
    prompt_parts: tuple[str, ...]  # cloze: the text around the blanks
    blank_answers: tuple[str, ...]  # cloze: what goes in each blank
    expected: str
    explanation: str
    evidence: tuple[EvidenceView, ...]
    question: QuestionView  # for the typed-answer inputs

    @property
    def is_cloze(self) -> bool:
        return bool(self.prompt_parts)


def card_view(card: ReviewCard, revision: QuestionRevision, reader_url) -> CardView:
    content = revision.content
    kind = QUESTION_TYPES[revision.type]
    cloze = revision.type == Cloze.name
    item = card_item(card, revision)
    return CardView(
        card_id=card.id,
        version=card.version,
        state=STATE_NAMES[card.state],
        type=revision.type,
        label=kind.label,
        prompt=content.prompt,
        prompt_parts=tuple(BLANK.split(content.prompt)) if cloze else (),
        blank_answers=tuple(Cloze.answers(content)) if cloze else (),
        expected=kind.display_answer(content),
        explanation=content.explanation,
        evidence=evidence_views(item, reader_url),
        question=question_view(item, total=1),
    )


def suggested_rating(grade: Grade) -> int:
    """A typed answer's suggestion: right is Good, partly right (some blanks) Hard, wrong Again."""
    if grade.correct:
        return GOOD
    return HARD if grade.score > 0 else AGAIN


def grade_typed(revision: QuestionRevision, response) -> Grade:
    return QUESTION_TYPES[revision.type].grade(revision.content, response)


def rating_buttons(outcomes: dict[int, Outcome], suggested: int | None = None) -> list[RatingButton]:
    return [
        RatingButton(rating, RATING_NAMES[rating], format_interval(outcome.interval), rating == suggested)
        for rating, outcome in outcomes.items()
    ]


def when_due(moment: datetime | None, now: datetime) -> str | None:
    """ "in 8 minutes", "in 3 hours", "tomorrow", "in 5 days" — for the done screen."""
    if moment is None:
        return None
    seconds = (moment - now).total_seconds()
    if seconds <= 60:
        return "in a minute"
    if seconds < 3600:
        return f"in {round(seconds / 60)} minutes"
    if seconds < 86400 and moment.date() == now.date():
        hours = round(seconds / 3600)
        return f"in {hours} hour{'s' if hours != 1 else ''}"
    days = (moment.date() - now.date()).days
    return "tomorrow" if days == 1 else f"in {days} days"
