"""A person's role as the article gives it, from the words around one mention of their name.

From the apposition after the name ("Franak Viacorka, a Belarusian journalist,"), the person noun it is
apposed to ("the minister, X,"), a title before it ("chief executive X") or a relative clause ("X, who
chairs …").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from app.generation.name_spans import NameCandidate
from app.generation.speaker_words import (
    DETERMINERS,
    HONORIFICS,
    ORG_NOUNS,
    POSSESSIVE,
    POSSESSIVE_GENDER,
    ROLE_VERBS,
    TITLE_WORDS,
    bare,
    is_person_noun,
    is_speech_verb,
)

MAX_ROLE_TOKENS = 25
_ROLE_STOP_WORDS = {"who", "whom", "whose", "which", "that", "where", "when", "then", "now", "since", "while"}
_ROLE_STOP_WORDS |= {"because", "although", "currently", "until", "after", "before", "as", "and", "but"}
_ROLE_STOP_PUNCT = {",", ".", ";", ":", "—", "–", "!", "?", '"', "“", "”", "‘"}
_RELATIVE_DETERMINERS = {"his", "her", "their", "its", "our", "my", "your"}


def role_in_clause(doc: Doc, last: int) -> list[Token]:
    """A role in a relative clause: "X, who chairs the Traders’ Association," → "chairs the … Association"."""
    if last + 2 >= len(doc) or doc[last].text != "," or doc[last + 1].lower_ != "who":
        return []
    verb = doc[last + 2]
    if verb.lemma_.lower() not in ROLE_VERBS or verb.pos_ != "VERB":
        return []
    tokens = []
    for t in doc[verb.i : verb.i + MAX_ROLE_TOKENS]:
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
    while i < len(doc) and len(tokens) <= MAX_ROLE_TOKENS:
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
    determined = bool(tokens) and tokens[0].lower_ in DETERMINERS | _RELATIVE_DETERMINERS
    while tokens and (tokens[0].lower_ in DETERMINERS | _RELATIVE_DETERMINERS):
        tokens.pop(0)
    while tokens and tokens[-1].pos_ in ("ADP", "DET", "CCONJ", "PUNCT") and tokens[-1].text != ")":
        tokens.pop()  # "the founder of, was forced": a word missing from the article
    if not tokens or len(tokens) > MAX_ROLE_TOKENS or tokens[0].pos_ in ("ADP", "PRON", "SCONJ", "AUX"):
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


def role_before(doc: Doc, c: NameCandidate) -> list[Token]:
    """A title before the name: "Belarusian President", "chief executive", "former … prime minister"."""
    i = min([t.i for t in c.titles] + [c.first]) - 1
    walked: list[Token] = []
    while i >= 0 and len(walked) < 6 and not doc[i + 1].is_sent_start:
        t = doc[i]
        if t.lower_ in POSSESSIVE or (t.pos_ not in ("NOUN", "PROPN", "ADJ") and t.text != "-"):
            break
        walked.insert(0, t)
        i -= 1
    tokens = [t for t in walked + c.titles if bare(t.text) not in HONORIFICS]
    if tokens and (is_person_noun(tokens[-1]) or bare(tokens[-1].text) in TITLE_WORDS):
        return tokens
    return []


def apposed_to(doc: Doc, c: NameCandidate) -> list[Token]:
    """The person noun phrase a name is in apposition to: "its senior physician, Dr. Samuel Achterberg,"."""
    j = min([t.i for t in c.titles] + [c.first]) - 1
    if j < 1 or doc[j].text != "," or not _one_person(doc[j - 1]):
        return []
    phrase: list[Token] = []
    for t in reversed(doc[max(0, j - 6) : j]):
        if (t.pos_ not in ("NOUN", "PROPN", "ADJ") and t.text != "-") or t.lower_ in POSSESSIVE:
            break
        phrase.insert(0, t)
    return phrase
