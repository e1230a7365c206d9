"""Sums and differences of the evidence's values that a claim states, and comparisons it draws between them:
arithmetic across sentences.

"The train arrives at 11:30" against "The train leaves at 9:00. The journey takes two and a half hours."
says what the evidence implies and nowhere states, and the small entailment model does not add (P(entailment)
0.02). Told the sum beside the evidence, "(9:00 plus two and a half hours is 11:30)", it reads the claim as
supported (0.89), and an author "30 when her first novel was published" against "born in 1960" and
"published in 1990" likewise. Only a value the claim itself states, and the evidence does not, is computed,
from two of the evidence's values of the same measure: a time of day and a duration, two amounts of one
currency or unit, two years for a span of years. The model is never shown a number the claim does not give,
so a claim with another value ("arrives at 12:30") sees the evidence as it is, and the rules still read the
claim against the evidence alone.
"""

from __future__ import annotations

import functools
import math
import re
from datetime import date
from itertools import combinations, permutations

from grounding.text.lexicon import count_of, currency_of, singular
from grounding.text.quantities import (
    SCORE,
    SCORE_LINE,
    TIME_OF_DAY,
    WORD_NUMBERS,
    Bound,
    Quantity,
    QuantityKind,
    as_dated,
    day_and_month,
    days_counted_on,
    parse_quantities,
    period_of,
    qualified_start,
    said_as_change,
    years_in,
    years_of_sentences,
)
from grounding.text.sentences import split_sentences
from grounding.verify.comparing import compare, figure_after, names, read_whole
from grounding.verify.tenure import tenure

_DAY_MINUTES = 24 * 60
_BEARING = re.compile(r"\b(?:north|south|east|west|up|down)(?:stream|hill|river)?\s+of\b", re.I)
_EVERY = re.compile(r"\b(?:every|each)\s+$", re.I)
_YEARS_AFTER = re.compile(r"^\s*(?:-\s*)?years?\b", re.I)
_YEARS_BEFORE = re.compile(r"\b(?:aged|age of|at)\s*$", re.I)
_AGE_WHEN = re.compile(r"\bwas\s*$", re.I)


def borne_out(claim: str, sums: tuple[str, ...]) -> bool:
    """Whether a sum restates the whole claim after the figures that bear it out (`_restated`: a comparison that
    holds, a tenure the years give): no contradiction the model reads may outweigh that, though the rules still read
    the claim."""
    return any(s.endswith(f": {_as_restated(claim)}") for s in sums)


def _restated(figures: str, claim: str) -> str:
    """The figures that bear the whole claim out, then the claim: "1889 against 1904: the Kestrin Observatory is older
    than the Duvelle town library"."""
    return f"{figures}: {_as_restated(claim)}"


def _as_restated(claim: str) -> str:
    said = claim.strip().rstrip(".")
    return f"{said[:1].lower() if said[:4] == 'The ' else said[:1]}{said[1:]}"


def computed(claim: str, premise: str, whole: str | None = None) -> tuple[str, ...]:
    """What the premise's values add up to where the claim states the result: "9:00 plus two and a half hours
    is 11:30". A day's total is worked out from the `whole` evidence where it is given: a label's strength, dose and
    limit are often more sentences than the premise holds."""
    sums: list[str] = []
    comparison = compare(claim, premise)
    if whole is not None and whole != premise and (read := read_whole(claim, whole)) is not None:
        comparison = read if comparison is None or comparison == read_whole(claim, premise) else comparison
    if comparison is not None and comparison.holds:
        sums.append(_restated(comparison.figures, claim))
    sums += _groups_counted(claim, premise)
    held = tenure(claim, premise)
    if held is not None and held.holds():
        # "2014 to 2020 is 6 years: Elsbeth Moravec served as chief financial officer ... for six years"
        sums.append(_restated(f"{held.first} to {held.last} is {held.years} years", claim))
    claimed = parse_quantities(claim)
    if not claimed:
        return tuple(dict.fromkeys(sums))
    stated = parse_quantities(premise)
    for quantity in claimed:
        if any(_equal(quantity, s) for s in stated):
            continue
        sums += _clock_sums(quantity, stated) or _amount_sums(claim, quantity, premise, stated)
        sums += _clock_spans(claim, quantity, stated) + _date_spans(quantity, premise, stated)
        sums += _year_spans(claim, quantity, stated)
        sums += _years_counted_on(quantity, premise)
        sums += _days_counted(claim, quantity, premise)
        sums += _dated_by_its_count(claim, quantity, premise)
        sums += _amounts_a_day(claim, quantity, premise, stated)
        sums += _units_counted(quantity, premise, stated)
        sums += _margins(claim, quantity, stated)
        sums += _products(claim, quantity, premise, stated)
        sums += _discounted(claim, quantity, premise, stated)
        sums += _relative_changes(claim, quantity, premise, stated)
        sums += _shares_computed(claim, quantity, premise, stated)
        sums += _share_of_an_amount(claim, quantity, premise, stated)
        sums += _combined(claim, quantity, premise)
    return tuple(dict.fromkeys(sums))


_TOGETHER = re.compile(r"[A-Z][\w'’]*\s*[–—/-]\s*[A-Z]|\b(?:together|combined|coalition|jointly|between\s+them)\b")


def _combined(claim: str, quantity: Quantity, premise: str) -> list[str]:
    """A count two named parts hold together, where one sentence gives each part's ("The Green-Farmers coalition
    controls 57 seats" / "The Green Union won 33 seats and the Farmers' League 24"): "33 plus 24 is 57 seats"."""
    if quantity.kind != QuantityKind.NUMBER or quantity.dimension is not None or quantity.bound is not None:
        return []
    if not _TOGETHER.search(claim):
        return []
    parts = sorted(names(claim[: quantity.start]))
    sums = []
    for a, b in combinations(parts, 2):
        for sentence in (premise[x:y] for x, y in split_sentences(premise)):
            first, second = figure_after(frozenset({a}), sentence), figure_after(frozenset({b}), sentence)
            if first is None or second is None or first == second or first.dimension or second.dimension:
                continue
            first, second = sorted((first, second), key=lambda q: q.start)
            if math.isclose(first.value + second.value, quantity.value, abs_tol=1e-9):
                sums.append(f"{first.text} plus {second.text} is {_written(claim, quantity)}")
    return sums


_MARGIN_BEFORE = re.compile(r"\b(?:by|margin\s+of|lead\s+of)\s+$", re.I)
_MARGIN_UNIT = r"(?:points?|goals?|runs?|strokes?|shots?|wickets?)"
_MARGIN_AFTER = re.compile(rf"^\s+{_MARGIN_UNIT}\b", re.I)
_MARGIN_WORD = re.compile(rf"^-{_MARGIN_UNIT}\s+(?:win|victory|defeat|loss|lead|margin)\b", re.I)


def _margins(claim: str, quantity: Quantity, stated: list[Quantity]) -> list[str]:
    """A winning margin where the premise gives the score ("won by 12 points", "a 3-goal win" / "beat the Owls
    88-76"): "88-76 is a margin of 12 points"."""
    if quantity.dimension is not None or quantity.bound is not None:
        return []
    after = claim[quantity.end :]
    if _MARGIN_BEFORE.search(claim[max(0, quantity.start - 12) : quantity.start]):
        unit = _MARGIN_AFTER.match(after)
        said = f"a margin of {claim[quantity.start : quantity.end + (unit.end() if unit else 0)]}"
    elif won := _MARGIN_WORD.match(after):
        said = f"a {claim[quantity.start : quantity.end + won.end()]}"  # "a 3-goal win"
    else:
        return []
    scores = [s for s in stated if s.dimension == SCORE]
    return [f"{s.text} is {said}" for s in scores if s.value // 1000 - s.value % 1000 == quantity.value]


_FORMS = r"(?:tablets|capsules|caplets|pills|sachets|lozenges|doses)"
_COUNTED_FORMS = re.compile(rf"(?=\b(?P<count>\w+)\s+(?:[\w-]+\s+){{0,2}}?(?P<form>{_FORMS})\b)", re.I)
_FORM_AFTER = re.compile(rf"^\s+(?:[\w-]+\s+){{0,2}}?{_FORMS}\b", re.I)


def _units_counted(quantity: Quantity, premise: str, stated: list[Quantity]) -> list[str]:
    """An amount as a count of the premise's tablets of one strength ("500 mg tablets", "not more than six
    tablets"): "6 tablets of 500 mg is 3 g"."""
    if quantity.dimension is None:
        return []
    strengths = [
        s
        for s in stated
        if s.dimension == quantity.dimension and s.bound is None and _FORM_AFTER.match(premise[s.end :])
    ]
    sums = []
    for match in _COUNTED_FORMS.finditer(premise):
        count = count_of(match["count"].lower())
        if any(s.start <= match.start() < s.end for s in stated):
            continue  # "500 mg Velorin tablets": the strength, not a count
        for strength in strengths if count and count > 1 else []:
            if math.isclose(count * strength.value, quantity.value, rel_tol=1e-9):
                sums.append(f"{count} {match['form'].lower()} of {strength.text} is {quantity.text}")
    return sums


def _amounts_a_day(claim: str, quantity: Quantity, premise: str, stated: list[Quantity]) -> list[str]:
    """An amount a day as a dose every few hours or a few times a day ("up to 20 ml in a day" / "5 ml every 6
    hours": "5 ml every 6 hours is 20 ml in 24 hours"; "750 mg per day" / "one 250 mg tablet three times a day")."""
    if quantity.unit is None or period_of(claim, quantity) != (1, "day") or _TIMES_A_DAY.match(claim, quantity.end):
        return []  # "one 500 mg tablet twice a day" is a dose, not the day's amount
    sums = []
    for dose in (s for s in stated if s.dimension == quantity.dimension and s.unit is not None and s.bound is None):
        hours, unit = period_of(premise, dose) or (0, "")
        if unit == "hour" and 24 % hours == 0 and math.isclose(dose.value * 24 / hours, quantity.value):
            sums.append(f"{dose.text} every {hours} hours is {_written(claim, quantity)} in 24 hours")
        rate = _TIMES_A_DAY.match(premise, dose.end)
        times = count_of(rate["count"] or rate["daily"]) if rate else None
        if times and math.isclose(dose.value * times, quantity.value):
            sums.append(f"{dose.text} {rate['rate']} is {_written(claim, quantity)} a day")
    return sums


_TIMES_A_DAY = re.compile(
    r"[^.;]{0,40}?\b(?P<rate>(?P<count>once|twice|thrice|one|two|three|four|five|six|[1-6])(?:\s+times)?\s+"
    r"(?:a|per|each)\s+day|(?P<daily>once|twice)\s+daily)\b",
    re.I,
)


def _years_counted_on(quantity: Quantity, premise: str) -> list[str]:
    """A year a sentence gives by counting from the one before ("joined in 2004. Three years later she was
    appointed"): "3 years after 2004 is 2007"."""
    if quantity.kind != QuantityKind.YEAR:
        return []
    sentences = [premise[a:b] for a, b in split_sentences(premise)]
    counted = years_of_sentences(sentences)
    year = int(quantity.value)
    return [
        f"{abs(year - base)} year{'' if abs(year - base) == 1 else 's'} {'after' if year > base else 'before'} "
        f"{base} is {quantity.text}"
        for n in range(1, len(sentences))
        if counted[n] == {year} and not years_in(sentences[n]) and len(counted[n - 1]) == 1
        for base in counted[n - 1]
    ]


_COUNTED_FROM = re.compile(
    r",?\s+(?:exactly\s+|just\s+|only\s+|some\s+|nearly\s+)?(?P<count>an?|\w+)\s+(?P<unit>year|month|week|day)s?\s+"
    r"(?P<way>after|before)\s+(?!\d)",
    re.I,
)
_UNIT_DAYS = {"week": 7, "day": 1}


def _dated_by_its_count(claim: str, quantity: Quantity, premise: str) -> list[str]:
    """A year or day a sentence gives by counting from the one it states: "synthesized the dye in 1874, two years
    after Elias Brandt founded the company" dates the founding to 1872; "released on 3 November 2023, exactly one
    year after the concert it documents" the concert to 3 November 2022."""
    if quantity.kind not in (QuantityKind.YEAR, QuantityKind.DATE):
        return []
    found = []
    for a, b in split_sentences(premise):
        sentence = premise[a:b]
        for stated in parse_quantities(sentence):
            counted = _COUNTED_FROM.match(sentence, stated.end)
            if stated.kind not in (QuantityKind.YEAR, QuantityKind.DATE) or counted is None:
                continue
            count = 1 if counted["count"].lower() in ("a", "an") else count_of(counted["count"])
            if not count:
                continue
            sign = -1 if counted["way"].lower() == "after" else 1
            unit = counted["unit"].lower()
            if stated.kind == QuantityKind.DATE and stated.day is not None:
                if unit == "year":
                    day = _years_on(stated.day, sign * count)
                elif unit == "month":
                    day = _months_on(stated.day, sign * count)
                else:
                    day = date.fromordinal(stated.day.toordinal() + sign * count * _UNIT_DAYS[unit])
                if day is None or quantity.kind != QuantityKind.DATE or quantity.day != day:
                    continue
            elif unit != "year" or int(quantity.value) != int(stated.value) + sign * count:
                continue
            span = f"{counted['count']} {counted['unit']}{'' if count == 1 else 's'}"
            act = re.split(r"[,;.]", sentence[counted.end() :])[0].strip()
            on = "on" if quantity.kind == QuantityKind.DATE else "in"
            way = "before" if sign < 0 else "after"
            found.append(f"{span} {way} {stated.text} is {quantity.text}: {act} {on} {quantity.text}")
    return found


def _years_on(day: date, years: int) -> date | None:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return None  # 29 February


def _months_on(day: date, months: int) -> date | None:
    month = day.month - 1 + months
    try:
        return day.replace(year=day.year + month // 12, month=month % 12 + 1)
    except ValueError:
        return None


def _days_counted(claim: str, quantity: Quantity, premise: str) -> list[str]:
    """A day a sentence gives by counting from the day the one before gives ("on Saturday, 12 April. The next market
    is held exactly one week later"): "one week after 12 April is 19 April"."""
    mine = day_and_month(claim, quantity)
    if mine is None:
        return []
    sentences = [premise[a:b] for a, b in split_sentences(premise)]
    counted = (found for found in days_counted_on(sentences) if found is not None)
    return [f"{span} {start} is {as_dated(claim, quantity)}" for day, span, start in counted if day == mine]


def _equal(a: Quantity, b: Quantity) -> bool:
    """One amount, or one day: "14 November 2021" is not "3 November 2021", though both are of 2021."""
    return a.kind == b.kind and a.dimension == b.dimension and abs(a.value - b.value) < 1e-9 and a.day == b.day


def _clock_sums(quantity: Quantity, stated: list[Quantity]) -> list[str]:
    """A time of day as another time of day plus or minus a duration ("leaves at 9:00", "takes 2 hours")."""
    if quantity.dimension != TIME_OF_DAY:
        return []
    clocks = [s for s in stated if s.dimension == TIME_OF_DAY]
    spans = [s for s in stated if s.dimension == "time" and s.bound is None]
    sums = []
    for clock in clocks:
        for span in spans:
            minutes = span.value / 60
            if (clock.value + minutes) % _DAY_MINUTES == quantity.value:
                sums.append(f"{clock.text} plus {span.text} is {quantity.text}")
            elif (clock.value - minutes) % _DAY_MINUTES == quantity.value:
                sums.append(f"{clock.text} minus {span.text} is {quantity.text}")
    return sums


_EARLIER_AFTER = re.compile(r"^\s+(?:earlier|sooner)\b", re.I)


def _clock_spans(claim: str, quantity: Quantity, stated: list[Quantity]) -> list[str]:
    """A duration as the time between two of the premise's times of day ("between 14:05 and 15:20", "departs
    06:50, arrives 08:05"), the later after the earlier in the premise's order, within a day; a time moved earlier by
    the duration where the claim says so ("fifteen minutes earlier" / "moves from 05:55 to 05:40")."""
    if quantity.dimension != "time" or quantity.bound is not None:
        return []
    clocks = [s for s in stated if s.dimension == TIME_OF_DAY]
    ways = (1, -1) if _EARLIER_AFTER.match(claim[quantity.end :]) else (1,)
    return [
        f"from {start.text} to {end.text} is {quantity.text}{' earlier' if way < 0 else ''}"
        for way in ways
        for n, start in enumerate(clocks)
        for end in clocks[n + 1 :]
        if math.isclose(way * (end.value - start.value) % _DAY_MINUTES, quantity.value / 60)
    ]


def _date_spans(quantity: Quantity, premise: str, stated: list[Quantity]) -> list[str]:
    """A duration in days or weeks as the time between two of the premise's dates ("began on October 5, 1643",
    "surrendered on November 2, 1643": four weeks), or as the days from the first to the last, both counted, of
    something that runs over days of one year ("begins on Monday 3 June and finishes on Sunday 16 June": a
    fortnight)."""
    if quantity.dimension != "time" or quantity.bound is not None or quantity.value % 86400:
        return []
    days = [(s, s.day) for s in stated if s.kind == QuantityKind.DATE and s.day is not None]
    days += [(s, _LEAP_YEAR.replace(month=md[0], day=md[1])) for s in stated if (md := _day_without_year(premise, s))]
    wanted = quantity.value // 86400
    said = f"about {quantity.text}" if quantity.approximate else quantity.text
    return [
        f"from {as_dated(premise, start)} to {as_dated(premise, end)} is {said}"
        for n, (start, first) in enumerate(days)
        for end, last in days[n + 1 :]
        if _days_are(wanted, (last - first).days, quantity.approximate)
        or (end.day is None and _days_are(wanted, (last - first).days + 1, quantity.approximate))
    ]


def _days_are(wanted: float, days: int, hedged: bool) -> bool:
    """A count of days, within a tenth where the claim hedges it ("about three weeks" of 20 days)."""
    return abs(days - wanted) <= (0.1 * wanted if hedged else 0)


_LEAP_YEAR = date(2000, 1, 1)
"""A year in which every day and month said without a year is a day."""


def _day_without_year(text: str, quantity: Quantity) -> tuple[int, int] | None:
    """(month, day) of a day said without its year ("3 June"), or None for anything else."""
    return day_and_month(text, quantity) if quantity.kind == QuantityKind.NUMBER else None


def _amount_sums(claim: str, quantity: Quantity, premise: str, stated: list[Quantity]) -> list[str]:
    """An amount as the sum or difference of two of the premise's amounts of the same currency or unit ("opened
    at $40", "gained $5": $45), or two counts of one thing ("12 new stores", "another 9 stores": 21 stores)."""
    measure = _measure(claim, quantity)
    if measure is None:
        return []
    bearing = _BEARING.search(claim[quantity.end :]) if measure == "length" else None
    alike = [
        s
        for s in stated
        if s.kind == QuantityKind.NUMBER
        and s.bound is None
        and _measure(premise, s) == measure
        and not _EVERY.search(premise[max(0, s.start - 12) : s.start])  # "every 20 minutes" is a rate's interval
    ]
    if measure.startswith("count of "):
        # counts add up only where each is counted by the claim's own act: "opened 12 new stores", "opened another
        # 9 stores"; "40 people came", "5 people left" make no 45 who came
        acts = _lead_words(claim, quantity)
        counted = [s for s in alike if acts & _lead_words(premise, s)]
        alike = [s for s in alike if s in counted or any(_elided_from(premise, s, c) for c in counted)]
    if bearing:
        # "lies 15 km south of Camber" is no difference of two other legs; "44 km north of Lindmouth" may be the sum
        # of two legs due north ("14 kilometres due north of Castelbrae", "30 kilometres due north of Lindmouth")
        way = bearing.group().split()[0].lower()
        alike = [
            s for s in alike if (m := _BEARING.search(premise[s.end : s.end + 30])) and m.group().lower()[:4] == way[:4]
        ]
    said = _written(claim, quantity)
    sums = []
    for a, b in permutations(alike, 2):
        way = _relative_way(claim, premise, b)
        if math.isclose(a.value, b.value, rel_tol=1e-9):
            continue  # "Covering 1,500 square metres" and "covering 1,500 square meters": one figure said twice
        if math.isclose(a.value + b.value, quantity.value, abs_tol=1e-9) and a.start < b.start and way != "minus":
            sums.append(f"{_written(premise, a)} plus {_written(premise, b)} is {said}")
        elif not bearing and math.isclose(a.value - b.value, quantity.value, abs_tol=1e-9) and way != "plus":
            sums.append(f"{_written(premise, a)} minus {_written(premise, b)} is {said}")
    return sums


_THAN = re.compile(
    r"\s+(?P<word>taller|higher|longer|larger|bigger|greater|heavier|older|more|shorter|lower|smaller|lighter"
    r"|younger|less|fewer|cheaper|costlier)\s+(?:[a-z]+\s+){0,2}?than\s+(?:nearby\s+|the\s+)?"
    r"(?P<other>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)"
)
_LESS = frozenset({"shorter", "lower", "smaller", "lighter", "younger", "less", "fewer", "cheaper"})


def _relative_way(claim: str, premise: str, amount: Quantity) -> str | None:
    """How a difference said against another thing adds up for the claim's thing ("Mount Aldric ... is about 300
    meters taller than nearby Mount Pell"): Pell's height is Aldric's minus 300 meters, never plus; None where the
    amount is no such difference, or the claim names neither way."""
    found = _THAN.match(premise, amount.end)
    if found is None:
        return None
    names_other = all(word.lower() in claim.lower() for word in found["other"].split())
    down = found["word"].lower() in _LESS
    return ("minus" if names_other != down else "plus") if names_other or down else "plus"


_EACH_OF = re.compile(
    r"\W*(?:[a-z]+\s+){0,2}?(?:(?:in|for|on|to|from|at)\s+)?each\s+of\s+(?:the\s+|its\s+|their\s+)?"
    r"(?P<count>[\w-]+)\s+(?P<noun>[a-z]+)",
    re.I,
)
_NUMBER_WORDS = "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))
_COUNT = rf"(?P<count>{_NUMBER_WORDS}|\d{{1,4}})"
_COUNT_BEFORE = re.compile(rf"\b{_COUNT}\s+$", re.I)
_EACH_HOLDS = re.compile(
    rf"\beach\s+(?P<noun>[a-z]+)\b[^.;,]{{0,40}}?\b{_COUNT}\s+(?:[a-z-]+\s+)?(?P<things>[a-z]+s)\b", re.I
)


_EACH_BEFORE = re.compile(r"\beach\s+(?P<noun>[a-z]{3,})\b[^.;,]{0,50}$", re.I)


def _products(claim: str, quantity: Quantity, premise: str, stated: list[Quantity]) -> list[str]:
    """An amount as one of the premise's amounts times how many there are: "$3 million in each of the four quarters"
    ($12 million), "two 256 GB drives" (512 GB), "three ports" where "each port can handle up to eight devices" (24
    devices)."""
    measure = _measure(claim, quantity)
    if measure is None:
        return []
    said = _written(claim, quantity)
    products = []
    for amount in (s for s in stated if _measure(premise, s) == measure):
        each = _EACH_OF.match(premise, amount.end)
        before = _COUNT_BEFORE.search(premise[max(0, amount.start - 12) : amount.start])
        if _FORM_AFTER.match(premise[amount.end :]):
            before = None  # "two 250 mg tablets": counted by `_units_counted`
        for count in (each, before):
            times = count_of(count["count"]) if count else None
            if times and times > 1 and math.isclose(times * amount.value, quantity.value, rel_tol=1e-9):
                products.append(f"{times} times {_written(premise, amount)} is {said}")
        sentence = re.split(r"[.;:!?]\s", premise[: amount.start])[-1]
        if (held := _EACH_BEFORE.search(sentence)) is not None:
            # "Each turbine has a rated capacity of 8 MW" and "60 turbines" elsewhere: 480 MW in all
            noun = held["noun"].lower()
            for many in re.finditer(rf"\b{_COUNT}\s+(?:[a-z-]+\s+)?{re.escape(noun)}s\b", premise, re.I):
                times = count_of(many["count"])
                if times and times > 1 and math.isclose(times * amount.value, quantity.value, rel_tol=1e-9):
                    products.append(f"{many.group()} of {_written(premise, amount)} each is {said}")
    if measure.startswith("count of "):
        for held in _EACH_HOLDS.finditer(premise):
            things, per = held["things"].lower(), count_of(held["count"])
            if not per or things.rstrip("s") != measure.removeprefix("count of "):
                continue
            noun = held["noun"].lower()
            for many in re.finditer(rf"\b{_COUNT}\s+(?:[a-z-]+\s+)?{re.escape(noun)}s\b", premise, re.I):
                times = count_of(many["count"])
                if times and times > 1 and times * per == quantity.value:
                    products.append(f"{many.group()} of {per} {things} each is {said} {things}")
    return products


_GROUP = (
    rf"(?:{_NUMBER_WORDS}|\d{{1,4}}|a\s+pair\s+of|an?|the|one)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){{0,2}}?"
    r"(?:\s+(?:born|aged|from|in|at|with|who|each)\s+[^,;.]*?)?"
)
_LIST_OF_GROUPS = re.compile(
    rf"\b{_GROUP}(?:\s*,\s*{_GROUP})*\s*,?\s+and\s+{_GROUP}(?=\s*[,.;:]|\s*$|\s+(?:in|at|on|who|that|and|to)\b)"
)
_ONE_GROUP = re.compile(
    rf"(?:(?P<count>{_NUMBER_WORDS}|\d{{1,4}})|(?P<pair>a\s+pair\s+of)|(?P<one>an?|the|one))\s+"
    r"(?P<words>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}?)(?:\s+(?:born|aged|from|in|at|with|who|each)\s+.*)?"
)


def _groups_counted(claim: str, premise: str) -> list[str]:
    """A count of a kind as the sum of the groups the premise lists ("four children" / "two sons and two
    daughters"; "a panel of seven judges" / "the chief justice, three senior judges and three junior judges")."""
    sums = []
    for wanted in re.finditer(rf"\b{_COUNT}\s+(?:[a-z-]+\s+)?(?P<noun>[a-z]{{3,}})\b", claim, re.I):
        many, noun = count_of(wanted["count"]), wanted["noun"].lower()
        if not many or many < 2 or _LABEL_BEFORE.search(claim[: wanted.start()]):
            continue  # "Route 14 buses": a route's number, no count
        for listed in _listed_groups(premise):
            total = sum(count for count, _ in listed[1])
            kinds = {singular(kind) for _, kind in listed[1]}
            if total == many and singular(noun) not in kinds:
                said = ", ".join(f"{count} {kind}" for count, kind in listed[1])
                sums.append(f"{re.sub(r', (?=[^,]*$)', ' and ', said)} are {wanted.group()}")
    return sums


_CLOCK_HALVES = frozenset({"am", "pm", "a", "p"})
_LABEL_BEFORE = re.compile(
    r"\b(?:route|number|no|line|platform|gate|flight|bus|room|table|page|chapter|level|floor|junction|exit|ward"
    r"|block|bay|track|stand|unit|lot)\.?\s*$",
    re.I,
)
"""Words after which a number names a thing ("Route 14 buses", "Platform 3"), not how many there are."""


@functools.lru_cache(maxsize=256)
def _listed_groups(premise: str) -> tuple[tuple[str, tuple[tuple[int, str], ...]], ...]:
    """Each list of counted groups the premise gives ("two sons and two daughters"), with each group's count and
    kind."""
    found = []
    for listed in _LIST_OF_GROUPS.finditer(premise):
        items = []
        for piece in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", listed.group()):
            item = _ONE_GROUP.fullmatch(piece)
            count = None if item is None else 2 if item["pair"] else 1 if item["one"] else count_of(item["count"])
            if item is None or not count or item["words"].split()[0].lower() in _CLOCK_HALVES:
                break  # "between 7 am and 7 pm" counts no groups
            items.append((count, item["words"].split()[-1]))
        else:
            if len(items) >= 2 and any(count > 1 for count, _ in items):  # "a spike ... and the states" counts nothing
                found.append((listed.group(), tuple(items)))
    return tuple(found)


@functools.lru_cache(maxsize=1024)
def summed(claim: str, premise: str) -> tuple[Quantity, ...]:
    """The claim's amounts that two of the premise's amounts add up to, or differ by ("opened 12 new stores
    in the first half ... another 9 stores": 21 new stores): what no rule may read as another value (cached: the
    rules ask once per evidence clause)."""
    stated = parse_quantities(premise)
    read = read_whole(claim, premise)
    shown = read.figures if read is not None and read.holds else ""  # "16 g per 100 times 25 is 4 g a serving"
    return tuple(
        q
        for q in parse_quantities(claim)
        if not any(_equal(q, s) for s in stated)
        and (
            q.text in shown
            or _amount_sums(claim, q, premise, stated)
            or _amounts_a_day(claim, q, premise, stated)
            or _products(claim, q, premise, stated)
            or _discounted(claim, q, premise, stated)
            or _combined(claim, q, premise)
            or _clock_spans(claim, q, stated)
        )
    )


_OFF = re.compile(r"^\s*(?:off|discount)\b|^\s+(?:[a-z]+\s+){0,3}?(?:off|discount)\b", re.I)
_DISCOUNT_BEFORE = re.compile(r"\b(?:discount|reduction|markdown)\s+of\s+$", re.I)


def _discounted(claim: str, quantity: Quantity, premise: str, stated: list[Quantity]) -> list[str]:
    """A price after a discount the premise gives as a share ("a list price of $180", "25% off their list price":
    $135)."""
    measure = _measure(claim, quantity)
    if measure is None or measure.startswith("count of "):
        return []
    shares = [
        s
        for s in stated
        if s.dimension == "ratio"
        and s.bound is None
        and 0 < s.value < 1
        and (_OFF.match(premise[s.end :]) or _DISCOUNT_BEFORE.search(premise[max(0, s.start - 20) : s.start]))
    ]
    prices = [s for s in stated if s.kind == QuantityKind.NUMBER and not s.bound and _measure(premise, s) == measure]
    tolerance = 0.01 if quantity.approximate else 1e-9
    return [
        f"{_written(premise, price)} less {share.text} is {_written(claim, quantity)}"
        for share in shares
        for price in prices
        if math.isclose(price.value * (1 - share.value), quantity.value, rel_tol=tolerance)
    ]


def _shares_computed(claim: str, quantity: Quantity, premise: str, stated: list[Quantity]) -> list[str]:
    """A share in percent as one of the premise's amounts of another of its kind: "kept 70 percent of its entering
    class" against "Of the 1,200 students who started ..., 840 returned"; "7.5% of the operating budget" against "$80
    million" and "$6 million"."""
    if quantity.dimension != "ratio" or quantity.bound is not None or said_as_change(claim, quantity):
        return []
    plain = [s for s in stated if s.kind == QuantityKind.NUMBER and s.bound is None and s.dimension is None and s.value]
    tolerance = 1.0 if quantity.approximate else 0.05
    shares = []
    for part, whole in permutations(plain, 2):
        if part.value >= whole.value or _a_year_said(part) or _a_year_said(whole):
            continue
        kind = _measure(premise, part), _measure(premise, whole)
        counts = currency_of(premise, part) is None and currency_of(premise, whole) is None
        of_the_whole = re.search(rf"\bof\s+(?:the\s+|its\s+|their\s+|that\s+)?{re.escape(whole.text)}\b", premise, re.I)
        if kind[0] is None or kind[0] != kind[1]:
            if not (counts and of_the_whole):  # "Of the 1,200 students who started ..., 840 returned"
                continue
        share = part.value / whole.value * 100
        if abs(share - quantity.value * 100) <= tolerance:
            shares.append(f"{_written(premise, part)} of {_written(premise, whole)} is {share:.3g}%")
    return shares


def _share_of_an_amount(claim: str, quantity: Quantity, premise: str, stated: list[Quantity]) -> list[str]:
    """An amount as a share of one of the premise's amounts of its currency, or as what is left of it: "put down $225
    ..., with the remaining $675" against "a deposit equal to 25% of the total stay" and "totals $900"."""
    currency = currency_of(claim, quantity)
    if currency is None or quantity.bound is not None:
        return []
    shares = [s for s in stated if s.dimension == "ratio" and s.bound is None and 0 < s.value < 1]
    amounts = [
        s for s in stated if s.bound is None and currency_of(premise, s) and currency_of(premise, s)[0] == currency[0]
    ]
    found = []
    for share in shares:
        for amount in amounts:
            for part, way in ((share.value, "is"), (1 - share.value, "leaves")):
                if math.isclose(amount.value * part, quantity.value, rel_tol=0.005):
                    found.append(f"{share.text} of {_written(premise, amount)} {way} {_written(claim, quantity)}")
    return found


def _a_year_said(quantity: Quantity) -> bool:
    """A year, not an amount: "2022" in "started in autumn 2022" is no whole a share is of."""
    return quantity.kind == QuantityKind.YEAR or bool(re.fullmatch(r"(?:18|19|20)\d\d", quantity.text))


_FROM_TO = re.compile(r"\bfrom\s+(?:about\s+|around\s+|roughly\s+)?$")
_FALLING = re.compile(
    r"\b(?:fell|decreased|declined|dropped|slipped|lost|cut|reduced|lowered|shrank|down|drop|fall|decline|reduction)\b"
    r"[^.;]*$",
    re.I,
)


def _relative_changes(claim: str, quantity: Quantity, premise: str, stated: list[Quantity]) -> list[str]:
    """A change in percent between two of the premise's figures ("rose from 58% ... to 64%"): "a relative gain of
    roughly 10%" is 58% to 64%, a rise of 10.3%."""
    if quantity.dimension != "ratio" or not said_as_change(claim, quantity):
        return []
    changes = []
    for n, first in enumerate(stated):
        if first.kind != QuantityKind.NUMBER or not first.value or not _FROM_TO.search(premise[: first.start][-20:]):
            continue
        last = next((q for q in stated[n + 1 :] if q.kind == first.kind and q.dimension == first.dimension), None)
        if last is None or re.search(r"[.;]\s", premise[first.end : last.start]):
            continue
        change = (last.value - first.value) / first.value * 100
        hedged = quantity.approximate or quantity.bound is not None
        falls = bool(_FALLING.search(claim[: quantity.start][-40:]))
        if (change < 0) == falls and abs(abs(change) - quantity.value * 100) <= (2.0 if hedged else 0.5):
            way = "rise" if change > 0 else "fall"
            changes.append(f"{_written(premise, first)} to {_written(premise, last)} is a {way} of {abs(change):.1f}%")
    return changes


def _lead_words(text: str, quantity: Quantity) -> set[str]:
    """The words just before an amount, read by their first five letters."""
    before = re.split(r"[.;:!?]", text[max(0, quantity.start - 40) : quantity.start])[-1]
    return {w.lower()[:5] for w in re.findall(r"[A-Za-z]{3,}", before)} - _SMALL


_SMALL = frozenset({"the", "and", "another", "other", "its", "their", "his", "her", "with", "for", "from", "some"})
_COUNT_MODIFIERS = frozenset({"new", "more", "other", "additional", "extra", "further", "of", "the", "its", "their"})
_COUNTED_WORD = re.compile(r"\s*([A-Za-z-]+)")


def _counted(text: str, quantity: Quantity) -> str | None:
    """What a bare count counts: the first noun after it past words that only qualify it ("12 new stores",
    "another 9 stores": "store")."""
    at = quantity.end
    for _ in range(3):
        match = _COUNTED_WORD.match(text, at)
        if match is None:
            return None
        word = match[1].lower()
        if word not in _COUNT_MODIFIERS:
            return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word
        at = match.end()
    return None


_ELIDED = re.compile(r"\b(?P<count>\d[\d,]*)\s+(?:[a-z-]+\s+)?[a-z]{3,}s\b[^.;:]*?\band\s+$")


def _elided(text: str, quantity: Quantity) -> str | None:
    """The noun a count leaves out after "and", given by the count before it: "scored 21 league goals in her first
    season ... and 26 in her second" (26 goals)."""
    earlier = _elided_after(text, quantity)
    return _counted(text, earlier) if earlier is not None else None


def _elided_after(text: str, quantity: Quantity) -> Quantity | None:
    """The count whose noun a count after "and" leaves out."""
    if not re.match(r"\s+(?:in|for|at|on|during|over)\b", text[quantity.end :]):
        return None
    before = text[: quantity.start]
    found = _ELIDED.search(before, max(0, len(before) - 120))
    return next((q for q in parse_quantities(before) if found and q.start == found.start("count")), None)


def _elided_from(text: str, quantity: Quantity, earlier: Quantity) -> bool:
    return (found := _elided_after(text, quantity)) is not None and found.start == earlier.start


def _measure(text: str, quantity: Quantity) -> str | None:
    if quantity.kind != QuantityKind.NUMBER or quantity.bound is not None:
        return None
    currency = currency_of(text, quantity)
    if currency:
        return currency[0]
    if quantity.dimension is None and quantity.value == int(quantity.value) and 1 < quantity.value < 10**7:
        if _LABEL_BEFORE.search(text[max(0, quantity.start - 12) : quantity.start]):
            return None  # "Route 14 buses": a name, no count of buses
        counted = _elided(text, quantity) or _counted(text, quantity)
        return f"count of {counted}" if counted else None
    if quantity.dimension in (None, TIME_OF_DAY, SCORE) or quantity.dimension.endswith(SCORE_LINE):
        return None
    return quantity.dimension


def _written(text: str, quantity: Quantity) -> str:
    """The amount as the text writes it, with its currency sign ("$40", not "40")."""
    currency = currency_of(text, quantity)
    return f"{currency[1]}{quantity.text}" if currency and currency[1] in "$€£¥" else quantity.text


def _year_spans(claim: str, quantity: Quantity, stated: list[Quantity]) -> list[str]:
    """A count of years, or an age ("was 30 when", "aged 30"), as the span between two of the premise's years
    ("born in 1960", "published in 1990")."""
    if quantity.kind != QuantityKind.NUMBER or quantity.dimension is not None or not 0 < quantity.value <= 1000:
        return []
    before, after = claim[max(0, quantity.start - 12) : quantity.start], claim[quantity.end : quantity.end + 12]
    if not (
        _YEARS_AFTER.match(after)
        or re.search(r"\byears?$", quantity.text, re.I)  # "three years after she joined"
        or _YEARS_BEFORE.search(before)
        or (_AGE_WHEN.search(before) and after.lstrip().startswith("when"))
    ):
        return []
    years = sorted(
        {int(s.value) for s in stated if s.kind == QuantityKind.YEAR}
        | {s.day.year for s in stated if s.kind == QuantityKind.DATE and s.day is not None}
    )
    span = quantity.text.lower() if re.search(r"\byears?$", quantity.text, re.I) else f"{quantity.text} years"
    if quantity.bound is not None:
        # "more than ten years after" against the premise's only two years: 1419 is 17 years after 1402
        if len(years) != 2 or not _YEARS_AFTER.match(after) and not re.search(r"\byears?$", quantity.text, re.I):
            return []
        gap = years[1] - years[0]
        inside = gap > quantity.value if quantity.bound == Bound.AT_LEAST else gap < quantity.value
        said = claim[qualified_start(claim, quantity) : quantity.end]
        return [f"{years[1]} is {gap} years after {years[0]}, {said}"] if inside else []
    return [
        f"{later} is {span} after {earlier}"
        for earlier in years
        for later in years
        if later - earlier == quantity.value
    ]
