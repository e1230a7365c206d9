"""How long something lasted: a claim's count of years against the span of years the evidence gives for the same
thing.

"Emperor Castovan ruled Drelmark for 23 years" against "Castovan ruled Drelmark from 1601 to 1618": the claim's
figure is in no sentence, so no rule compares it with another value, and the model, which does not subtract, reads
the matching words as support. A span is read where a sentence that says most of the claim's words gives it with
"from ... to" or "between ... and" (not a dash in brackets, which gives a life), and the claim counts its years
plainly ("for 23 years", not "for nearly 20 years"), and a year off either way is left alone (a reign from late 1601
to early 1618 is 17 years or 16). A tenure whose start and end two sentences date ("joined ... in 2018", "left ... in
2022") is read by `grounding.verify.tenure`.
"""

from __future__ import annotations

import re

from grounding.text.quantities import TIME_OF_DAY, Quantity, day_and_month, parse_quantities, same_quantity
from grounding.text.sentences import split_sentences
from grounding.verify.rules.base import quote
from grounding.verify.rules.reading import _content, _sentences, _stems, _words
from grounding.verify.tenure import tenure

_COUNT = re.compile(r"\bfor\s+(?P<count>\d{1,3})\s+years\b", re.I)
_YEAR = r"(?:1[0-9]|20)\d\d"
_SPAN = re.compile(
    rf"\b(?:from\s+(?P<a>{_YEAR})\s+(?:to|until|till)\s+(?P<b>{_YEAR})|between\s+(?P<c>{_YEAR})\s+and\s+(?P<d>{_YEAR}))\b",
    re.I,
)
_SAYS_THE_CLAIM = 0.75
"""Share of the claim's content words (its count aside) the sentence that gives the span must say."""


def other_span(claim: str, evidence: str) -> tuple[str, str] | None:
    """(detail, sentence) where the one span of years a sentence of the claim gives is another count than the
    claim's; None otherwise."""
    counts = list(_COUNT.finditer(claim))
    if len(counts) != 1:
        return None
    count = int(counts[0]["count"])
    wanted = _stems(_content(_words(claim[: counts[0].start()] + claim[counts[0].end() :])))
    if len(wanted) < 2:
        return None
    for start, end in split_sentences(evidence):
        sentence = evidence[start:end]
        spans = list(_SPAN.finditer(sentence))
        if len(spans) != 1 or len(wanted & _stems(_content(_words(sentence)))) < _SAYS_THE_CLAIM * len(wanted):
            continue
        first, last = sorted(int(y) for y in spans[0].groups() if y)
        if abs(last - first - count) > 1:
            return (
                f"The evidence gives {first} to {last}, {last - first} years, not {count}: {quote(sentence)}",
                sentence,
            )
    return None


def other_tenure(claim: str, evidence: str) -> tuple[str, str] | None:
    """(detail, sentence) where the years the evidence gives for a start and an end rule out the claim's count of
    years ("worked at Kestrel Analytics for ten years" / "joined ... in April 2018", "left ... in April 2022")."""
    held = tenure(claim, evidence)
    if held is None or not held.ruled_out():
        return None
    said = f"{held.bound} {held.count}" if held.bound else str(held.count)
    return (
        f"The evidence gives {held.first} to {held.last}, {held.years} years, not {said}: {quote(held.sentence)}",
        held.sentence,
    )


_DAY_MINUTES = 24 * 60
_HOW_LONG = re.compile(r"\b(?:takes?|took|taking|lasts?|lasted|journey|trip|ride|have|has|had|gives?|wait)\b", re.I)
"""Words that make a duration the time between two moments: a journey that "takes", a change that leaves time."""


def other_clock_span(claim: str, evidence: str) -> tuple[str, str] | None:
    """(detail, sentence) where the claim's one duration ("takes about 40 minutes") is not the time between the only
    two times of day the evidence gives ("The 7:15 departure ... arrives at 8:25": 70 minutes) and the evidence
    gives no duration of its own; None otherwise."""
    durations = [q for q in parse_quantities(claim) if q.dimension == "time" and q.bound is None]
    if len(durations) != 1 or not _HOW_LONG.search(claim):
        return None
    stated = [(s.text, q) for s in _sentences(evidence) for q in parse_quantities(s.text)]
    clocks = [(s, q) for s, q in stated if q.dimension == TIME_OF_DAY]
    if len(clocks) != 2 or any(q.dimension == "time" for _, q in stated):
        return None
    wanted = _stems(_content(_words(claim)))
    if len(wanted & _stems(_content(_words(" ".join(s for s, _ in clocks))))) < 2:
        return None
    (_, start), (sentence, end) = clocks
    minutes = (end.value - start.value) % _DAY_MINUTES
    between = Quantity(kind=durations[0].kind, value=minutes * 60, start=0, end=0, text="", dimension="time")
    if not minutes or same_quantity(durations[0], between):
        return None
    return (
        f"The evidence gives {start.text} to {end.text}, {_minutes(minutes)}, not {durations[0].text}: "
        f"{quote(sentence)}",
        sentence,
    )


def _minutes(minutes: float) -> str:
    hours, rest = divmod(int(minutes), 60)
    said = [f"{hours} hour{'s' if hours != 1 else ''}"] if hours else []
    return " ".join(said + ([f"{rest} minutes"] if rest else []))


_STARTS = re.compile(
    r"\b(?:starts?|started|starting|begins?|began|beginning|opens?|opened|commences?|kicks?\s+off)\b", re.I
)
_ENDS = re.compile(r"\b(?:ends?|ended|ending|finish(?:es|ed)?|closes?|closed|concludes?|wraps?\s+up)\b", re.I)
_FROM_DAY_TO_DAY = re.compile(
    r"\b(?:from|between)\s+(?P<first>.{3,40}?)\s+(?:to|until|till|through|and)\s+(?P<last>.{3,40})", re.I
)


def other_end_of_a_span(claim: str, evidence: str) -> tuple[str, str] | None:
    """(detail, sentence) where the claim says something starts on the day a span the evidence gives ends, or ends on
    the day it starts: "half-term starts on 1 November" against "Half-term runs from Monday 28 October to Friday 1
    November"."""
    starts, ends = bool(_STARTS.search(claim)), bool(_ENDS.search(claim))
    if starts == ends:
        return None
    days = [q for q in parse_quantities(claim) if q.kind.value == "date" or q.day is not None]
    days = days or [q for q in parse_quantities(claim) if day_and_month(claim, q)]
    if len(days) != 1:
        return None
    mine = day_and_month(claim, days[0])
    wanted = _stems(_content(_words(_STARTS.sub("", _ENDS.sub("", claim)))))
    for sentence in _sentences(evidence):
        span = _FROM_DAY_TO_DAY.search(sentence.text)
        if span is None or len(wanted & sentence.stems) < 0.5 * len(wanted):
            continue
        first, last = (_day_in(span[k]) for k in ("first", "last"))
        if None in (first, last) or first == last:
            continue
        if (starts and mine == last) or (ends and mine == first):
            said = "ends" if starts else "starts"
            detail = f"The evidence gives that day as the day it {said}: {quote(sentence.text)}"
            return detail, sentence.text
    return None


def _day_in(text: str) -> tuple[int, int] | None:
    found = [d for q in parse_quantities(text) if (d := day_and_month(text, q)) is not None]
    return found[0] if found else None
