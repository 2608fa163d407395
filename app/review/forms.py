"""Forms: building a deck, its options, rating and undoing, and the learner's scheduling settings."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, FloatField, HiddenField, IntegerField, SelectField, StringField
from wtforms.validators import InputRequired, NumberRange, ValidationError

from app.review.scheduling import (
    MAX_RETENTION,
    MIN_RETENTION,
    RATINGS,
    SettingsError,
    parse_steps,
    retention_problem,
)

DAILY_LIMIT = NumberRange(0, 9999, message="Give a number from 0 to 9,999.")


class BuildDeckForm(FlaskForm):
    source = SelectField("Cards from", validators=[InputRequired()])


class DeckOptionsForm(FlaskForm):
    new_per_day = IntegerField("New cards a day", validators=[InputRequired("Give a number."), DAILY_LIMIT])
    reviews_per_day = IntegerField("Reviews a day", validators=[InputRequired("Give a number."), DAILY_LIMIT])
    typed_answers = BooleanField("Type my answers")


class RatingForm(FlaskForm):
    rating = IntegerField(
        validators=[InputRequired("Choose a rating."), NumberRange(min(RATINGS), max(RATINGS))]
    )
    version = IntegerField(validators=[InputRequired()])
    shown_at = HiddenField()


class ActionForm(FlaskForm):
    """A button that only needs its CSRF token (undo, delete)."""


def valid_retention(form, field) -> None:
    problem = retention_problem(field.data)
    if problem:
        raise ValidationError(problem)


def valid_steps(form, field) -> None:
    try:
        field.steps = parse_steps(field.data or "")
    except SettingsError as error:
        raise ValidationError(str(error)) from None


class SettingsForm(FlaskForm):
    desired_retention = FloatField(
        "Desired retention",
        validators=[
            InputRequired(f"Give a number from {MIN_RETENTION:.2f} to {MAX_RETENTION:.2f}."),
            valid_retention,
        ],
    )
    learning_steps = StringField("Learning steps", validators=[valid_steps])
    relearning_steps = StringField("Relearning steps", validators=[valid_steps])
    maximum_interval = IntegerField(
        "Maximum interval (days)",
        validators=[InputRequired("Give a number of days."), NumberRange(1, 36500, "Give 1 to 36,500 days.")],
    )
