"""Teachers' forms: sets, the question editor, co-owners, import and export (Flask-WTF: CSRF on every POST).

The editor's fields only carry what was typed; the rules are the bank validator's (see editor.py).
"""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    EmailField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.formats.registry import EXPORT_FORMATS, FORMATS, IMPORT_FORMATS
from app.models.questions import DIFFICULTIES
from app.quiz.selection import TOPICS
from app.teach.editor import CHOICE_SLOTS

VISIBILITY_CHOICES = [
    SelectChoice("private", "Private — only you and your co-owners"),
    SelectChoice("classes", "My classes — the students in your classes (and your co-owners' classes)"),
    SelectChoice("public", "Public — everyone, in the quiz catalogue"),
]
STATUS_CHOICES = [
    SelectChoice("draft", "Draft — only teachers see it"),
    SelectChoice("approved", "Approved — students can be asked it (needs verified evidence)"),
    SelectChoice("retired", "Retired — kept with its history, asked no more"),
]
MAX_EVIDENCE = 10


def strip(value):
    return value.strip() if isinstance(value, str) else value


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class SetForm(FlaskForm):
    title = StringField(
        "Title", filters=[strip], validators=[DataRequired("Give the set a title."), Length(max=200)]
    )
    description = TextAreaField(
        "Description", filters=[strip], validators=[Length(max=2000)], render_kw={"rows": 3}
    )
    visibility = RadioField("Who can take it", choices=VISIBILITY_CHOICES, default="private")
    articles = MultiCheckboxField("Articles", coerce=int)


class EvidenceEntryForm(Form):
    """One piece of evidence: picked in the article (offsets filled by the picker) or pasted words."""

    article = SelectField("Article", validate_choice=False)
    quote = TextAreaField("Words from the article", render_kw={"rows": 3})
    start = HiddenField()
    end = HiddenField()
    occurrence = StringField("Which occurrence", render_kw={"inputmode": "numeric", "size": 3})


class QuestionForm(FlaskForm):
    prompt = TextAreaField("Question", render_kw={"rows": 3})
    # Per type (see editor.TYPE_EDITORS): only the current type's fields are shown.
    answer = StringField("Answer")
    truth = RadioField(
        "The statement is",
        choices=[SelectChoice("true", "True"), SelectChoice("false", "False")],
        validate_choice=False,
    )
    choices = FieldList(StringField("Choice"), min_entries=CHOICE_SLOTS, max_entries=CHOICE_SLOTS)
    correct = RadioField(
        "Right answer",
        choices=[SelectChoice(str(i), f"Choice {i + 1}") for i in range(CHOICE_SLOTS)],
        validate_choice=False,
    )
    distractors = TextAreaField(
        "Other speakers to choose from (optional, one per line)", render_kw={"rows": 3}
    )
    accepted_answers = TextAreaField("Other accepted answers (one per line)", render_kw={"rows": 2})
    blank_answers = TextAreaField("Answers, one line per blank", render_kw={"rows": 2})
    variants = TextAreaField("Other accepted wordings, one line per blank", render_kw={"rows": 2})
    tolerance = StringField("Tolerance", render_kw={"placeholder": "0, 5 or 5%"})
    unit = StringField("Unit", render_kw={"placeholder": "e.g. firms, %, years"})
    role = StringField("Speaker's role, as the article gives it")
    explanation = TextAreaField("Explanation", render_kw={"rows": 2})
    evidence = FieldList(FormField(EvidenceEntryForm), min_entries=1, max_entries=MAX_EVIDENCE)
    topics = MultiCheckboxField(
        "Topics", choices=[SelectChoice(tag, name) for tag, name in TOPICS.items()], validate_choice=False
    )
    other_tags = StringField(
        "Other tags", render_kw={"placeholder": "comma separated, e.g. belarus, sanctions"}
    )
    difficulty = SelectField(
        "Difficulty", choices=[SelectChoice(d, d.capitalize()) for d in DIFFICULTIES], default="medium"
    )
    status = RadioField("Status", choices=STATUS_CHOICES, default="draft")
    panel_article = SelectField("Article shown", validate_choice=False)


class CoOwnerForm(FlaskForm):
    email = EmailField(
        "Teacher's email",
        filters=[strip],
        validators=[DataRequired("Enter a teacher's email."), Length(max=254)],
    )


class MoveForm(FlaskForm):
    direction = HiddenField(validators=[DataRequired()])


class ConfirmForm(FlaskForm):
    """A POST button with nothing but its CSRF token."""


class DuplicateQuestionForm(FlaskForm):
    set_id = IntegerField(validators=[Optional()])


class AddQuestionsForm(FlaskForm):
    question_ids = SelectMultipleField(coerce=int, validate_choice=False)


class ImportForm(FlaskForm):
    file = FileField("File", validators=[FileRequired("Choose a file to import.")])
    format = SelectField(
        "Format", choices=[SelectChoice(name, FORMATS[name].label) for name in IMPORT_FORMATS]
    )
    target = SelectField("Put the questions in", validate_choice=False)
    new_set_title = StringField("New set's title", filters=[strip], validators=[Length(max=200)])


class ConfirmImportForm(FlaskForm):
    content = TextAreaField()
    format = HiddenField()
    filename = HiddenField()
    target = HiddenField()
    new_set_title = HiddenField()
    skip_unsupported = BooleanField("Import the rest, skipping the items Sourced cannot take")


class ExportForm(FlaskForm):
    class Meta:
        csrf = False  # a GET download of the teacher's own questions

    format = SelectField(
        "Format", choices=[SelectChoice(name, FORMATS[name].label) for name in EXPORT_FORMATS]
    )
    scope = SelectField("Questions", validate_choice=False)


class GenerateForm(FlaskForm):
    """An article pasted or uploaded, previewed, then turned into draft questions."""

    text = TextAreaField("Paste the article", validators=[Optional(), Length(max=200_000)])
    file = FileField("…or upload a .txt or .html file")
    title = StringField("Title", validators=[Optional(), Length(max=500)])
    url = StringField("Original address (URL)", validators=[Optional(), Length(max=1000)])
    publisher = StringField("Publisher", validators=[Optional(), Length(max=200)])
    published = StringField("Published", validators=[Optional(), Length(max=10)])
    raw = HiddenField()
    source_name = HiddenField()


class ResolveDisputeForm(FlaskForm):
    """Resolving a student's flag (the rules are in app.disputes.resolving)."""

    outcome = RadioField(
        "Outcome",
        choices=[
            SelectChoice("edited", "Edited — the question was wrong and now says what the article says"),
            SelectChoice("retired", "Retired — the question is asked no more"),
            SelectChoice("kept", "Kept — the answer stands, and the note says why"),
        ],
        validators=[InputRequired("Choose how to resolve this flag.")],
    )
    note = TextAreaField("Note to the student", render_kw={"rows": 4, "maxlength": 2000})
    include_others = BooleanField("Resolve the other open flags on this question the same way", default=True)
