"""How long someone held a post or stayed somewhere, from the years the evidence gives for the start and the end.

"Elsbeth Moravec served as chief financial officer for six years" against "She became CFO ... in January 2014" and
"She stepped down from the CFO role in January 2020": no sentence says six years, the model does not subtract, and
it reads the claim as unrelated (P(entailment) 0.01); "worked at Kestrel Analytics for ten years" against "joined ...
in April 2018" and "left ... in April 2022" looks the same to it. A tenure is read only where the claim counts its
years once ("for six years", "for more than ten years ... when she was made a partner") and gives no year of its own,
and the evidence dates exactly two sentences, one year each: the earlier says the start (joined, became, was
appointed, took over), the later the end (left, stepped down, retired) or the act the claim's "when" names ("was made
a partner"); the claim's subject is named in the first and named or taken up by a pronoun in the second.
`grounding.verify.arithmetic` shows the model a tenure that matches, and the `quantities` rule contradicts one the
years rule out (`grounding.verify.rules.spans`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from grounding.text.lexicon import count_of
from grounding.text.quantities import years_in
from grounding.text.sentences import split_sentences

_TENURE = re.compile(
    r"\bfor\s+(?:(?P<bound>more\s+than|over|at\s+least|less\s+than|under|fewer\s+than|at\s+most)\s+)?"
    r"(?P<count>\d{1,2}|[a-z]+)\s+years\b(?P<rest>[^.;]*)",
    re.I,
)
_STARTS = re.compile(
    r"\b(?:joined|became|was\s+(?:appointed|named|hired|elected|recruited)|took\s+(?:over|office|charge|up)|started|"
    r"began|signed\s+(?:for|with))\b",
    re.I,
)
_ENDS = re.compile(
    r"\b(?:left|stepped\s+down|retired|resigned|quit|departed|stood\s+down|was\s+(?:dismissed|replaced|fired|sacked)|"
    r"laid\s+off)\b",
    re.I,
)
_ABOVE = frozenset({"more than", "over", "at least"})
_WHEN = re.compile(r"\bwhen\b(?P<act>.*)", re.I)
_PRONOUN = re.compile(r"^\W*(?:he|she|they|his|her|their)\b", re.I)
_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+")


@dataclass(frozen=True)
class Tenure:
    """A claim's count of years against the span from the evidence's start year to its end year."""

    count: int
    bound: str | None
    first: int
    last: int
    sentence: str
    """The evidence's sentence that ends the span."""

    @property
    def years(self) -> int:
        return self.last - self.first

    def holds(self) -> bool:
        """The span gives the claim's count (a bound's, "more than ten years", is within it)."""
        if self.bound is None:
            return self.years == self.count
        return self.years > self.count if self._above else self.years < self.count

    def ruled_out(self) -> bool:
        """The span cannot be the claim's count, whatever months its two years hold: a year off is left alone."""
        if self.bound is None:
            return abs(self.years - self.count) > 1
        return self.years + 1 < self.count if self._above else self.years - 1 > self.count

    @property
    def _above(self) -> bool:
        return self.bound in _ABOVE


def tenure(claim: str, evidence: str) -> Tenure | None:
    """The claim's tenure read against the evidence's start and end years, or None where the evidence does not date
    both (see the module's docstring)."""
    said = list(_TENURE.finditer(claim))
    if len(said) != 1 or years_in(claim):
        return None
    count = count_of(said[0]["count"])
    name = _NAME.search(claim)
    if not count or not name:
        return None
    dated = [
        (sentence, years)
        for start, end in split_sentences(evidence)
        if (years := years_in(sentence := evidence[start:end]))
    ]
    if len(dated) != 2 or any(len(years) != 1 for _, years in dated):
        return None
    (opening, (first,)), (closing, (last,)) = sorted(((s, tuple(y)) for s, y in dated), key=lambda d: d[1])
    if first >= last or not _STARTS.search(opening) or name[0] not in opening:
        return None
    if name[0] not in closing and not _PRONOUN.match(closing):
        return None
    when = _WHEN.search(said[0]["rest"])
    if when:
        acts = {w.lower() for w in re.findall(r"\b[a-z]{5,}\b", when["act"])}
        if not acts & {w.lower() for w in re.findall(r"\b[a-z]{5,}\b", closing)}:
            return None
    elif not _ENDS.search(closing):
        return None
    bound = re.sub(r"\s+", " ", said[0]["bound"].lower()) if said[0]["bound"] else None
    return Tenure(count=count, bound=bound, first=first, last=last, sentence=closing)
