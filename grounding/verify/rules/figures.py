"""A claim that says what its evidence says, but at another value: the `quantities` rule.

As with a negation (`negation.py`), every word of such a claim matches its evidence but one, and a small
cross-encoder reads it as entailed. The rule compares the claim with the evidence sentences that state
the same thing in nearly the same words (most of the claim's content words, near one another:
`reading.py`), and looks for the same measured thing with another number, unit-aware ("20 mg" vs "40 mg";
"about 25 million" still matches "25.7 million"; "100 degrees Celsius" is not "100 degrees Fahrenheit"),
or the claim's number in another unit of the same measure, whatever the wording ("4 mg" vs "4 g").
Numbers are parsed by `grounding/text/quantities.py`.

It finds a contradiction only where the evidence states the other version outright; a claim the evidence
merely does not mention is left to the model.
"""

from __future__ import annotations

import calendar
import functools
import math
import re

from grounding.text.lexicon import (
    CLAIM_OPENERS,
    CURRENCIES,
    DAYS_OF_THE_WEEK,
    STOPWORDS,
    count_of,
    currency_of,
    days_named,
)
from grounding.text.names import of_another_name
from grounding.text.quantities import (
    MONTHS,
    TIME_OF_DAY,
    Quantity,
    QuantityKind,
    as_dated,
    day_and_month,
    day_inside_a_span,
    month_beside,
    month_years,
    parse_quantities,
    quarters,
    said_as_change,
    same_quantity,
    unit_factor,
    years_in,
    years_of_sentences,
)
from grounding.types import Correction, RuleFinding
from grounding.verify.arithmetic import summed
from grounding.verify.rules.acts import act_said, other_act_date
from grounding.verify.rules.allotments import (
    given_to_a_sibling,
    owned_by_another,
    placed_at_a_siblings_place,
    valued_as_a_sibling,
)
from grounding.verify.rules.base import CLAUSE_BREAK, contradiction, quote
from grounding.verify.rules.counts import other_count
from grounding.verify.rules.exchanged import exchanged
from grounding.verify.rules.places import other_place
from grounding.verify.rules.reading import (
    _TOKEN,
    MIN_OVERLAP,
    _content,
    _matching,
    _other_days,
    _said_for_other_days,
    _Sentence,
    _sentences,
    _stem,
    _stems,
    _under_a_heading,
    _words,
)
from grounding.verify.rules.spans import other_clock_span, other_end_of_a_span, other_span, other_tenure


def _own_part(claim: str, quantity: Quantity) -> str:
    """The claim up to the "and" that joins a second thing to the quantity's ("The Corvane Z8 comes with 32 GB of
    RAM and a 14-inch display"): a sentence that gives one of the two says the quantity's part."""
    joined = re.search(r"\s+and\s+(?:a|an|the|its|their)\b", claim[quantity.end :])
    return claim[: quantity.end + joined.start()] if joined else claim


def _own_clause(claim: str, quantity: Quantity) -> str:
    """The clause of the claim that holds the quantity ("Orvane's planned Redgrove plant, due to open in 2028, is
    expected to bring 800 jobs"): a summary fuses what the evidence says in several sentences, and one of them may
    give this clause's figure alone ("The plant is expected to create 1,800 jobs")."""
    start = max((m.end() for m in CLAUSE_BREAK.finditer(claim[: quantity.start])), default=0)
    end = next((m.start() for m in CLAUSE_BREAK.finditer(claim, quantity.end)), len(claim))
    return claim[start:end]


_PLANNED = re.compile(
    r"\b(?:originally|initially|first)\s+(?:\w+\s+){0,2}?(?:set|scheduled|planned|due|fixed)\s+(?:for|on|to)\b", re.I
)
_MOVED = re.compile(
    r"\b(?:postpone[ds]?|postponing|delay(?:ed|s)?|reschedul\w*|pushed\s+back|brought\s+forward)\b", re.I
)
"""A figure the evidence gives a plan that another sentence moved is no other value of what happened."""

_ASIDE = re.compile(r",\s+(?:which|who|whose|where)\b[^,]{3,80},")
"""A clause set off by commas that says something more of what precedes it: the claim says its figure without it."""


class QuantityRule:
    name = "quantities"

    def check(self, claim: str, evidence: str) -> list[RuleFinding]:
        others = (other_place, other_span, other_tenure, other_clock_span, other_count, other_act_date, exchanged)
        for other in (
            *others,
            given_to_a_sibling,
            placed_at_a_siblings_place,
            owned_by_another,
            other_end_of_a_span,
            valued_as_a_sibling,
        ):
            if found := other(claim, evidence):
                return [contradiction(self.name, *found)]
        claimed = parse_quantities(claim)
        if not claimed:
            return []
        words = _words(claim)
        numbers = frozenset(w for q in claimed for w in _words(_figure(q)))
        said = [
            q
            for q in claimed
            if _said_elsewhere(claim, q, evidence)
            or _said_with_its_act(claim, q, evidence)
            or _year_said_as_the_claim_says_it(claim, q, evidence)
        ]
        said += summed(claim, evidence)
        slip = self._other_unit(claimed, evidence)
        if slip:
            return [slip]
        months = list(month_years(claim))
        numbers |= {w for start, end, _ in months for w in _words(claim[start:end])}
        if counted := self._counted_year(claimed, words, numbers, evidence) or _counted_on(claimed, words, evidence):
            return [counted]
        if day := self._other_day(claim, claimed, evidence):
            return [day]
        # the claim whole, without an aside ("Lake Orvanne, which drains into the Tarn River, covers 31 km²") and
        # each quantity's own part ("comes with 32 GB of RAM and a 14-inch display": the RAM's sentence)
        readings = dict.fromkeys([claim, _ASIDE.sub("", claim), *(_own_part(claim, q) for q in claimed)])
        readings.update(dict.fromkeys(c for q in claimed if len(_content(_words(c := _own_clause(claim, q)))) >= 4))
        matched = [s for reading in readings for s in _matching(_words(reading), evidence, numbers, overlap=0.6)]
        matched += _under_a_heading(claim, evidence, numbers)
        for sentence in dict.fromkeys(matched):
            if _other_days(claim, sentence.text) or _of_a_sibling(claim, sentence.text):
                continue  # "leaves at 5:10 on Sundays" / "on weekdays ... at 6:40": another timetable
            if _PLANNED.search(sentence.text) and _MOVED.search(evidence) and not _PLANNED.search(claim):
                continue  # "was originally set for 14 June" and "forced officials to postpone the ceremony": a plan
            stated = parse_quantities(sentence.text)
            month = self._other_month(claim, months, sentence.text, stated, evidence)
            month = month or _other_quarter(claim, sentence.text)
            if month:
                return [month]
            for quantity in claimed:
                if _PER.search(claim[: quantity.start]):
                    continue  # "twice an hour" is a rate, read by `antonyms` against "every 30 minutes"
                found = self._other_currency(claim, quantity, sentence.text, stated)
                if not found and quantity not in said and not _stated_closer(claim, quantity, sentence, matched):
                    found = self._other_value(claim, quantity, sentence.text, stated, claimed)
                if found:
                    return [found]
        led = (_led_to_another(claim, q, evidence) for q in claimed if _dated(claim, q))
        return [found] if (found := next((f for f in led if f), None)) else []

    def _other_currency(
        self, claim: str, quantity: Quantity, sentence: str, stated: list[Quantity]
    ) -> RuleFinding | None:
        """The same amount in another currency ("3 million euros" / "3 million dollars")."""
        paid = currency_of(claim, quantity)
        for q in stated if paid else []:
            other = currency_of(sentence, q)
            if other and other[0] != paid[0] and q.kind == quantity.kind and same_quantity(quantity, q):
                detail = f"The evidence gives the amount in {other[1]!r}, not {paid[1]!r}: {quote(sentence)}"
                return contradiction(self.name, detail, sentence, Correction(wrong=paid[1], right=other[1]))
        return None

    def _counted_year(
        self, claimed: list[Quantity], words: list[str], numbers: frozenset[str], evidence: str
    ) -> RuleFinding | None:
        """A year against a sentence that gives none but counts from the one before ("joined in 2004. Three
        years later she was appointed director" puts the appointment in 2007): the two sentences together say
        what the claim says, and the counting one says the claim's own words (two of them at least)."""
        mine = [q for q in claimed if q.kind == QuantityKind.YEAR]
        sentences = _sentences(evidence)
        if not mine or len(sentences) < 2:
            return None
        stated = [years_in(s.text) for s in sentences]
        counted = [
            (n, next(iter(years)))
            for n, years in enumerate(years_of_sentences([s.text for s in sentences]))
            if n and len(years) == 1 and not stated[n] and not any(int(q.value) in years for q in mine)
        ]
        wanted = _stems(_content(words, numbers))
        if not counted or any(
            wanted <= s.stems and said & {int(q.value) for q in mine} for s, said in zip(sentences, stated, strict=True)
        ):
            return None  # a sentence says it all in its year: "He won it in 2014. He had won it a year earlier"
        for n, year in counted:
            sentence = sentences[n]
            together = sentence.stems | sentences[n - 1].stems
            if len(wanted & sentence.stems) < 2 or len(wanted & together) < MIN_OVERLAP * len(wanted):
                continue
            detail = f"The evidence counts to {year}, not {mine[0].text!r}: {quote(sentence.text)}"
            return contradiction(self.name, detail, sentence.text, Correction(wrong=mine[0].text, right=str(year)))
        return None

    def _other_month(
        self, claim: str, months: list[tuple[int, int, int]], sentence: str, stated: list[Quantity], evidence: str
    ) -> RuleFinding | None:
        """A month of a year against the sentence's dates and months of that year, none in the claim's month
        ("listed in March 2015" / "began trading on 12 May 2015"): the year alone agrees. Where another sentence
        gives a day of the claim's month ("reached shops in April 2024" / "announced on 4 March 2024. The router went
        on sale on 18 April 2024"), the model reads which act it is (`acts.py` reads the act the claim names)."""
        dated = {(q.day.year, q.day.month) for q in parse_quantities(evidence) if q.day is not None}
        for start, end, year in months:
            mine = claim[start:end]
            if (year, _month(mine)) in dated:
                continue
            if _BOUNDING & set(_words(claim[max(0, start - 12) : start])[-1:]):
                continue  # "from March through June 2023": June is the span's edge, not the day of an act
            event = _event_at(claim, start)
            theirs = [
                (q.text, q.day.month)
                for q in stated
                if q.day is not None and q.day.year == year and _same_event(_event_of(sentence, q), event, q)
            ]
            theirs += [(sentence[a:b], _month(sentence[a:b])) for a, b, said in month_years(sentence) if said == year]
            if theirs and all(month != _month(mine) for _, month in theirs):
                right = f"{calendar.month_name[theirs[0][1]]} {year}"
                correction = Correction(wrong=mine, right=right) if len(theirs) == 1 else None
                detail = f"The evidence gives {theirs[0][0]!r}, not {mine!r}: {quote(sentence)}"
                return contradiction(self.name, detail, sentence, correction)
        return None

    def _other_day(self, claim: str, claimed: list[Quantity], evidence: str) -> RuleFinding | None:
        """A day of a month said without its year, against another day a sentence gives for the same act, said with
        the claim's own words before it ("take effect on 1 March" / "The new fees will take effect on 1 April";
        "close on 15 June" / "opens on 15 May and closes on 31 May"): the day's number alone may agree."""
        for quantity in claimed:
            mine = day_and_month(claim, quantity) if quantity.kind == QuantityKind.NUMBER else None
            lead = _act_before(claim, quantity) if mine is not None else None
            if lead is None or any(day == mine and _same_act(act, lead) for _, _, day, act in _dated_acts(evidence)):
                continue  # a sentence gives the claim's day after its own words: the model reads which day holds
            own = {day_and_month(claim, q) for q in claimed if q is not quantity}
            about = _stems(_content(_words(claim))) - lead[1] - {str(mine[1])} - set(MONTHS)
            for sentence, q, day, act in _dated_acts(evidence):
                if (
                    day in (mine, *own)
                    or not _same_act(act, lead)
                    or not about & sentence.stems
                    or _other_days(claim, sentence.text)
                    or day_inside_a_span(claim, quantity, sentence.text)
                ):
                    continue
                wrong, right = as_dated(claim, quantity), as_dated(sentence.text, q)
                detail = f"The evidence gives {right!r}, not {wrong!r}: {quote(sentence.text)}"
                return contradiction(self.name, detail, sentence.text, Correction(wrong=wrong, right=right))
        return None

    def _other_unit(self, claimed: list[Quantity], evidence: str) -> RuleFinding | None:
        """The claim's number in another unit of the same measure ("4 mg" / "4 g", "5 km" / "5 miles"), and
        the claim's amount nowhere: a slip of the unit, which no wording of the same thing explains, so the
        sentence need not share the claim's words ("The maximum daily dose is 4 mg" / "Adults should not
        take more than 4 g in 24 hours")."""
        measured = [q for q in claimed if q.dimension is not None and q.unit is not None]
        if not measured:
            return None
        sentences = [(s.text, parse_quantities(s.text)) for s in _sentences(evidence)]
        for quantity in measured:
            # the amount itself, a bound aside: "up to 40 g" is no amount "10 mg" says, though 10 mg is below it
            amount = quantity.model_copy(update={"bound": None, "approximate": False})
            if any(
                same_quantity(amount, q.model_copy(update={"bound": None}))
                for _, stated in sentences
                for q in stated
                if q.kind == quantity.kind
            ):
                continue
            slip = next(((text, q) for text, stated in sentences for q in stated if _slipped(quantity, q)), None)
            if slip:
                sentence, q = slip
                detail = f"The evidence gives {q.text!r}, not {quantity.text!r}: {quote(sentence)}"
                return contradiction(self.name, detail, sentence, Correction(wrong=quantity.text, right=q.text))
        return None

    def _other_value(
        self, claim: str, quantity: Quantity, sentence: str, stated: list[Quantity], claimed: list[Quantity]
    ) -> RuleFinding | None:
        """The same measure with another value ("20 mg" / "40 mg"), none of the sentence's values the claim's; a
        year against a day of another year ("born in 1913" / "Born on 14 March 1931"). A value the claim itself
        gives elsewhere is its own, not another ("the 28-year-old ... on may 30" against "... on may 30")."""
        measure = _measure(claim, quantity)
        thing = _thing_of(claim, quantity)
        stated = [q for q in stated if not _someone_elses(claim, sentence[: q.start])]
        if thing and any(_thing_of(sentence, q) == thing for q in stated if q.kind == quantity.kind):
            # "4 GB of RAM" against "512 MB of RAM and 4 GB of flash storage": the RAM's value, not the flash's
            stated = [q for q in stated if q.kind != quantity.kind or _thing_of(sentence, q) == thing]
        days = [q for q in stated if q.kind == QuantityKind.DATE]
        if quantity.kind == QuantityKind.YEAR and any(int(q.value) == int(quantity.value) for q in days):
            return None
        if day_inside_a_span(claim, quantity, sentence):
            return None  # "on December 31" / "closed from December 24 through January 1"
        # a year against the one day a sentence gives and no year besides ("born in 1913" / "Born on 14 March
        # 1931"); not a decade ("the early 1970's"), nor a span of days ("(January 8, 1935 - August 16, 1977)")
        year = (
            quantity.kind == QuantityKind.YEAR
            and len(days) == 1
            and not any(q.kind == QuantityKind.YEAR for q in stated)
            and not re.match(r"'?s\b", claim[quantity.end :])
        )
        alike = [
            q
            for q in stated
            if (q.kind == quantity.kind and _measure(sentence, q) == measure or year and q.kind == QuantityKind.DATE)
            and not _said_for_other_days(claim, _words(sentence[q.end :]), -1)
            and _same_event(_event_of(sentence, q), _event_of(claim, quantity), q)
            and not any(same_quantity(q, own) for own in claimed if own is not quantity)
        ]
        mine = _measured_from(claim, quantity)
        alike = [q for q in alike if not mine or _measured_from(sentence, q) in (None, mine)]
        change = said_as_change(claim, quantity)
        alike = [q for q in alike if said_as_change(sentence, q) == change]  # "a gain of 10%" is no level "from 58%"
        if not alike or any(same_quantity(quantity, q) for q in stated if q.kind == quantity.kind):
            return None
        if any(q.bound is not None and same_quantity(quantity, q) is None for q in alike):
            return None  # the evidence's bound leaves the claim's value open: "5,800" / "more than 5,000"
        if quantity.kind == QuantityKind.YEAR and int(quantity.value) in _years_counted(sentence, stated, claim):
            return None  # "failed a test in 2009" / "failed a test two years before ... in 2011"
        correction = Correction(wrong=quantity.text, right=alike[0].text) if len(alike) == 1 else None
        detail = f"The evidence gives {alike[0].text!r}, not {quantity.text!r}: {quote(sentence)}"
        return contradiction(self.name, detail, sentence, correction)


_EVENTS = {
    **dict.fromkeys("open opens opened opening start starts started starting begin begins began".split(), "start"),
    **dict.fromkeys("signed founded".split(), "start"),
    **dict.fromkeys("close closes closed closing end ends ended ending finish finishes finished".split(), "end"),
    **dict.fromkeys("shut shuts shutting complete completes completed completing".split(), "end"),
    **dict.fromkeys("announce announces announced announcing".split(), "announcement"),
    **dict.fromkeys("leave leaves left leaving depart departs departed departing".split(), "departure"),
    **dict.fromkeys("arrive arrives arrived arriving".split(), "arrival"),
}
"""What happens at a time of day or on a date: a library that "opens at 10 a.m." and "closes at 1 p.m." states two
times, a road that "opened on January 9, 2024" says nothing of the month it "shut down in", and a merger
"announced in January 2022" nothing of the year it was completed."""


_FROM_A_PLACE = re.compile(
    r"\s+(?:[a-z]+\s+){0,2}?(?:due\s+|directly\s+)?(?:north|south|east|west)(?:-?(?:east|west))?(?:wards?)?\s+of\s+"
    r"(?:the\s+)?(?:[a-z]+\s+of\s+)?(?P<place>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)"
)


def _measured_from(text: str, quantity: Quantity) -> tuple[str, str] | None:
    """The places a distance on a bearing is measured between ("Tarnwick is about 44 kilometres north of Lindmouth":
    Tarnwick, Lindmouth), or None: "Tarnwick lies 14 kilometres due north of Castelbrae" and "Castelbrae is 30
    kilometres due north of Lindmouth" are two other legs, not other values of the claim's."""
    found = _FROM_A_PLACE.match(text, quantity.end)
    if not found:
        return None
    subject = _PLACE_BEFORE.search(re.split(r"[.;,]", text[: quantity.start])[-1])
    return (subject["name"].lower() if subject else ""), found["place"].lower()


_PLACE_BEFORE = re.compile(r"(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)\s+(?:[a-z]+\s+){1,3}$")


_Act = tuple[str, frozenset[str]]
"""The small word before a day and the content words before that (`_act_before`)."""


def _act_before(text: str, quantity: Quantity) -> _Act | None:
    """The word just before a day and its month, and the last two content words before that, stemmed ("on", "take
    effect" of "fees take effect on 1 March"); None where a word makes the day a span's edge ("signed after August
    31")."""
    before, _ = month_beside(text, quantity)
    start = before.start() if before else quantity.start
    words = _words(text[max(0, start - 60) : start])[-5:]
    if not words or _BOUNDING & set(words[-2:]):
        return None
    content = _content(words[:-1])
    acts = [w for w in words[:-1] if w in content and w.isalpha() and w not in MONTHS][-2:]
    return words[-1], frozenset(_stems(acts))


def _same_act(one: _Act | None, other: _Act | None) -> bool:
    """Two days said after the same small word and a content word in common ("reopens to traffic on", "reopens on")."""
    return one is not None and other is not None and one[0] == other[0] and bool(one[1] & other[1])


_BOUNDING = frozenset({"after", "before", "until", "till", "by", "from", "since", "between", "through"})
"""Words that make a day the edge of a span, not the day something happens on."""


@functools.lru_cache(maxsize=64)
def _dated_acts(evidence: str) -> tuple[tuple[_Sentence, Quantity, tuple[int, int], _Act | None], ...]:
    """Each day and month the evidence gives, with its sentence and the act said before it (read once per evidence,
    not once per claim and day)."""
    return tuple(
        (sentence, q, day, _act_before(sentence.text, q))
        for sentence in _sentences(evidence)
        for q in parse_quantities(sentence.text)
        if (day := day_and_month(sentence.text, q)) is not None
    )


def _event_of(text: str, quantity: Quantity) -> str | None:
    """What happens at a time of day or on a date, by the nearest verb before it ("closes at 1 p.m.", "the end of
    August 2023"); None for no event or another measure."""
    if quantity.dimension == TIME_OF_DAY:
        return _event_at(text, quantity.start, reach=4)
    if quantity.kind == QuantityKind.NUMBER and not _dated(text, quantity):
        return None
    month, _ = month_beside(text, quantity)
    return _event_at(text, month.start() if month else quantity.start)


def _event_at(text: str, start: int, reach: int = 6) -> str | None:
    """What happens at what starts at `start`, by the nearest verb up to `reach` words before it ("shut down in late
    February 2024")."""
    before = _TOKEN.findall(text[:start])[-reach:]
    return next((_EVENTS[w.lower()] for w in reversed(before) if w.lower() in _EVENTS), None)


def _same_event(stated: str | None, claimed: str | None, quantity: Quantity) -> bool:
    """The evidence's value is of the claim's event: a time of day for the claim's event or none ("opens at 9")
    where the claim names one; a date wherever either names none."""
    if quantity.dimension == TIME_OF_DAY:
        return stated in (claimed, None)
    return stated is None or claimed is None or stated == claimed


def _other_quarter(claim: str, sentence: str) -> RuleFinding | None:
    """A quarter of a year against the sentence's quarters of that year, none the claim's ("in Q3 2024" /
    "Norvane Systems Q2 2024 results: revenue €412m")."""
    for start, end, quarter, year in quarters(claim):
        theirs = [(sentence[a:b], q) for a, b, q, y in quarters(sentence) if y == year]
        if theirs and all(q != quarter for _, q in theirs):
            mine = claim[start:end]
            correction = Correction(wrong=mine, right=theirs[0][0]) if len(theirs) == 1 else None
            detail = f"The evidence gives {theirs[0][0]!r}, not {mine!r}: {quote(sentence)}"
            return contradiction("quantities", detail, sentence, correction)
    return None


_PER = re.compile(
    r"\b(?:(?:once|twice|thrice|times)\s+(?:(?:an?|per|each|every)\s+)?"
    r"|(?:one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:[a-z]+\s+)?[a-z]+s\s+(?:(?:an?|per|each)\s+)?)$",
    re.I,
)
"""A count before a period makes a rate: "twice an hour", "two buses an hour" (every 30 minutes)."""


_COUNTED_YEARS = re.compile(r"\b(?P<count>\w+)\s+years?\s+(?P<way>before|after|earlier|later|previously)\b", re.I)


_LATER = re.compile(r"\b(?P<count>\w+)\s+years?\s+(?:later|afterwards|on)\b", re.I)


def _figure(quantity: Quantity) -> str:
    """The words that give a quantity's value, which say nothing of what a sentence is about: "5 mg", but of
    "a 6.1-inch screen" only "6.1" (the unit joined by its hyphen describes the thing, as "inch" a screen)."""
    number, hyphen, unit = quantity.text.partition("-")
    return number if hyphen and quantity.unit and unit.lower() == quantity.unit.lower() else quantity.text


def _counted_on(claimed: list[Quantity], words: list[str], evidence: str) -> RuleFinding | None:
    """The claim's year taken from the wrong part of a sentence that counts on from it: "He published his first
    novel in 1979, and won the Halvard Prize for it two years later" puts the prize in 1981, so "won the Halvard
    Prize in 1979" is contradicted. The clause that counts gives no year of its own and says more of the claim
    (two of its words at least) than the clause with the year does."""
    mine = {int(q.value) for q in claimed if q.kind == QuantityKind.YEAR}
    if not mine:
        return None
    wanted = _stems(_content(words))
    for sentence in _sentences(evidence):
        parts = [part for part in CLAUSE_BREAK.split(sentence.text) if part.strip()]
        for k, part in enumerate(parts[1:], start=1):
            later = _LATER.search(part)
            count = later and (1 if later["count"].lower() == "a" else count_of(later["count"].lower()))
            if not count or years_in(part):
                continue
            dated = next((p for p in reversed(parts[:k]) if years_in(p)), "")
            year = next(iter(years_in(dated)), None) if len(years_in(dated)) == 1 else None
            if year not in mine:
                continue
            counting, dating = wanted & _stems(_words(part)), wanted & _stems(_words(dated))
            if len(counting) >= 2 and len(counting) > len(dating):
                right = str(year + count)
                detail = f"The evidence counts {later.group()} from {year}, to {right}: {quote(sentence.text)}"
                return contradiction("quantities", detail, sentence.text, Correction(wrong=str(year), right=right))
    return None


_ANAPHOR = re.compile(
    r"\b(?:the|its|their)\s+(?:company|firm|business|band|group|team|club|school|college|university|museum|hospital"
    r"|church|newspaper|magazine|studio|label|works|factory|plant|society|party|charity|foundation|institute"
    r"|orchestra|theatre|theater|library|festival|shop|store|restaurant|hotel|brewery|mill|mine)\b",
    re.I,
)
"""A thing named again by what it is ("founded the company"): what the sentence named before."""


def _years_counted(sentence: str, stated: list[Quantity], claim: str = "") -> set[int]:
    """The years a sentence gives by counting from one it names: "two years before ... in 2011" gives 2009,
    "a year earlier" one year either way, "a decade" aside. Each count is read from every year of the sentence,
    either way: the sentence says which year it counts from in words no rule parses. The counted year is the
    other event's, on the side of the count without the year: "The canal opened to traffic in 1847, three years
    after work started" dates the start to 1844, not the opening, so a `claim` that says more of the side with
    the year than of the other gets no counted year from it ("after a profit a year earlier" counts on the side
    of its year)."""
    years = [int(q.value) for q in stated if q.kind == QuantityKind.YEAR]
    wanted = _stems(_content(_words(claim)))
    found = set()
    for match in _COUNTED_YEARS.finditer(sentence):
        count = 1 if match["count"].lower() == "a" else count_of(match["count"].lower())
        if not count:
            continue
        sides = [sentence[: match.start()], sentence[match.end() :]]
        dated = [side for side in sides if any(str(year) in side for year in years)]
        if wanted and len(dated) == 1 and match["way"].lower() in {"before", "after"}:
            other = sides[1] if dated[0] is sides[0] else sides[0]
            theirs = _stems(_words(other))
            if _ANAPHOR.search(other):  # "two years after Elias Brandt founded the company": the works named before
                theirs |= _stems(_words(" ".join(re.findall(r"\b[A-Z][\w'’-]+", dated[0]))))
            if len(wanted & theirs) < len(wanted & _stems(_words(dated[0]))):
                continue
        found |= {year + sign * count for year in years for sign in (-1, 1)}
    return found


def _month(said: str) -> int:
    """The month of "March 2015" or "Sept. 1939"."""
    return MONTHS[said.split()[0].lower().rstrip(".")]


def _slipped(claimed: Quantity, stated: Quantity) -> bool:
    """The same number in another unit of the same measure: 4 in "4 mg" and in "4 g"."""
    return (
        stated.dimension == claimed.dimension
        and stated.unit is not None
        and unit_factor(stated) != unit_factor(claimed)
        and math.isclose(stated.value / unit_factor(stated), claimed.value / unit_factor(claimed))
    )


_MONTH_NAMES = "|".join(month.title() for month in MONTHS)


def _dated(text: str, quantity: Quantity) -> bool:
    """A date, with its year or without ("on 2 June", "June 2"), not a count."""
    return quantity.kind == QuantityKind.DATE or any(month_beside(text, quantity))


def _lead(claim: str, start: int) -> list[str]:
    """The claim's words just before a figure, back to the nearest content word ("final dividend on", "Durst"), up to
    three: what a sentence that gives the same figure says right before it."""
    lead = re.findall(r"[\w£$€%]+", claim[:start])[-3:]
    content = next((k for k in range(len(lead) - 1, -1, -1) if lead[k].lower() not in STOPWORDS), None)
    return [] if content is None else lead[content:]


def _led_to_another(claim: str, quantity: Quantity, evidence: str) -> RuleFinding | None:
    """The claim's own words before its date lead to another date in the evidence, and nowhere to the claim's:
    "will pay out its final dividend on 2 June" against "will pay its final dividend on 30 June to shareholders on
    record as of 2 June" (the claim's date is the record date's)."""
    month, _ = month_beside(claim, quantity)
    lead = _lead(claim, month.start() if month else quantity.start)
    if len(lead) < 2:
        return None
    words = r"\W+".join(map(re.escape, lead))
    said = re.compile(rf"\b{words}\W+", re.I)
    led = [
        (sentence.text, q)
        for sentence in _sentences(evidence)
        for found in said.finditer(sentence.text)
        for q in parse_quantities(sentence.text)
        if _dated(sentence.text, q)
        and found.end() <= q.start
        and re.fullmatch(rf"(?:the\s+)?(?:(?:{_MONTH_NAMES})\s+)?", sentence.text[found.end() : q.start])
    ]
    day = day_and_month(claim, quantity)
    if not led or any(same_quantity(quantity, q) or day_and_month(s, q) == day for s, q in led):
        return None  # "April 9th" is the day of "April 9, 2011"
    sentence, other = led[0]
    after, theirs, mine = " ".join(lead), as_dated(sentence, other), as_dated(claim, quantity)
    detail = f"The evidence gives {theirs!r} after {after!r}, not {mine!r}: {quote(sentence)}"
    return contradiction("quantities", detail, sentence, Correction(wrong=mine, right=theirs))


def _said_elsewhere(claim: str, quantity: Quantity, evidence: str) -> bool:
    """The evidence also gives the claim's value after the claim's own words, back to the first content word
    ("Durst, 71", "viewed more than 1,000", "BMI of 25 to 29) had an 18 per cent", not "in 2011"): a summary
    often takes its figure from one sentence while another sentence gives a figure of its own."""
    lead = _lead(claim, quantity.start)
    if not lead:
        return False
    words = r"\W+".join(map(re.escape, lead))
    figure = r"\W+".join(map(re.escape, re.findall(r"[\w£$€%]+", quantity.text)))
    said = re.compile(rf"\b{words}\W+(?P<figure>{figure})", re.I)
    return any(
        (found := said.search(sentence.text))
        and not _of_a_sibling(claim, sentence.text)
        and not _other_days(claim, sentence.text)  # "every 10 minutes from Monday to Saturday": not on Sundays
        and not _someone_elses(claim, sentence.text[: found.start("figure")])
        and not (of_another_name(claim, sentence.text) and not _says_most_of(claim, sentence))
        for sentence in _sentences(evidence)
    )


_YEAR_PREPOSITION = re.compile(r"\b(?P<word>by|since|until|till|before|after)\s+$", re.I)


def _year_said_as_the_claim_says_it(claim: str, quantity: Quantity, evidence: str) -> bool:
    """A year the evidence gives after the claim's own preposition ("by 1930" / "By 1930 that area had doubled"):
    the claim's point in time is the evidence's, whatever year another sentence about the same thing gives."""
    if quantity.kind != QuantityKind.YEAR:
        return False
    before = _YEAR_PREPOSITION.search(claim[max(0, quantity.start - 8) : quantity.start])
    return bool(before) and bool(re.search(rf"\b{before['word']}\s+{quantity.text}\b", evidence, re.I))


def _stated_closer(claim: str, quantity: Quantity, sentence: _Sentence, matched: list[_Sentence]) -> bool:
    """Another sentence the claim matches better gives the claim's value and no other of its measure, for the same
    days and thing: the evidence states the claim's version ("The forecast called for about 10 mm of rain in Wexley"
    against "Thursday's forecast for Wexley predicted roughly 10 mm of rain" beside "Wexley received 31 mm")."""
    if quantity.bound is not None:
        return False  # "at least two hours" is no value a sentence gives, but a range "24 hours" falls in
    measure = _measure(claim, quantity)
    wanted = _stems(_content(_words(re.sub(r"\d[\d,.:]*", " ", claim))))  # the words, not the figures, say which
    days = days_named(claim) & days_named(sentence.text)
    for other in matched:
        if len(wanted & other.stems) <= len(wanted & sentence.stems):
            continue
        if _other_days(claim, other.text) or _of_a_sibling(claim, other.text) or days - days_named(other.text):
            continue  # "On Sundays, the first departure is at 09:40" says the claim's Sundays, "The 08:15" does not
        alike = [q for q in parse_quantities(other.text) if q.kind == quantity.kind]
        alike = [q for q in alike if _measure(other.text, q) == measure]
        if alike and all(same_quantity(quantity, q) for q in alike):
            return True
    return False


def _says_most_of(claim: str, sentence: _Sentence) -> bool:
    """The sentence says most of the claim's words, whatever it names: "Researchers from Texas A&M found that
    hospitalizations from car crashes dropped 7 percent" says what "Study found that hospitalizations ... dropped 7
    percent" does."""
    wanted = _stems(_content(_words(claim)))
    return len(wanted & sentence.stems) >= MIN_OVERLAP * len(wanted)


_CAPITALISED_MONTHS = frozenset(m.capitalize() for m in MONTHS)


def _clauses_keeping_dates(text: str) -> list[str]:
    """The sentence's clauses, a date's year kept with its day ("take effect on February 1, 2025")."""
    clauses: list[str] = []
    for part in CLAUSE_BREAK.split(text):
        if clauses and re.match(r"\d{4}\b", part):
            clauses[-1] = f"{clauses[-1]}, {part}"
        else:
            clauses.append(part)
    return clauses


def _said_with_its_act(claim: str, quantity: Quantity, evidence: str) -> bool:
    """A year or date the evidence gives in a clause with a word of the claim's own (read by its first five letters)
    that is not a name, in a sentence that names nothing the claim does not: "Tomas Reyval retired in 2024" against
    "He played six seasons ... before announcing his retirement in 2024", whatever year the sentence naming Reyval
    gives for his signing."""
    if quantity.kind == QuantityKind.NUMBER:
        return False
    own = re.sub(re.escape(quantity.text), " ", claim)
    acts = {w.lower()[:5] for w in re.findall(r"\b[a-z][a-z]{4,}\b", own)} - {w[:5] for w in STOPWORDS}
    names = set(re.findall(r"\b[A-Z][a-z]+", claim))
    for sentence in _sentences(evidence):
        if set(re.findall(r"(?<!^)\b[A-Z][a-z]+", sentence.text.strip())) - names - _CAPITALISED_MONTHS:
            continue  # "Her best-known bridge, the Orrin Span, opened in 1966" is another thing's year
        for clause in _clauses_keeping_dates(sentence.text):
            stated = parse_quantities(clause)
            words = {w.lower()[:5] for w in re.findall(r"\b[a-z][a-z]{4,}\b", clause)}
            if (acts & words or act_said(claim, clause)) and any(
                q.kind == quantity.kind and same_quantity(q, quantity) for q in stated
            ):
                return True
    return False


def _someone_elses(claim: str, before: str) -> bool:
    """The figure is what a name the claim does not give did: "a month after rival Pexa Systems announced 450
    job losses" is Pexa's figure, not Orlan Technologies'; "compound KX-9 reduced them by 67%" is KX-9's. A
    name and its verb right before the figure say so ("the neighbouring Lake Sessil covers 31 square kilometres"
    is Sessil's, though the claim's "Lake Orvanne" is a lake too; "Its Summit tier includes 8 GB" the tier's), as
    does a thing with "which" and its verb ("the reference sample, which boiled at 87 °C"); "512 MB of RAM and" or
    "in South Korea in" name no doer."""
    done = _DONE_BY.search(before) or _WHICH_DID.search(before)
    if not done:
        return False
    named = [w for w in done["name"].split() if w.lower() not in STOPWORDS | MONTHS.keys() | _WEEKDAY_NAMES]
    return bool(named) and not all(re.search(rf"\b{re.escape(n)}\b", claim, re.I) for n in named)


_DONE_BY = re.compile(
    r"(?P<name>\b[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})(?:\s+[a-z]{3,})?\s+(?:[a-z]+ed|[a-z]{2,}s)\b(?:\s+[a-z]+){0,2}\s*$"
)


_WHICH_DID = re.compile(
    r"\bthe\s+(?P<name>[a-z][\w-]*(?:\s+[a-z][\w-]*)?),\s+which\s+(?:[a-z]+ed|[a-z]{2,}s)\b(?:\s+[a-z]+){0,2}\s*$"
)
"""A thing the sentence compares with, and what it did: "about nine degrees lower than the reference sample, which
boiled at 87 °C" is the sample's figure, not the mixture's."""

_WEEKDAY_NAMES = frozenset(DAYS_OF_THE_WEEK)


_MODEL_NAME = re.compile(r"\b[A-Z][\w-]*(?:\s+(?:[A-Z][\w-]*|\d[\w.]*))*\s+(?:\d|[A-Z]{1,3}-?\d)[\w.]*")
"""A name that ends on a number, as products and models are named: "Tessel Home 200", "Aurix 16", "Corvane Z8"."""


_FOR_A_MODEL = re.compile(r"^\s*(?:To\s+(?:install|run|use|upgrade\s+to)|For|On|With|Under|Running)\s+", re.I)
"""A claim that opens on what it says something of ("To install Veltrix OS 4.2 you'll need ...")."""


def _of_a_sibling(claim: str, sentence: str) -> bool:
    """The sentence names a sibling of the model the claim opens on ("Tessel Home 300" of "Tessel Home 200")
    and not that model: what it says is said of the other one. Only a model the claim opens on, or names right after
    "To install", "For", "On", is its subject; a later one ("supports Wi-Fi 6") is what it says of it."""
    match = _MODEL_NAME.match(claim.lstrip()) or (_MODEL_NAME.search(claim) if _FOR_A_MODEL.match(claim) else None)
    words = [w for w in match.group().split() if w.lower() not in CLAIM_OPENERS] if match else []
    if len(words) < 2 or re.search(rf"\b{re.escape(' '.join(words))}\b", sentence):
        return False
    return any(m.group().split()[-len(words) :][:1] == words[:1] for m in _MODEL_NAME.finditer(sentence))


_OF_A_THING = re.compile(r"\s+of\s+(?:the\s+|its\s+)?(?P<thing>[A-Za-z][\w-]*)")


def _thing_of(text: str, quantity: Quantity) -> str | None:
    """What an amount is of, where it says: "ram" for "4 GB of RAM"."""
    match = _OF_A_THING.match(text, quantity.end)
    return match["thing"].lower() if match else None


_APPOSITION = re.compile(r"[A-Z][\w'’-]*\s*,\s*$")


_ADVERBS_AFTER = r"(?:only|each|too|also|alone|apiece|respectively)\b"
_WORD_AFTER = re.compile(rf"\s*-?\s*(?:{_ADVERBS_AFTER}\s*)*(?!{_ADVERBS_AFTER})([A-Za-z%]+)")
"""The word after a number that says what it counts, past an adverb: "5 only" counts nothing."""


def _measure(text: str, quantity: Quantity) -> str:
    """What a number counts: its unit, an age where commas set it after a name ("Ann Lee, 56,"), a currency
    named after it ("4.2 billion euros") or by its code before it where no word after says what it counts ("EUR
    4.3 billion in 2022"), else the word after it ("20 mg", "412,000 people", "28-year-old"), else its kind."""
    if quantity.dimension:
        return quantity.dimension
    if quantity.unit:
        return quantity.unit
    if quantity.kind == QuantityKind.DATE:
        return "date"  # "until 14 May 2025" / "close on Friday 14 March 2025": a day, whatever word follows
    if _APPOSITION.search(text[: quantity.start]) and re.match(r"\s*(?:,|$)", text[quantity.end :]):
        return "age"  # "Valerie Cadman-Khan, 56, appeared": set off by commas after a name
    after = _WORD_AFTER.match(text, quantity.end)
    word = after.group(1).lower() if after else ""
    if word in CURRENCIES:
        return CURRENCIES[word]
    currency = currency_of(text, quantity) if not word or word in STOPWORDS else None
    if currency and len(currency[1]) == 3 and currency[1].isupper():
        return currency[0]  # "EUR 4.3 billion in 2022" counts what "4.2 billion euros" does
    if not after:
        return quantity.kind.value
    if re.match(r"[\s-]old\b", text[after.end() :]):
        return "age"  # "47-year-old", "12 years old": an age, not a span of 12 years
    return _stem(word)  # "jobs" count what "job" and "positions" do
