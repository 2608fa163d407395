"""Merging near-duplicate drafts: the same answer asked in nearly the same words is asked once."""

from __future__ import annotations

from rapidfuzz import fuzz

from app.grading import normalise_answer

SIMILAR_PROMPTS = 85  # rapidfuzz token-set ratio from which two prompts ask the same thing


def answer_key(draft) -> str:
    answer = draft.item["answer"]
    if isinstance(answer, list):
        answer = " ".join(map(str, answer))
    return f"{draft.item['type']}:{normalise_answer(str(answer))}"


def merged(drafts: list) -> list:
    """The drafts without near-duplicates, keeping the more confident of each pair (the first on a tie)."""
    kept: list = []
    for draft in sorted(drafts, key=lambda d: -d.confidence):
        twin = next(
            (
                k
                for k in kept
                if k.key == draft.key
                or (
                    answer_key(k) == answer_key(draft)
                    and fuzz.token_set_ratio(k.item["prompt"], draft.item["prompt"]) >= SIMILAR_PROMPTS
                )
            ),
            None,
        )
        if twin is None:
            kept.append(draft)
    order = {id(d): i for i, d in enumerate(drafts)}
    return sorted(kept, key=lambda d: order[id(d)])
