"""The one lexicon: closed-class English words the text helpers agree on.

Every stage that needs "a word that carries no content" or "a word that opens a sentence" asks here,
so a fix to a list reaches the claim splitter, alignment, the rules and the baselines alike. Lists
that look alike but differ are kept apart on purpose: each was tuned to the job its docstring names,
and merging them would change what that job does.
"""

from __future__ import annotations

import re

from grounding.text.quantities import WORD_NUMBERS, Quantity

SENTENCE_STARTERS = frozenset(
    """the a an he she it they we i you his her its their our this these that those there here but and
    so yet in on at for from after before when while however meanwhile then also as if since""".split()
)
"""Function words that may open a sentence and so are capitalised only by position."""

CLAIM_OPENERS = frozenset(
    """the a an it its he she they this that these those there i we you yes no in on at as his her
    their my our but and so also nobody everybody somebody anybody everyone someone anyone nothing
    everything something most many some all every each several few both any more much fewer less over under
    up about around nearly almost roughly approximately only just according after before by during following
    despite since when while although though if because with without for from to of unlike until upon
    between among across through within into once whereas starting beginning including excluding regarding
    should would could can might must shall thanks however therefore thus overall unless whether instead
    otherwise even never not then now here what how why where which who whose whom apart""".split()
)
"""Words capitalised at the very start of a claim only by position: never a name its evidence must mention."""

FUNCTION_WORDS = frozenset(
    "the a an of and in on at to for with from by i you he she it we they my your his her its our their "
    "is was are were be yes no also besides actually however but so then this that these those while when "
    "if after before since because as or nor not some many all most every each several few both other another "
    "any can't don't didn't won't isn't wasn't".split()
)
"""Words that never identify a name: names sharing only these differ; a swap of one ("The" for "A") is no new name."""

HONORIFICS = frozenset(
    """mr mrs ms miss dr prof professor sir dame lord lady pm president senator sen governor gov mayor judge
    justice pope king queen prince princess general gen captain capt coach chancellor minister rev""".split()
)
"""Titles before a name: "PM Key" and "John Key" name one man, so a title is no word of the name."""

KEYWORD_FILLERS = frozenset("was were are is has had have not for who did does been with from into".split())
"""Frequent words of three letters or more that say nothing about a claim's topic (besides `SENTENCE_STARTERS`)."""

ANAPHORIC_STARTS = frozenset(
    """he she it they his her its their him them this these that those such there both""".split()
)
"""Words that, opening an evidence sentence, point back to what an earlier sentence named."""

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having
    he her here hers herself him himself his how i if in into is it its itself just me more most my myself no
    nor not now of off on once only or other our ours ourselves out over own same she should so some such than
    that the their theirs them themselves then there these they this those through to too under until up very
    was we were what when where which while who whom why will with would you your yours yourself yourselves
    yes s t don didn doesn isn wasn aren weren ll ve re d m o y im""".split()
)
"""A general English stopword list with contraction fragments ("didn", "ll"): what a naive baseline ignores."""

DAYS_OF_THE_WEEK = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
"""In order, the working days first."""

_SPANS_OF_DAYS = {"weekday": frozenset(DAYS_OF_THE_WEEK[:5]), "weekend": frozenset(DAYS_OF_THE_WEEK[5:])}
_DAY_WORDS = re.compile(rf"\b({'|'.join(DAYS_OF_THE_WEEK)}|weekday|weekend)s?\b", re.I)


def days_named(text: str) -> frozenset[str]:
    """The days of the week a text names, a span of them ("weekdays", "at weekends") as its days."""
    named = {m.lower() for m in _DAY_WORDS.findall(text)}
    return frozenset(named & set(DAYS_OF_THE_WEEK)).union(*(_SPANS_OF_DAYS[w] for w in named & _SPANS_OF_DAYS.keys()))


NEGATORS = frozenset({"not", "never", "no", "none", "nor", "neither", "cannot", "without"})
"""Words that deny what their clause states ("n't" is recognised by its ending)."""

_OPPOSITE_PAIRS = """rising falling|risen fallen|increase decrease|increasing decreasing|grew shrank|grow shrink
grows shrinks|growing shrinking|grown shrunk|increase reduce|increasing reducing|gained lost|higher lower
highest lowest|larger smaller|largest smallest|bigger smaller|more fewer|above below|before after|earlier later
won lost|wins loses|approved rejected|accepted rejected|recommended discouraged|opened closed|increase decline
added removed|adds removes|adding removing|temporary permanent
expanded contracted|strengthened weakened|improved worsened|better worse|best worst
older younger|oldest youngest|north south|east west|northern southern|eastern western|minimum maximum
positive negative|success failure|succeeded failed|profit loss|surplus deficit|majority minority
hot cold|warmer cooler|faster slower|heavier lighter|longer shorter|lengthened shortened|bought sold
import export|imported exported|entered left|arrived departed|began ended|started stopped|first last
raise lower|opens closes|imports exports|importing exporting|deep shallow|deeper shallower|deepest shallowest
admitted denied|admits denies|confirmed denied|confirms denies|acquitted convicted|widened narrowed
widening narrowing|widens narrows|wider narrower|accelerated slowed|accelerating slowing|accelerates slows
increase slow|increases slows|increased slowed|upheld overturned|upheld dismissed|upheld quashed|upholds overturns
pricier cheaper|more-expensive cheaper|more-costly cheaper|less-expensive pricier|less-costly pricier
less-expensive more-expensive|less-costly more-costly|less-expensive more-costly|less-costly more-expensive
conductor insulator|conductors insulators|beat lost|defeated lost|beats loses|defeats loses
hired fired|hires fires|hired dismissed|hired sacked|appointed dismissed|appointed sacked|promoted demoted
hotter colder|hottest coldest|warmest coolest|heaviest lightest|longest shortest|widest narrowest|fastest slowest
stronger weaker|strongest weakest|richer poorer|richest poorest|wetter drier|wettest driest|thicker thinner
thickest thinnest|louder quieter|loudest quietest|brighter darker|brightest darkest|easier harder|easiest hardest
speeds slows|sped slowed|speed slow|speeding slowing|rise sink|rises sinks|rose sank|rising sinking|float sink
floats sinks|denser lighter|densest lightest|profitable unprofitable|profitable loss|promoted relegated
promotion relegation|appreciated depreciated|appreciates depreciates|appreciate depreciate|gained depreciated
gains depreciates|plaintiff defendant|claimant defendant|plaintiffs defendants|upheld reversed|upholds reverses
uphold reverse|uphold overturn|upstream downstream|enabled disabled|enable disable|enables disables
upriver downriver|inbound outbound|uphill downhill|more-slowly faster|more-slowly quicker|more-quickly slower
more-slowly more-quickly|landlord tenant|lessor lessee|buyer seller|expanded shrank|expand shrink|expands shrinks
expanding shrinking|expanded shrunk|lender borrower|veto sign|vetoed signed|vetoes signs|acidic alkaline
begins ends|begin end|raised lower|lowered higher|dissolves insoluble|dissolve insoluble|coastal inland
edible poisonous|edible toxic|safe toxic|safe poisonous|harmless toxic|harmless poisonous|keep suspended
continue suspended|resumed suspended|resume suspend|rare common|rarely often|rarely frequently|rare frequent
inflows outflows|inflow outflow|surpluses deficits|relegated promotion|promoted relegation
strengthen weaken|strengthens weakens|strengthening weakening|strengthen ease|strengthens eases|strengthening easing
strengthened eased|exempt required|exempt obliged|exempt liable|waived charged|waives charges|waive charge
backed opposed|supported opposed|favoured opposed|favored opposed|endorsed opposed"""
"""Opposites other than the complements and the verbs that move an amount (both below, both opposites too)."""


_BEARING_PAIRS = (("north", "south"), ("east", "west"), ("upstream", "downstream"), ("uphill", "downhill"))
BEARINGS = {a: b for pair in _BEARING_PAIRS for a, b in (pair, pair[::-1])}
"""Bearings and their converses: "A is north of B" says what "B is south of A" does."""

PHRASED_COMPARATIVES = frozenset(
    {("more", "expensive"), ("more", "costly"), ("less", "expensive"), ("less", "costly")}
    | {("more", "slowly"), ("more", "quickly")}
)
"""Comparisons said in two words, read as one ("more-expensive") so that they meet their opposites ("cheaper")."""

PHRASAL_MOVES = {
    (verb, particle): moved
    for particle, forms in (
        ("up", ("go rise", "goes rises", "went rose", "gone risen", "going rising")),
        ("down", ("go fall", "goes falls", "went fell", "gone fallen", "going falling")),
        ("down", ("strike overturn", "strikes overturns", "struck overturned", "striking overturning")),
        ("off", ("lay dismiss", "lays dismisses", "laid dismissed", "laying dismissing")),
        ("together", ("get meet", "gets meets", "got met", "getting meeting", "come meet", "comes meets", "came met")),
        ("back", ("come return", "comes returns", "came returned", "coming returning")),
        ("forward", ("put proposed", "puts proposes", "putting proposing")),
        ("rid", ("got removed", "get remove", "gets removes", "getting removing")),
    )
    for verb, moved in (form.split() for form in forms)
}
"""An amount that "went up" rose and one that "went down" fell: the phrasal verb read as the one word it means,
so that it meets its opposites ("went up" / "decreased") and its mates ("went down" / "fell"); a ruling "struck down"
was overturned, the opposite of one "upheld"; a worker "laid off" was dismissed, the opposite of one "hired"; a
committee that "gets together" meets, so its rate is read where the evidence says how often it "meets"; a director
who "came back" returned, what one who "did not return" denies; a motion "put forward" was proposed; a flag a release
"got rid of" it removed, the opposite of one it "added"."""


def _both_ways(pairs: str) -> dict[str, frozenset[str]]:
    """Pairs written "a b|c d" (a line break counts as "|"): each word and the words paired with it, either way."""
    found: dict[str, frozenset[str]] = {}
    for pair in pairs.replace("\n", "|").split("|"):
        a, b = pair.split()
        found[a] = found.get(a, frozenset()) | {b}
        found[b] = found.get(b, frozenset()) | {a}
    return found


_COMPLEMENT_PAIRS = """open closed|alive dead|legal illegal|lawful unlawful|safe unsafe|effective ineffective
guilty innocent|present absent|true false|possible impossible|visible invisible|available unavailable
married unmarried|correct incorrect|valid invalid|complete incomplete|allowed forbidden|allowed banned
permitted prohibited|permitted banned|able unable|necessary unnecessary|mandatory optional|mandatory voluntary
compulsory voluntary|compulsory optional|required optional|required voluntary|obligatory optional
obligatory voluntary|soluble insoluble|included excluded|vaccinated unvaccinated"""
COMPLEMENTS = _both_ways(_COMPLEMENT_PAIRS)
"""States with no third case between them, so that denying one asserts the other: "is closed" says what
"is not open" says. Opposites with a middle ("hot" / "cold", "higher" / "lower") are not here: "not cold"
is not "hot"."""

SAME_DIRECTION: tuple[frozenset[str], ...] = (
    frozenset({"rose", "increased", "grew", "climbed"}),
    frozenset({"rises", "increases", "grows", "climbs"}),
    frozenset({"fell", "decreased", "declined", "dropped"}),
    frozenset({"falls", "decreases", "declines", "drops"}),
    frozenset({"raised", "increased", "lifted", "boosted"}),
    frozenset({"raises", "increases", "lifts", "boosts"}),
    frozenset({"lowered", "cut", "reduced", "decreased"}),
    frozenset({"lowers", "cuts", "reduces", "decreases"}),
    frozenset({"rising", "increasing", "growing", "climbing"}),
    frozenset({"falling", "decreasing", "declining", "dropping"}),
)
"""Verbs of one tense that move an amount the same way by no stated size: "cut its rate" says what "lowered
its rate" says. Words of size ("soared", "plunged", "halved") are left out: they say more than the plain
verb."""

_UP_AND_DOWN = ((0, 2), (1, 3), (4, 6), (5, 7), (8, 9))
_DIRECTION_PAIRS = "|".join(
    f"{up} {down}" for u, d in _UP_AND_DOWN for up in sorted(SAME_DIRECTION[u]) for down in sorted(SAME_DIRECTION[d])
)
MOVES_UP = frozenset({"rise", "increase", "grow", "climb", "raise"}).union(
    *(SAME_DIRECTION[u] for u, _ in _UP_AND_DOWN)
)
MOVES_DOWN = frozenset({"fall", "decrease", "decline", "drop", "lower", "cut", "reduce"}).union(
    *(SAME_DIRECTION[d] for _, d in _UP_AND_DOWN)
)
"""Every verb that moves an amount up, or down, in any tense: what a figure "up from" another contradicts."""
ANTONYMS = _both_ways(f"{_OPPOSITE_PAIRS}|{_COMPLEMENT_PAIRS}|{_DIRECTION_PAIRS}")
"""Words and the words that say the opposite of the same subject (direction, comparison, outcome): the
complements among them ("was able" / "was unable"), and any verb moving an amount up against any moving it
down in the same tense ("increased" / "fell")."""

_SPAN_UNITS = ("minutes", "hours", "days", "weeks", "months", "years")
FREQUENCIES: tuple[frozenset[str], ...] = (
    frozenset({"once", "twice", "thrice", *(f"{n}-times" for n in range(4, 25))}),
    frozenset(
        {"hourly", "daily", "weekly", "fortnightly", "monthly", "quarterly", "yearly"}
        | {f"every-{n}-{unit}" for n in range(2, 61) for unit in _SPAN_UNITS}
    ),
)
"""How often: a claim naming one member of a group where the evidence names another states another rate."""

FREQUENCY_UNITS = {
    "hour": "hourly",
    "day": "daily",
    "night": "daily",
    "morning": "daily",
    "evening": "daily",
    "week": "weekly",
    "fortnight": "fortnightly",
    "month": "monthly",
    "quarter": "quarterly",
    "year": "yearly",
}
"""The period a phrase names ("every week", "once a month") and the one word for its rate: "every night" is
once a day, so "daily"."""

SEVERAL_PERIODS = {(2, "week"): "fortnightly", (3, "month"): "quarterly", (12, "month"): "yearly", (7, "day"): "weekly"}
"""Spans of several periods that one rate word names: "every two weeks" is "fortnightly"."""


def _span(count: str, unit: str) -> tuple[int | None, str]:
    """How many periods "every N periods" spans, and the period in the singular ("other" is two, "every half hour"
    30 minutes)."""
    unit = unit.lower()
    single = unit[:-1] if unit.endswith("s") else unit
    if count.lower() == "half" and single in _WHOLE_PERIODS and _WHOLE_PERIODS[single][0] % 2 == 0:
        parts, part = _WHOLE_PERIODS[single]
        return parts // 2, part
    return 2 if count.lower() == "other" else count_of(count), single


def every_few(count: str, unit: str) -> str | None:
    """The one word for "every two weeks", "every other week", "every 3 months" ("fortnightly", "quarterly"),
    and for any other span of several periods a word of its own ("every five years" is "every-5-years", a
    rate that differs from "yearly"); None where the words name no span."""
    n, single = _span(count, unit)
    if not n:
        return None
    if single in _PARTS_OF and n % _PARTS_OF[single][0] == 0 and n // _PARTS_OF[single][0] >= 2:
        n, single = n // _PARTS_OF[single][0], _PARTS_OF[single][1]  # "every 24 months" is "every 2 years"
    rate = f"every-{n}-{single}s"
    return SEVERAL_PERIODS.get((n, single)) or (rate if rate in FREQUENCIES[1] else None)


COUNT_WORDS = {"once": 1, "twice": 2, "thrice": 3}
"""How many times a rate's words count ("twice a day"); other counts are said "N times"."""


_IRREGULAR_PLURALS = {"children": "child", "people": "person", "men": "man", "women": "woman"}


def singular(noun: str) -> str:
    """A plural noun as its singular ("matches": "match", "children": "child"), so that counts of one thing meet."""
    word = noun.lower()
    if word in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[word]
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def count_of(word: str) -> int | None:
    """A count in digits or words: "12", "twelve", "twice"."""
    low = word.lower()
    return int(low) if low.isdigit() else COUNT_WORDS.get(low) or WORD_NUMBERS.get(low)


_WHOLE_PERIODS = {"hour": (60, "minute"), "day": (24, "hour"), "year": (12, "month")}
_PARTS_OF = {part: (n, whole) for whole, (n, part) in _WHOLE_PERIODS.items()} | {"day": (7, "week")}
"""A period and how many of it make the next: "every 24 months" spans what "every two years" does."""

_PASTS = {"uphold": "upheld", "hold": "held", "win": "won", "lose": "lost", "pay": "paid", "keep": "kept"}


def past_of(verb: str) -> str:
    """A verb's past: "did not uphold" is about what was "upheld", "did not approve" about what was "approved"."""
    return _PASTS.get(verb, verb + ("d" if verb.endswith("e") else "ed"))


def times_per_period(count: str, unit: str) -> tuple[int, str] | None:
    """ "every 12 hours" as twice a day, "every six months" as twice a year, "every 15 minutes" as four times
    an hour: a span that divides its period evenly, so that a rate said by its span and one said by its count
    ("twice daily") compare as one. None for any other span ("every 2 days", "every 5 years")."""
    n, single = _span(count, unit)
    for period, (parts, part) in _WHOLE_PERIODS.items():
        if single == part and n and 1 < n < parts and parts % n == 0:
            return parts // n, period
    return None


RATE_SYNONYMS = {"annually": "yearly", "nightly": "daily", "biennially": "every-2-years"}
"""Rate words that name the same rate as one of `FREQUENCIES`: a backup run "nightly" runs "daily"."""

CURRENCIES = {
    **{word: "euro" for word in ("euro", "euros", "€", "eur")},
    **{word: "dollar" for word in ("dollar", "dollars", "$", "usd")},
    **{word: "pound sterling" for word in ("sterling", "£", "gbp")},
    **{word: "yen" for word in ("yen", "¥", "jpy")},
    **{word: "yuan" for word in ("yuan", "renminbi", "rmb", "cny")},
    **{word: "rupee" for word in ("rupee", "rupees", "inr")},
    **{word: "franc" for word in ("franc", "francs", "chf")},
    **{word: "krone" for word in ("krone", "kroner", "nok", "dkk")},
    **{word: "krona" for word in ("krona", "kronor", "sek")},
    **{word: "peso" for word in ("peso", "pesos")},
    **{word: "rouble" for word in ("rouble", "roubles", "ruble", "rubles")},
    **{word: "rand" for word in ("rand",)},
    **{word: "lira" for word in ("lira", "lire")},
    **{word: "shekel" for word in ("shekel", "shekels")},
    **{word: "dinar" for word in ("dinar", "dinars")},
    **{word: "dirham" for word in ("dirham", "dirhams")},
    **{word: "baht" for word in ("baht",)},
    **{word: "ringgit" for word in ("ringgit",)},
    **{word: "zloty" for word in ("zloty", "zlotys")},
    **{word: "bitcoin" for word in ("bitcoin", "bitcoins")},
}
"""Currency words and signs, each to the currency it names. "pound" is left out: it weighs as often as it pays."""


def currency_of(text: str, quantity: Quantity) -> tuple[str, str] | None:
    """(currency, as written) of an amount: a sign or code before it ("$3 million", "EUR 4.3 billion") or a word
    after ("3 million euros")."""
    sign = re.search(r"([$€£¥])\s*$", text[max(0, quantity.start - 3) : quantity.start])
    if sign:
        return CURRENCIES.get(sign.group(1), sign.group(1)), sign.group(1)
    code = re.search(r"(?:^|[\s(])([A-Z]{3})\s*$", text[max(0, quantity.start - 5) : quantity.start])
    if code and code.group(1).lower() in CURRENCIES:
        return CURRENCIES[code.group(1).lower()], code.group(1)
    after = re.match(r"\s*([A-Za-z]+)", text[quantity.end :])
    if after and after.group(1).lower() in CURRENCIES:
        return CURRENCIES[after.group(1).lower()], after.group(1)
    return None


QUESTION_STOPWORDS = frozenset(
    """what which who whom whose where when why how is are was were be been being am the a an of in on at by
    to for from with as into onto does do did done has have had that this these those it its there their they
    them he she his her him i you your we our me my s can could would should will shall may might must some
    any all many much more most please tell name names list give show find and or not than then so if one
    ones person people thing things""".split()
)
"""Words of a question that cue no relation of the graph: question words, glue and request verbs ("list", "name")."""

QUOTE_STOPWORDS = frozenset(
    """what which who whom whose where when why how does did do is are was were been be being has have had
    the a an and or of in on at to for from by with as that this these those it its there their his her
    they them he she also both either neither same than then into about over under after before any
    many much most more name named known called kind type one two""".split()
)
"""Words that tell nothing of a question's topic, so a quote that shares only these does not cover it."""

AUX_PRESENT = frozenset("is are am has have does do will can may must shall".split())
"""Present-tense auxiliaries and modals."""
AUX_PAST = frozenset("was were had did would could might should".split())
"""Past-tense auxiliaries and modals."""
AUXILIARIES = AUX_PRESENT | AUX_PAST | {"be", "been"}
"""Every auxiliary and modal, with "be" and "been"."""
BE_FORMS = frozenset("is are am was were".split())
"""Finite forms of "be": with a participle they build a passive."""
HAVE_FORMS = frozenset("has have had".split())
"""Finite forms of "have": with a participle they build a perfect."""
MODALS_AND_DO = frozenset("will would can could may might must shall should do does did".split())
"""Auxiliaries followed by a bare verb ("did win", "can swim")."""
DETERMINERS = frozenset(
    """the a an this these those his her its their our my your some any each every no all both either
    neither several many few another""".split()
)
"""Words that open a noun phrase: the word after one is no finite verb."""
PREPOSITIONS = frozenset(
    """in on at by for with from to of into onto over under between among through during after before
    since until within without about against along across around behind beyond near via per as than
    like upon toward towards throughout despite including""".split()
)
"""Prepositions (with "as", "than", "like", "including"), which end a noun phrase and open a complement."""
SUBJECT_PRONOUNS = frozenset("he she it they we i you there this these".split())
"""Pronouns (and "there", "this", "these") that can stand as the subject of a clause."""
RELATIVE_PRONOUNS = frozenset("who whom whose which that".split())
"""Words that open a relative clause."""
SUBORDINATORS = frozenset(
    "when after before although though while since because if as once until unless whereas".split()
)
"""Conjunctions that open a subordinate clause."""
WH_WORDS = frozenset("what which who whom whose where when why how".split())
"""The words that open a wh-question."""
NAME_CONNECTORS = frozenset("of the de del da di von van der la le du y and upon on".split())
"""Lower-case words inside a proper name ("Leonardo da Vinci", "Stratford upon Avon")."""
NAME_SUFFIXES = frozenset("inc ltd llc corp co jr sr plc gmbh ag sa ii iii iv".split())
"""What may follow a name after a comma ("Apple, Inc.", "King, Jr.") and still belong to it."""
MONTHS = frozenset(
    """january february march april may june july august september october november december jan feb
    mar apr jun jul aug sep sept oct nov dec""".split()
)
"""Month names and their abbreviations, lower-cased."""


_WORD = re.compile(r"[a-z0-9]+")


def content_words(text: str) -> list[str]:
    """Lower-cased words that carry content (stopwords dropped), in order: what word coverage counts."""
    return [word for word in _WORD.findall(text.lower()) if word not in STOPWORDS]


SETTING = re.compile(
    r"^(?:At|In|Under|During|Across|From)\s+(?=[^,.;]*[A-Z])[^,.;]{3,50},\s+"
    r"|^(?:At|In)\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+)+(?:[a-z]+\s+)?(?=(?:the|its|their)\s)"
)
"""A setting the claim opens on, where or under whose rules ("At the Dellory facility", "Under Pellham's new
orders,"): the sentence that says what the claim says of its subject may not repeat it ("Fume hoods are certified
once a year"). Only one that names something: "At weekends," says when a rate holds."""
