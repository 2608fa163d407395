"""Numbers: counts, percentages, sums, durations and years, asked as numeric questions with a tolerance."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from app.generation.analysis import Analysis
from app.generation.candidates import Candidate, excerpt, says
from app.generation.clauses import wh_question
from app.grading.prose_numbers import numbers_in

NUMERIC_LABELS = {"CARDINAL", "PERCENT", "MONEY", "QUANTITY", "DATE"}
QUALIFIER_WORDS = {
    "at", "least", "more", "than", "over", "about", "around", "roughly", "nearly", "almost", "some", "up",
    "to", "fewer", "less", "under", "approximately", "just", "only", "an", "estimated", "below", "above",
}  # fmt: skip
ESTIMATES = {"about", "around", "roughly", "nearly", "almost", "some", "approximately", "estimated"}
CURRENCIES = {"$": "dollars", "£": "pounds", "€": "euros", "¥": "yen"}
CURRENCY_WORDS = {
    "euro": "euros",
    "euros": "euros",
    "dollar": "dollars",
    "dollars": "dollars",
    "pounds": "pounds",
}
MIN_SENTENCE_TOKENS = 8
MONTHS = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
}  # fmt: skip
TIME_UNITS = {"seconds", "minutes", "hours", "days", "weeks", "months", "years", "decades", "centuries"}
SCALE_WORDS = {"hundred", "thousand", "million", "billion", "trillion", "bn", "m", "k"}


@dataclass(frozen=True)
class Figure:
    """A number the article states: where, its value and what kind of number it is."""

    sent: Span
    start: int  # tokens of the figure itself, qualifiers included ("at least 50")
    end: int
    value: float
    kind: str  # count, percent, money, year
    unit: str | None
    qualifier: str

    @property
    def text(self) -> str:
        return self.sent.doc[self.start : self.end].text


def figures(analysis: Analysis) -> list[Figure]:
    """Every stated number outside quotations, with the tokens that state it."""
    found = []
    sentences = analysis.sentences
    for ent in analysis.doc.ents:
        if ent.label_ not in NUMERIC_LABELS or analysis.is_quoted(ent.start_char, ent.end_char):
            continue
        sent = next((s for s in sentences if s.start <= ent.start and ent.end <= s.end), None)
        figure = read_figure(ent, sent) if sent is not None else None
        if figure is not None:
            found.append(figure)
    return found


def read_figure(ent: Span, sent: Span) -> Figure | None:
    doc = ent.doc
    numbers = [t for t in ent if t.like_num or t.text.lower() in SCALE_WORDS or t.text in CURRENCIES]
    readings = numbers_in(ent.text)
    if not numbers or len(readings) != 1:
        return None
    reading = readings[0]
    first, last = numbers[0].i, numbers[-1].i
    if ent.label_ == "PERCENT" or reading.percent:
        kind, unit = "percent", "%"
        while last + 1 < ent.end and doc[last + 1].lower_ in ("%", "per", "cent", "percent"):
            last += 1
    elif ent.label_ == "DATE" and 1000 <= reading.value <= 2999 and numbers[0].text.isdigit():
        return Figure(sent, ent.start, ent.end, int(reading.value), "year", None, "")
    elif ent.label_ == "MONEY" or any(t.text in CURRENCIES for t in numbers):
        kind, unit = "money", money_unit(ent)
    else:
        kind, unit = "count", counted_noun(doc[last])
        if ent.label_ == "DATE" and (unit or "").split()[-1:] not in ([u] for u in TIME_UNITS):
            return None  # "June 28" is a date, not a count
    if reading.value < 2 and kind == "count":
        return None  # "one of", "a single": not worth asking
    start = first
    while start > ent.start and doc[start - 1].lower_ in QUALIFIER_WORDS:
        start -= 1
    qualifier = doc[start:first].text.lower()
    value = int(reading.value) if reading.value == int(reading.value) else reading.value
    return Figure(sent, start, last + 1, value, kind, unit, qualifier)


def counted_noun(number) -> str | None:
    """“firms” of “50 firms”, “IT specialists” of “13,300 IT specialists”."""
    if number.dep_ not in ("nummod", "quantmod") or number.head.pos_ not in ("NOUN", "PROPN"):
        return None
    noun = number.head
    compounds = [c for c in noun.children if c.dep_ == "compound" and c.i < noun.i and c.i > number.i]
    plural = noun.text if noun.tag_ != "NN" or noun.text.endswith("s") else noun.text + "s"  # "three-day"
    return " ".join([*(c.text for c in compounds), plural])


def money_unit(ent: Span) -> str | None:
    for token in ent:
        if token.text in CURRENCIES:
            return CURRENCIES[token.text]
    after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    for token in [*ent, *([after] if after is not None else [])]:
        if token.lower_ in CURRENCY_WORDS:
            return CURRENCY_WORDS[token.lower_]
    return None


def tolerance(figure: Figure) -> float | str:
    """0 for years and small exact counts, a few percent for large figures and estimates."""
    if figure.kind == "year" or (figure.value < 100 and figure.qualifier not in ESTIMATES):
        return 0
    if figure.qualifier in ESTIMATES or figure.value >= 1000:
        return "5%" if figure.qualifier in ESTIMATES else "2%"
    return 0


def wh_words(figure: Figure) -> str:
    qualifier = figure.qualifier + " " if figure.qualifier else ""
    if figure.kind == "year":
        return "which year"
    if figure.kind == "percent":
        return qualifier + "what percentage"
    if figure.kind == "money" and figure.unit and not counted_noun(figure.sent.doc[figure.end - 1]):
        return qualifier + "how much"
    return qualifier + "how many"


def number_drafts(analysis: Analysis) -> list[Candidate]:
    drafts = []
    for figure in figures(analysis):
        draft = number_draft(analysis, figure)
        if draft is not None:
            drafts.append(draft)
    return drafts + month_drafts(analysis)


def month_drafts(analysis: Analysis) -> list[Candidate]:
    """“In June, Lukashenko sacked …” → “In which month did Lukashenko sack …?” (a short answer)."""
    drafts = []
    for ent in analysis.doc.ents:
        months = [t for t in ent if t.text in MONTHS]
        if ent.label_ != "DATE" or len(months) != 1 or any(t.like_num for t in ent):
            continue
        if analysis.is_quoted(ent.start_char, ent.end_char):
            continue
        sent = next((s for s in analysis.sentences if s.start <= ent.start and ent.end <= s.end), None)
        question = (
            wh_question(analysis, sent, range(months[0].i, months[0].i + 1), "which month") if sent else None
        )
        if question is None or not question.text.startswith(
            ("In which month", "By which month", "Since which")
        ):
            continue
        lead = analysis.context.according_to((months[0].text,), question.reporter)
        draft = Candidate(
            generator="numbers",
            type="short_answer",
            prompt=f"{lead}, {question.text[:1].lower()}{question.text[1:]}",
            answer=months[0].text,
            explanation=says(sent.text),
            evidence=[(sent.start_char, sent.end_char)],
            tags=["timeline"],
            difficulty="medium",
            confidence=0.75,
        )
        draft.notes.append("check that the month dates this event and not another in the sentence")
        for note in question.notes:
            draft.lower(0.1, note)
        drafts.append(draft)
    return drafts


def number_draft(analysis: Analysis, figure: Figure) -> Candidate | None:
    sent, doc = figure.sent, figure.sent.doc
    year_answer = (str(figure.value),) if figure.kind == "year" else ()
    question = wh_question(analysis, sent, range(figure.start, figure.end), wh_words(figure))
    if figure.kind == "count" and figure.unit is None and question is not None:
        question = None  # "how many" needs the thing counted
    notes: list[str] = []
    confidence = 0.8
    if question is not None:
        lead = analysis.context.according_to(year_answer, question.reporter)
        prompt = f"{lead}, {question.text[:1].lower()}{question.text[1:]}"
        notes += question.notes
    else:
        if len(sent) < MIN_SENTENCE_TOKENS:
            return None  # "It now has seven." says too little to be completed
        before, _, after = excerpt(sent, figure.start, figure.end)
        qualifier = doc[figure.start : figure.end].text[: len(figure.qualifier)]
        shown = f"{before}{qualifier + ' ' if qualifier else ''}___{doc[figure.end - 1].whitespace_}{after}"
        lead = analysis.context.within(year_answer)
        prompt = f"{lead}, which number completes this sentence: “{shown.strip()}”?"
        notes.append("asked as a sentence to complete: no question form was found")
        confidence -= 0.15
    draft = Candidate(
        generator="numbers",
        type="numeric",
        prompt=prompt,
        answer=figure.value,
        explanation=says(sent.text),
        evidence=[(sent.start_char, sent.end_char)],
        tags=["numbers", "timeline"] if figure.kind == "year" else ["numbers"],
        difficulty="hard" if figure.kind != "year" and figure.value >= 1000 else "medium",
        details={"tolerance": tolerance(figure), "unit": figure.unit},
        confidence=confidence,
    )
    for note in notes:
        draft.lower(0.1, note)
    return draft
