"""Strict precision and recall of quote attribution against the gold keys (seed 000 and invented articles)."""

from __future__ import annotations

import pytest

from app.generation.quotes import extract_quotes
from tests.generation.evaluate import GOLD_DIR, gold_paths, gold_quotes, gold_text, score

SEED = "everyone-who-can-leave-will-leave"
INVENTED = [
    "port-halvey-sea-wall",
    "brightloom-layoffs",
    "aster-valley-clinic",
    "skerry-ferry-timetable",
    "riverton-budget-vote",
    "marrow-lane-market",
    "harrowgate-nurses-strike",
    "corvana-headquarters-move",
    "brackwater-river-flood",
    "cedar-ridge-fire",
    "harlow-bay-port-trial",
    "oruka-halvorsen-exhibition",
]


def check(name: str, nlp, minimum: float) -> None:
    path = GOLD_DIR / f"{name}.yaml"
    text = gold_text(path)
    result = score(path, text, extract_quotes(text, doc=nlp(text)))
    assert result.precision >= minimum, result.mistakes
    assert result.recall >= minimum, result.mistakes


def test_every_gold_quote_is_verbatim_in_its_article():
    for path in gold_paths():
        text = gold_text(path)
        for quote in gold_quotes(path, text):
            assert text[quote.span.start : quote.span.end].strip()


def test_seed_000_precision_and_recall_are_at_least_0_9(nlp):
    check(SEED, nlp, 0.9)


@pytest.mark.parametrize("name", INVENTED)
def test_invented_articles_precision_and_recall_are_at_least_0_85(nlp, name):
    check(name, nlp, 0.85)


def test_the_lukashenko_factor_attributes_its_quoted_labels_to_nobody(nlp):
    text = gold_text(GOLD_DIR / "the-lukashenko-factor.yaml")
    assert extract_quotes(text, doc=nlp(text)) == []
    labels = extract_quotes(text, doc=nlp(text), include_labels=True)
    assert [(a.quote, a.speaker) for a in labels] == [("children", None), ("rebellion", None)]
