"""A claim read in its evidence's words where both say the same amount, date, rate or state another way.

The small entailment model compares surface forms: "takes 90 minutes" against "takes an hour and a
half", or "every month" against "monthly", leaves it unsure although the two say the same thing, and
it reads "lowered its rate" against "cut its rate", or "is closed on holidays" against "does not open on
holidays", as a contradiction. Exact comparison finds the equivalence (`grounding.text.quantities`; the
rates, the same-direction verbs and the complements of `grounding.text.lexicon`), so the model is shown
the claim as the evidence writes it. Only a value equal to the claim's own, said in other words or in
another unit (or inside the claim's hedge: "about 1,000 kilograms" / "1,025 kg"), is written in (and a
year or a decade as the one full date, month or year the evidence gives in it, a verb moving an amount the
same way, a multiple as the move the evidence gives from one value to that multiple, a state as the denial
of its complement and a denial as the opposite state the evidence asserts, "nobody" as "no one", a
superlative as the denial of anything beyond it, a century as the one year the evidence gives in it, a
season or the late part of a decade as the one date or year the evidence gives in it, a hedged count as
the one plain number the evidence gives inside the hedge, a time of day on the evidence's clock, a rate by
its count or its span ("twice a day" / "every 12 hours"), a loss as the win the evidence states, "below freezing"
as the one temperature below 0 °C the evidence gives, and an act said two ways, "found not guilty" /
"acquitted"), and nothing else in the claim changes: a wrong amount stays wrong, and the rules still read the
claim as given.
"""

from __future__ import annotations

import functools
import math
import re

from grounding.text.lexicon import (
    ANTONYMS,
    BE_FORMS,
    BEARINGS,
    CLAIM_OPENERS,
    COMPLEMENTS,
    DAYS_OF_THE_WEEK,
    FREQUENCY_UNITS,
    RATE_SYNONYMS,
    SAME_DIRECTION,
    STOPWORDS,
    count_of,
    currency_of,
    days_named,
    every_few,
    past_of,
    times_per_period,
)
from grounding.text.names import NAME_RUN, expanded, of_another_name
from grounding.text.quantities import (
    MONTHS,
    TIME_OF_DAY,
    Bound,
    Quantity,
    QuantityKind,
    centuries,
    decades,
    fraction_shares,
    month_years,
    parse_quantities,
    period_of,
    qualified_start,
    said_as_change,
    same_quantity,
    share_in_words,
    unit_factor,
    years_in,
)
from grounding.text.sentences import split_sentences

_PERIODS = "|".join(FREQUENCY_UNITS)
_ADVERBS = {*FREQUENCY_UNITS.values(), *RATE_SYNONYMS}
_RATE = re.compile(
    rf"\b(?:every\s+(?P<weekday>{'|'.join(DAYS_OF_THE_WEEK)})\b(?!\s*(?:,|and|or|&)\s*(?:{'|'.join(DAYS_OF_THE_WEEK)}))"
    rf"|(?:every|each)\s+(?P<period>{_PERIODS})"
    rf"|every\s+(?P<count>\w+)\s+(?P<span>{_PERIODS}|minute)s?"
    rf"|at\s+(?P<gap>\d+)\s*-?\s*(?P<unit>{_PERIODS}|minute)\s+intervals"
    rf"|(?P<adverb>{'|'.join(sorted(_ADVERBS))}))\b",
    re.I,
)
"""How often, said as a phrase ("every month", "every Saturday") or as one word ("monthly", "annually"). "Once a
week" is left out: written as "weekly" it would lose the count that "twice weekly" is compared with."""

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
    seasons = _seasons(claim, premise, stated)
    edits.extend((start, end, said) for start, end, said in seasons if said)
    for quantity in _quantities(claim):
        if any(start <= quantity.start < end for start, end, _ in seasons):
            continue  # "the spring of 1985" is not all of 1985
        same = next(
            (
                s
                for s in stated
                if _equal(quantity, s)
                and period_of(claim, quantity) == period_of(premise, s)
                and not _of_another_year(claim, quantity, premise, s)
            ),
            None,
        ) or _the_count_in_hedge(claim, quantity, premise, stated)
        if same is not None and _after_by(claim, quantity) and not _a_change(premise, same):
            same = None  # "topping Mount Telvaar by a little over 200 metres" is a difference, not a height
        if same is not None and quantity.bound and not same.bound and _limited(quantity, stated):
            same = None  # "may take up to 60 mg" against "must not exceed 40 mg": a limit, not the first dose's
        if same is not None and (quantity.bound or quantity.approximate) and _of_someone_else(claim, premise, same):
            same = None  # "under 2 hours 10 minutes" is no reading of the winner's "2:09:41" for the runner-up
        if same is None and _denied_bound(claim, quantity):
            said = claim[qualified_start(claim, quantity) : quantity.end].lower()
            same = next(
                (
                    s
                    for s in stated
                    if s.bound == quantity.bound
                    and _alike(quantity, s)
                    and _qualified(premise, s).lower() not in (said, s.text.lower())  # "Max. 8 tablets (4 g)": no words
                ),
                None,
            )
            if same is not None:  # "No more than 64 devices" as "up to 64 devices", the model misreads the denial
                edits.append((qualified_start(claim, quantity), quantity.end, _qualified(premise, same)))
                continue
        if same is not None and all(s.text.lower() != quantity.text.lower() for s in stated):
            # a bound gives way to the premise's value as the premise says it: "more than $5,000" as "$5,800",
            # "less than an hour" as "about 40 minutes"; a hedge stays ("about 81,500")
            start = qualified_start(claim, quantity) if quantity.bound else quantity.start
            paid = currency_of(claim, quantity) if quantity.bound else None
            said = premise[qualified_start(premise, same) : same.end] if quantity.bound else same.text
            if "-" not in quantity.text and (adjective := _HYPHENED.match(said)):
                # "lasts a fortnight" as "lasts 14 days", not "lasts 14-day"
                said = f"{adjective['n']} {adjective['unit']}{'' if adjective['n'] == '1' else 's'}"
            sign = paid[1] if paid and paid[1] in "$€£¥" and paid[1] not in said else ""
            edits.append((start, quantity.end, f"{sign}{said}"))
        elif quantity.kind == QuantityKind.DATE and (day := _iso_day(quantity, stated)):
            edits.append((quantity.start, quantity.end, day.text))  # "2018-05-25" as "25 May 2018"
        elif quantity.kind == QuantityKind.YEAR and _A_PART_OF.search(claim[: quantity.start]):
            continue  # "before the end of 2018" is no day of 2018: "in September 2018" says it
        elif quantity.kind == QuantityKind.YEAR and (day := _the_date_of(quantity, stated)) is not None:
            if of_another_name(claim, _sentence_at(premise, day.start)):
                continue  # "Fibrastat was withdrawn on 2 May 2024" gives no day of Dexelon's 2024
            if (dated := _dated(claim, quantity, day)) is not None:
                edits.append(dated)
        elif quantity.kind == QuantityKind.YEAR and not _month_before(claim, quantity.start):
            month = _the_month_of(int(quantity.value), premise, stated)
            if month:
                edits.append((quantity.start, quantity.end, month))
    edits.extend(_rates_reworded(claim, premise))
    edits.extend(_acronyms(claim, premise))
    edits.extend(_years_of_decades(claim, premise))
    edits.extend(_multiples(claim, premise))
    edits.extend(_moved_by_a_share(claim, premise))
    edits.extend(_same_words(claim, premise))
    edits.extend(_superlatives(claim, premise))
    edits.extend(_same_moves(claim, premise))
    edits.extend(_denied_opposites(claim, premise))
    edits.extend(_opposites_stated(claim, premise))
    edits.extend(_phrasings(claim, premise))
    edits.extend(_bearings_turned(claim, premise))
    edits.extend(_beaten(claim, premise))
    edits.extend(_freezing(claim, premise))
    edits.extend(e for e in _counted_rates(claim, premise) if all(e[1] <= a or e[0] >= b for a, b, _ in edits))
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


_HYPHENED = re.compile(r"^(?P<n>\d+)-(?P<unit>[a-z]+)$")
_BY = re.compile(r"\bby\s+(?:a\s+little\s+|just\s+)?$", re.I)
_A_PART_OF = re.compile(r"\b(?:end|start|beginning|middle|close|rest|half|part)\s+of\s+(?:the\s+year\s+)?$", re.I)
"""Words that make a year a span's edge or part ("before the end of 2018"), not the year one date falls in."""


def _names(text: str) -> set[str]:
    runs = (m.group().split() for m in NAME_RUN.finditer(text))
    return {" ".join(run[1:] if run[0] == "The" else run) for run in runs if len(run) - (run[0] == "The") >= 2}


def _of_someone_else(claim: str, premise: str, stated: Quantity) -> bool:
    """The premise's value stands in a sentence that names others and none of the claim's names ("Kenji Arakawa
    won the men's race in 2:09:41" against "Diego Salcedo finished ... in under 2 hours 10 minutes"): a bound
    read as that value would tell the model what the claim's subject did."""
    sentence = next((premise[a:b] for a, b in split_sentences(premise) if a <= stated.start < b), premise)
    mine, theirs = _names(claim), _names(sentence)
    known = {name.split()[-1].lower() for name in mine}
    return bool(mine) and bool(theirs - mine) and not known & set(re.findall(r"\w+", sentence.lower()))


def _after_by(text: str, quantity: Quantity) -> bool:
    """An amount said after "by", its hedge or bound aside, is a difference or a margin ("taller by a little over 200
    metres", "won by 3 points")."""
    return bool(_BY.search(text[: qualified_start(text, quantity)]))


def _a_change(text: str, quantity: Quantity) -> bool:
    """The amount is said as a difference or a change: after "by", or as a share that moved ("lost a third")."""
    return _after_by(text, quantity) or said_as_change(text, quantity)


def _of_another_year(claim: str, claimed: Quantity, premise: str, stated: Quantity) -> bool:
    """The premise's value is said of years the claim does not name, and the claim names its own ("In 2022 ... just
    under 10 percent" is no reading of "In 2018, the country spent 9.8%")."""
    if claimed.kind != QuantityKind.NUMBER or stated.kind != QuantityKind.NUMBER:
        return False
    mine = years_in(_sentence_at(claim, claimed.start))
    theirs = years_in(_sentence_at(premise, stated.start))
    return bool(mine) and bool(theirs) and not mine & theirs


@functools.lru_cache(maxsize=4096)
def _quantities(text: str) -> tuple[Quantity, ...]:
    parsed = parse_quantities(text)
    shares = [f for f in fraction_shares(text) if all(f.end <= q.start or f.start >= q.end for q in parsed)]
    return tuple(sorted([*parsed, *shares], key=lambda q: q.start))


def _denied_bound(text: str, quantity: Quantity) -> bool:
    """A bound said with a denial ("No more than 64 devices"), which the model reads as denying the claim: written as
    the premise says the same bound ("up to 64")."""
    return bool(quantity.bound) and bool(re.match(r"(?i)no[t]?\b", text[qualified_start(text, quantity) :]))


def _qualified(text: str, quantity: Quantity) -> str:
    return text[qualified_start(text, quantity) : quantity.end]


def _alike(one: Quantity, other: Quantity) -> bool:
    return one.dimension == other.dimension and math.isclose(one.value, other.value, rel_tol=1e-9)


def _limited(claimed: Quantity, stated: tuple[Quantity, ...]) -> bool:
    """The premise gives a limit of the claim's measure the way the claim bounds it ("must not exceed 40 mg")."""
    return any(s.bound == claimed.bound and s.dimension == claimed.dimension for s in stated)


def _equal(claimed: Quantity, stated: Quantity) -> bool:
    """The same amount said in other words: in another unit ("90 minutes" / "an hour and a half"), or in
    words against digits, or a measure the claim hedges ("about 1,000 kilograms") that the evidence gives
    within the hedge ("1,025 kg"; only with a unit, which says what is measured). Formatting alone ("43%" /
    "43 per cent", "April 20" / "Apr 20") the model reads as it is, and is left alone."""
    if claimed.kind != QuantityKind.NUMBER or stated.kind != QuantityKind.NUMBER:
        return False
    if claimed.bound and claimed.bound == stated.bound and claimed.dimension == stated.dimension:
        # "$5,000 or more" is what "at least $5,000" says
        return math.isclose(claimed.value, stated.value, rel_tol=1e-9) and claimed.text != stated.text
    if claimed.bound and not stated.bound and claimed.dimension == stated.dimension:
        if math.isclose(claimed.value, stated.value, rel_tol=1e-9):
            return False  # "must not take more than 4,000 mg" is no "4 g": the bound, and the denial, would be lost
    if claimed.approximate and claimed.dimension and claimed.dimension == stated.dimension:
        if not stated.approximate:
            return bool(same_quantity(claimed, stated))  # "about 1,000 kilograms" is what "1,025 kg" says
        if not claimed.bound and not math.isclose(claimed.value, stated.value, rel_tol=1e-9):
            return _rounded_from(claimed, stated)  # "roughly 3.8 kilometres" is "about 3,812 metres" rounded
    if claimed.bound and stated.approximate and not stated.bound and claimed.dimension == stated.dimension is not None:
        return _hedge_inside(claimed, stated)  # "less than an hour" holds of "about 40 minutes"
    if claimed.dimension != stated.dimension or abs(claimed.value - stated.value) > 1e-9 * max(1.0, abs(stated.value)):
        return False
    in_words = claimed.text[:1].isdigit() != stated.text[:1].isdigit()
    clocks = claimed.dimension == TIME_OF_DAY  # "11 pm" against "23:00"
    return in_words or clocks or (claimed.dimension is not None and unit_factor(claimed) != unit_factor(stated))


def _rounded_from(claimed: Quantity, stated: Quantity) -> bool:
    """The claim's value is the stated one rounded to the claim's own precision, in the claim's unit: 3,812
    metres is 3.8 kilometres to one decimal, 3,800 metres to the hundred."""
    digits = re.search(r"\d[\d,]*(?:\.(\d+))?", claimed.text)
    if digits is None:
        return False
    factor = unit_factor(claimed)
    mine, theirs = claimed.value / factor, stated.value / factor
    decimals = len(digits.group(1) or "")
    if not decimals:
        whole = digits.group().replace(",", "")
        decimals = -(len(whole) - len(whole.rstrip("0")))
    return math.isclose(round(theirs, decimals), mine, rel_tol=1e-9) and theirs != mine


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")


def _iso_day(date: Quantity, stated: tuple[Quantity, ...]) -> Quantity | None:
    """The premise's date for a claim's date written "2018-05-25", a form a small model reads poorly."""
    if not _ISO_DATE.fullmatch(date.text):
        return None
    return next((s for s in stated if s.day is not None and s.day == date.day and s.text != date.text), None)


def _acronyms(claim: str, premise: str) -> list[tuple[int, int, str]]:
    """ "The GDPR" read as the premise's "General Data Protection Regulation", where the premise spells it out
    and never uses the acronym."""
    return [
        (m.start(), m.end(), name)
        for m in _ACRONYM.finditer(claim)
        if not re.search(rf"\b{m.group()}\b", premise)
        and (name := expanded(m.group(), premise, CLAIM_OPENERS) or _spelled_out(m.group(), premise))
    ]


def _spelled_out(acronym: str, premise: str) -> str | None:
    """The premise's words in lower case whose initials are the acronym, three at least: "CFO" is "chief financial
    officer"."""
    if len(acronym) < 3:
        return None
    words = r"\s+".join(rf"{letter.lower()}[a-z]+" for letter in acronym)
    found = re.search(rf"\b{words}\b", premise)
    return found.group() if found and not set(found.group().split()) & STOPWORDS else None


def _hedge_inside(bound: Quantity, hedged: Quantity, hedge: float = 0.1) -> bool:
    """Every value the hedge allows lies inside the bound: "about 40 minutes" is less than an hour, "about 55
    minutes" may not be."""
    low, high = hedged.value * (1 - hedge), hedged.value * (1 + hedge)
    return low >= bound.value if bound.bound == Bound.AT_LEAST else high <= bound.value


def _the_count_in_hedge(claim: str, claimed: Quantity, premise: str, stated: tuple[Quantity, ...]) -> Quantity | None:
    """The premise's one plain number, where it falls inside the claim's hedge on a count ("holds about 80,000
    spectators" / "has a capacity of 81,500"). A count has no unit to say what is counted, so only a premise
    that gives no other plain number, and counts nothing else with it ("about 300 people" / "310 cars"), is
    read so."""
    if claimed.kind != QuantityKind.NUMBER or not claimed.approximate or claimed.dimension is not None:
        return None
    plain = [s for s in stated if s.kind == QuantityKind.NUMBER and s.dimension is None]
    if len(plain) != 1 or plain[0].approximate or plain[0].text.lower() == claimed.text.lower():
        return None
    counted, theirs = _WORD.match(claim[claimed.end :].lstrip()), _WORD.match(premise[plain[0].end :].lstrip())
    if (
        theirs
        and theirs.group().lower() not in STOPWORDS
        and (not counted or counted.group().lower() != theirs.group().lower())
    ):
        return None  # "about 300 people" / "310 cars"; "a population of 503,000 in the city" counts no other thing
    return plain[0] if same_quantity(claimed, plain[0]) else None


def _sentence_at(text: str, at: int) -> str:
    return next((text[start:end] for start, end in split_sentences(text) if start <= at < end), text)


def _the_date_of(year: Quantity, stated: tuple[Quantity, ...]) -> Quantity | None:
    """The one full date the premise gives in the claim's year, where it gives the year no other way.

    "Flew in 1903" against "On December 17, 1903, they flew" is read as "flew on December 17, 1903": what
    the premise says of that day it says of the year, and the model reads a date against a date surely."""
    dates = [s for s in stated if s.kind == QuantityKind.DATE and s.day is not None and s.day.year == int(year.value)]
    plain = [s for s in stated if s.kind == QuantityKind.YEAR and int(s.value) == int(year.value)]
    return dates[0] if len(dates) == 1 and not plain else None


def _the_month_of(year: int, premise: str, stated: tuple[Quantity, ...]) -> str | None:
    """The one month the premise gives with the claim's year, where it gives the year no other way: "came
    out in 2007" against "released in June 2007" is read as "came out in June 2007" (the model reads a
    bare year against a month of it as another date)."""
    months = [(start, end) for start, end, said in month_years(premise) if said == year]
    if len({premise[a:b].lower() for a, b in months}) != 1:
        return None
    alone = [
        q
        for q in stated
        if int(q.value) == year and q.kind != QuantityKind.NUMBER and not any(a <= q.start < b for a, b in months)
    ]
    return None if alone else premise[months[0][0] : months[0][1]]


_SEASON_MONTHS = {
    "spring": (3, 4, 5),
    "summer": (6, 7, 8),
    "autumn": (9, 10, 11),
    "fall": (9, 10, 11),
    "winter": (12, 1, 2),
}
_SEASON = re.compile(
    rf"\b(?:in\s+)?(?:the\s+)?(?P<season>{'|'.join(_SEASON_MONTHS)})\s+(?:of\s+)?(?P<year>\d{{4}})\b", re.I
)


def _seasons(claim: str, premise: str, stated: tuple[Quantity, ...]) -> list[tuple[int, int, str | None]]:
    """Each season of a year the claim names, read as the one date (or month) the premise gives in it: "born
    in the spring of 1985" as "born on 12 April 1985". A season's months are the northern hemisphere's, the
    winter's those of its year (December, January, February). Where the premise's date falls outside the
    season, or it gives none, the season is left as it is (`None`), never read as the whole year."""
    found: list[tuple[int, int, str | None]] = []
    for match in _SEASON.finditer(claim):
        year, months = int(match["year"]), _SEASON_MONTHS[match["season"].lower()]
        dates = [q for q in stated if q.kind == QuantityKind.DATE and q.day is not None and q.day.year == year]
        in_months = [(a, b) for a, b, said in month_years(premise) if said == year]
        named = {MONTHS.get(premise[a:b].split()[0].rstrip(".").lower()) for a, b in in_months}
        if len(dates) == 1 and dates[0].day is not None and dates[0].day.month in months:
            found.append((match.start(), match.end(), f"on {dates[0].text}"))
        elif not dates and len(named) == 1 and next(iter(named)) in months:
            a, b = in_months[0]
            found.append((match.start(), match.end(), f"in {premise[a:b]}"))
        else:
            found.append((match.start(), match.end(), None))
    return found


def _month_before(claim: str, start: int) -> bool:
    """The claim names the year's month itself ("in June 2007")."""
    return any(end == start + 4 for _, end, _ in month_years(claim))


_PARTS_OF_A_MONTH = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
_PART_OF_A_MONTH = re.compile(r"\b(?P<part>early|mid|late)[- ]$", re.I)


def _dated(claim: str, year: Quantity, day: Quantity) -> tuple[int, int, str] | None:
    """The edit that writes the date for the year, "in 1903" becoming "on December 17, 1903", and "in December
    1903" and "in mid-December 1903" too; None where the claim gives the year another month ("released in March
    2022" / "shipped on 14 September 2022") or another part of it ("in late May"): that claim is not the date's."""
    start = year.start
    if _month_before(claim, year.start):
        month = next(a for a, end, _ in month_years(claim) if end == year.end)
        if day.day is None or MONTHS.get(claim[month : year.start].split()[0].lower().rstrip(".")) != day.day.month:
            return None
        start = month
        if part := _PART_OF_A_MONTH.search(claim[:month]):
            first, last = _PARTS_OF_A_MONTH[part["part"].lower()]
            if not first <= day.day.day <= last:
                return None  # "in late May 1821" is no "14 May 1821"
            start = part.start()
    if claim[max(0, start - 3) : start].lower() == "in ":
        return start - 3, year.end, f"on {day.text}"
    return start, year.end, day.text


def _periods(text: str) -> list[tuple[int, int, int, int]]:
    """(start, end, first year, last year) of the decades and centuries the text names."""
    return [(start, end, first, first + 9) for start, end, first in decades(text)] + centuries(text)


def _years_of_decades(claim: str, premise: str) -> list[tuple[int, int, str]]:
    """ "in the 1990s" read as "in 1997" where the premise gives the one year of that decade: what it says
    of the year it says of the decade, and the model reads a year against a year surely."""
    claimed = _periods(claim)
    if not claimed:
        return []
    years = years_in(premise)
    named = {first for _, _, first, _ in _periods(premise)}
    edits = []
    for start, end, first, last in claimed:
        if _THROUGH.search(claim[:start]):
            continue  # "through the 1990s" is all of the decade, not the one year the premise gives in it
        part = _PART.search(claim[:start])
        if part:
            start, (first, last) = part.start(), _part_of(part["part"].lower(), first, last)
        inside = [year for year in years if first <= year <= last]
        if len(inside) == 1 and first not in named:
            month = _the_month_of(inside[0], premise, _quantities(premise))
            edits.append((start, end, month or str(inside[0])))
    return edits


_PART = re.compile(r"\b(?:the\s+)?(?P<part>early|mid|late)[\s-]+$", re.I)
_THROUGH = re.compile(r"\b(?:through|throughout|across|all)\s+(?:of\s+)?(?:the\s+)?$", re.I)


def _part_of(part: str, first: int, last: int) -> tuple[int, int]:
    """The years of a period's early, mid or late part: "the late 1980s" is 1986-1989, "the early 20th
    century" 1901-1940; the parts overlap, as people use them."""
    span = last - first + 1
    return {
        "early": (first, first + round(0.4 * span) - 1),
        "mid": (first + round(0.3 * span), first + round(0.7 * span) - 1),
        "late": (first + round(0.6 * span), last),
    }[part]


_MULTIPLIED = {"doubled": 2.0, "tripled": 3.0, "trebled": 3.0, "quadrupled": 4.0, "halved": 0.5}
_MULTIPLIED_WORD = re.compile(rf"\b(?:{'|'.join(_MULTIPLIED)})\b", re.I)
_VERB_BEFORE_FROM = re.compile(r"\b(\w+)\s+from\s*[$€£]?\s*$")


def _multiples(claim: str, premise: str) -> list[tuple[int, int, str]]:
    """ "Sales doubled" read as "Sales rose from $2 million to $4 million" where the premise moves the amount
    from one value to twice it: the model cannot divide, and reads the two as unrelated."""
    edits = []
    moves = _moves(premise, [q for q in _quantities(premise) if q.kind == QuantityKind.NUMBER])
    for match in _MULTIPLIED_WORD.finditer(claim):
        if claim[match.end() :].lstrip().lower().startswith("from"):
            continue  # "doubled from 2 to 4": the claim gives the move itself
        factor = _MULTIPLIED[match.group().lower()]
        said = next((s for old, new, s in moves if s and abs(new.value / old.value - factor) <= 0.01 * factor), None)
        if said:
            edits.append((match.start(), match.end(), said))
    return edits


_MOVED_TO = re.compile(r"\b(?P<verb>[a-z]+)\s+(?:its|their|his|her|the)\s+(?:[\w-]+\s+){0,3}to\s*[$€£]?\s*$")
_BACK_FROM = re.compile(r"^[^.;]{0,40}?,?\s*(?:down|up)\s+from\s*[$€£]?\s*$", re.I)


def _moves(premise: str, stated: list[Quantity]) -> list[tuple[Quantity, Quantity, str | None]]:
    """Each amount the premise moves from one value to the next, (old, new, the move in the premise's words):
    "rose from $2 million to $4 million", or, said the other way round ("cut its dividend to 0.60 kroner per
    share, down from 1.20"), "cut from 1.20 to 0.60"; None where no verb says the move."""
    moves = []
    for first, second in zip(stated, stated[1:], strict=False):
        between = premise[first.end : second.start]
        if between.strip(" $€£").lower() == "to":
            verb = _VERB_BEFORE_FROM.search(premise[: first.start])
            moves.append((first, second, premise[verb.start() : second.end] if verb else None))
        elif _BACK_FROM.match(between):
            verb = _MOVED_TO.search(premise[: first.start])
            said = f"{verb['verb']} from {_priced(premise, second)} to {_priced(premise, first)}" if verb else None
            moves.append((second, first, said))
    return [(old, new, said) for old, new, said in moves if old.value > 0 and old.dimension == new.dimension]


_BY_A_SHARE = re.compile(
    r"\b(?P<verb>(?P<down>fell|dropped|declined|decreased|shrank|slumped)|rose|grew|increased|climbed|jumped)"
    r"\s+by\s+(?P<share>(?:a|one|two|three)[\s-](?:half|thirds?|quarters?|fifths?))\b",
    re.I,
)


def _moved_by_a_share(claim: str, premise: str) -> list[tuple[int, int, str]]:
    """ "revenue fell by a third" read as "revenue fell from $60 million to $40 million" where the premise moves
    the amount by that share, either way round ("$40 million, down from $60 million")."""
    match = _BY_A_SHARE.search(claim)
    share = share_in_words(match["share"]) if match else None
    if match is None or share is None:
        return []
    factor = 1 - share if match["down"] else 1 + share
    stated = [q for q in _quantities(premise) if q.kind == QuantityKind.NUMBER and q.dimension != "ratio"]
    for old, new, _ in _moves(premise, stated):
        if abs(new.value / old.value - factor) <= 0.01:
            return [
                (match.start(), match.end(), f"{match['verb']} from {_priced(premise, old)} to {_priced(premise, new)}")
            ]
    return []


def _priced(premise: str, quantity: Quantity) -> str:
    """The quantity as the premise writes it, with the currency sign before it."""
    sign = premise[quantity.start - 1 : quantity.start] if quantity.start else ""
    return f"{sign}{quantity.text}" if sign in {"$", "€", "£"} else quantity.text


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


_BE = r"is|are|was|were|will\s+be"
_DO = {"is": "does", "are": "do"}
_STATED = re.compile(rf"\b(?P<be>{_BE})\s+(?P<word>[a-z]+)\b", re.I)
_DENIED = re.compile(
    rf"\b(?:(?P<be>{_BE})\s+not|(?P<will>will\s+not\s+be|won't\s+be|won’t\s+be)|(?:do|does|did)\s+not"
    rf"|(?P<short>isn't|aren't|wasn't|weren't|don't|doesn't|didn't))\s+(?P<word>[a-z]+)\b",
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


_CONTRARY_STATES = {
    **COMPLEMENTS,
    "accepted": frozenset({"rejected"}),
    "approved": frozenset({"rejected"}),
    "upheld": frozenset({"overturned", "struck down", "reversed", "quashed"}),
}
"""States of which the other one's assertion denies this one: "was rejected" says "was not accepted", a ban "struck
down" was not upheld."""


def _opposites_stated(claim: str, premise: str) -> list[tuple[int, int, str]]:
    """A denial the claim makes, read as the opposite state the premise asserts: "was not accepted" as "was
    rejected", "is not legal" as "is illegal", "won't be open" as "will be closed", "did not approve" as
    "rejected". The premise's state rules the claim's out, so the two say the same; never where the premise also uses
    the claim's word or denies its own."""
    stated = {m["word"].lower(): m for m in _STATED.finditer(premise)}
    edits = []
    for match in _DENIED.finditer(claim):
        word, be = match["word"].lower(), (match["be"] or "").lower()
        short = (match["short"] or "").lower()
        be = be or ("will be" if match["will"] else short[:-3] if short[:-3] in BE_FORMS else "")
        opposite = next((w for w in sorted(_CONTRARY_STATES.get(word, ())) if w in stated), None)
        if _DENIED.search(premise) or _said(word, premise):
            continue
        done = past_of(word)
        did = not be and re.match(r"did\s*n", match.group(), re.I)
        if did and done in _CONTRARY_STATES and not _said(done, premise):
            # "did not approve" as "rejected" where the premise says it "rejected" the thing
            acted = next((w for w in sorted(_CONTRARY_STATES[done]) if _said(w, premise)), None)
            if acted is not None:
                edits.append((match.start(), match.end(), acted))
            continue
        if not be or opposite is None:
            continue
        said = f"{match['be'] or ('will be' if match['will'] else short[:-3])} {stated[opposite]['word']}"
        edits.append((match.start(), match.end(), said))
    return edits


_BEARING = re.compile(
    r"^(?P<a>[A-Z][\w'’ -]*?)\s+(?P<verb>(?:is|lies|sits|stands)(?:\s+(?:located|situated))?)\s+(?:[\w ]{0,20}?\s)?"
    r"(?P<bearing>north|south|east|west)\s+of\s+(?P<b>[\w'’ -]*?\b[A-Z][\w'’ -]*?)[.,;]?$"
)
_NAMED = r"(?:[Tt]he\s+)?(?:[a-z]+\s+of\s+(?:the\s+)?)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
_BEARING_SAID = re.compile(
    rf"(?P<a>{_NAMED})(?:\s+(?P<verb>(?:is|lies|sits|stands)(?:\s+(?:located|situated))?))?"
    rf"[^.;]{{0,40}}?\b(?P<bearing>north|south|east|west)\s+of\s+(?P<b>{_NAMED})"
)
"""A bearing said anywhere in a sentence, an aside's too: "Coldwater Fell, some 12 miles to the north of Harnby"."""


def _bearings_turned(claim: str, premise: str) -> list[tuple[int, int, str]]:
    """A bearing said from the other side: "The village of Ostvik is situated south of the Halden Pass" read as the
    premise's "The Halden Pass lies directly north of the village of Ostvik", the one relation said both ways."""
    mine = _BEARING.match(claim.strip())
    if mine is None or not re.search(rf"\b{BEARINGS[mine['bearing']]}\s+of\b", premise):
        return []
    a, b = set(_WORD.findall(mine["a"].lower())) - STOPWORDS, set(_WORD.findall(mine["b"].lower())) - STOPWORDS
    for theirs in _BEARING_SAID.finditer(premise):
        if (
            theirs["bearing"] == BEARINGS[mine["bearing"]]
            and a & set(_WORD.findall(theirs["b"].lower()))
            and b & set(_WORD.findall(theirs["a"].lower()))
        ):
            said = f"{theirs['a']} {theirs['verb'] or 'lies'} {theirs['bearing']} of {theirs['b']}"
            lead = len(claim) - len(claim.lstrip())
            return [(lead, lead + len(claim.strip().rstrip(".,;")), said)]
    return []


_PHRASINGS = (
    (r"\bfound (?:(?P<who>(?!not\b)\w+) )?not guilty\b", r"\bacquitted\b", "acquitted"),
    (r"\bfound (?:(?P<who>(?!not\b)\w+) )?guilty\b", r"\bconvicted\b", "convicted"),
    (r"\b(?:did not|didn't) attend\b", r"\babsent from\b", "was absent from"),
    (r"\b(?:was|were) absent from\b", r"\b(?:did not|didn't) attend\b", "did not attend"),
    (r"\bis (?:published|released)\b", r"\bcomes out\b", "comes out"),
    (r"\bwas (?:published|released)\b", r"\bcame out\b", "came out"),
    (r"\bresigned\b", r"\bstepped down\b", "stepped down"),
    (r"\bstepped down\b", r"\bresigned\b", "resigned"),
    (r"\b(?:as (?:the )?)?runners?-up\b", r"\bin second place\b", "in second place"),
)
"""One act said two ways, read the premise's way where the premise uses it: "found her not guilty" is
"acquitted her", "did not attend" is "was absent from", "is published" is "comes out", "resigned" is
"stepped down", "finished as runners-up" is "finished in second place"."""


_FREEZING = re.compile(r"\b(?P<side>below|under|above)\s+(?:freezing|zero)\b|\b(?P<sub>sub-?zero)\b", re.I)


def _freezing(claim: str, premise: str) -> list[tuple[int, int, str]]:
    """ "below freezing" as the premise's one temperature where that is below 0 °C ("was below freezing" / "was
    -3°C"): the model reads the two as opposed."""
    said = list(_FREEZING.finditer(claim))
    temperatures = [q for q in _quantities(premise) if (q.dimension or "").startswith("temperature")]
    if len(said) != 1 or len(temperatures) != 1:
        return []
    degrees = temperatures[0]
    celsius = degrees.value if degrees.dimension.endswith("Celsius") else (degrees.value - 32) * 5 / 9
    below = said[0]["sub"] is not None or said[0]["side"].lower() != "above"
    if celsius == 0 or (celsius < 0) != below:
        return []
    return [(said[0].start(), said[0].end(), degrees.text)]


_LOST = re.compile(
    r"^(?P<loser>(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,3}?)\s+(?:lost|(?:was|were)\s+(?:beaten|defeated))"
    r"(?:\s+(?:to|by)\s+(?P<winner>(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,3}?))?"
    r"(?:\s+(?:in\s+)?(?P<contest>(?:the|a|an|this|its|their)\s+[\w'’-]+))?(?=\s*[.,;]?\s*$)",
    re.I,
)
_BEAT = re.compile(
    r"(?:^|[,;]\s+)(?P<winner>(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,3}?)\s+(?:beat|defeated)\s+(?P<rest>.+)$", re.I
)


def _beaten(claim: str, premise: str) -> list[tuple[int, int, str]]:
    """A loss the claim states, read as the win the premise states: "The home team lost the final" as "The
    visitors beat the home team in the final", where the premise says the visitors beat the home team (and,
    when the claim names the winner, that same winner). The model reads "lost" against "beat" as opposites."""
    lead = len(claim) - len(claim.lstrip())
    lost = _LOST.match(claim.lstrip())
    if not lost:
        return []
    loser = lost["loser"].lower()
    for start, end in split_sentences(premise):
        beat = _BEAT.search(premise[start:end].rstrip(" ."))
        if not beat or not _article_aside(beat["rest"]).lower().startswith(_article_aside(loser)):
            continue
        winner = beat["winner"]
        if lost["winner"] and _article_aside(lost["winner"]).lower() != _article_aside(winner).lower():
            continue
        loser_said = beat["rest"][: len(beat["rest"]) - len(_article_aside(beat["rest"])) + len(_article_aside(loser))]
        contest = f" in {lost['contest']}" if lost["contest"] else ""
        said = f"{winner[:1].upper()}{winner[1:]} beat {loser_said}{contest}"
        return [(lead, lead + lost.end(), said)]
    return []


def _article_aside(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.I)


def _phrasings(claim: str, premise: str) -> list[tuple[int, int, str]]:
    edits = []
    for phrase, used, said in _PHRASINGS:
        if not re.search(used, premise, re.I):
            continue
        for match in re.finditer(phrase, claim, re.I):
            who = match.groupdict().get("who")
            edits.append((match.start(), match.end(), f"{said} {who}" if who else said))
    return edits


_SAME_WORDS = (("nobody", "no one"), ("everybody", "everyone"), ("somebody", "someone"), ("anybody", "anyone"))
_SAME_WORD = re.compile(rf"\b(?:{'|'.join(word for pair in _SAME_WORDS for word in pair)})\b", re.I)
_OTHER_WORD = {a: b for pair in _SAME_WORDS for a, b in (pair, pair[::-1])}


_COUNTED_RATE = re.compile(
    r"\b(?:every\s+(?P<span_count>\w+)\s+(?P<span>minutes?|hours?|months?)"
    r"|(?P<count>once|twice|thrice|(?P<times>\w+)\s+times)\s+(?:(?:a|an|per|each|every)\s+(?P<period>hour|day|week|year)"
    r"|(?P<adverb>hourly|daily|weekly|yearly|annually)))\b",
    re.I,
)
_DAY_NAME = rf"(?:{'|'.join(DAYS_OF_THE_WEEK)})s?"
_WEEKDAYS = re.compile(
    rf"\b(?:every|on)\s+{_DAY_NAME}(?:(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+)(?:(?:every|on)\s+)?{_DAY_NAME})+\b", re.I
)
"""Days of the week listed as when something happens ("every Tuesday and Friday", "every Monday and every
Thursday"): that many times a week."""


def _times_per(match: re.Match) -> tuple[int, str] | None:
    if match["span"]:
        return times_per_period(match["span_count"], match["span"])
    n = count_of(match["times"] or match["count"])
    adverbs = {"hourly": "hour", "daily": "day", "weekly": "week"}
    period = match["period"] or adverbs.get(match["adverb"].lower(), "year")
    return (n, period.lower()) if n else None


def _counted_rates(claim: str, premise: str) -> list[tuple[int, int, str]]:
    """ "twice a day" read as the premise's "every 12 hours", and the other way round: one rate said by its
    count or by its span; "twice a week" as the premise's "every Tuesday and Friday"."""
    stated: dict[tuple[int, str], str] = {}
    for match in _COUNTED_RATE.finditer(premise):
        if (rate := _times_per(match)) is not None and not _for_other_days(claim, premise, match.start()):
            stated.setdefault(rate, match.group())
    days: dict[tuple[int, str], str] = {}
    for match in _WEEKDAYS.finditer(premise):
        named = {day for day in DAYS_OF_THE_WEEK if re.search(rf"\b{day}s?\b", match.group(), re.I)}
        days.setdefault((len(named), "week"), match.group())
    edits = []
    for match in _COUNTED_RATE.finditer(claim):
        rate = _times_per(match) or (0, "")
        said = stated.get(rate)
        if said and bool(match["span"]) != said.lower().startswith("every"):
            edits.append((match.start(), match.end(), said))
        elif rate in days and not match["span"]:
            edits.append((match.start(), match.end(), days[rate]))
    return edits


_CLAUSE_BREAK = re.compile(r"[,;]|\b(?:but|and|while|whereas)\b")


def _rates_reworded(claim: str, premise: str) -> list[tuple[int, int, str]]:
    """The claim's rates in the premise's words ("every week" as "weekly"). Where the premise gives rates of several
    things, each of the claim's is read only from the sentence that says most of the claim's clause around it ("the
    service charge quarterly", "ground rent once a year" give no rate of the ground rent's "every quarter")."""
    edits = []
    found = [m for m in _RATE.finditer(premise) if not _for_other_days(claim, premise, m.start())]
    rated = [*found, *_COUNTED_RATE.finditer(premise)]
    several = len({_sentence_at(premise, m.start()) for m in rated}) > 1
    for match in _RATE.finditer(claim):
        rate = _rate(match)
        if rate is None:
            continue
        own = found
        if several:
            starts = [0, *(b.end() for b in _CLAUSE_BREAK.finditer(claim) if b.end() <= match.start())]
            ends = [b.start() for b in _CLAUSE_BREAK.finditer(claim) if b.start() >= match.end()] + [len(claim)]
            clause = claim[starts[-1] : ends[0]]
            best = max(_claims_words_at(clause, premise, m.start()) for m in rated)
            own = [m for m in found if _claims_words_at(clause, premise, m.start()) == best > 0]
        said = [m.group() for m in own if _rate(m) == rate]
        if said and all(s.lower() != match.group().lower() for s in said):
            edits.append((match.start(), match.end(), said[0]))
    return edits


def _claims_words_at(claim: str, premise: str, position: int) -> int:
    """How many of the claim's own words that are no names the premise's sentence at `position` says: the rate of
    the sentence that says most of them is the claim's thing's ("the ground rent is billed every quarter" is no
    reading of "pay the service charge quarterly" beside "Ground rent ... once a year"; "eyewash stations are flushed
    weekly" at the claim's facility none of "the fume hoods are recertified every week" beside "Fume hoods are
    certified once a year")."""
    sentence = _sentence_at(premise, position).lower()
    words = {w.lower()[:5] for w in re.findall(r"\b[a-z][a-z]{3,}\b", claim)} - {w[:5] for w in STOPWORDS}
    words -= _RATE_WORDS | {unit[:5] for unit in FREQUENCY_UNITS}
    return sum(1 for w in words if re.search(rf"\b{re.escape(w)}", sentence))


_RATE_WORDS = frozenset({"every", "each", "daily", "weekl", "month", "yearl", "annua", "hourl", "quart", "times"})


def _for_other_days(claim: str, premise: str, position: int) -> bool:
    """The premise's sentence at `position` names days of the week and none the claim names: "On Saturdays, the
    shuttle departs every 30 minutes" is no rate of "runs twice an hour on Sundays"."""
    mine = days_named(claim)
    sentence = next((premise[a:b] for a, b in split_sentences(premise) if a <= position < b), "")
    theirs = days_named(sentence)
    return bool(mine and theirs and not mine & theirs)


def _same_words(claim: str, premise: str) -> list[tuple[int, int, str]]:
    """ "Nobody" read as "No one" where the premise writes it so, and never the claim's way."""
    edits = []
    for match in _SAME_WORD.finditer(claim):
        word = match.group()
        other = _OTHER_WORD[word.lower()]
        if _said(other, premise) and not _said(word, premise):
            edits.append((match.start(), match.end(), other.capitalize() if word[0].isupper() else other))
    return edits


_IRREGULAR_DEGREES = {"better": "best", "worse": "worst"}
_IRREGULAR_COMPARATIVES = {v: k for k, v in _IRREGULAR_DEGREES.items()}
_NONE_MORE = re.compile(
    r"^No (?P<noun>[\w' -]+?) (?P<be>is|was|are|were) (?P<degree>more \w+|\w+er|better|worse)"
    r" than (?P<name>[^,;]+?)\.?$",
    re.I,
)
_THE_MOST = re.compile(
    r"^(?P<name>[A-Z][\w' -]*?) (?P<be>is|was) the (?P<degree>most \w+|\w+est|best|worst) (?P<noun>[\w' -]+?)\.?$"
)


def _superlative(comparative: str) -> str:
    if comparative.lower().startswith("more "):
        return "most " + comparative[5:]
    return _IRREGULAR_DEGREES.get(comparative.lower()) or comparative[:-2] + "est"


def _comparative(superlative: str) -> str:
    if superlative.lower().startswith("most "):
        return "more " + superlative[5:]
    return _IRREGULAR_COMPARATIVES.get(superlative.lower()) or superlative[:-3] + "er"


def _superlatives(claim: str, premise: str) -> list[tuple[int, int, str]]:
    """ "No mountain is higher than Everest" read as "Everest is the highest mountain" where the premise says
    "the highest", and the other way round where it says "no ... larger than": one fact, said by its
    superlative or by denying anything beyond it, which the model reads as unrelated sentences."""
    text = claim.strip()
    if (none := _NONE_MORE.match(text)) and re.search(rf"\b{_superlative(none['degree'])}\b", premise, re.I):
        return [(0, len(claim), f"{none['name']} {none['be']} the {_superlative(none['degree'])} {none['noun']}.")]
    if (most := _THE_MOST.match(text)) and re.search(
        rf"\bno\b[^.]*\b{_comparative(most['degree'])} than\b", premise, re.I
    ):
        return [(0, len(claim), f"No {most['noun']} {most['be']} {_comparative(most['degree'])} than {most['name']}.")]
    return []


def _said(word: str, premise: str) -> int:
    return len(re.findall(rf"\b{re.escape(word)}\b", premise, re.I))


def _opposed(word: str, used: set[str]) -> bool:
    """The premise uses an opposite of the claim's verb or of one of its mates (`ANTONYMS` holds every verb
    that moves an amount the other way in the same tense)."""
    return any(ANTONYMS.get(mate, frozenset()) & used for mate in _MOVES[word] | {word})


def _rate(match: re.Match) -> str | None:
    if match["period"]:
        return FREQUENCY_UNITS[match["period"].lower()]
    if match["span"]:
        return every_few(match["count"], match["span"])
    if match["gap"]:
        return every_few(match["gap"], match["unit"])  # "at 20-minute intervals" is "every 20 minutes"
    if match["weekday"]:
        return "weekly"  # "every Saturday", one day a week
    adverb = match["adverb"].lower()
    return RATE_SYNONYMS.get(adverb, adverb)
