"""True or false: a sentence of the article restated, as written (true) or with one figure or name swapped for
a plausible one from the same article (false)."""

from __future__ import annotations

import hashlib
import re
from collections import Counter

from spacy.tokens import Span

from app.bank.types.checks import mentions as text_mentions
from app.generation.analysis import Analysis
from app.generation.candidates import Candidate, says
from app.generation.entities import Mention
from app.generation.entity_drafts import entity_kinds, is_publisher
from app.generation.figures import Figure, figures
from app.grading.numbers import format_number
from app.grading.prose_numbers import numbers_in

MIN_WORDS, MAX_WORDS = 8, 36
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"}
LOWER_BOUNDS = {"at least", "more than", "over", "above", "no fewer than"}
UPPER_BOUNDS = {"up to", "less than", "fewer than", "under", "below", "at most"}
NUMBER_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
]
FALSE_SHARE = 3  # two in three statements are false: they test more than restated facts


def true_false_drafts(analysis: Analysis) -> list[Candidate]:
    by_sentence: dict[int, list[Figure]] = {}
    for figure in figures(analysis):
        by_sentence.setdefault(figure.sent.start, []).append(figure)
    kinds = entity_kinds(analysis)
    drafts = []
    for sent in analysis.sentences:
        if analysis.sentence_has_quote(sent) or not MIN_WORDS <= len(sent.text.split()) <= MAX_WORDS:
            continue
        if sent.root.pos_ not in ("VERB", "AUX") or "\n" in sent.text:
            continue
        swaps = [
            s for f in by_sentence.get(sent.start, []) if (s := number_swap(analysis, f, sent)) is not None
        ]
        swaps += [s for m in swappable(analysis, sent, kinds) if (s := entity_swap(analysis, m, sent, kinds))]
        if not swaps:
            continue
        digest = int(hashlib.sha256(sent.text.encode()).hexdigest(), 16)
        false = digest % FALSE_SHARE != 0
        swap = swaps[digest % len(swaps)]
        statement = restated(analysis, sent, swap if false else None)
        if statement is None:
            continue
        text, notes = statement
        if false:
            notes.append(f"made false by putting {swap[3]}")
        draft = Candidate(
            generator="true_false",
            type="true_false",
            prompt=f"{analysis.context.according_to()}, {text}",
            answer=not false,
            explanation=says(sent.text) if not false else "False: t" + says(sent.text)[1:],
            evidence=[(sent.start_char, sent.end_char)],
            tags=[tag_for(swap[3])],
            difficulty="easy",
            confidence=0.75,
        )
        for note in notes:
            draft.lower(0.05 if note.startswith("made false") else 0.15, note)
        drafts.append(draft)
    return drafts


def tag_for(what: str) -> str:
    if what.startswith("the number"):
        return "numbers"
    if what.startswith("the person"):
        return "people"
    return "places" if any(k in what for k in ("country", "place", "region")) else "companies"


def restated(analysis: Analysis, sent: Span, swap: tuple | None) -> tuple[str, list[str]] | None:
    """The sentence (with `swap` applied) as a statement to follow “According to …, ”."""
    doc, notes = sent.doc, []
    start = sent.start
    while start < sent.end and (
        doc[start].pos_ == "CCONJ" or (doc[start].pos_ == "ADV" and doc[start + 1].text == ",")
    ):
        start += 2 if doc[start].pos_ == "ADV" else 1  # "But …", "Thus, …"
    first = doc[start]
    offset = first.idx
    text = doc.text[offset : sent.end_char]
    if swap is not None:
        begin, end, replacement, _ = swap
        if begin < offset:
            return None
        text = text[: begin - offset] + replacement + text[end - offset :]
    if first.pos_ == "PRON":
        name = analysis.resolve_pronoun(first)
        if name is None:
            return None
        notes.append(f"“{first.text}” was taken to mean {name}")
        text = name + text[len(first.text) :]
    elif first.ent_type_ not in NAME_LABELS and first.pos_ != "PROPN" and first.text != "I":
        text = text[:1].lower() + text[1:]
    return text, notes


def number_swap(analysis: Analysis, figure: Figure, sent: Span) -> tuple[int, int, str, str] | None:
    """(start, end, replacement, what) for the figure's number, with another of the article's figures."""
    doc = sent.doc
    numbers = [t for t in doc[figure.start : figure.end] if t.like_num]
    if not numbers or len(numbers) > 2:
        return None
    start, end = numbers[0].idx, numbers[-1].idx + len(numbers[-1])
    stated = {n.value for n in numbers_in(sent.text)}
    pool = [f.value for f in figures(analysis) if f.kind == figure.kind and f.value not in stated]
    if figure.qualifier in LOWER_BOUNDS:
        pool = [v for v in pool if v > figure.value]
    elif figure.qualifier in UPPER_BOUNDS:
        pool = [v for v in pool if v < figure.value]
    else:
        pool = [v for v in pool if abs(v - figure.value) >= max(1, 0.2 * abs(figure.value))]
    if figure.kind != "year":
        pool = [v for v in pool if figure.value / 10 <= v <= figure.value * 10]
    else:
        pool = [v for v in pool if abs(v - figure.value) <= 30]
    if not pool:
        return None
    value = min(pool, key=lambda v: (abs(v - figure.value), v))
    original = doc.text[start:end]
    return start, end, written_like(value, original), f"the number {written_like(value, original)}"


def written_like(value: float, original: str) -> str:
    """The number written like the one it replaces: “Eight” → “Three”, “13,300” → “9,000”, “2020” → “2022”."""
    if original[:1].isalpha() and value == int(value) and int(value) < len(NUMBER_WORDS):
        word = NUMBER_WORDS[int(value)]
        return word.capitalize() if original[:1].isupper() else word
    if re.fullmatch(r"\d{4}", original):
        return str(int(value))
    text = format_number(value)
    return text if "," in original or value < 1000 else text.replace(",", "")


def swappable(analysis: Analysis, sent: Span, kinds: dict[str, str]) -> list[Mention]:
    return [
        m
        for m in analysis.mentions_in(sent.start_char, sent.end_char)
        if (m.name in kinds or m.label == "PERSON") and not is_publisher(analysis, m.name)
    ]


def entity_swap(analysis: Analysis, mention: Mention, sent: Span, kinds: dict[str, str]):
    """(start, end, replacement, what) putting another name of the same kind in the mention's place."""
    kind = "person" if mention.label == "PERSON" else kinds.get(mention.name)
    if kind is None:
        return None
    in_sentence = {m.name for m in analysis.mentions_in(sent.start_char, sent.end_char)}
    counts = Counter(
        m.name
        for m in analysis.mentions
        if m.label == mention.label
        and ("person" if m.label == "PERSON" else kinds.get(m.name)) == kind
        and m.name not in in_sentence
        and not is_publisher(analysis, m.name)
        and not set(m.name.split()) & set(mention.name.split())
    )
    if not counts:
        return None
    top = [name for name, _ in counts.most_common(3)]
    other = top[int(hashlib.sha256(sent.text.encode()).hexdigest(), 16) % len(top)]
    if (kind == "person" and len(other.split()) < 2) or text_mentions(sent.text, other):
        return None
    text, start, end = analysis.text, mention.start, mention.end
    if text[max(0, start - 4) : start].lower() == "the ":
        start -= 4
    replacement = ("the " if takes_article(analysis, other) else "") + other
    if text[start : start + 1].isupper():
        replacement = replacement[:1].upper() + replacement[1:]
    if text[end : end + 1] in "’'" and text[end + 1 : end + 2] != "s" and not other.endswith("s"):
        replacement += text[end] + "s"  # "Belarus’ middle classes" → "Russia’s middle classes"
        end += 1
    return start, end, replacement, f"the {kind} {other}"


def takes_article(analysis: Analysis, name: str) -> bool:
    """Whether the article writes “the Atlantic Council” rather than “Atlantic Council”."""
    for mention in analysis.mentions:
        if mention.name == mention.text == name:
            return analysis.text[max(0, mention.start - 4) : mention.start].lower() == "the "
    return False
