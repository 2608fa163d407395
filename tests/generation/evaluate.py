"""Precision and recall of quote attribution against the gold files in tests/generation/gold.

A gold file lists every quoted passage of one article: verbatim words from inside the marks, the speaker's
full name, or `speaker: null` for quoted words that are not attributable speech. Scoring is strict:
- precision: of the passages the extractor gives a speaker, the share whose gold speaker is exactly that name;
- recall: of the gold passages with a speaker, the share the extractor gives exactly that speaker.
A passage matches the gold entry it overlaps most. Importable without pytest; `python -m
tests.generation.evaluate [-v]` prints a line per article (and with -v every disagreement).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from app.generation.quotes import Attribution, extract_quotes
from app.ingest.files import SOURCES_FILE, first_line, folder_clean_texts
from app.ingest.metadata import load_sources
from app.ingest.reading import read_received_text
from app.text.cleaning import clean_article_text
from app.text.spans import Span, find_quote

HERE = Path(__file__).resolve().parent
GOLD_DIR = HERE / "gold"
SEEDS_DIR = HERE.parent.parent / "seeds"


@dataclass(frozen=True)
class GoldQuote:
    span: Span
    speaker: str | None


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    predicted: int  # passages given a speaker
    gold: int  # gold passages with a speaker
    mistakes: tuple[str, ...]


def load_gold(gold_path: Path) -> dict:
    with open(gold_path, encoding="utf-8") as file:
        return yaml.safe_load(file)


def is_quote_gold(gold_path: Path) -> bool:
    """Whether a YAML file in the gold folder is a quote-attribution key (other generators keep theirs there)."""
    gold = load_gold(gold_path)
    return isinstance(gold, dict) and isinstance(gold.get("quotes"), list)


def file_text(path: Path) -> str:
    """An article file's clean text, titled by its sources.yaml entry or else its first line."""
    received = read_received_text(path)
    meta = None
    if (path.parent / SOURCES_FILE).exists():
        meta = load_sources(path.parent / SOURCES_FILE).get(path.name)
    title = meta.title if meta else (received.meta.title if received.meta else first_line(received.body))
    return clean_article_text(received.body, title=title).text


def gold_text(gold_path: Path) -> str:
    """The clean text a gold file is about: a seed by slug, or an article file beside the gold folder."""
    gold = load_gold(gold_path)
    if gold["source"] == "seeds":
        return folder_clean_texts(SEEDS_DIR)[gold["article"]]
    return file_text(gold_path.parent.parent / gold["source"])


def gold_quotes(gold_path: Path, text: str) -> list[GoldQuote]:
    return [
        GoldQuote(find_quote(text, entry["quote"], entry.get("occurrence")), entry.get("speaker"))
        for entry in load_gold(gold_path)["quotes"]
    ]


def _overlap(a: Span, start: int, end: int) -> int:
    return max(0, min(a.end, end) - max(a.start, start))


def score(gold_path: Path, text: str, attributions: list[Attribution] | None = None) -> Score:
    """Strict precision and recall of `attributions` (default: extract_quotes(text)) against the gold file."""
    gold = gold_quotes(gold_path, text)
    found = extract_quotes(text) if attributions is None else attributions
    mistakes = []
    correct = 0
    attributed = [a for a in found if a.speaker]
    for a in attributed:
        best = max(gold, key=lambda g: _overlap(g.span, a.start, a.end), default=None)
        if best is not None and _overlap(best.span, a.start, a.end) and best.speaker == a.speaker:
            correct += 1
        else:
            expected = (
                best.speaker if best is not None and _overlap(best.span, a.start, a.end) else "(not in gold)"
            )
            mistakes.append(f"{a.start}-{a.end} gave {a.speaker!r}, gold {expected!r}: {a.quote[:60]!r}")
    wanted = [g for g in gold if g.speaker]
    recalled = 0
    for g in wanted:
        if any(a.speaker == g.speaker and _overlap(g.span, a.start, a.end) for a in attributed):
            recalled += 1
        else:
            mistakes.append(f"{g.span} missed {g.speaker!r}: {text[g.span.start : g.span.end][:60]!r}")
    precision = correct / len(attributed) if attributed else 1.0
    recall = recalled / len(wanted) if wanted else 1.0
    return Score(precision, recall, len(attributed), len(wanted), tuple(mistakes))


def attribution_scores(gold_path: Path | str, text: str) -> tuple[float, float]:
    """(precision, recall) of extract_quotes(text) against the gold file."""
    result = score(Path(gold_path), text)
    return result.precision, result.recall


def gold_paths() -> list[Path]:
    return sorted(p for p in GOLD_DIR.glob("*.yaml") if is_quote_gold(p))


def main(argv: list[str] | None = None) -> int:
    verbose = "-v" in (sys.argv[1:] if argv is None else argv)
    print(f"{'ARTICLE':<36} {'GOLD':>4} {'GIVEN':>5} {'PRECISION':>9} {'RECALL':>6}")
    for path in gold_paths():
        result = score(path, gold_text(path))
        print(
            f"{path.stem:<36} {result.gold:>4} {result.predicted:>5} {result.precision:>9.2f} {result.recall:>6.2f}"
        )
        if verbose:
            for mistake in result.mistakes:
                print(f"    {mistake}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
