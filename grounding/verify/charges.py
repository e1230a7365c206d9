"""A bill's totals from its rates and the counts they are charged by: "€142 per night for a superior double room"
and "booked the superior double for four nights" come to €568, "a resort fee of $18 per room per night" and "two
rooms for three nights" to $108.

A claim that states a total ("come to €548", "should total about $54") is held against the total of the one rate
that speaks of what it charges for, each of the rate's units counted once in the evidence. The small model does not
multiply; without this it reads a wrong total as neither supported nor contradicted.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from grounding.text.lexicon import count_of, currency_of, singular
from grounding.text.quantities import Quantity, QuantityKind, parse_quantities
from grounding.text.sentences import split_sentences

_UNITS = r"night|room|person|people|guest|head|adult|child|children|day|week|month|ticket|seat|pet|vehicle|car|bag"
_PER = re.compile(rf"\s*(?:per|a|an|each|every|/)\s*(?P<unit>{_UNITS})s?\b", re.I)
_COUNTED = re.compile(rf"\b(?P<count>[a-z]+|\d{{1,3}})(?:\s+|-)(?P<unit>{_UNITS})s?\b", re.I)
_TOTAL = re.compile(
    r"\b(?:totals?|totalled|totaled|in\s+total|comes?\s+to|came\s+to|works?\s+out|worked\s+out|in\s+all|altogether"
    r"|all\s+told|whole|entire|overall|adds?\s+up\s+to|added\s+up\s+to)\b",
    re.I,
)
_LEFT_OUT = re.compile(
    r"\b(?:not\s+counting|not\s+including|excluding|without|before|apart\s+from|besides|except(?:\s+for)?|plus)\s+"
    r"(?:the\s+|any\s+)?$",
    re.I,
)
_PLAIN = frozenset(
    """the and for with from that this which each per room rooms night nights person people guest guests charges
    charge costs cost booked booking booking's added can be has have will their there when what your who""".split()
)


@dataclass(frozen=True)
class Rate:
    """An amount charged per one or more units, in the sentence that says what it is charged for."""

    amount: Quantity
    currency: str
    units: tuple[str, ...]
    sentence: str


@dataclass(frozen=True)
class Charge:
    """A rate times the counts of its units: the total the evidence implies."""

    value: float
    currency: str
    how: str
    sentence: str


def _unit(word: str) -> str:
    low = word.lower()
    return {"people": "person", "children": "child"}.get(low, singular(low))


def _rates(sentences: list[str]) -> list[Rate]:
    rates = []
    for sentence in sentences:
        for amount in parse_quantities(sentence):
            currency = currency_of(sentence, amount)
            if amount.kind != QuantityKind.NUMBER or amount.bound is not None or currency is None:
                continue
            units, at = [], amount.end
            while (per := _PER.match(sentence, at)) is not None:
                units.append(_unit(per["unit"]))
                at = per.end()
            if units:
                rates.append(Rate(amount, currency[0], tuple(units), sentence))
    return rates


def _counts(text: str) -> dict[str, set[float]]:
    counts: dict[str, set[float]] = {}
    for found in _COUNTED.finditer(text):
        before = text[max(0, found.start() - 8) : found.start()]
        if re.search(r"(?:per|a|an|each|every|of|than)\s+$", before, re.I):
            continue  # "groups of eight", "more than two nights": no count of what is booked
        count = count_of(found["count"])
        if count:
            counts.setdefault(_unit(found["unit"]), set()).add(float(count))
    return counts


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z][a-z]{2,}", text)} - _PLAIN


def _sign(rate: Rate) -> str:
    sign = rate.sentence[max(0, rate.amount.start - 1) : rate.amount.start]
    return sign if sign in "$€£¥" else ""


def charges(claim: str, evidence: str) -> list[Charge]:
    """The totals of the evidence's rates that speak of what the claim charges for, each unit counted once in the
    evidence (or, where the evidence never counts it, in the claim)."""
    sentences = [evidence[a:b].strip() for a, b in split_sentences(evidence)]
    counted, claimed = _counts(evidence), _counts(claim)
    found: list[tuple[int, Charge]] = []
    for rate in _rates(sentences):
        counts = [counted.get(unit) or claimed.get(unit) for unit in rate.units]
        if any(c is None or len(c) != 1 for c in counts):
            continue
        times = [next(iter(c)) for c in counts if c]
        value = rate.amount.value * math.prod(times)
        each = f"{_sign(rate)}{rate.amount.text} per {' per '.join(rate.units)}"
        shown = " times ".join([each, *(f"{t:g} {u}s" for t, u in zip(times, rate.units, strict=True))])
        overlap = len(_words(rate.sentence) & _words(claim))
        how = f"{shown} is {_sign(rate)}{value:,.2f}".replace(".00", "")
        found.append((overlap, Charge(value, rate.currency, how, rate.sentence)))
    best = max((o for o, _ in found), default=0)
    return [c for o, c in found if o == best]


def claimed_totals(claim: str, evidence: str) -> list[tuple[Quantity, str]]:
    """The claim's amounts that are totals, (amount, currency): said with "come to", "total", "the whole", not said
    as a rate, and not an amount the evidence states."""
    if not _TOTAL.search(claim) and not _counts(claim):
        return []
    stated = {(round(q.value, 6), (currency_of(evidence, q) or ("",))[0]) for q in parse_quantities(evidence)}
    totals = []
    for amount in parse_quantities(claim):
        currency = currency_of(claim, amount)
        if amount.kind != QuantityKind.NUMBER or amount.bound is not None or currency is None:
            continue
        if _PER.match(claim, amount.end) or (round(amount.value, 6), currency[0]) in stated:
            continue
        totals.append((amount, currency[0]))
    return totals


def priced_elsewhere(claim: str, evidence: str, kept: list[Charge]) -> bool:
    """Whether the claim names something else the evidence prices ("with breakfast"), so its total may add more than
    one rate; one left out ("not counting breakfast") does not count."""
    sentences = [evidence[a:b].strip() for a, b in split_sentences(evidence)]
    own = set().union(*(_words(c.sentence) for c in kept)) if kept else set()
    for rate in _rates(sentences):
        if rate.sentence in {c.sentence for c in kept}:
            continue
        for word in _words(rate.sentence) - own:
            for said in re.finditer(rf"\b{re.escape(word)}\b", claim, re.I):
                if not _LEFT_OUT.search(claim[max(0, said.start() - 25) : said.start()]):
                    return True
    return False
