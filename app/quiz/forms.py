"""Forms: starting a quiz, answering one question (a form per kind of input), flagging an answer."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    FieldList,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length

from app.models.attempts import MODES
from app.quiz.presenting import QuestionView
from app.quiz.selection import TOPICS

LENGTH_CHOICES = [
    SelectChoice("5", "5 questions"),
    SelectChoice("10", "10 questions"),
    SelectChoice("20", "20 questions"),
    SelectChoice("all", "All questions"),
]


TOPIC_CHOICES = [SelectChoice("", "Any topic"), *(SelectChoice(tag, name) for tag, name in TOPICS.items())]


class StartQuizForm(FlaskForm):
    source = SelectField("Questions from", validators=[InputRequired()])
    topic = SelectField("Topic", choices=TOPIC_CHOICES, default="")
    length = SelectField("Length", choices=LENGTH_CHOICES, default="10")
    mode = RadioField(
        "Mode",
        choices=[
            SelectChoice("practice", "Practice — see the answer and its source after each question"),
            SelectChoice("test", "Test — see everything at the end"),
        ],
        default="practice",
        validators=[AnyOf(MODES)],
    )


class AnswerForm(FlaskForm):
    """Common to every answer form: when the question was shown, to measure the time taken."""

    shown_at = HiddenField()


class ChoiceAnswerForm(AnswerForm):
    answer = RadioField("Your answer", validators=[InputRequired("Choose one of the answers.")])

    def response(self):
        return self.answer.data


class TextAnswerForm(AnswerForm):
    answer = StringField(
        "Your answer",
        validators=[
            DataRequired("Type your answer."),
            Length(max=300, message="Keep it under 300 characters."),
        ],
    )

    def response(self):
        return self.answer.data.strip()


class ClozeAnswerForm(AnswerForm):
    blanks = FieldList(
        StringField(validators=[DataRequired("Fill in this blank."), Length(max=200)]), min_entries=1
    )

    def response(self):
        return [entry.data.strip() for entry in self.blanks.entries]


def answer_form(question: QuestionView, formdata=None) -> AnswerForm:
    """The form for `question`'s kind of input, bound to `formdata` when given (a POST)."""
    kind = question.input_kind
    if kind == "choice":
        form = ChoiceAnswerForm(formdata=formdata)
        form.answer.choices = [SelectChoice(choice, choice) for choice in question.choices]
        return form
    if kind == "cloze":
        form = ClozeAnswerForm(formdata=formdata)
        while len(form.blanks.entries) < question.blank_count:
            form.blanks.append_entry()
        return form
    return TextAnswerForm(formdata=formdata)


class FlagForm(FlaskForm):
    """Flagging a graded answer as wrong per the source (the rules are in app.disputes.filing)."""

    comment = TextAreaField("What does the article say instead?", render_kw={"rows": 4, "maxlength": 2000})
