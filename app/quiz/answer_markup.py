"""A question's answer inputs as HTML; before any answer they are the same for everyone, so they are kept."""

from __future__ import annotations

from dataclasses import replace

from flask import current_app, get_template_attribute
from markupsafe import Markup

from app.caching import BoundedCache
from app.quiz.forms import AnswerForm, answer_form
from app.quiz.presenting import QuestionView

BLANK_FIELDS_KEPT = 8192  # a couple of kilobytes each: every wording in each of its choice orders


def answer_fields_markup(form: AnswerForm, question: QuestionView) -> Markup:
    """The inputs for `question` holding what `form` holds: what was typed, and the errors."""
    answer_fields = get_template_attribute("quiz/_answer_fields.html", "answer_fields")
    return answer_fields(form, question, keys_hint=True)


def blank_answer_fields_markup(question: QuestionView) -> Markup:
    """The inputs of an unanswered question: they depend only on its wording and choice order (the form
    field names are fixed, there is nothing typed and no error), so they are rendered once for each; except
    while templates reload on change (development), when an edit must show at once."""
    if current_app.jinja_env.auto_reload:
        return answer_fields_markup(answer_form(question), question)
    shown = replace(question, position=0, total=0)  # the inputs do not say where in the quiz they are
    kept: BoundedCache[Markup] = current_app.extensions["blank_answer_fields"]
    return kept.get(shown, lambda: answer_fields_markup(answer_form(question), question))


def blank_answer_fields() -> BoundedCache[Markup]:
    return BoundedCache(BLANK_FIELDS_KEPT)
