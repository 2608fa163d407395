"""Teachers' forms for classes and assignments (the rules are checked in app.classroom, beside the fields)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC

from flask_wtf import FlaskForm
from wtforms import (
    DateTimeLocalField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import AnyOf, DataRequired, Length, Optional

from app.classroom.assignments import MAX_ATTEMPTS, MAX_TITLE, AssignmentSettings
from app.classroom.classes import MAX_DESCRIPTION, MAX_NAME, ClassroomError
from app.extensions import db
from app.teach.forms import strip

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"  # what a datetime-local input sends


@contextmanager
def problems_beside_fields(form: FlaskForm) -> Iterator[None]:
    """Wraps a classroom change: on a ClassroomError, roll back and show each problem beside its field."""
    try:
        yield
    except ClassroomError as error:
        db.session.rollback()
        for name, message in error.problems.items():
            form[name].errors = [*form[name].errors, message]


class ClassForm(FlaskForm):
    name = StringField(
        "Class name",
        filters=[strip],
        validators=[DataRequired("Give the class a name."), Length(max=MAX_NAME)],
        render_kw={"autocomplete": "off"},
    )
    description = TextAreaField(
        "Description", filters=[strip], validators=[Length(max=MAX_DESCRIPTION)], render_kw={"rows": 3}
    )


def utc_datetime_field(label: str) -> DateTimeLocalField:
    return DateTimeLocalField(
        label,
        format=[DATETIME_FORMAT, "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"],
        tz=UTC,
        validators=[Optional()],
        invalid_value_message="Enter a date and time, e.g. 2025-03-14 09:00.",
    )


class AssignmentForm(FlaskForm):
    set_id = SelectField("Question set", coerce=int, validate_choice=False)
    title = StringField(
        "Title", filters=[strip], validators=[Length(max=MAX_TITLE)], render_kw={"autocomplete": "off"}
    )
    mode = RadioField(
        "Mode",
        choices=[
            SelectChoice("practice", "Practice — the answer and its source after each question"),
            SelectChoice("test", "Test — everything at the end"),
        ],
        default="test",
        validators=[AnyOf(("practice", "test"), message="Choose practice or test.")],
    )
    opens_at = utc_datetime_field("Opens (UTC)")
    due_at = utc_datetime_field("Due (UTC)")
    # The range is checked with the other rules (app.classroom.assignments), so every problem shows at once.
    attempts_allowed = IntegerField(
        "Attempts allowed",
        default=1,
        validators=[Optional()],
        render_kw={"min": 1, "max": MAX_ATTEMPTS, "inputmode": "numeric"},
    )
    answers_shown = RadioField(
        "Students see the right answers and sources",
        choices=[
            SelectChoice("immediately", "As soon as they answer (practice) or finish (test)"),
            SelectChoice("after_due", "Only after the due date — until then, just their score"),
        ],
        default="immediately",
        validators=[AnyOf(("immediately", "after_due"), message="Choose when students see the answers.")],
    )

    def settings(self) -> AssignmentSettings:
        return AssignmentSettings(
            set_id=self.set_id.data,
            title=self.title.data or "",
            mode=self.mode.data,
            opens_at=self.opens_at.data,
            due_at=self.due_at.data,
            attempts_allowed=self.attempts_allowed.data,
            answers_shown=self.answers_shown.data,
        )


class JoiningForm(FlaskForm):
    """Turn joining by code on or off."""

    enabled = HiddenField(validators=[AnyOf(("on", "off"))])
