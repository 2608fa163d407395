"""The people in a question: its subject named in full ("he" → the person meant) and the clause's reporter."""

from __future__ import annotations

from spacy.tokens import Token

from app.generation.clause_syntax import subtree

REPORTING_VERBS = frozenset(
    [
        "say",
        "tell",
        "add",
        "estimate",
        "warn",
        "claim",
        "report",
        "believe",
        "expect",
        "think",
        "argue",
        "note",
        "explain",
        "insist",
        "predict",
        "write",
        "confirm",
        "announce",
        "suggest",
        "acknowledge",
        "admit",
        "reckon",
        "calculate",
    ]
)
PRONOUN_SUBJECTS = {"he", "she"}


def subject_words(analysis, subject: Token) -> set[int]:
    """The subject without what describes it: a named person is just the name."""
    for mention in analysis.mentions:
        if mention.token_start <= subject.i < mention.token_end and mention.label == "PERSON":
            return set(range(mention.token_start, mention.token_end))
    return subtree(subject, keep=set())


def person_names(analysis, subject: Token, tokens: set[int], notes: list[str]) -> dict[int, str] | None:
    """Replacements naming the subject in full ("he" → "Alexei Kuzmenkov"); None if it cannot be named."""
    if len(tokens) == 1 and subject.pos_ == "PRON":
        if subject.lower_ not in PRONOUN_SUBJECTS:
            return None
        name = analysis.resolve_pronoun(subject)
        if name is None:
            return None
        notes.append(f"“{subject.text}” was taken to mean {name}")
        return {subject.i: name}
    replaced = {}
    for mention in analysis.mentions:
        if mention.label == "PERSON" and mention.name != mention.text and mention.token_start in tokens:
            replaced[mention.token_start] = mention.name
            for i in range(mention.token_start + 1, mention.token_end):
                replaced[i] = ""
    return replaced


def reporter(analysis, verb: Token, notes: list[str]) -> str | None:
    """Who a reported clause is attributed to: "He estimated that …" → the person "he" refers to."""
    if verb.dep_ != "ccomp" or verb.head.lemma_ not in REPORTING_VERBS:
        return None
    speaker = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if speaker is None:
        return None
    if speaker.pos_ == "PRON":
        name = analysis.resolve_pronoun(speaker)
        if name:
            notes.append(f"“{speaker.text}” was taken to mean {name}")
        return name
    for mention in analysis.mentions:
        if mention.token_start <= speaker.i < mention.token_end and mention.label in ("PERSON", "ORG"):
            return mention.name
    return None
