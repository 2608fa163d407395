"""The words of a question: the clause's pieces in question order, rendered with their own spacing."""

from __future__ import annotations

import re

OPTIONAL = {"advcl", "relcl", "acl", "appos", "npadvmod", "conj", "cc"}  # dropped when a question runs long
DO_SUPPORT = {"VBD": "did", "VBZ": "does", "VBP": "do"}
LONG_WORDS = 22  # longer questions lose their adjuncts first
DISCOURSE = {"however", "thus", "meanwhile", "instead", "also", "still", "yet", "so", "but", "and", "then"}


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


def edge(doc, index: int, kept: list[int]) -> bool:
    """Punctuation with nothing kept on one side of it (a comma left over from a moved phrase)."""
    position = kept.index(index)
    return position == 0 or position == len(kept) - 1 or doc[kept[position - 1]].is_punct


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
