"""Flashcards: decks from the bank, scheduled by FSRS, reviewed one card per page, with statistics."""

from flask import Blueprint

bp = Blueprint("review", __name__, template_folder="templates")

from app.review import studying, views  # noqa: E402,F401  (routes register on bp)
