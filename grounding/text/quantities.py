"""Numbers, dates and units in claims and graph literals, compared exactly.

A neural checker reads "328,170" and "about 330 thousand" as similar strings and "1879" and
"1897" as near-identical; comparing the values themselves is what catches numeric hallucinations.
"""

from __future__ import annotations

import functools
import re
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
}
WORD_NUMBERS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "dozen": 12,
    "twenty": 20,
    "hundred": 100,
}
# Conversion to a base unit per dimension; comparisons happen in base units.
UNITS: dict[str, tuple[str, float]] = {
    "square kilometres": ("area", 1.0),
    "square kilometers": ("area", 1.0),
    "km2": ("area", 1.0),
    "km²": ("area", 1.0),
    "sq km": ("area", 1.0),
    "square miles": ("area", 2.589988),
    "sq mi": ("area", 2.589988),
    "square mile": ("area", 2.589988),
    "square kilometre": ("area", 1.0),
    "square kilometer": ("area", 1.0),
    "hectares": ("area", 0.01),
    "hectare": ("area", 0.01),
    "square metres": ("area", 1e-6),
    "square meters": ("area", 1e-6),
    "square metre": ("area", 1e-6),
    "square meter": ("area", 1e-6),
    "sq m": ("area", 1e-6),
    "m²": ("area", 1e-6),
    "square feet": ("area", 9.290304e-8),
    "square foot": ("area", 9.290304e-8),
    "sq ft": ("area", 9.290304e-8),
    "ft²": ("area", 9.290304e-8),
    "kilometres": ("length", 1000.0),
    "kilometers": ("length", 1000.0),
    "km": ("length", 1000.0),
    "miles": ("length", 1609.344),
    "mi": ("length", 1609.344),
    "kilometre": ("length", 1000.0),
    "kilometer": ("length", 1000.0),
    "mile": ("length", 1609.344),
    "metres": ("length", 1.0),
    "meters": ("length", 1.0),
    "metre": ("length", 1.0),
    "meter": ("length", 1.0),
    "m": ("length", 1.0),
    "centimetres": ("length", 0.01),
    "centimeters": ("length", 0.01),
    "centimetre": ("length", 0.01),
    "centimeter": ("length", 0.01),
    "cm": ("length", 0.01),
    "millimetres": ("length", 0.001),
    "millimeters": ("length", 0.001),
    "millimetre": ("length", 0.001),
    "millimeter": ("length", 0.001),
    "mm": ("length", 0.001),
    "inches": ("length", 0.0254),
    "inch": ("length", 0.0254),
    "feet": ("length", 0.3048),
    "ft": ("length", 0.3048),
    "kilograms": ("mass", 1.0),
    "kilogram": ("mass", 1.0),
    "kg": ("mass", 1.0),
    "tonnes": ("mass", 1000.0),
    "pounds": ("mass", 0.453592),
    "lb": ("mass", 0.453592),
    "grams": ("mass", 0.001),
    "gram": ("mass", 0.001),
    "g": ("mass", 0.001),
    "milligrams": ("mass", 1e-6),
    "milligram": ("mass", 1e-6),
    "mg": ("mass", 1e-6),
    "micrograms": ("mass", 1e-9),
    "microgram": ("mass", 1e-9),
    "mcg": ("mass", 1e-9),
    "µg": ("mass", 1e-9),
    "litres": ("volume", 1.0),
    "liters": ("volume", 1.0),
    "litre": ("volume", 1.0),
    "liter": ("volume", 1.0),
    "millilitres": ("volume", 0.001),
    "milliliters": ("volume", 0.001),
    "millilitre": ("volume", 0.001),
    "milliliter": ("volume", 0.001),
    "ml": ("volume", 0.001),
    "gallons": ("volume", 3.785411784),  # US gallons
    "gallon": ("volume", 3.785411784),
    "weeks": ("time", 604800.0),
    "week": ("time", 604800.0),
    "days": ("time", 86400.0),
    "day": ("time", 86400.0),
    "hours": ("time", 3600.0),
    "hour": ("time", 3600.0),
    "hrs": ("time", 3600.0),
    "minutes": ("time", 60.0),
    "minute": ("time", 60.0),
    "mins": ("time", 60.0),
    "min": ("time", 60.0),
    "seconds": ("time", 1.0),
    "second": ("time", 1.0),
    "secs": ("time", 1.0),
    # a temperature scale has its own zero, so no factor converts between them: each is a measure of its own
    "degrees celsius": ("temperature in Celsius", 1.0),
    "degrees centigrade": ("temperature in Celsius", 1.0),
    "°c": ("temperature in Celsius", 1.0),
    "° c": ("temperature in Celsius", 1.0),
    "celsius": ("temperature in Celsius", 1.0),
    "degrees fahrenheit": ("temperature in Fahrenheit", 1.0),
    "°f": ("temperature in Fahrenheit", 1.0),
    "° f": ("temperature in Fahrenheit", 1.0),
    "fahrenheit": ("temperature in Fahrenheit", 1.0),
    "kelvin": ("temperature in kelvin", 1.0),
    "terabytes": ("data", 1e12),
    "tb": ("data", 1e12),
    "gigabytes": ("data", 1e9),
    "gb": ("data", 1e9),
    "megabytes": ("data", 1e6),
    "mb": ("data", 1e6),
    "kilobytes": ("data", 1e3),
    "kb": ("data", 1e3),
    "bytes": ("data", 1.0),
    # power in watts, energy in watt-hours: a wind farm "rated at 480 megawatts" is 60 turbines of "8 MW"
    "kilowatts": ("power", 1000.0),
    "kilowatt": ("power", 1000.0),
    "kw": ("power", 1000.0),
    "megawatts": ("power", 1000000.0),
    "megawatt": ("power", 1000000.0),
    "mw": ("power", 1000000.0),
    "gigawatts": ("power", 1000000000.0),
    "gigawatt": ("power", 1000000000.0),
    "gw": ("power", 1000000000.0),
    "kilowatt-hours": ("energy", 1000.0),
    "kilowatt hours": ("energy", 1000.0),
    "kilowatt-hour": ("energy", 1000.0),
    "kwh": ("energy", 1000.0),
    "megawatt-hours": ("energy", 1000000.0),
    "megawatt hours": ("energy", 1000000.0),
    "megawatt-hour": ("energy", 1000000.0),
    "mwh": ("energy", 1000000.0),
    "gigawatt-hours": ("energy", 1000000000.0),
    "gigawatt hours": ("energy", 1000000000.0),
    "gigawatt-hour": ("energy", 1000000000.0),
    "gwh": ("energy", 1000000000.0),
    "terawatt-hours": ("energy", 1000000000000.0),
    "terawatt hours": ("energy", 1000000000000.0),
    "terawatt-hour": ("energy", 1000000000000.0),
    "twh": ("energy", 1000000000000.0),
    "percent": ("ratio", 0.01),
    "per cent": ("ratio", 0.01),
    "%": ("ratio", 0.01),
}
HEDGES = (
    "about",
    "approximately",
    "around",
    "roughly",
    "nearly",
    "almost",
    "over",
    "more than",
    "less than",
    "some",
    "estimated",
    "circa",
    "c.",
    "~",
    "under",
    "up to",
)
_LOWER_BOUNDS = (
    "more than|over|above|at least|upwards of|in excess of|exceeding|no fewer than|no less than|a minimum of"
    "|no earlier than"
)
_UPPER_BOUNDS = (
    "less than|fewer than|under|below|at most|up to|no more than|not more than|not exceeding|a maximum of|within"
    "|no later than|must not exceed|may not exceed|should not exceed|cannot exceed|can not exceed|not to exceed"
    "|does not exceed|capped at|limited to|not take more than|not use more than|not give more than|max.|maximum"
)
_BOUNDS = {**dict.fromkeys(_LOWER_BOUNDS.split("|"), "at least"), **dict.fromkeys(_UPPER_BOUNDS.split("|"), "at most")}
_QUALIFIERS = sorted((re.escape(h) for h in {*_BOUNDS, *HEDGES} if h[0].isalpha()), key=len, reverse=True)
_QUALIFIER_BEFORE = re.compile(rf"(?<![\w-])({'|'.join(_QUALIFIERS)})\s*[$€£¥]?\s*$", re.I)
"""A hedge or a bound said just before a number (or its currency sign), the longest phrase first: "no more than
4 g" is at most 4 g, "above $45" at least $45, "about 40 minutes" a hedge."""

_ABOVE = frozenset({"more", "above", "over", "higher", "greater"})
_BOUND_AFTER = re.compile(r"\s+or\s+(?P<word>more|above|over|higher|greater|less|fewer|under|below|lower)\b", re.I)
"""A bound said just after a number: "a balance of $5,000 or more" is at least $5,000."""

_UNIT_PATTERN = "|".join("(?-i:g)" if unit == "g" else re.escape(unit) for unit in sorted(UNITS, key=len, reverse=True))
"""Every unit, longest first; a gram's "g" only in lower case, so that "4G" stays a network's generation."""
_MONTH_PATTERN = "|".join(sorted(MONTHS, key=len, reverse=True))
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DAY_MONTH_YEAR = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_PATTERN})\.?,?\s+(\d{{3,4}})\b", re.I
)
_MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH_PATTERN})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{3,4}})\b", re.I)
_NUMBER = re.compile(
    rf"(?<![\w.])(?P<sign>[-−])?(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"(?:\s*(?P<scale>thousand|million|billion|trillion|bn|mn)\b)?"
    rf"(?:(?:\s*|-)(?P<unit>{_UNIT_PATTERN})(?!\w))?",
    re.I,
)
_MINUS = re.compile(r"\bminus\s+$", re.I)
"""A temperature below zero in words: "minus 4 degrees Celsius" is -4 °C."""


def _cold(match: re.Match[str]) -> bool:
    return bool(match["unit"]) and UNITS.get(match["unit"].lower(), ("",))[0].startswith("temperature")


_COUNTS = {word: value for word, value in WORD_NUMBERS.items() if 1 <= value <= 12} | {"a": 1, "an": 1}
_UNITS_SPOKEN = "one two three four five six seven eight nine".split()
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_SPOKEN_NUMBERS = (
    _COUNTS
    | {w: 13 + n for n, w in enumerate("thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split())}
    | {
        f"{tens}{joint}{unit}".strip(): 20 + 10 * t + u
        for t, tens in enumerate(_TENS)
        for u, unit in enumerate(["", *_UNITS_SPOKEN])
        for joint in (("",) if not unit else ("-", " "))
    }
)
"""Numbers up to 99 in words, "twenty-nine" and "twenty nine" alike."""
_SPOKEN_COUNTS = {word: n for word, n in _SPOKEN_NUMBERS.items() if n < 60}
"""Counts up to 59 in words: the parts of a duration in words."""
_COMPOUND_NUMBER = re.compile(rf"\b(?:{'|'.join(_TENS)})-(?:{'|'.join(_UNITS_SPOKEN)})\b", re.I)
"""A number from 21 to 99 written with its hyphen ("thirty-one league goals")."""
_DURATION_WORDS = re.compile(
    rf"\b(?:(?P<half>half)\s+an?\s+|(?P<quarter>(?:(?P<quarters>three)\s+quarters|(?:a\s+)?quarter)\s+of)\s+an?\s+"
    rf"|(?P<count>{'|'.join(sorted(_SPOKEN_COUNTS, key=len, reverse=True))})\s+(?P<and_half>and\s+a\s+half\s+)?)"
    r"(?P<unit>hour|minute|second|kilomet(?:re|er)|met(?:re|er)|mile|kilogram|(?:milli)?lit(?:re|er)|milligram"
    r"|(?:tera|giga|mega)byte)s?\b"
    r"(?:\s+and\s+a\s+(?P<part>half|quarter)\b)?",
    re.I,
)
"""A duration or a measure said in words: "an hour and a half", "half an hour", "two and a half hours",
"half a kilometre", "a mile and a half", "three quarters of an hour", "every quarter of an hour", "a terabyte"."""
_PERIOD_WORDS = re.compile(
    rf"\b(?P<count>{'|'.join(w for w in _COUNTS if w not in ('a', 'an'))})\s+(?P<unit>day|week|month|year|decade)s?\b",
    re.I,
)
"""A count of calendar periods in words ("every four years", "two weeks later"), read as "4 years" is: a number
whose measure is the word after it. "a year" is left alone: "once a year" is a rate, not a count."""
_FORTNIGHTS = re.compile(r"\b(?P<count>an?|one|two|three|four)\s+fortnights?\b", re.I)
_A_RATE = re.compile(r"\b(?:once|twice|times|every|per)\s+$", re.I)
"""A span of fortnights ("lasts a fortnight": 14 days), never a rate's ("once a fortnight")."""
_WORD_NUMBER = re.compile(
    rf"\b(?:(?P<word>{'|'.join(WORD_NUMBERS)})|(?P<half>half\s+a))\s+(?P<scale>thousand|million|billion)\b", re.I
)
"""A number said in words with its scale: "three million", "half a million"."""
_FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5}
_SHARE = re.compile(r"(?:(?P<count>a|one|two|three|four)[\s-]+)?(?P<part>half|halves|thirds?|quarters?|fifths?)", re.I)
_FRACTION = re.compile(rf"(?<![\w-])(?P<share>{_SHARE.pattern})\s+of\b", re.I)
"""A share said as a fraction, "a third of", "two-thirds of", "half of": a ratio, as "33%" is. Not "the second
half of the season", which is no share of anything counted."""
_ONE_IN = re.compile(r"(?<![\w-])(?:one|1)\s+(?:in|out\s+of)\s+(?:every\s+)?(?P<whole>\d+|[a-z]+)\b", re.I)
"""A share said as one in so many, "one in every ten jobs", "1 in 5 adults"."""
_PLACED = re.compile(r"\b(?:the|first|second|last|final|other)\s+$", re.I)
"""Words before "half" that make it a part of something placed, not a share."""


_CLOCK = re.compile(
    r"(?<![\w.:])(?:(?P<h>1[0-2]|0?\d)(?::(?P<m>[0-5]\d))?\s*(?P<half>[ap])(?:m\b|\.m\b\.?)"
    r"|(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?![\d:]))",
    re.I,
)
"""A time of day, "11 pm", "11:30 a.m." or "23:00", read as minutes after midnight so that the two clocks
compare."""
TIME_OF_DAY = "time of day"
_CLOCK_WORDS = re.compile(
    r"(?<![\w-])(?:(?:12\s+)?(?P<noon>noon|midday)|(?:12\s+)?(?P<midnight>midnight)"
    r"|(?P<hour>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|1[0-2]|[1-9])(?:\s+o['’]clock)?\s+"
    r"(?:in\s+the\s+(?P<part>morning|afternoon|evening)|at\s+night))\b",
    re.I,
)
"""A time of day said in words: "noon", "midnight", "four in the afternoon", "nine at night"."""
_UNTIL = re.compile(r"\b(?:until|till|til|to|through)\s+$", re.I)
"""Before midnight as an end: "open until midnight" stays open to the day's last minute, after 11 p.m."""
_STOPWATCH = re.compile(r"(?<![\w.:])(?P<h>\d{1,2}):(?P<m>[0-5]\d):(?P<s>[0-5]\d)(?![\d:])")
"""A time taken, hours, minutes and seconds, "2:29:12": a duration, not a time of day."""
_SCORE = re.compile(r"(?<![\w.,:/-])(\d{1,3})\s?[-–]\s?(\d{1,3})(?![\w:/-]|[.,]\d|\s?%)")
_RESULT_BEFORE = re.compile(
    r"\b(?:won|win|wins|beat|beats|lost|lose|loses|ended|finished|drew|draw|scored?|led|leads?|results?|edged"
    r"|defeated|overcame|downed|outscored)\b"
    r"(?:\W+\w+){0,5}\W*$",
    re.I,
)
_RESULT_AFTER = re.compile(
    r"^\W*(?:win|victory|triumph|defeat|loss|draw|lead|scoreline|thrashing|home win|away win)\b", re.I
)
SCORE = "score"
"""A game's result ("won 3-1", "a 2-2 draw"), the higher side first: "lost 1-2" and "won 2-1" give one score."""
_SET = r"(\d{1,2})\s?[-–]\s?(\d{1,2})(?:\s?\(\s?\d{1,2}\s?\))?"
_SCORE_LINE = re.compile(rf"(?<![\w.,:/-]){_SET}(?:\s?,?\s+{_SET})+(?![\w:/-])")
_ONE_SET = re.compile(_SET)
SCORE_LINE = "sets"
"""The sets of a match, "4-6 7-6(3) 6-3", read as one score ("3 sets"), compared whole and only with a line of
as many sets: one set against another, or a doubles match's two sets against a singles match's three, is no
contradiction."""


class QuantityKind(StrEnum):
    NUMBER = "number"
    YEAR = "year"
    DATE = "date"


class Bound(StrEnum):
    """A number said as a limit: "more than 5,000 people" is at least 5,000, "under three hours" at most three."""

    AT_LEAST = "at least"
    AT_MOST = "at most"


class Quantity(BaseModel):
    model_config = ConfigDict(frozen=True)  # parses are cached and shared

    kind: QuantityKind
    value: float
    start: int
    end: int
    text: str
    unit: str | None = None
    dimension: str | None = None
    approximate: bool = False
    bound: Bound | None = None
    day: date | None = None


def parse_quantities(text: str) -> list[Quantity]:
    """Every number, year and date in `text`, with its span; dates win over the numbers inside them."""
    return list(_parsed(text))


@functools.lru_cache(maxsize=8192)
def _parsed(text: str) -> tuple[Quantity, ...]:
    """Cached: every rule reads the claim's and each evidence sentence's quantities, for every claim."""
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    for match in _ISO_DATE.finditer(text):
        _add_date(found, taken, text, match, int(match[1]), int(match[2]), int(match[3]))
    for match in _DAY_MONTH_YEAR.finditer(text):
        if free(*match.span()):
            _add_date(found, taken, text, match, int(match[3]), MONTHS[match[2].lower()], int(match[1]))
    for match in _MONTH_DAY_YEAR.finditer(text):
        if free(*match.span()):
            _add_date(found, taken, text, match, int(match[3]), MONTHS[match[1].lower()], int(match[2]))
    for match in _WORD_NUMBER.finditer(text):
        if free(*match.span()):
            value = (0.5 if match["half"] else WORD_NUMBERS[match["word"].lower()]) * SCALES[match["scale"].lower()]
            found.append(_number(text, match.start(), match.end(), value, None))
            taken.append(match.span())
    for match in _DURATION_WORDS.finditer(text):
        if match["unit"].lower() == "second" and (match["count"] or "").lower() in ("a", "an"):
            continue  # "a second time", "a second term": an ordinal
        if free(*match.span()):
            found.append(_number(text, match.start(), match.end(), _duration(match), f"{match['unit'].lower()}s"))
            taken.append(match.span())
    for match in _PERIOD_WORDS.finditer(text):
        if free(*match.span()):
            value = float(_COUNTS[match["count"].lower()])
            found.append(_number(text, match.start(), match.end(), value, f"{match['unit'].lower()}s"))
            taken.append(match.span())
    for match in _FORTNIGHTS.finditer(text):
        if free(*match.span()) and not _A_RATE.search(text[max(0, match.start() - 8) : match.start()]):
            value = 14.0 * _COUNTS[match["count"].lower()]
            found.append(_number(text, match.start(), match.end(), value, "days"))
            taken.append(match.span())
    for match in _COMPOUND_NUMBER.finditer(text):
        if free(*match.span()):
            found.append(_number(text, match.start(), match.end(), float(_SPOKEN_NUMBERS[match[0].lower()]), None))
            taken.append(match.span())
    for match in _SCORE_LINE.finditer(text):
        sets = [(int(a), int(b)) for a, b in _ONE_SET.findall(match.group())]
        value = float(int("".join(f"{a:02d}{b:02d}" for a, b in sets)) % 2**52)
        found.append(_number(text, match.start(), match.end(), value, None, f"{len(sets)} {SCORE_LINE}"))
        taken.append(match.span())
    for match in _SCORE.finditer(text):
        before, after = text[max(0, match.start() - 30) : match.start()], text[match.end() : match.end() + 25]
        if free(*match.span()) and (_RESULT_BEFORE.search(before) or _RESULT_AFTER.search(after)):
            high, low = sorted((int(match[1]), int(match[2])), reverse=True)
            found.append(_number(text, match.start(), match.end(), float(high * 1000 + low), "score", SCORE))
            taken.append(match.span())
    for match in _STOPWATCH.finditer(text):
        seconds = int(match["h"]) * 3600 + int(match["m"]) * 60 + int(match["s"])
        found.append(_number(text, match.start(), match.end(), float(seconds), "seconds"))
        taken.append(match.span())
    for match in _CLOCK.finditer(text):
        if free(*match.span()):
            found.append(_clock(text, match))
            taken.append(match.span())
    for match in _CLOCK_WORDS.finditer(text):
        if free(*match.span()):
            found.append(_clock_in_words(text, match))
            taken.append(match.span())
    for match in _NUMBER.finditer(text):
        if not free(*match.span()):
            continue
        raw = match["num"].replace(",", "")
        minus = _MINUS.search(text, max(0, match.start() - 8), match.start()) if _cold(match) else None
        value = float(raw) * (-1 if match["sign"] or minus else 1)
        if match["scale"]:
            value *= SCALES[match["scale"].lower()]
        unit = match["unit"].lower() if match["unit"] else None
        is_year = (
            not match["scale"]
            and not unit
            and "," not in match["num"]
            and "." not in raw
            and 1000 <= value <= 2100
            and len(raw) == 4
        )
        if is_year:
            found.append(
                Quantity(kind=QuantityKind.YEAR, value=value, start=match.start(), end=match.end(), text=match[0])
            )
        else:
            found.append(_number(text, minus.start() if minus else match.start(), match.end(), value, unit))
        taken.append(match.span())
    return _bounds_carried(text, _joined_durations(text, sorted(found, key=lambda q: q.start)))


def fraction_shares(text: str) -> list[Quantity]:
    """Shares said as fractions ("a third of", "two-thirds of", "half of", "one in ten"), as ratios ("a third"
    is 0.333, as "33%" is 0.33). Kept out of `parse_quantities`: a share in words is a loose figure, good for reading a
    claim in its evidence's words ("fell by about 33%" as "lost a third"), not for contradicting one."""
    found = []
    for match in _FRACTION.finditer(text):
        value = share_in_words(match["share"])
        if value and not _PLACED.search(text[: match.start()]):
            found.append(_number(text, match.start(), match.end("share"), value, None, "ratio"))
    for match in _ONE_IN.finditer(text):
        said = match["whole"].lower()
        whole = int(said) if said.isdigit() else WORD_NUMBERS.get(said)
        if whole is not None and 2 <= whole <= 1000:
            found.append(_number(text, match.start(), match.end(), 1 / whole, None, "ratio"))
    return sorted(found, key=lambda q: q.start)


def share_in_words(text: str) -> float | None:
    """The share a fraction said in words gives: "a third" 1/3, "two-thirds" 2/3, "half" 1/2; None for anything
    else ("thirds" with no count)."""
    said = _SHARE.fullmatch(text.strip())
    if said is None:
        return None
    count = _COUNTS.get((said["count"] or "").lower(), 0)
    if not count and said["part"].lower() != "half":
        return None
    return (count or 1) / _FRACTIONS[said["part"].lower()]


_DURATION_JOIN = re.compile(r"\s*(?:,\s*|\s(?:and\s+)?)?")


def _joined_durations(text: str, found: list[Quantity]) -> tuple[Quantity, ...]:
    """A duration said in several units, "2 hours 54 minutes" or "3 minutes, 43 seconds", read as one amount:
    each part alone would be compared with the other side's whole ("1 hour" against "two hours"). A part
    holds less than one of the unit before it: "2 hours, 150 minutes" are two durations."""
    joined: list[Quantity] = []
    for quantity in found:
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.dimension == quantity.dimension == "time"
            and unit_factor(quantity) < quantity.value + 1e-9 <= unit_factor(last)  # "54 minutes", not "150 minutes"
            and _DURATION_JOIN.fullmatch(text[last.end : quantity.start])
        ):
            whole = text[last.start : quantity.end]
            joined[-1] = last.model_copy(
                update={"value": last.value + quantity.value, "end": quantity.end, "text": whole, "unit": quantity.unit}
            )
        else:
            joined.append(quantity)
    return tuple(joined)


_RESTATED = re.compile(r"(?:\s+(?:tablets|capsules|doses|pills|sachets))?\s*[(,]\s*(?:or\s+|about\s+)?")
"""What lies between a bounded amount and the same amount restated: "above 38 degrees Celsius (100.4 degrees
Fahrenheit)", "not more than 3 tablets (600 mg)"."""


def _bounds_carried(text: str, found: tuple[Quantity, ...]) -> tuple[Quantity, ...]:
    """An amount restated in another unit right after a bounded one keeps its bound: in "above 38 degrees
    Celsius (100.4 degrees Fahrenheit)" the second is a limit too, not a temperature someone has."""
    carried = list(found)
    for n in range(1, len(carried)):
        last, quantity = carried[n - 1], carried[n]
        if last.bound and not quantity.bound and _RESTATED.fullmatch(text[last.end : quantity.start]):
            carried[n] = quantity.model_copy(update={"bound": last.bound, "approximate": True})
    return tuple(carried)


def _clock(text: str, match: re.Match) -> Quantity:
    if match["h24"] is not None:
        minutes = int(match["h24"]) * 60 + int(match["m24"])
    else:
        hour = int(match["h"]) % 12 + (12 if match["half"].lower() == "p" else 0)
        minutes = hour * 60 + int(match["m"] or 0)
    return _number(text, match.start(), match.end(), float(minutes), "o'clock", TIME_OF_DAY)


def _clock_in_words(text: str, match: re.Match) -> Quantity:
    if match["noon"]:
        minutes = 12 * 60
    elif match["midnight"]:
        minutes = 24 * 60 if _UNTIL.search(text[max(0, match.start() - 8) : match.start()]) else 0
    else:
        hour = int(match["hour"]) if match["hour"].isdigit() else WORD_NUMBERS[match["hour"].lower()]
        evening = (match["part"] or "night").lower() != "morning" and hour != 12
        minutes = (hour % 12 + (12 if evening else 0)) * 60
    return _number(text, match.start(), match.end(), float(minutes), "o'clock", TIME_OF_DAY)


def _duration(match: re.Match) -> float:
    """How many of the unit a duration in words counts ("an hour and a half" is 1.5 hours)."""
    if match["half"] or match["quarter"]:
        return 0.5 if match["half"] else 0.75 if match["quarters"] else 0.25
    count = float(_SPOKEN_COUNTS[re.sub(r"\s+", " ", match["count"].lower())])
    if match["and_half"] or match["part"] == "half":
        return count + 0.5
    return count + (0.25 if match["part"] == "quarter" else 0.0)


def _number(text: str, start: int, end: int, value: float, unit: str | None, dimension: str | None = None) -> Quantity:
    """A number with its unit; `dimension` names a measure of its own (a time of day, a score) that no
    factor converts."""
    before = text[max(0, start - 20) : start].lower()
    qualifier = _QUALIFIER_BEFORE.search(before)
    bound = _BOUNDS.get(qualifier[1].lower()) if qualifier else None
    if bound is None and (after := _BOUND_AFTER.match(text, end)):
        bound, end = ("at least" if after["word"].lower() in _ABOVE else "at most"), after.end()
    approximate = bound is not None or any(before.rstrip().endswith(h) for h in HEDGES)
    dimension, factor = (dimension, 1.0) if dimension else UNITS.get(unit, (None, 1.0)) if unit else (None, 1.0)
    return Quantity(
        kind=QuantityKind.NUMBER,
        value=value,
        start=start,
        end=end,
        text=text[start:end],
        unit=unit,
        dimension=dimension,
        approximate=approximate,
        bound=Bound(bound) if bound else None,
    ).model_copy(update={"value": value * factor} if dimension else {})


def qualified_start(text: str, quantity: Quantity) -> int:
    """Where the words that hedge or bound the quantity begin in `text` ("more than" in "more than $5,000",
    "about" in "about 40 minutes"), or the quantity itself."""
    if not (quantity.bound or quantity.approximate):
        return quantity.start
    found = _QUALIFIER_BEFORE.search(text, max(0, quantity.start - 20), quantity.start)
    if found:
        return found.start()
    sign = re.search(r"[$€£¥]\s*$", text[max(0, quantity.start - 2) : quantity.start])
    return quantity.start - len(sign.group()) if sign else quantity.start  # "$5,000 or more": the sign is its own


def _add_date(
    found: list[Quantity], taken: list[tuple[int, int]], text: str, match: re.Match, y: int, m: int, d: int
) -> None:
    try:
        day = date(y, m, d)
    except ValueError:
        return
    found.append(
        Quantity(
            kind=QuantityKind.DATE,
            value=float(y),
            start=match.start(),
            end=match.end(),
            text=match[0],
            day=day,
        )
    )
    taken.append(match.span())


def literal_quantity(lexical: str, datatype: str | None, unit: str | None = None) -> Quantity | None:
    """The value of a graph literal, in base units when the predicate declares a unit."""
    if datatype and datatype.endswith(("#date", "#dateTime")):
        try:
            day = date.fromisoformat(lexical[:10])
        except ValueError:
            return None
        return Quantity(kind=QuantityKind.DATE, value=float(day.year), start=0, end=len(lexical), text=lexical, day=day)
    if datatype and datatype.endswith("#gYear"):
        try:
            return Quantity(
                kind=QuantityKind.YEAR, value=float(int(lexical[:4])), start=0, end=len(lexical), text=lexical
            )
        except ValueError:
            return None
    try:
        value = float(lexical.replace(",", ""))
    except ValueError:
        return None
    dimension, factor = UNITS.get(unit, (None, 1.0)) if unit else (None, 1.0)
    return Quantity(
        kind=QuantityKind.NUMBER,
        value=value * factor,
        start=0,
        end=len(lexical),
        text=lexical,
        unit=unit,
        dimension=dimension,
    )


def unit_in_template(template: str | None) -> str | None:
    """A unit written into a predicate's template, e.g. '{o} square kilometres'."""
    if not template:
        return None
    match = re.search(rf"\{{o\}}\s*({_UNIT_PATTERN})(?!\w)", template, re.I)
    return match[1].lower() if match else None


_DECADE = re.compile(r"\b(?:the\s+)?((?:1[0-9]|20)\d0)'?s\b", re.I)


_MONTH_YEAR = re.compile(rf"(?<!\d\s)(?<!\d)\b({_MONTH_PATTERN})\.?\s+(\d{{4}})\b(?!,?\s*\d)", re.I)


@functools.lru_cache(maxsize=4096)
def month_years(text: str) -> tuple[tuple[int, int, int], ...]:
    """(start, end, year) of every month named with its year and no day ("June 2007", "Sept. 1939"). Cached:
    every claim of an answer is read against the same evidence sentences."""
    if not _MONTH_YEAR.search(text):
        return ()
    days = [(q.start, q.end) for q in parse_quantities(text) if q.kind == QuantityKind.DATE]
    return tuple(
        (m.start(), m.end(), int(m[2]))
        for m in _MONTH_YEAR.finditer(text)
        if all(m.end() <= a or m.start() >= b for a, b in days)
    )


def decades(text: str) -> list[tuple[int, int, int]]:
    """(start, end, first year) of every decade `text` names ("the 1990s", "2000s", "1960's")."""
    return [(m.start(), m.end(), int(m[1])) for m in _DECADE.finditer(text)]


ORDINAL_WORDS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth"
    " fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
).split()
_CENTURY = re.compile(
    rf"\b(?:the\s+)?(?:(?P<number>[1-9]|1\d|2[01])(?:st|nd|rd|th)|(?P<twenty>twenty-first|twenty first)"
    rf"|(?P<word>{'|'.join(ORDINAL_WORDS)}))[\s-]+century\b",
    re.I,
)


def centuries(text: str) -> list[tuple[int, int, int, int]]:
    """(start, end, first year, last year) of every century `text` names ("the 19th century", "the
    nineteenth century": 1800 to 1899, as the words are commonly meant)."""
    found = []
    for m in _CENTURY.finditer(text):
        n = int(m["number"]) if m["number"] else 21 if m["twenty"] else ORDINAL_WORDS.index(m["word"].lower()) + 1
        found.append((m.start(), m.end(), (n - 1) * 100, (n - 1) * 100 + 99))
    return found


def years_in(text: str) -> set[int]:
    """The years `text` states, alone or in a date ("1997", "June 2007", "17 June 2008"), not a decade's
    own digits ("1990s")."""
    return {
        int(q.value)
        for q in parse_quantities(text)
        if q.kind in (QuantityKind.YEAR, QuantityKind.DATE) and not re.match(r"'?s\b", text[q.end :])
    }


_NUMBER_WORD = (
    rf"(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(_UNITS_SPOKEN)}))?"
    r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    rf"|{'|'.join(sorted(_COUNTS, key=len, reverse=True))}"
)
"""A number up to 99 in words, as a pattern of its parts (one long list of every number is slow to search)."""
_COUNT = rf"(?P<count>{_NUMBER_WORD}|\d{{1,2}})"
_COUNTED_ON = re.compile(
    rf"^\W*(?:{_COUNT}\s+years?|(?P<next>the\s+(?:following|next)\s+year)"
    r"|(?P<previous>(?:in\s+)?the\s+(?:year\s+before|previous\s+year|prior\s+year|preceding\s+year)))"
    r"\s*(?P<way>later|after(?:wards)?|earlier|before)?\b"
    rf"|\b{_COUNT.replace('count', 'count_at_end')}\s+years?\s+(?P<way_at_end>later|earlier|before)\W*$"
    rf"|\b{_COUNT.replace('count', 'count_after')}\s+years?\s+(?P<way_after>after)\s+(?![\d(])",
    re.I,
)


_MONTH_TITLES = "|".join(month.title() for month in MONTHS)
_MONTH_AFTER = re.compile(rf"\s+(?P<month>{_MONTH_TITLES})\b")
_MONTH_BEFORE = re.compile(rf"\b(?P<month>{_MONTH_TITLES})\s+$")


def month_beside(text: str, quantity: Quantity) -> tuple[re.Match[str] | None, re.Match[str] | None]:
    """The month a bare day number stands after and before ("June 2", "2 June"), each or None."""
    if quantity.kind != QuantityKind.NUMBER:
        return None, None
    return _MONTH_BEFORE.search(text[: quantity.start]), _MONTH_AFTER.match(text, quantity.end)


def as_dated(text: str, quantity: Quantity) -> str:
    """The date as written, with the month a bare day number stands beside ("30 June")."""
    before, after = month_beside(text, quantity)
    return text[before.start() if before else quantity.start : after.end() if after else quantity.end]


def day_and_month(text: str, quantity: Quantity) -> tuple[int, int] | None:
    """(month, day) of a date, with its year or without ("30 June", "April 9th"), or None."""
    if quantity.kind == QuantityKind.DATE:
        return (quantity.day.month, quantity.day.day) if quantity.day else None
    month = next((m["month"] for m in month_beside(text, quantity) if m), None)
    return (MONTHS[month.lower()], int(quantity.value)) if month else None


_DAYS_ON = re.compile(
    rf"\b(?P<count>{_NUMBER_WORD}|\d{{1,2}})\s+(?P<unit>day|week|fortnight)s?\s+(?P<way>later|after(?:wards)?|earlier)\b",
    re.I,
)
_UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14}


def days_counted_on(sentences: list[str]) -> list[tuple[tuple[int, int], str, str] | None]:
    """For each sentence that gives no day of its own but counts days or weeks from the one day the sentence before
    gives ("The next market is held exactly one week later" after "... on Saturday, 12 April"): ((month, day) it
    reaches, the count ("one week after"), the day counted from as said); None for the rest. Counted in a year
    without a 29 February unless the earlier sentence gives its year."""
    found: list[tuple[tuple[int, int], str, str] | None] = [None]
    for before, sentence in zip(sentences, sentences[1:], strict=False):
        counted = _DAYS_ON.search(sentence) if re.search(r"\b(?:day|week|fortnight)", sentence, re.I) else None
        days = [(q, d) for q in parse_quantities(before) if (d := day_and_month(before, q))] if counted else []
        if len(days) != 1 or any(day_and_month(sentence, q) for q in parse_quantities(sentence)):
            found.append(None)
            continue
        said = counted["count"].lower()
        count = int(said) if said.isdigit() else _SPOKEN_NUMBERS.get(said, 0)
        (quantity, (month, day)) = days[0]
        year = quantity.day.year if quantity.kind == QuantityKind.DATE and quantity.day else 2001
        try:
            start = date(year, month, day)
        except ValueError:
            found.append(None)
            continue
        sign = -1 if counted["way"].lower() == "earlier" else 1
        reached = date.fromordinal(start.toordinal() + sign * count * _UNIT_DAYS[counted["unit"].lower()])
        unit = counted["unit"].lower() + ("" if count == 1 else "s")
        span = f"{counted['count']} {unit} {'after' if sign > 0 else 'before'}"
        found.append(((reached.month, reached.day), span, as_dated(before, quantity)))
    return found


def years_of_sentences(sentences: list[str]) -> list[set[int]]:
    """Each sentence's years: those it states, or, where it states none and opens or ends by counting from the
    sentence before ("Three years later she was appointed", "She had won it a year earlier."), or counts some years
    after an event ("The canal opened five years after construction began"), the year that count gives from that
    sentence's one year."""
    found: list[set[int]] = []
    for n, sentence in enumerate(sentences):
        years = years_in(sentence)
        match = _COUNTED_ON.search(sentence) if "year" in sentence.lower() else None  # most sentences count none
        before = found[n - 1] if n else set()
        if (
            not years
            and match
            and len(before) == 1
            and (match["next"] or match["previous"] or match["way"] or match["way_at_end"] or match["way_after"])
        ):
            said = (match["count"] or match["count_at_end"] or match["count_after"] or "a").lower()
            count = 1 if match["next"] or match["previous"] else int(said) if said.isdigit() else _SPOKEN_NUMBERS[said]
            backward = (match["way"] or match["way_at_end"] or "").lower() in ("earlier", "before")
            sign = -1 if backward or match["previous"] else 1
            if match["way_after"] and _same_act_again(sentence[: match.start()], sentences[n - 1]):
                sign = -1  # "opened in 1934. It opened two years after the district harvested ...": 1932
            years = {next(iter(before)) + sign * count}
        found.append(years)
    return found


_AGAIN = re.compile(
    r"^\W*(?:it|he|she|they|this|that)\s+(?:was\s+|were\s+|had\s+been\s+)?(?P<verb>[a-z]{4,})\s*$", re.I
)


def _same_act_again(opening: str, before: str) -> bool:
    """Whether a sentence opens by saying again, of the one before's subject, the act that sentence dated ("The
    elevator opened in 1934. It opened two years after ..."): the count then runs back from that year."""
    said = _AGAIN.match(opening)
    return bool(said) and said["verb"].lower()[:5] in before.lower()


_QUARTER = re.compile(
    r"\bQ(?P<q>[1-4])\s*(?:FY\s*)?(?P<year>\d{4})\b"
    r"|\b(?P<nth>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]quarter\s+(?:of\s+)?(?P<of_year>\d{4})\b",
    re.I,
)
_NTH_QUARTER = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


def quarters(text: str) -> list[tuple[int, int, int, int]]:
    """Quarters of a year a text names, "Q2 2024" or "the third quarter of 2023": (start, end, quarter, year)."""
    return [
        (
            m.start(),
            m.end(),
            int(m["q"]) if m["q"] else _NTH_QUARTER[m["nth"].lower()],
            int(m["year"] or m["of_year"]),
        )
        for m in _QUARTER.finditer(text)
    ]


def in_decade(year: int, decade: int) -> bool:
    """A year of the decade: 1997 of the 1990s. What is said of a year is said of its decade."""
    return decade <= year <= decade + 9


def unit_factor(quantity: Quantity) -> float:
    """What one of the quantity's units is in its measure's base unit (0.001 for "mg" in grams' base, the
    kilogram); 1.0 where it has no convertible unit."""
    return UNITS[quantity.unit][1] if quantity.unit in UNITS else 1.0


_PERCENT = frozenset({"%", "per cent", "percent"})


def same_quantity(
    claimed: Quantity, actual: Quantity, tolerance: float = 0.02, hedged_tolerance: float = 0.1
) -> bool | None:
    """True if equal within tolerance, False if they differ, None if not comparable."""
    if actual.kind in (QuantityKind.YEAR, QuantityKind.DATE) or claimed.kind in (
        QuantityKind.YEAR,
        QuantityKind.DATE,
    ):
        if any(q.kind == QuantityKind.NUMBER and not 1000 <= q.value <= 2100 for q in (claimed, actual)):
            return None  # "in 2010" and "11 years early": a year and a count, either way round
        if claimed.kind == QuantityKind.DATE and actual.kind == QuantityKind.DATE:
            return claimed.day == actual.day
        return int(claimed.value) == int(actual.value)
    if claimed.dimension and actual.dimension and claimed.dimension != actual.dimension:
        return None
    if any(d and d.endswith(f" {SCORE_LINE}") for d in (claimed.dimension, actual.dimension)):
        return None if claimed.dimension != actual.dimension else claimed.value == actual.value
    if {TIME_OF_DAY, SCORE} & {claimed.dimension, actual.dimension}:
        if claimed.dimension != actual.dimension:
            return None  # "at 11 pm" and "11 trains", "won 3-1" and "3 goals"
        hedge = 15 if claimed.approximate and claimed.dimension == TIME_OF_DAY else 0
        return abs(claimed.value - actual.value) <= hedge  # minutes and goals exactly
    if claimed.bound != actual.bound:
        return _against_bound(claimed, actual, tolerance)
    if {claimed.unit, actual.unit} <= _PERCENT and not claimed.approximate and not actual.approximate:
        # a share read to the places the claim gives, as well: "5.0%" is not "5.1%"
        places = len(decimals[1]) if (decimals := re.search(r"\.(\d+)", claimed.text)) else 0
        if round(claimed.value * 100, places) != round(actual.value * 100, places):
            return False
    allowed = hedged_tolerance if claimed.approximate else tolerance
    if actual.value == 0:
        return abs(claimed.value) <= allowed
    return abs(claimed.value - actual.value) / abs(actual.value) <= allowed


def _against_bound(claimed: Quantity, actual: Quantity, tolerance: float) -> bool | None:
    """A bound read as a bound, not as a value: "more than 5,000" holds of 5,800 and not of 4,000; the
    evidence's "more than 5,000" leaves the claim's 5,800 open (None) and rules out its 4,000; two bounds
    the other way round ("more than 10" / "fewer than 20") conflict only where they leave nothing between. A
    count is bounded only by a count ("over 30,000 views" says nothing of "two weeks")."""
    if claimed.dimension != actual.dimension:
        return None
    if actual.bound is None:
        return _inside(actual.value, claimed, tolerance)
    if claimed.bound is None:
        return None if _inside(claimed.value, actual, tolerance) else False
    low, high = (claimed, actual) if claimed.bound == Bound.AT_LEAST else (actual, claimed)
    return None if low.value <= high.value + tolerance * abs(high.value) else False


def _inside(value: float, limit: Quantity, tolerance: float) -> bool:
    margin = tolerance * abs(limit.value)
    return value >= limit.value - margin if limit.bound == Bound.AT_LEAST else value <= limit.value + margin


def relative_difference(claimed: Quantity, actual: Quantity) -> float:
    return abs(claimed.value - actual.value) / max(abs(actual.value), 1e-9)


_PERIOD = re.compile(
    r"^[^.;,]{0,25}?\b(?:every\s+(?P<count>[\w-]+)\s+(?P<every>hour|day|week)s?\b"
    r"|(?:a|an|per|each|every|in\s+a|in\s+any|in\s+one)\s+(?:24\s*-?\s*hours?(?:\s+period)?|(?P<unit>hour|day|week|month"
    r"|year|dose)s?)\b|(?P<ly>hourly|daily|weekly|monthly|yearly)\b)",
    re.I,
)
_PER_UNIT = {"hourly": "hour", "daily": "day", "weekly": "week", "monthly": "month", "yearly": "year"}


_CHANGE_BEFORE = re.compile(
    r"\b(?:(?:rose|fell|grew|gained|increased|decreased|declined|dropped|climbed|jumped|slipped|lost|cut|reduced"
    r"|raised|lowered|shrank|(?<!make\s)(?<!makes\s)(?<!made\s)(?<!making\s)(?<!take\s)(?<!takes\s)(?<!took\s)up"
    r"|down)(?:\s+by)?|(?:gain|increase|rise|drop|fall|decline|growth|jump|reduction|cut)"
    r"\s+of)\s+(?:(?:about|around|roughly|nearly|almost|some|over|under|just|more\s+than|less\s+than)\s+)*[$€£¥]?$",
    re.I,
)


_CHANGE_AFTER = re.compile(
    r"\s*(?:annual\s+|year-on-year\s+|quarterly\s+)?(?:rise|increase|gain|drop|fall|decline|jump|growth|cut|reduction"
    r"|decrease|slump|surge)\b",
    re.I,
)


def said_as_change(text: str, quantity: Quantity) -> bool:
    """The amount says by how much something moved ("rose by 10%", "a gain of 10%", "up 6%", "a 23% rise"), not where
    it stood: a change is compared with changes, a level with levels. Only shares: "cut 230 jobs" counts the jobs
    cut."""
    if quantity.kind != QuantityKind.NUMBER or quantity.dimension != "ratio":
        return False
    before = _CHANGE_BEFORE.search(text[max(0, quantity.start - 40) : quantity.start])
    return bool(before or _CHANGE_AFTER.match(text[quantity.end :]))


_SPAN_BETWEEN = re.compile(r"^[\s,.]*(?:through|thru|to|until|till|and|[-–])\s+$", re.I)
_MONTH_NAME = re.compile(rf"\b(?:{'|'.join(MONTHS)})\b", re.I)


def day_inside_a_span(claim: str, quantity: Quantity, sentence: str) -> bool:
    """The claim's day falls inside a span of days the sentence gives ("from December 24 through January 1"),
    counted across a new year where the span runs into one."""
    mine = day_and_month(claim, quantity)
    if mine is None:
        return False
    stated = parse_quantities(sentence)
    for first, last in zip(stated, stated[1:], strict=False):
        start, end = day_and_month(sentence, first), day_and_month(sentence, last)
        if start is None or end is None:
            continue
        if not _SPAN_BETWEEN.match(_MONTH_NAME.sub(" ", sentence[first.end : last.start])):
            continue  # "December 24 through January 1", "24 December to 1 January": only the months between
        if start <= end and start <= mine <= end or start > end and (mine >= start or mine <= end):
            return True
    return False


def period_of(text: str, quantity: Quantity) -> tuple[int, str] | None:
    """The span of time an amount is said for, as (count, unit): "20 ml in a day" (1, "day"), "5 ml every 6
    hours" (6, "hour"). An amount a day is no amount every six hours, however a bound holds of it."""
    said = _PERIOD.match(text[quantity.end :])
    if not said:
        return None
    if said["every"]:
        count = said["count"].lower()
        every = int(count) if count.isdigit() else _SPOKEN_NUMBERS.get(count)
        return (every, said["every"].lower()) if every else None
    if said["unit"]:
        return 1, said["unit"].lower()
    return 1, _PER_UNIT[said["ly"].lower()] if said["ly"] else "day"  # "daily", "in any 24-hour period"
