"""The article reader: the target of every source link."""

from flask import Blueprint

bp = Blueprint("articles", __name__, template_folder="templates")

from app.articles import cli, views  # noqa: E402,F401  (routes and commands register on bp)
