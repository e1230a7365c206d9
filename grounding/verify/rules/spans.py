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

from grounding.text.quantities import TIME_OF_DAY, Quantity, parse_quantities, same_quantity
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
