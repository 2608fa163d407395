"""Reading a JSON answer as the quiz's answer forms read a typed or chosen one (same rules, same limits)."""

from __future__ import annotations

from app.quiz.presenting import QuestionView

MAX_TEXT = 300  # as app.quiz.forms.TextAnswerForm
MAX_BLANK = 200  # as app.quiz.forms.ClozeAnswerForm


class AnswerError(ValueError):
    """The response cannot be an answer to this question; the message says what to send."""


def read_answer(question: QuestionView, response) -> str | list[str]:
    """The response as the quiz stores it (a choice, a text, or one text per blank), or AnswerError."""
    kind = question.input_kind
    if kind == "choice":
        return read_choice(question, response)
    if kind == "cloze":
        return read_blanks(question, response)
    if kind == "number" and isinstance(response, int | float) and not isinstance(response, bool):
        response = str(response)
    if not isinstance(response, str) or not response.strip():
        raise AnswerError("Type your answer (a non-empty text).")
    if len(response) > MAX_TEXT:
        raise AnswerError(f"Keep it under {MAX_TEXT} characters.")
    return response.strip()


def read_choice(question: QuestionView, response) -> str:
    if isinstance(response, bool) and question.type == "true_false":
        response = "True" if response else "False"
    if not isinstance(response, str) or response not in question.choices:
        raise AnswerError("Choose one of the answers: " + ", ".join(question.choices) + ".")
    return response


def read_blanks(question: QuestionView, response) -> list[str]:
    if isinstance(response, str) and question.blank_count == 1:
        response = [response]
    if not isinstance(response, list) or len(response) != question.blank_count:
        raise AnswerError(f"Send a list of {question.blank_count} texts, one per blank.")
    if not all(isinstance(blank, str) and blank.strip() for blank in response):
        raise AnswerError("Fill in every blank.")
    if any(len(blank) > MAX_BLANK for blank in response):
        raise AnswerError(f"Keep each blank under {MAX_BLANK} characters.")
    return [blank.strip() for blank in response]
