"""How much of each seed's key facts the drafts cover: `python -m tests.generation.eval_drafts` (in `make eval`).

A fact (tests/generation/gold/<slug>-facts.yaml: a statement and the article's words stating it) is covered when
the evidence of at least one draft spans at least half of those words.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from app.generation.context import SourceArticle
from app.ingest.metadata import load_sources
from app.ingest.reading import read_received_text
from app.ingest.slugs import slug_from_title
from app.text.cleaning import clean_article_text
from app.text.spans import Span, find_quote

ROOT = Path(__file__).resolve().parents[2]
GOLD = Path(__file__).resolve().parent / "gold"
SEEDS = ROOT / "seeds"
COVERED_SHARE = 0.5  # of a fact's words that one draft's evidence must span


@dataclass(frozen=True)
class Fact:
    statement: str
    span: Span


def seed_sources() -> dict[str, SourceArticle]:
    """The seed articles by slug, cleaned as ingestion cleans them, with their metadata."""
    sources = {}
    for name, meta in load_sources(SEEDS / "sources.yaml").items():
        received = read_received_text(SEEDS / name)
        text = clean_article_text(received.body, title=meta.title).text
        slug = slug_from_title(meta.title)
        sources[slug] = SourceArticle(slug, text, meta.title, meta.publisher, meta.published)
    return sources


def load_facts(path: Path, text: str) -> list[Fact]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Fact(f["fact"], find_quote(text, f["words"], f.get("occurrence"))) for f in data["facts"]]


def fact_files() -> dict[str, Path]:
    return {p.name.removesuffix("-facts.yaml"): p for p in sorted(GOLD.glob("*-facts.yaml"))}


def covers(draft, fact: Fact) -> bool:
    needed = COVERED_SHARE * (fact.span.end - fact.span.start)
    return any(
        min(e.span.end, fact.span.end) - max(e.span.start, fact.span.start) >= needed
        for e in draft.checked.evidence
    )


def coverage(drafts: list, facts: list[Fact]) -> tuple[float, list[Fact]]:
    """(share of facts covered, the facts no draft covers)."""
    missed = [f for f in facts if not any(covers(d, f) for d in drafts)]
    return (1 - len(missed) / len(facts)) if facts else 0.0, missed


def main() -> int:
    from app.generation.drafts import generate_drafts
    from app.generation.nlp import load_model

    started = time.perf_counter()
    nlp = load_model()
    print(f"Draft coverage of key facts (model loaded in {time.perf_counter() - started:.2f}s)")
    sources = seed_sources()
    for slug, path in fact_files().items():
        source = sources[slug]
        started = time.perf_counter()
        generation = generate_drafts(source, nlp)
        elapsed = time.perf_counter() - started
        share, missed = coverage(generation.drafts, load_facts(path, source.text))
        kinds = Counter(d.generator for d in generation.drafts)
        print(
            f"  {slug}: {share:.0%} of {len(load_facts(path, source.text))} key facts covered by "
            f"{len(generation.drafts)} drafts ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))}; "
            f"{len(generation.dropped)} refused by the validator) in {elapsed:.2f}s"
        )
        for fact in missed:
            print(f"    not covered: {fact.statement}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
