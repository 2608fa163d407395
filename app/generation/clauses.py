"""Turning a sentence into a question about one of its phrases, from the dependency parse.

"Since 2022, the sector has lost more than 13,300 IT specialists" with the focus on the number becomes
"More than how many IT specialists has the sector lost since 2022?": the phrase holding the focus is fronted
with the focus replaced by a wh-word, the subject and first auxiliary are inverted (or "did" is supplied),
and adverbials that stood before the subject move to the end.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from app.generation.clause_people import person_names, reporter, subject_words
from app.generation.clause_syntax import CONDITIONS, SUBJECTS, attachment, conditional, subtree
from app.generation.question_wording import LONG_WORDS, compose, droppable, tidy

CLAUSE_DROPS = {"mark", "cc", "conj", "parataxis", "preconj"}
MAX_WORDS = 32
QUOTE_MARKS = set('“”‘"')


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
