"""JSON shapes shared by several endpoints: articles cited, evidence, a question's front, a graded answer."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import url_for

from app.api.openapi import (
    BOOLEAN,
    INTEGER,
    STRING,
    URL,
    array,
    component,
    nullable,
    obj,
)
from app.articles.links import reader_url
from app.bank.types import QUESTION_TYPES
from app.models import Article, QuestionRevision, Response
from app.quiz.presenting import QuestionView, display_response
from app.text.sentences import sentence_around

ARTICLE_REF = component(
    "ArticleRef",
    obj(
        {
            "slug": STRING,
            "title": STRING,
            "publisher": nullable(STRING),
            "url": nullable({**STRING, "description": "the original article's address"}),
            "reader_url": {**URL, "description": "the article in Sourced's reader"},
            "api_url": URL,
        }
    ),
)
EVIDENCE = component(
    "Evidence",
    obj(
        {
            "article": ARTICLE_REF,
            "start": {**INTEGER, "description": "offset of the first cited character in the clean text"},
            "end": {**INTEGER, "description": "offset just after the last cited character"},
            "quote": {**STRING, "description": "the cited words: the clean text from start to end"},
            "sentence": obj(
                {"text": STRING, "start": INTEGER, "end": INTEGER},
                description="the whole sentence(s) around the cited words, with their offsets",
            ),
            "reader_url": {**URL, "description": "the reader scrolled to and highlighting the words (?hl=)"},
        }
    ),
)
QUESTION_FRONT = {
    "type": {"type": "string", "enum": sorted(QUESTION_TYPES)},
    "label": STRING,
    "prompt": STRING,
    "input": {
        "type": "string",
        "enum": ["choice", "cloze", "number", "text"],
        "description": "what an answer is: one of `choices`, a list of `blank_count` texts, a number, a text",
    },
    "choices": array(STRING),
    "prompt_parts": {**array(STRING), "description": "cloze: the prompt's text around its blanks"},
    "blank_count": INTEGER,
    "unit": nullable(STRING),
}
ANSWER_VALUE = {"type": ["string", "number", "boolean", "array"], "items": STRING}
RESULT = component(
    "Result",
    obj(
        {
            "correct": BOOLEAN,
            "score": {"type": "number", "minimum": 0, "maximum": 1},
            "feedback": STRING,
            "your_answer": STRING,
            "expected": {**STRING, "description": "the right answer, as the results page says it"},
            "explanation": STRING,
            "evidence": array(EVIDENCE),
        }
    ),
)


def iso(moment: datetime | None) -> str | None:
    """RFC 3339 in UTC (SQLite hands back naive datetimes that are UTC)."""
    if moment is None:
        return None
    return (moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)).isoformat()


def article_ref(article: Article) -> dict:
    return {
        "slug": article.slug,
        "title": article.title,
        "publisher": article.publisher,
        "url": article.url,
        "reader_url": reader_url(article.slug, external=True),
        "api_url": url_for("api.article", slug=article.slug, _external=True),
    }


def evidence_json(revision: QuestionRevision) -> list[dict]:
    """The revision's evidence spans (articles loaded with their clean text)."""
    shown = []
    for evidence in revision.evidence:
        span, article = evidence.span, evidence.span.article
        around = sentence_around(article.clean_text, span.range)
        shown.append(
            {
                "article": article_ref(article),
                "start": span.start,
                "end": span.end,
                "quote": span.quote,
                "sentence": {
                    "text": article.clean_text[around.start : around.end],
                    "start": around.start,
                    "end": around.end,
                },
                "reader_url": reader_url(article.slug, span.range, external=True),
            }
        )
    return shown


def front_json(view: QuestionView) -> dict:
    """A question as the learner sees it before answering: nothing here gives the answer away."""
    return {
        "type": view.type,
        "label": view.label,
        "prompt": view.prompt,
        "input": view.input_kind,
        "choices": list(view.choices),
        "prompt_parts": list(view.prompt_parts),
        "blank_count": view.blank_count,
        "unit": view.unit,
    }


def result_json(revision: QuestionRevision, response: Response) -> dict:
    """A graded answer as the results page shows it: yours, the right one, why, and where it is said."""
    content = revision.content
    return {
        "correct": response.correct,
        "score": response.score,
        "feedback": response.feedback,
        "your_answer": display_response(response.response),
        "expected": QUESTION_TYPES[revision.type].display_answer(content),
        "explanation": content.explanation,
        "evidence": evidence_json(revision),
    }
