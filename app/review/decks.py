"""Decks and their queue: which questions a deck holds, what is due today, and which card comes next.

A deck stores only its source (an article, a topic, a question set); its questions are looked up live, so
questions added to the bank join the decks that cover them. A learner's card for a question is created the
first time it is shown, and shared by every deck that holds the question.

Every count below comes from one SQL statement whatever the deck's size; "today" is the UTC day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import Select, and_, exists, func, literal, select, union_all
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.models import (
    Article,
    Deck,
    Question,
    QuestionRevision,
    QuestionSet,
    QuestionSetItem,
    ReviewCard,
    ReviewLog,
)
from app.models.reviews import LEARNING, NEW, RELEARNING, REVIEW
from app.quiz.selection import (
    TOPICS,
    approved_current_revisions,
    revisions_citing,
    revisions_tagged,
    visible_sets,
)
from app.review.scheduling import as_utc

LEARN_AHEAD = timedelta(minutes=20)  # Anki's "learn ahead limit": learning cards this close count as due


@dataclass(frozen=True)
class DeckSource:
    kind: str  # article, tag, set
    key: str
    title: str


def resolve_source(session: Session, kind: str, key: str, viewer_id: int) -> DeckSource | None:
    """The source a deck would be built from, with its title, or None if it does not exist (or, for a
    question set, if the learner may not see it)."""
    if kind == "article":
        title = session.scalar(select(Article.title).where(Article.slug == key))
    elif kind == "tag":
        title = TOPICS.get(key)
    elif kind == "set":
        title = session.scalar(
            select(QuestionSet.title).where(QuestionSet.key == key, visible_sets(viewer_id))
        )
    else:
        title = None
    return DeckSource(kind, key, title) if title else None


def member_questions(kind: str, key: str, viewer_id: int) -> Select:
    """SELECT question_id, rank: the approved questions the source holds for the learner `viewer_id`,
    `rank` ordering new cards (a set's own order, else the bank's)."""
    base = approved_current_revisions()
    if kind == "article":
        article_id = select(Article.id).where(Article.slug == key).scalar_subquery()
        return base.with_only_columns(
            QuestionRevision.question_id, QuestionRevision.question_id.label("rank")
        ).where(revisions_citing(article_id))
    if kind == "tag":
        return base.with_only_columns(
            QuestionRevision.question_id, QuestionRevision.question_id.label("rank")
        ).where(revisions_tagged(key))
    if kind == "set":
        set_id = (
            select(QuestionSet.id).where(QuestionSet.key == key, visible_sets(viewer_id)).scalar_subquery()
        )
        return (
            base.with_only_columns(QuestionRevision.question_id, QuestionSetItem.position.label("rank"))
            .join(QuestionSetItem, QuestionSetItem.question_id == Question.id)
            .where(QuestionSetItem.set_id == set_id)
        )
    raise ValueError(f"unknown deck source {kind!r}")


def deck_question_ids(deck: Deck) -> Select:
    """SELECT question_id of the deck's questions (for IN clauses)."""
    return member_questions(deck.source_kind, deck.source_key, deck.user_id).with_only_columns(
        QuestionRevision.question_id
    )


def deck_cards(deck: Deck):
    """The SQL condition selecting the deck owner's cards for the deck's questions."""
    return and_(ReviewCard.user_id == deck.user_id, ReviewCard.question_id.in_(deck_question_ids(deck)))


def day_bounds(now: datetime) -> tuple[datetime, datetime]:
    """The start of `now`'s UTC day and of the next one."""
    start = datetime.combine(as_utc(now).date(), time(), tzinfo=UTC)
    return start, start + timedelta(days=1)


@dataclass(frozen=True)
class Queue:
    """What a deck has for its learner now: counts after the daily limits, and what comes later."""

    new: int = 0  # new cards still to introduce today
    learning: int = 0  # learning and relearning cards due now or within the learn-ahead limit
    review: int = 0  # review cards due today, within what is left of the daily review limit
    learning_now: int = 0
    new_available: int = 0  # new cards in the deck, before the daily limit
    review_due: int = 0  # review cards due today, before the daily limit
    new_today: int = 0  # new cards introduced today in this deck
    reviews_today: int = 0  # reviews (of cards in the Review state) done today in this deck
    total_reviews_today: int = 0
    size: int = 0  # questions in the deck
    can_undo: bool = False
    next_learning: datetime | None = None
    next_review: datetime | None = None

    @property
    def remaining(self) -> int:
        return self.new + self.learning + self.review

    @property
    def new_limited(self) -> bool:
        """True when new cards wait only because today's new-card limit is used up."""
        return self.new == 0 and self.new_available > 0

    @property
    def reviews_limited(self) -> bool:
        return self.review < self.review_due


def count_where(*conditions):
    return select(func.count(ReviewCard.id)).where(*conditions).scalar_subquery()


def queue_columns(deck: Deck, now: datetime) -> list:
    """The scalar subqueries `Queue` is made from, as the columns of one SELECT."""
    mine = deck_cards(deck)
    learning = ReviewCard.state.in_((LEARNING, RELEARNING))
    today, tomorrow = day_bounds(now)
    members = member_questions(deck.source_kind, deck.source_key, deck.user_id).subquery()
    uncarded = (
        select(func.count())
        .select_from(members)
        .where(
            ~exists().where(
                ReviewCard.user_id == deck.user_id, ReviewCard.question_id == members.c.question_id
            )
        )
        .scalar_subquery()
    )
    logs_today = and_(ReviewLog.deck_id == deck.id, ReviewLog.reviewed_at >= today)
    return [
        count_where(mine, learning, ReviewCard.due <= now).label("learning_now"),
        count_where(mine, learning, ReviewCard.due <= now + LEARN_AHEAD).label("learning"),
        count_where(mine, ReviewCard.state == REVIEW, ReviewCard.due < tomorrow).label("review_due"),
        (count_where(mine, ReviewCard.state == NEW) + uncarded).label("new_available"),
        select(func.count()).select_from(members).scalar_subquery().label("size"),
        select(func.count(ReviewLog.id))
        .where(logs_today, ReviewLog.state_before == NEW)
        .scalar_subquery()
        .label("new_today"),
        select(func.count(ReviewLog.id))
        .where(logs_today, ReviewLog.state_before == REVIEW)
        .scalar_subquery()
        .label("reviews_today"),
        select(func.count(ReviewLog.id)).where(logs_today).scalar_subquery().label("total_reviews_today"),
        exists().where(ReviewLog.deck_id == deck.id, ReviewLog.user_id == deck.user_id).label("can_undo"),
        select(func.min(ReviewCard.due)).where(mine, learning).scalar_subquery().label("next_learning"),
        select(func.min(ReviewCard.due))
        .where(mine, ReviewCard.state == REVIEW)
        .scalar_subquery()
        .label("next_review"),
    ]


def queue_from(deck: Deck, row) -> Queue:
    new_left = max(deck.new_per_day - row.new_today, 0)
    reviews_left = max(deck.reviews_per_day - row.reviews_today, 0)
    return Queue(
        new=min(row.new_available, new_left),
        learning=row.learning,
        review=min(row.review_due, reviews_left),
        learning_now=row.learning_now,
        new_available=row.new_available,
        review_due=row.review_due,
        new_today=row.new_today,
        reviews_today=row.reviews_today,
        total_reviews_today=row.total_reviews_today,
        size=row.size,
        can_undo=bool(row.can_undo),
        next_learning=as_utc(row.next_learning) if row.next_learning else None,
        next_review=as_utc(row.next_review) if row.next_review else None,
    )


def deck_queue(session: Session, deck: Deck, now: datetime) -> Queue:
    """The deck's queue, in one query."""
    return queue_from(deck, session.execute(select(*queue_columns(deck, now))).one())


def deck_queues(session: Session, decks: list[Deck], now: datetime) -> dict[int, Queue]:
    """Every deck's queue, in one query (a UNION ALL of one row per deck)."""
    if not decks:
        return {}
    rows = session.execute(
        union_all(*(select(literal(deck.id).label("deck_id"), *queue_columns(deck, now)) for deck in decks))
    ).all()
    by_id = {deck.id: deck for deck in decks}
    return {row.deck_id: queue_from(by_id[row.deck_id], row) for row in rows}


def next_card(session: Session, deck: Deck, queue: Queue, now: datetime) -> ReviewCard | None:
    """The card to show next: learning cards due, then today's reviews, then new cards, then learning cards
    due within the learn-ahead limit; None when the deck is done for now."""
    mine = deck_cards(deck)
    learning = ReviewCard.state.in_((LEARNING, RELEARNING))
    _, tomorrow = day_bounds(now)
    if queue.learning_now:
        return first_card(session, mine, learning, ReviewCard.due <= now)
    if queue.review:
        return first_card(session, mine, ReviewCard.state == REVIEW, ReviewCard.due < tomorrow)
    if queue.new:
        return first_new_card(session, deck, now)
    if queue.learning:
        return first_card(session, mine, learning, ReviewCard.due <= now + LEARN_AHEAD)
    return None


def first_card(session: Session, *conditions) -> ReviewCard | None:
    return session.scalar(
        select(ReviewCard).where(*conditions).order_by(ReviewCard.due, ReviewCard.id).limit(1)
    )


def first_new_card(session: Session, deck: Deck, now: datetime) -> ReviewCard | None:
    """The deck's next new card: one shown before but never rated, else a card made now for the next question.

    Two tabs may make the same card at once; the unique (user, question) and ON CONFLICT DO NOTHING keep one.
    """
    members = member_questions(deck.source_kind, deck.source_key, deck.user_id).subquery()
    shown = session.scalar(
        select(ReviewCard)
        .join(members, members.c.question_id == ReviewCard.question_id)
        .where(ReviewCard.user_id == deck.user_id, ReviewCard.state == NEW)
        .order_by(members.c.rank, ReviewCard.id)
        .limit(1)
    )
    if shown is not None:
        return shown
    question_id = session.scalar(
        select(members.c.question_id)
        .where(
            ~exists().where(
                ReviewCard.user_id == deck.user_id, ReviewCard.question_id == members.c.question_id
            )
        )
        .order_by(members.c.rank, members.c.question_id)
        .limit(1)
    )
    if question_id is None:
        return None
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    session.execute(
        insert(ReviewCard)
        .values(user_id=deck.user_id, question_id=question_id, state=NEW, due=now, created_at=now)
        .on_conflict_do_nothing(index_elements=["user_id", "question_id"])
    )
    return session.scalar(
        select(ReviewCard).where(ReviewCard.user_id == deck.user_id, ReviewCard.question_id == question_id)
    )


def deck_card(session: Session, deck: Deck, card_id: int) -> ReviewCard | None:
    """One of the deck's cards by id (the card an undo brought back), or None."""
    return session.scalar(select(ReviewCard).where(ReviewCard.id == card_id, deck_cards(deck)))


def owned_deck(session: Session, deck_id: int, user_id: int) -> Deck | None:
    return session.scalar(select(Deck).where(Deck.id == deck_id, Deck.user_id == user_id))


def user_decks(session: Session, user_id: int) -> list[Deck]:
    return list(session.scalars(select(Deck).where(Deck.user_id == user_id).order_by(Deck.title, Deck.id)))


def build_deck(session: Session, user_id: int, source: DeckSource) -> tuple[Deck, bool]:
    """The learner's deck for `source`, made now unless they have it already: (deck, created)."""
    existing = session.scalar(
        select(Deck).where(
            Deck.user_id == user_id, Deck.source_kind == source.kind, Deck.source_key == source.key
        )
    )
    if existing is not None:
        return existing, False
    deck = Deck(user_id=user_id, source_kind=source.kind, source_key=source.key, title=source.title[:300])
    session.add(deck)
    session.flush()
    return deck, True
