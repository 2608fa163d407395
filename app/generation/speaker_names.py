"""The people an article names: person entities corrected by context, merged by name, with roles and gender.

Candidates come from app.generation.name_spans, app.generation.person_evidence decides which name people,
and a person named in full also claims the candidates that are their surname or first name. Each mention
adds the role (app.generation.name_roles) and gender the article gives. The vocabulary
(app.generation.speaker_words) is general English news usage, none of it about a particular article.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from app.generation.name_roles import (
    MAX_ROLE_TOKENS,
    apposed_to,
    role_after,
    role_before,
    role_in_clause,
)
from app.generation.name_spans import NameCandidate, name_candidates
from app.generation.person_evidence import aged, is_person
from app.generation.speaker_words import (
    GENDERED_NOUNS,
    HONORIFICS,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    NICKNAMES,
    POSSESSIVE_GENDER,
    PRONOUN_GENDER,
    bare,
)


@dataclass(eq=False)
class Person:
    """Someone the article names; `name` is the fullest form it gives."""

    name: str
    role: str | None = None
    gender: str | None = None  # "male", "female", or None when the article does not say
    role_words: set[str] = field(default_factory=set)  # lemmas of every role or description given
    ages: set[str] = field(default_factory=set)  # "Oduya, 58," → {"58"}: "the 58-year-old" is this person

    @property
    def words(self) -> list[str]:
        return [w.removesuffix(",") for w in self.name.split()]  # "Greer," of "Thomas E. Greer, Jr."

    @property
    def surname(self) -> str:
        """The last word before any suffix: "Brandt" of "Walter J. Brandt III"."""
        words = self.words
        while len(words) > 2 and bare(words[-1]) in NAME_SUFFIXES:
            words = words[:-1]
        return words[-1]


@dataclass(frozen=True)
class NameMention:
    first: int  # token range of the name's words
    last: int
    start: int  # character range of the name's words
    end: int
    text: str
    person: Person
    method: str  # how this mention names the person: "explicit name", "surname" or "first name"


class People:
    """The article's people and every mention of them by name, in text order."""

    def __init__(self, persons: list[Person], mentions: list[NameMention]) -> None:
        self.persons = persons
        self.mentions = mentions
        self._by_token = {i: m for m in mentions for i in range(m.first, m.last)}

    def mention_at(self, token_index: int) -> NameMention | None:
        return self._by_token.get(token_index)

    def nearest(self, persons: Iterable[Person], at: int) -> Person | None:
        """Of `persons`, the one named last before offset `at`, else the one named first after it."""
        wanted = set(map(id, persons))
        before = [m for m in self.mentions if id(m.person) in wanted and m.start < at]
        after = [m for m in self.mentions if id(m.person) in wanted and m.start >= at]
        if before:
            return max(before, key=lambda m: m.start).person
        return min(after, key=lambda m: m.start).person if after else None

    def lookup(self, name: str, at: int, gender: str | None = None) -> tuple[Person, str] | None:
        """The person a name refers to near offset `at`, and how: explicit name, surname or first name
        (`gender`, from an honorific such as "Mrs", rules out people the article gives the other gender)."""
        key = name.casefold()
        persons = [p for p in self.persons if gender is None or p.gender in (None, gender)]
        exact = [p for p in persons if p.name.casefold() == key]
        if exact:
            return self.nearest(exact, at) or exact[0], "explicit name"
        words = key.split()
        full = [p for p in persons if len(p.words) > 1]
        surname = [p for p in full if p.surname.casefold() == words[-1]]
        if len(words) > 1:  # "Mr Renner", "Katia A. Glod", "Bob Hale": the same surname and first name
            surname = [p for p in surname if _same_first(p.words[0].casefold(), words[0])]
        if not surname:  # "van der Berg", "Ferrer" (of Lucía Ferrer Montoya): any surname part
            surname = [p for p in full if key in _surname_forms(p)]
        if surname:
            return self.nearest(surname, at) or surname[0], "surname"
        first = [p for p in full if len(words) == 1 and p.words[0].casefold() == key]
        first = first or [p for p in full if len(words) == 1 and p.words[0].casefold() == NICKNAMES.get(key)]
        if first:
            return self.nearest(first, at) or first[0], "first name"
        return None

    def by_description(self, head: str, words: set[str], at: int) -> Person | None:
        """The person whose role has the description's head noun ("the minister", "a senior analyst"),
        sharing most of its words; ties go to the one named nearest before `at`."""
        matching = [p for p in self.persons if head in p.role_words]
        if not matching:
            return None
        best = max(len(words & p.role_words) for p in matching)
        return self.nearest([p for p in matching if len(words & p.role_words) == best], at)


def _same_first(full: str, given: str) -> bool:
    """ "Katia" for "K." or "Katia"; "Bob" for "Robert" (a common short form)."""
    return full[:1] == given[:1] or NICKNAMES.get(given) == full


def _surname_forms(person: Person) -> set[str]:
    """What a later reference may call a person after the first name: "van der Berg", "der Berg", "Berg";
    each part of a double surname ("Ferrer", "Montoya"); "al-Masri" and "Masri"."""
    words = [w.casefold() for w in person.words[1:] if bare(w) not in NAME_SUFFIXES]
    tails = {" ".join(words[k:]) for k in range(len(words))}
    parts = {w for w in words if w not in NAME_PARTICLES and len(w.rstrip(".")) > 1}
    unprefixed = {w.split("-", 1)[1] for w in parts if w.split("-", 1)[0] in NAME_PARTICLES}
    return tails | parts | unprefixed


def find_people(doc: Doc) -> People:
    """Every person the parsed article names, with the role and gender it gives them."""
    candidates = name_candidates(doc)
    votes: dict[str, Counter] = {}
    for c in candidates:
        votes.setdefault(c.name(doc).casefold(), Counter())[c.label or "PROPN"] += 1
    accepted = [
        c
        for c in candidates
        if not c.particle_first(doc) and is_person(doc, c, votes[c.name(doc).casefold()])
    ]
    full = {c.name(doc).casefold() for c in accepted if len(c.name(doc).split()) > 1}
    parts = {w.casefold() for name in full for w in name.split()}
    parts |= {form for name in full for form in _surname_forms(Person(name))}  # "dos santos"
    linked = [c for c in candidates if c not in accepted and c.name(doc).casefold() in parts]
    chosen = sorted(accepted + linked, key=lambda c: c.first)
    return _register(doc, chosen)


def _register(doc: Doc, chosen: list[NameCandidate]) -> People:
    """Persons from the chosen names (a full name first, then shorter forms linked to it), with roles."""
    persons: list[Person] = []
    mentions: list[NameMention] = []
    people = People(persons, mentions)
    ordered = sorted(chosen, key=lambda c: (len(c.name(doc).split()) == 1, c.first))  # full names first
    for c in ordered:
        name = c.name(doc)
        genders = {HONORIFICS.get(bare(t.text)) for t in c.titles} - {None}
        found = people.lookup(name, doc[c.first].idx, genders.pop() if len(genders) == 1 else None)
        if found is None:
            person, method = Person(name), "explicit name"
            persons.append(person)
        else:
            person, method = found
        start, end = doc[c.first].idx, doc[c.last - 1].idx + len(doc[c.last - 1])
        mentions.append(NameMention(c.first, c.last, start, end, name, person, method))
        _describe(doc, c, person)
    mentions.sort(key=lambda m: m.first)
    return People(persons, mentions)


def _describe(doc: Doc, c: NameCandidate, person: Person) -> None:
    """Give the person this mention's role (the first one the article gives wins) and gender hints."""
    after = role_after(doc, c.last, strict=False)
    roles = [
        tokens for tokens in (after[0] if after and not after[1] else None, apposed_to(doc, c)) if tokens
    ]
    roles.append(role_before(doc, c))
    roles.append(role_in_clause(doc, c.last))
    if after and after[1]:
        roles.append(after[0])
    if aged(doc, c):
        person.ages.add(doc[c.last + 1].text)
    for tokens in roles:
        person.ages |= {
            t.text for t in tokens if t.like_num and t.i + 2 < len(doc) and doc[t.i + 2].lower_ == "year"
        }
    for tokens in roles:
        person.role_words |= {
            t.lemma_.lower() for t in tokens if t.is_alpha and bare(t.text) not in HONORIFICS
        }
    main = next((tokens for tokens in roles[:4] if tokens), None)
    if main and person.role is None:
        person.role = _text_of(doc, main)
    hints = _gender_hints(doc, c, [t for tokens in roles for t in tokens])
    if len(hints) == 1 and person.gender is None:
        person.gender = hints.pop()


def _gender_hints(doc: Doc, c: NameCandidate, role: list[Token]) -> set[str]:
    hints = {HONORIFICS.get(bare(t.text)) for t in c.titles} | {GENDERED_NOUNS.get(t.lower_) for t in role}
    if c.last < len(doc) and doc[c.last].text == ",":  # the name's apposition or relative clause
        for t in doc[c.last + 1 : c.last + 3 * MAX_ROLE_TOKENS]:
            if t.is_sent_start or (doc[t.i - 1].text == "," and _finite(t)):
                break  # ", said …": the clause's own verb
            hints.add(POSSESSIVE_GENDER.get(t.lower_) or PRONOUN_GENDER.get(t.lower_))
    return {h for h in hints if h}


def _finite(token: Token) -> bool:
    return token.tag_ in ("VBD", "VBZ", "VBP", "MD")


def _text_of(doc: Doc, tokens: list[Token]) -> str:
    return doc[tokens[0].i : tokens[-1].i + 1].text if tokens else ""
