"""Named people, organisations and places, with the small model's labelling errors corrected from context."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Doc, Span

LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC"}
POSSESSIVE_MARKS = {"’s", "'s", "’", "'"}
# Nouns that name what a person is: an apposition headed by one ("X, a journalist") makes X a person.
PERSON_NOUNS = frozenset(
    [
        "adviser",
        "advisor",
        "analyst",
        "author",
        "campaigner",
        "ceo",
        "chair",
        "chairman",
        "chairwoman",
        "chancellor",
        "chief",
        "co-founder",
        "colleague",
        "commissioner",
        "consultant",
        "correspondent",
        "councillor",
        "critic",
        "cto",
        "deputy",
        "director",
        "doctor",
        "economist",
        "editor",
        "engineer",
        "entrepreneur",
        "executive",
        "expert",
        "farmer",
        "fellow",
        "founder",
        "governor",
        "head",
        "investor",
        "journalist",
        "judge",
        "lawyer",
        "leader",
        "lecturer",
        "manager",
        "mayor",
        "member",
        "minister",
        "nurse",
        "officer",
        "official",
        "owner",
        "partner",
        "politician",
        "premier",
        "president",
        "professor",
        "programmer",
        "prosecutor",
        "researcher",
        "resident",
        "scientist",
        "secretary",
        "senator",
        "spokesman",
        "spokesperson",
        "spokeswoman",
        "student",
        "teacher",
        "trustee",
        "vice-president",
        "worker",
    ]
)
COMPANY_CUES = re.compile(
    r"\b(?:company|companies|firm|startup|start-up|developer|maker|group|corporation|corp|inc|ltd|plc|"
    r"bank|retailer|carrier|airline|operator|giant|brand|manufacturer|provider|platform|chain|conglomerate)\b",
    re.IGNORECASE,
)
PLACE_PREPOSITIONS = {"in", "from", "near", "outside", "across"}
INSTITUTION = re.compile(
    r"\b(?:Center|Centre|Institute|Council|University|College|Foundation|Association|Organisation|"
    r"Organization|Agency|Fund|Bank|Trust|Committee|Commission|Ministry|Department|Board|Union)\b"
)
MOVE_VERBS = {"move", "relocate", "travel", "go", "fly", "flee", "return", "send", "bring", "transfer"}
COUNTRY_ALIASES = {
    "UK",
    "US",
    "USA",
    "U.S.",
    "Britain",
    "Great Britain",
    "Turkey",
    "Holland",
    "the Netherlands",
}


@dataclass(frozen=True)
class Mention:
    start: int  # characters of the clean text
    end: int
    token_start: int
    token_end: int
    text: str  # as written, without a leading "the" or a trailing possessive
    label: str  # PERSON, ORG, GPE, LOC or FAC, corrected
    name: str = ""  # the canonical name: a person's full name, otherwise the text
    corrected: bool = False  # the model labelled it otherwise

    @property
    def kind(self) -> str:
        """What a question calls it: person, company, organisation, country, place or region."""
        if self.label == "PERSON":
            return "person"
        if self.label == "GPE":
            return "country" if is_country(self.name) else "place"
        if self.label == "LOC":
            return "region"
        if self.label == "FAC":
            return "place"
        return "organisation"


@cache
def countries() -> frozenset[str]:
    try:
        from babel import Locale  # installed with trafilatura (through courlan)
    except ImportError:  # pragma: no cover - without it every country is just a "place"
        return frozenset(COUNTRY_ALIASES)
    names = {name for code, name in Locale("en").territories.items() if code.isalpha()}
    return frozenset(names | COUNTRY_ALIASES)


def is_country(name: str) -> bool:
    return name in countries() or name.removeprefix("the ").removeprefix("The ") in countries()


def entity_mentions(doc: Doc) -> list[Mention]:
    raw = [m for ent in doc.ents if ent.label_ in LABELS if (m := cleaned(ent)) is not None]
    return correct(doc, widened(doc, split_possessors(doc, raw)))


def cleaned(ent: Span) -> Mention | None:
    """The entity without "the" and trailing possessives or punctuation."""
    tokens = list(ent)
    while tokens and (tokens[0].lower_ == "the" or tokens[0].is_punct):
        tokens.pop(0)
    while tokens and (tokens[-1].text in POSSESSIVE_MARKS or tokens[-1].is_punct):
        tokens.pop()
    if not tokens or not any(t.text[:1].isupper() or t.text[:1].isdigit() for t in tokens):
        return None
    span = ent.doc[tokens[0].i : tokens[-1].i + 1]
    label = "ORG" if ent.label_ == "FAC" and INSTITUTION.search(span.text) else ent.label_
    return Mention(span.start_char, span.end_char, span.start, span.end, span.text, label)


def split_possessors(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """“Deepdee’s Kuzmenkov” is two mentions when the article names “Kuzmenkov” on its own too."""
    known = {m.text for m in mentions} | {
        part for m in mentions if m.label == "PERSON" for part in m.text.split()
    }
    result = []
    for mention in mentions:
        marks = [
            t for t in doc[mention.token_start + 1 : mention.token_end - 1] if t.text in POSSESSIVE_MARKS
        ]
        head, tail = (
            (doc[mention.token_start : marks[0].i], doc[marks[0].i + 1 : mention.token_end])
            if marks
            else (None, None)
        )
        if head is None or tail.text not in known:
            result.append(mention)
            continue
        owner_label = next((m.label for m in mentions if m.text == head.text), "ORG")
        for part, label in ((head, owner_label), (tail, mention.label)):
            result.append(Mention(part.start_char, part.end_char, part.start, part.end, part.text, label))
    return result


def widened(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Names the model cut short: “Ana Lindqvist” when it found only “Lindqvist”."""
    taken = {i for m in mentions for i in range(m.token_start, m.token_end)}
    result = []
    for mention in mentions:
        start = mention.token_start
        while start > 0 and start - 1 not in taken:
            token = doc[start - 1]
            if not (token.pos_ == "PROPN" and token.text[:1].isupper() and token.is_alpha):
                break
            if token.lower_ in PERSON_NOUNS or not mention.token_start <= token.head.i < mention.token_end:
                break
            start -= 1
        if start < mention.token_start:
            span = doc[start : mention.token_end]
            mention = replace(mention, start=span.start_char, token_start=start, text=span.text)
        result.append(mention)
    return result


def correct(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Labels fixed by the article's own evidence: names used for people elsewhere, and telling contexts."""
    full_names = {m.text for m in mentions if m.label == "PERSON" and len(m.text.split()) > 1}
    parts: dict[str, str] = {}
    for name in sorted(full_names, key=len):
        for part in (name.split()[0], name.split()[-1]):
            parts.setdefault(part, name)
    votes: dict[str, Counter] = {}
    for mention in mentions:
        votes.setdefault(mention.text, Counter())[mention.label] += 1
    fixed = []
    for mention in mentions:
        counts = votes[mention.text]
        label = context_label(doc, mention, full_names, parts, counts) or majority(mention, counts)
        if label == "DROP":
            continue
        name = mention.text
        if label == "PERSON" and mention.text not in full_names:
            name = parts.get(mention.text, mention.text)
        fixed.append(replace(mention, label=label, name=name, corrected=label != mention.label))
    return fixed


def majority(mention: Mention, counts: Counter) -> str:
    """The label the article uses most for the name; places win ties with organisations."""
    if is_country(mention.text):
        return "GPE"
    best = max(counts.values())
    for label in ("GPE", "LOC", "FAC"):  # a place named like an organisation is more often a place
        if counts[label] == best:
            return label
    return mention.label if counts[mention.label] == best else counts.most_common(1)[0][0]


def context_label(
    doc: Doc, mention: Mention, full_names: set[str], parts: dict[str, str], counts: Counter
) -> str | None:
    """A label the context proves, or None to go by the article's majority."""
    if mention.text in full_names or (mention.text in parts and mention.label != "PERSON"):
        return "PERSON"
    before = doc[mention.token_start - 1] if mention.token_start > 0 else None
    after = doc[mention.token_end : mention.token_end + 3]
    if mention.label != "PERSON" and described_as_person(doc, mention):
        return "PERSON"
    single = (
        len(mention.text.split()) == 1
        and mention.text not in parts
        and not counts["PERSON"] > counts[mention.label]
    )
    moved_to = before is not None and before.lower_ == "to" and before.head.lemma_ in MOVE_VERBS
    place_preposition = before is not None and (before.lower_ in PLACE_PREPOSITIONS or moved_to)
    if single and mention.label in ("PERSON", "ORG") and not mention.text.isupper() and place_preposition:
        return "GPE"  # "moved to Kiev", "told reporters in Copenhagen"
    if single and mention.label == "PERSON" and before is not None:
        if before.lower_ == "on":
            return "ORG"  # "wrote on Twitter"
        if before.pos_ == "NOUN" and COMPANY_CUES.fullmatch(before.text):
            return "ORG"  # "grid operator Statnett"
        root = doc[mention.token_start : mention.token_end].root
        if root.dep_ == "compound" and root.head.pos_ == "NOUN":
            return "DROP"  # "the Dunmore valley": a place name used as a modifier, of no clear type
    titled = len(after) >= 2 and after[0].lower_ in PERSON_NOUNS
    if mention.label == "PERSON" and titled and "PERSON" in (after[1].ent_type_, after[-1].ent_type_):
        return "ORG"  # "OpenAI CEO Sam Altman"
    return None


def described_as_person(doc: Doc, mention: Mention) -> bool:
    """“X, a Belarusian journalist and …”: an apposition headed by a person noun."""
    root = doc[mention.token_start : mention.token_end].root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= mention.token_end and is_person_noun(child.lower_):
            return True
    return False


def has_company_cue(text: str) -> bool:
    return bool(COMPANY_CUES.search(text))


def is_person_noun(word: str) -> bool:
    """“journalist”, “biologist”, “historian”, “founder” …"""
    return word in PERSON_NOUNS or bool(re.fullmatch(r"[a-z-]{4,}(?:ist|ian)", word))
