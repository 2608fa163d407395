"""What a pronoun (he, she, they) refers to, from the people named before it.

The last compatible person named as the subject of a sentence, going back sentence by sentence over at most
two paragraphs, else the last compatible person named at all; "He added" prefers the speaker just before.
Within a sentence, a person the article gives the pronoun's gender comes before one of unknown gender.
Gender comes only from the article (an honorific, a gendered noun, his/her in the person's apposition, or a
sentence about them: app.generation.article_gender), never from resolving a pronoun; otherwise any pronoun
fits. "They" after a group (a couple, "analysts", "four of the teenagers") is nobody, and a group is never
a "he" or "she".
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

from spacy.tokens import Doc, Token

from app.generation.article_gender import learn_genders
from app.generation.speaker_names import People, Person
from app.generation.speaker_words import ADDITIVE_LEMMAS

PRONOUN_WINDOW = 2  # paragraphs a pronoun looks back over, besides its own


class Antecedents:
    """The subjects of sentences and the speakers met so far, in reading order, for later pronouns."""

    def __init__(
        self, doc: Doc, people: People, quoted: Callable[[int], bool], paragraph_of: Callable[[int], int]
    ):
        self.doc, self.people, self.quoted, self.paragraph_of = doc, people, quoted, paragraph_of
        self._sentences = list(doc.sents)
        self._sentence_starts = [s.start for s in self._sentences]
        self.subjects: list[tuple[int, Person | None, bool]] = []  # (token, person, a group)
        self.speakers: list[tuple[int, Person]] = []
        learn_genders(doc, people, quoted)

    def add_subject(self, subject: Token, person: Person | None, members: list[tuple[Token, Person | None]]):
        """A sentence's subject, in reading order; `members` are its conjuncts ("Mr Okafor and his daughter"):
        each may be a later "he" or "she", and the whole a later "they"."""
        if members:
            self.subjects.append((subject.i, person, False))
        self.subjects += [(member.i, found, False) for member, found in members]
        self.subjects.append((subject.i, person, is_group(subject, person)))

    def find(
        self, pronoun: Token, gender: str | None, verb: Token | None, base: float
    ) -> tuple[Person, str, float] | None:
        """The person `pronoun` refers to, why, and how sure: `base`, or a tenth less for one merely named."""

        def fits(person: Person | None) -> bool:
            return person is not None and (gender is None or person.gender in (None, gender))

        oldest = self.paragraph_of(pronoun.idx) - PRONOUN_WINDOW
        if verb is not None and verb.lemma_.lower() in ADDITIVE_LEMMAS and self.speakers:
            at, person = self.speakers[-1]
            if fits(person) and self.paragraph_of(self.doc[at].idx) >= oldest:
                return person, "the speaker just before", base
        return self._search(pronoun, gender, oldest, base)

    def _search(
        self, pronoun: Token, gender: str | None, oldest: int, base: float
    ) -> tuple[Person, str, float] | None:
        """Sentence by sentence back from the pronoun: the last fitting subject, else the last fitting person
        named; within a sentence, one the article gives the pronoun's gender comes before one of unknown
        gender ("she" after "Choi told …, and Asante said …", Choi known to be a woman)."""

        def best(persons: list[Person]) -> Person | None:
            fitting = [p for p in reversed(persons) if gender is None or p.gender in (None, gender)]
            known = [p for p in fitting if gender is not None and p.gender == gender]
            return (known or fitting or [None])[0]

        index = bisect.bisect_right(self._sentence_starts, pronoun.i) - 1
        for sentence in reversed(self._sentences[: index + 1]):
            if self.paragraph_of(sentence.start_char) < oldest:
                break
            end = min(sentence.end, pronoun.i)
            subjects = [s for s in self.subjects if sentence.start <= s[0] < end]
            if pronoun.lower_ == "they" and subjects and subjects[-1][2]:
                return None  # "they" after a plural subject ("analysts say"): not a person
            person = best([person for _, person, group in subjects if person is not None and not group])
            if person is not None:
                return person, "the last person named as the subject of a sentence", base
            named = [
                m.person
                for m in self.people.mentions
                if sentence.start <= m.first < end and not self.quoted(m.start) and _established(m.person)
            ]
            person = best(named)
            if person is not None:
                return person, "the last person named", base - 0.1
        return None


def is_group(subject: Token, person: Person | None) -> bool:
    """A subject naming several people, whom a later "they" means together and no "he" or "she" means:
    "Harold and Ines Varga", "analysts", "two of the nurses", a "they" that meant no one person."""
    if subject.conjuncts:
        return True
    if person is not None:
        return False
    if subject.lower_ in ("they", "we"):
        return True
    return subject.tag_ in ("NNS", "NNPS") or (subject.pos_ == "NUM" and subject.lower_ != "one")


def _established(person: Person) -> bool:
    """Named in full, or given a role or gender: not a stray one-word entity."""
    return len(person.words) > 1 or person.role is not None or person.gender is not None
