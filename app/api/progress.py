"""Your progress: the numbers the progress page shows (activity, scores, accuracy, mastery, mistakes)."""

from __future__ import annotations

from flask import jsonify, url_for
from sqlalchemy import and_

from app.api.auth import api_user
from app.api.openapi import BOOLEAN, DATE_TIME, INTEGER, STRING, URL, array, component, nullable, obj
from app.api.presenting import ANSWER_VALUE, iso
from app.api.routing import operation
from app.articles.links import reader_url
from app.classroom.schedule import attempts_showing_answers
from app.extensions import db
from app.models import Attempt
from app.models.articles import utcnow
from app.progress import mastery, stats

NEEDS_WORK_LISTED = 20
ACCURACY = component(
    "Accuracy",
    obj(
        {
            "key": {**STRING, "description": "the article's slug, or the topic's tag"},
            "name": STRING,
            "answered": INTEGER,
            "correct": INTEGER,
            "accuracy": {**INTEGER, "description": "percent"},
        }
    ),
)
PROGRESS = component(
    "Progress",
    obj(
        {
            "activity": obj(
                {
                    "answered": INTEGER,
                    "correct": INTEGER,
                    "accuracy": nullable({**INTEGER, "description": "percent"}),
                    "current_streak": {**INTEGER, "description": "days in a row, ending today or yesterday"},
                    "best_streak": INTEGER,
                    "active_days": INTEGER,
                    "last_active": nullable({"type": "string", "format": "date"}),
                }
            ),
            "scores": obj(
                {
                    "finished_total": INTEGER,
                    "average": nullable({**INTEGER, "description": "percent, over `recent`"}),
                    "recent": array(
                        obj(
                            {
                                "attempt_id": INTEGER,
                                "title": STRING,
                                "mode": STRING,
                                "finished_at": DATE_TIME,
                                "score": {"type": "number", "minimum": 0, "maximum": 1},
                            }
                        ),
                        description="the latest finished quizzes, oldest first (the page's chart)",
                    ),
                }
            ),
            "accuracy": obj({"articles": array(ACCURACY), "topics": array(ACCURACY)}),
            "mastery": obj(
                {"mastered": INTEGER, "learning": INTEGER, "needs_work": INTEGER, "total": INTEGER}
            ),
            "needs_work": array(
                obj(
                    {
                        "question_id": INTEGER,
                        "prompt": STRING,
                        "last_answered_at": DATE_TIME,
                        "last_response": nullable(ANSWER_VALUE),
                        "article_title": nullable(STRING),
                        "reader_url": nullable(URL),
                    }
                ),
                description=f"questions last answered wrong, latest first (at most {NEEDS_WORK_LISTED})",
            ),
            "can_practise_mistakes": {
                **BOOLEAN,
                "description": "whether POST /attempts with source_kind `mistakes` has questions",
            },
            "attempts_url": URL,
        }
    ),
)


def accuracy_json(rows: list[stats.Accuracy]) -> list[dict]:
    return [
        {"key": r.key, "name": r.name, "answered": r.answered, "correct": r.correct, "accuracy": r.accuracy}
        for r in rows
    ]


@operation(
    "GET",
    "/progress",
    summary="Your progress, as the progress page shows it",
    tag="progress",
    scope="read",
    responses={200: ("Your statistics.", PROGRESS)},
)
def progress():
    owner = Attempt.user_id == api_user().id
    # As on the progress page: right and wrong answers of assignments that show them after the due date
    # stay out of accuracy and mastery until then.
    answered = and_(owner, attempts_showing_answers(utcnow()))
    activity = stats.activity(db.session, owner, stats.today_utc())
    scores = stats.score_history(db.session, owner)
    breakdown = stats.accuracy_breakdown(db.session, answered)
    questions = mastery.mastery(db.session, answered)
    needs_work = questions.needs_work[:NEEDS_WORK_LISTED]
    sources = mastery.question_sources(db.session, [q.revision_id for q in needs_work])
    return jsonify(
        {
            "activity": {
                "answered": activity.answered,
                "correct": activity.correct,
                "accuracy": activity.accuracy,
                "current_streak": activity.current_streak,
                "best_streak": activity.best_streak,
                "active_days": activity.active_days,
                "last_active": activity.last_active.isoformat() if activity.last_active else None,
            },
            "scores": {
                "finished_total": scores.finished_total,
                "average": scores.average,
                "recent": [
                    {
                        "attempt_id": p.attempt_id,
                        "title": p.title,
                        "mode": p.mode,
                        "finished_at": iso(p.finished_at),
                        "score": p.score,
                    }
                    for p in scores.points
                ],
            },
            "accuracy": {
                "articles": accuracy_json(breakdown.articles),
                "topics": accuracy_json(breakdown.topics),
            },
            "mastery": {**questions.counts, "total": questions.total},
            "needs_work": [needs_work_json(q, sources.get(q.revision_id)) for q in needs_work],
            "can_practise_mistakes": questions.has_mistakes_to_practise,
            "attempts_url": url_for("api.attempts", _external=True),
        }
    )


def needs_work_json(question: mastery.QuestionMastery, source: mastery.QuestionSource | None) -> dict:
    slug = source.article_slug if source else None
    return {
        "question_id": question.question_id,
        "prompt": source.prompt if source else "",
        "last_answered_at": iso(question.last_answered_at),
        "last_response": question.last_response,
        "article_title": source.article_title if source else None,
        "reader_url": reader_url(slug, list(source.spans), external=True) if slug else None,
    }
