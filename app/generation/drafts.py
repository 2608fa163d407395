"""Draft questions from any news article: every generator's candidates, verified by the bank's validator.

A draft is the same mapping a YAML question is (status draft, origin generated), with a stable id made from
the article slug, the generator and a hash of its evidence and answer, so regenerating never duplicates.
Candidates the validator rejects (evidence not verbatim, answer not in the evidence, answer in the prompt …)
are dropped, and near-duplicates merged.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from app.bank.parsing import Problem, parse_question
from app.bank.validation import CheckedQuestion, check_question
from app.generation.analysis import Analysis, analyse
from app.generation.candidates import Candidate
from app.generation.context import SourceArticle
from app.generation.dedupe import merged
from app.generation.entity_drafts import entity_drafts
from app.generation.figures import number_drafts
from app.generation.roles import role_drafts
from app.generation.true_false import true_false_drafts
from app.generation.who_said import who_said_drafts
from app.text.spans import AmbiguousQuoteError, find_quote
from app.yaml_lines import LineMap

log = logging.getLogger(__name__)
GENERATORS: dict[str, Callable[[Analysis], list[Candidate]]] = {
    "who_said": who_said_drafts,
    "numbers": number_drafts,
    "entities": entity_drafts,
    "roles": role_drafts,
    "true_false": true_false_drafts,
}
DEFAULT_REASONS = {
    "who_said": "check that the quoted words are the speaker’s and the choices are all people quoted",
    "numbers": "check that the question asks for what the number counts",
    "companies": "check that the distractors are false for this sentence",
    "places": "check that the distractors are false for this sentence",
    "roles": "check that this is the role the article gives",
    "true_false": "check that the statement is unambiguously true or false",
}
SLUG_PREFIX_CHARS = 48
MAX_PROMPT_WORDS = 70
FILE_NAME = "generated"


@dataclass(frozen=True)
class Draft:
    item: dict  # the question as a bank file has it
    checked: CheckedQuestion  # verified by the bank's validator, evidence resolved to spans
    generator: str
    confidence: float
    reason: str

    @property
    def key(self) -> str:
        return self.item["id"]


@dataclass
class Generation:
    source: SourceArticle
    drafts: list[Draft] = field(default_factory=list)
    dropped: list[tuple[Candidate, list[Problem]]] = field(default_factory=list)  # what the validator refused


def generate_drafts(
    source: SourceArticle, nlp=None, generators: tuple[str, ...] = tuple(GENERATORS)
) -> Generation:
    """The verified drafts for one article; `nlp` defaults to the shared spaCy model."""
    if nlp is None:
        from app.generation.nlp import load_model

        nlp = load_model()
    analysis = analyse(source, nlp)
    generation = Generation(source)
    drafts = []
    for name in generators:
        for candidate in GENERATORS[name](analysis):
            draft, problems = verified(candidate, source)
            if draft is None:
                generation.dropped.append((candidate, problems))
                log.debug("dropped %s draft %r: %s", candidate.generator, candidate.prompt, problems)
            else:
                drafts.append(draft)
    generation.drafts = merged(drafts)
    return generation


def draft_key(slug: str, candidate: Candidate, quotes: list[str]) -> str:
    """`<slug>-<generator>-<hash>`: the same evidence and answer give the same id on every run."""
    prefix = slug[:SLUG_PREFIX_CHARS].rsplit("-", 1)[0] if len(slug) > SLUG_PREFIX_CHARS else slug
    digest = hashlib.sha256(
        "\n".join(
            [candidate.generator, *(" ".join(q.split()) for q in quotes), repr(candidate.answer)]
        ).encode()
    ).hexdigest()[:10]
    return f"{prefix}-{candidate.generator.replace('_', '-')}-{digest}"


def evidence_item(text: str, slug: str, start: int, end: int) -> dict:
    """{article, quote} for characters start..end, with the occurrence when the words are repeated."""
    quote = text[start:end].strip()
    start += len(text[start:end]) - len(text[start:end].lstrip())
    item = {"article": slug, "quote": quote}
    try:
        find_quote(text, quote)
    except AmbiguousQuoteError as error:
        item["occurrence"] = next((i for i, s in enumerate(error.spans, 1) if s.start == start), 1)
    return item


def question_item(candidate: Candidate, source: SourceArticle) -> dict:
    evidence = [evidence_item(source.text, source.slug, s, e) for s, e in candidate.evidence]
    details = {k: v for k, v in candidate.details.items() if v not in (None, [], "")}
    return {
        "id": draft_key(source.slug, candidate, [e["quote"] for e in evidence]),
        "type": candidate.type,
        "prompt": " ".join(candidate.prompt.split()),
        "answer": candidate.answer,
        **details,
        "explanation": " ".join(candidate.explanation.split()),
        "evidence": evidence,
        "tags": sorted(set(candidate.tags)),
        "difficulty": candidate.difficulty,
        "status": "draft",
        "origin": "generated",
    }


def form_problems(candidate: Candidate) -> list[str]:
    """What the validator does not check but a teacher would: a capitalised, finished, not rambling prompt."""
    prompt = candidate.prompt.strip()
    problems = []
    if not prompt[:1].isupper():
        problems.append("the prompt does not start with a capital letter")
    ending = ".”" if candidate.type == "true_false" else "?"
    if not (prompt.endswith("?") or (candidate.type == "true_false" and prompt.endswith((".", ending)))):
        problems.append("the prompt does not end as a question (or a statement, for true or false)")
    if len(prompt.split()) > MAX_PROMPT_WORDS:
        problems.append("the prompt is too long")
    if re.search(r"\b(\w+) \1\b", prompt, re.IGNORECASE):
        problems.append("the prompt repeats a word")
    return problems


def verified(candidate: Candidate, source: SourceArticle) -> tuple[Draft | None, list]:
    """The candidate as a draft the bank's validator accepts, or the problems that stop it."""
    form = form_problems(candidate)
    if form:
        return None, form
    item = question_item(candidate, source)
    spec, problems = parse_question(item, LineMap(), (), FILE_NAME, source.slug)
    if spec is None:
        return None, problems
    checked, problems = check_question(spec, {source.slug: source.text})
    if checked is None:
        return None, problems
    reason = "; ".join(candidate.notes) or DEFAULT_REASONS.get(candidate.generator, "")
    return Draft(item, checked, candidate.generator, candidate.confidence, reason), []
