"""When a work came out: a claim that dates a work differently from the evidence.

"The Wonderful Wizard of Oz was released in 1865" against "The Wonderful Wizard of Oz was released
1900": the year is new to the evidence, which only discounts an entailment score, and the sentences
otherwise match word for word, which is what a small cross-encoder rewards. A work's release year is
one fact with one value (a remake is another work, and evidence that lists several years for a title
makes any of them acceptable), so a different year for the same work is a contradiction.

A claim may name its work by pronoun ("It was released in 2013."); such a claim conflicts only when
its year is none of the years the evidence gives any work, whichever work the pronoun means.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from grounding.text.lexicon import FUNCTION_WORDS
from grounding.types import RuleFinding
from grounding.verify.rules.base import contradictions
from grounding.verify.rules.credits import WORK_PATTERN, work_key

__all__ = ["YearConflict", "release_year_conflicts", "release_years_in"]

_CAME_OUT = r"(?:released|published|premiered|first[ \t]+published|came[ \t]+out)"
_WHEN = r"(?:(?:in|on|during)[ \t]+)?(?:(?:early|late|mid)[ \t]+)?(?:[A-Z][a-z]+[ \t]+(?:\d{1,2},?[ \t]+)?)?"
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)(?!\d)"
_EVIDENCE_DATE = re.compile(
    rf"(?P<work>{WORK_PATTERN})[ \t]+(?:(?:was|is|were|has[ \t]+been)[ \t]+)?(?:first[ \t]+|originally[ \t]+)?"
    rf"{_CAME_OUT}[ \t]+{_WHEN}{_YEAR}"
)
_REFERENCE = r"(?:it|that|this|that[ \t]+one|this[ \t]+one|the[ \t]+(?:movie|film|book|novel|album|song|show|series))"
_LEADING_WORD = r"^(?:[A-Za-z]+,[ \t]+)?"  # "No, it was released in 2014."
_ADVERBS = r"(?:(?:actually|originally|first|also|only|initially)[ \t]+)*"


@dataclass(frozen=True)
class YearConflict:
    work: str
    claimed: str
    known: tuple[str, ...]

    def reason(self) -> str:
        return f"The evidence says {self.work} came out in {' or '.join(self.known)}, not {self.claimed}."


@functools.lru_cache(maxsize=256)
def release_years_in(evidence: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    """{work key: (work as written, its years)} for every work the evidence dates."""
    found: dict[str, tuple[str, list[str]]] = {}
    for line in evidence.splitlines():
        for match in _EVIDENCE_DATE.finditer(line):
            work = match["work"].strip(" ,")
            if work.lower() in FUNCTION_WORDS:  # "It was released 1998": no title to compare
                continue
            title, years = found.setdefault(work_key(work), (work, []))
            if match["year"] not in years:
                years.append(match["year"])
    return {key: (title, tuple(years)) for key, (title, years) in found.items()}


def release_year_conflicts(claim: str, evidence: str) -> list[YearConflict]:
    """Works the claim dates to a year the evidence does not give them."""
    dated = release_years_in(evidence)
    if not dated:
        return []
    conflicts: list[YearConflict] = []
    for title, years in dated.values():
        for claimed in _claimed_years(claim, re.escape(title).replace(r"\ ", r"[ \t]+")):
            if claimed not in years:
                conflicts.append(YearConflict(title, claimed, years))
    if not conflicts:
        every_year = {year for _, years in dated.values() for year in years}
        for claimed in _claimed_years(claim, _REFERENCE, start_only=True):
            if claimed not in every_year:
                titles = " or ".join(title for title, _ in list(dated.values())[:2])
                conflicts.append(YearConflict(titles, claimed, tuple(sorted(every_year))))
    return list(dict.fromkeys(conflicts))


def _claimed_years(claim: str, subject: str, start_only: bool = False) -> list[str]:
    lead = _LEADING_WORD if start_only else r"(?<![\w])"
    pattern = re.compile(
        rf"{lead}(?i:{subject})(?:['’]s|[ \t]+(?i:was|is|were|has[ \t]+been))?"
        rf"[ \t]+(?i:{_ADVERBS}){_CAME_OUT}[ \t]+{_WHEN}{_YEAR}"
    )
    return [match["year"] for match in pattern.finditer(claim)]


class ReleaseYearRule:
    """A domain rule: works and their makers (films, books)."""

    name = "release_years"

    def check(self, claim: str, evidence: str) -> list[RuleFinding]:
        return contradictions(self.name, release_year_conflicts(claim, evidence))
