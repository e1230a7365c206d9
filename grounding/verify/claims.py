"""Split an LLM answer into atomic claims, the unit every checker verifies.

A verifier gives one verdict per statement; a sentence that packs two facts ("born in 1879 and won
the Nobel Prize in 1921") gets one verdict for both, so a false half hides behind a true one. The
splitter is rule-based (regexes and a small verb lexicon, no tagger), so it is deterministic, fast
and free of heavy dependencies. Where a rule is unsure it keeps words together: a wrong split puts
words in the answer's mouth, a missed split only makes a claim a little less atomic.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

from grounding.text.sentences import split_sentences
from grounding.types import Claim

__all__ = ["TEMPLATE_WORDS", "is_abstention", "is_non_claim", "segment_answer", "split_claims"]

# Words a claim may contain that come from neither the answer nor the question: the glue of the
# question templates ("The capital of Australia *is* Canberra", "X was born *in* 1879") and the
# possessive "'s" of a resolved pronoun. Inflections of question verbs ("did ... win" -> "won")
# are the only other new words.
TEMPLATE_WORDS = frozenset("is are was were the of not in on did does do has have had years s".split())

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
_AUX_PRESENT = frozenset("is are am has have does do will can may must shall".split())
_AUX_PAST = frozenset("was were had did would could might should".split())
_AUX = _AUX_PRESENT | _AUX_PAST | {"be", "been"}
_BE = frozenset("is are am was were".split())
_HAVE = frozenset("has have had".split())
_MODAL_DO = frozenset("will would can could may might must shall should do does did".split())
_DETERMINERS = frozenset(
    """the a an this these those his her its their our my your some any each every no all both either
    neither several many few another""".split()
)
_PREPOSITIONS = frozenset(
    """in on at by for with from to of into onto over under between among through during after before
    since until within without about against along across around behind beyond near via per as than
    like upon toward towards throughout despite including""".split()
)
_SUBJECT_PRONOUNS = frozenset("he she it they we i you there this these".split())
_RELATIVES = frozenset("who whom whose which that".split())
_SUBORDINATORS = frozenset(
    "when after before although though while since because if as once until unless whereas".split()
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
_NAME_CONNECTORS = frozenset("of the de del da di von van der la le du y and upon on".split())
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
_NAME_SUFFIXES = frozenset("inc ltd llc corp co jr sr plc gmbh ag sa ii iii iv".split())
_WH = frozenset("what which who whom whose where when why how".split())
_MONTHS = frozenset(
    """january february march april may june july august september october november december jan feb
    mar apr jun jul aug sep sept oct nov dec""".split()
)

_WORD = re.compile(r"\S+")
_ALNUM = re.compile(r"\w", re.UNICODE)
_LEAD_STRIP = "\"'“‘«([{*_`"
_TRAIL_STRIP = "\"'”’»)]}.,;:!?*_`"
_OPEN_QUOTES = ('"', "“", "«")
_CLOSE_QUOTES = ('"', "”", "»")
_TERMINAL = re.compile(r"[\s.!?…]+$")
_BULLET = re.compile(r"[ \t]*(?:[-*•‣◦+]|\d{1,3}[.)]|[a-z][.)])[ \t]+(?=\S)")
_HEADING = re.compile(r"[ \t]*#{1,6}[ \t]")
# Emphasis and code marks at word edges; underscores stay, as they are part of words.
_MARKDOWN = re.compile(r"(?<![\w*`])(?:\*\*|\*|`)(?=[^\s*`])|(?<=[^\s*`])(?:\*\*|\*|`)(?![\w*`])")

_EXCLAMATIONS = (
    r"(?:sure|certainly|absolutely|of course|definitely|indeed|yes|yeah|yep|no|nope|okay|ok|alright|right"
    r"|well|great|gladly|thanks|thank you(?: (?:very much|so much))?|you're welcome|no problem"
    r"|(?:great|good|excellent|interesting) question|happy to help|hi|hello|hey|greetings|hi there"
    r"|hello there|good (?:morning|afternoon|evening)|in summary|in conclusion|overall|to summarize"
    r"|to summarise|in short|in brief|short answer|answer|final answer)"
)
_DOUBTS = (
    r"(?:i'm not sure|i am not sure|i'm not certain|i am not certain|i'm not 100% sure|i don't know for sure"
    r"|i do not know for sure|i don't know exactly|i'm unsure|i am unsure|i may be wrong|i could be wrong"
    r"|i might be wrong|i don't think so|i do not think so|i don't believe so|i'm afraid not)"
)
_HEDGE_PHRASES = (
    r"(?:the answer is|the short answer is|the correct answer is|the final answer is|i think(?: that)?"
    r"|i believe(?: that)?|i guess|i suppose|i'd say|i would say|in my opinion|to the best of my knowledge"
    r"|as far as i know|if i recall correctly"
    r"|as of my (?:last|latest|knowledge) (?:update|cutoff|cut-off)(?: in \w+(?: \d{4})?)?"
    r"|based on (?:the|my) (?:provided |given )?(?:information|context|knowledge|passages?|documents?|sources?)"
    r"(?: provided| given)?|according to (?:the|my) (?:provided |given )?(?:information|context|knowledge"
    r"|passages?|documents?|sources?|training data)|please note(?: that)?|note that"
    r"|it is worth noting(?: that)?|it's worth noting(?: that)?|it is important to note(?: that)?"
    r"|it's important to note(?: that)?|as an ai(?: language model)?)"
)
# A greeting or hedge in front of the real sentence: "Sure, ...", "I think ...", "No, but ...".
_FILLER_PREFIX = re.compile(
    rf"(?:\*\*)?(?:{_EXCLAMATIONS}|{_DOUBTS}|{_HEDGE_PHRASES})(?:\*\*)?\s*[,:!]+\s*(?:but\s+|however,?\s+)?"
    rf"|{_HEDGE_PHRASES}\s+(?=\S)",
    re.IGNORECASE,
)
_FILLER_ONLY = re.compile(
    rf"(?:{_EXCLAMATIONS}|{_DOUBTS}|{_HEDGE_PHRASES})[\s,.!:;]*(?:(?:but|however)[\s,.!:;]*)?", re.IGNORECASE
)
_TAG = re.compile(
    r"(?:it|he|she|they|that|there|this|we|i|you)\s+(?:is|was|are|were|does|did|do|has|have|had|can|could"
    r"|will|would)(?:n't|\s+not)?\W*",
    re.IGNORECASE,
)
_HEDGE = re.compile(
    r"(?:i )?hope (?:this|that|it) (?:helps|answers|clarifies|is helpful)|let me know|feel free"
    r"|(?:please )?(?:don't|do not) hesitate|if you have (?:any )?(?:other|more|further|additional) questions"
    r"|i(?:'d| would) be (?:happy|glad)|happy to help|good luck|have a (?:great|nice|good|wonderful) day"
    r"|is there anything else|(?:let me|i'll|i will) (?:explain|break|walk|summarize|summarise|provide|give"
    r"|clarify|help)|here(?: is|'s| are) (?:the |a |an |some |my |what |how |a few |more )"
    r"|as an ai\b|i(?:'m| am) (?:just )?an ai\b",
    re.IGNORECASE,
)
_ABSTENTION = re.compile(
    r"\bi (?:do not|don't|dont|did not|didn't) (?:know|have (?:enough|sufficient|any|the|access|specific)"
    r"|find|see)\b|\bi(?:'m| am) (?:not sure|unsure|not certain|uncertain|unable to|not able to|sorry)\b"
    r"|\bi (?:cannot|can't|can not|could not|couldn't|am unable to|was unable to) (?:answer|determine|find"
    r"|say|tell|confirm|verify|provide|know|be certain|access|browse|help)\b"
    r"|\b(?:not enough|insufficient|no sufficient|no relevant) (?:information|context|data|evidence|details)\b"
    r"|\bno (?:information|context|data) (?:is |was )?(?:available|provided|given)\b"
    r"|\bcannot be (?:answered|determined|verified|confirmed)\b|\bunable to (?:answer|determine|find|provide)\b"
    r"|\b(?:context|passages?|text|documents?|sources?|information)(?: provided| given)? (?:does not|doesn't"
    r"|do not|don't) (?:contain|provide|mention|say|specify|include|give|state|indicate)\b"
    r"|\bbeyond (?:my|the scope of my) knowledge\b|\bi have no (?:idea|information|knowledge|data)\b"
    r"|^(?:unknown|no idea|not sure|unsure|no answer|cannot answer|can't answer|n/a)\W*$"
    r"|^(?:sorry|i apologi[sz]e)\b",
    re.IGNORECASE,
)
_YES_NO = re.compile(
    r"\s*(?P<word>yes|yeah|yep|correct|true|right|no|nope|incorrect|false)\b"
    r"(?:[\s,.!;:-]*(?:(?:it|he|she|they|that|there|this|we|i|you)\s+)?(?:is|was|are|were|does|did|do|has"
    r"|have|had|can|could|will|would)(?:n't|\s+not)?)?[\s.!]*",
    re.IGNORECASE,
)
_NEGATIVE = frozenset("no nope incorrect false".split())


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


@dataclass(frozen=True, slots=True)
class _Segment:
    start: int
    end: int
    kind: str  # "text", "item", "heading" or "filler"
    intro: int | None = None


@dataclass(slots=True)
class _Piece:
    start: int
    end: int
    text: str
    sentence: int
    subject: str | None = None  # as written in the answer, before any pronoun is resolved


@functools.lru_cache(maxsize=16384)
def _verb_form(low: str) -> str | None:
    """What a word can be on its own: an auxiliary, a past, a participle, a present or a base verb."""
    if not low or not low[0].isalpha():
        return None
    if low in _AUX:
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


def _finite(words: list[_Word], k: int, start: int) -> str | None:
    """The verb reading of words[k] in context, or None where context says noun or adjective."""
    word = words[k]
    form = word.form
    if form is None and k > start and not word.cap and not word.masked:
        if words[k - 1].low in ("he", "she", "it") and word.low.endswith("s") and not word.low.endswith("ss"):
            return "pres"
    if form is None or form == "part":
        return None
    if word.cap and k != start:
        return None
    if form == "aux":
        return form
    if k == start:
        return form if form == "past" or not word.cap else None
    prev = words[k - 1]
    pl = prev.low
    if pl in _DETERMINERS or pl == "to" or pl.endswith(("'s", "’s")):
        return None
    if form in ("pres", "base"):
        if pl in _PREPOSITIONS or pl in _ADJECTIVES or pl[:1].isdigit() or prev.comma:
            return None
        if form == "base" and not (
            pl in {"they", "we", "i", "you"} or (pl.endswith("s") and not pl.endswith("ss")) or pl in _MODAL_DO
        ):
            return None
    return form


def _is_gerund(low: str) -> bool:
    return low.endswith("ing") and (low[:-3] in _BASES or low[:-3] + "e" in _BASES or low[:-4] in _BASES)


def _opens_phrase(words: list[_Word], start: int) -> bool:
    """Does a clause start with a subordinate or participle phrase ("Designed by X, it ...")?"""
    word = words[start]
    if word.low in _SUBORDINATORS or word.form == "part" or _is_gerund(word.low):
        return True
    nxt = words[start + 1].low if start + 1 < len(words) else ""
    return word.form == "past" and word.low.endswith("ed") and nxt in _PREPOSITIONS


def _main_verb(words: list[_Word], start: int, end: int) -> int | None:
    """Index of the clause's main verb, skipping a leading subordinate phrase and relative clauses."""
    begin = start
    if _opens_phrase(words, start):
        for k in range(start, end - 1):
            if words[k].comma and not words[k].masked:
                begin = k + 1
                break
    found: int | None = None
    for k in range(begin, end):
        if words[k].masked or _finite(words, k, begin) is None:
            continue
        if found is None:
            found = k
            if not any(words[m].low in _RELATIVES and not words[m].masked for m in range(begin + 1, k)):
                return k
        else:
            return k
    return found


def _subject(words: list[_Word], start: int, verb: int) -> str | None:
    """The words before the main verb, cleaned for reuse: no parentheticals, appositives or adverbs."""
    begin = start
    if _opens_phrase(words, start):
        for k in range(start, verb):
            if words[k].comma and not words[k].masked:
                begin = k + 1
                break
    kept = [w for w in words[begin:verb] if not w.bracketed]
    if not kept:
        return None
    chunks: list[list[_Word]] = [[]]
    for w in kept:
        chunks[-1].append(w)
        if w.comma:
            chunks.append([])
    chunks = [c for c in chunks if c]
    while (
        len(chunks) > 1
        and len(chunks[0]) == 1
        and chunks[0][0].low
        in _ADVERBS | {"however", "moreover", "additionally", "furthermore", "notably", "today", "interestingly"}
    ):
        chunks = chunks[1:]
    if len(chunks) > 1 and chunks[0][0].cap and chunks[0][0].low not in _PREPOSITIONS | _SUBORDINATORS:
        suffix = len(chunks[1]) == 1 and chunks[1][0].low.rstrip(".") in _NAME_SUFFIXES
        chunks = chunks[:2] if suffix else chunks[:1]
    chosen = [w for chunk in chunks for w in chunk]
    if chosen[-1].low in _SUBJECT_PRONOUNS - {"this", "these", "there"} and len(chosen) > 1:
        chosen = chosen[-1:]
    text = " ".join(w.raw for w in chosen).rstrip(",;: ")
    return text or None


def _aux_info(words: list[_Word], verb: int, end: int) -> tuple[str | None, bool, bool]:
    """The auxiliary of a clause and whether it builds a passive or a perfect."""
    word = words[verb]
    if word.form != "aux":
        return None, False, False
    aux = word.raw
    nxt = verb + 1
    if nxt < end and words[nxt].low == "been":
        nxt += 1
    participle = nxt < end and words[nxt].form in ("part", "past")
    passive = participle and (word.low in _BE or (nxt > verb + 1))
    perfect = participle and word.low in _HAVE and nxt == verb + 1
    return aux, passive, perfect


def _tense(words: list[_Word], verb: int) -> str:
    word = words[verb]
    if word.form == "aux":
        return "present" if word.low in _AUX_PRESENT else "past"
    return {"pres": "present", "base": "base"}.get(word.form or "", "past")


def _right_kind(words: list[_Word], r: int, end: int) -> str | None:
    """Is words[r:end] a full clause ('full'), a subject-less verb phrase ('vp') or neither?"""
    if r >= end:
        return None
    if words[r].masked:
        return "full" if _full_clause(words, r, end) else None
    k = r
    while k < end - 1 and words[k].low in _ADVERBS and not words[k].comma:
        k += 1
    word = words[k]
    if word.form is not None and not word.cap and word.low not in _DETERMINERS:
        if word.form == "past" and word.low.endswith("ed") and k + 1 < end:
            nxt = words[k + 1]
            if not (
                nxt.cap
                or nxt.masked
                or nxt.low in _DETERMINERS | _PREPOSITIONS | _ADVERBS | {"to", "up", "out", "down", "off"}
                or nxt.low[:1].isdigit()
                or nxt.low.endswith("ly")
                or words[k].comma
            ):
                return None
        return "vp"
    if words[r].low in _PREPOSITIONS:
        for j in range(r + 1, min(end, r + 7)):
            if words[j - 1].comma or words[j].low in _SUBJECT_PRONOUNS:
                return "full" if _full_clause(words, j, end) else None
        return None
    return "full" if _full_clause(words, r, end) else None


def _full_clause(words: list[_Word], r: int, end: int) -> bool:
    """Does words[r:] open with a subject and a finite verb ("his family moved", "she was")?"""
    if r >= end:
        return False
    first = words[r]
    if first.raw.startswith(_OPEN_QUOTES):
        close = next((k for k in range(r, end) if words[k].raw.rstrip(",;:").endswith(_CLOSE_QUOTES)), None)
        return close is not None and _verb_with_complement(words, close + 1, r, end)
    if first.masked:
        return False
    if first.low in _SUBJECT_PRONOUNS:
        return _verb_with_complement(words, r + 1, r, end)
    if not (first.low in _DETERMINERS or first.cap or first.low[:1].isdigit() or first.low.endswith("'s")):
        return False
    for k in range(r + 1, min(end, r + 6)):
        word = words[k]
        if words[k - 1].comma or word.masked:
            return False
        if word.low in (_PREPOSITIONS | _SUBORDINATORS | _RELATIVES | _SUBJECT_PRONOUNS) - {"of"}:
            return False
        if _finite(words, k, r) is not None:
            return _verb_with_complement(words, k, r, end)
    return False


def _verb_with_complement(words: list[_Word], k: int, start: int, end: int) -> bool:
    """A finite verb at k, not an elided one ("...; Canberra is." says nothing on its own)."""
    if k >= end or _finite(words, k, start) is None:
        return False
    return words[k].form != "aux" or k + 1 < end


def _vp_carry(
    words: list[_Word], r: int, end: int, subject: str, left_verb: int, left_end: int, joiner: int
) -> str | None:
    """The words a subject-less clause needs in front ("Einstein", "Einstein was"), or None: no split."""
    k = r
    while k < end - 1 and words[k].low in _ADVERBS and not words[k].comma:
        k += 1
    word = words[k]
    form = word.form
    aux, passive, perfect = _aux_info(words, left_verb, left_end)
    tense = _tense(words, left_verb)
    nxt = words[k + 1].low if k + 1 < end else None
    if form == "aux":
        return subject
    if form == "past":
        if joiner > 0 and words[joiner - 1].low in _ADJECTIVES and word.low.endswith("ed"):
            return None
        if word.low in _PAST_ONLY:
            return subject
        if aux and perfect:
            return f"{subject} {aux}"
        by_agent = nxt == "by"
        typical = word.low in _PASSIVE_PARTICIPLES and (nxt is None or nxt in _PREPOSITIONS)
        if aux and passive and (by_agent or typical):
            return f"{subject} {aux}"
        return subject
    if form == "part":
        return f"{subject} {aux}" if aux and (passive or perfect) else None
    if form == "pres":
        if tense == "present" or word.low in _STRONG_S:
            return subject
        before = words[joiner - 1] if joiner > 0 else None
        plural_before = before is not None and before.low.endswith("s") and not before.cap
        after = words[k + 1] if k + 1 < end else None
        takes_object = after is not None and (
            after.cap
            or after.low in _DETERMINERS | _PREPOSITIONS | {"more", "over", "about", "nearly", "almost"}
            or after.low[:1].isdigit()
        )
        return subject if takes_object and not plural_before else None
    if form == "base":
        if tense == "base":
            return subject
        negated = any(w.low in ("not", "never", "n't") for w in words[left_verb:left_end])
        if aux and words[left_verb].low in _MODAL_DO and not negated:
            return f"{subject} {aux}"
    return None


@dataclass(slots=True)
class _Clause:
    start: int
    end: int
    lead: str  # words carried in front: a subject, a subject and its auxiliary, or nothing
    subject: str | None = None  # its own, or the one it borrowed
    verb: int | None = None


def _clauses(words: list[_Word]) -> list[_Clause]:
    """Cut a sentence at '; ', ', but', ', while', ', whereas' and 'and' between clauses."""
    n = len(words)
    clauses = [_Clause(0, n, "")]
    _describe(words, clauses[0])
    i = 1
    while i < n:
        current = clauses[-1]
        word = words[i]
        right: int | None = None
        joiner = i
        if words[i - 1].semi and not words[i - 1].masked:
            right = i
        elif not word.masked and word.low in ("and", "but", "while", "whereas", "yet"):
            if word.low == "and" or word.low == "but" or words[i - 1].comma:
                right = i + 1
        if right is None or right >= n or i <= current.start:
            i += 1
            continue
        kind = _right_kind(words, right, n)
        owner = _owner(clauses)
        left_has_verb = current.verb is not None and current.verb < i
        complement = any(
            words[m].low in ("that", "whether", "if") and not words[m].masked
            for m in range((current.verb or current.start) + 1, i)
        )
        if kind == "full" and left_has_verb and (right == i or words[i - 1].comma or not complement):
            current.end = i
            clause = _Clause(right, n, "")
            _describe(words, clause)
            clauses.append(clause)
            i = right + 1
            continue
        if (
            kind == "vp"
            and owner.subject
            and owner.verb is not None
            and owner.verb < i
            and word.low not in ("while", "whereas", "yet")
        ):
            carry = _vp_carry(words, right, n, owner.subject, owner.verb, i, joiner)
            if carry:
                series = _vp_series(words, owner, current.start, i) if word.low == "and" else []
                for cut in series:
                    lead = _vp_carry(words, cut, i, owner.subject, owner.verb, cut - 1, cut - 1)
                    if not lead:
                        continue
                    clauses[-1].end = cut
                    clauses.append(_carried(words, cut, i, lead, owner.subject))
                clauses[-1].end = i
                clauses.append(_carried(words, right, n, carry, owner.subject))
                i = right + 1
                continue
        i += 1
    for clause in clauses:
        while clause.end > clause.start and not _ALNUM.search(words[clause.end - 1].raw):
            clause.end -= 1
    return [c for c in clauses if c.end > c.start]


def _carried(words: list[_Word], start: int, end: int, lead: str, subject: str) -> _Clause:
    """A subject-less clause with the words it borrows; its own verb still counts for later cuts."""
    return _Clause(start, end, lead + " ", subject, _main_verb(words, start, end))


def _owner(clauses: list[_Clause]) -> _Clause:
    """The nearest clause with a subject of its own: the one a subject-less clause borrows from."""
    for clause in reversed(clauses):
        if not clause.lead:
            return clause
    return clauses[0]


def _describe(words: list[_Word], clause: _Clause) -> None:
    verb = _main_verb(words, clause.start, clause.end)
    clause.verb = verb
    clause.subject = _subject(words, clause.start, verb) if verb is not None and verb > clause.start else None


def _vp_series(words: list[_Word], owner: _Clause, start: int, stop: int) -> list[int]:
    """Earlier ', verb ...' items of 'was born in Ulm, grew up in Munich and studied in Zurich'."""
    begin = max(start, (owner.verb or start) + 1)
    cuts = []
    for k in range(begin, stop - 1):
        if words[k].comma and not words[k].masked and _right_kind(words, k + 1, stop) == "vp":
            cuts.append(k + 1)
    return cuts


def _name_run_back(words: list[_Word], last: int, floor: int) -> int | None:
    """Start of the capitalised name (or quoted title) that ends at words[last]."""
    word = words[last]
    if word.raw.rstrip(",;:").endswith(_CLOSE_QUOTES):
        for k in range(last, floor - 1, -1):
            if words[k].raw.startswith(_OPEN_QUOTES):
                return k
        return None
    if not word.cap or word.masked:
        return None
    k = last
    while k - 1 >= floor:
        prev = words[k - 1]
        if prev.comma or prev.masked:
            break
        if prev.cap or (prev.low in _NAME_CONNECTORS and prev.low != "and" and k - 2 >= floor and words[k - 2].cap):
            k -= 1
            continue
        break
    while k < last and not words[k].cap:
        k += 1
    return k


def _name_run_forward(words: list[_Word], first: int, end: int) -> bool:
    """Do words[first:end] form one name or quoted title?"""
    if first >= end:
        return False
    if words[first].raw.startswith(_OPEN_QUOTES):
        return words[end - 1].raw.rstrip(",;:.").endswith(_CLOSE_QUOTES) and all(
            w.masked for w in words[first + 1 : end]
        )
    if not words[first].cap:
        return False
    for w in words[first:end]:
        if w.masked or w.comma or not (w.cap or w.low in _NAME_CONNECTORS - {"and"} or w.low[:1].isdigit()):
            return False
    return True


def _is_predicate_boundary(words: list[_Word], k: int, start: int) -> bool:
    word = words[k]
    if word.masked:
        return False
    if _inside_title(words, k, start):
        return False  # the "of" of "The Pirates of Blood River" ends no predicate
    return word.colon or word.low in _PREPOSITIONS or _finite(words, k, start) is not None or word.form == "part"


def _inside_title(words: list[_Word], k: int, start: int) -> bool:
    """Is words[k] a lowercase connector between capitalised words of one name ("Pirates of Blood")?"""
    word = words[k]
    if word.low not in ("of", "the", "on", "in", "and") or word.cap or word.comma or k - 1 < start:
        return False
    before, after = words[k - 1], words[k + 1] if k + 1 < len(words) else None
    return before.cap and not before.comma and after is not None and (after.cap or after.low == "the")


def _list_items(words: list[_Word], clause: _Clause) -> list[tuple[int, int, int | None]] | None:
    """Items of an enumeration after a shared predicate, as (first word, end word, prefix end) ranges.

    Only 'A, B and C' lists (three or more items) and 'A and B' between two names are split; the
    words before the first item (up to `prefix end`) are shared by every item.
    """
    s, e = clause.start, clause.end
    ands = [k for k in range(s + 1, e - 1) if words[k].low == "and" and not words[k].masked]
    if not ands:
        return None
    a = ands[-1]
    commas = [k for k in range(s, a) if words[k].comma and not words[k].masked]
    if commas:
        return _comma_list(words, clause, commas, a)
    return _name_pair(words, clause, a)


def _exhaustive(words: list[_Word], boundary: int, start: int) -> bool:
    """Does the list complete a definition ("the members were A, B and C", "consisted of A and B")?

    Each item alone would then read as the whole set, which the answer never said.
    """
    if boundary < start:
        return False
    low = words[boundary].low
    if low == "of" and boundary > start:
        low = words[boundary - 1].low
    return low in _EXHAUSTIVE


def _comma_list(
    words: list[_Word], clause: _Clause, commas: list[int], a: int
) -> list[tuple[int, int, int | None]] | None:
    s, e = clause.start, clause.end
    boundary = None
    for k in range(commas[0] - 1, s - 1, -1):
        if _is_predicate_boundary(words, k, s):
            boundary = k
            break
    if boundary is None:
        if not clause.lead:
            return None
        first = s
    else:
        first = boundary + 1
        if not clause.lead and not any(
            _finite(words, k, s) is not None for k in range(s, boundary + 1) if not words[k].masked
        ):
            return None
    commas = [k for k in commas if k >= first]
    if not commas:
        return None
    items: list[tuple[int, int]] = []
    begin = first
    for k in commas:
        if k >= begin:
            items.append((begin, k + 1))
            begin = k + 1
    if begin < a:
        items.append((begin, a))
    items.append((a + 1, e))
    for n in range(len(items) - 1, 0, -1):
        f, b = items[n]
        if n < len(items) - 1 and b - f > 1 and _is_predicate_boundary(words, f, s):
            first = f + 1
            items = [(first, items[n][1]), *items[n + 1 :]]
            break
    if len(items) < 3 or any(b <= f for f, b in items) or _exhaustive(words, first - 1, s):
        return None
    for f, b in items:
        if b - f > 6 and (f, b) != items[-1]:
            return None
        for k in range(f, b):
            w = words[k]
            if w.low in ("or", "nor") or (not w.masked and _finite(words, k, f) is not None and k > f):
                return None
            if (f, b) == items[-1] and w.comma:
                return None
    heads = items[:-1]
    last_f, last_b = items[-1]
    if (
        all(b - f - (words[f].low in _DETERMINERS) == 1 and not words[b - 1].cap for f, b in heads)
        and last_b - last_f > 1
        and not words[last_f + 1].cap
        and words[last_f + 1].low not in _PREPOSITIONS
    ):
        return None
    return [(f, b, first) for f, b in items]


def _name_pair(words: list[_Word], clause: _Clause, a: int) -> list[tuple[int, int, int | None]] | None:
    s, e = clause.start, clause.end
    if a - 1 < s:
        return None
    left = _name_run_back(words, a - 1, s)
    if left is None:
        return None
    right = a + 1
    if right < e and words[right].low == "the":
        right += 1
    if not _name_run_forward(words, right, e):
        return None
    if left - 1 >= s and words[left - 1].low == "the":
        left -= 1
    before = left - 1
    if before < s:
        return None
    if words[before].low in ("between", "both", "either", "neither", "among"):
        return None
    if not _is_predicate_boundary(words, before, s) or _exhaustive(words, before, s):
        return None
    if not clause.lead and not any(
        _finite(words, k, s) is not None for k in range(s, before + 1) if not words[k].masked
    ):
        return None
    left_text = " ".join(w.low for w in words[left:a]).removeprefix("the ")
    right_text = " ".join(w.low for w in words[a + 1 : e])
    for name in _COMPOUND_NAMES:
        head, _, tail = name.partition(" and ")
        if tail and left_text.endswith(head) and right_text.startswith(tail):
            return None
    if "&" in left_text:
        return None
    return [(left, a, left), (a + 1, e, left)]


def _span(words: list[_Word], first: int, end: int) -> tuple[int, int]:
    last = words[end - 1]
    trimmed = last.raw.rstrip(",;:")
    return words[first].start, last.start + max(len(trimmed), 1)


def _finish(text: str) -> str:
    """A claim as a sentence: no markdown, one space between words, a capital and a full stop."""
    text = _MARKDOWN.sub("", text)
    text = " ".join(text.split()).strip().rstrip(",;:-–— ").strip()
    if not text:
        return text
    if not re.search(r"[.!?][\"'”’)\]]*$", text):
        text += "."
    for i, ch in enumerate(text):
        if ch.isalpha():
            if ch.islower() and len(ch.upper()) == 1 and not text[:i].strip(_LEAD_STRIP):
                text = text[:i] + ch.upper() + text[i + 1 :]
            break
    return text


def _body_words(answer: str, segment: _Segment) -> list[_Word]:
    """The words of a sentence without its closing punctuation."""
    body_end = segment.end
    match = _TERMINAL.search(answer, segment.start, segment.end)
    if match and match.start() > segment.start:
        body_end = match.start()
    return _words(answer, segment.start, body_end)


def _sentence_pieces(answer: str, segment: _Segment, index: int, intro: str) -> list[_Piece]:
    """The claims of one sentence: its clauses, each split further into list items."""
    words = _body_words(answer, segment)
    if not words:
        return []
    clauses = _clauses(words)
    if intro and clauses and clauses[0].subject is None:
        clauses[0].lead = intro
    subjects = [clause.subject if clause.lead != intro or not intro else None for clause in clauses]
    pieces: list[_Piece] = []
    for clause, subject in zip(clauses, subjects, strict=True):
        items = _list_items(words, clause)
        if not items:
            start, end = _span(words, clause.start, clause.end)
            text = clause.lead + answer[start:end]
            pieces.append(_Piece(start, end, text, index, subject))
            continue
        for f, b, prefix_end in items:
            start, end = _span(words, f, b)
            prefix = clause.lead
            if prefix_end is not None and prefix_end > clause.start:
                prefix += answer[words[clause.start].start : words[prefix_end].start]
            item = answer[start:end]
            if prefix.rstrip().lower().endswith(" the") and item.lower().startswith("the "):
                item = item[4:]
            pieces.append(_Piece(start, end, prefix + item, index, subject))
    if len(pieces) == 1 and not clauses[0].lead:
        pieces[0].start, pieces[0].end = segment.start, segment.end
    return pieces


def _line_blocks(answer: str) -> list[tuple[int, int, str]]:
    """Paragraphs, bullet items and headings, as (start, end, kind) in answer order."""
    blocks: list[tuple[int, int, str]] = []
    start = 0
    for text in answer.split("\n"):
        end = start + len(text)
        line_start = start
        start = end + 1
        if not text.strip():
            if blocks and blocks[-1][2] != "gap":
                blocks.append((line_start, line_start, "gap"))
            continue
        bullet = _BULLET.match(text)
        if _HEADING.match(text):
            blocks.append((line_start + len(text) - len(text.lstrip()), end, "heading"))
        elif bullet:
            blocks.append((line_start + bullet.end(), end, "item"))
        elif blocks and blocks[-1][2] == "item" and text[:1].isspace():
            blocks[-1] = (blocks[-1][0], end, "item")
        elif blocks and blocks[-1][2] == "text":
            blocks[-1] = (blocks[-1][0], end, "text")
        else:
            blocks.append((line_start, end, "text"))
    return [b for b in blocks if b[2] != "gap"]


def _split_filler(answer: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Peel greetings and hedges ("Sure, ", "I think ") off the front of a sentence."""
    parts: list[tuple[int, int, str]] = []
    while start < end:
        match = _FILLER_PREFIX.match(answer, start, end)
        if not match or not _ALNUM.search(answer, match.end(), end):
            break
        parts.append((start, _rstrip(answer, start, match.end()), "filler"))
        start = match.end()
    parts.append((start, end, "text"))
    return parts


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


_SOFT_WRAP = re.compile(
    r"(?:,|\b(?:the|a|an|of|in|on|at|to|for|from|by|with|and|or|but|is|are|was|were|that|which|who|its|his"
    r"|her|their))[ \t]*\n(?=[ \t]*\S)",
    re.IGNORECASE,
)


def _unwrap(block: str) -> str:
    """Join hard-wrapped lines that end mid-phrase ("flows into the\nMediterranean"), length kept."""
    return _SOFT_WRAP.sub(lambda m: m.group()[:-1] + " ", block)


def _segments(answer: str) -> list[_Segment]:
    segments: list[_Segment] = []
    last_intro: int | None = None
    for start, end, kind in _line_blocks(answer):
        if kind == "heading":
            segments.append(_Segment(start, _rstrip(answer, start, end), "heading"))
            last_intro = None
            continue
        block = answer[start:end]
        sentences = split_sentences(block.replace("\n", " ") if kind == "item" else _unwrap(block))
        for n, (s, e) in enumerate(sentences):
            for ps, pe, pkind in _split_filler(answer, start + s, start + e):
                if pe <= ps:
                    continue
                seg_kind = "item" if kind == "item" and n == 0 and pkind == "text" else pkind
                intro = last_intro if seg_kind == "item" else None
                segments.append(_Segment(ps, pe, seg_kind, intro))
        if kind == "text" and segments and segments[-1].kind == "text":
            last = segments[-1]
            last_intro = len(segments) - 1 if answer[last.start : last.end].rstrip().endswith(":") else None
        elif kind == "text":
            last_intro = None
    return segments


def segment_answer(answer: str) -> list[tuple[int, int]]:
    """Spans of the answer's sentences, as `Claim.sentence` numbers them.

    Bullet items and headings are sentences of their own, and a greeting or hedge at the front of
    a sentence ("Sure, ...", "I think ...") is split off so it can be discarded without the rest.
    """
    return [(s.start, s.end) for s in _segments(answer)]


def _clean(text: str) -> str:
    return " ".join(_MARKDOWN.sub("", text).split()).strip()


def is_abstention(text: str) -> bool:
    """True for an answer that declines to answer ("I don't know", "not enough information").

    The pipeline must not score such an answer as grounded or hallucinated: there is nothing to
    check. An answer that hedges but still states something ("I'm not sure, but it was 1921") is
    not an abstention.
    """
    segments = _segments(text)
    found = False
    for segment in segments:
        part = _clean(text[segment.start : segment.end])
        if _ABSTENTION.search(part):
            found = True
        elif not is_non_claim(part):
            return False
    return found


_KNOW_QUESTION = re.compile(r"(?:did|do)\s+you\s+know(?:\s+that)?\s+(?=\S)", re.IGNORECASE)
_QUESTION_TAG = re.compile(
    r"[,;]?\s+(?:right|correct|no|agreed|true|(?:don'?t|dont|doesn'?t|isn'?t|aren'?t|wasn'?t|weren'?t|didn'?t"
    r"|haven'?t|hasn'?t|won'?t|wouldn'?t|can'?t)\s+(?:you|it|he|she|they|we|there)(?:\s+(?:think|agree|say))?)"
    r"\W*\?\W*$",
    re.IGNORECASE,
)
_QUESTION_START = re.compile(
    r"(?:what|which|who|whom|whose|where|when|why|how|is|are|was|were|do|does|did|have|has|had|can|could"
    r"|will|would|should|shall|may|might)\b",
    re.IGNORECASE,
)
_SPLICED_QUESTION = re.compile(r",\s+(?=" + _QUESTION_START.pattern + r")", re.IGNORECASE)


def _asserted_in_question(answer: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans a question sentence still asserts: what "Did you know X?" presupposes, a statement
    before a tag ("X, don't you agree?") and a statement spliced before a question ("X, did you know Y?").

    A reply that says "RJ Palacio also wrote Wonder Woman, did you know it is based on a true story?"
    makes two claims; judged as one question it would make none.
    """
    text = answer[start:end]
    spans: list[tuple[int, int]] = []
    splice = _SPLICED_QUESTION.search(text)
    if splice and not _QUESTION_START.match(text) and _has_verb(text[: splice.start()]):
        spans.append((start, start + splice.start()))
        text_start = start + splice.end()
    else:
        text_start = start
    rest = answer[text_start:end]
    know = _KNOW_QUESTION.match(rest)
    if know:
        body = rest[know.end() :].rstrip()
        body_end = text_start + know.end() + len(body.rstrip("?\"'”’)] ").rstrip())
        if _has_verb(answer[text_start + know.end() : body_end]):
            spans.append((text_start + know.end(), body_end))
    elif not spans and not _QUESTION_START.match(rest):
        tag = _QUESTION_TAG.search(rest)
        if tag and _has_verb(rest[: tag.start()]):
            spans.append((text_start, text_start + tag.start()))
    return [(a, b) for a, b in spans if _ALNUM.search(answer[a:b])]


def is_non_claim(sentence: str) -> bool:
    """Sentences with nothing to verify: questions, greetings, hedges, abstentions, headings."""
    text = _clean(sentence)
    if not _ALNUM.search(text):
        return True
    if text.startswith("#") or re.fullmatch(r"\*\*[^*]+\*\*:?", sentence.strip()):
        return True
    if text.rstrip("\"'”’)] ").endswith("?"):
        return True
    if text.endswith(":"):
        words = _words(text, 0, len(text))
        if _main_verb(words, 0, len(words)) is None:
            return True
    if _FILLER_ONLY.fullmatch(text) or _TAG.fullmatch(text) or _ABSTENTION.search(text):
        return True
    return bool(_HEDGE.match(text))


# --- short answers and their questions -----------------------------------------------------------


def _has_verb(text: str) -> bool:
    """A verb that makes a span a statement rather than a bare answer ("Delhi", "the 1921 prize")."""
    words = _words(text, 0, len(text))
    for k, word in enumerate(words):
        if word.masked or word.form is None or (word.cap and k > 0):
            continue
        prev = words[k - 1].low if k else ""
        if word.form == "aux" or (word.form in ("past", "part") and prev not in _DETERMINERS):
            return True
        if word.form in ("pres", "base") and prev in _SUBJECT_PRONOUNS - {"this", "these"}:
            return True
        if word.form == "pres" and k and words[k - 1].cap and k + 1 < len(words) and not prev.endswith("'s"):
            return True
    return False


def _is_short(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 8 and not _has_verb(text)


_PRONOUN_CLAUSE = re.compile(
    r"\b(?:(?:i|you|he|she|it|we|they|that|there)(?:['’](?:s|re|m|ve|ll|d)\b|\s+(?:\w+ly\s+|also\s+|still\s+|even\s+"
    r"|only\s+|just\s+|never\s+|always\s+|often\s+)*\w+(?:s|ed)\b)|\w+n['’]t\b)",
    re.IGNORECASE,
)


def _states_something(text: str) -> bool:
    """ "It also stars X", "it's actually a thriller", "he didn't compose it": a clause of its own,
    though its pronoun subject and short length make it look like a bare answer."""
    words = re.findall(r"[\w'’]+", text)
    if len(words) >= 2 and all(w[:1].isupper() or w[:1].isdigit() for w in words):
        return False  # "She's Gotta Have It" is a title, the answer to "Which film ...?"
    return bool(_PRONOUN_CLAUSE.search(text))


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


def _np_length(words: list[str], stop_at_verbs: bool, leave_predicate: bool = False) -> int:
    """How many leading words form the subject noun phrase of a question's remainder."""
    if not words:
        return 0
    head = words[1] if words[0].lower() in _DETERMINERS and len(words) > 1 else words[0]
    capital_run = head[:1].isupper()
    i = 1
    while i < len(words):
        w = words[i].strip(_TRAIL_STRIP + _LEAD_STRIP)
        lw = w.lower()
        prev = words[i - 1]
        if not w:
            break
        if lw in _AUX or lw in _DETERMINERS or lw in _WH:
            break
        if lw in _PREPOSITIONS and lw != "of":
            break
        form = _verb_form(lw)
        if form in ("part", "past") and not w[:1].isupper():
            break
        after_determiner = prev.lower() in _DETERMINERS
        if stop_at_verbs and form in ("base", "pres") and not w[:1].isupper() and not after_determiner:
            break
        if lw.endswith(("'s", "’s")) and i > 0 and prev[:1].isupper():
            break
        if lw == "of":
            nxt = words[i + 1] if i + 1 < len(words) else ""
            if capital_run and not nxt[:1].isupper():
                break
        elif lw == "and":
            nxt = words[i + 1] if i + 1 < len(words) else ""
            if not nxt[:1].isupper():
                break
        elif capital_run and not w[:1].isupper() and not w[:1].isdigit():
            break
        elif not capital_run and w[:1].isupper() and not prev[:1].isupper() and prev.lower() != "of":
            if not (i == 2 and words[0].lower() in ("the", "a", "an")):
                break
            capital_run = True
        i += 1
    if i >= len(words) and len(words) > 1 and leave_predicate:
        i = len(words) - 1
    return max(i, 1)


def _wh_np_end(words: list[str], start: int) -> int:
    """End of the noun after 'which'/'what' ("which magazine", "what government position")."""
    i = start
    while i < len(words):
        w = words[i]
        lw = w.lower().strip(",")
        if lw in _AUX:
            break
        if i > start and not w[:1].isupper():
            form = _verb_form(lw)
            if form in ("past", "pres", "base", "part") and lw not in ("of",):
                break
        if w.endswith(",") and i > start:
            close = next((j for j in range(i + 1, len(words)) if words[j].endswith(",")), None)
            if close is not None:
                return close + 1
        i += 1
    return i


def _join(*parts: str) -> str:
    return " ".join(p.strip() for p in parts if p and p.strip())


def _lower_article(answer: str) -> str:
    """'The Nobel Prize' in the middle of a sentence reads 'the Nobel Prize'."""
    first, _, rest = answer.partition(" ")
    if first in ("The", "A", "An") and rest:
        return first.lower() + " " + rest
    return answer


def _time_place(answer: str, wh: str, prep: str | None) -> str:
    low = answer.lower()
    first = low.split()[0] if low.split() else ""
    if first in _PREPOSITIONS or first in ("around", "circa", "approximately", "about"):
        return answer
    if prep:
        return f"{prep} {answer}"
    if wh == "where":
        return f"in {answer}"
    tokens = re.findall(r"\w+", low)
    has_month = any(t in _MONTHS for t in tokens)
    has_day = any(t.isdigit() and len(t) <= 2 for t in tokens)
    if has_month and has_day:
        return f"on {answer}"
    if tokens and (tokens[0].isdigit() or has_month or tokens[0] in ("the", "early", "late", "mid")):
        return f"in {answer}"
    return answer


def _yes_no_claim(words: list[str], negative: bool) -> str | None:
    aux = words[0].lower()
    rest = words[1:]
    if not rest:
        return None
    if aux in ("do", "does", "did"):
        n = _np_length(rest, stop_at_verbs=True)
        if n >= len(rest):
            return None
        subject, verb, tail = rest[:n], rest[n], rest[n + 1 :]
        if negative:
            return _join(" ".join(subject), aux, "not", verb, " ".join(tail))
        return _join(" ".join(subject), _conjugate(aux, verb), " ".join(tail))
    n = _np_length(rest, stop_at_verbs=False, leave_predicate=True)
    if n >= len(rest):
        return None
    return _join(" ".join(rest[:n]), aux, "not" if negative else "", " ".join(rest[n:]))


def _rest_clause(aux: str, rest: list[str], answer: str, wh: str, prep: str | None) -> str | None:
    """'[aux] S V rest' after a wh-phrase, with the answer put where the wh-phrase stood."""
    if not rest:
        return None
    do_support = aux in ("do", "does", "did")
    n = _np_length(rest, stop_at_verbs=do_support)
    if n > len(rest):
        return None
    subject = " ".join(rest[:n])
    tail = rest[n:]
    if do_support:
        if not tail:
            return None
        verb = _conjugate(aux, tail[0])
        tail = tail[1:]
    else:
        verb = aux
    tail_text = " ".join(tail)
    if wh in ("where", "when") or prep:
        return _join(subject, verb, tail_text, _time_place(answer, wh, prep))
    if tail and tail[-1].lower() in _PREPOSITIONS:
        return _join(subject, verb, tail_text, answer)
    if do_support:
        return _join(subject, verb, _lower_article(answer), tail_text)
    return _join(subject, verb, tail_text, _lower_article(answer))


def _how_claim(words: list[str], answer: str) -> str | None:
    second = words[1].lower() if len(words) > 1 else ""
    if second in ("many", "much"):
        end = _wh_np_end(words, 2)
        noun = " ".join(words[2:end])
        rest = words[end:]
        if not rest:
            return None
        amount = answer if not noun or noun.split()[-1].lower()[:4] in answer.lower() else f"{answer} {noun}"
        aux = rest[0].lower()
        if aux in ("do", "does", "did", "has", "have", "had", "will", "can", "could", "would"):
            tail = rest[1:]
            n = _np_length(tail, stop_at_verbs=aux in ("do", "does", "did"))
            if n >= len(tail) and aux in ("do", "does", "did"):
                return None
            subject = " ".join(tail[:n])
            after = tail[n:]
            if aux in ("do", "does", "did"):
                return _join(subject, _conjugate(aux, after[0]), amount, " ".join(after[1:]))
            if after:
                return _join(subject, aux, after[0], amount, " ".join(after[1:]))
            return _join(subject, aux, amount)
        if rest[0].lower() == "there" or (len(rest) > 1 and rest[1].lower() == "there"):
            return None
        return _join(amount, " ".join(rest))
    if len(words) > 2 and words[2].lower() in _BE:
        adjective = words[1]
        tail = words[3:]
        n = _np_length(tail, stop_at_verbs=False)
        subject = " ".join(tail[:n])
        unit = " years" if adjective.lower() == "old" and answer.strip().replace(".", "").isdigit() else ""
        return _join(subject, words[2], f"{answer}{unit}", adjective, " ".join(tail[n:]))
    return None


def _strip_choices(question: str) -> str:
    """'Which came first, A or B' -> 'Which came first'."""
    match = re.match(r"(.+?),\s*(?:[^,]+,\s*)*[^,]+\s+or\s+[^,]+$", question)
    if match and question.split()[0].lower() in _WH | _AUX:
        return match.group(1)
    return question


def _is_bare_predicate(rest: list[str]) -> bool:
    """'younger', 'older than Bob', 'taller': what 'Who is ___' asks about its answer, not a noun phrase."""
    head = rest[0].strip(",").lower()
    return (
        not rest[0][:1].isupper()
        and head not in _DETERMINERS
        and (head.endswith("er") or head.endswith("est") or head in ("first", "last", "older", "elder"))
    )


def _choice_claim(words: list[str], answer: str) -> str | None:
    """'Was A or B published first' + 'A' -> 'A was published first' (also with did/does/do)."""
    aux = words[0].lower()
    text = " ".join(words[1:])
    left, sep, right = text.partition(" or ")
    if not sep or aux not in _BE | _MODAL_DO:
        return None
    right_words = right.split()
    n = 0
    while n < len(right_words) and (
        right_words[n][:1].isupper()
        or right_words[n][:1].isdigit()
        or (n and right_words[n].lower() in _NAME_CONNECTORS)
    ):
        n += 1
    option_b, tail = " ".join(right_words[:n]), right_words[n:]
    if not option_b or not tail:
        return None
    picked = answer.strip().rstrip(".!").lower()
    if picked not in (left.lower(), option_b.lower()) and not any(
        picked.startswith(option.lower()) or option.lower().startswith(picked) for option in (left, option_b)
    ):
        return None
    if aux in ("do", "does", "did"):
        return _join(answer.strip().rstrip(".!"), _conjugate(aux, tail[0]), " ".join(tail[1:]))
    return _join(answer.strip().rstrip(".!"), aux, " ".join(tail))


def _question_claim(question: str, answer: str) -> str | None:
    """A statement that says what the short answer says, built from its question; None where the
    question's shape is not one the rewriting knows."""
    q = " ".join(question.split()).strip().rstrip("?.! ").strip()
    if not q:
        return answer
    q = _strip_choices(q)
    words = q.split()
    first = words[0].lower()
    result: str | None = None
    if first in _AUX and len(words) > 3:
        result = _choice_claim(words, answer)
    if result:
        return result
    if first in _PREPOSITIONS and len(words) > 3 and words[1].lower() in ("which", "what"):
        end = _wh_np_end(words, 2)
        if end < len(words) and words[end].lower() in _AUX:
            result = _rest_clause(words[end].lower(), words[end + 1 :], answer, "", first)
    elif first in ("where", "when") and len(words) > 2 and words[1].lower() in _AUX:
        result = _rest_clause(words[1].lower(), words[2:], answer, first, None)
    elif first == "how" and len(words) > 2:
        result = _how_claim(words, answer)
    elif first in ("who", "whom", "what", "which") and len(words) > 1:
        result = _wh_claim(words, answer)
    elif first not in _WH:
        result = _embedded_wh(words, answer)
    return result


def _wh_claim(words: list[str], answer: str) -> str | None:
    first = words[0].lower()
    second = words[1].lower()
    if second in _AUX:
        aux, rest = second, words[2:]
        if not rest:
            return None
        if aux in ("do", "does", "did"):
            return _rest_clause(aux, rest, answer, "", None)
        if rest[-1].lower() in _PREPOSITIONS:
            return _rest_clause(aux, rest, answer, "", None)
        starts_np = rest[0].lower() in _DETERMINERS or rest[0].lower().endswith(("'s", "’s"))
        participle = _verb_form(rest[0].lower()) in ("part", "past") and not rest[0][:1].isupper()
        if first == "what" and not participle:
            return _join(" ".join(rest), aux, _lower_article(answer))
        if first in ("who", "which") and (starts_np or participle or first == "which"):
            return _join(answer, aux, " ".join(rest))
        if first in ("who", "whom") and not _is_bare_predicate(rest):
            return _join(" ".join(rest), aux, _lower_article(answer))
        return _join(answer, aux, " ".join(rest))
    if first in ("who", "what") and _verb_form(second) is not None and not words[1][:1].isupper():
        return _join(answer, " ".join(words[1:]))
    if first in ("what", "which"):
        end = _wh_np_end(words, 1)
        if end >= len(words):
            return None
        verb = words[end].lower()
        rest = words[end + 1 :]
        if verb in ("do", "does", "did"):
            return _rest_clause(verb, rest, answer, "", None)
        if verb in _AUX and rest and rest[-1].lower() in _PREPOSITIONS:
            return _rest_clause(verb, rest, answer, "", None)
        return _join(answer, " ".join(words[end:]))
    return None


def _embedded_wh(words: list[str], answer: str) -> str | None:
    """'X is based in what city' -> 'X is based in <answer>'."""
    positions = [i for i, w in enumerate(words) if w.lower().strip(",") in ("what", "which", "who", "whom")]
    if not positions:
        return None
    i = positions[-1]
    if words[i].lower() in ("who", "whom"):
        end = i + 1
    else:
        end = i + 1
        while (
            end < len(words)
            and words[end].lower() not in _PREPOSITIONS | _AUX
            and _verb_form(words[end].lower()) not in ("past", "pres", "part")
        ):
            end += 1
    tail = words[end:]
    spoken = answer.rstrip(" .!").split()
    while tail and len(spoken) > len(tail) and [w.lower() for w in spoken[-len(tail) :]] == [w.lower() for w in tail]:
        tail = []
    return _join(" ".join(words[:i]), _lower_article(answer.rstrip(" .!") if not tail else answer), " ".join(tail))


# --- pronouns ------------------------------------------------------------------------------------

_PRONOUN_START = re.compile(r"^(?P<lead>(?:[^,]{1,40}, )?)(?P<pronoun>he|she|his|her|it|its)\b", re.IGNORECASE)
_EXPLETIVE_IT = re.compile(
    r"it(?:'s| is| was| has been| had been| seems| seemed| appears| appeared| remains)\b(?:\s+\S+){0,4}?"
    r"\s+(?:that|to|whether|if|how|why|when)\b",
    re.IGNORECASE,
)


def _is_person_name(subject: str) -> bool:
    """A bare proper name ("Albert Einstein"): what a later "he" or "she" most likely means."""
    tokens = subject.split()
    if not tokens or len(tokens) > 5 or not tokens[0][:1].isupper():
        return False
    if tokens[0].lower() in _DETERMINERS | _SUBJECT_PRONOUNS | _PREPOSITIONS:
        return False
    return all(t[:1].isupper() or t.lower() in _NAME_CONNECTORS for t in tokens)


def _is_named_thing(subject: str) -> bool:
    """'The Eiffel Tower', 'The Amazon River': a named thing, never a person, that 'it' can mean."""
    tokens = subject.split()
    if len(tokens) < 2 or len(tokens) > 7 or tokens[0] != "The" or not tokens[1][:1].isupper():
        return False
    return all(t[:1].isupper() or t.lower() in _NAME_CONNECTORS for t in tokens[1:])


def _resolve(text: str, person: str | None, thing: str | None) -> str:
    """Put the antecedent's name in place of a claim's leading pronoun, so the claim stands alone."""
    match = _PRONOUN_START.match(text)
    if not match:
        return text
    pronoun = match.group("pronoun").lower()
    after = text[match.end() :]
    replacement: str | None = None
    if pronoun in ("he", "she"):
        replacement = person
    elif pronoun == "his" or (pronoun == "her" and re.match(r"\s+[a-z]", after)):
        replacement = f"{person}'s" if person else None
    elif pronoun == "it" and not _EXPLETIVE_IT.match(text, match.start("pronoun")):
        replacement = thing
    elif pronoun == "its":
        replacement = f"{thing}'s" if thing else None
    if replacement is None:
        return text
    if match.group("lead") and replacement.startswith("The "):
        replacement = "the " + replacement[4:]
    return text[: match.start("pronoun")] + replacement + after


# --- the splitter ----------------------------------------------------------------------------------


def split_claims(answer: str, question: str | None = None, resolve_pronouns: bool = True) -> list[Claim]:
    """Atomic claims of an answer, in answer order, each with the span of the words it came from.

    Sentences are split into clauses at '; ', ', but', ', while', ', whereas' and 'and' (a clause
    without a subject borrows the sentence's), enumerations after a shared predicate become one
    claim per item, and greetings, hedges, questions and abstentions yield no claim. A short answer
    with its question ("Delhi" to "Where ...?") is rewritten into one checkable statement, and a
    leading "He"/"She" ("It") takes the name of the person (named thing) an earlier claim was about.
    """
    if not answer or not answer.strip():
        return []
    segments = _segments(answer)
    content = _content(answer, segments)
    pieces: list[_Piece] = []
    if question and question.strip():
        piece = _answer_to_question(answer, segments, content, question)
        if piece is not None:
            pieces.append(piece)
            content = [i for i in content if segments[i].end <= piece.start or segments[i].start >= piece.end]
    lending = _lending_intros(answer, segments, content)
    for i, segment in enumerate(segments):
        if segment.kind == "text" and i not in content and answer[segment.start : segment.end].rstrip().endswith("?"):
            for start, end in _asserted_in_question(answer, segment.start, segment.end):
                pieces.extend(_sentence_pieces(answer, _Segment(start, end, "text"), i, ""))
    for i in content:
        segment = segments[i]
        if i in lending:
            continue
        intro = ""
        if segment.intro in lending:
            intro = _clean(answer[segments[segment.intro].start : segments[segment.intro].end]).rstrip(": ") + ": "
        pieces.extend(_sentence_pieces(answer, segment, i, intro))
    pieces.sort(key=lambda p: (p.start, p.end))
    claims: list[Claim] = []
    person: str | None = None
    thing: str | None = None
    for piece in pieces:
        text = _finish(piece.text)
        if not _ALNUM.search(text) or not _ALNUM.search(answer[piece.start : piece.end]):
            continue
        if resolve_pronouns:
            text = _resolve(text, person, thing)
        subject = _clean(piece.subject).strip("\"'“”") if piece.subject else None
        if subject and _is_person_name(subject):
            person = subject
        if subject and _is_named_thing(subject):
            thing = subject
        elif subject and subject.lower() not in _SUBJECT_PRONOUNS:
            thing = None
        claims.append(Claim(index=len(claims), text=text, start=piece.start, end=piece.end, sentence=piece.sentence))
    return claims


def _content(answer: str, segments: list[_Segment]) -> list[int]:
    """Indexes of the segments that can hold a claim (text and list items, not greetings or hedges)."""
    return [
        i for i, s in enumerate(segments) if s.kind in ("text", "item") and not is_non_claim(answer[s.start : s.end])
    ]


def read_with_question(answer: str, question: str | None) -> str:
    """A terse answer as the statement it makes with its question; any other answer unchanged.

    "Delhi" to "What is the capital of India?" reads "The capital of India is Delhi.". Used where
    the whole answer is judged at once, so that a one-word answer is not judged as a bare name. An
    answer that says more ("Exactly. She played in London in 2012.") is left as it is: its opening
    word is a reply to the conversation, not a statement to complete.
    """
    if not question or not question.strip() or not answer.strip():
        return answer.strip()
    segments = _segments(answer)
    content = _content(answer, segments)
    piece = _answer_to_question(answer, segments, content, question)
    if piece is None or _ALNUM.search(answer[: piece.start] + " " + answer[piece.end :]):
        return answer.strip()
    if piece.text.startswith(f"{question.strip().rstrip('?').strip()}:"):
        return answer.strip()  # no statement could be made of it, only "turn: reply"
    return _finish(piece.text)


def _answer_to_question(answer: str, segments: list[_Segment], content: list[int], question: str) -> _Piece | None:
    """The one claim of a terse answer ("Delhi", "Yes, it is") read together with its question."""
    whole = _clean(answer)
    yes_no = _YES_NO.fullmatch(whole)
    if yes_no:
        negative = yes_no.group("word").lower() in _NEGATIVE
        q = " ".join(question.split()).strip().rstrip("?.! ")
        text = _yes_no_claim(q.split(), negative) if q and q.split()[0].lower() in _AUX else None
        first = next((i for i, s in enumerate(segments) if _ALNUM.search(answer[s.start : s.end])), 0)
        start = len(answer) - len(answer.lstrip())
        text = text or f"{question.strip().rstrip('?').strip()}: {yes_no.group('word')}"
        return _Piece(start, _rstrip(answer, start, len(answer)), text, first)
    if not content:
        return None
    first = content[0]
    if any(s.kind not in ("filler", "heading") for s in segments[:first]):
        return None
    segment = segments[first]
    value = _clean(answer[segment.start : segment.end]).rstrip(".!;: ")
    if not value or not _is_short(value):
        return None
    end = _rstrip(answer, segment.start, segment.end)
    if _states_something(value):
        return None  # "It also stars X" is a sentence of its own; the question adds no content to it
    claim = _question_claim(question, value) or f"{question.strip().rstrip('?').strip()}: {value}"
    return _Piece(segment.start, end, claim, first)


def _lending_intros(answer: str, segments: list[_Segment], content: list[int]) -> set[int]:
    """Intros ending in ':' whose words complete the subject-less items below them.

    Such an intro ("Switzerland borders:") is no claim of its own; each item becomes one
    ("Switzerland borders: France").
    """
    lending: set[int] = set()
    for i in content:
        intro = segments[i].intro
        if intro is None or intro in lending:
            continue
        text = answer[segments[intro].start : segments[intro].end].rstrip()
        if is_non_claim(text[:-1] + ".") or not text.endswith(":"):
            continue
        words = _body_words(answer, segments[i])
        clauses = _clauses(words) if words else []
        if clauses and clauses[0].subject is None:
            lending.add(intro)
    return lending
