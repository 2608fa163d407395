"""The subject of a speech verb in the parse, and the words that attribute the speech ("said Katia Glod").

The subject is the verb's nsubj (an apposed name preferred: "the minister, Priya Venkataraman, said"), the
object of "according to", or, where the parser missed it, the name or pronoun beside the verb.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from app.generation.speaker_names import People
from app.generation.speaker_words import NAME_PARTICLES, PRONOUN_GENDER, RELATIVE_PRONOUNS, REPORTING_LEMMAS

SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# Nouns for what someone said: "Her message was simple: “…”" credits her with the quotation after the colon.
SPEECH_NOUNS = {"message", "statement", "answer", "reply", "response", "verdict", "advice", "words", "word"}
SPEECH_NOUNS |= {"argument", "point", "warning", "plea", "promise", "pitch", "instruction", "instructions"}


def subject_of(doc: Doc, people: People, verb: Token) -> tuple[Token, int] | None:
    """The subject of a speech verb (its nsubj, an apposed name preferred, or the name beside it) and
    where the subject's phrase starts ("his wife, Mara Grant, added": at "his")."""
    found = _subject_token(doc, people, verb)
    if found is None:
        return None
    subject, phrase = found
    return subject, min(phrase.left_edge.i, subject.left_edge.i)


def _subject_token(doc: Doc, people: People, verb: Token) -> tuple[Token, Token] | None:
    if verb.lower_ == "according":
        to = verb.nbor(1)
        objects = [c for c in to.children if c.dep_ == "pobj"]
        target = objects[0] if objects else (to.nbor(1) if to.i + 1 < len(doc) else None)
        return (target, target) if target is not None else None
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if not subjects and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        subjects = [c for c in verb.head.children if c.dep_ in SUBJECT_DEPS]
    if subjects:
        subject = subjects[0]
        particle = subject.lower_ in NAME_PARTICLES
        while particle and subject.i + 1 < len(doc) and doc[subject.i + 1] in subjects:
            subject = doc[subject.i + 1]  # "al - Masri asked", each word tagged a subject: its last word
        if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            subject = verb.head
        return _apposed_name(doc, people, subject) or subject, subject
    # The parser missed it: "said Glod", "Glod said", "the 84-year-old asked".
    after = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    if after is not None and (after.pos_ == "PROPN" or after.lower_ in PRONOUN_GENDER):
        return after, after
    before = doc[verb.i - 1] if verb.i > 0 else None
    if before is not None and (before.pos_ in ("PROPN", "NOUN", "ADJ") or before.lower_ in PRONOUN_GENDER):
        return before, before
    return None


def _apposed_name(doc: Doc, people: People, subject: Token) -> Token | None:
    """ "the minister, Priya Venkataraman, said", "One of them, Hugo Brennan-Lake, called"."""
    if people.mention_at(subject.i):
        return None
    for token in subject.subtree:
        mention = people.mention_at(token.i)
        if mention and mention.first > 0 and doc[mention.first - 1].text == ",":
            return doc[mention.last - 1]
    return None


def attribution_cue(doc: Doc, people: People, subject: Token, verb: Token | None) -> str:
    """The attribution's words: "said Katia Glod", "Franak Viacorka … wrote", "he added"."""
    mention = people.mention_at(subject.i)
    if mention is not None:
        words = mention.text
    elif subject.pos_ in ("NOUN", "ADJ", "NUM"):
        words = doc[subject.left_edge.i : subject.i + 1].text
    else:
        words = subject.text
    if verb is None:
        return words
    verb_words = "according to" if verb.lower_ == "according" else verb.text
    if verb.i < subject.i:
        gap = subject.left_edge.i - verb.i > (2 if verb.lower_ == "according" else 1)
        return f"{verb_words} … {words}" if gap else f"{verb_words} {words}"
    gap = verb.i - subject.i > 1
    return f"{words} … {verb_words}" if gap else f"{words} {verb_words}"


def reports(verb: Token) -> bool:
    """Whether the verb reports what was said ("said that …"), not merely "claimed a victory"."""
    lemma = "according" if verb.lower_ == "according" else verb.lemma_.lower()
    return lemma in REPORTING_LEMMAS or any(c.dep_ in ("ccomp", "parataxis") for c in verb.children)


def main_clause(verb: Token) -> bool:
    """The verb of a main clause: the root, or a verb coordinated with it."""
    return verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")


def particle_name(doc: Doc, subject: Token) -> str | None:
    """The name with a particle ending at `subject`, as written: "al-Masri" ("al - Masri" to the tokenizer),
    "Dos Santos" at a sentence's start; None when the name has no particle before `subject`. (People.lookup
    matches it in any case, and without the particle.)"""
    start = subject.i
    while start > 0 and (
        (doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper())
        or doc[start - 1].lower_ in NAME_PARTICLES
        or (doc[start - 1].text == "-" and not doc[start - 1].whitespace_)
    ):
        start -= 1
    if doc[start].lower_ not in NAME_PARTICLES or start == subject.i:
        return None
    return doc[start : subject.i + 1].text


def speech_noun_owner(noun: Token) -> Token | None:
    """The owner of a speech noun that introduces a quotation after a colon, as the subject of its clause:
    "Her message was simple:", "Okafor's reply was blunt:" → "Her", "Okafor"."""
    if noun.lower_ not in SPEECH_NOUNS or noun.dep_ not in SUBJECT_DEPS:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    colon = any(t.text == ":" for t in noun.doc[noun.i + 1 : noun.sent.end])
    if owner is None or not colon or owner.lower_ in ("its", "their", "our", "my", "your"):
        return None
    return owner
