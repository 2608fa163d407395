"""Reader views: the list of articles and one article with highlighted spans."""

from flask import abort, render_template, request
from sqlalchemy import select
from sqlalchemy.orm import selectinload, undefer

from app.articles import bp
from app.articles.listing import article_listing
from app.extensions import db
from app.models import Article
from app.text.highlight import HighlightError, parse_highlights, segment_paragraphs


@bp.get("/")
def index():
    return render_template("articles/index.html", rows=article_listing(db.session))


@bp.get("/<slug>")
def read(slug: str):
    article = db.one_or_404(
        select(Article)
        .where(Article.slug == slug)
        .options(undefer(Article.clean_text), selectinload(Article.paragraphs))
    )
    highlights = []
    if "hl" in request.args:
        try:
            highlights = parse_highlights(request.args["hl"], len(article.clean_text))
        except HighlightError as error:
            abort(400, description=f"This link cannot highlight that passage: {error}.")
    segments = segment_paragraphs(article.clean_text, article.paragraphs, highlights)
    return render_template(
        "articles/reader.html",
        article=article,
        paragraphs=zip(article.paragraphs, segments, strict=True),
        highlighted=bool(highlights),
    )
