"""The article aggregate: the received text, its clean text, paragraphs and spans, all by offsets."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.text.spans import Span


def utcnow() -> datetime:
    return datetime.now(UTC)


class Article(db.Model):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(String(500))
    publisher: Mapped[str | None] = mapped_column(String(200))
    author: Mapped[str | None] = mapped_column(String(200))
    author_url: Mapped[str | None] = mapped_column(String(1000))
    url: Mapped[str | None] = mapped_column(String(1000))
    # A partial ISO date: "2020", "2020-09" or "2020-09-14" (sources often give no exact day).
    published: Mapped[str | None] = mapped_column(String(10))
    raw_text: Mapped[str] = mapped_column(Text, deferred=True)
    raw_sha256: Mapped[str] = mapped_column(String(64))
    clean_text: Mapped[str] = mapped_column(Text, deferred=True)
    cleaner_version: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now()
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow, server_default=func.now()
    )

    paragraphs: Mapped[list[Paragraph]] = relationship(
        back_populates="article", order_by="Paragraph.position", cascade="all, delete-orphan"
    )
    spans: Mapped[list[EvidenceSpan]] = relationship(back_populates="article", cascade="all, delete-orphan")

    def __repr__(self) -> str:
        return f"<Article {self.slug}>"


class Paragraph(db.Model):
    __tablename__ = "paragraphs"
    __table_args__ = (
        UniqueConstraint("article_id", "position"),
        CheckConstraint("start_offset >= 0 AND start_offset < end_offset", name="offsets"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    position: Mapped[int]
    start: Mapped[int] = mapped_column("start_offset")
    end: Mapped[int] = mapped_column("end_offset")
    kind: Mapped[str] = mapped_column(String(20), default="text")

    article: Mapped[Article] = relationship(back_populates="paragraphs")

    @property
    def anchor(self) -> str:
        return f"p-{self.position}"


class EvidenceSpan(db.Model):
    """Words of an article cited by something else (question evidence, cards, disputes).

    `quote` keeps the exact words the span pointed at, so a changed clean text can be checked and re-anchored.
    """

    __tablename__ = "evidence_spans"
    __table_args__ = (
        CheckConstraint("start_offset >= 0 AND start_offset < end_offset", name="offsets"),
        Index("ix_evidence_spans_article_id_start", "article_id", "start_offset"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    start: Mapped[int] = mapped_column("start_offset")
    end: Mapped[int] = mapped_column("end_offset")
    quote: Mapped[str] = mapped_column(Text)
    label: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now()
    )

    article: Mapped[Article] = relationship(back_populates="spans")

    @property
    def range(self) -> Span:
        return Span(self.start, self.end)
