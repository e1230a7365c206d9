"""A day's amount worked out from a medicine label: the dose times how often it is taken, or the label's limit.

"You'd be taking 1 gram of Dorimex each day" against "Dorimex capsules, 250 mg. Take two capsules by mouth twice a
day" is four capsules, a gram, though no sentence says so; "as much as 5,000 mg in a day" against "Do not take more
than 8 tablets in 24 hours. Each tablet contains 500 mg" is ruled out the same way. The small entailment model does
neither product, so each of the label's regimens and limits is turned into the day's totals it implies: in doses,
in units taken (tablets, puffs, ...), in volume and in mass, the mass through the strength of one unit or of a
volume ("100 mg per 5 mL").
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

from grounding.text.lexicon import count_of
from grounding.text.quantities import Bound, Quantity, parse_quantities
from grounding.text.sentences import split_sentences

_FORM_WORDS = "tablet|capsule|caplet|pill|puff|spray|drop|patch|sachet|lozenge|dose|inhalation"
_COUNT_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an"
_FORMS = re.compile(
    rf"\b(?P<count>\d+(?:\.\d+)?|{_COUNT_WORDS})(?:\s*-\s*|\s+)(?:[a-z]+\s+)?(?P<form>{_FORM_WORDS})(?:e?s)?\b", re.I
)
_EVERY_HOURS = re.compile(r"\bevery\s+(?P<hours>\d+|four|six|eight|twelve|twenty-four)\s+hours?\b", re.I)
_TIMES_A_DAY = re.compile(
    r"\b(?:(?P<word>once|twice|thrice)|(?P<count>\d|one|two|three|four|five|six)\s+times)\s+(?:(?:a|per|each)\s+day"
    r"|daily)\b",
    re.I,
)
_TIMES = {"once": 1, "twice": 2, "thrice": 3}
_LIMIT = re.compile(
    r"\b(?:not|never|no)\s+(?:take\s+|use\s+|give\s+|exceed\s+)?(?:more\s+than|over|exceed)\s+"
    r"|\bmaximum(?:\s+daily)?\s+(?:dose\s+)?(?:is|of)\s+|\bup\s+to\s+",
    re.I,
)
_A_DAY = re.compile(
    r"\b(?:a|per|each|every|in\s+a|in\s+any|in\s+one)\s+(?:day|24\s*-?\s*hours?(?:\s+period)?)\b|\bdaily\b|\bday['’]s\b"
    r"|\bin\s+24\s+hours\b",
    re.I,
)
_STRENGTH_NEAR = re.compile(rf"\b(?:{_FORM_WORDS})(?:e?s)?\b", re.I)


@dataclass(frozen=True)
class Total:
    """An amount in a day: `measure` is "mass" or "volume" (value in the base unit) or a unit's name ("tablet")."""

    value: float
    measure: str
    how: str


def _count(word: str) -> float | None:
    low = word.lower()
    if re.fullmatch(r"\d+(?:\.\d+)?", low):
        return float(low)
    if low in ("a", "an"):
        return 1.0
    found = count_of(low)
    return float(found) if found else None


def _form(word: str) -> str:
    low = word.lower()
    return low[:-2] if low.endswith("ches") else low[:-1] if low.endswith("s") else low


def _per_day(sentence: str) -> tuple[float, str] | None:
    """How often a day a sentence says to take a dose, and the words that say it."""
    every = _EVERY_HOURS.search(sentence)
    if every:
        hours = _count(every["hours"]) or {"twenty-four": 24.0}.get(every["hours"].lower())
        if hours and 24 % hours == 0:
            return 24 / hours, every.group()
    times = _TIMES_A_DAY.search(sentence)
    if times:
        word = times["word"]
        count = _TIMES[word.lower()] if word else _count(times["count"])
        return (float(count), times.group()) if count else None
    return None


def _strengths(sentences: list[str]) -> dict[str, list[Quantity]]:
    """The mass in one unit of each form ("Each tablet contains 500 mg", "250 mg capsules", "Lorvane 200 mg
    tablets")."""
    found: dict[str, list[Quantity]] = {}
    for sentence in sentences:
        masses = [q for q in parse_quantities(sentence) if q.dimension == "mass" and q.bound is None]
        forms = list(_STRENGTH_NEAR.finditer(sentence))
        if len(masses) != 1 or not forms or _per_day(sentence) or _LIMIT.search(sentence):
            continue
        if re.search(r"\bper\s+\d", sentence[masses[0].end : masses[0].end + 12]):
            continue  # "100 mg per 5 mL": a concentration
        for form in {_form(f.group()) for f in forms}:
            found.setdefault(form, []).append(masses[0])
    return found


_DILUTED = re.compile(r"\b(?:dilute|diluted|dissolve|dissolved|make\s+up|made\s+up)\b", re.I)


def _concentrations(sentences: list[str]) -> list[tuple[Quantity, Quantity]]:
    """(mass, volume) where a sentence gives a strength per volume: "100 mg of pelacortin per 5 mL", "dilute 250 mg of
    Loravin with normal saline to a final volume of 500 mL"."""
    found = []
    for sentence in sentences:
        quantities = parse_quantities(sentence)
        for mass, volume in zip(quantities, quantities[1:], strict=False):
            between = sentence[mass.end : volume.start]
            if (
                mass.dimension == "mass"
                and volume.dimension == "volume"
                and (
                    re.search(r"\b(?:per|in|each|every)\s*$", between)
                    or _DILUTED.search(sentence[: mass.start])
                    and re.search(r"\bto\s+(?:a\s+)?(?:final\s+|total\s+)?volume\s+of\s*$", between)
                )
            ):
                found.append((mass, volume))
    return found


@functools.lru_cache(maxsize=1024)
def daily_totals(premise: str) -> tuple[Total, ...]:
    """Every day's total the label's regimens and limits imply."""
    sentences = _lines(premise)
    strengths = _strengths(sentences)
    per_volume = _concentrations(sentences)
    doses = _doses(sentences)
    totals: list[Total] = []

    def add_units(count: float, form: str, how: str) -> None:
        totals.append(Total(count, form, how))
        for strength in strengths.get(form, []):
            totals.append(Total(count * strength.value, "mass", f"{how}, {_n(count)} {form}s of {strength.text}"))

    def add_volume(volume: float, how: str) -> None:
        totals.append(Total(volume, "volume", how))
        for mass, per in per_volume:
            totals.append(Total(volume / per.value * mass.value, "mass", f"{how}, at {mass.text} per {per.text}"))

    for sentence in sentences:
        limited = _LIMIT.search(sentence)
        if limited and _A_DAY.search(sentence[limited.end() :]):
            counted = _unit_count(sentence, limited.end())
            if counted and (count := _count(counted["count"])):
                add_units(count, _form(counted["form"]), f"at most {counted.group()} a day")
                if _form(counted["form"]) == "dose":
                    for dose in doses:
                        if dose.dimension == "volume":
                            add_volume(count * dose.value, f"at most {counted.group()} of {dose.text} a day")
            continue
        rate = _per_day(sentence)
        if rate is None:
            continue
        times, said = rate
        totals.append(Total(times, "dose", f"{said} is {_n(times)} doses a day"))
        counted = _unit_count(sentence)
        if counted and _form(counted["form"]) != "dose" and (count := _count(counted["count"])):
            add_units(count * times, _form(counted["form"]), f"{counted.group()} {said} is {_n(count * times)} a day")
        for amount in parse_quantities(sentence):
            if amount.bound is not None:
                continue
            if amount.dimension == "volume":
                add_volume(amount.value * times, f"{amount.text} {said}")
            elif amount.dimension == "mass" and not _is_strength(sentence, amount):
                mass = amount.value * times
                totals.append(Total(mass, "mass", f"{amount.text} {said}"))
                for form, those in strengths.items():
                    for strength in those:
                        totals.append(
                            Total(mass / strength.value, form, f"{amount.text} {said} in {strength.text} {form}s")
                        )
    return tuple(totals)


def _lines(premise: str) -> list[str]:
    """A label's sentences and headed lines ("Dorimex capsules, 250 mg." "Dosage: take two capsules ..."): a
    sentence splitter reads "mg." as an abbreviation and runs them together."""
    return [part for sentence in (premise[a:b] for a, b in split_sentences(premise)) for part in _LINE.split(sentence)]


_LINE = re.compile(r"(?<=[.;:])\s+(?=[A-Z])")


def concentrations(premise: str) -> list[tuple[Quantity, Quantity]]:
    """(mass, volume) of each strength per volume the premise gives."""
    return _concentrations(_lines(premise))


def _is_strength(sentence: str, amount: Quantity) -> bool:
    """ "Take one 250 mg tablet": the strength of what is taken, not an amount taken by itself."""
    return bool(_STRENGTH_NEAR.match(sentence[amount.end :].lstrip())) or bool(
        re.search(r"\bof\s+$", sentence[max(0, amount.start - 4) : amount.start])
        and _STRENGTH_NEAR.search(sentence[max(0, amount.start - 20) : amount.start])
    )


def _unit_count(sentence: str, start: int = 0) -> re.Match[str] | None:
    """The first count of units taken from `start`, not a strength ("Lorvane 200 mg tablets: take one tablet")."""
    measured = [q for q in parse_quantities(sentence) if q.dimension]
    return next(
        (m for m in _FORMS.finditer(sentence, start) if not any(q.start <= m.start() < q.end for q in measured)), None
    )


def _doses(sentences: list[str]) -> list[Quantity]:
    """The volumes a label's regimens give for one dose ("5 mL every 4 hours")."""
    return [
        q
        for sentence in sentences
        if _per_day(sentence)
        for q in parse_quantities(sentence)
        if q.dimension == "volume" and q.bound is None
    ]


def _n(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


@dataclass(frozen=True)
class DayAmount:
    """An amount the claim says is taken in a day, as a unit count or a quantity: `text` as the claim says the
    amount, `reading` what it comes to in the day ("four tablets once a day", "1 gram a day")."""

    value: float
    measure: str
    text: str
    reading: str


def claimed_a_day(claim: str) -> list[DayAmount]:
    """The day's amounts a claim gives ("1 gram of Dorimex each day", "eight puffs a day", "four tablets, or 800 mg,
    per day"), where the claim speaks of a day at all and the amount is no lower limit."""
    if not _A_DAY.search(claim):
        return []
    found = []
    quantities = parse_quantities(claim)
    for quantity in quantities:
        if quantity.dimension in ("mass", "volume") and quantity.bound != Bound.AT_LEAST:
            if _STRENGTH_NEAR.match(claim[quantity.end :].lstrip()) or re.match(r"\s+doses?\b", claim[quantity.end :]):
                continue  # "in 5 mL doses", "a 250 mg tablet": one dose's amount
            found.append(_in_the_day(claim, quantity.value, quantity.dimension, quantity.text, quantity.end))
    for counted in _FORMS.finditer(claim):
        count = _count(counted["count"])
        measured = any(q.start <= counted.start() < q.end and q.dimension for q in quantities)  # "5 mL doses"
        if count and counted["count"].lower() not in ("a", "an") and not measured:
            found.append(_in_the_day(claim, count, _form(counted["form"]), counted.group(), counted.end()))
    return found


def _in_the_day(claim: str, value: float, measure: str, text: str, end: int) -> DayAmount:
    """The claim's amount in the day: a dose said with how often it is taken ("four tablets taken once a day", "50
    mg twice daily") times that."""
    following = claim[end : end + 40]
    rate = _per_day(following) if re.match(r"[^.;,]*?\b(?:every|once|twice|thrice|times)\b", following, re.I) else None
    if rate is None:
        return DayAmount(value, measure, text, f"{text} a day")
    times, said = rate
    return DayAmount(value * times, measure, text, f"{text} {said}")


def said_a_day(amount: DayAmount, premise: str) -> bool:
    """Whether the premise states the claim's amount as a day's, not as a dose taken so often: "4 g" of "no more
    than 4 g in 24 hours", not "25 mg" of "25 mg twice daily"; or the claim's words for it as they are."""
    if amount.reading.lower() in premise.lower():
        return True
    for quantity in parse_quantities(premise):
        if quantity.dimension != amount.measure or not math.isclose(quantity.value, amount.value, rel_tol=1e-6):
            continue
        following = premise[quantity.end : quantity.end + 40]
        if _A_DAY.match(following.lstrip()) or _A_DAY.search(following) and _per_day(following) is None:
            return True
    return False


def of_something_else(claim: str, amount: DayAmount, premise: str) -> bool:
    """ "2 litres of water a day" against a label that never speaks of water: an amount of something else."""
    at = claim.find(amount.text)
    of = re.match(r"\s+of\s+(?:the\s+)?(?P<what>[a-z]+)", claim[at + len(amount.text) :], re.I) if at >= 0 else None
    return bool(of) and of["what"].lower() not in premise.lower()


def agrees(amount: DayAmount, totals: tuple[Total, ...]) -> bool | None:
    """Whether a day's total of the same measure is the claimed amount; None where the label gives none."""
    same = [t for t in totals if t.measure == amount.measure]
    if not same:
        return None
    return any(math.isclose(t.value, amount.value, rel_tol=0.01) for t in same)
