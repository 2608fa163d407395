"""Who said what: every quotation in an article's clean text, attributed to the person who said it.

`extract_quotes(text)` returns one Attribution per quoted passage (the words between one pair of marks, within
one paragraph), in text order. Decisions, for news prose in general:

- Offsets: `start`/`end` cover the quoted words inside the marks, without the marks, surrounding spaces or a
  trailing comma (“…next,” → "…next"); `quote == text[start:end]`.
- Interrupted quotations (“…,” he said. “…”) give two attributions with the same speaker; the second part says
  so in its reason. A quotation running over several paragraphs gives one attribution per paragraph.
- Own attribution first: a speech verb right after the closing mark with its subject ("“…,” said X", "“…,” X
  told The Moscow Times", "“…,” according to X"), else the nearest speech verb before the opening mark in the
  same sentence ("X said: “…”", "X said firms were moving staff “ninja-style.”").
- Without one, a passage continues the speaker of the same paragraph (an interrupted quotation, or reported
  speech just before: "She said … jobs. “Some of them …"), then, when it opens its paragraph, the speaker of
  the paragraph just before ("continuation": quoted or reported speech, the news convention).
- Labels are not speech: a passage of at most three words (“children”, “rebellion”, a crosshead) counts only
  with its own attribution; a title (every word capitalised and no final stop, or after "titled", "dubbed" …)
  only when attributed after the closing mark or after a colon; a short passage right after a naming verb
  ("what staff call the “X”", "so-called") never counts. Labels are left out unless `include_labels`
  (then they come back with method "unattributed", no speaker and confidence 0.05).
- Confidence comes from the method (CONFIDENCE in speakers.py), lowered for inherited passages and fragments;
  `reason` says in a sentence how the speaker was found, for the review queue (lowest confidence first).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc

from app.generation.quote_marks import QuotePart, ends_sentence, paragraphs, quote_parts
from app.generation.speaker_names import find_people
from app.generation.speakers import CONFIDENCE, Discourse, Speaker, SpeechEvent

METHODS = ("explicit name", "surname", "first name", "pronoun", "description", "continuation", "unattributed")
SHORT_QUOTE_WORDS = 3  # a quoted fragment this short is a label unless a speech verb attributes it
LABEL_CONFIDENCE = 0.05
MULTI_PARAGRAPH_CONFIDENCE = 0.7
_INTERRUPTED_PENALTY = 0.05
_REPORTED_PENALTY = 0.1
_FRAGMENT_PENALTY = 0.1
_WORD = re.compile(r"[^\W_]+(?:[-’'][^\W_]+)*")
_SMALL_WORDS = {"a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "but", "at", "by", "with"}
_SMALL_WORDS |= {"from", "as", "into", "vs"}  # words a title leaves in lower case
_TITLE_CUES = {"titled", "entitled", "named", "dubbed", "headlined", "nicknamed", "hashtag"}
_NAMING_CUES = {"call", "calls", "called", "calling", "so-called", "termed"}
_SENTENCE_END = re.compile(r"[.!?…]+[”’\"')\]]*(?=\s|$)")
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "sen", "rep", "gov", "gen", "lt", "col", "capt", "sgt", "jr",
    "sr", "inc", "ltd", "co", "corp", "no", "vs", "etc", "jan", "feb", "aug", "sept", "oct", "nov", "dec",
    "mt", "ft", "approx", "dept", "est", "fig", "u.s", "u.k", "e.u", "a.m", "p.m",
}  # fmt: skip


@dataclass(frozen=True)
class Attribution:
    quote: str  # == text[start:end]: the quoted words, without the quotation marks
    start: int
    end: int
    speaker: str | None  # the full name the article introduces; None when not attributable
    speaker_role: str | None  # the role the article gives the speaker ("Belarusian journalist")
    confidence: float  # 0..1, from the method
    method: str  # one of METHODS
    reason: str  # how the speaker was found, in a short sentence


def extract_quotes(
    text: str, *, doc: Doc | None = None, model: str | None = None, include_labels: bool = False
) -> list[Attribution]:
    """Every quotation in `text` with its speaker; `doc` is a parse of `text` if the caller has one."""
    parts = quote_parts(text)
    if not parts:
        return []
    if doc is None:
        from app.generation.nlp import parse

        doc = parse(text, model)
    return _Attributor(text, doc, parts).attributions(include_labels)


class _Attributor:
    def __init__(self, text: str, doc: Doc, parts: list[QuotePart]) -> None:
        self.text, self.parts = text, parts
        self.paragraphs = paragraphs(text)
        self._paragraph_starts = [start for start, _ in self.paragraphs]
        self._quoted = sorted((p.open_mark, p.outer_end) for p in parts)
        discourse = Discourse(doc, find_people(doc), self.quoted, self.paragraph_of)
        self.events = discourse.events
        self.doc = doc

    def quoted(self, offset: int) -> bool:
        k = bisect.bisect_right(self._quoted, (offset, len(self.text) + 1)) - 1
        return k >= 0 and self._quoted[k][0] <= offset < self._quoted[k][1]

    def paragraph_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._paragraph_starts, offset) - 1)

    def attributions(self, include_labels: bool) -> list[Attribution]:
        own = [self._own(k) for k in range(len(self.parts))]
        results: list[Attribution] = []
        speakers: dict[int, tuple[Speaker, str]] = {}  # part index → its speaker and how it was found
        paragraph_speaker: dict[int, tuple[Speaker, str, str]] = {}  # paragraph → last (speaker, source, cue)
        owned = {event.verb for event, _ in own if event is not None}  # each part's own attribution
        events = iter([e for e in self.events if e.verb not in owned and e.reports])
        event = next(events, None)
        for k, part in enumerate(self.parts):
            while event is not None and event.at < part.open_mark:
                paragraph_speaker[self.paragraph_of(event.at)] = (
                    event.speaker,
                    "event",
                    event.speaker.reason,
                )
                event = next(events, None)
            found = self._speaker_of(k, own, speakers, paragraph_speaker)
            if found is None:
                if include_labels:
                    results.append(self._label(part))
                continue
            speaker, method, confidence, reason = found
            speakers[k] = (speaker, reason)
            paragraph_speaker[part.paragraph] = (speaker, "part", reason)
            quote = self.text[part.start : part.end]
            confidence = round(min(1.0, max(0.0, confidence)), 2)
            results.append(
                Attribution(
                    quote, part.start, part.end, speaker.name, speaker.role, confidence, method, reason
                )
            )
        return results

    def _speaker_of(
        self, k: int, own: list, speakers: dict, paragraph_speaker: dict
    ) -> tuple[Speaker, str, float, str] | None:
        """(speaker, method, confidence, reason) for part k, or None when it is a label, not speech."""
        part = self.parts[k]
        quote = self.text[part.start : part.end]
        short = len(_WORD.findall(quote)) <= SHORT_QUOTE_WORDS
        event, where = own[k]
        if self._is_title(part) and where != "after" and not self._after_colon(part):
            return None
        if short and self._named_thing(part):
            return None
        if event is not None and (event.speaker.name or not short):
            speaker = event.speaker
            confidence = speaker.confidence - (_FRAGMENT_PENALTY if short and where == "before" else 0)
            return speaker, speaker.method, confidence, speaker.reason
        previous = self.parts[k - 1] if k > 0 else None
        if part.continued and previous is not None and k - 1 in speakers:
            speaker, _ = speakers[k - 1]
            if speaker.name:
                reason = (
                    f"continues the quotation of {speaker.name} from the paragraph before ({speaker.reason})"
                )
                return speaker, "continuation", MULTI_PARAGRAPH_CONFIDENCE, reason
        later = self._later_in_quotation(k, own)
        if later is not None and not short:
            speaker = later.speaker
            reason = f"the quotation runs on into the next paragraph, where: {speaker.reason}"
            return speaker, "continuation", MULTI_PARAGRAPH_CONFIDENCE, reason
        same = paragraph_speaker.get(part.paragraph)
        if same is not None:
            speaker, source, _ = same
            if short and not (source == "part" and self._interrupted(k, own)):
                return None
            if source == "part":
                reason = f"continues the quotation interrupted by its attribution ({speaker.reason})"
                return speaker, speaker.method, speaker.confidence - _INTERRUPTED_PENALTY, reason
            reason = f"follows reported speech in the same paragraph ({speaker.reason})"
            return speaker, speaker.method, speaker.confidence - _REPORTED_PENALTY, reason
        if short:
            return None
        before = paragraph_speaker.get(part.paragraph - 1)
        if self._opens_paragraph(part) and before is not None and before[0].name:
            speaker = before[0]
            reason = f"no attribution in its paragraph; continues {speaker.name} from the paragraph before"
            return speaker, "continuation", CONFIDENCE["continuation"], f"{reason} ({speaker.reason})"
        reason = "quoted words with no speaker named in their paragraph or the one before"
        return (
            Speaker(None, None, "unattributed", 0, reason),
            "unattributed",
            CONFIDENCE["unattributed"],
            reason,
        )

    def _own(self, k: int) -> tuple[SpeechEvent | None, str | None]:
        """The part's own attribution: right after its closing mark, else before it in the same sentence."""
        after = self._after(k)
        if after is not None:
            return after, "after"
        before = self._lead(k)
        return (before, "before") if before is not None else (None, None)

    def _after(self, k: int) -> SpeechEvent | None:
        part = self.parts[k]
        if part.close_mark is None or ends_sentence(self.text, part):
            return None
        start = part.close_mark + 1
        end = self._region_end(k)
        stop = self._sentence_end(start, end)
        span = self.doc.char_span(start, stop, alignment_mode="expand")
        tokens = [t for t in span or [] if start <= t.idx < stop and not (t.is_punct or t.is_space)]
        if not tokens:
            return None
        first = tokens[0].i
        for event in self.events:
            if start <= event.at < stop:
                words_before = [t for t in tokens if t.i < event.left]
                return event if len(words_before) <= 1 and event.left >= first - 1 else None
        return None

    def _lead(self, k: int) -> SpeechEvent | None:
        part = self.parts[k]
        start = self._sentence_start(part.open_mark, self.paragraphs[part.paragraph][0])
        if k > 0 and self.parts[k - 1].paragraph == part.paragraph:
            start = max(start, self.parts[k - 1].outer_end)
        candidates = [
            e for e in self.events if start <= e.at < part.open_mark and self.doc[e.left].idx >= start
        ]
        return candidates[-1] if candidates else None

    def _region_end(self, k: int) -> int:
        part = self.parts[k]
        following = self.parts[k + 1] if k + 1 < len(self.parts) else None
        if following is not None and following.paragraph == part.paragraph:
            return following.open_mark
        return self.paragraphs[part.paragraph][1]

    def _sentence_end(self, start: int, end: int) -> int:
        for match in _SENTENCE_END.finditer(self.text, start, end):
            if not self._abbreviation(match.start()):
                return match.start()
        return end

    def _sentence_start(self, offset: int, paragraph_start: int) -> int:
        start = paragraph_start
        for match in _SENTENCE_END.finditer(self.text, paragraph_start, offset):
            if not self.quoted(match.start()) and not self._abbreviation(match.start()):
                start = match.end()
        for part in self.parts:
            if paragraph_start <= part.outer_end <= offset and ends_sentence(self.text, part):
                start = max(start, part.outer_end)
        return start

    def _abbreviation(self, at: int) -> bool:
        """The full stop of "Dr.", "U.S." or an initial ("J.")."""
        word = re.search(r"[\w.]+$", self.text[max(0, at - 10) : at])
        word_text = word.group().lower() if word else ""
        return self.text[at] == "." and (
            word_text in _ABBREVIATIONS or (len(word_text) == 1 and word_text.isalpha())
        )

    def _later_in_quotation(self, k: int, own: list) -> SpeechEvent | None:
        """An attribution in a later paragraph of the same multi-paragraph quotation."""
        j = k
        while j + 1 < len(self.parts) and self.parts[j].close_mark is None and self.parts[j + 1].continued:
            j += 1
            if own[j][0] is not None and own[j][0].speaker.name:
                return own[j][0]
        return None

    def _interrupted(self, k: int, own: list) -> bool:
        """Part k follows part k-1 after only the attribution of k-1: “Rubbish,” he said. “Total rubbish.”"""
        event, where = own[k - 1] if k > 0 else (None, None)
        return event is not None and where == "after"

    def _opens_paragraph(self, part: QuotePart) -> bool:
        return part.open_mark == self.paragraphs[part.paragraph][0]

    def _after_colon(self, part: QuotePart) -> bool:
        return self.text[max(0, part.open_mark - 8) : part.open_mark].rstrip().endswith(":")

    def _is_title(self, part: QuotePart) -> bool:
        """A title or name in quotation marks: “Holding the Line: Coastal Defence to 2050”."""
        quote = self.text[part.start : part.end]
        before = _WORD.findall(self.text[max(0, part.open_mark - 40) : part.open_mark].lower())[-2:]
        if any(word in _TITLE_CUES for word in before):
            return True
        words = [w for w in _WORD.findall(quote) if w.lower() not in _SMALL_WORDS]
        capitalised = sum(w[0].isupper() or w[0].isdigit() for w in words)
        return len(words) >= 2 and capitalised == len(words) and quote.rstrip(",")[-1:] not in ".!?…"

    def _named_thing(self, part: QuotePart) -> bool:
        """A name given to a thing, right after a naming verb: what staff call the “hallway ward.”"""
        before = _WORD.findall(self.text[max(0, part.open_mark - 40) : part.open_mark].lower())[-2:]
        if before and before[-1] in ("the", "a", "an", "its", "their"):
            before = before[:-1]
        return bool(before) and before[-1] in _NAMING_CUES

    def _label(self, part: QuotePart) -> Attribution:
        quote = self.text[part.start : part.end]
        reason = "quoted words used as a label or title, not speech: no speech verb attributes them"
        return Attribution(quote, part.start, part.end, None, None, LABEL_CONFIDENCE, "unattributed", reason)
