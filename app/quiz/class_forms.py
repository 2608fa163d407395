"""Students' class forms: joining by code, starting an assignment."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length


def strip(value):
    return value.strip() if isinstance(value, str) else value


class JoinClassForm(FlaskForm):
    code = StringField(
        "Class code",
        filters=[strip],
        validators=[DataRequired("Enter the code your teacher gave you."), Length(max=40)],
        render_kw={
            "autocomplete": "off",
            "autocapitalize": "characters",
            "spellcheck": "false",
            "placeholder": "e.g. ABCDE-FGHJK",
        },
    )


class StartAssignmentForm(FlaskForm):
    """The start (or resume) button: nothing but its CSRF token."""
