"""Articles: the list, and one article's clean text with its paragraphs' offsets and source metadata."""

from __future__ import annotations

from flask import jsonify, url_for
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload, undefer

from app.api.errors import not_found
from app.api.openapi import INTEGER, STRING, URL, array, component, nullable, obj
from app.api.pagination import LINK_HEADER, PAGE_QUERY, Page, page_response, page_schema
from app.api.presenting import iso
from app.api.routing import operation
from app.articles.links import reader_url
from app.articles.listing import approved_question_count
from app.extensions import db
from app.ingest.slugs import SLUG
from app.models import Article, Paragraph

SLUG_PARAM = {"type": "string", "pattern": SLUG.pattern, "maxLength": 120}
SOURCE_FIELDS = {
    "slug": STRING,
    "title": STRING,
    "publisher": nullable(STRING),
    "author": nullable(STRING),
    "author_url": nullable(STRING),
    "url": nullable({**STRING, "description": "the original article's address"}),
    "published": nullable({**STRING, "description": "a partial ISO date: 2020, 2020-09 or 2020-09-14"}),
    "reader_url": URL,
    "api_url": URL,
}
ARTICLE_SUMMARY = component(
    "ArticleSummary",
    obj({**SOURCE_FIELDS, "paragraph_count": INTEGER, "question_count": INTEGER}),
)
PARAGRAPH = component(
    "Paragraph",
    obj(
        {
            "position": INTEGER,
            "anchor": {**STRING, "description": "the reader's fragment for it: p-3"},
            "start": INTEGER,
            "end": INTEGER,
            "kind": STRING,
        },
        description="Characters start..end (exclusive) of the article's `text`.",
    ),
)
ARTICLE = component(
    "Article",
    obj(
        {
            **SOURCE_FIELDS,
            "text": {**STRING, "description": "the clean text every offset points into"},
            "paragraphs": array(PARAGRAPH),
            "updated_at": {"type": "string", "format": "date-time"},
        }
    ),
)


def source_json(article: Article) -> dict:
    return {
        "slug": article.slug,
        "title": article.title,
        "publisher": article.publisher,
        "author": article.author,
        "author_url": article.author_url,
        "url": article.url,
        "published": article.published,
        "reader_url": reader_url(article.slug, external=True),
        "api_url": url_for("api.article", slug=article.slug, _external=True),
    }


@operation(
    "GET",
    "/articles",
    summary="List the articles, newest first, with how many approved questions cite each",
    tag="articles",
    scope="read",
    query=PAGE_QUERY,
    responses={200: ("A page of articles.", page_schema(ARTICLE_SUMMARY))},
    headers={200: LINK_HEADER},
)
def articles(page: int, per_page: int):
    paging = Page(page, per_page)
    paragraphs = select(func.count(Paragraph.id)).where(Paragraph.article_id == Article.id).scalar_subquery()
    rows = db.session.execute(
        select(Article, paragraphs, approved_question_count())
        .order_by(Article.published.desc(), Article.title, Article.id)
        .limit(paging.per_page)
        .offset(paging.offset)
    ).all()
    total = db.session.scalar(select(func.count(Article.id)))
    items = [
        {**source_json(article), "paragraph_count": paragraph_count, "question_count": question_count}
        for article, paragraph_count, question_count in rows
    ]
    return page_response(items, total, paging)


@operation(
    "GET",
    "/articles/{slug}",
    summary="One article: clean text, paragraphs with offsets, source metadata",
    tag="articles",
    scope="read",
    path_params={"slug": SLUG_PARAM},
    responses={200: ("The article.", ARTICLE)},
)
def article(slug: str):
    found = SLUG.match(slug) and db.session.scalar(
        select(Article)
        .where(Article.slug == slug)
        .options(undefer(Article.clean_text), selectinload(Article.paragraphs))
    )
    if not found:
        raise not_found("There is no article with this slug.")
    return jsonify(
        {
            **source_json(found),
            "text": found.clean_text,
            "paragraphs": [
                {"position": p.position, "anchor": p.anchor, "start": p.start, "end": p.end, "kind": p.kind}
                for p in found.paragraphs
            ],
            "updated_at": iso(found.updated_at),
        }
    )
