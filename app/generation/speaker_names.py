"""The people an article names: person entities corrected by context, merged by name, with roles and gender.

The small model's labels are a starting point only. A PERSON entity is dropped when context says otherwise (a
single word after "in"/"to"/"on": a place or a medium; a word the article mostly tags as a place or
organisation; a name modifying a noun, "Brightloom staff", "Vellmar-based"; a name after an organisation
noun, "the ferry operator Northsound Marine"); an ORG/GPE/unlabelled proper noun is a person when the article
says so (an apposition headed by a person noun, "Franak Viacorka, a Belarusian journalist"; an age, "Ana,
9,"; "X, who …"; a title or honorific; a speech verb governing a two-word name; the same word tagged PERSON
elsewhere; the surname of a person named in full). Names the model split ("Dr Amrit" + "Sandhu") are joined;
possessors ("Deepdee’s Kuzmenkov"), titles ("Councillor …") and line breaks are cut from names. Roles come
from the apposition after the name, the person noun it is apposed to ("the minister, X,"), a title before it
("chief executive X") or a relative clause ("X, who chairs …"). The vocabulary below (titles, person and
organisation nouns, speech verbs) is general English news usage, none of it about a particular article.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from app.generation.speaker_words import (
    GENDERED_NOUNS,
    HONORIFICS,
    NAME_PARTICLES,
    ORG_NOUNS,
    ORG_WORDS,
    PLACE_PREPOSITIONS,
    PLACE_WORDS,
    POSSESSIVE_GENDER,
    PRONOUN_GENDER,
    ROLE_VERBS,
    TITLE_WORDS,
    bare,
    is_person_noun,
    is_speech_verb,
    is_title,
)

NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT"}
_POSSESSIVE = {"’s", "'s", "’", "'"}
_NAME_WORD = re.compile(r"[^\W\d_]+(?:[’'.][^\W\d_]*)*\.?")
_ROLE_STOP_WORDS = {"who", "whom", "whose", "which", "that", "where", "when", "then", "now", "since", "while"}
_ROLE_STOP_WORDS |= {"because", "although", "currently", "until", "after", "before", "as", "and", "but"}
_ROLE_STOP_PUNCT = {",", ".", ";", ":", "—", "–", "!", "?", '"', "“", "”", "‘"}
_DETERMINERS = {"a", "an", "the"}
_RELATIVE_DETERMINERS = {"his", "her", "their", "its", "our", "my", "your"}
_MAX_ROLE_TOKENS = 25


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
        return self.name.split()


@dataclass(frozen=True)
class NameMention:
    first: int  # token range of the name's words
    last: int
    start: int  # character range of the name's words
    end: int
    text: str
    person: Person
    method: str  # how this mention names the person: "explicit name", "surname" or "first name"


@dataclass
class _Candidate:
    first: int
    last: int
    label: str
    titles: list[Token]

    def name(self, doc: Doc) -> str:
        return " ".join(
            doc[self.first : self.last].text.split()  # Span.text: Doc.text would rebuild the whole text
        )

    def words(self, doc: Doc) -> list[Token]:
        return [t for t in doc[self.first : self.last] if t.text != "-"]


def _raw_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """Entity spans that could name a person, and runs of proper nouns no entity covers."""
    spans, covered = [], set()
    for ent in doc.ents:
        if ent.label_ in NAME_LABELS:
            spans.append((ent.start, ent.end, ent.label_))
            covered.update(range(ent.start, ent.end))
    i = 0
    while i < len(doc):
        if i in covered or doc[i].pos_ != "PROPN" or not doc[i].text[:1].isupper():
            i += 1
            continue
        j = i + 1
        while j < len(doc) and j not in covered and "\n" not in doc[j - 1].whitespace_:
            if doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
                j += 1
            elif _joins(doc, j):
                j += 2
            else:
                break
        spans.append((i, j, ""))
        i = j
    return sorted(spans)


def _joins(doc: Doc, j: int) -> bool:
    """A hyphen joining two capitalised words without spaces: Brennan-Lake."""
    return (
        doc[j].text == "-"
        and j + 1 < len(doc)
        and not doc[j - 1].whitespace_
        and not doc[j].whitespace_
        and doc[j + 1].text[:1].isupper()
    )


def _core(doc: Doc, start: int, end: int, label: str) -> _Candidate | None:
    """The name's own words: no line break, possessor, possessive ending, article, title or honorific."""
    for k in range(start + 1, end):
        if "\n" in doc[k - 1].whitespace_ or "\n" in doc[k].text:
            end = k
            break
    for k in range(start, end - 1):
        if doc[k].lower_ in _POSSESSIVE:
            start = k + 1
    while end > start and (doc[end - 1].lower_ in _POSSESSIVE or doc[end - 1].is_punct):
        end -= 1
    titles = []
    while start > 0 and is_title(doc[start - 1].text) and doc[start - 1].text[:1].isupper():
        start -= 1  # "Dr. Samuel Achterberg": the honorific outside the entity
    while start < end and (doc[start].lower_ in _DETERMINERS or is_title(doc[start].text)):
        if doc[start].lower_ not in _DETERMINERS:
            titles.append(doc[start])
        start += 1
    if start >= end or not _name_shaped(doc[start:end], label):
        return None
    return _Candidate(start, end, label, titles)


def _name_shaped(span: Span, label: str) -> bool:
    words = span.text.split()  # hyphenated parts stay together: Brennan-Lake
    if not 1 <= len(words) <= 7 or words[0].lower() in NAME_PARTICLES:
        return False
    for word in words:
        if word.lower() in NAME_PARTICLES:
            continue
        parts = word.split("-")
        if bare(word) in ORG_WORDS or (bare(word) in PLACE_WORDS and label != "PERSON"):
            return False
        if not all(p[:1].isupper() and _NAME_WORD.fullmatch(p) for p in parts):
            return False
        if any(len(p) >= 2 and p.isupper() and p not in ("II", "III", "IV") for p in parts):
            return False  # an acronym: IT, IHS, KGB
    return True


def _speech_subject(doc: Doc, c: _Candidate) -> bool:
    root = doc[c.first : c.last].root
    governed = root.dep_ in ("nsubj", "nsubjpass") and is_speech_verb(root.head)
    according = c.first > 1 and doc[c.first - 2].lower_ == "according" and doc[c.first - 1].lower_ == "to"
    return governed or according or (c.first > 0 and is_speech_verb(doc[c.first - 1]))


def role_in_clause(doc: Doc, last: int) -> list[Token]:
    """A role in a relative clause: "X, who chairs the Traders’ Association," → "chairs the … Association"."""
    if last + 2 >= len(doc) or doc[last].text != "," or doc[last + 1].lower_ != "who":
        return []
    verb = doc[last + 2]
    if verb.lemma_.lower() not in ROLE_VERBS or verb.pos_ != "VERB":
        return []
    tokens = []
    for t in doc[verb.i : verb.i + _MAX_ROLE_TOKENS]:
        if (
            (t.is_sent_start and tokens)
            or t.text in _ROLE_STOP_PUNCT
            or t.lower_ in _ROLE_STOP_WORDS - {"and"}
        ):
            break
        tokens.append(t)
    return tokens


def role_after(doc: Doc, last: int, strict: bool = True) -> tuple[list[Token], bool] | None:
    """The apposition after a name, "X, a Belarusian journalist and … fellow at the Atlantic Council, …":
    (the role's tokens without article, whether it is relative like "his former adviser"). Its head must
    be a person noun; unless `strict`, any noun after an article will do ("X, the lamplighter,")."""
    i = last
    if i + 1 >= len(doc) or doc[i].text != ",":
        return None
    i += 1
    if doc[i].like_num and i + 1 < len(doc) and doc[i + 1].text == ",":
        i += 2  # an age: "Achterberg, 71, a surgeon"
    tokens: list[Token] = []
    depth = 0
    while i < len(doc) and len(tokens) <= _MAX_ROLE_TOKENS:
        t = doc[i]
        if tokens and ("\n" in doc[i - 1].whitespace_ or t.is_sent_start):
            break
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and (t.text in _ROLE_STOP_PUNCT or (tokens and t.lower_ in _ROLE_STOP_WORDS)):
            if not (t.lower_ == "and" and _continues_role(doc, i)):
                break
        elif depth == 0 and t.lower_ == "in" and i + 1 < len(doc) and doc[i + 1].lower_ in POSSESSIVE_GENDER:
            break  # "in his mid-twenties"
        elif t.pos_ == "AUX" or t.tag_ == "MD" or is_speech_verb(t) or (not tokens and t.pos_ == "VERB"):
            break
        tokens.append(t)
        i += 1
    relative = bool(tokens) and tokens[0].lower_ in _RELATIVE_DETERMINERS
    determined = bool(tokens) and tokens[0].lower_ in _DETERMINERS | _RELATIVE_DETERMINERS
    while tokens and (tokens[0].lower_ in _DETERMINERS | _RELATIVE_DETERMINERS):
        tokens.pop(0)
    while tokens and tokens[-1].pos_ in ("ADP", "DET", "CCONJ", "PUNCT") and tokens[-1].text != ")":
        tokens.pop()  # "the founder of, was forced": a word missing from the article
    if not tokens or len(tokens) > _MAX_ROLE_TOKENS or tokens[0].pos_ in ("ADP", "PRON", "SCONJ", "AUX"):
        return None
    head_part = []
    for t in tokens:
        if t.pos_ == "ADP" and t.text != "-":
            break
        head_part.append(t)
    if any(_one_person(t) for t in head_part):
        return tokens, relative
    nouns = [t for t in head_part if t.pos_ == "NOUN" and t.tag_ == "NN"]
    loose = not strict and determined and nouns and nouns[-1].lemma_.lower() not in ORG_NOUNS
    return (tokens, relative) if loose else None


def _one_person(token: Token) -> bool:
    """A singular person noun: "X, a journalist" names X; "X, analysts say" does not."""
    return is_person_noun(token) and token.tag_ not in ("NNS", "NNPS")


def _continues_role(doc: Doc, i: int) -> bool:
    """ "a journalist and non-resident fellow": "and" joins another person noun, not a new clause."""
    following = []
    for t in doc[i + 1 : i + 6]:
        if t.is_punct and t.text != "-":
            break
        following.append(t)
    return any(is_person_noun(t) for t in following) and not any(t.pos_ in ("VERB", "AUX") for t in following)


def role_before(doc: Doc, c: _Candidate) -> list[Token]:
    """A title before the name: "Belarusian President", "chief executive", "former … prime minister"."""
    i = min([t.i for t in c.titles] + [c.first]) - 1
    walked: list[Token] = []
    while i >= 0 and len(walked) < 6 and not doc[i + 1].is_sent_start:
        t = doc[i]
        if t.lower_ in _POSSESSIVE or (t.pos_ not in ("NOUN", "PROPN", "ADJ") and t.text != "-"):
            break
        walked.insert(0, t)
        i -= 1
    tokens = [t for t in walked + c.titles if bare(t.text) not in HONORIFICS]
    if tokens and (is_person_noun(tokens[-1]) or bare(tokens[-1].text) in TITLE_WORDS):
        return tokens
    return []


def _apposed_to(doc: Doc, c: _Candidate) -> list[Token]:
    """The person noun phrase a name is in apposition to: "its senior physician, Dr. Samuel Achterberg,"."""
    j = min([t.i for t in c.titles] + [c.first]) - 1
    if j < 1 or doc[j].text != "," or not _one_person(doc[j - 1]):
        return []
    phrase: list[Token] = []
    for t in reversed(doc[max(0, j - 6) : j]):
        if (t.pos_ not in ("NOUN", "PROPN", "ADJ") and t.text != "-") or t.lower_ in _POSSESSIVE:
            break
        phrase.insert(0, t)
    return phrase


def _modifies(doc: Doc, c: _Candidate) -> bool:
    """A name used as a modifier: "Brightloom staff", "OpenAI CEO Sam Altman"."""
    root = doc[c.first : c.last].root
    following = doc[c.last] if c.last < len(doc) else None
    if following is None:
        return False
    if is_title(following.text) and following.text[:1].isupper():
        return True
    if following.text == "-" and not doc[c.last - 1].whitespace_:
        return True  # "Vellmar-based"
    if following.lower_ in _POSSESSIVE and c.last + 1 < len(doc):
        owned = doc[c.last + 1]  # "St Brigid’s Hospital"
        return owned.text[:1].isupper() and bare(owned.text) in ORG_WORDS | PLACE_WORDS
    return root.dep_ == "compound" and root.head.i >= c.last and root.head.pos_ == "NOUN"


def _organisation_named(doc: Doc, c: _Candidate) -> bool:
    """A name after an organisation noun: "the ferry operator Northsound Marine", "startup Deepdee"."""
    before = min([t.i for t in c.titles] + [c.first]) - 1
    return before >= 0 and doc[before].pos_ == "NOUN" and doc[before].lemma_.lower() in ORG_NOUNS


def _aged(doc: Doc, c: _Candidate) -> bool:
    """ "Ana, 9, …": an age in apposition."""
    after = doc[c.last : c.last + 3]
    return len(after) == 3 and after[0].text == "," and after[1].like_num and after[2].text == ","


def _gender_hints(doc: Doc, c: _Candidate, role: list[Token]) -> set[str]:
    hints = {HONORIFICS.get(bare(t.text)) for t in c.titles} | {GENDERED_NOUNS.get(t.lower_) for t in role}
    if c.last < len(doc) and doc[c.last].text == ",":  # the name's apposition or relative clause
        for t in doc[c.last + 1 : c.last + 3 * _MAX_ROLE_TOKENS]:
            if t.is_sent_start or (doc[t.i - 1].text == "," and _finite(t)):
                break  # ", said …": the clause's own verb
            hints.add(POSSESSIVE_GENDER.get(t.lower_) or PRONOUN_GENDER.get(t.lower_))
    return {h for h in hints if h}


def _finite(token: Token) -> bool:
    return token.tag_ in ("VBD", "VBZ", "VBP", "MD")


def _text_of(doc: Doc, tokens: list[Token]) -> str:
    return doc[tokens[0].i : tokens[-1].i + 1].text if tokens else ""


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
        surname = [p for p in full if p.words[-1].casefold() == words[-1]]
        if len(words) > 1:  # "Mr Renner", "Katia A. Glod": the same surname and first initial
            surname = [p for p in surname if p.words[0][:1].casefold() == words[0][:1]]
        if surname:
            return self.nearest(surname, at) or surname[0], "surname"
        first = [p for p in full if len(words) == 1 and p.words[0].casefold() == words[0]]
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


def find_people(doc: Doc) -> People:
    """Every person the parsed article names, with the role and gender it gives them."""
    candidates = [
        c for s, e, label in _merged(doc, _raw_spans(doc)) if (c := _core(doc, s, e, label)) is not None
    ]
    votes: dict[str, Counter] = {}
    for c in candidates:
        votes.setdefault(c.name(doc).casefold(), Counter())[c.label or "PROPN"] += 1
    accepted = [c for c in candidates if _is_person(doc, c, votes[c.name(doc).casefold()])]
    full = {c.name(doc).casefold() for c in accepted if len(c.words(doc)) > 1}
    parts = {w.casefold() for name in full for w in (name.split()[0], name.split()[-1])}
    linked = [c for c in candidates if c not in accepted and c.name(doc).casefold() in parts]
    chosen = sorted(accepted + linked, key=lambda c: c.first)
    return _register(doc, chosen)


def _merged(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Adjacent name spans the model split in two ("Dr Amrit" + "Sandhu") joined again."""
    merged: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        if merged:
            first_start, first_end, first_label = merged[-1]
            places = {"GPE", "LOC", "NORP", "FAC"}
            adjacent = (
                first_end == start and doc[start - 1].whitespace_ == " " and doc[start].text[:1].isupper()
            )
            if (
                adjacent
                and end - start == 1
                and not {first_label, label} & places
                and not is_title(doc[start].text)
            ):
                merged[-1] = (first_start, end, "PERSON" if "PERSON" in (first_label, label) else label)
                continue
        merged.append((start, end, label))
    return merged


def _is_person(doc: Doc, c: _Candidate, votes: Counter) -> bool:
    single = len(c.words(doc)) == 1
    titled = any(bare(t.text) in TITLE_WORDS or bare(t.text) in HONORIFICS for t in c.titles)
    relative_who = doc[c.last : c.last + 2].text in (", who", ", whose")
    evidence = bool(titled or role_after(doc, c.last) or _apposed_to(doc, c) or _aged(doc, c) or relative_who)
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


def _register(doc: Doc, chosen: list[_Candidate]) -> People:
    """Persons from the chosen names (a full name first, then shorter forms linked to it), with roles."""
    persons: list[Person] = []
    mentions: list[NameMention] = []
    people = People(persons, mentions)
    ordered = sorted(chosen, key=lambda c: (len(c.words(doc)) == 1, c.first))  # full names first
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


def _describe(doc: Doc, c: _Candidate, person: Person) -> None:
    """Give the person this mention's role (the first one the article gives wins) and gender hints."""
    after = role_after(doc, c.last, strict=False)
    roles = [
        tokens for tokens in (after[0] if after and not after[1] else None, _apposed_to(doc, c)) if tokens
    ]
    roles.append(role_before(doc, c))
    roles.append(role_in_clause(doc, c.last))
    if after and after[1]:
        roles.append(after[0])
    if _aged(doc, c):
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
