"""Words as the claim splitter sees them: whitespace tokens with their trailing punctuation, whether
quotes or brackets mask them, and what verb each can be on its own.

The open-class lists here (verbs and their irregular forms, adverbs, adjectives, names that contain
"and") are tuned to the clause rules; the closed-class ones live in `grounding.text.lexicon`.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from grounding.text.lexicon import AUXILIARIES

_IRREGULAR: dict[str, tuple[str, str]] = {
    words[0]: (words[1], words[2])
    for words in (
        entry.split()
        for entry in """
         arise arose arisen | awake awoke awoken | bear bore born | beat beat beaten
         become became become | begin began begun | bind bound bound | bite bit bitten
         blow blew blown | break broke broken | bring brought brought | broadcast broadcast broadcast
         build built built | buy bought bought | catch caught caught | choose chose chosen
         come came come | cost cost cost | cut cut cut | deal dealt dealt | dig dug dug | do did done
         draw drew drawn | drink drank drunk | drive drove driven | eat ate eaten | fall fell fallen
         feed fed fed | feel felt felt | fight fought fought | find found found | flee fled fled
         fly flew flown | forbid forbade forbidden | forget forgot forgotten | forgive forgave forgiven
         freeze froze frozen | get got gotten | give gave given | go went gone | grow grew grown
         hang hung hung | have had had | hear heard heard | hide hid hidden | hit hit hit
         hold held held | hurt hurt hurt | keep kept kept | know knew known | lay laid laid
         lead led led | leave left left | lend lent lent | let let let | lie lay lain | lose lost lost
         make made made | mean meant meant | meet met met | overcome overcame overcome
         overtake overtook overtaken | pay paid paid | put put put | quit quit quit | read read read
         rebuild rebuilt rebuilt | ride rode ridden | ring rang rung | rise rose risen | run ran run
         say said said | see saw seen | seek sought sought | sell sold sold | send sent sent
         set set set | shake shook shaken | shine shone shone | shoot shot shot | show showed shown
         shut shut shut | sing sang sung | sink sank sunk | sit sat sat | sleep slept slept
         slide slid slid | speak spoke spoken | spend spent spent | spin spun spun | split split split
         spread spread spread | stand stood stood | steal stole stolen | stick stuck stuck
         strike struck struck | swear swore sworn | swim swam swum | take took taken
         teach taught taught | tear tore torn | tell told told | think thought thought
         throw threw thrown | understand understood understood | undergo underwent undergone
         wake woke woken | wear wore worn | win won won | withdraw withdrew withdrawn
         write wrote written
        """.replace("\n", "|").split("|")
        if entry.strip()
    )
}
_BASES = (
    frozenset(
        """accept achieve acquire act add admit adopt advise affect agree aim allow announce appear apply
    appoint approve argue arrange arrive ask assist attack attempt attend attract avoid award base
    belong border breed burn call cancel capture carry cause celebrate change charge claim close
    collaborate collect combine commission compete complete compose conclude conduct confirm connect
    consider consist constitute construct contain continue contribute control convert cover create
    cross debut decide declare decline defeat defend define deliver demand demonstrate deny depend
    describe design destroy determine develop die direct discover discuss display divide document
    dominate drop earn edit elect emerge emigrate employ enable encourage end enjoy enter equal
    establish estimate examine exceed exist expand expect experience explain explore export express
    extend face fail feature file fill film finish focus follow form found fund gain govern graduate
    grant guarantee handle happen hate head help hire host house identify illustrate immigrate
    implement import improve include increase indicate influence inform inherit inspire install
    intend introduce invade invent invest investigate invite involve issue join kill land last launch
    learn like link list live locate love maintain manage manufacture mark marry match measure
    mention merge migrate move name need note notice obtain occupy occur offer open operate oppose
    orbit order organize organise originate own paint participate pass perform persuade place plan
    plant play point portray possess predict prefer prepare present preserve prevent print proceed
    produce promote propose protect prove provide publish purchase pursue qualify raise rank reach
    receive recognize recognise recommend record recover reduce refer reflect refuse regard reign
    reject relate release rely remain remember remove rename replace report represent require rescue
    research reside resign resolve respond rest restore result retain retire return reveal review
    rotate rule save score select separate serve settle share sign specialize star start state stay
    stop store study succeed suffer suggest supply support surround survive talk target tend term
    test thank total tour trade train transfer translate travel treat try turn unite use vary visit
    vote wait walk want warn watch weigh wish work worry boil melt flow evaporate absorb emit consume
    breathe digest regulate stimulate inhibit encode compute calculate process transmit power orbit
    revolve erupt span stretch drain generate account comprise encompass range average peak overlook
    neighbor neighbour adjoin govern command marry divorce murder assassinate sue win lose
    score coach captain manage chair preside found""".split()
    )
    | _IRREGULAR.keys()
)
_PAST_FORMS = frozenset(past for past, _ in _IRREGULAR.values()) - {"had", "did"}
_PAST_ONLY = frozenset(past for past, part in _IRREGULAR.values() if past != part) - {"did"}
_PARTICIPLES = frozenset(part for _, part in _IRREGULAR.values()) - _PAST_FORMS - _BASES
_NOT_VERB_ED = frozenset(
    """hundred sacred naked wicked kindred hatred indeed infrared rugged ragged jagged wretched beloved
    embed shred steed united""".split()
)
# Participles that readily continue a passive: "was born in Ulm and raised in Munich" -> "was raised".
# Anything else keeps no auxiliary ("was born in 1900 and died in 1980", "... and consisted of").
_PASSIVE_PARTICIPLES = frozenset(
    """raised educated buried based located headquartered situated founded established built designed
    named renamed elected appointed awarded nominated married divorced killed murdered assassinated
    injured wounded arrested imprisoned exiled released published translated adapted produced directed
    recorded filmed broadcast listed considered regarded recognized recognised honored honoured knighted
    crowned baptized baptised canonized incorporated acquired owned managed funded sponsored supported
    criticized criticised praised banned replaced destroyed damaged rebuilt restored renovated completed
    inaugurated dedicated discovered invented developed created composed painted made held found sold
    bought used known trained employed hired fired promoted replaced described depicted portrayed
    inducted included featured followed preceded succeeded defeated elevated admitted adopted""".split()
)
# "-s" forms rarely used as plural nouns, so they can start a clause after any tense.
_STRONG_S = frozenset(
    """lives remains becomes serves contains includes teaches writes owns holds continues operates
    resides says makes takes gives goes runs stands lies flows measures consists belongs""".split()
)
_ADVERBS = frozenset(
    """also later then eventually subsequently still never soon finally afterwards thus therefore
    currently now often always mainly largely primarily first again further even only not once
    originally initially formally officially briefly""".split()
)
_ADJECTIVES = frozenset(
    """old new large small big red white black long short high low young modern ancient rich poor
    famous popular important major minor early late good bad free open public private local national
    international natural social political economic cultural historical religious military
    commercial industrial scientific technical medical legal financial physical chemical civil
    foreign domestic northern southern eastern western central main hot cold dry wet""".split()
)
# Names that contain "and": splitting them would invent two places or titles.
_COMPOUND_NAMES = frozenset(
    name.strip()
    for name in """
    bosnia and herzegovina|trinidad and tobago|antigua and barbuda|saint kitts and nevis|
    st. kitts and nevis|são tomé and príncipe|sao tome and principe|saint vincent and the grenadines|
    turks and caicos|turks and caicos islands|wallis and futuna|saint pierre and miquelon|
    svalbard and jan mayen|heard island and mcdonald islands|
    south georgia and the south sandwich islands|research and development|procter and gamble|
    johnson and johnson|barnes and noble|marks and spencer|simon and garfunkel|tom and jerry|
    romeo and juliet|pride and prejudice|war and peace|crime and punishment|sense and sensibility|
    beauty and the beast|fathers and sons|arts and crafts|arts and sciences|science and technology|
    oceanic and atmospheric administration|rock and roll|rhythm and blues|law and order|
    dungeons and dragons|bed and breakfast|ben and jerry's|lewis and clark|sodom and gomorrah|
    antony and cleopatra|troilus and cressida|mergers and acquisitions
    """.replace("\n", "").split("|")
)
_EXHAUSTIVE = frozenset("are were consist consists consisted comprise comprises comprised composed".split())
_WORD = re.compile(r"\S+")
_ALNUM = re.compile(r"\w", re.UNICODE)
_LEAD_STRIP = "\"'“‘«([{*_`"
_TRAIL_STRIP = "\"'”’»)]}.,;:!?*_`"
_OPEN_QUOTES = ('"', "“", "«")
_CLOSE_QUOTES = ('"', "”", "»")


class _Word(NamedTuple):
    start: int
    end: int
    raw: str
    low: str
    masked: bool
    bracketed: bool
    cap: bool
    comma: bool
    semi: bool
    colon: bool
    form: str | None


@functools.lru_cache(maxsize=16384)
def _verb_form(low: str) -> str | None:
    """What a word can be on its own: an auxiliary, a past, a participle, a present or a base verb."""
    if not low or not low[0].isalpha():
        return None
    if low in AUXILIARIES:
        return "aux"
    if low in _PAST_FORMS:
        return "past"
    if low in _PARTICIPLES:
        return "part"
    if low in _BASES:
        return "base"
    if low.endswith("ed") and low not in _NOT_VERB_ED and (len(low) >= 5 or low[:-1] in _BASES):
        if low.endswith("eed") and low[:-1] not in _BASES:
            return None
        return "past"
    if _s_stem(low):
        return "pres"
    return None


def _s_stem(low: str) -> str | None:
    """The base verb behind a third-person form ("lies" -> "lie", "carries" -> "carry")."""
    if len(low) < 4 or not low.endswith("s") or low.endswith(("ss", "us", "is", "'s", "’s")):
        return None
    for stem in (low[:-1], low[:-2], low[:-3] + "y"):
        if stem in _BASES:
            return stem
    return None


@functools.lru_cache(maxsize=16384)
def _token(raw: str) -> tuple[str, bool, bool, bool, bool]:
    """A token's lowercased core, whether it is capitalised, and the punctuation that trails it."""
    led = raw.lstrip(_LEAD_STRIP)
    core = led.rstrip(_TRAIL_STRIP)
    tail = led[len(core) :] if core else raw
    return core.lower(), bool(core) and core[0].isupper(), "," in tail, ";" in tail, ":" in tail


def _words(text: str, start: int, end: int) -> list[_Word]:
    """Whitespace tokens of text[start:end] with what the clause rules need to know about each."""
    mask, brackets = _mask(text, start, end)
    words: list[_Word] = []
    for match in _WORD.finditer(text, start, end):
        raw = match.group()
        offset = match.start() - start
        low, cap, comma, semi, colon = _token(raw)
        masked = mask[offset]
        words.append(
            _Word(
                match.start(),
                match.end(),
                raw,
                low,
                masked,
                brackets[offset],
                cap,
                comma,
                semi,
                colon,
                None if masked else _verb_form(low),
            )
        )
    return words


_MASK_CHARS = re.compile(r"[()\[\]{}\"“”«»]")


def _mask(text: str, start: int, end: int) -> tuple[list[bool], list[bool]]:
    """Characters inside quotes or brackets (never split there: "War and Peace", "(1879, Ulm)"),
    and, separately, those inside brackets alone (dropped when a subject is reused)."""
    if not _MASK_CHARS.search(text, start, end):
        flat = [False] * (end - start)
        return flat, flat
    mask: list[bool] = []
    brackets: list[bool] = []
    depth = 0
    quoted = False
    for i in range(start, end):
        ch = text[i]
        if ch in "([{":
            depth += 1
            mask.append(True)
        elif ch in ")]}":
            mask.append(depth > 0 or quoted)
            brackets.append(depth > 0)
            depth = max(0, depth - 1)
            continue
        elif ch == '"':
            mask.append(True)
            quoted = not quoted
        elif ch in "“«":
            mask.append(True)
            quoted = True
        elif ch in "”»":
            mask.append(True)
            quoted = False
        else:
            mask.append(depth > 0 or quoted)
        brackets.append(depth > 0)
    return mask, brackets


def _past(base: str) -> str:
    if base in _IRREGULAR:
        return _IRREGULAR[base][0]
    if base.endswith("e"):
        return base + "d"
    if base.endswith("y") and len(base) > 1 and base[-2] not in "aeiou":
        return base[:-1] + "ied"
    if (
        len(base) >= 3
        and base[-1] in "bdgmnprt"
        and base[-2] in "aeiou"
        and base[-3] not in "aeiou"
        and len(re.findall(r"[aeiou]+", base)) == 1
    ):
        return base + base[-1] + "ed"
    return base + "ed"


def _third(base: str) -> str:
    special = {"have": "has", "do": "does", "go": "goes", "be": "is"}
    if base in special:
        return special[base]
    if base.endswith(("s", "x", "z", "ch", "sh", "o")):
        return base + "es"
    if base.endswith("y") and len(base) > 1 and base[-2] not in "aeiou":
        return base[:-1] + "ies"
    return base + "s"


def _conjugate(aux: str, verb: str) -> str:
    """'did' + 'win' -> 'won', 'does' + 'have' -> 'has'; anything unusual keeps its auxiliary."""
    low = verb.lower()
    if not low.isalpha() or not low.isascii():
        return f"{aux} {verb}"
    if aux == "did":
        return _past(low)
    if aux == "does":
        return _third(low)
    return verb
