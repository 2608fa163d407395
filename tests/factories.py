"""factory_boy factories for models; articles go through the real ingestion so offsets are consistent."""

import factory

from app.extensions import db
from app.ingest.metadata import ArticleMeta
from app.ingest.reading import ReceivedText
from app.ingest.service import ingest_article
from app.models import Article, EvidenceSpan, User
from app.text.spans import find_quote

SAMPLE_TEXT = (
    "A Sample Headline About Reporting\n\n"
    "The first paragraph of the article says something worth checking.\n\n"
    "“Quotes are evidence,” said Jane Example, an editor at the Daily Sample.\n\n"
    "The last paragraph ends the story."
)


class ArticleFactory(factory.Factory):
    """`ArticleFactory(text=..., title=...)` ingests the text as an article and returns the stored Article."""

    class Meta:
        model = Article

    slug = factory.Sequence(lambda n: f"sample-article-{n}")
    title = "A Sample Headline About Reporting"
    text = SAMPLE_TEXT
    publisher = "The Daily Sample"
    author = "Jane Example"
    url = "https://news.example.org/sample"
    published = "2024-05"

    @classmethod
    def _create(cls, model_class, slug, title, text, **meta):
        received = ReceivedText(raw=text, body=text)
        result = ingest_article(db.session, received, ArticleMeta(title=title, **meta), slug)
        db.session.commit()
        return result.article

    _build = _create


class EvidenceSpanFactory(factory.Factory):
    """`EvidenceSpanFactory(article=a, quote="words in the article")` finds the words and stores the span."""

    class Meta:
        model = EvidenceSpan

    article = factory.SubFactory(ArticleFactory)
    quote = "Quotes are evidence"
    label = factory.Sequence(lambda n: f"evidence {n}")

    @classmethod
    def _create(cls, model_class, article, quote, label):
        span = find_quote(article.clean_text, quote)
        row = EvidenceSpan(
            article=article,
            start=span.start,
            end=span.end,
            quote=span.text_of(article.clean_text),
            label=label,
        )
        db.session.add(row)
        db.session.commit()
        return row


class UserFactory(factory.Factory):
    """`UserFactory(role="teacher")`; the password is "correct horse battery staple" unless given."""

    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    display_name = factory.Sequence(lambda n: f"User {n}")
    role = "student"
    password = "correct horse battery staple"

    @classmethod
    def _create(cls, model_class, password, **fields):
        user = model_class(**fields)
        user.set_password(password, method="pbkdf2:sha256:1000")
        db.session.add(user)
        db.session.commit()
        return user

    _build = _create
