"""People and their roles as the article introduces them ("Katia Glod, non-resident fellow at CEPA")."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from rapidfuzz import fuzz
from spacy.tokens import Span

from app.bank.types.checks import mentions as text_mentions
from app.generation.analysis import Analysis
from app.generation.candidates import Candidate, says
from app.generation.entities import PERSON_NOUNS, Mention

ROLE_END = re.compile(
    r"(?=\s*(?:[,.;:()“”\"]|$|\s+(?:who|which|whose|that|said|says|told|then|wrote|added|has|had|was|is)\b))"
)
ROLE_AFTER = re.compile(r"^,\s+(?:(?:a|an|the)\s+)?(?P<role>[^,.;:“”\"]{3,}?)" + ROLE_END.pattern)
EXTRA_ROLE_NOUNS = {"ruler", "king", "queen", "prince", "emir", "sheikh", "pope", "coach", "captain", "mp"}
FUNCTION_ENDINGS = {"of", "at", "for", "to", "with", "in", "on", "and", "the", "a", "an", "by", "from"}
MAX_ROLE_WORDS = 14
SIMILAR_ROLES = 80  # rapidfuzz ratio above which two roles are too alike to be told apart


@dataclass(frozen=True)
class Role:
    person: str  # full name
    role: str  # as the article words it
    sent: Span


def is_role(words: str) -> bool:
    tokens = [w.strip("’'").casefold() for w in re.split(r"[\s]+", words) if w]
    if not tokens or len(tokens) > MAX_ROLE_WORDS or tokens[-1] in FUNCTION_ENDINGS:
        return False
    if any(t in ("his", "her", "their", "its", "my", "our") for t in tokens):
        return False
    nouns = PERSON_NOUNS | EXTRA_ROLE_NOUNS
    return any(t in nouns or t.rstrip("s") in nouns or re.fullmatch(r"[a-z-]+(?:ist|ian)", t) for t in tokens)


def roles(analysis: Analysis) -> list[Role]:
    """The first role the article gives each person: after the name, before it, or as “the role, Name,”."""
    found: dict[str, Role] = {}
    for mention in analysis.mentions:
        if (
            mention.label != "PERSON"
            or mention.name in found
            or analysis.is_quoted(mention.start, mention.end)
        ):
            continue
        sent = next((s for s in analysis.sentences if s.start_char <= mention.start < s.end_char), None)
        if sent is None:
            continue
        role = role_after(analysis, mention) or role_before(analysis, mention)
        if role and not text_mentions(role, mention.name.split()[-1]):
            found[mention.name] = Role(mention.name, role, sent)
    return list(found.values())


def role_after(analysis: Analysis, mention: Mention) -> str | None:
    """“Name, (a) role,”."""
    match = ROLE_AFTER.match(analysis.text[mention.end : mention.end + 200])
    if match is None:
        return None
    role = match.group("role").strip()
    if analysis.text[mention.end + match.end() : mention.end + match.end() + 2] == " (":
        bracket = re.match(r" \([^()]{1,40}\)", analysis.text[mention.end + match.end() :])
        role += bracket.group() if bracket else ""
    return role if is_role(role) else None


def role_before(analysis: Analysis, mention: Mention) -> str | None:
    """“OpenAI CEO Sam Altman”, “The energy minister, Kari Solberg,”."""
    doc = analysis.doc
    root = doc[mention.token_start : mention.token_end].root
    if root.dep_ == "appos" and root.head.i < mention.token_start and root.head.pos_ == "NOUN":
        head = root.head
        words = [t for t in head.subtree if t.i < mention.token_start and t.dep_ != "det" and not t.is_punct]
        role = doc[words[0].i : head.i + 1].text if words else ""
        return role if is_role(role) else None
    people = {i for m in analysis.mentions if m.label == "PERSON" for i in range(m.token_start, m.token_end)}
    start = mention.token_start
    while start > 0 and doc[start - 1].dep_ in ("compound", "amod", "nmod") and start - 1 not in people:
        if not start <= doc[start - 1].head.i < mention.token_end:
            break
        start -= 1
    role = doc[start : mention.token_start].text
    return role if start < mention.token_start and is_role(role) else None


def role_drafts(analysis: Analysis) -> list[Candidate]:
    found = roles(analysis)
    drafts = []
    context = analysis.context
    for role in found:
        person = analysis.person_named(role.person)
        accepted = [person.surname] if person and person.surname else []
        others = [
            r.role for r in found if r.person != role.person and fuzz.ratio(r.role, role.role) < SIMILAR_ROLES
        ]
        evidence = [(role.sent.start_char, role.sent.end_char)]
        described = context.describe((role.person, *accepted))
        if len(others) >= 2:
            choices = sorted([role.role, *others[:3]], key=lambda c: hashlib.sha256(c.encode()).hexdigest())
            drafts.append(
                Candidate(
                    generator="roles",
                    type="multiple_choice",
                    prompt=f"How does {described} describe {role.person}?",
                    answer=role.role,
                    explanation=f"The article introduces {role.person} as “{role.role}”.",
                    evidence=evidence,
                    tags=["people"],
                    difficulty="medium",
                    details={"choices": choices},
                    confidence=0.75,
                )
            )
        unique = all(fuzz.ratio(r.role, role.role) < SIMILAR_ROLES for r in found if r.person != role.person)
        if unique and len(role.role.split()) >= 2:
            draft = Candidate(
                generator="roles",
                type="short_answer",
                prompt=f"According to {described}, who is {definite(role.role)}?",
                answer=role.person,
                explanation=says(role.sent.text),
                evidence=evidence,
                tags=["people"],
                difficulty="medium",
                details={"accepted_answers": accepted},
                confidence=0.75,
            )
            if len(role.person.split()) == 1:
                draft.lower(0.15, "the article gives only one name for this person")
            drafts.append(draft)
    return drafts


def definite(role: str) -> str:
    """“the mayor of Vestby”, but “Nordkraft’s chief executive”."""
    first = role.split()[0]
    return role if re.search(r"[’']s?$", first) else f"the {role}"
