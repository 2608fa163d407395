"""Who said it: a telling part of each attributed quotation, the article's other speakers as choices."""

from __future__ import annotations

import re
from collections import Counter

from app.bank.types.checks import mentions as text_mentions
from app.generation.analysis import Analysis
from app.generation.candidates import Candidate
from app.generation.roles import roles
from app.text.sentences import sentence_around
from app.text.spans import Span

MIN_CONFIDENCE = 0.5
SPEECH_VERBS = {"say", "tell", "add", "write", "warn", "claim", "insist", "argue", "explain", "describe"}
MIN_WORDS, MAX_WORDS = 6, 24
MAX_CHOICES = 4
SENTENCE = re.compile(r"[^.!?…]+(?:[.!?…]+|$)")
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "from",
        "has",
        "have",
        "he",
        "her",
        "his",
        "i",
        "if",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "our",
        "she",
        "that",
        "the",
        "their",
        "them",
        "there",
        "they",
        "this",
        "to",
        "was",
        "we",
        "were",
        "will",
        "with",
        "you",
        "your",
        "not",
        "do",
        "don’t",
        "it’s",
        "we’re",
    ]
)


def who_said_drafts(analysis: Analysis) -> list[Candidate]:
    try:
        from app.generation.quotes import extract_quotes
    except ImportError:  # quote attribution not available: no who-said drafts
        return []
    attributions = [
        a
        for a in extract_quotes(analysis.text, doc=analysis.doc)
        if a.speaker and (a.confidence or 0) >= MIN_CONFIDENCE
    ]
    speakers = Counter(a.speaker for a in attributions)
    known_roles = {r.person: r.role for r in roles(analysis)}
    drafts = []
    for attribution in attributions:
        draft = who_said_draft(analysis, attribution, speakers, known_roles)
        if draft is not None:
            drafts.append(draft)
    return drafts


def name_parts(name: str) -> tuple[str, ...]:
    parts = name.split()
    return (name, parts[0], parts[-1]) if len(parts) > 1 else (name,)


def who_said_draft(analysis: Analysis, attribution, speakers: Counter, known_roles: dict) -> Candidate | None:
    text, speaker = analysis.text, attribution.speaker
    role = attribution.speaker_role or known_roles.get(speaker)
    if not role:
        return None
    excerpt = distinctive_part(text, attribution.start, attribution.end, name_parts(speaker))
    asked = f"who said: “{excerpt[2]}”" if excerpt else reported(analysis, attribution, name_parts(speaker))
    if asked is None:
        return None
    evidence = [sentence_around(text, Span(attribution.start, attribution.end))]
    cited = " ".join(text[s.start : s.end] for s in evidence)
    if not text_mentions(cited, speaker):
        introduction = introducing_sentence(analysis, speaker)
        if introduction is None:
            return None
        evidence = sorted({*evidence, introduction})
    surname = speaker.split()[-1] if len(speaker.split()) > 1 else None
    others = [
        name for name, _ in sorted(speakers.items(), key=lambda item: (-item[1], item[0])) if name != speaker
    ]
    details = {"role": role, "accepted_answers": [surname] if surname else []}
    if len(others) >= 2:
        details["choices"] = sorted([speaker, *others[: MAX_CHOICES - 1]])
    described = analysis.context.describe(name_parts(speaker))
    draft = Candidate(
        generator="who_said",
        type="who_said",
        prompt=f"In {described}, {asked}?",
        answer=speaker,
        explanation=f"The article attributes these words to {speaker}, {role}.",
        evidence=[(s.start, s.end) for s in evidence],
        tags=["quotes", "people"],
        difficulty="medium",
        details=details,
        confidence=round(min(0.95, float(attribution.confidence)), 2),
    )
    if attribution.confidence < 0.8:
        draft.notes.append(attribution.reason or f"speaker found by {attribution.method}")
    return draft


def reported(analysis: Analysis, attribution, names: tuple[str, ...]) -> str | None:
    """For a quotation of a word or two: “who said firms were moving staff “ninja-style””, from “Anton said
    firms were moving staff “ninja-style.”” (the speaker, then a speech verb, then what was said)."""
    sent = next((s for s in analysis.sentences if s.start_char <= attribution.start < s.end_char), None)
    if sent is None or sent.root.lemma_ not in SPEECH_VERBS:
        return None
    content = next((c for c in sent.root.children if c.dep_ == "ccomp" and c.i > sent.root.i), None)
    subject = next((c for c in sent.root.children if c.dep_ == "nsubj" and c.i < sent.root.i), None)
    if content is None or subject is None:
        return None
    words = analysis.doc[content.left_edge.i : sent.end].text.strip()
    words = re.sub(r"[.!?…]+(?=[”’\"]*$)", "", words).rstrip(" ,")
    if any(text_mentions(words, n) for n in names) or len(words.split()) < 3:
        return None
    verb = "said" if sent.root.lemma_ == "say" else sent.root.text
    return f"who {verb} {words}"


def distinctive_part(text: str, start: int, end: int, names: tuple[str, ...]) -> tuple[int, int, str] | None:
    """The quote's most telling sentence (or its opening words), as (start, end, words) of the clean text."""
    inner_start, inner_end = start, end
    while inner_start < inner_end and text[inner_start] in '“”"‘’ ':
        inner_start += 1
    while inner_end > inner_start and text[inner_end - 1] in '“”"‘’ ,':
        inner_end -= 1
    best = None
    for match in SENTENCE.finditer(text, inner_start, inner_end):
        s, e = match.start(), match.end()
        while s < e and text[s] in ' “”"\n':
            s += 1
        while e > s and text[e - 1] in ' “”",\n':
            e -= 1
        words = text[s:e].split()
        if len(words) < MIN_WORDS or "\n" in text[s:e] or any(text_mentions(text[s:e], n) for n in names):
            continue
        if len(words) > MAX_WORDS:
            e = s + len(" ".join(words[:MAX_WORDS]))
            cut = max(text.rfind(",", s, e), text.rfind(" —", s, e))
            e = cut if cut > s + 40 else e
        content = {w.strip(".,;:!?“”’‘—").lower() for w in text[s:e].split()} - STOP_WORDS
        score = (len(content), -s)
        if best is None or score > best[0]:
            best = (score, s, e)
    if best is None:
        return None
    _, s, e = best
    words = " ".join(text[s:e].split())
    if e < inner_end and not words.endswith((".", "!", "?")):
        words = words.rstrip(",;:—– ") + "…"
    words = words.removesuffix(".")  # the prompt's own “…”? ends the sentence
    return s, e, words


def introducing_sentence(analysis: Analysis, speaker: str) -> Span | None:
    """The first sentence that names the speaker in full (outside quotation marks)."""
    for match in re.finditer(rf"(?<!\w){re.escape(speaker)}(?!\w)", analysis.text):
        if not analysis.is_quoted(match.start(), match.end()):
            return sentence_around(analysis.text, Span(match.start(), match.end()))
    return None
