"""A claim read in its evidence's words where both say the same amount, date, rate or state another way.

The small entailment model compares surface forms: "takes 90 minutes" against "takes an hour and a
half", or "every month" against "monthly", leaves it unsure although the two say the same thing, and
it reads "lowered its rate" against "cut its rate", or "is closed on holidays" against "does not open on
holidays", as a contradiction. Exact comparison finds the equivalence (`grounding.text.quantities`; the
rates, the same-direction verbs and the complements of `grounding.text.lexicon`), so the model is shown
the claim as the evidence writes it. Only a value equal to the claim's own, said in other words or in
another unit (or inside the claim's hedge: "about 1,000 kilograms" / "1,025 kg"), is written in (and a
year as the one full date the evidence gives in it, a verb moving an amount the same way, and a state as
the denial of its complement), and nothing else in the claim changes: a wrong amount stays wrong, and the
rules still read the claim as given.
"""

from __future__ import annotations

import functools
import re

from grounding.text.lexicon import (
    ANTONYMS,
    BE_FORMS,
    COMPLEMENTS,
    FREQUENCY_UNITS,
    RATE_SYNONYMS,
    SAME_DIRECTION,
)
from grounding.text.quantities import UNITS, Quantity, QuantityKind, parse_quantities, same_quantity

_PERIODS = "|".join(FREQUENCY_UNITS)
_ADVERBS = {*FREQUENCY_UNITS.values(), *RATE_SYNONYMS}
_RATE = re.compile(
    rf"\b(?:(?:every|each)\s+(?P<period>{_PERIODS})"
    rf"|(?P<adverb>{'|'.join(sorted(_ADVERBS))}))\b",
    re.I,
)
"""How often, said as a phrase ("every month") or as one word ("monthly", "annually"). "Once a week" is left
out: written as "weekly" it would lose the count that "twice weekly" is compared with."""

_MOVES: dict[str, frozenset[str]] = {}
for _group in SAME_DIRECTION:
    for _verb in _group:
        _MOVES[_verb] = _MOVES.get(_verb, frozenset()) | (_group - {_verb})
_WORD = re.compile(r"[A-Za-z]+")

Reading = tuple[str, tuple[tuple[str, str], ...]]
"""The claim as the evidence words it, and each (claim's words, evidence's words) replaced."""


def reword(claim: str, premise: str) -> Reading:
    """`claim` with each amount or rate written as `premise` writes the same one."""
    return _reword(claim, premise)


@functools.lru_cache(maxsize=4096)
def _reword(claim: str, premise: str) -> Reading:
    edits: list[tuple[int, int, str]] = []
    stated = _quantities(premise)
    for quantity in _quantities(claim):
        same = next((s for s in stated if _equal(quantity, s)), None)
        if same is not None and same.text.lower() != quantity.text.lower():
            edits.append((quantity.start, quantity.end, same.text))
        elif quantity.kind == QuantityKind.YEAR and (day := _the_date_of(quantity, stated)) is not None:
            edits.append(_dated(claim, quantity, day))
    rates = {_rate(m): m.group() for m in _RATE.finditer(premise)}
    for match in _RATE.finditer(claim):
        said = rates.get(_rate(match))
        if said is not None and said.lower() != match.group().lower():
            edits.append((match.start(), match.end(), said))
    edits.extend(_same_moves(claim, premise))
    edits.extend(_denied_opposites(claim, premise))
    if not edits:
        return claim, ()
    edits.sort()
    if any(a[1] > b[0] for a, b in zip(edits, edits[1:], strict=False)):
        return claim, ()  # overlapping readings: leave the claim as it is
    text, changes = claim, []
    for start, end, said in reversed(edits):
        changes.append((claim[start:end], said))
        text = text[:start] + said + text[end:]
    return text, tuple(reversed(changes))


@functools.lru_cache(maxsize=4096)
def _quantities(text: str) -> tuple[Quantity, ...]:
    return tuple(parse_quantities(text))


def _equal(claimed: Quantity, stated: Quantity) -> bool:
    """The same amount said in other words: in another unit ("90 minutes" / "an hour and a half"), or in
    words against digits, or a measure the claim hedges ("about 1,000 kilograms") that the evidence gives
    within the hedge ("1,025 kg"; only with a unit, which says what is measured). Formatting alone ("43%" /
    "43 per cent", "April 20" / "Apr 20") the model reads as it is, and is left alone."""
    if claimed.kind != QuantityKind.NUMBER or stated.kind != QuantityKind.NUMBER:
        return False
    if claimed.approximate and not stated.approximate and claimed.dimension and claimed.dimension == stated.dimension:
        return bool(same_quantity(claimed, stated))  # "about 1,000 kilograms" is what "1,025 kg" says
    if claimed.dimension != stated.dimension or abs(claimed.value - stated.value) > 1e-9 * max(1.0, abs(stated.value)):
        return False
    in_words = claimed.text[:1].isdigit() != stated.text[:1].isdigit()
    return in_words or (claimed.dimension is not None and _factor(claimed) != _factor(stated))


def _the_date_of(year: Quantity, stated: tuple[Quantity, ...]) -> Quantity | None:
    """The one full date the premise gives in the claim's year, where it gives the year no other way.

    "Flew in 1903" against "On December 17, 1903, they flew" is read as "flew on December 17, 1903": what
    the premise says of that day it says of the year, and the model reads a date against a date surely."""
    dates = [s for s in stated if s.kind == QuantityKind.DATE and s.day is not None and s.day.year == int(year.value)]
    plain = [s for s in stated if s.kind == QuantityKind.YEAR and int(s.value) == int(year.value)]
    return dates[0] if len(dates) == 1 and not plain else None


def _dated(claim: str, year: Quantity, day: Quantity) -> tuple[int, int, str]:
    """The edit that writes the date for the year, "in 1903" becoming "on December 17, 1903"."""
    if claim[max(0, year.start - 3) : year.start].lower() == "in ":
        return year.start - 3, year.end, f"on {day.text}"
    return year.start, year.end, day.text


def _factor(quantity: Quantity) -> float:
    return UNITS[quantity.unit][1] if quantity.unit in UNITS else 1.0


def _same_moves(claim: str, premise: str) -> list[tuple[int, int, str]]:
    """Each verb of the claim that moves an amount, written as the premise's verb for the same move where
    the premise does not use the claim's own ("lowered" read as "cut"). A premise that also moves something
    the other way ("fell ... while costs increased") is left to the model as it is."""
    said = [m.group() for m in _WORD.finditer(premise)]
    used = {word.lower() for word in said}
    edits = []
    for match in _WORD.finditer(claim):
        word = match.group().lower()
        if word in used or not (mates := _MOVES.get(word)) or _opposed(word, used):
            continue
        same = next((w for w in said if w.lower() in mates), None)
        if same is not None:
            same = same.lower()
            edits.append((match.start(), match.end(), same.capitalize() if match.group()[0].isupper() else same))
    return edits


_BE = r"is|are|was|were"
_DO = {"is": "does", "are": "do"}
_STATED = re.compile(rf"\b(?P<be>{_BE})\s+(?P<word>[a-z]+)\b", re.I)
_DENIED = re.compile(
    rf"\b(?:(?P<be>{_BE})\s+not|(?:do|does|did)\s+not|(?P<short>isn't|aren't|wasn't|weren't|don't|doesn't|"
    rf"didn't))\s+(?P<word>[a-z]+)\b",
    re.I,
)


def _denied_opposites(claim: str, premise: str) -> list[tuple[int, int, str]]:
    """A state the claim asserts, written as the premise's denial of its complement: "is closed" read as
    "does not open" where the premise says the place "does not open", and "is ineffective" as "is not
    effective". Only states with no third case (`COMPLEMENTS`: "not open" is "closed", "not cold" is not
    "hot"), a "do" for a "be" only in the present ("was closed" may say it was shut, "did not open" never
    does), and not where the premise also uses the claim's own word or says the complement again ("does
    not open on Tuesdays; on Mondays it is open")."""
    denials = {}
    for match in _DENIED.finditer(premise):
        denials.setdefault(match["word"].lower(), match)
    edits = []
    for match in _STATED.finditer(claim):
        word, be = match["word"].lower(), match["be"].lower()
        if word not in COMPLEMENTS:
            continue
        denial = next((denials[w] for w in COMPLEMENTS[word] if w in denials), None)
        if denial is None or _said(word, premise) or _said(denial["word"].lower(), premise) > 1:
            continue
        opposite = denial["word"].lower()
        short = (denial["short"] or "").lower()
        if denial["be"] or short[:-3] in BE_FORMS:
            said = f"{match['be']} not {opposite}"
        elif be in _DO:
            said = f"{_DO[be]} not {opposite}"
        else:
            continue  # "was closed" may be an event (it was shut), "did not open" never one
        edits.append((match.start(), match.end(), said))
    return edits


def _said(word: str, premise: str) -> int:
    return len(re.findall(rf"\b{re.escape(word)}\b", premise, re.I))


def _opposed(word: str, used: set[str]) -> bool:
    """The premise uses an opposite of the claim's verb or of one of its mates (`ANTONYMS` holds every verb
    that moves an amount the other way in the same tense)."""
    return any(ANTONYMS.get(mate, frozenset()) & used for mate in _MOVES[word] | {word})


def _rate(match: re.Match) -> str:
    if match["period"]:
        return FREQUENCY_UNITS[match["period"].lower()]
    adverb = match["adverb"].lower()
    return RATE_SYNONYMS.get(adverb, adverb)
