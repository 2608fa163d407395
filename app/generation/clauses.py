"""Turning a sentence into a question about one of its phrases, from the dependency parse.

"Since 2022, the sector has lost more than 13,300 IT specialists" with the focus on the number becomes
"More than how many IT specialists has the sector lost since 2022?": the phrase holding the focus is fronted
with the focus replaced by a wh-word, the subject and first auxiliary are inverted (or "did" is supplied),
and adverbials that stood before the subject move to the end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}
VERB_ARGUMENTS = {"dobj", "attr", "oprd", "dative", "npadvmod", "advmod", "prep", "agent", "acomp"}
PRUNED = {"relcl", "acl", "appos", "advcl", "parataxis"}  # dropped from the fronted phrase and subject
CLAUSE_DROPS = {"mark", "cc", "conj", "parataxis", "preconj"}
OPTIONAL = {"advcl", "relcl", "acl", "appos", "npadvmod", "conj", "cc"}  # dropped when a question runs long
REPORTING_VERBS = frozenset(
    [
        "say",
        "tell",
        "add",
        "estimate",
        "warn",
        "claim",
        "report",
        "believe",
        "expect",
        "think",
        "argue",
        "note",
        "explain",
        "insist",
        "predict",
        "write",
        "confirm",
        "announce",
        "suggest",
        "acknowledge",
        "admit",
        "reckon",
        "calculate",
    ]
)
TIME_ADVERBS = {"ago", "later", "earlier", "before", "after"}
DO_SUPPORT = {"VBD": "did", "VBZ": "does", "VBP": "do"}
MAX_WORDS = 32
LONG_WORDS = 22  # longer questions lose their adjuncts first
DISCOURSE = {"however", "thus", "meanwhile", "instead", "also", "still", "yet", "so", "but", "and", "then"}
QUOTE_MARKS = set('“”‘"')
CONDITIONS = {"if", "unless", "whether", "although", "though"}
PRONOUN_SUBJECTS = {"he", "she"}


@dataclass(frozen=True)
class Question:
    text: str  # capitalised, ending with "?"
    reporter: str | None  # who the sentence attributes the fact to ("He estimated that …"), if named
    notes: tuple[str, ...]  # what makes it less certain, for the draft's reason


def wh_question(analysis, sent: Span, focus: range, wh: str) -> Question | None:
    """A question asking for the `focus` tokens of `sent`, or None when the parse gives no safe one."""
    doc = sent.doc
    roots = [doc[i] for i in focus if not (focus.start <= doc[i].head.i < focus.stop) or doc[i].head.i == i]
    if len(roots) != 1:
        return None
    head = roots[0].head if roots[0].dep_ in ("nummod", "quantmod") else roots[0]
    notes: list[str] = []
    found = attachment(head)
    if found is None:
        return None
    phrase, verb, _ = found
    finite = verb
    while finite.dep_ == "xcomp" and finite.head.pos_ in ("VERB", "AUX") and finite.head.i != finite.i:
        finite = finite.head
    if any(c.dep_ == "neg" for c in finite.children) or any(c.dep_ == "neg" for c in verb.children):
        return None
    subject = next((c for c in finite.children if c.dep_ in SUBJECTS), None)
    if subject is None and finite.dep_ == "conj":
        subject = next((c for c in finite.head.children if c.dep_ in SUBJECTS), None)
    if subject is None:
        return None
    if conditional(finite) or any(t.dep_ == "neg" for t in sent if t.i not in focus):
        return None  # "Had X not …, Minsk could have been …", "not on his regime, but on the Park"
    if finite.dep_ not in ("ROOT", "ccomp", "conj") and not (
        finite.dep_ == "advcl"
        and not any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in finite.children)
    ):
        return None  # "if at least 10 midwives were in post" is no fact on its own
    within_sentence = set(range(sent.start, sent.end))
    clause = {t.i for t in finite.subtree} & within_sentence
    for child in finite.children:
        if child.dep_ in CLAUSE_DROPS or (child.dep_ == "prep" and child.lower_ == "according"):
            clause -= {t.i for t in child.subtree}
        if child.dep_ == "advcl" and child.i < subject.i:
            clause -= {t.i for t in child.subtree}
    if not {t.i for t in phrase.subtree} <= clause | set(focus):
        return None
    moved = subtree(phrase, keep=set(focus))
    replaced = {focus.start: wh}
    if head.i in focus:  # "the Atlantic Council" asked as "which organisation"
        moved -= {c.i for c in head.children if c.dep_ in ("det", "poss") and c.i < focus.start}
    elif wh.startswith("how") and any(c.dep_ == "det" and c.i < focus.start for c in head.children):
        return None  # "the last 10 years" has no question form with "how many"
    subject_tokens = subject_words(analysis, subject)
    names = person_names(analysis, subject, subject_tokens, notes)
    if names is None:
        return None
    replaced |= names
    spaces = {t.i for t in doc if t.is_space or (t.is_punct and t.text in ".!?")}
    rest = clause - {t.i for t in phrase.subtree} - set(focus) - {t.i for t in subject.subtree} - spaces
    for i in sorted(rest):
        opening = doc[doc[i].left_edge.i - 1]
        if doc[i].dep_ == "appos" and i in rest and opening.text in ",—–(":  # "Rumas — an economist who …"
            rest -= {t.i for t in doc[i].subtree} | {opening.i}
    subject_question = subject.i in moved or phrase.i == subject.i
    pieces = compose(doc, finite, moved, focus, subject_tokens, rest, replaced, subject_question)
    while pieces is not None and len(" ".join(pieces).split()) > LONG_WORDS:
        dropped = droppable(doc, finite, rest, moved | set(focus), len(" ".join(pieces).split()))
        if not dropped:
            break
        rest -= dropped
        notes.append("shortened: a clause of the sentence was left out")
        pieces = compose(doc, finite, moved, focus, subject_tokens, rest, replaced, subject_question)
    if pieces is None or any(QUOTE_MARKS & set(piece) for piece in pieces):
        return None  # quotation marks cut loose from their quotation
    text = tidy(" ".join(p for p in pieces if p))
    if len(text.split()) > MAX_WORDS:
        return None
    told_by = reporter(analysis, finite, notes)
    if told_by and told_by in text:
        told_by = None  # "According to Declan Ryan, where would Declan Ryan meet …"
    return Question(text[:1].upper() + text[1:] + "?", told_by, tuple(notes))


def compose(doc, finite, moved, focus, subject_tokens, rest, replaced, subject_question) -> list[str] | None:
    """The question in pieces: fronted phrase, (inverted auxiliary, subject), the rest, moved adverbials."""
    kept = [
        i
        for i in sorted(rest)
        if not (doc[i].is_punct and doc[i].text in ",;:—–-" and edge(doc, i, sorted(rest)))
    ]
    before = [i for i in kept if i < min(moved if subject_question else subject_tokens)]
    after = [i for i in kept if i not in before]
    replaced = dict(replaced)
    if subject_question:
        return [
            render(doc, sorted(moved | set(focus)) + after, replaced, focus),
            render(doc, before, {}, range(0), True),
        ]
    auxiliaries = [c for c in finite.children if c.dep_ in ("aux", "auxpass") and c.i < finite.i]
    if auxiliaries:
        inverted = auxiliaries[0].text.lower()
        after = [i for i in after if i != auxiliaries[0].i]
    elif finite.lemma_ == "be":
        inverted = finite.text.lower()
        after = [i for i in after if i != finite.i]
    elif finite.tag_ in DO_SUPPORT:
        inverted = DO_SUPPORT[finite.tag_]
        replaced[finite.i] = finite.lemma_.lower()
    else:
        return None
    return [
        render(doc, sorted(moved | set(focus)), replaced, focus),
        inverted,
        render(doc, sorted(subject_tokens), replaced, range(0), lower_first=True),
        render(doc, after, replaced, range(0)),
        render(doc, [i for i in before if doc[i].lower_ not in DISCOURSE], {}, range(0), lower_first=True),
    ]


def droppable(doc, finite, rest: set[int], keep: set[int], words: int) -> set[int]:
    """The clause's tail from its latest adjunct (a clause, an apposition, a late prepositional phrase)
    that makes the question short enough, or from its earliest adjunct if none does."""
    kept = sorted(rest)
    cuts = []
    for i in kept:
        token = doc[i]
        late_prep = token.dep_ == "prep" and token.head.pos_ == "VERB" and token.i > token.head.i + 2
        clause_level = token.dep_ not in ("conj", "cc") or token.head.i == finite.i
        if (token.dep_ in OPTIONAL or late_prep) and clause_level and token.left_edge.i > finite.i:
            cuts.append(token.left_edge.i)
    for cut in sorted(set(cuts), reverse=True):
        tail = {i for i in kept if i >= cut} - keep
        if words - len(tail) <= LONG_WORDS:
            return tail
    return {i for i in kept if i >= min(cuts)} - keep if cuts else set()


def subject_words(analysis, subject: Token) -> set[int]:
    """The subject without what describes it: a named person is just the name."""
    for mention in analysis.mentions:
        if mention.token_start <= subject.i < mention.token_end and mention.label == "PERSON":
            return set(range(mention.token_start, mention.token_end))
    return subtree(subject, keep=set())


def conditional(verb: Token) -> bool:
    """Whether the verb's clause holds only under a condition ("if …", "Had Lukashenko not …")."""
    for child in verb.children:
        if child.dep_ != "advcl":
            continue
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in child.children):
            return True
        first = child.left_edge
        if first.dep_ == "aux" and first.lower_ in ("had", "were", "should") and first.is_sent_start:
            return True
    return False


def attachment(head: Token) -> tuple[Token, Token, bool] | None:
    """(the phrase attached to a verb that contains `head`, that verb, whether `head` is nested in it)."""
    node, nested = head, False
    for _ in range(6):
        parent = node.head
        if parent.i == node.i:
            return None
        if parent.pos_ in ("VERB", "AUX") and (node.dep_ in SUBJECTS or node.dep_ in VERB_ARGUMENTS):
            return node, parent, nested
        if (node.dep_ in ("pobj", "pcomp") and parent.dep_ in ("prep", "agent", "dative")) or (
            node.dep_ == "npadvmod" and (parent.lower_ in TIME_ADVERBS or parent.dep_ == "prep")
        ):
            node = parent
        elif node.dep_ == "poss" and parent.pos_ in ("NOUN", "PROPN") and not nested:
            node, nested = parent, True  # "Yandex’s offices" asked as "which company’s offices"
        else:
            return None
    return None


def subtree(token: Token, keep: set[int]) -> set[int]:
    """The token's subtree without relative clauses, appositions and the like (unless they hold `keep`)."""
    result = {token.i}
    for child in token.children:
        child_tokens = {t.i for t in child.subtree}
        if child.dep_ in PRUNED and not child_tokens & keep:
            continue
        if child.dep_ == "punct" and loose_punctuation(child) and not child_tokens & keep:
            continue
        result |= subtree(child, keep)
    return result


def loose_punctuation(token: Token) -> bool:
    """A comma, bracket or spaced dash around a phrase; not the hyphen of "hi-tech"."""
    if token.text in ",()":
        return True
    spaced = bool(token.whitespace_) or (token.i > 0 and bool(token.doc[token.i - 1].whitespace_))
    return token.text in "—–-" and spaced


def ordered(indexes: set[int]) -> list[int]:
    return sorted(indexes)


def edge(doc, index: int, kept: list[int]) -> bool:
    """Punctuation with nothing kept on one side of it (a comma left over from a moved phrase)."""
    position = kept.index(index)
    return position == 0 or position == len(kept) - 1 or doc[kept[position - 1]].is_punct


def person_names(analysis, subject: Token, tokens: set[int], notes: list[str]) -> dict[int, str] | None:
    """Replacements naming the subject in full ("he" → "Alexei Kuzmenkov"); None if it cannot be named."""
    if len(tokens) == 1 and subject.pos_ == "PRON":
        if subject.lower_ not in PRONOUN_SUBJECTS:
            return None
        name = analysis.resolve_pronoun(subject)
        if name is None:
            return None
        notes.append(f"“{subject.text}” was taken to mean {name}")
        return {subject.i: name}
    replaced = {}
    for mention in analysis.mentions:
        if mention.label == "PERSON" and mention.name != mention.text and mention.token_start in tokens:
            replaced[mention.token_start] = mention.name
            for i in range(mention.token_start + 1, mention.token_end):
                replaced[i] = ""
    return replaced


def reporter(analysis, verb: Token, notes: list[str]) -> str | None:
    """Who a reported clause is attributed to: "He estimated that …" → the person "he" refers to."""
    if verb.dep_ != "ccomp" or verb.head.lemma_ not in REPORTING_VERBS:
        return None
    speaker = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if speaker is None:
        return None
    if speaker.pos_ == "PRON":
        name = analysis.resolve_pronoun(speaker)
        if name:
            notes.append(f"“{speaker.text}” was taken to mean {name}")
        return name
    for mention in analysis.mentions:
        if mention.token_start <= speaker.i < mention.token_end and mention.label in ("PERSON", "ORG"):
            return mention.name
    return None


def render(doc, indexes, replaced: dict[int, str], focus: range, lower_first: bool = False) -> str:
    """The tokens in order with their own spacing; `replaced` swaps words, the focus becomes one wh-phrase."""
    out, previous = [], None
    for i in indexes:
        if i in focus and i != focus.start:
            continue
        token = doc[i]
        word = replaced.get(i, token.text)
        if previous is not None and previous != i - 1:
            out.append(" ")
        if (
            i == indexes[0]
            and lower_first
            and token.is_sent_start
            and token.pos_ != "PROPN"
            and word == token.text
        ):
            word = word[:1].lower() + word[1:] if word != "I" else word
        last = i if i not in focus else focus.stop - 1
        out.append(word + doc[last].whitespace_)
        previous = last
    return "".join(out).strip()


def tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.;:!?%])", r"\1", text)
    text = re.sub(r"\s+([’']s?)\b", r"\1", text)
    text = re.sub(r"([,;:—–])(\s*[,;:—–])+", r"\1", text)
    text = re.sub(r"[\s,;:—–-]+$", "", text)
    text = re.sub(r"^[\s,;:—–-]+", "", text)
    return text.strip()
