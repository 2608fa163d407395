"""Helpers shared by the flashcard tests (no tests here): decks, the study page read back, ratings posted."""

from __future__ import annotations

import html as html_module
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select

from app.extensions import db
from app.models import Deck, ReviewCard, ReviewLog
from app.review.decks import resolve_source
from tests.helpers import post_form

MT_SLUG = "everyone-who-can-leave-will-leave"
NH_SLUG = "the-lukashenko-factor"


def make_deck(user, kind: str = "article", key: str = MT_SLUG, **options) -> Deck:
    source = resolve_source(db.session, kind, key, user.id)
    assert source is not None, f"no source {kind}:{key}"
    deck = Deck(user_id=user.id, source_kind=kind, source_key=key, title=source.title, **options)
    db.session.add(deck)
    db.session.commit()
    return deck


@dataclass(frozen=True)
class StudyPage:
    html: str
    card_id: int | None
    version: int | None
    intervals: dict[str, str]  # rating name → interval shown

    @property
    def done(self) -> bool:
        return self.card_id is None


def read_study(response) -> StudyPage:
    assert response.status_code in (200, 400), response.status_code
    html = response.get_data(as_text=True)
    action = re.search(r'action="/review/decks/\d+/cards/(\d+)/rate"', html)
    version = re.search(r'name="version" value="(\d+)"', html)
    intervals = {
        name: html_module.unescape(interval)
        for interval, name in re.findall(
            r'class="rate-interval" aria-hidden="true">([^<]+)</span>\s*<span class="rate-name">(\w+)</span>',
            html,
        )
    }
    return StudyPage(
        html=html,
        card_id=int(action.group(1)) if action else None,
        version=int(version.group(1)) if version else None,
        intervals=intervals,
    )


def open_study(client, deck_id: int, **params) -> StudyPage:
    return read_study(client.get(f"/review/decks/{deck_id}/study", query_string=params))


def post_rating(client, deck_id: int, page: StudyPage, rating: int, *, follow_redirects=False, **fields):
    data = {"rating": str(rating), "version": str(page.version), "shown_at": "", **fields}
    url = f"/review/decks/{deck_id}/cards/{page.card_id}/rate"
    return post_form(client, url, data, follow_redirects=follow_redirects)


def logs_of(card_id: int) -> list[ReviewLog]:
    db.session.expire_all()
    return list(
        db.session.scalars(select(ReviewLog).where(ReviewLog.card_id == card_id).order_by(ReviewLog.id))
    )


def card(card_id: int) -> ReviewCard:
    db.session.expire_all()
    return db.session.get(ReviewCard, card_id)


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)
