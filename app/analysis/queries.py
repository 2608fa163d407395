"""The data item analysis needs, in a fixed number of queries however many attempts and questions there are.

- For a question set: every finished attempt taken from it (optionally one class assignment's), by default
  only each student's first, as Moodle does; attempts by the set's owners (previews) are left out. One query
  returns one row per (attempt, question), with the attempt's item count and total score added up in SQL.
- For a page of the bank: each question over every finished attempt that drew it, except "my mistakes"
  quizzes (drawn from what the learner got wrong, they would make every question look harder). The sums a
  correlation needs are added up in SQL, so the query returns one row per question.

Unanswered items of a finished attempt score 0, as the quiz scores them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Float, and_, case, cast, func, or_, select
from sqlalchemy.orm import Session

from app.analysis.items import MIN_ATTEMPTS, ItemStatistics, Moments, Observation, analyse, analyse_sums
from app.models import Assignment, Attempt, AttemptItem, QuestionRevision, QuestionSet, Response

EXCLUDED_BANK_SOURCES = ("mistakes",)
REST_DECIMALS = 9  # rest scores summed in different orders must still tie when ranked


@dataclass(frozen=True)
class SetScope:
    """Which attempts at a set to analyse."""

    assignment_id: int | None = None
    first_only: bool = True
    current_wording_only: bool = False
    excluded_user_ids: Collection[int] = ()


@dataclass
class SetAnalysis:
    statistics: dict[int, ItemStatistics]  # by question id, for every question of the set
    attempts: int  # attempts analysed
    mean_score: float | None  # their mean score, 0..1
    # question id → how many of its observations were of a revision older than the current one
    earlier_wordings: dict[int, int] = field(default_factory=dict)


def item_score():
    return func.coalesce(Response.score, 0.0)


def response_of_item():
    return and_(Response.attempt_id == AttemptItem.attempt_id, Response.position == AttemptItem.position)


def attempt_totals(attempt_ids):
    """Per attempt among `attempt_ids`: its number of items and its total score."""
    return (
        select(
            AttemptItem.attempt_id.label("attempt_id"),
            func.count(AttemptItem.id).label("item_count"),
            cast(func.sum(item_score()), Float).label("total_score"),
        )
        .outerjoin(Response, response_of_item())
        .where(AttemptItem.attempt_id.in_(attempt_ids))
        .group_by(AttemptItem.attempt_id)
        .subquery()
    )


def set_attempt_ids(question_set: QuestionSet, scope: SetScope):
    """The ids of the finished attempts at the set that `scope` selects."""
    from_set = or_(
        and_(Attempt.source_kind == "set", Attempt.source_key == question_set.key),
        Attempt.assignment_id.in_(select(Assignment.id).where(Assignment.set_id == question_set.id)),
    )
    conditions = [from_set, Attempt.finished_at.is_not(None)]
    if scope.assignment_id is not None:
        conditions.append(Attempt.assignment_id == scope.assignment_id)
    if scope.excluded_user_ids:
        conditions.append(
            or_(Attempt.user_id.is_(None), Attempt.user_id.not_in(list(scope.excluded_user_ids)))
        )
    if scope.first_only:
        return (
            select(func.min(Attempt.id)).where(*conditions).group_by(Attempt.user_id, Attempt.visitor_token)
        )
    return select(Attempt.id).where(*conditions)


def set_analysis(
    session: Session,
    question_set: QuestionSet,
    current_revisions: Mapping[int, int | None],
    scope: SetScope = SetScope(),
    minimum: int = MIN_ATTEMPTS,
) -> SetAnalysis:
    """Statistics of each question of the set; `current_revisions` maps question ids to current revisions."""
    totals = attempt_totals(set_attempt_ids(question_set, scope))
    rows = session.execute(
        select(
            totals.c.attempt_id,
            QuestionRevision.question_id,
            AttemptItem.revision_id,
            item_score(),
            totals.c.item_count,
            totals.c.total_score,
        )
        .select_from(AttemptItem)
        .join(totals, totals.c.attempt_id == AttemptItem.attempt_id)
        .join(QuestionRevision, QuestionRevision.id == AttemptItem.revision_id)
        .outerjoin(Response, response_of_item())
    ).all()
    attempt_scores: dict[int, float] = {}
    observations: dict[int, list[Observation]] = defaultdict(list)
    earlier: dict[int, int] = defaultdict(int)
    for attempt_id, question_id, revision_id, score, items, total in rows:
        attempt_scores[attempt_id] = total / items
        if question_id not in current_revisions:
            continue
        is_current = revision_id == current_revisions[question_id]
        if scope.current_wording_only and not is_current:
            continue
        earlier[question_id] += not is_current
        rest = round((total - score) / (items - 1), REST_DECIMALS) if items > 1 else None
        observations[question_id].append((score, rest))
    return SetAnalysis(
        statistics={qid: analyse(observations.get(qid, []), minimum) for qid in current_revisions},
        attempts=len(attempt_scores),
        mean_score=sum(attempt_scores.values()) / len(attempt_scores) if attempt_scores else None,
        earlier_wordings={qid: count for qid, count in earlier.items() if count},
    )


def bank_statistics(
    session: Session, question_ids: Sequence[int], minimum: int = MIN_ATTEMPTS
) -> dict[int, ItemStatistics]:
    """Facility, discrimination index and flags of each question that has been attempted, in one query."""
    if not question_ids:
        return {}
    drew_them = (
        select(AttemptItem.attempt_id)
        .join(QuestionRevision, QuestionRevision.id == AttemptItem.revision_id)
        .where(QuestionRevision.question_id.in_(question_ids))
    )
    attempt_ids = select(Attempt.id).where(
        Attempt.id.in_(drew_them),
        Attempt.finished_at.is_not(None),
        Attempt.source_kind.not_in(EXCLUDED_BANK_SOURCES),
    )
    totals = attempt_totals(attempt_ids)
    score = item_score()
    paired = totals.c.item_count > 1
    x = case((paired, score))  # NULL (left out of the sums) when the attempt held nothing else
    y = (totals.c.total_score - score) / func.nullif(totals.c.item_count - 1, 0)
    rows = session.execute(
        select(
            QuestionRevision.question_id,
            func.count(AttemptItem.id),
            cast(func.sum(score), Float),
            func.count(y),
            cast(func.sum(x), Float),
            cast(func.sum(y), Float),
            cast(func.sum(x * x), Float),
            cast(func.sum(y * y), Float),
            cast(func.sum(x * y), Float),
        )
        .select_from(AttemptItem)
        .join(totals, totals.c.attempt_id == AttemptItem.attempt_id)
        .join(QuestionRevision, QuestionRevision.id == AttemptItem.revision_id)
        .outerjoin(Response, response_of_item())
        .where(QuestionRevision.question_id.in_(question_ids))
        .group_by(QuestionRevision.question_id)
    ).all()
    statistics = {}
    for question_id, attempts, score_sum, pairs, *sums in rows:
        moments = Moments(pairs, *(value or 0.0 for value in sums))
        statistics[question_id] = analyse_sums(attempts, score_sum or 0.0, moments, minimum)
    return statistics
