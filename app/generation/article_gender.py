"""A person's gender from the article's own words, read before any pronoun is resolved.

A sentence (outside quotation marks) whose subject is the only person it names, and whose he/she/his/her
(never an object's him or her) all agree, tells that person's gender: "Okafor declined to comment as she
left." Nothing is guessed from names.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from app.generation.speaker_names import People
from app.generation.speaker_words import POSSESSIVE_GENDER, PRONOUN_GENDER

_GENDERED = {**POSSESSIVE_GENDER, **{w: g for w, g in PRONOUN_GENDER.items() if g}}  # not "him": an object
_SUBJECTS = {"nsubj", "nsubjpass"}


def learn_genders(doc: Doc, people: People, quoted: Callable[[int], bool]) -> None:
    """Give each person the gender a sentence about them states, where the article has not already."""
    for sentence in doc.sents:
        tokens = [t for t in sentence if not quoted(t.idx)]
        named = {id(m.person): m for t in tokens if (m := people.mention_at(t.i)) is not None}
        if len(named) != 1:
            continue
        mention = next(iter(named.values()))
        if not any(doc[i].dep_ in _SUBJECTS for i in range(mention.first, mention.last)):
            continue
        genders = {
            _GENDERED[t.lower_]
            for t in tokens
            if t.lower_ in _GENDERED and (t.lower_ != "her" or t.dep_ == "poss")  # "questioned her": another
        }
        if len(genders) == 1 and mention.person.gender is None:
            mention.person.gender = genders.pop()
