"""Who speaks: the subject of every speech verb, resolved to the person the article introduces.

The article is read in order. A name resolves to the person named in full (explicit name, surname, first
name); a description ("the minister", "a senior analyst", "his former adviser") to the person introduced with
that role; a pronoun (he, she, they) to the person it refers to (app.generation.antecedents). Each speech
verb's subject comes from app.generation.speech_subjects. An organisation is credited by the full name it was
introduced with; "the company" may refer to the last one named, but "the ministry" or "the museum" only to
one named with that word (never a person whose role mentions it), and an organisation never named ("the
finance ministry") is nobody. A date is never anyone; "Her message was simple: “…”" is hers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from app.generation.antecedents import PRONOUN_WINDOW, Antecedents
from app.generation.name_spans import name_text
from app.generation.speaker_names import People, Person
from app.generation.speaker_words import (
    DATE_WORDS,
    ORG_NOUNS,
    ORG_WORDS,
    POSSESSIVE_GENDER,
    PRONOUN_GENDER,
    is_speech_verb,
)
from app.generation.speech_subjects import (
    SUBJECT_DEPS,
    attribution_cue,
    main_clause,
    particle_name,
    reports,
    speech_noun_owner,
    subject_of,
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
_ORGANISATION_LABELS = {"ORG", "GPE"}
_GENERIC_ORG_NOUNS = {"company", "group"}  # may refer to any organisation named just before
_PUBLICATION_WORDS = {"times", "post", "courier", "herald", "journal", "gazette", "tribune", "news"}


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
        self._antecedents = Antecedents(doc, people, quoted, paragraph_of)
        self.events = self._read()

    def _read(self) -> list[SpeechEvent]:
        speech: list[tuple[Token, Token | None, int]] = []  # (subject, verb, where the subject phrase starts)
        for token in self.doc:
            if not self.quoted(token.idx) and is_speech_verb(token):
                found = subject_of(self.doc, self.people, token)
                if found is not None and not self.quoted(found[0].idx):
                    speech.append((found[0], token, found[1]))
        for noun in self.doc:  # "Her message was simple: “…”"
            owner = speech_noun_owner(noun)
            if owner is not None and not self.quoted(noun.idx):
                speech.append((owner, noun, owner.i))
        speaking = {subject.i for subject, _, _ in speech}
        plain = [
            (token, None, token.left_edge.i)
            for token in self.doc
            if token.dep_ in SUBJECT_DEPS
            and (main_clause(token.head) or self._crosses_paragraphs(token.head))
            and token.i not in speaking
            and not self.quoted(token.idx)
        ]
        events = []
        for subject, verb, phrase_start in sorted(
            speech + plain, key=lambda p: (p[0].i, p[1].i if p[1] else 0)
        ):
            speaker, person = self._resolve(subject, verb)
            members = [  # "Mr Okafor and his daughter": each may be a "she" later, both a "they"
                (c, self._resolve(c, None)[1])
                for c in subject.conjuncts
                if c.pos_ in ("PROPN", "NOUN") and not self.quoted(c.idx)
            ]
            self._antecedents.add_subject(subject, person, members)
            if verb is not None:
                left = min(verb.i, phrase_start)
                events.append(SpeechEvent(verb.i, subject.i, left, verb.idx, speaker, reports(verb)))
                if person is not None:
                    self._antecedents.speakers.append((subject.i, person))
        return sorted(events, key=lambda e: e.verb)

    def _crosses_paragraphs(self, verb: Token) -> bool:
        """A clause the parser hung on a verb in another paragraph: the main clause of its own sentence."""
        return self.paragraph_of(verb.head.idx) != self.paragraph_of(verb.idx)

    def _resolve(self, subject: Token, verb: Token | None) -> tuple[Speaker, Person | None]:
        cue = attribution_cue(self.doc, self.people, subject, verb)
        if subject.lower_ in PRONOUN_GENDER or (
            subject.dep_ == "poss" and subject.lower_ in POSSESSIVE_GENDER
        ):
            return self._pronoun(subject, verb, cue)
        if subject.lower_ == "it" and verb is not None:  # "In a statement, it said"
            organisation = self._organisation(subject, None)
            if organisation is not None:
                reason = f"pronoun 'it' ('{cue}') → {organisation}, the organisation last named"
                return Speaker(organisation, None, "pronoun", UNKNOWN_NAME_CONFIDENCE - 0.1, reason), None
        if subject.lower_ in DATE_WORDS:
            return Speaker(None, None, "unattributed", CONFIDENCE["unattributed"], f"a date in '{cue}'"), None
        mention = self.people.mention_at(subject.i)
        if mention is not None:
            person = mention.person
            return self._named(person, mention.method, cue, subject.idx), person
        found = self._with_particle(subject)
        if found is not None:  # "al-Rashid asked", "Dos Santos" at a sentence's start
            return self._named(found[0], found[1], cue, subject.idx), found[0]
        entity = next((e for e in self.doc.ents if e.start <= subject.i < e.end), None)
        proper = subject.pos_ == "PROPN" and subject.text[:1].isupper()  # "ministry": a mislabeled noun
        if entity is not None and entity.label_ in _ORGANISATION_LABELS and proper:
            name = entity.text.removeprefix("the ").removeprefix("The ").removesuffix("’s").removesuffix("'s")
            found = self.people.lookup(name, subject.idx)
            if found is not None:  # "de Vries said", tagged ORG: a person the article introduced
                return self._named(found[0], found[1], cue, subject.idx), found[0]
            name = self._full_organisation(name, subject.idx)
            reason = f"organisation named in the same sentence: '{cue}'"
            return Speaker(name, None, "explicit name", ORGANISATION_CONFIDENCE, reason), None
        if proper:
            name = name_text([t for t in self.doc[subject.left_edge.i : subject.i + 1] if t.pos_ == "PROPN"])
            found = self.people.lookup(name, subject.idx)
            if found is not None:
                return self._named(found[0], found[1], cue, subject.idx), found[0]
            method = "explicit name" if len(name.split()) > 1 else "surname"
            reason = f"'{name}' is named in the same sentence ('{cue}') but nowhere introduced"
            return Speaker(name, None, method, UNKNOWN_NAME_CONFIDENCE, reason), None
        if subject.pos_ in ("NOUN", "ADJ", "NUM", "PROPN"):
            return self._description(subject, cue)
        return Speaker(None, None, "unattributed", CONFIDENCE["unattributed"], f"no person in '{cue}'"), None

    def _with_particle(self, subject: Token) -> tuple[Person, str] | None:
        """The person a name with a particle refers to, looked up as written ("al-Masri", not the tokenizer's
        "al - Masri")."""
        name = particle_name(self.doc, subject) if subject.pos_ == "PROPN" else None
        return self.people.lookup(name, subject.idx) if name else None

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
        by_role = not plural and head not in ORG_NOUNS | ORG_WORDS  # "the museum" is no "museum's curator"
        person = self.people.by_description(head, words, subject.idx) if by_role else None
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
        if head is not None and head not in ORG_NOUNS | ORG_WORDS:
            return None
        named = []
        for entity in self.doc.ents:
            if entity.end_char > subject.idx:
                break
            person_named = any(self.people.mention_at(t.i) for t in entity)
            building = entity.label_ in ("FAC", "GPE") and any(t.lower_ in ORG_WORDS for t in entity)
            if (
                self.quoted(entity.start_char)
                or person_named
                or (entity.label_ not in ("ORG", "PRODUCT", "PERSON") and not building)
            ):
                continue  # a museum, a hospital the tagger calls a building still speaks
            words = entity.text.split()
            if words[-1].lower() in _PUBLICATION_WORDS or not any(w[:1].isupper() for w in words):
                continue
            named.append(
                (entity.start_char, " ".join(w for w in words if w.lower() != "the").removesuffix("’s"))
            )
        if head is not None and head in ORG_WORDS:
            with_word = [name for _, name in named if head in name.lower().split()]
            if with_word:
                return self._full_organisation(with_word[-1], subject.idx)
            if head not in _GENERIC_ORG_NOUNS:
                return None  # "the finance ministry", and no ministry named: not a speaker
        oldest = self.paragraph_of(subject.idx) - PRONOUN_WINDOW
        recent = [name for at, name in named if self.paragraph_of(at) >= oldest]
        return recent[-1] if recent else None

    def _full_organisation(self, name: str, before: int) -> str:
        """The full name an organisation was introduced with: "Rivers Authority" → "Lenn Valley Rivers
        Authority", named earlier."""
        words = name.casefold().split()
        for entity in self.doc.ents:
            if entity.start_char >= before:
                break
            full = [
                w for w in entity.text.removesuffix("’s").removesuffix("'s").split() if w.lower() != "the"
            ]
            if (
                entity.label_ == "ORG"
                and len(full) > len(words)
                and [w.casefold() for w in full][-len(words) :] == words
            ):
                return " ".join(full)
        return name

    def _pronoun(self, pronoun: Token, verb: Token | None, cue: str) -> tuple[Speaker, Person | None]:
        gender = PRONOUN_GENDER.get(pronoun.lower_) or POSSESSIVE_GENDER.get(pronoun.lower_)
        found = self._antecedents.find(pronoun, gender, verb, CONFIDENCE["pronoun"])
        word = pronoun.lower_
        if found is None:
            reason = f"pronoun '{word}' ('{cue}') has no compatible person named before it"
            return Speaker(None, None, "pronoun", UNRESOLVED_CONFIDENCE, reason), None
        person, why, confidence = found
        if word == "they":
            confidence -= 0.1
        reason = f"pronoun '{word}' ('{cue}') resolves to {person.name}, {why}"
        return Speaker(person.name, person.role, "pronoun", confidence, reason), person
