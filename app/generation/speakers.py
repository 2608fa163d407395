"""Who speaks: the subject of every speech verb, resolved to the person the article introduces.

The article is read in order. A name resolves to the person named in full (explicit name, surname, first
name); a description ("the minister", "a senior analyst", "his former adviser") to the person introduced with
that role; a pronoun (he, she, they) to the last compatible person named as the subject of a sentence, going
back sentence by sentence over at most two paragraphs, else to the last compatible person named at all. "He
added" prefers the speaker just before. Gender comes only from the article (an honorific, a gendered noun,
his/her in the person's apposition, or an earlier he/she resolved to them); otherwise any pronoun fits.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from app.generation.speaker_names import People, Person
from app.generation.speaker_words import (
    ADDITIVE_LEMMAS,
    ORG_NOUNS,
    ORG_WORDS,
    PRONOUN_GENDER,
    RELATIVE_PRONOUNS,
    REPORTING_LEMMAS,
    is_speech_verb,
)

# How sure an attribution is, by how its speaker was found; quotes.py lowers it for inherited quotes.
CONFIDENCE = {
    "explicit name": 0.95,
    "surname": 0.9,
    "first name": 0.8,
    "description": 0.7,
    "pronoun": 0.75,
    "continuation": 0.6,
    "unattributed": 0.1,
}
ORGANISATION_CONFIDENCE = 0.85
DESCRIBED_ORGANISATION_CONFIDENCE = 0.6  # "the company said": the organisation last named
UNKNOWN_NAME_CONFIDENCE = 0.6  # a name the article never introduces
UNRESOLVED_CONFIDENCE = 0.3  # a description or pronoun that matches nobody named
_PRONOUN_WINDOW = 2  # paragraphs a pronoun looks back over, besides its own
_ORGANISATION_LABELS = {"ORG", "GPE"}
_PUBLICATION_WORDS = {"times", "post", "courier", "herald", "journal", "gazette", "tribune", "news"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}


@dataclass(frozen=True)
class Speaker:
    name: str | None  # the person's full name (or an organisation's); None when nobody is named
    role: str | None
    method: str
    confidence: float
    reason: str


@dataclass(frozen=True)
class SpeechEvent:
    """A speech verb outside quotation marks and its resolved subject: "said Katia Glod", "he added"."""

    verb: int  # token index of the verb ("according" for "according to")
    subject: int  # token index of the subject's head
    left: int  # token index where the subject phrase or the verb starts, whichever is first
    at: int  # character offset of the verb
    speaker: Speaker
    reports: bool  # reports what was said ("said that …"), not merely "claimed a victory"


class Discourse:
    """The speech events of a parsed article, resolved in reading order."""

    def __init__(
        self, doc: Doc, people: People, quoted: Callable[[int], bool], paragraph_of: Callable[[int], int]
    ):
        self.doc, self.people, self.quoted, self.paragraph_of = doc, people, quoted, paragraph_of
        self._sentences = list(doc.sents)
        self._sentence_starts = [s.start for s in self._sentences]
        self._subjects: list[tuple[int, Person | None, bool]] = []  # (token, person, plural non-person)
        self._speakers: list[tuple[int, Person]] = []
        self.events = self._read()

    def _read(self) -> list[SpeechEvent]:
        speech: list[tuple[Token, Token | None, int]] = []  # (subject, verb, where the subject phrase starts)
        for token in self.doc:
            if not self.quoted(token.idx) and is_speech_verb(token):
                found = self._subject_of(token)
                if found is not None and not self.quoted(found[0].idx):
                    speech.append((found[0], token, found[1]))
        speaking = {subject.i for subject, _, _ in speech}
        plain = [
            (token, None, token.left_edge.i)
            for token in self.doc
            if token.dep_ in _SUBJECT_DEPS
            and _main_clause(token.head)
            and token.i not in speaking
            and not self.quoted(token.idx)
        ]
        events = []
        for subject, verb, phrase_start in sorted(
            speech + plain, key=lambda p: (p[0].i, p[1].i if p[1] else 0)
        ):
            speaker, person = self._resolve(subject, verb)
            plural = (person is None and subject.tag_ in ("NNS", "NNPS")) or bool(list(subject.conjuncts))
            self._subjects.append((subject.i, person, plural))
            if verb is not None:
                left = min(verb.i, phrase_start)
                events.append(SpeechEvent(verb.i, subject.i, left, verb.idx, speaker, _reports(verb)))
                if person is not None:
                    self._speakers.append((subject.i, person))
        return sorted(events, key=lambda e: e.verb)

    def _subject_of(self, verb: Token) -> tuple[Token, int] | None:
        """The subject of a speech verb (its nsubj, an apposed name preferred, or the name beside it) and
        where the subject's phrase starts ("his wife, Mara Grant, added": at "his")."""
        found = self._subject_token(verb)
        if found is None:
            return None
        subject, phrase = found
        return subject, min(phrase.left_edge.i, subject.left_edge.i)

    def _subject_token(self, verb: Token) -> tuple[Token, Token] | None:
        if verb.lower_ == "according":
            to = verb.nbor(1)
            objects = [c for c in to.children if c.dep_ == "pobj"]
            target = objects[0] if objects else (to.nbor(1) if to.i + 1 < len(self.doc) else None)
            return (target, target) if target is not None else None
        subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
        if not subjects and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
            subjects = [c for c in verb.head.children if c.dep_ in _SUBJECT_DEPS]
        if subjects:
            subject = subjects[0]
            if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                subject = verb.head
            return self._apposed_name(subject) or subject, subject
        # The parser missed it: "said Glod", "Glod said", "the 84-year-old asked".
        after = self.doc[verb.i + 1] if verb.i + 1 < len(self.doc) else None
        if after is not None and (after.pos_ == "PROPN" or after.lower_ in PRONOUN_GENDER):
            return after, after
        before = self.doc[verb.i - 1] if verb.i > 0 else None
        if before is not None and (
            before.pos_ in ("PROPN", "NOUN", "ADJ") or before.lower_ in PRONOUN_GENDER
        ):
            return before, before
        return None

    def _apposed_name(self, subject: Token) -> Token | None:
        """ "the minister, Priya Venkataraman, said", "One of them, Hugo Brennan-Lake, called"."""
        if self.people.mention_at(subject.i):
            return None
        for token in subject.subtree:
            mention = self.people.mention_at(token.i)
            if mention and mention.first > 0 and self.doc[mention.first - 1].text == ",":
                return self.doc[mention.last - 1]
        return None

    def _resolve(self, subject: Token, verb: Token | None) -> tuple[Speaker, Person | None]:
        cue = self._cue(subject, verb)
        if subject.lower_ in PRONOUN_GENDER:
            return self._pronoun(subject, verb, cue)
        if subject.lower_ == "it" and verb is not None:  # "In a statement, it said"
            organisation = self._organisation(subject, None)
            if organisation is not None:
                reason = f"pronoun 'it' ('{cue}') → {organisation}, the organisation last named"
                return Speaker(organisation, None, "pronoun", UNKNOWN_NAME_CONFIDENCE - 0.1, reason), None
        mention = self.people.mention_at(subject.i)
        if mention is not None:
            person = mention.person
            return self._named(person, mention.method, cue, subject.idx), person
        entity = next((e for e in self.doc.ents if e.start <= subject.i < e.end), None)
        if entity is not None and entity.label_ in _ORGANISATION_LABELS and subject.pos_ == "PROPN":
            name = entity.text.removeprefix("the ").removeprefix("The ").removesuffix("’s").removesuffix("'s")
            reason = f"organisation named in the same sentence: '{cue}'"
            return Speaker(name, None, "explicit name", ORGANISATION_CONFIDENCE, reason), None
        if subject.pos_ == "PROPN":
            name = " ".join(
                t.text for t in self.doc[subject.left_edge.i : subject.i + 1] if t.pos_ == "PROPN"
            )
            found = self.people.lookup(name, subject.idx)
            if found is not None:
                return self._named(found[0], found[1], cue, subject.idx), found[0]
            method = "explicit name" if len(name.split()) > 1 else "surname"
            reason = f"'{name}' is named in the same sentence ('{cue}') but nowhere introduced"
            return Speaker(name, None, method, UNKNOWN_NAME_CONFIDENCE, reason), None
        if subject.pos_ in ("NOUN", "ADJ", "NUM"):
            return self._description(subject, cue)
        return Speaker(None, None, "unattributed", CONFIDENCE["unattributed"], f"no person in '{cue}'"), None

    def _named(self, person: Person, method: str, cue: str, at: int) -> Speaker:
        if method == "explicit name":
            reason = f"named in the same sentence: '{cue}'"
        else:
            full = [
                m.start for m in self.people.mentions if m.person is person and m.method == "explicit name"
            ]
            when = "earlier" if full and full[0] < at else "later"
            reason = f"{method} in the same sentence ('{cue}') → {person.name}, named in full {when}"
        return Speaker(person.name, person.role, method, CONFIDENCE[method], reason)

    def _description(self, subject: Token, cue: str) -> tuple[Speaker, Person | None]:
        end = subject.i
        for child in subject.rights:  # "a spokesperson for the airport", not a relative clause after it
            if child.dep_ != "prep":
                break
            end = child.right_edge.i
        phrase = [t for t in self.doc[subject.left_edge.i : end + 1] if not t.is_punct or t.text == "-"] or [
            subject
        ]
        described = self.doc[phrase[0].i : phrase[-1].i + 1].text
        words = {t.lemma_.lower() for t in phrase if t.is_alpha}
        plural = subject.tag_ in ("NNS", "NNPS")
        head = subject.lemma_.lower()
        person = None if plural else self.people.by_description(head, words, subject.idx)
        age = next((t.text for t in phrase if t.like_num and {"year", "old"} <= words), None)
        if age is not None:  # "the 84-year-old": the person the article gives that age
            person = self.people.nearest([p for p in self.people.persons if age in p.ages], subject.idx)
        organisation = self._organisation(subject, head) if person is None and not plural else None
        if organisation is not None:
            reason = f"described as '{described}' ('{cue}') → {organisation}, the organisation last named"
            return Speaker(organisation, None, "description", DESCRIBED_ORGANISATION_CONFIDENCE, reason), None
        if person is None:
            reason = f"described only as '{described}' ('{cue}'); nobody named in the article has that role"
            words_from = next((t for t in phrase if t.dep_ not in ("det", "poss")), None)
            role = self.doc[words_from.i : phrase[-1].i + 1].text if words_from is not None else None
            return Speaker(None, role, "description", UNRESOLVED_CONFIDENCE, reason), None
        introduced = f", introduced as {person.role}" if person.role else ""
        reason = f"described as '{described}' ('{cue}') → {person.name}{introduced}"
        return Speaker(person.name, person.role, "description", CONFIDENCE["description"], reason), person

    def _organisation(self, subject: Token, head: str | None) -> str | None:
        """The organisation "the company", "the ministry" or "it" refers to: the last one named with that
        word, else the last one named in the paragraph or the two before it."""
        if head is not None and head not in ORG_NOUNS:
            return None
        named = []
        for entity in self.doc.ents:
            if entity.end_char > subject.idx:
                break
            person_named = any(self.people.mention_at(t.i) for t in entity)
            if (
                self.quoted(entity.start_char)
                or person_named
                or entity.label_ not in ("ORG", "PRODUCT", "PERSON")
            ):
                continue
            words = entity.text.split()
            if words[-1].lower() in _PUBLICATION_WORDS:
                continue
            named.append(
                (entity.start_char, " ".join(w for w in words if w.lower() != "the").removesuffix("’s"))
            )
        if head is not None and head in ORG_WORDS:
            with_word = [name for _, name in named if head in name.lower().split()]
            if with_word:
                return with_word[-1]
        oldest = self.paragraph_of(subject.idx) - _PRONOUN_WINDOW
        recent = [name for at, name in named if self.paragraph_of(at) >= oldest]
        return recent[-1] if recent else None

    def _pronoun(self, pronoun: Token, verb: Token | None, cue: str) -> tuple[Speaker, Person | None]:
        gender = PRONOUN_GENDER[pronoun.lower_]
        found = self._antecedent(pronoun, gender, verb)
        word = pronoun.lower_
        if found is None:
            reason = f"pronoun '{word}' ('{cue}') has no compatible person named before it"
            return Speaker(None, None, "pronoun", UNRESOLVED_CONFIDENCE, reason), None
        person, why, confidence = found
        if gender and person.gender is None:
            person.gender = gender  # the article has now told us
        if word == "they":
            confidence -= 0.1
        reason = f"pronoun '{word}' ('{cue}') resolves to {person.name}, {why}"
        return Speaker(person.name, person.role, "pronoun", confidence, reason), person

    def _antecedent(
        self, pronoun: Token, gender: str | None, verb: Token | None
    ) -> tuple[Person, str, float] | None:
        def fits(person: Person | None) -> bool:
            return person is not None and (gender is None or person.gender in (None, gender))

        oldest = self.paragraph_of(pronoun.idx) - _PRONOUN_WINDOW
        base = CONFIDENCE["pronoun"]
        if verb is not None and verb.lemma_.lower() in ADDITIVE_LEMMAS and self._speakers:
            at, person = self._speakers[-1]
            if fits(person) and self.paragraph_of(self.doc[at].idx) >= oldest:
                return person, "the speaker just before", base
        index = bisect.bisect_right(self._sentence_starts, pronoun.i) - 1
        for sentence in reversed(self._sentences[: index + 1]):
            if self.paragraph_of(sentence.start_char) < oldest:
                break
            end = min(sentence.end, pronoun.i)
            subjects = [s for s in self._subjects if sentence.start <= s[0] < end]
            if gender is None and subjects and subjects[-1][2]:
                return None  # "they" after a plural subject ("analysts say"): not a person
            for _, person, _ in reversed(subjects):
                if fits(person):
                    return person, "the last person named as the subject of a sentence", base
            named = [
                m.person
                for m in self.people.mentions
                if sentence.start <= m.first < end and not self.quoted(m.start) and _established(m.person)
            ]
            for person in reversed(named):
                if fits(person):
                    return person, "the last person named", base - 0.1

        return None

    def _cue(self, subject: Token, verb: Token | None) -> str:
        """The attribution's words: "said Katia Glod", "Franak Viacorka … wrote", "he added"."""
        mention = self.people.mention_at(subject.i)
        if mention is not None:
            words = mention.text
        elif subject.pos_ in ("NOUN", "ADJ", "NUM"):
            words = self.doc[subject.left_edge.i : subject.i + 1].text
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


def _reports(verb: Token) -> bool:
    lemma = "according" if verb.lower_ == "according" else verb.lemma_.lower()
    return lemma in REPORTING_LEMMAS or any(c.dep_ in ("ccomp", "parataxis") for c in verb.children)


def _main_clause(verb: Token) -> bool:
    """The verb of a main clause: the root, or a verb coordinated with it."""
    return verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")


def _established(person: Person) -> bool:
    """Named in full, or given a role or gender: not a stray one-word entity."""
    return len(person.words) > 1 or person.role is not None or person.gender is not None
