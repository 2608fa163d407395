"""`flask review …`: fit a learner's FSRS parameters to their reviews."""

from __future__ import annotations

from datetime import UTC, datetime

import click
from flask.cli import AppGroup

from app.auth.accounts import user_with_email
from app.extensions import db
from app.models.users import normalise_email
from app.review.fitting import FittingError, fit_parameters, store_parameters

review_cli = AppGroup("review", help="Flashcard scheduling: fit FSRS parameters to a learner's reviews.")


@review_cli.command("optimize")
@click.argument("email")
@click.option("--reset", is_flag=True, help="Forget fitted parameters and go back to FSRS's defaults.")
def optimize_command(email: str, reset: bool) -> None:
    """Fit FSRS parameters to EMAIL's review log (needs the `optimizer` extra) and use them from now on."""
    user = user_with_email(normalise_email(email))
    if user is None:
        raise click.ClickException(f"no user with email {normalise_email(email)}")
    now = datetime.now(UTC)
    if reset:
        store_parameters(db.session, user.id, None, now)
        db.session.commit()
        click.echo(f"{user.email} is back on FSRS's default parameters.")
        return
    try:
        fit = fit_parameters(db.session, user.id)
    except FittingError as error:
        raise click.ClickException(str(error)) from None
    store_parameters(db.session, user.id, fit, now)
    db.session.commit()
    click.echo(
        f"Fitted FSRS parameters for {user.email} to {fit.reviews:,} reviews of {fit.cards:,} cards "
        f"({fit.spaced_reviews:,} spaced a day or more); they schedule every rating from now on."
    )
    click.echo("parameters: " + ", ".join(f"{p:.4f}" for p in fit.parameters))
