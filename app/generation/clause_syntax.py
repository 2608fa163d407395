"""The dependency parse read for questions: the phrase a word hangs from, its asides, its conditions."""

from __future__ import annotations

from spacy.tokens import Token

SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}
VERB_ARGUMENTS = {"dobj", "attr", "oprd", "dative", "npadvmod", "advmod", "prep", "agent", "acomp"}
PRUNED = {"relcl", "acl", "appos", "advcl", "parataxis"}  # dropped from the fronted phrase and subject
TIME_ADVERBS = {"ago", "later", "earlier", "before", "after"}
CONDITIONS = {"if", "unless", "whether", "although", "though"}


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
