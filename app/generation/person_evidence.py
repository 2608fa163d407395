"""Whether a candidate name names a person: the article's context outweighs the small model's label.

A PERSON entity is dropped when context says otherwise (a single word after "in"/"to"/"on": a place or a
medium; a word the article mostly tags as a place or organisation; a name modifying a noun, "Brightloom
staff", "Vellmar-based"; a name after an organisation noun, "the ferry operator Northsound Marine"); an
ORG/GPE/unlabelled proper noun is a person when the article says so (an apposition headed by a person noun,
"Franak Viacorka, a Belarusian journalist"; an age, "Ana, 9,"; "X, who …"; a title or honorific; a speech verb
governing a two-word name; the same word tagged PERSON elsewhere).
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from app.generation.name_roles import apposed_to, role_after
from app.generation.name_spans import NameCandidate
from app.generation.speaker_words import (
    DATE_WORDS,
    HONORIFICS,
    ORG_NOUNS,
    ORG_WORDS,
    PLACE_PREPOSITIONS,
    PLACE_WORDS,
    POSSESSIVE,
    TITLE_WORDS,
    bare,
    is_speech_verb,
    is_title,
)


def is_person(doc: Doc, c: NameCandidate, votes: Counter) -> bool:
    """`votes` counts the labels the article gives this name ("PROPN" where no entity covers it)."""
    single = len(c.words(doc)) == 1
    if single and bare(doc[c.first].text) in DATE_WORDS:
        return False  # "in November, the mayor …": a date
    titled = any(bare(t.text) in TITLE_WORDS or bare(t.text) in HONORIFICS for t in c.titles)
    relative_who = doc[c.last : c.last + 2].text in (", who", ", whose")
    evidence = bool(titled or role_after(doc, c.last) or apposed_to(doc, c) or aged(doc, c) or relative_who)
    if _organisation_named(doc, c) or (_modifies(doc, c) and not evidence):
        return False
    place = any(bare(w.text) in PLACE_WORDS for w in c.words(doc))
    person_votes = votes["PERSON"]
    place_votes = sum(n for label, n in votes.items() if label in ("GPE", "LOC", "FAC", "ORG"))
    if c.label == "PERSON":
        after_preposition = c.first > 0 and doc[c.first - 1].lower_ in PLACE_PREPOSITIONS
        after_preposition = after_preposition and not (c.first > 1 and doc[c.first - 2].lower_ == "according")
        placed = after_preposition or place_votes > person_votes
        return evidence or not ((single or place) and placed)
    if evidence:
        return True
    if not single and _speech_subject(doc, c):
        return True
    return single and person_votes > place_votes


def _speech_subject(doc: Doc, c: NameCandidate) -> bool:
    root = doc[c.first : c.last].root
    governed = root.dep_ in ("nsubj", "nsubjpass") and is_speech_verb(root.head)
    according = c.first > 1 and doc[c.first - 2].lower_ == "according" and doc[c.first - 1].lower_ == "to"
    return governed or according or (c.first > 0 and is_speech_verb(doc[c.first - 1]))


def _modifies(doc: Doc, c: NameCandidate) -> bool:
    """A name used as a modifier: "Brightloom staff", "OpenAI CEO Sam Altman"."""
    root = doc[c.first : c.last].root
    following = doc[c.last] if c.last < len(doc) else None
    if following is None:
        return False
    if is_title(following.text) and following.text[:1].isupper():
        return True
    if following.text == "-" and not doc[c.last - 1].whitespace_:
        return True  # "Vellmar-based"
    if following.lower_ in POSSESSIVE and c.last + 1 < len(doc):
        owned = doc[c.last + 1]  # "St Brigid’s Hospital"
        return owned.text[:1].isupper() and bare(owned.text) in ORG_WORDS | PLACE_WORDS
    return root.dep_ == "compound" and root.head.i >= c.last and root.head.pos_ == "NOUN"


def _organisation_named(doc: Doc, c: NameCandidate) -> bool:
    """A name after an organisation noun: "the ferry operator Northsound Marine", "startup Deepdee"."""
    before = min([t.i for t in c.titles] + [c.first]) - 1
    return before >= 0 and doc[before].pos_ == "NOUN" and doc[before].lemma_.lower() in ORG_NOUNS


def aged(doc: Doc, c: NameCandidate) -> bool:
    """ "Ana, 9, …": an age in apposition."""
    after = doc[c.last : c.last + 3]
    return len(after) == 3 and after[0].text == "," and after[1].like_num and after[2].text == ","
