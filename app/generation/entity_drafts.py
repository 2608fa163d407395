"""Companies and places: multiple choice with same-kind distractors from the article, or a blank to fill."""

from __future__ import annotations

import hashlib
from collections import Counter

from spacy.tokens import Span

from app.bank.types.checks import mentions as text_mentions
from app.generation.analysis import Analysis
from app.generation.candidates import Candidate, excerpt, says
from app.generation.clauses import wh_question
from app.generation.entities import Mention, has_company_cue

QUESTION_LABELS = {"ORG", "GPE", "LOC", "FAC"}
KIND_GROUPS = {  # which kinds may stand in for which, as distractors
    "country": ("country",),
    "place": ("place",),
    "region": ("region", "place"),
    "company": ("company",),
    "organisation": ("organisation", "company"),
}
TAGS = {"country": "places", "place": "places", "region": "places", "company": "companies"}
MAX_PER_NAME = 2
MAX_DISTRACTORS = 3
CUE_WINDOW = 4  # tokens either side of a name in which "company", "startup" … make it a company


def entity_kinds(analysis: Analysis) -> dict[str, str]:
    """Each organisation or place name's kind; an organisation called a firm nearby is a company."""
    kinds: dict[str, str] = {}
    doc = analysis.doc
    for mention in analysis.mentions:
        if mention.label not in QUESTION_LABELS:
            continue
        kind = mention.kind
        if mention.label == "ORG":
            window = doc[max(0, mention.token_start - CUE_WINDOW) : mention.token_end + CUE_WINDOW].text
            kind = "company" if has_company_cue(window) or kinds.get(mention.name) == "company" else kind
        kinds[mention.name] = kinds.get(mention.name) if kinds.get(mention.name) == "company" else kind
    return kinds


def is_publisher(analysis: Analysis, name: str) -> bool:
    publisher = (analysis.source.publisher or "").removeprefix("The ").casefold()
    return bool(publisher) and name.removeprefix("The ").casefold() == publisher


def entity_drafts(analysis: Analysis) -> list[Candidate]:
    kinds = entity_kinds(analysis)
    frequency = Counter(m.name for m in analysis.mentions)
    asked: Counter = Counter()
    subject = analysis.context.subject
    drafts = []
    for sent in analysis.sentences:
        if analysis.sentence_has_quote(sent):
            continue
        options = [
            m
            for m in analysis.mentions_in(sent.start_char, sent.end_char)
            if m.label in QUESTION_LABELS
            and m.name != subject
            and not is_publisher(analysis, m.name)
            and asked[m.name] < MAX_PER_NAME
        ]
        if not options:
            continue
        mention = min(options, key=lambda m: (frequency[m.name], m.start))
        draft = entity_draft(analysis, sent, mention, kinds)
        if draft is not None:
            asked[mention.name] += 1
            drafts.append(draft)
    return drafts


def distractors(analysis: Analysis, sent: Span, mention: Mention, kinds: dict[str, str]) -> list[str]:
    """Other names of the same kind that the sentence does not mention, most mentioned first."""
    kind = kinds[mention.name]
    in_sentence = {m.name for m in analysis.mentions_in(sent.start_char, sent.end_char)}
    counts = Counter(m.name for m in analysis.mentions if kinds.get(m.name) in KIND_GROUPS[kind])
    chosen = []
    for name, _ in counts.most_common():
        overlapping = set(name.casefold().split()) & set(mention.name.casefold().split())
        if (
            name in in_sentence
            or overlapping
            or is_publisher(analysis, name)
            or text_mentions(sent.text, name)
        ):
            continue
        chosen.append(name)
    return chosen[:MAX_DISTRACTORS]


def coordinated(analysis: Analysis, mention: Mention) -> bool:
    """“Ukraine, Russia, Poland or the Baltic states”: asking which one would have several right answers."""
    root = analysis.doc[mention.token_start : mention.token_end].root
    return root.dep_ == "conj" or any(c.dep_ == "conj" for c in root.children)


def entity_draft(analysis: Analysis, sent: Span, mention: Mention, kinds: dict[str, str]) -> Candidate | None:
    kind = kinds.get(mention.name, mention.kind)
    answer = mention.text
    context = analysis.context
    others = distractors(analysis, sent, mention, kinds)
    question = None
    if len(others) >= 2 and not coordinated(analysis, mention):
        question = wh_question(analysis, sent, range(mention.token_start, mention.token_end), f"which {kind}")
    tags = [TAGS.get(kind, "organisations")]
    if question is not None:
        lead = context.according_to((answer,), question.reporter)
        choices = sorted(
            [answer, *others], key=lambda c: hashlib.sha256(f"{c}{sent.text}".encode()).hexdigest()
        )
        draft = Candidate(
            generator="places" if tags == ["places"] else "companies",
            type="multiple_choice",
            prompt=f"{lead}, {question.text[:1].lower()}{question.text[1:]}",
            answer=answer,
            explanation=says(sent.text),
            evidence=[(sent.start_char, sent.end_char)],
            tags=tags,
            difficulty="easy",
            details={"choices": choices},
            confidence=0.8,
        )
        for note in question.notes:
            draft.lower(0.1, note)
    else:
        before, _, after = excerpt(sent, mention.token_start, mention.token_end)
        last = analysis.doc[mention.token_end - 1]
        shown = f"{before}___{last.whitespace_}{after}".strip()
        if text_mentions(shown, answer) or len(shown.split()) < 6:
            return None
        described = context.describe((answer,))
        draft = Candidate(
            generator="places" if tags == ["places"] else "companies",
            type="cloze",
            prompt=f"Which name fills the blank in this sentence from {described}: “{shown}”?",
            answer=answer,
            explanation=says(sent.text),
            evidence=[(sent.start_char, sent.end_char)],
            tags=tags,
            difficulty="medium",
            confidence=0.7,
        )
    if mention.corrected:
        draft.lower(0.1, f"the language model did not take “{answer}” for a {kind}; corrected from context")
    return draft
