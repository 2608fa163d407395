"""The one validator of questions: the check command, the loader and the editor all ask it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz

from app.bank.content import EvidenceRef, QuestionSpec, SetSpec
from app.bank.parsing import Problem
from app.bank.types import QUESTION_TYPES
from app.text.spans import AmbiguousQuoteError, Span, SpanError, find_quote


@dataclass(frozen=True)
class ResolvedEvidence:
    ref: EvidenceRef
    span: Span
    text: str  # the article's own words at the span


@dataclass(frozen=True)
class CheckedQuestion:
    spec: QuestionSpec
    evidence: tuple[ResolvedEvidence, ...]


def shorten(text: str, limit: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def closest_passage(text: str, quote: str) -> str:
    """The article's words most like the quote, to show next to a quote that was not found."""
    alignment = fuzz.partial_ratio_alignment(" ".join(quote.split()), text)
    if alignment is None or alignment.score < 40:
        return "nothing similar in the article"
    passage = text[alignment.dest_start : alignment.dest_end]
    return f"closest passage ({alignment.score:.0f}% alike): “{shorten(passage, 160)}”"


def resolve(ref: EvidenceRef, texts: Mapping[str, str]) -> tuple[ResolvedEvidence | None, str | None]:
    """The span the evidence cites, or the reason it cannot be found."""
    text = texts.get(ref.article)
    if text is None:
        known = ", ".join(sorted(texts)) or "none"
        return None, f"unknown article {ref.article!r} (known: {known})"
    if ref.start is not None and ref.end is not None and 0 <= ref.start < ref.end <= len(text):
        try:
            span = find_quote(text[ref.start : ref.end], ref.quote)
            if span == Span(0, ref.end - ref.start):
                return ResolvedEvidence(ref, Span(ref.start, ref.end), text[ref.start : ref.end]), None
        except SpanError:
            pass  # the offsets are stale: search for the words instead
    try:
        span = find_quote(text, ref.quote, ref.occurrence)
    except AmbiguousQuoteError as error:
        return None, (
            f"evidence “{shorten(ref.quote, 60)}” occurs {error.count} times in {ref.article}; "
            f"add occurrence: 1 to {error.count}"
        )
    except SpanError as error:
        if ref.occurrence is not None and "occurrence" in str(error):
            return None, f"evidence in {ref.article}: {error}"
        return None, (
            f"evidence not found verbatim in {ref.article}: “{shorten(ref.quote, 70)}”; "
            + closest_passage(text, ref.quote)
        )
    return ResolvedEvidence(ref, span, span.text_of(text)), None


UNSOURCED_APPROVAL = (
    "a question cannot be approved without verified evidence: cite the article's words, or keep it as a draft"
)


def check_question(
    spec: QuestionSpec, texts: Mapping[str, str]
) -> tuple[CheckedQuestion | None, list[Problem]]:
    """The question with its evidence found in the articles, or every problem, each naming its field."""
    kind = QUESTION_TYPES[spec.content.type]
    label = f"question {spec.key!r}: "

    def problem(line: int, message: str, field: str | None) -> Problem:
        return Problem(spec.file, line, label + message, field=field, label=label)

    problems = [problem(spec.line_of(field), message, field) for field, message in kind.check(spec.content)]
    if not spec.evidence and spec.status == "approved":
        problems.append(problem(spec.line_of("status"), UNSOURCED_APPROVAL, "evidence"))
    resolved = []
    for ref in spec.evidence:
        evidence, reason = resolve(ref, texts)
        if evidence is None:
            field = "evidence" if ref.index is None else f"evidence.{ref.index}"
            problems.append(problem(ref.line, reason, field))
        else:
            resolved.append(evidence)
    if not problems and resolved:
        cited = "\n\n".join(e.text for e in resolved)
        problems += [
            problem(spec.line_of(field), message, field)
            for field, message in kind.check_evidence(spec.content, cited)
        ]
    given_away = kind.given_away(spec.content) if not problems else None
    if given_away:
        problems.append(
            problem(spec.line_of("prompt"), f"the prompt gives away the answer “{given_away}”", "prompt")
        )
    if problems:
        return None, problems
    return CheckedQuestion(spec, tuple(resolved)), []


def check_specs(
    specs: list[QuestionSpec], texts: Mapping[str, str]
) -> tuple[list[CheckedQuestion], list[Problem]]:
    """Every question checked, and the bank-wide rules (unique ids)."""
    checked, problems = [], []
    first_seen: dict[str, QuestionSpec] = {}
    for spec in specs:
        if spec.key in first_seen:
            other = first_seen[spec.key]
            problems.append(
                Problem(
                    spec.file,
                    spec.line_of("id"),
                    f"duplicate id {spec.key!r} (first at {other.file}:{other.line_of('id')})",
                )
            )
            continue
        first_seen[spec.key] = spec
        question, question_problems = check_question(spec, texts)
        problems += question_problems
        if question:
            checked.append(question)
    return checked, problems


def check_sets(sets: list[SetSpec], question_keys: set[str] | frozenset[str]) -> list[Problem]:
    """Set ids are unique and every question a set names exists, once."""
    problems, first_seen = [], {}
    for spec in sets:
        if spec.key in first_seen:
            other = first_seen[spec.key]
            problems.append(
                Problem(
                    spec.file,
                    spec.line,
                    f"duplicate set id {spec.key!r} (first at {other.file}:{other.line})",
                )
            )
            continue
        first_seen[spec.key] = spec
        unknown = [k for k in spec.question_keys if k not in question_keys]
        if unknown:
            problems.append(
                Problem(
                    spec.file,
                    spec.line,
                    f"set {spec.key!r}: no question with id {', '.join(map(repr, unknown))}",
                )
            )
        repeated = sorted({k for k in spec.question_keys if spec.question_keys.count(k) > 1})
        if repeated:
            problems.append(
                Problem(
                    spec.file, spec.line, f"set {spec.key!r}: {', '.join(map(repr, repeated))} listed twice"
                )
            )
    return problems
