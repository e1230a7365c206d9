"""Comparisons a claim draws between figures the evidence gives apart: reasoning across sentences.

"The Kestrin Observatory is older than the Duvelle town library" against "Duvelle's town library opened its doors
in 1904. The Kestrin Observatory, on the hill above Duvelle, dates from 1889."; "Velmora Foods more than doubled its
revenue between 2021 and 2023" against "revenue of 410 million euros in 2021 ... In 2023, the company's revenue
reached 760 million euros"; "More than half of the patients reported headaches" against "The trial enrolled 640
patients ... Headache was reported by 288 participants"; "Frost was recorded on most nights in October" against
"ground frost on 4 of October's 31 nights". No sentence states the comparison, so a small cross-encoder
has nothing to entail or contradict, and it guesses.

Each side's figure is read from the one sentence that names that side (by the names that tell the two sides apart,
and not the other side's) and gives one figure of the measure compared; the comparison is then computed. Where it
holds, the model is shown the figures beside the evidence (the `arithmetic` step); where it fails, `comparisons`
contradicts the claim. Where a side has no figure, or two, or the figures measure different things ("96
discontinued" against "850 patients"), nothing is computed and the model reads the claim as it is.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from datetime import date

from grounding.text.lexicon import (
    DAYS_OF_THE_WEEK,
    MONTHS,
    MOVES_DOWN,
    MOVES_UP,
    SETTING,
    STOPWORDS,
    count_of,
    currency_of,
    singular,
)
from grounding.text.quantities import MONTHS as MONTH_NUMBERS
from grounding.text.quantities import (
    SCORE,
    TIME_OF_DAY,
    Quantity,
    QuantityKind,
    month_years,
    parse_quantities,
    qualified_start,
    years_of_sentences,
)
from grounding.text.sentences import split_sentences
from grounding.verify.charges import charges, claimed_totals, priced_elsewhere
from grounding.verify.dosing import agrees as dosing_agrees
from grounding.verify.dosing import claimed_a_day, concentrations, daily_totals, of_something_else, said_a_day
from grounding.verify.portions import portions


@dataclass(frozen=True)
class Comparison:
    """A comparison computed from the evidence: whether it holds, the figures as said, the sentences that give them."""

    holds: bool
    figures: str
    sentences: tuple[str, ...]


_UP = frozenset(
    """higher taller larger bigger greater longer heavier deeper more warmer hotter wider richer costlier pricier
    later louder stronger thicker""".split()
)
_DOWN = frozenset("lower shorter smaller fewer less lighter shallower colder cooler narrower poorer cheaper".split())
_MEASURING = {
    **dict.fromkeys(("taller", "deeper", "shallower", "wider", "narrower", "thicker"), ("length",)),
    **dict.fromkeys(("longer", "shorter"), ("length", "time")),
    **dict.fromkeys(("heavier", "lighter"), ("mass",)),
    **dict.fromkeys(("warmer", "hotter", "colder", "cooler"), ("temperature",)),
}
"""Comparatives that measure one thing: "deeper" compares lengths, never areas."""
_IN_TIME = {"older": -1, "younger": 1, "earlier": -1, "later": 1, "sooner": -1}
"""Comparatives of time: an older thing is dated earlier; in ages, by a larger number."""
_SPEED = {"faster": 1, "quicker": 1, "slower": -1}
_OFTEN = re.compile(r"\b(?P<how>more|less)\s+(?:often|frequently)\b", re.I)


_DRAWS = re.compile(
    r"\b(?:than|cheaper|longer|shorter|pricier|got|became|coming|came|took|double|doubled|tripled|trebled|quadrupled|halved|twice|times|half|thirds?|quarters?|majority|most|one\s+in"
    r"|percent|per\s+cent|highest|lowest|largest|smallest|biggest|longest|shortest|heaviest|lightest|tallest"
    r"|deepest|cheapest|fewest|least|latest|earliest|oldest|eldest|youngest|newest|first|last|recent|recently|from|two)\b|%",
    re.I,
)
"""A word without which a claim draws no comparison: most claims are passed over here."""


def compare(claim: str, evidence: str) -> Comparison | None:
    """The claim's comparison computed from the evidence's figures, or None where the claim draws none the
    evidence gives figures for."""
    drawn = (
        _DRAWS.search(claim)
        or _MARGIN_SAID.search(claim)
        or _DAY_SAID.search(claim)
        or _ML.search(claim)
        or _EACH_VOLUME.search(claim)
        or _CHANGED_BY.search(claim)
    )
    if drawn:
        return _compare(claim, evidence)
    if _PER_100_SAID.search(evidence) and (portioned := _portioned(claim, evidence)):
        return portioned
    if not _MONEY.search(claim):
        return None
    return charged(claim, evidence) or after_the_change(claim, evidence)


_PER_100_SAID = re.compile(r"\bper\s+100\s*(?:g|ml)\b", re.I)
_MONEY = re.compile(r"[$€£¥]|\b[A-Z]{3}\s?\d")


def read_whole(claim: str, evidence: str) -> Comparison | None:
    """The comparisons that read the evidence whole, not only the sentences aligned with the claim: a label's
    strength, dose and limit, a bill's rate and counts, a portion's size are often more sentences than those."""
    return (
        a_day(claim, evidence)
        or (charged(claim, evidence) if _MONEY.search(claim) else None)
        or (_portioned(claim, evidence) if _PER_100_SAID.search(evidence) else None)
    )


@functools.lru_cache(maxsize=1024)
def _compare(claim: str, evidence: str) -> Comparison | None:
    sentences = tuple(evidence[a:b].strip() for a, b in split_sentences(evidence))
    return (
        _margin(claim, sentences)
        or a_day(claim, evidence)
        or charged(claim, evidence)
        or after_the_change(claim, evidence)
        or _by_volume(claim, evidence)
        or _changed(claim, sentences)
        or _changed_by(claim, sentences)
        or _moved_way(claim, sentences)
        or _took(claim, sentences)
        or _from_to(claim, sentences)
        or _share(claim, sentences)
        or _most_of(claim, sentences)
        or _rate_of(claim, sentences)
        or _ratio(claim, sentences)
        or _than(claim, sentences)
        or _most(claim, sentences)
    )


def _than(claim: str, sentences: tuple[str, ...]) -> Comparison | None:
    """ "A is older than B", "The last ferry leaves earlier in the evening than the last train"."""
    found = re.search(r"\s+than\s+", claim)
    if not found or re.match(r"\s*(?:\d|half|twice|double|a\s+third|one\s+in)", claim[found.end() :], re.I):
        return None  # "more than 100", "more than half": a bound, read where it is said
    left, right = SETTING.sub("", claim[: found.start()], count=1), _CLAUSE_END.split(claim[found.end() :])[0]
    words = re.findall(r"[a-z]+", left.lower())[-6:]
    often = _OFTEN.search(left[-40:])
    word = next((w for w in reversed(words) if w in _UP | _DOWN | _IN_TIME.keys() | _SPEED.keys()), None)
    if word is None:
        return None
    # each side in a sentence, or a clause, of its own ("the inner spring emerges at 71 °C, while the outer pool
    # averages only 34 °C"); where a side's sentence gives it two figures, the comparison must come out the same
    # way with each ("began in 1861 and was finished in 1867" is later than "first lit in 1823" either way)
    # the side without the verb the comparison hangs on ("the bar shuts earlier" is said of "the bar stays open")
    at = left.lower().rfind(word)
    side = re.sub(r"\b[a-z]+\s+$", "", left[:at]) + left[at:]
    pairs = _pairs(side, right, _clauses_apart(sentences), timely=word in _IN_TIME)
    compared = [_compared(word, left, often, pair) for pair in pairs]
    if not compared or None in compared or len({c.holds for c in compared if c}) != 1:
        return None
    return compared[0]


def _compared(
    word: str, left: str, often: re.Match[str] | None, figures: tuple[tuple[Quantity, str], tuple[Quantity, str]]
) -> Comparison | None:
    (mine, my_sentence), (theirs, their_sentence) = figures
    kinds = _MEASURING.get(word)
    if kinds and not (mine.dimension or "").startswith(kinds):
        return None  # "Mill Pond is deeper than Stock Pond" against their areas
    after = re.findall(r"[a-z]+", left.lower()[left.lower().rfind(word) :])[1:3]
    after = [w for w in after if w not in _PER_PERIOD][:1]
    if after and not _measured(after[0], (my_sentence, their_sentence)):
        return None  # "fewer discontinuations than" is no count of patients; "less battery power" no load time
    a, b = _value(mine), _value(theirs)
    if a == b:
        return None
    dated = mine.kind != QuantityKind.NUMBER or mine.dimension == TIME_OF_DAY
    if word in _IN_TIME:
        sign = _IN_TIME[word] if dated else (1 if word == "older" else -1 if word == "younger" else 0)
    elif often:
        if mine.dimension != "time":
            return None
        sign = -1 if often["how"].lower() == "more" else 1  # more often: a shorter wait between
    elif word in _SPEED:
        sign = -_SPEED[word] if mine.dimension == "time" else _SPEED[word]
    else:
        sign = 1 if word in _UP else -1
    if sign == 0 or dated and word not in _IN_TIME:
        return None
    holds = (a > b) == (sign > 0)
    return Comparison(holds, f"{mine.text} against {theirs.text}", (my_sentence, their_sentence))


_CLAUSE_END = re.compile(r"[;]|,\s+(?:which|who|while|whereas|and|but|because|as|so|although)\b|\.\s*$")
"""Where the other side of a comparison ends: "than its predecessor, the Quorra S4" runs on past its comma."""

_SUPERLATIVES = {
    **dict.fromkeys("most highest largest biggest longest heaviest tallest deepest latest".split(), 1),
    **dict.fromkeys("fewest least lowest smallest shortest lightest cheapest earliest".split(), -1),
}
_SUPERLATIVES_IN_TIME = {
    **dict.fromkeys(("oldest", "eldest", "earliest", "first"), -1),
    **dict.fromkeys(("youngest", "newest", "latest", "last", "most recent", "most recently"), 1),
}
"""Superlatives of time: the oldest thing is dated earliest ("born in 1964", "enacted in 1971")."""
_SUPERLATIVE_MEASURES = {
    **dict.fromkeys(("heaviest", "lightest"), "mass"),
    **dict.fromkeys(("deepest", "tallest", "shallowest"), "length"),
}
"""Superlatives that measure one thing: "the lightest laptop" compares masses, whatever the noun."""
_OF_TWO = {**dict.fromkeys("more larger bigger higher".split(), 1), **dict.fromkeys("less smaller lower".split(), -1)}
"""Comparatives that rank one of two as a superlative ranks one of many: "the more populous of the two towns"."""
_RANKING = {**_SUPERLATIVES, "most expensive": 1, "least expensive": -1, **_SUPERLATIVES_IN_TIME, **_OF_TWO}
"""Each superlative and which way it ranks: 1 for the highest figure (or the latest date), -1 for the lowest."""
_RANKED = "|".join(word.replace(" ", r"\s+") for word in sorted(_RANKING, key=len, reverse=True))
_SUPERLATIVE = re.compile(rf"(?<!one of )\bthe\s+(?P<word>{_RANKED})(?:\s+(?P<what>[a-z]+))?", re.I)
_AMONG = re.compile(r"(?:\bthe|['’]s?)\s+(?P<count>two|three|four|five|six|seven|eight|nine|ten)\b", re.I)
"""How many things the claim ranks ("the three banks", "Corvane's three phones")."""


def _most(claim: str, sentences: tuple[str, ...]) -> Comparison | None:
    """ "Brennock is the most populous of the three towns" against "Brennock has about 8,200 residents. Tillfold is
    home to roughly 11,500 people, while Carrow has 4,900.": the claim's own figure against the figures the other
    sentences give of things the claim does not name."""
    among = _AMONG.search(claim)
    found = _SUPERLATIVE.search(claim)
    mine = _names(claim[: found.start()]) if found else set()
    if not found or not mine:
        return None
    word, what = re.sub(r"\s+", " ", found["word"].lower()), (found["what"] or "").lower()
    timely = word in _SUPERLATIVES_IN_TIME
    if word in ("first", "last") and what != "of":
        return None  # "the first woman to win": an order of events, not a figure compared
    if word in _OF_TWO and not (among and among["count"].lower() == "two"):
        return None  # "the more ..." ranks only one of two
    # the subject's sentence names it and no one else the claim leaves out ("Brennock has about 8,200 residents"),
    # and gives a figure ("Of Brackwell Studio's three co-founders, ...": not "Brackwell Studio was started by ...")
    shared = [
        len(mine & _names(s, loose=True)) if not _names(s, loose=True) - mine and _candidates(s, timely) else 0
        for s in sentences
    ]
    best = max(shared)
    if not best or shared.count(best) != 1:
        return None
    own = sentences[shared.index(best)]
    subject = mine & _names(own, loose=True)
    # a word every item's name has ("Lake Vessin", "Lake Orrel") tells no item apart
    kind = {
        w
        for s in sentences
        if s != own and _names(s, loose=True) - mine and not subject <= _names(s, loose=True)
        for w in subject & _names(s, loose=True)
    }
    subject -= kind
    figures = _candidates(own, timely)
    measured = _SUPERLATIVE_MEASURES.get(word)
    if len(figures) != 1 or not subject:
        return None
    if measured and not (figures[0].dimension or "").startswith(measured):
        return None  # "the deepest lake" against its area
    if word in _OF_TWO and what == "of":
        what = ""  # "the larger of the two": the figures say what is compared
    known = what in ("populous", "expensive", "") or "expensive" in word
    if not (timely or measured or known or _measured(what, (own,))):
        return None
    theirs = [
        (f, s)
        for s in sentences
        if s != own
        and _names(s, loose=True) - mine
        and not subject & _names(s, loose=True)
        and not re.search(r"\b(?:total|combined|in all)\b", s, re.I)
        for f in _candidates(s, timely)
        if _measure(figures[0], f) is not None
    ]
    if not theirs or among and len(theirs) + 1 < (count_of(among["count"]) or 0):
        return None  # "the oldest of the three banks" where the evidence dates two
    sign = _RANKING[word]
    value = _value(figures[0])
    holds = all((value - _value(f)) * sign > 0 for f, _ in theirs)
    said = ", ".join(f.text for f, _ in theirs)
    return Comparison(holds, f"{figures[0].text} against {said}", (own, *dict.fromkeys(s for _, s in theirs)))


_FACTORS = {"twice": 2.0, "double": 2.0, "half": 0.5, "a third": 1 / 3, "a quarter": 0.25}
_RATIO = re.compile(
    r"\b(?P<bound>more\s+than|less\s+than|over|under|nearly|almost|at\s+least)?\s*"
    r"(?P<factor>twice|double|half|a\s+third|a\s+quarter|(?P<count>\w+)\s+times)\s+"
    r"(?:the\s+\w+(?:\s+of)?|as\s+\w+(?:\s+\w+)?\s+as)\s+(?P<right>[^,;]+)",
    re.I,
)


def _ratio(claim: str, sentences: tuple[str, ...]) -> Comparison | None:
    """ "Lake Varren is more than twice the size of Lake Sobel", "loaded the page in less than half the time the
    Quillon 4 needed"."""
    found = _RATIO.search(claim)
    if not found or _OFTEN.search(claim):
        return None
    said = re.sub(r"\s+", " ", found["factor"].lower())
    factor = _FACTORS.get(said) or (count_of(found["count"].lower()) if found["count"] else None)
    if not factor:
        return None
    left = SETTING.sub("", claim[: found.start()], count=1)  # "At Harwick Polytechnic, international students pay"
    figures = _figures(left, found["right"].rstrip(" ."), sentences, timely=False)
    if figures is None:
        return None
    (mine, my_sentence), (theirs, their_sentence) = figures
    if mine.kind != QuantityKind.NUMBER or _value(theirs) == 0:
        return None
    holds = _within(_value(mine) / _value(theirs), float(factor), found["bound"])
    return Comparison(holds, f"{mine.text} against {theirs.text}", (my_sentence, their_sentence))


_CHANGED = re.compile(
    r"\b(?:(?P<bound>more\s+than|nearly|almost)?\s*(?P<verb>doubled|tripled|trebled|quadrupled|halved)"
    r"|(?P<move>grew|rose|increased|climbed|jumped|fell|dropped|declined|decreased|shrank)\s+"
    r"(?:(?:its|their|the)\s+[a-z]+\s+)?(?:by\s+)?"
    r"(?P<hedge>more\s+than|less\s+than|nearly|almost|over|under|about|around|roughly)?\s*"
    r"(?P<percent>\d+(?:\.\d+)?)\s*(?:%|percent|per\s+cent))"
    r"[^.;]*?\b(?:(?:between|from)\s+(?:the\s+end\s+of\s+)?(?P<first>\d{4})\s+(?:and|to)\s+(?:the\s+end\s+of\s+)?"
    r"(?P<last>\d{4})|year[\s-](?:over|on)[\s-]year\s+in\s+(?:fiscal\s+)?(?P<single>\d{4}))\b",
    re.I,
)
_TIMES = {"doubled": 2.0, "tripled": 3.0, "trebled": 3.0, "quadrupled": 4.0, "halved": 0.5}
_FALLS = frozenset({"fell", "dropped", "declined", "decreased", "shrank"})


def _changed(claim: str, sentences: tuple[str, ...]) -> Comparison | None:
    """ "more than doubled its revenue between 2021 and 2023", "grew by more than 20 percent from 2021 to 2022"
    against the figure each of the two years' sentences gives (a year counted on, "Four years later", counts)."""
    found = _CHANGED.search(claim)
    if not found:
        return None
    years = years_of_sentences(list(sentences))
    figures = []
    last = int(found["last"] or found["single"])
    for year in (int(found["first"]) if found["first"] else last - 1, last):
        dated = [(f, s) for s, said in zip(sentences, years, strict=True) if year in said for f in _candidates(s)]
        if len(dated) != 1:
            return None
        figures.append(dated[0])
    (before, first), (after, last) = figures
    if first == last or _measure(before, after) is None or _value(before) == 0:
        return None
    ratio = _value(after) / _value(before)
    if found["verb"]:
        holds = _within(ratio, _TIMES[found["verb"].lower()], found["bound"])
    else:
        change = (1 - ratio if found["move"].lower() in _FALLS else ratio - 1) * 100
        holds = _within_points(change, float(found["percent"]), found["hedge"])
    return Comparison(holds, f"{before.text} then {after.text}", (first, last))


_MOVED_FROM_TO = re.compile(
    r"\b(?:rose|rising|climbed|climbing|increased|increasing|grew|growing|went|going|fell|falling|dropped|dropping"
    r"|declined|declining|decreased|decreasing|moved|moving)\b[^.;]{0,30}?\bfrom\s+[$€£¥]?(?P<first>[\d.,]+%?)\s+"
    r"(?:[a-z]+\s+){0,3}?to\s+[$€£¥]?(?P<last>[\d.,]+%?)",
    re.I,
)


_UP_FROM = re.compile(
    r"(?P<last>\d[\d.,]*%?)\s+(?:[\w'’-]+\s+){0,8}?[\w'’-]+,?\s+(?:up|down)\s+from\s+(?P<first>\d[\d.,]*%?)", re.I
)
"""A figure and the one it moved from, said after it: "enrolled 4,320 undergraduates in autumn 2023, up from 3,980"."""


def _a_year(figure: str) -> bool:
    return bool(re.fullmatch(r"1[5-9]\d\d|20\d\d", figure))


def _from_to(claim: str, sentences: tuple[str, ...]) -> Comparison | None:
    """ "Concussion rates climbed, going from 3.1 to 4.6 per 1,000 player-hours" against the year each figure's own
    sentence gives it ("In the 2022 season ... 3.1", "In 2019 ... 4.6"): the move runs the evidence's way in time,
    or the other."""
    found = _MOVED_FROM_TO.search(claim)
    if not found or "." in found["first"][-1:] + found["last"][-1:]:
        return None
    a, b = (float(found[k].rstrip("%").replace(",", "")) for k in ("first", "last"))
    if a == b or any(_a_year(found[k]) for k in ("first", "last")):
        return None  # "from 2019 to 2022": years, not figures
    moves = set(re.findall(r"[a-z]+", found.group().lower()))
    if (a < b and moves & MOVES_DOWN) or (a > b and moves & MOVES_UP):
        return None  # "rose, going from 4.6 to 3.1" says two things; the model reads it
    years = years_of_sentences(list(sentences))
    dated = []
    for figure in (found["first"], found["last"]):
        wanted = figure.replace(",", "")
        at = [
            (sentence, next(iter(year)))
            for sentence, year in zip(sentences, years, strict=True)
            if len(year) == 1 and re.search(rf"(?<![\d.]){re.escape(wanted)}(?![\d])", sentence.replace(",", ""))
        ]
        if len(at) != 1:
            return None
        dated.append(at[0])
    (first, when), (last, then) = dated
    if first == last or when == then:
        return None
    return Comparison(when < then, f"{found['first']} in {when} and {found['last']} in {then}", (first, last))


_WAY_UP = frozenset("pricier dearer costlier rose climbed increased raised higher longer bigger larger up".split())
_WAY_DOWN = frozenset("cheaper fell dropped decreased cut lowered reduced lower shorter smaller down".split())
_MOVED_WAY = re.compile(
    r"\b(?:(?:got|get|gets|getting|became|become|becomes|grew|have\s+got|has\s+got)\s+(?:\w+\s+)?"
    r"(?P<became>pricier|dearer|costlier|cheaper|longer|shorter|higher|lower|bigger|larger|smaller)\b(?!\s+than)"
    r"|(?P<moved>rose|climbed|increased|fell|dropped|decreased|coming\s+down|came\s+down|going\s+up|went\s+up"
    r"|going\s+down|went\s+down)\b[^.;]{0,30}?\bto\s+[$€£¥]?(?P<figure>\d[\d.,]*))",
    re.I,
)


def _moved_way(claim: str, sentences: tuple[str, ...]) -> Comparison | None:
    """ "Monthly passes got cheaper in January, coming down to £68" against "the price of a monthly pass rose from £62
    to £68"; "average delays on the Corvid Line actually got longer" against "average delays on the Corvid Line fell
    from 6 minutes to 4 minutes": the way the claim says a figure moved against the way the one sentence that names
    the claim's subject and moves a figure from one value to another (to the claim's figure where it gives one)."""
    found = _MOVED_WAY.search(claim)
    if not found:
        return None
    said = (found["became"] or found["moved"]).lower().split()
    up = said[0] in _WAY_UP or said[-1] == "up"
    subject = _names(claim[: found.start()])
    figure = found["figure"].replace(",", "").rstrip(".") if found["figure"] else None
    moves = []
    for sentence in sentences:
        if not subject or not subject <= _names(sentence, loose=True):
            continue
        for move in [*_MOVED_FROM_TO.finditer(sentence), *_UP_FROM.finditer(sentence)]:
            first, last = (move[k].replace(",", "").rstrip("%.") for k in ("first", "last"))
            if _a_year(first) or _a_year(last) or first == last or (figure and last != figure):
                continue
            moves.append((sentence, move, float(last) > float(first)))
    if len(moves) != 1:
        return None
    sentence, move, rose = moves[0]
    return Comparison(rose == up, f"from {move['first']} to {move['last'].rstrip(',.')}", (sentence,))


_CHANGED_BY = re.compile(
    r"\b(?P<verb>gained|gaining|picked\s+up|added|lost|losing|shed|(?:rose|grew|increased|fell|dropped|declined"
    r"|decreased|shrank)\s+by)\s+(?:(?P<hedge>about|around|roughly|nearly|almost|some|just\s+over|just\s+under)\s+)?"
    r"(?P<figure>\d[\d,]*|[a-z]+)\b(?!\s*(?:%|per\s*cent|percent))",
    re.I,
)
_CHANGE_UP = frozenset({"gained", "gaining", "picked", "added", "rose", "grew", "increased"})


def _changed_by(claim: str, sentences: tuple[str, ...]) -> Comparison | None:
    """ "The National Accord picked up 15 seats" against "The ruling National Accord's seat total fell from 134 to 119":
    the change the claim gives, its way and size, against the move from one figure to the other in the one sentence
    that names the claim's subject."""
    found = _CHANGED_BY.search(claim)
    if not found:
        return None
    figure = found["figure"].replace(",", "")
    said = float(figure) if figure.isdigit() else count_of(figure.lower())
    subject = _names(claim[: found.start()])
    if not said or not subject:
        return None
    moves = [
        (sentence, move)
        for sentence in sentences
        if subject <= _names(sentence, loose=True)
        for move in [*_MOVED_FROM_TO.finditer(sentence), *_UP_FROM.finditer(sentence)]
        if "%" not in move.group() and subject <= _names(sentence[: move.start()], loose=True)
    ]
    if len(moves) != 1:
        return None
    sentence, move = moves[0]
    a, b = (float(move[k].replace(",", "")) for k in ("first", "last"))
    if a == b or any(_a_year(move[k]) for k in ("first", "last")):
        return None
    up = found["verb"].split()[0].lower() in _CHANGE_UP
    allowed = 0.1 * said if found["hedge"] else 1e-9
    holds = (b > a) == up and abs(abs(b - a) - said) <= allowed
    return Comparison(holds, f"from {move['first']} to {move['last'].rstrip(',.')}", (sentence,))


def _within_points(change: float, said: float, hedge: str | None) -> bool:
    """A change in percent against the claim's: a bound as said, a hedge within two points, a figure within the half
    point it rounds to."""
    hedge = re.sub(r"\s+", " ", (hedge or "").lower())
    if hedge in ("more than", "over"):
        return change > said
    if hedge in ("less than", "under"):
        return 0 < change < said
    if hedge in ("nearly", "almost"):
        return said - 3 <= change < said + 0.5
    return abs(change - said) <= (2.0 if hedge else 0.5)


_SHARE = re.compile(
    r"^\s*(?:(?P<bound>more\s+than|fewer\s+than|less\s+than|over|under|nearly|almost|at\s+least)\s+)?"
    r"(?P<share>half|a\s+third|a\s+quarter|two\s+thirds|three\s+quarters|one\s+in\s+(?P<per>\w+)|most|a\s+majority)\b",
    re.I,
)
_SHARES = {"half": 0.5, "a third": 1 / 3, "a quarter": 0.25, "two thirds": 2 / 3, "three quarters": 0.75}


def _share(claim: str, sentences: tuple[str, ...]) -> Comparison | None:
    """ "More than half of the patients reported headaches" against a total and a count: the evidence's two counts
    of people or things, the smaller a share of the larger."""
    found = _SHARE.match(claim)
    if not found:
        return None
    said = re.sub(r"\s+", " ", found["share"].lower())
    if said in ("most", "a majority"):
        share, bound = 0.5, "more than"
    else:
        per = count_of(found["per"].lower()) if found["per"] else None
        share, bound = (1 / per if per else _SHARES.get(said)), found["bound"]
    if not share:
        return None
    counts = [
        (f, s)
        for s in sentences
        for f in _candidates(s)
        if f.dimension is None and f.bound is None and not currency_of(s, f)  # "£4 million" counts no offers
    ]
    if len(counts) != 2 or counts[0][0].value == counts[1][0].value:
        return None
    (part, where), (total, whole) = sorted(counts, key=lambda c: c[0].value)
    if where == whole and not _says_the_rest(claim, where):
        return None  # "Most patients recovered" / "12 of 40 patients had side effects"
    holds = _within(part.value / total.value, share, bound)
    return Comparison(holds, f"{part.text} of {total.text}", (whole, where))


_MARGIN_SAID = re.compile(
    r"\b(?:beat|beats|defeated|defeats|edged|outpolled|ahead\s+of|led)\b[^.;]*?\b(?:by|margin)\b", re.I
)
_MARGIN = re.compile(
    r"\bby\s+(?:an?\s+)?(?P<hedge>(?:about|around|roughly|nearly|almost|some|just|over|under|more\s+than|less\s+than"
    r"|fewer\s+than|just\s+over|just\s+under)\s+)?(?P<figure>[\d,.]+|[a-z]+)(?:\s*-\s*|\s+)(?P<noun>[a-z]+)",
    re.I,
)


def _margin(claim: str, sentences: tuple[str, ...]) -> Comparison | None:
    """ "Marrow beat Brant by about 3,300 votes" against "Ilse Marrow received 48,212 votes and Teodor Brant received
    45,907": the margin is the difference between the figures the evidence gives each side, each the first figure
    after the side's name in the one sentence that names both, the claim's winner named first."""
    said = _MARGIN_SAID.search(claim)
    found = _MARGIN.search(claim, said.start()) if said else None
    if found is None:
        return None
    figure = found["figure"].replace(",", "")
    margin = float(figure) if re.fullmatch(r"\d+(?:\.\d+)?", figure) else count_of(figure.lower())
    if not margin:
        return None
    winner = _names(claim[: said.start()]) - _DAYS
    loser = _names(claim[said.start() : found.start()]) - winner - _DAYS
    if not winner or not loser:
        return None
    both = [s for s in sentences if (winner | loser) <= _names(s, loose=True)]
    if len(both) != 1:
        return None
    first, second = figure_after(winner, both[0]), figure_after(loser, both[0])
    if first is None or second is None:
        return None
    if first == second:  # "Dunmore defeated incumbent Rolan Vey, 54% to 46%": the figures in the names' order
        later = [q for q in parse_quantities(both[0]) if q.start >= first.start and q.kind == QuantityKind.NUMBER]
        if len(later) < 2:
            return None
        in_order = _name_at(winner, both[0]) < _name_at(loser, both[0])
        first, second = (later[0], later[1]) if in_order else (later[1], later[0])
    points = found["noun"].lower() in ("point", "points", "percentage") and _measure(first, second) == "ratio"
    if _measure(first, second) != "count" and not points:
        return None
    difference = (first.value - second.value) * (100 if points else 1)
    hedge = (found["hedge"] or "").lower().strip()
    if hedge in ("over", "more than", "just over"):
        holds = difference > margin
    elif hedge in ("under", "less than", "fewer than", "just under"):
        holds = 0 < difference < margin
    else:
        allowed = 0.1 * margin if hedge else 1e-6 * margin  # 54% less 46% is 8 points in floating point too
        holds = abs(difference - margin) <= allowed
    if hedge.startswith("just") and holds:
        holds = abs(difference - margin) <= 0.1 * margin
    return Comparison(holds, f"{first.text} against {second.text}", tuple(both))


_DAY_SAID = re.compile(r"\bday\b|\bdaily\b|\b24\s*-?\s*hours?\b", re.I)


@functools.lru_cache(maxsize=1024)
def a_day(claim: str, evidence: str) -> Comparison | None:
    """ "1 gram of Dorimex each day" against "Dorimex capsules, 250 mg. Take two capsules by mouth twice a day": the
    day's totals the label's regimens and limits imply (`grounding.verify.dosing`), against the claim's amounts a day
    that the evidence does not state as they are."""
    amounts = claimed_a_day(claim)
    totals = daily_totals(evidence) if amounts else ()
    if not totals:
        return None
    verdicts = []
    for amount in amounts:
        if of_something_else(claim, amount, evidence) or said_a_day(amount, evidence):
            continue  # "up to 4 g a day" where the label says "no more than 4 g in 24 hours": read where it is said
        agreed = dosing_agrees(amount, totals)
        if agreed is not None:
            verdicts.append((agreed, amount))
    if not verdicts:
        return None
    holds = all(agreed for agreed, _ in verdicts)
    amount = next(a for agreed, a in verdicts if agreed == holds)
    how = [t.how for t in totals if t.measure == amount.measure]
    if holds:
        how = [
            t.how for t in totals if t.measure == amount.measure and math.isclose(t.value, amount.value, rel_tol=0.01)
        ]
    figures = f"{'; '.join(dict.fromkeys(how))}, against {amount.reading}"
    return Comparison(holds, figures, tuple(_evidence_sentences(evidence)))


@functools.lru_cache(maxsize=1024)
def charged(claim: str, evidence: str) -> Comparison | None:
    """ "Priya's four nights in the superior double come to €548" against "€142 per night for a superior double
    room" and "booked ... for four nights": the total the rate and its counts imply (`grounding.verify.charges`).
    A total that may add another priced thing ("with breakfast") is never contradicted."""
    totals = claimed_totals(claim, evidence)
    found = charges(claim, evidence) if totals else []
    found = [c for c in found if any(currency == c.currency for _, currency in totals)]
    if not found:
        return None
    for amount, currency in totals:
        tolerance = 0.05 if amount.approximate else 0.005
        for charge in found:
            if charge.currency == currency and math.isclose(charge.value, amount.value, rel_tol=tolerance):
                return Comparison(True, charge.how, (charge.sentence,))
    if len(found) != 1 or priced_elsewhere(claim, evidence, found):
        return None
    amount = next(a for a, currency in totals if currency == found[0].currency)
    return Comparison(False, f"{found[0].how}, against {amount.text}", (found[0].sentence,))


_CHANGED_BY_SHARE = re.compile(
    r"\b(?P<verb>raised|raises|increased|increases|hiked|hikes|lifted|lifts|cut|cuts|reduced|reduces|lowered|lowers"
    r"|decreased|decreases)\b[^.;]{0,60}?\bby\s+(?P<share>\d+(?:\.\d+)?)\s*(?:%|percent|per\s+cent)",
    re.I,
)
_UPWARD = re.compile(r"^(?:rais|increas|hik|lift)", re.I)
_AFTER_CUE = re.compile(
    r"\b(?:after|now|new|comes?\s+to|will\s+be|becomes?|rises?\s+to|goes\s+up\s+to|falls?\s+to)\b", re.I
)


@functools.lru_cache(maxsize=1024)
def after_the_change(claim: str, evidence: str) -> Comparison | None:
    """ "After the increase, tuition for 2024-25 comes to $13,500" against "raised its undergraduate tuition by 4%"
    and "The 2023-24 undergraduate fee was $12,500": the one amount of the claim's currency the evidence gives,
    moved by the share the evidence moves it by."""
    if not _AFTER_CUE.search(claim):
        return None
    changes = list(_CHANGED_BY_SHARE.finditer(evidence))
    stated = [q for q in parse_quantities(evidence) if q.kind == QuantityKind.NUMBER and q.bound is None]
    bases = [q for q in stated if currency_of(evidence, q)]
    if len(changes) != 1 or len(bases) != 1:
        return None
    base, change = bases[0], changes[0]
    currency = currency_of(evidence, base)
    share = float(change["share"]) / 100 * (1 if _UPWARD.match(change["verb"]) else -1)
    moved = base.value * (1 + share)
    for amount in parse_quantities(claim):
        if amount.bound is not None or currency_of(claim, amount) != currency or math.isclose(amount.value, base.value):
            continue
        holds = math.isclose(amount.value, moved, rel_tol=0.02 if amount.approximate else 0.005)
        way = "plus" if share > 0 else "less"
        sign = currency[1] if currency and currency[1] in "$€£¥" else ""
        figures = f"{sign}{base.text} {way} {change['share']}% is {sign}{moved:,.2f}".replace(".00", "")
        sentences = tuple(s for s in _evidence_sentences(evidence) if base.text in s or change.group() in s)
        return Comparison(holds, f"{figures}, against {amount.text}" if not holds else figures, sentences)
    return None


_TOOK = re.compile(
    r"\btook\s+(?:(?P<hedge>roughly|about|around|some|nearly|almost|more\s+than|over|less\s+than|under|just\s+over"
    r"|just\s+under)\s+)?(?P<count>\d{1,2}|[a-z]+)(?P<half>\s+and\s+a\s+half)?\s+(?P<unit>years?|months?)\b",
    re.I,
)
_BEGAN = re.compile(r"\b(?:began|begun|started|commenced|broke\s+ground|was\s+broken|got\s+under\s*way)\b", re.I)
_DONE = re.compile(r"\b(?:completed|finished|opened|ended|was\s+done|concluded)\b", re.I)


def _months_named(sentence: str) -> list[tuple[str, int]]:
    """(as written, months since year 0) of each month the sentence names with its year ("March 1962")."""
    found = []
    for start, end, year in month_years(sentence):
        said = sentence[start:end]
        month = MONTH_NUMBERS.get(said.split()[0].rstrip(".").lower())
        if month:
            found.append((said, year * 12 + month))
    return found


def _took(claim: str, sentences: tuple[str, ...]) -> Comparison | None:
    """ "It took roughly six and a half years to build the Kessmere Dam" against "Construction of the Kessmere Dam
    began in March 1962" and "The dam was completed in September 1968": the months from the month the work began to
    the month it was done, against the claim's count, as hedged."""
    found = _TOOK.search(claim)
    count = count_of(found["count"]) if found else None
    if not found or not count:
        return None
    wanted = count * (12 if found["unit"].lower().startswith("year") else 1) + (6 if found["half"] else 0)
    names = {n for n in _names(claim) if any(n in _names(s, loose=True) for s in sentences)}  # not "Building"
    began = [(s, m) for s in sentences if _BEGAN.search(s) and names <= _names(s, loose=True) for m in _months_named(s)]
    done = [(s, m) for s in sentences if _DONE.search(s) and not _BEGAN.search(s) for m in _months_named(s)]
    if not names or len(began) != 1 or len(done) != 1:
        return None
    (first, (start, since)), (last, (end, until)) = began[0], done[0]
    months = until - since
    hedge = re.sub(r"\s+", " ", (found["hedge"] or "").lower())
    if hedge in ("more than", "over", "just over"):
        holds = months > wanted
    elif hedge in ("less than", "under", "just under"):
        holds = 0 < months < wanted
    elif hedge in ("nearly", "almost"):
        holds = wanted - 6 <= months < wanted
    else:
        holds = abs(months - wanted) <= (max(2, wanted // 10) if hedge else 0 if found["half"] else 6)
    figures = f"{start} to {end} is {months} months, against {found.group()[5:]}"
    return Comparison(holds, figures, (first, last))


def _portioned(claim: str, evidence: str) -> Comparison | None:
    """ "A five-cracker serving of Marlow Crackers has 4 g of fat" against "a serving is 5 crackers (25 g)" and "per 100
    g: ... fat 16 g": the label's value scaled to the portion the claim names (`grounding.verify.portions`)."""
    found = portions(claim, evidence)
    if not found:
        return None
    verdicts = []
    for said, unit, hedged, portion in found:
        tolerance = 0.1 if hedged else 0.05
        verdicts.append((abs(said - portion.value) <= tolerance * max(portion.value, 1e-9), said, unit, portion))
    holds = all(v for v, _, _, _ in verdicts)
    _, said, unit, portion = next(v for v in verdicts if v[0] == holds)
    figures = portion.how if holds else f"{portion.how}, against {said:g} {unit}"
    return Comparison(holds, figures, portion.sentences)


_ML = re.compile(r"\d\s*(?:ml|millilit(?:re|er)s?)\b", re.I)


_EACH_VOLUME = re.compile(r"\b(?:each|per|every|a)\s+(?P<unit>millilit(?:re|er)|ml|litre|liter)\b", re.I)
"""A volume said without its count: "Each millilitre ... holds half a milligram"."""


def _by_volume(claim: str, evidence: str) -> Comparison | None:
    """ "Each 10 mL dose supplies 100 mg" against "contains 100 mg of pelacortin per 5 mL": the mass in the claim's
    volume at the evidence's one strength per volume."""
    strengths = concentrations(evidence)
    quantities = parse_quantities(claim)
    volumes = [q for q in quantities if q.dimension == "volume" and q.bound is None]
    if not volumes and (each := _EACH_VOLUME.search(claim)):
        volumes = [q.model_copy(update={"text": f"1 {each['unit']}"}) for q in parse_quantities(f"1 {each['unit']}")]
    masses = [q for q in quantities if q.dimension == "mass" and q.bound is None]
    if len(strengths) != 1 or len(volumes) != 1 or len(masses) != 1:
        return None
    (mass, per), volume, claimed = strengths[0], volumes[0], masses[0]
    if math.isclose(volume.value, per.value, rel_tol=1e-6):
        return None  # the strength as the label says it: read where it is said
    holds = math.isclose(volume.value / per.value * mass.value, claimed.value, rel_tol=0.02)
    figures = f"{mass.text} per {per.text} is {volume.value / per.value:g} times that in {volume.text}"
    return Comparison(holds, f"{figures}, against {claimed.text}", tuple(_evidence_sentences(evidence)))


def _evidence_sentences(evidence: str) -> list[str]:
    return [evidence[a:b].strip() for a, b in split_sentences(evidence)]


def _name_words(side: frozenset[str], sentence: str) -> list[re.Match[str]]:
    """The sentence's words that name the side, a possessive's "'s" aside ("Dana Rusk's 29")."""
    return [m for m in re.finditer(r"[\w'’-]+", sentence) if re.sub(r"['’]s?$", "", m.group().lower()) in side]


def _name_at(side: frozenset[str], sentence: str) -> int:
    return min((m.start() for m in _name_words(side, sentence)), default=len(sentence))


def figure_after(side: frozenset[str], sentence: str) -> Quantity | None:
    """The first count after the side's last name word in the sentence: "Brant received 45,907", "Dana Rusk's 29"."""
    ends = [m.end() for m in _name_words(side, sentence)]
    if not ends:
        return None
    start = max(ends)
    following = [q for q in parse_quantities(sentence) if q.start >= start and q.kind == QuantityKind.NUMBER]
    return following[0] if following else None


def _says_the_rest(claim: str, sentence: str) -> bool:
    """The sentence that counts a part says more than half the claim's content words (read by their first five
    letters), the share's own words aside: "most nights had frost" counts nothing "4 of 31 nights were windy"
    does."""
    shares = {"most", "majority", "half", "third", "quarter", "thirds", "quarters"}
    wanted = {w[:5] for w in re.findall(r"[a-z]+", claim.lower()) if w not in STOPWORDS and w not in shares}
    said = {w[:5] for w in re.findall(r"[a-z]+", sentence.lower())}
    return len(wanted & said) * 2 > len(wanted)


_MOST_OF = re.compile(r"\b(?:most|a\s+majority\s+of)\s+(?:(?:the|its|their|his|her)\s+)?(?P<noun>[a-z]+)\b", re.I)
_PART_OF = re.compile(
    r"\b(?P<part>\d+|[a-z]+)\s+(?:out\s+)?of\s+(?:(?:the|its|their|his|her)\s+|[A-Z]?[\w]+['’]s\s+)?"
    r"(?P<total>\d+|[a-z]+)\s+(?P<noun>[a-z]+)\b",
    re.I,
)


def _most_of(claim: str, sentences: tuple[str, ...]) -> Comparison | None:
    """ "Frost was recorded on most nights in October" against "ground frost on 4 of October's 31 nights": a count
    out of a total of the same things, where the claim says most of them."""
    said = _MOST_OF.search(claim)
    if said is None:
        return None
    noun = singular(said["noun"].lower())
    for sentence in sentences:
        if not _says_the_rest(claim, sentence):
            continue
        for found in _PART_OF.finditer(sentence):
            part, total = count_of(found["part"]), count_of(found["total"])
            if part is not None and total and part <= total and singular(found["noun"].lower()) == noun:
                figures = f"{found['part']} of {found['total']} {found['noun']}"
                return Comparison(part / total > 0.5, figures, (sentence,))
    return None


_COUNTED_OUT = re.compile(
    r"\b(?:of|among)\s+(?:the\s+)?(?P<total>\d[\d,]*)\s+(?P<noun>[a-z]+)\b[^.;]*?,\s+(?P<part>\d[\d,]*)\s+"
    r"(?:(?:of\s+them|had|were|have)\s+)?(?P<verb>[a-z]+)",
    re.I,
)
"""A part counted out of a whole in one sentence: "Of the 400 candidates who sat the exam in July, 292 passed"."""
_OUT_OF_EVERY = re.compile(
    r"\b(?P<hedge>(?:about|around|roughly|nearly|almost|some|approximately)\s+)?(?P<part>\w+)\s+(?:out\s+of|in)\s+"
    r"(?:every\s+)?(?P<whole>\w+)\s+(?P<noun>[a-z]+)",
    re.I,
)
_RATE_SAID = re.compile(r"\b(?P<what>[a-z]+)\s+rate\s+(?:of|was|is|stood\s+at)\s+(?:just\s+)?$", re.I)


def _rate_of(claim: str, sentences: tuple[str, ...]) -> Comparison | None:
    """A share the claim gives ("a pass rate of roughly 78%", "four out of every five candidates cleared") against a
    part the evidence counts out of a whole ("Of the 400 candidates ..., 292 passed"): said of the same people by
    the whole's noun or the part's verb."""
    claimed = _claimed_share(claim)
    if claimed is None:
        return None
    share, hedge, words = claimed
    for sentence in sentences:
        for found in _COUNTED_OUT.finditer(sentence):
            total, part = count_of(found["total"].replace(",", "")), count_of(found["part"].replace(",", ""))
            noun, verb = singular(found["noun"].lower()), found["verb"].lower()
            if not total or part is None or part > total or not (noun[:5] in words or verb[:4] in words):
                continue
            holds = _within_share(part / total, share, hedge)
            figures = f"{found['part']} of {found['total']} {found['noun']} ({part / total:.1%})"
            return Comparison(holds, figures, (sentence,))
    return None


def _claimed_share(claim: str) -> tuple[float, str | None, set[str]] | None:
    """The share a claim gives, its hedge or bound, and the claim's words by their first four and five letters."""
    words = {w[:n] for w in re.findall(r"[a-z]+", claim.lower()) for n in (4, 5)}
    every = _OUT_OF_EVERY.search(claim)
    if every is not None:
        part, whole = count_of(every["part"]), count_of(every["whole"])
        if part and whole and part < whole:
            return part / whole, (every["hedge"] or "").strip().lower() or None, words
    for quantity in parse_quantities(claim):
        if quantity.dimension != "ratio" or not _RATE_SAID.search(claim[: qualified_start(claim, quantity)]):
            continue
        hedge = quantity.bound or ("about" if quantity.approximate else None)
        return quantity.value, hedge, words
    return None


def _within_share(ratio: float, share: float, hedge: str | None) -> bool:
    """A bound as said; a hedged share within two points, a plain one within the half point it rounds to."""
    if hedge == "at least":
        return ratio >= share
    if hedge == "at most":
        return ratio <= share
    return abs(ratio - share) <= (0.02 if hedge else 0.005)


_MEASURES = frozenset(
    "size area temperature time distance weight height length population amount price cost value level".split()
)


_PER_PERIOD = frozenset("annual yearly monthly weekly daily average mean median typical total overall".split())
"""Words that say over what a measure is taken, not what it is: "less annual rainfall" compares rainfall."""


def _measured(noun: str, sentences: tuple[str, ...]) -> bool:
    """What the claim compares is a measure by name ("a lower temperature") or a word both sentences use
    ("rainfall" is said as "rain" too)."""
    if noun in STOPWORDS or noun in _MEASURES or noun in ("often", "frequently"):
        return True
    root = noun[:-4] if noun.endswith("fall") and len(noun) > 6 else noun[:5]
    return all(re.search(rf"\b{re.escape(root)}", s.lower()) for s in sentences)


def _within(ratio: float, factor: float, bound: str | None) -> bool:
    bound = re.sub(r"\s+", " ", (bound or "").lower())
    if bound in ("more than", "over"):
        return ratio > factor
    if bound in ("less than", "fewer than", "under"):
        return ratio < factor
    if bound == "at least":
        return ratio >= factor * 0.98
    if bound in ("nearly", "almost"):
        return factor * 0.85 <= ratio < factor * 1.02
    return abs(ratio - factor) <= 0.1 * factor


_APART = re.compile(r",?\s+(?:while|whereas)\s+|,\s+but\s+|;\s+")


def _clauses_apart(sentences: tuple[str, ...]) -> tuple[str, ...]:
    """Sentences with two sides set against each other split at the turn: "the inner spring emerges at 71 °C, while
    the outer pool averages only 34 °C"."""
    return tuple(part for sentence in sentences for part in _APART.split(sentence) if part)


def _figures(
    left: str, right: str, sentences: tuple[str, ...], timely: bool
) -> tuple[tuple[Quantity, str], tuple[Quantity, str]] | None:
    """Each side's figure with its sentence, where each side's sentence gives one figure of a measure the other's
    gives too."""
    pairs = _pairs(left, right, sentences, timely)
    return pairs[0] if len(pairs) == 1 else None


def _pairs(
    left: str, right: str, sentences: tuple[str, ...], timely: bool
) -> list[tuple[tuple[Quantity, str], tuple[Quantity, str]]]:
    """Each side's figures with their sentence: the one sentence that names the side and not the other, paired with
    the other side's figures of the same measure."""
    mine, theirs = _names(left), _names(right)
    mine, theirs = mine - theirs, theirs - mine
    if (mine - _DAYS) and (theirs - _DAYS):
        mine, theirs = mine - _DAYS, theirs - _DAYS  # "Kelmouth was warmer than Darrow Bay on Saturday": when, not what
    if mine and theirs:
        my_sentences, their_sentences = _naming(mine, theirs, sentences), _naming(theirs, mine, sentences)
    else:
        # sides no name tells apart: "Kessmere's clock tower is older than its stone bridge"
        mine, theirs = _nouns(left), _nouns(right)
        mine, theirs = mine - theirs, theirs - mine
        my_sentences, their_sentences = _said_of(mine, theirs, sentences), _said_of(theirs, mine, sentences)
    # a sentence that names a side and gives no figure says nothing of its measure ("before the kitchen closes")
    my_sentences = [s for s in my_sentences if _candidates(s, timely)] if len(my_sentences) > 1 else my_sentences
    their_sentences = (
        [s for s in their_sentences if _candidates(s, timely)] if len(their_sentences) > 1 else their_sentences
    )
    if len(my_sentences) != 1 or len(their_sentences) != 1 or my_sentences == their_sentences:
        return []
    return [
        ((a, my_sentences[0]), (b, their_sentences[0]))
        for a in _candidates(my_sentences[0], timely)
        for b in _candidates(their_sentences[0], timely)
        if _measure(a, b) is not None
    ]


_DAYS = frozenset(DAYS_OF_THE_WEEK) | {f"{day}s" for day in DAYS_OF_THE_WEEK}


def _naming(side: frozenset[str], other: frozenset[str], sentences: tuple[str, ...]) -> list[str]:
    """The sentences that name the side, those that do not name the other side too where there are several ("The
    Kestrin Observatory, on the hill above Duvelle, dates from 1889" names the observatory, not Duvelle's library)."""
    naming = [s for s in sentences if side <= _names(s, loose=True)]
    alone = [s for s in naming if not other & _names(s, loose=True)]
    return alone if len(naming) > 1 and alone else naming


_COMPARING = _UP | _DOWN | _IN_TIME.keys() | _SPEED.keys() | {"more", "less", "often", "frequently"}


def _nouns(side: str) -> frozenset[str]:
    """A side's content words, plurals as singulars, the comparison's own words aside."""
    words = (re.sub(r"['’]s$", "", w) for w in re.findall(r"[a-z][\w'’-]*", side.lower()))
    return frozenset(w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words if w not in STOPWORDS | _COMPARING)


def _said_of(side: frozenset[str], other: frozenset[str], sentences: tuple[str, ...]) -> list[str]:
    """The sentences that say the side by its words (two at least, all but one) more than they say the other: "A
    clock tower was added to the market square in 1748" of "Kessmere's clock tower"."""
    found = []
    for sentence in sentences:
        said = _nouns(sentence)
        if len(side & said) >= min(2, len(side)) and len(side - said) <= 1 and len(side & said) > len(other & said):
            found.append(sentence)
    return found


_CODE = re.compile(r"\b[A-Z][\w]*(?:-\d[\w-]*)?(?:\s+\d+[A-Za-z]?\b)?")


def names(text: str) -> frozenset[str]:
    """The words that name things in `text` (`_names`)."""
    return _names(text)


@functools.lru_cache(maxsize=4096)
def _names(text: str, loose: bool = False) -> frozenset[str]:
    """The words that name things: capitalised words and the numbers of models ("Quillon 5", "K-17"), in lower case;
    `loose` also counts a capitalised word that only opens the sentence. Each sentence is read for every side and
    competitor, so once per text."""
    found = set()
    for match in _CODE.finditer(text):
        if match.group().split()[0].lower() in MONTHS:
            continue  # "March 2019": a date, no name
        if re.fullmatch(r"[A-Z]", match.group()) and re.search(r"[A-Z][a-z]+\s+$", text[: match.start()]):
            found.add(f"_{match.group()}")  # "Sample A", "Site B": a letter that names, not the article
            continue
        for word in re.findall(r"[\w-]+", match.group().lower()):
            word = re.sub(r"['’]s$", "", word)
            if word not in STOPWORDS and word not in MONTHS and (loose or match.start() > 0 or word[:1].isdigit()):
                found.add(word)
        if match.start() == 0 and not loose and match.group().split()[0].lower() not in STOPWORDS:
            found.add(match.group().split()[0].lower())  # "Mara Ekholm is older ...": a name opens the claim
    return frozenset(found)


def _candidates(sentence: str, timely: bool = False) -> list[Quantity]:
    """The figures a sentence gives: not a bound, not a model's number ("the Quillon 4"), not a figure set off in an
    aside between commas where another stands outside it ("Corrin Peak, 12 kilometres to the east, reaches 2,645
    metres"); dates and years only where the comparison is one of time."""
    found = []
    for q in parse_quantities(sentence):
        named = re.search(r"\b(?P<name>[A-Z][\w-]*)(?:\s+|-)$", sentence[: q.start])
        model = named and named["name"].lower() not in MONTHS and q.unit is None  # "Quillon 4", not "Tamsby 67 m"
        if q.bound is not None or q.dimension == SCORE or model:
            continue
        if re.match(r"\s*(?:later|earlier|after|before|ago)\b", sentence[q.end :]):
            continue  # "Four years later": a count of years to a date, no figure
        dated = q.kind != QuantityKind.NUMBER or q.dimension == TIME_OF_DAY
        if dated == timely or timely and q.kind == QuantityKind.NUMBER and q.dimension is None:
            found.append(q)
    outside = [q for q in found if not _aside(sentence, q)]
    return outside or found


def _aside(sentence: str, quantity: Quantity) -> bool:
    before, after = sentence[: quantity.start], sentence[quantity.end :]
    return before.rfind(",") > max(before.rfind(" and "), 0) and "," in after


def _measure(a: Quantity, b: Quantity) -> str | None:
    """What two figures both measure, or None where they measure different things."""
    if a.kind != b.kind and QuantityKind.NUMBER in (a.kind, b.kind):
        return None
    if a.kind != QuantityKind.NUMBER:
        return "time"
    if a.dimension != b.dimension:
        return None
    return a.dimension or "count"


def _value(quantity: Quantity) -> float:
    """A figure on one scale: a day or year as a day's number; an amount as parsed, already in its measure's base
    unit ("2,000 metres" and "1 km" compare as 2000 and 1000)."""
    if quantity.kind == QuantityKind.DATE and quantity.day is not None:
        return float(quantity.day.toordinal())
    if quantity.kind == QuantityKind.YEAR:
        return float(date(int(quantity.value), 7, 1).toordinal())
    return quantity.value
