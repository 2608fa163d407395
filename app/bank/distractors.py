"""Distractors the article itself supports: a wrong choice that the article names doing what the prompt asks.

A warning, not a rule: the teacher decides. The test is deliberately simple and explainable. The words the
prompt and the cited sentence share describe what the answer did ("reported a raid on his Minsk office");
another sentence of the article that names a distractor, repeats most of those words and every name among
them ("Minsk") probably makes that distractor right as well. The answer's own sentence is left out: a
list ("UK Prime Minister Rishi Sunak; … First Deputy Ruler of Dubai") names distractors without supporting
them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.bank.content import Content
from app.bank.types.checks import mentions
from app.grading import normalise_answer
from app.text.sentences import SENTENCE_END, sentence_around
from app.text.spans import Span

CALENDAR = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
})  # fmt: skip
MIN_SHARED = 2  # key words a distractor's sentence must repeat…
MIN_SHARE = 0.5  # …and at least this share of them
STEM = 5  # words agree on their first letters ("founded", "founder")
STOPWORDS = frozenset({
    "a", "about", "after", "all", "also", "an", "and", "are", "as", "at", "be", "been", "but", "by", "did",
    "do", "does", "for", "from", "had", "has", "have", "he", "her", "his", "how", "in", "into", "is", "it",
    "its",
    "many", "more", "most", "much", "not", "of", "on", "one", "or", "our", "over", "said", "says", "she",
    "some", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "to",
    "according", "under", "was", "were", "what", "when", "where", "which", "who", "whom", "whose", "why",
    "will", "with", "would", "year", "years", "article", "report",
})  # fmt: skip


@dataclass(frozen=True)
class DistractorWarning:
    choice: str
    sentence: str

    @property
    def message(self) -> str:
        return f"“{self.choice}” may also be right: the article says “{self.sentence}”"


def stems(text: str, leave_out: frozenset[str] = frozenset()) -> set[str]:
    words = normalise_answer(text).split()
    return {w[:STEM] for w in words if len(w) > 2 and w not in STOPWORDS and w not in leave_out}


def sentences(text: str) -> list[str]:
    """The article's sentences, never across paragraphs."""
    found = []
    for paragraph in text.split("\n\n"):
        start = 0
        for match in SENTENCE_END.finditer(paragraph):
            found.append(paragraph[start : match.end()].strip())
            start = match.end()
        found.append(paragraph[start:].strip())
    return [s for s in found if s]


def supported_distractors(content: Content, cited: list[Span], article_text: str) -> list[DistractorWarning]:
    """Distractors of a multiple-choice question that a sentence of the article seems to support."""
    if content.type != "multiple_choice" or not cited or not isinstance(content.answer, str):
        return []
    distractors = [c for c in content.choices if isinstance(c, str) and c != content.answer]
    names = frozenset(normalise_answer(" ".join([content.answer, *distractors])).split())
    cited_sentences = " ".join(sentence_around(article_text, span).text_of(article_text) for span in cited)
    key = stems(content.prompt, names) & stems(cited_sentences, names)
    if len(key) < MIN_SHARED:
        return []
    named = key & proper_noun_stems(cited_sentences)
    candidates = [s for s in sentences(article_text) if not mentions(s, content.answer)]
    warnings = []
    for choice in distractors:
        for sentence in candidates:
            if not mentions(sentence, choice):
                continue
            shared = key & stems(sentence, names)
            if named <= shared and len(shared) >= MIN_SHARED and len(shared) >= MIN_SHARE * len(key):
                warnings.append(DistractorWarning(choice, " ".join(sentence.split())))
                break
    return warnings


def proper_noun_stems(text: str) -> set[str]:
    """Stems of the capitalised words that do not start a sentence (nor name a month or a day): the names
    a claim is about."""
    found = set()
    for sentence in sentences(text):
        for word in re.findall(r"\w[\w’'-]*", sentence)[1:]:
            if word[0].isupper() and word.lower() not in CALENDAR:
                found |= stems(word)
    return found
