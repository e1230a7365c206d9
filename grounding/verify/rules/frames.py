"""A claim that keeps the evidence's sentence but changes who or what fills one slot of it.

"The capital of Australia is Sydney" against "The capital of Australia is Canberra, while Sydney is
its largest city"; "Instagram acquired Facebook" against "Facebook acquired Instagram"; "Python was
created by James Gosling" against "Python was created by Guido van Rossum". A small cross-encoder sees
every word of the claim in the evidence and calls it entailed. Two rules read the sentence's frame:

- `substitutions`: the claim and an evidence clause agree word for word except in one slot, where
  each names a different thing of one kind (a name, a month, a weekday, a year, a quantity), read either
  way round where "is" joins a description and a name ("The capital of Canada is Toronto" / "Ottawa is
  the capital of Canada"); or the claim gives the value a plan had before the evidence moved it;
- `roles`: the same verb with its agent and patient swapped, or the same patient given another agent
  ("Sam Neill directed Jurassic Park" / "Jurassic Park was directed by Steven Spielberg"); a person the
  evidence names for another part and leaves out of the list the claim puts them in is never supported
  ("Steven Spielberg starred in Jurassic Park" / "... directed by Steven Spielberg and starred Sam Neill");
  a post the evidence gives someone else while giving the claim's person another (`titles`).

A passive may come without its "is" ("a hormone produced by the pancreas"), a work may be named with its
maker by "by" ("an 1813 novel by Jane Austen" is a book she wrote), a part by a possessive ("Peter's
daughter"), and a participle set off by commas says what its subject was ("The update, released on 3
June, ..."). Both rules stand down when any
evidence sentence holds every content word of the claim (the evidence may say it elsewhere), and when
the claim's filler is listed beside the evidence's ("founded by Paul Allen and Bill Gates"): a co-author
is not a contradiction; `substitutions` also where another sentence names both fillers ("born in
Zelazowa Wola" / "Zelazowa Wola is a village in central Poland").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from grounding.text.lexicon import (
    BE_FORMS,
    CURRENCIES,
    DAYS_OF_THE_WEEK,
    DETERMINERS,
    MODALS_AND_DO,
    MONTHS,
    NAME_CONNECTORS,
    PREPOSITIONS,
    STOPWORDS,
    SUBORDINATORS,
)
from grounding.text.names import subject_name
from grounding.text.quantities import (
    Quantity,
    centuries,
    day_and_month,
    decades,
    in_decade,
    parse_quantities,
    same_quantity,
    years_in,
)
from grounding.text.sentences import split_sentences
from grounding.types import Correction, Effect, RuleFinding
from grounding.verify.arithmetic import summed
from grounding.verify.rules.base import CLAUSE_BREAK, contradiction, quote
from grounding.verify.rules.directions import other_way_round
from grounding.verify.rules.titles import other_post

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[.,]\d+)*(?:['’][a-z]+)?|[$€£%]")
MIN_CONTEXT = 0.75
"""Share of the claim's other content words the clause must say in the claim's order around the slot."""
_WEEKDAYS = frozenset(DAYS_OF_THE_WEEK)
_REFERRING = frozenset("it its he his she her they their them this that these those".split())
_ADDITIVE = frozenset({"also", "too", "another", "additionally", "among", "including"})
_TITLES = frozenset("mr mrs ms miss dr prof sir dame lady lord st mt".split())
_STYLES = _TITLES | frozenset(
    "admiral general colonel major captain lieutenant sergeant commander judge justice senator governor mayor"
    " president king queen prince princess duke duchess emperor empress bishop archbishop".split()
)
"""Ranks and offices said before a name: "Admiral Corwin Leste" and "Admiral Hester Vane" are two people."""
_LIST_WORDS = frozenset({"and", "or", "&", "with", "together", "along", "both"})
_IRREGULAR = {
    "wrote": "write",
    "written": "write",
    "won": "win",
    "beat": "beat",
    "beaten": "beat",
    "began": "begin",
    "begun": "begin",
    "built": "build",
    "bought": "buy",
    "sold": "sell",
    "led": "lead",
    "taught": "teach",
    "made": "make",
    "took": "take",
    "taken": "take",
    "gave": "give",
    "given": "give",
    "found": "find",
    "drew": "draw",
    "drawn": "draw",
    "sang": "sing",
    "sung": "sing",
    "ran": "run",
    "held": "hold",
    "left": "leave",
    "lost": "lose",
    "met": "meet",
    "paid": "pay",
    "sent": "send",
    "shot": "shoot",
    "struck": "strike",
    "told": "tell",
    "threw": "throw",
    "thrown": "throw",
    "overtook": "overtake",
    "defeated": "defeat",
    "killed": "kill",
    "chose": "choose",
    "chosen": "choose",
    "stole": "steal",
    "lent": "lend",
    "brought": "bring",
}


@dataclass(frozen=True)
class _Token:
    text: str
    low: str
    start: int  # character offset in its clause: whether the word opens the sentence

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper() or self.text[:1].isdigit()


@functools.lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[_Token, ...]:
    """Cached: every claim of an answer is read against the same evidence clauses."""
    tokens = []
    for match in _TOKEN.finditer(text):
        low = match.group().lower().replace("’", "'")
        low = low[:-2] if low.endswith("'s") else low
        tokens.append(_Token(match.group(), _SAME_WORD.get(low, low), match.start()))
    return tuple(tokens)


_SAME_WORD = {"biggest": "largest", "bigger": "larger", "leading": "top"}
"""Words read as one where a claim and its evidence name who holds a place: "the biggest lake" is "the largest
lake", "the all-time leading scorer" "the all-time top scorer"."""


def _content(tokens: Sequence[_Token]) -> set[str]:
    return {t.low for t in tokens if t.low not in STOPWORDS and len(t.low) > 1 or t.low.isdigit()}


@dataclass(frozen=True)
class _Clause:
    sentence: str
    text: str
    tokens: tuple[_Token, ...]
    content: frozenset[str]


@functools.lru_cache(maxsize=64)
def _clauses(evidence: str) -> tuple[_Clause, ...]:
    """The evidence's clauses with their sentences, read once per evidence, not once per claim: a frame
    is read inside one clause, and quoted from its sentence."""
    clauses = []
    previous = ""
    for start, end in split_sentences(evidence):
        sentence = evidence[start:end]
        parts = [part for part in CLAUSE_BREAK.split(sentence) if part and part.strip()]
        if parts and (named := _he_or_she(parts[0], previous)):
            parts = [named, *parts[1:], parts[0]]  # "Daniel Achterberg is ... He reports to ...": he is Achterberg
        done = _done_while(sentence, previous)
        previous = sentence
        resumed = _resumed(parts)
        # "Dana Whitcombe, head of logistics, reports to the chief operating officer, Luis Ferrante": both at once
        both = _named_in_apposition([resumed, *parts[3:]]) if resumed else None
        apposed = [a for a in (_apposed(parts), _named_in_apposition(parts), resumed, both, done) if a]
        apposed += _joined_by_and(sentence, parts) + _bought(sentence) + _listing_names(sentence, parts)
        apposed += [f"{m['a']} flows into {m['b']}" for m in _TRIBUTARY.finditer(sentence)]
        apposed += [f"{won['winner']} beat {won['loser']}" for won in _WON_OVER.finditer(sentence)]
        for part in parts + apposed:
            tokens = _tokens(part)
            clauses.append(_Clause(sentence, part, tokens, frozenset(_content(tokens))))
    return tuple(clauses)


_NAMED = r"[A-Z][\w&'’-]*(?:\s+(?:of\s+)?[A-Z][\w&'’-]*){0,4}"
_PURCHASE = re.compile(
    rf"(?P<agent>{_NAMED})(?:['’]s\s+(?:\d{{4}}\s+)?|\s+(?:completed|announced|finalised|finalized|agreed|made)\s+"
    rf"(?:its|their|a|the)\s+)(?:planned\s+)?(?:purchase|acquisition|takeover|buyout)\s+of\s+(?P<patient>{_NAMED})"
)


_TRIBUTARY = re.compile(
    rf"(?P<a>{_NAMED})\s+(?:is|was)\s+(?:a|the)\s+(?:\w+\s+)?tributary\s+of\s+(?:the\s+)?(?P<b>{_NAMED})"
)
"""A river that is another's tributary flows into it: "The Kelsey River is a tributary of the Dorran"."""


_WON_OVER = re.compile(
    rf"(?P<winner>{_NAMED})\s+(?:won|triumphed|prevailed)\b[^,;.]{{0,40}}?\bover\s+(?:the\s+)?(?P<loser>{_NAMED})"
)
"""A win "over" someone, read as beating them: "The Redmont Foxes won the final 3-1 over the Harbor City Gulls"."""


_OPENERS = frozenset({"since", "after", "before", "following", "until", "despite", "with", "when"})


def _bought(sentence: str) -> list[str]:
    """A purchase said as a noun, read as its verb: "Marlow Data completed its purchase of Greystoke Analytics" says
    that Marlow Data acquired Greystoke Analytics, and bought it."""
    found = []
    for m in _PURCHASE.finditer(sentence):
        agent = m["agent"].split()
        if agent[0].lower() in _OPENERS:
            agent = agent[1:]  # "Since Haskel's 2021 takeover of Orlen Goods": Haskel's
        if agent and agent[0].lower() not in STOPWORDS:
            found += [f"{' '.join(agent)} {verb} {m['patient']}" for verb in ("acquired", "bought")]
    return found


_FRONTED_PHRASE = re.compile(r"^\s*(?:In|On|At|By|During|After|Before|Since|From|Until)\s+[^,]{1,40},\s+(?=[A-Z])")
_HE_OR_SHE = re.compile(r"^\s*(?:He|She)\s+(?=[a-z])")


def _he_or_she(part: str, previous: str) -> str | None:
    """A clause opening on "he" or "she" with the name of the one person the sentence before makes its subject, or
    None."""
    pronoun = _HE_OR_SHE.match(part)
    name = subject_name(previous) if pronoun else None
    return f"{name} {part[pronoun.end() :]}" if pronoun and name else None


_DESCRIBED = re.compile(r"^(?P<head>.*?)\b(?:the|a|an|its|their|his|her)\s+(?:[a-z-]+\s+){0,3}[a-z-]+\s*$")


def _joined_by_and(sentence: str, parts: Sequence[str]) -> list[str]:
    """A clause after "and" that opens on its verb, read with the clause before it, whose subject it shares: "The
    Sorrel River rises in the Kelvane Hills and flows into Lake Ambry" says the river flows into Lake Ambry. Not
    after a passive's agent: "was directed by Steven Spielberg and starred Sam Neill" is read as a cast list
    (`_works`)."""
    joined = []
    for before, part in zip(parts, parts[1:], strict=False):
        first = _tokens(part)[:1]
        together = f"{before.strip()} and {part.strip()}"
        passive = any(t.low == "by" for t in _tokens(before))  # "was directed by ... and starred": a cast list
        if first and not first[0].capitalised and _acts(first[0]) and not passive and together in sentence:
            joined.append(together)
    return joined


def _listing_names(sentence: str, parts: Sequence[str]) -> list[str]:
    """A clause read with the name after its "and", where it ends on a name too: "forms the border between Tellmark
    and Greywold" names both sides in one clause, which the break at "and" cuts."""
    joined = []
    for before, part in zip(parts, parts[1:], strict=False):
        named, ending = _tokens(part), _tokens(before)[-1:]
        together = f"{before.strip()} and {part.strip()}"
        if 0 < len(named) <= 4 and all(t.capitalised for t in named) and ending and ending[0].capitalised:
            joined += [together] if together in sentence else []
    return joined


def _named_in_apposition(parts: Sequence[str]) -> str | None:
    """ "Nandakumar beat the defending champion, Lotte Verhaegen, 6-4" also says "Nandakumar beat Lotte
    Verhaegen": a name set off by commas right after a description is who the description is."""
    for before, part in zip(parts, parts[1:], strict=False):
        words = part.split()
        described = _DESCRIBED.match(before)
        if described and described["head"].strip() and 0 < len(words) <= 4 and all(w[:1].isupper() for w in words):
            return f"{described['head'].strip()} {part.strip().rstrip('.')}"
    return None


def _resumed(parts: Sequence[str]) -> str | None:
    """ "The Halvard Bridge, completed in 1912, was designed by Oskar Brandt" says "The Halvard Bridge was
    designed by Oskar Brandt": a clause that opens on its auxiliary, or on its verb after a name and what that
    name is, has the subject before the aside."""
    if len(parts) < 3 or not 0 < len(_tokens(parts[0])) <= 6:
        return None
    first = _tokens(parts[2])[:1]
    if not first or first[0].capitalised:
        return None
    described = _tokens(parts[1])[:1]
    # or on its verb after a name and its description: "Dana Whitcombe, head of logistics, reports to ..."
    # (a description that names someone else, "head of the Deutsche Flugsicherung authority", ties the two)
    plain = described and not any(t.capitalised for t in _tokens(parts[1]))
    acts = _kind(_tokens(parts[0])) == "name" and plain and _acts(first[0])
    if first[0].low not in BE_FORMS | {"has", "have", "had"} and not acts:
        return None
    return f"{parts[0].strip()} {parts[2].strip()}"


def _acts(token: _Token) -> bool:
    """A word that reads as a verb after its subject's name: "reports", "joined", "led"."""
    return token.low in _IRREGULAR or token.low.endswith("ed") or token.low.endswith("s") and len(token.low) > 3


def _done_while(sentence: str, previous: str) -> str | None:
    """ "The Kestrel Bay Pirates won the final, defeating the Dunmore Falcons 24-17" also says "The Kestrel Bay
    Pirates defeated the Dunmore Falcons": a participle after the comma that ends the first clause does what that
    clause's subject, a name right before its verb, does ("Hallam was the defendant, having been sued by Quarry
    Vale Ltd"; "In 2020 she became chief executive officer, succeeding Tobias Renn", she being the one person the
    sentence before names as its subject)."""
    match = _DONE_WHILE.match(sentence)
    if not match or match["verb"] in STOPWORDS - BE_FORMS or match["verb"] in PREPOSITIONS:
        return None
    subject = match["subject"]
    if subject.lower() in {"he", "she"} and not (subject := subject_name(previous) or ""):
        return None
    done, rest = match["done"], match["rest"]
    if done == "having":
        passive = rest.startswith("been ")
        return f"{subject} {'was ' + rest[5:] if passive else rest}"
    return f"{subject} {done[:-3]}ed {rest}"


_DONE_WHILE = re.compile(
    rf"^\s*(?:(?:In|On|At|By|During|After|Before|Since)\s+[^,]{{1,40}},\s+|(?:In|On|By)\s+\d{{4}},?\s+)?"
    rf"(?:The\s+)?(?P<subject>{_NAMED}|[Hh]e|[Ss]he)\s+(?P<verb>[a-z]{{3,}})\b[^,;:]*,\s+"
    rf"(?P<done>[a-z]{{3,}}ing)\s+(?P<rest>[^,;:]+)"
)


_PARTICIPLES = frozenset("born known written built held made given taken seen shown led found sold".split())


def _apposed(parts: Sequence[str]) -> str | None:
    """ "The update, released on 3 June, fixed the bug" also says "The update was released on 3 June": a
    participle set off by commas after a short subject is a clause about that subject."""
    if len(parts) < 3 or not 0 < len(_tokens(parts[0])) <= 6:
        return None
    first = _tokens(parts[1])[:1]
    if not first or not (first[0].low.endswith("ed") or first[0].low in _PARTICIPLES) or first[0].capitalised:
        return None
    return f"{parts[0].strip()} was {parts[1].strip()}"


@functools.lru_cache(maxsize=64)
def _sentences(evidence: str) -> tuple[str, ...]:
    """The evidence's sentences, each once: what only a whole sentence shows is read there."""
    return tuple(dict.fromkeys(clause.sentence for clause in _clauses(evidence)))


def _stated_whole(claim: set[str], evidence: str) -> bool:
    """Some evidence clause holds every content word of the claim: it may say the claim there."""
    return any(claim <= clause.content for clause in _clauses(evidence))


def _trim(tokens: Sequence[_Token]) -> Sequence[_Token]:
    """A slot without the determiners and prepositions at its edges ("in 1991" is "1991")."""
    edge = DETERMINERS | PREPOSITIONS
    start, end = 0, len(tokens)
    while start < end and tokens[start].low in edge and tokens[start].low not in MONTHS:
        start += 1
    while end > start and tokens[end - 1].low in edge:
        end -= 1
    return tokens[start:end]


_BEING = BE_FORMS | {"has", "have", "had", "been"}


def _unbeing(tokens: Sequence[_Token]) -> Sequence[_Token]:
    """A slot without the forms of "be" it ends on: "Drevna has been" (the capital) is "Drevna"."""
    end = len(tokens)
    while end > 0 and tokens[end - 1].low in _BEING:
        end -= 1
    return tokens[:end]


def _numeric(token: _Token) -> bool:
    return token.low[:1].isdigit() or token.low in {"$", "€", "£", "%"}


def _kind(tokens: Sequence[_Token]) -> str | None:
    """What a slot names: a name, a month, a weekday, a currency or a quantity (a year, a date); None for
    anything else."""
    words = _trim(tokens)
    if not words:
        return None
    if any(_numeric(t) for t in words):
        units = [t for t in words if not _numeric(t) and t.low not in MONTHS]
        clean = _numeric(words[0]) or words[0].low in MONTHS
        return "quantity" if clean and len(units) <= 2 and not any(t.low in STOPWORDS for t in units) else None
    if all(t.low in MONTHS for t in words):
        return "month"
    if all(t.low in _WEEKDAYS for t in words):
        return "weekday"
    if words[-1].low in CURRENCIES and all(t.capitalised for t in words[:-1]):
        return "currency"  # "the euro", "the Danish krone"
    names = [t for t in words if t.low not in NAME_CONNECTORS and t.low not in _TITLES]
    if names and all(t.capitalised and t.low not in STOPWORDS for t in names):
        return "name"
    return None


def _span(text: str, tokens: Sequence[_Token]) -> str:
    return text[tokens[0].start : tokens[-1].start + len(tokens[-1].text)] if tokens else ""


def _leading(tokens: Sequence[_Token], kind: str) -> Sequence[_Token]:
    """The longest run of `kind` that opens an evidence span, after determiners, a preposition or one
    modifier ("northeastern Tanzania", "the Black Sea")."""
    skip = 0
    while skip < len(tokens) and tokens[skip].low in DETERMINERS | PREPOSITIONS:
        skip += 1
    ends = DETERMINERS | PREPOSITIONS | NAME_CONNECTORS
    for start in (skip, skip + 1):
        best: Sequence[_Token] = ()
        for end in range(start + 1, len(tokens) + 1):
            if tokens[end - 1].low not in ends and _kind(tokens[start:end]) == kind:
                best = tokens[start:end]
        if best:
            return best
    return []


def _quantities_at(text: str, tokens: Sequence[_Token]) -> list:
    """The quantities parsed from the whole text that overlap the tokens: "about 25 million" keeps its
    hedge and its scale though the slot holds only "25"."""
    if not tokens:
        return []
    start, end = tokens[0].start, tokens[-1].start + len(tokens[-1].text)
    return [q for q in parse_quantities(text) if q.start < end and q.end > start]


def _different_quantity(
    claim: str, claimed: Sequence[_Token], clause: str, stated: Sequence[_Token], sums: Sequence[Quantity] = ()
) -> str | None:
    """The evidence's first quantity in the slot, where it differs from every quantity the claim's holds and the
    claim's is no sum of the evidence's (`sums`: "21 new stores" against 12 and another 9)."""
    mine, theirs = _quantities_at(claim, claimed), _quantities_at(clause, stated)
    if any(q in sums for q in mine):
        return None
    if not mine or not theirs:
        return None
    return theirs[0].text if all(same_quantity(q, theirs[0]) is False for q in mine) else None


def _listed_together(sentence: str, first: str, second: str) -> bool:
    """The two fillers stand in one list in the sentence ("Paul Allen and Bill Gates", "A, B, C and D")."""
    low = sentence.lower()
    a, b = low.find(first.lower()), low.find(second.lower())
    if a < 0 or b < 0:
        return False
    between = sentence[min(a, b) : max(a, b)]
    between = re.sub(re.escape(first), " ", re.sub(re.escape(second), " ", between, flags=re.I), flags=re.I)
    words = re.findall(r"[A-Za-z0-9]+", between)
    listed = all(w.lower() in _LIST_WORDS or w.lower() in NAME_CONNECTORS or w[0].isupper() for w in words)
    return listed and ("," in between or any(w.lower() in _LIST_WORDS for w in words))


def _linked_elsewhere(evidence: str, sentence: str, one: str, other: str) -> bool:
    """Another sentence of the evidence names both: "born in Zelazowa Wola" is no contradiction of "born in
    Poland" where the evidence also says "Zelazowa Wola is a village in central Poland"."""
    one, other = one.lower(), other.lower()
    return any(s != sentence and one in s.lower() and other in s.lower() for s in _sentences(evidence))


def _abbreviates(one: str, other: str) -> bool:
    """One is the other's initials ("Sactwu", "PM" for "New Zealand Prime Minister")."""
    short, long = sorted((one, other), key=len)
    letters = re.sub(r"[^a-z]", "", short.lower())
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z]+", long) if w.lower() not in NAME_CONNECTORS).lower()
    return len(letters) >= 2 and " " not in short.strip() and letters in initials


_DEMONYM_ENDINGS = ("n", "an", "ian", "ean", "ese", "ish", "i", "ic")


def _demonym(one: str, other: str) -> bool:
    """One place or people said two ways ("Argentine" / "Argentinian", "Brazil" / "Brazilian"), not two
    places ("Niger" / "Nigeria", "Austria" / "Australia")."""
    if " " in one.strip() or " " in other.strip():
        return False
    short, long = sorted((one.lower(), other.lower()), key=len)
    root = short[:-1] if short[-1] in "ea" and len(short) > 4 else short
    return len(root) >= 4 and any(long == root + ending for ending in _DEMONYM_ENDINGS)


def _of_the_decade(one: str, other: str) -> bool:
    """ "the 1990s" against "1997": a year of the decade says what the decade says, no other value."""
    return any(
        in_decade(year, first)
        for a, b in ((one, other), (other, one))
        for *_, first in decades(a)
        for year in years_in(b)
    )


def _misspelt(one: str, other: str) -> bool:
    """One name spelt two ways ("Sukhoi" / "Suhkoi", "Bartomeu" / "Maria Bartemou", "Earpe" / "Earp"): the
    same letters, two of them swapped, or one letter more, are a spelling, not another value ("Tuesday" /
    "Thursday" are two, and so are "Iran" / "Iraq": a letter changed is another name)."""
    a, b = one.lower(), other.lower()
    if " " in a or a == b:
        return False
    b = b.split()[-1] if b.split()[-1][:1] == a[:1] else b
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    one_more = len(shorter) >= 4 and len(longer) == len(shorter) + 1
    return a[:1] == b[:1] and (
        sorted(a) == sorted(b) or one_more and any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))
    )


def _common_word(token: _Token, evidence: str) -> bool:
    """A capitalised word that opens its sentence and that the evidence writes in lower case is a
    common noun ("Police", "Ministers"), not a name."""
    return token.start == 0 and re.search(rf"(?<![A-Za-z]){re.escape(token.low)}(?![A-Za-z])", evidence) is not None


_OBJECTS = DETERMINERS | {"him", "them", "it", "us", "me"}


def _opens_on_a_verb(tokens: Sequence[_Token], slot: Sequence[_Token]) -> bool:
    """A capitalised word that opens the claim and is followed by a determiner or an object is a verb, not a
    name: a summary's bullet often opens on its verb ("Dumped his body in a creek")."""
    if len(slot) != 1 or slot[0].start != 0:
        return False
    after = next((k + 1 for k, t in enumerate(tokens) if t is slot[0]), len(tokens))
    return after < len(tokens) and tokens[after].low in _OBJECTS


_FUNCTION_WORDS = STOPWORDS | PREPOSITIONS | DETERMINERS | NAME_CONNECTORS


def _described(slot: Sequence[_Token], stated: Sequence[_Token]) -> bool:
    """The evidence's name only qualifies a description that may well denote the claim's name: "The Spurs
    midfielder" (Christian Eriksen), "Bundesliga side Wolfsburg", "the famous Muppet" (Kermit)."""
    at = next((k for k in range(len(slot)) if slot[k] is stated[0]), None)
    if at is None:
        return False
    after = slot[at + len(stated) : at + len(stated) + 1]
    headed = bool(after) and not after[0].capitalised and after[0].low not in _FUNCTION_WORDS
    modified = at >= 2 and slot[at - 2].low in {"the", "a", "an"} and not slot[at - 1].capitalised
    return headed or modified


def _nickname(
    claim: Sequence[_Token], claimed: Sequence[_Token], clause: Sequence[_Token], stated: Sequence[_Token]
) -> bool:
    """ "The Gunners", "The Foxes": one capitalised plural after "the" is a team's nickname, which may well
    stand for the claim's name without "the" (Arsenal, Leicester), not another value. A name with "the" is
    another such name ("The Rolling Stones" / "The Beatles")."""
    at = next((k for k, t in enumerate(clause) if t is stated[0]), None)
    mine = next((k for k, t in enumerate(claim) if t is claimed[0]), None)
    return (
        at is not None
        and mine is not None
        and (mine == 0 or claim[mine - 1].low != "the")
        and at > 0
        and clause[at - 1].low == "the"
        and len(stated) == 1
        and stated[0].text[:1].isupper()
        and stated[0].low.endswith("s")
        and not stated[0].low.endswith("ss")
    )


def _phrase(tokens: Sequence[_Token]) -> str:
    return " ".join(t.text for t in tokens)


_RESCHEDULING = frozenset("moved postponed rescheduled delayed pushed brought put shifted changed".split())
_EARLIER_PLAN = frozenset("originally initially first planned scheduled due".split())
_HAPPENING = frozenset("take takes place held hold happen happens occur occurs".split())
"""Words that only say an event happens ("will take place on 9 March"): the plan's sentence need not repeat them."""
_MOVED_IT = re.compile(r"^\s*(?:It|This)\s+(?:has|had|was|is|will)\b[^.]*\b(?:" + "|".join(_RESCHEDULING) + r")\b")


def _plans(evidence: str) -> Iterator[str]:
    """The evidence's sentences, and a sentence that moves "it" read with the one before, which gave the plan: "was
    originally planned for 9-10 March. It has since been postponed to 16-17 March"."""
    sentences = _sentences(evidence)
    yield from sentences
    for before, sentence in zip(sentences, sentences[1:], strict=False):
        if _MOVED_IT.match(sentence) and _EARLIER_PLAN & {t.low for t in _tokens(before)}:
            yield f"{before} {sentence}"


def _rescheduled(claim: str, mine: Sequence[_Token], wanted: set[str], sentence: str) -> RuleFinding | None:
    """ "will take place on 14 May" against "first planned for 14 May, has been moved to 21 May": the claim
    gives the date, day or time a plan had before the evidence's change. Stands down where the claim tells
    of the plan or the change itself ("was first planned for 14 May", "was moved")."""
    lows = {t.low for t in mine}
    if lows & (_RESCHEDULING | _EARLIER_PLAN):
        return None
    theirs = _tokens(sentence)
    for m, token in enumerate(theirs):
        if token.low not in _RESCHEDULING:
            continue
        to = next((k for k in range(m + 1, min(m + 4, len(theirs))) if theirs[k].low in {"to", "until"}), None)
        if to is None:
            continue
        said = _content(theirs)
        for kind in ("quantity", "weekday", "month"):
            new = _trim(_leading(theirs[to + 1 :], kind))
            olds = (_leading(theirs[start:m], kind) for start in range(m))
            for old in (o for o in olds if o and new and [t.low for t in o] != [t.low for t in new]):
                wrong = [t.low for t in old]
                at = next((i for i in range(len(mine)) if [t.low for t in mine[i : i + len(wrong)]] == wrong), None)
                context = wanted - set(wrong) - _HAPPENING
                if at is None or {t.low for t in new} <= lows or len(context & said) < max(1, len(context) / 2):
                    continue
                wrong_text, right = _span(claim, mine[at : at + len(wrong)]), _span(sentence, new)
                detail = f"The evidence says it was moved from {wrong_text!r} to {right!r}: {quote(sentence)}"
                return contradiction("substitutions", detail, sentence, Correction(wrong=wrong_text, right=right))
    return None


_MOVED_FROM = re.compile(
    r"\b(?:moved|postponed|rescheduled|brought\s+forward|put\s+back|shifted|switched)\s+from\s+(?P<old>[^,;]+?)"
    r"\s+to\s+(?P<new>[^,;.]+)",
    re.I,
)
_ORIGINAL = re.compile(r"\b(?:originally|initially|first)\s+(?:due|planned|scheduled|set|meant)\b", re.I)
_NOW = re.compile(r"\b(?:will\s+now|now\s+(?:be|take|takes)|rescheduled|new\s+date)\b", re.I)


def _moved_other_way(claim: str, evidence: str) -> RuleFinding | None:
    """ "moved from Wednesday 9 April to Saturday 5 April" against "will now be played on Wednesday 9 April ... was
    originally due to take place on Saturday 5 April": the claim's new day is the evidence's old one, and the
    other way round."""
    moved = _MOVED_FROM.search(claim)
    if moved is None:
        return None
    old, new = _days_of(moved["old"]), _days_of(moved["new"])
    if not old or not new or old & new:
        return None
    originally = [s for s in _sentences(evidence) if _ORIGINAL.search(s) and _days_of(s) == new]
    now = [s for s in _sentences(evidence) if _NOW.search(s) and not _ORIGINAL.search(s) and _days_of(s) == old]
    if not originally or not now:
        return None
    detail = f"The evidence says it was moved the other way, to {moved['old'].strip()!r}: {quote(now[0])}"
    return contradiction("substitutions", detail, now[0])


def _days_of(text: str) -> set[tuple[int, int]]:
    return {day for q in parse_quantities(text) if (day := day_and_month(text, q)) is not None}


def _turned_round(claim: str, tokens: Sequence[_Token]) -> str | None:
    """ "The capital of Canada is Toronto" as "Toronto is the capital of Canada": a definite description
    and a name joined by one "is" say the same either way round, and the evidence may say it the other way.
    Only that form: "It is a black comedy by ..." or "was leased to his nephews" names no one by "is"."""
    be = [k for k, t in enumerate(tokens) if t.low in BE_FORMS]
    if len(be) != 1 or tokens[0].low != "the":
        return None
    name = tokens[be[0] + 1 :]
    if not 0 < len(name) <= 4 or _kind(name) not in {"name", "currency"}:
        return None
    description = claim[tokens[0].start + len(tokens[0].text) : tokens[be[0]].start].strip()
    named = claim[name[0].start : name[-1].start + len(name[-1].text)]
    return f"{named} {tokens[be[0]].low} the {description}"


_OF_FORM = re.compile(
    r"^The (?P<thing>[a-z]+(?: [a-z]+)?) of (?P<owner>[A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*)"
    r" (?P<rest>(?:is|was|are|were) .+)$"
)
_POSSESSIVE_FORM = re.compile(
    r"^(?P<owner>[A-Z][\w-]*(?: [A-Z][\w-]*)*)['’]s (?P<thing>[a-z]+(?: [a-z]+)?) (?P<rest>(?:is|was|are|were) .+)$"
)


def _possessed(claim: str) -> str | None:
    """ "The currency of Switzerland is the euro" as "Switzerland's currency is the euro", and the other way
    round: one thing of one owner, said either way, and the evidence may say it the other way."""
    of = _OF_FORM.match(claim.strip())
    if of:
        return f"{of['owner']}'s {of['thing']} {of['rest']}"
    owned = _POSSESSIVE_FORM.match(claim.strip())
    return f"The {owned['thing']} of {owned['owner']} {owned['rest']}" if owned else None


def _currency_used(claim: str, tokens: Sequence[_Token]) -> str | None:
    """ "Switzerland uses the euro" as "Switzerland's currency is the euro": what a country pays in is its
    currency, the form in which the evidence usually names it."""
    uses = [k for k, t in enumerate(tokens) if t.low in {"uses", "used"}]
    if len(uses) != 1 or not 0 < uses[0] <= 4 or not all(t.capitalised for t in tokens[: uses[0]]):
        return None
    paid = _trim(tokens[uses[0] + 1 :])
    if not paid or _kind(paid) != "currency":
        return None
    owner = claim[tokens[0].start : tokens[uses[0] - 1].start + len(tokens[uses[0] - 1].text)]
    be = "is" if tokens[uses[0]].low == "uses" else "was"
    return f"{owner}'s currency {be} the {_span(claim, paid)}"


def _may_swap(wanted: set[str], clause: _Clause) -> bool:
    """A swap keeps two of the claim's words, or words the clause refers back to ("its revenue"): the clauses
    that cannot are passed over before the alignment, which costs most of the rule's time."""
    return len(wanted & clause.content) >= 2 or any(t.low in _REFERRING for t in clause.tokens)


class SubstitutionRule:
    name = "substitutions"

    def check(self, claim: str, evidence: str) -> list[RuleFinding]:
        mine = _tokens(claim)
        wanted = _content(mine)
        if len(wanted) < 3 or _ADDITIVE & {t.low for t in mine}:
            return []  # "X also starred in Y": one more value beside the evidence's, not another one
        clauses = _clauses(evidence)
        # "moved from Thursday to Friday" holds every word of "moved to Thursday": looked for even then
        moved = next((found for clause in clauses if (found := self._moved(claim, mine, wanted, clause))), None)
        moved = moved or next((f for s in _plans(evidence) if (f := _rescheduled(claim, mine, wanted, s))), None)
        moved = moved or _moved_other_way(claim, evidence)
        if moved or _stated_whole(wanted, evidence):
            return [moved] if moved else []
        readings = [(claim, mine)]
        for other in (_turned_round(claim, mine), _possessed(claim), _currency_used(claim, mine)):
            if other:
                readings.append((other, _tokens(other)))
        wants = [_content(tokens) for _, tokens in readings]
        for clause in (c for c in clauses if any(_may_swap(w, c) for w in wants)):
            for (text, tokens), want in zip(readings, wants, strict=True):
                found = self._swap(text, tokens, want, clause.text, clause.sentence, evidence)
                if found:
                    return [found]
        return []

    def _moved(self, claim: str, mine: Sequence[_Token], wanted: set[str], clause: _Clause) -> RuleFinding | None:
        """ "moved to Thursday" against "moved from Thursday to Friday": the claim's value is where the
        evidence's change started, not where it ended (a meeting, a rate, a headquarters)."""
        lows = [t.low for t in mine]
        if "from" in lows:
            return None
        theirs = clause.tokens
        for i, token in enumerate(theirs):
            if token.low != "from":
                continue
            to = next((j for j in range(i + 2, min(i + 7, len(theirs))) if theirs[j].low == "to"), None)
            if to is None:
                continue
            old = _trim(theirs[i + 1 : to])
            kind = _kind(old)
            new = _leading(theirs[to + 1 :], kind) if kind else []
            if not new or [t.low for t in new] == [t.low for t in old]:
                continue
            size = len(old)
            for k in range(len(mine) - size):
                if lows[k] == "to" and lows[k + 1 : k + 1 + size] == [t.low for t in old]:
                    claimed = mine[k + 1 : k + 1 + size]
                    context = wanted - _content(claimed)
                    if len(context & clause.content) < MIN_CONTEXT * len(context) or len(context) < 2:
                        return None
                    wrong, right = _span(claim, claimed), _span(clause.text, new)
                    detail = f"The evidence says it went from {wrong!r} to {right!r}: {quote(clause.sentence)}"
                    return contradiction(self.name, detail, clause.sentence, Correction(wrong=wrong, right=right))
        return None

    def _swap(
        self, claim: str, mine: Sequence[_Token], wanted: set[str], clause: str, sentence: str, evidence: str
    ) -> RuleFinding | None:
        theirs = _tokens(clause)
        ops = SequenceMatcher(None, [t.low for t in mine], [t.low for t in theirs], autojunk=False).get_opcodes()
        matched = {t.low for tag, i1, i2, _, _ in ops if tag == "equal" for t in mine[i1:i2]} & wanted
        elsewhere = _content(_tokens(sentence))
        slots = []
        for tag, i1, i2, j1, j2 in ops:
            if tag == "replace" and theirs[j1:j2] and all(t.low in _REFERRING for t in theirs[j1:j2]):
                matched |= _content(mine[i1:i2])  # "its revenue" for "Acme's revenue": the clause refers back
            missing = _content(mine[i1:i2]) - matched
            if tag == "equal" or not missing or tag == "delete" and missing <= elsewhere:
                continue  # "in 1215" after "at Runnymede, England,": said in the sentence, outside the clause
            slots.append((tag, i1, i2, j1, j2))
        slots = _one_name(slots, mine, theirs)
        if len(slots) != 1 or slots[0][0] != "replace" or len(matched) < 2:
            return None
        _, i1, i2, j1, j2 = slots[0]
        claimed = _trim(_unbeing(mine[i1:i2]))
        kind = _kind(claimed)
        named = _after_a_description(claimed, reach=2) if kind is None else []
        described = (
            bool(named) and named[-1] is claimed[-1] and not _FUNCTION_WORDS & {t.low for t in claimed[: -len(named)]}
        )
        if described:
            claimed, kind = named, "name"  # "the subcontractor, Pell & Dorrit Roofing": the name the slot ends on
        context = wanted - _content(claimed)
        if kind is None or len(matched & context) < MIN_CONTEXT * len(context) or j2 - j1 > len(claimed) + 4:
            return None
        if kind == "name" and (_common_word(claimed[0], evidence) or _opens_on_a_verb(mine, claimed)):
            return None
        wrong = _span(claim, claimed)
        if kind == "quantity" and (century := centuries(wrong)):
            years = years_in(_span(clause, theirs[j1:j2]))
            _, _, first, last = century[0]
            right = str(min(years)) if years and not any(first <= y <= last for y in years) else None
        elif kind == "quantity":
            right = _different_quantity(claim, claimed, clause, theirs[j1:j2], summed(claim, evidence))
        else:
            slot = _unbeing(theirs[j1:j2])
            stated = _leading(slot, kind) or (_after_a_description(slot, 2) if described else [])
            same = {t.low for t in claimed} & {t.low for t in stated} - _inner_words(claimed, stated)
            described = (
                kind == "name"
                and stated
                and (_described(theirs[j1:j2], stated) or _nickname(mine, claimed, theirs, stated))
            )
            common = kind == "name" and stated and _common_word(stated[0], evidence)  # "Police said" / "Officials said"
            right = _span(clause, stated) if stated and not same and not described and not common else None
        if (
            not right
            or _listed_together(sentence, wrong, right)
            or _abbreviates(wrong, right)
            or _demonym(wrong, right)
            or _of_the_decade(wrong, right)
            or _misspelt(wrong, right)
            or right.split()[0].lower() in PREPOSITIONS
            or _linked_elsewhere(evidence, sentence, wrong, right)
        ):
            return None
        return RuleFinding(
            rule=self.name,
            effect=Effect.CONTRADICTS,
            detail=f"The evidence says {right!r} where the claim says {wrong!r}: {quote(sentence)}",
            cite=sentence,
            correction=Correction(wrong=wrong, right=right),
        )


def _inner_words(one: Sequence[_Token], other: Sequence[_Token]) -> set[str]:
    """Words inside both names, neither first nor last in either: "Space" of "the Meridian Space Agency" and "the
    Caldera Space Institute" is no sign that the two are one name, as "Smith" of "John Smith" / "Mr Smith" is."""
    inner = [{t.low for t in name[1:-1]} - {name[0].low, name[-1].low} for name in (one, other) if len(name) > 2]
    return inner[0] & inner[1] if len(inner) == 2 else set()


def _one_name(
    slots: list[tuple[str, int, int, int, int]], mine: Sequence[_Token], theirs: Sequence[_Token]
) -> list[tuple[str, int, int, int, int]]:
    """Slots inside one name on each side read as one: "the Meridian Space Agency" against "the Caldera Space
    Institute" refills one slot, though "Space" is the same word in both."""
    if len(slots) < 2 or any(tag != "replace" for tag, *_ in slots):
        return slots
    i1, i2, j1, j2 = slots[0][1], slots[-1][2], slots[0][3], slots[-1][4]
    run = next((k for k in range(j1, j2) if not theirs[k].capitalised), j2)  # "Institute" of "Institute in 2020"
    if all(t.capitalised for t in mine[i1:i2]) and run > slots[-1][3]:
        return [("replace", i1, i2, j1, run)]
    return slots


_SAME_ACT = {
    "acquir": "buy",
    "purchas": "buy",
    "defeat": "beat",
    "sued": "sue",
    "sues": "sue",
    "replac": "succeed",
    "transferr": "send",
    "transfer": "send",
    "loan": "lend",
    "absorb": "buy",
    "act": "serv",
    "leas": "rent",
}
"""Verbs (as stemmed) for one act: "acquired by Microsoft" names the buyer that "Google bought" does, "replaced"
says who "succeeded" whom, "transferred" who "sent" money to whom, "loaned" who "lent" it, and "absorbed by"
another (or "took over" by it) who bought whom; one that "acted as" contractor "served as" it; who "leases" a
shop "rents" it."""


def _stem(word: str) -> str:
    word = _IRREGULAR.get(word, word)
    stem = re.sub(r"(?:ied|ies)$", "y", re.sub(r"(?:ed|es|s|e|ing)$", "", word)) if len(word) > 4 else word
    return _SAME_ACT.get(stem, stem)


_LIGHT_VERBS = {
    **dict.fromkeys(((_stem(verb), noun) for verb in ("filed", "brought") for noun in ("lawsuit", "suit")), "sue"),
    (_stem("launched"), "attack"): "attack",
    (_stem("paid"), "visit"): "visit",
}
"""A verb whose noun names the act, and the act: "filed a lawsuit against the tenant" is "sued the tenant",
with the tenant after "against" as the act's patient."""
_LIGHT_OBJECT = frozenset({"against", "on", "to"})


@dataclass(frozen=True)
class _Frame:
    verb: str
    agent: Sequence[_Token]
    patient: Sequence[_Token]
    one_agent: bool = True
    """Whether another agent of the same act on the same patient says the claim's is wrong: a film has one
    director in the claim's sense, a child two parents."""


def _noun_phrase(tokens: Sequence[_Token]) -> Sequence[_Token]:
    """The words of a phrase up to the first preposition, subordinator or verb-like break."""
    phrase = []
    for token in tokens:
        if phrase and (token.low in PREPOSITIONS or token.low in SUBORDINATORS) and token.low not in NAME_CONNECTORS:
            break
        if phrase and token.low in _RELATIVES:
            break  # "the prescription, which Dr Pell then dispensed": the phrase ends where a clause about it begins
        phrase.append(token)
    return phrase


_DONE_AFTER_TO = frozenset({"buy", "acquire", "purchase", "sell", "sue", "replace", "succeed", "hire", "beat"})
"""Acts said in their plain form after "to" ("agreed to buy Corvane Systems"), read as the act."""
_TOWARD_THE_ACT = frozenset({"to", "agreed", "plans", "planned", "offered", "decided", "wants", "intends"})


def _verb_like(token: _Token, previous: _Token | None) -> bool:
    if previous is not None and previous.low == "to" and token.low in _DONE_AFTER_TO:
        return True
    if token.capitalised or token.low in STOPWORDS or len(token.low) < 4 and token.low not in _IRREGULAR:
        return False
    if token.low in _IRREGULAR or token.low.endswith("ed"):
        return True
    return token.low.endswith("s") and previous is not None and previous.capitalised


def _light_verb(verb: str, following: Sequence[_Token]) -> tuple[str, Sequence[_Token]] | None:
    """The act and its patient where a verb's noun names the act ("filed a lawsuit against the tenant")."""
    words = [t.low for t in following[:4]]
    at = next((j for j, w in enumerate(words) if w in _LIGHT_OBJECT), None)
    if not at:
        return None
    act = _LIGHT_VERBS.get((verb, words[at - 1]))
    patient = _noun_phrase(following[at + 1 :])
    return (act, patient) if act and patient else None


_FLOWING = frozenset({"flow", "empti", "drain", "discharg", "feed", "pour"})
_RELATIVES = frozenset({"who", "whom", "whose", "which"})


def _by_after(tokens: Sequence[_Token], k: int) -> int | None:
    """Where the "by" of a passive stands after the verb at k: next to it, or after "as" and up to three words of a
    post ("was succeeded as governor by")."""
    if k + 1 < len(tokens) and tokens[k + 1].low == "by":
        return k + 1
    if k + 1 < len(tokens) and tokens[k + 1].low == "as":
        return next((j for j in range(k + 2, min(k + 6, len(tokens))) if tokens[j].low == "by"), None)
    if k + 3 < len(tokens) and tokens[k + 1].low == "in" and _numeric(tokens[k + 2]) and tokens[k + 3].low == "by":
        return k + 3  # "was succeeded in 1929 by"
    return None


_TAKE_OVER = frozenset({"take", "takes", "took", "taking", "taken"})


_SUE = _stem("sued")


def _to_court(after: Sequence[_Token], patient: Sequence[_Token]) -> bool:
    """ "took X to court": the words right after the one taken."""
    return bool(patient) and [t.low for t in after[len(patient) : len(patient) + 2]] == ["to", "court"]


def _name_before(tokens: Sequence[_Token]) -> list[_Token]:
    """The run of capitalised words the tokens end on: whom a relative clause after them is about."""
    start = len(tokens)
    while start > 0 and tokens[start - 1].capitalised:
        start -= 1
    return list(tokens[start:])


def _took_over(tokens: Sequence[_Token], k: int) -> bool:
    """ "took over Arden University": bought it (not "took over from A", nor "took over as chair")."""
    after = tokens[k + 1 : k + 3]
    return (
        tokens[k].low in _TAKE_OVER
        and len(after) == 2
        and after[0].low == "over"
        and (after[1].capitalised or after[1].low in {"the", "its", "rival"})
    )


def _took_over_from(tokens: Sequence[_Token], k: int) -> bool:
    """ "took over from A" says who succeeded A."""
    return tokens[k].low in _TAKE_OVER and [t.low for t in tokens[k + 1 : k + 3]] == ["over", "from"]


@functools.lru_cache(maxsize=4096)
def _frames(tokens: tuple[_Token, ...]) -> tuple[_Frame, ...]:
    """Each (agent, verb, patient) a clause states, passive turned active ("B was written by A")."""
    frames = []
    for k, token in enumerate(tokens):
        if k == 0 or not _verb_like(token, tokens[k - 1]):
            continue
        before = tokens[:k]
        by = _by_after(tokens, k)
        if before and by is not None:
            # "was written by A", and "a hormone produced by A" (a passive without its "is"), "was succeeded as
            # governor by A"
            patient = [t for t in before if t.low not in BE_FORMS | {"been", "has", "had", "have"}]
            while len(patient) > 2 and patient[0].low in PREPOSITIONS and _numeric(patient[1]):
                patient = patient[2:]  # "In 1870 Pryce was succeeded": when, not who
            agent = _noun_phrase(tokens[by + 1 :])
            agent = agent[: next((j for j, t in enumerate(agent) if t.low in _RELATIVES), len(agent))]
            after = tokens[by + 1 + len(agent) :]
            act = _LIGHT_VERBS.get((_stem(token.low), patient[-1].low)) if patient else None
            if act and after and after[0].low in _LIGHT_OBJECT and _noun_phrase(after[1:]):
                # "The lawsuit was brought by Keira Voss against Dunmore Logistics": Voss sued Dunmore
                frames.append(_Frame(act, [t for t in agent if t.low not in DETERMINERS], _noun_phrase(after[1:])))
                continue
        elif before and before[-1].low in BE_FORMS:
            continue  # "is located in": a state, not an act with an agent
        else:
            after = tokens[k + 3 :] if _took_over_from(tokens, k) else tokens[k + 1 :]
            if _took_over(tokens, k):
                after = tokens[k + 2 :]  # "took over Arden University"
            while after[:1] and after[0].low.endswith("ly") and not after[0].capitalised and len(after) > 1:
                after = after[1:]  # "reports directly to": the patient follows the adverb
            agent, patient = before, _noun_phrase(after)
            if len(before) > 1 and before[-1].low in _RELATIVES and before[-2].capitalised:
                agent = _name_before(before[:-1])  # "went the way of the Silverlake Cranes, who beat ...": the Cranes
        verb = "succeed" if _took_over_from(tokens, k) else "buy" if _took_over(tokens, k) else _stem(token.low)
        if token.low in _TAKE_OVER and by is None and _to_court(after, patient):
            verb = _SUE  # "took producer Annika Dorr to court" is "sued producer Annika Dorr"
        light = _light_verb(verb, tokens[k + 1 :])
        if light:
            verb, patient = light
        agent = [t for t in agent if t.low not in DETERMINERS]
        while len(agent) > 2 and agent[0].low in PREPOSITIONS and _numeric(agent[1]):
            agent = agent[2:]  # "In 2019 Brell took over": when, not who
        while agent and (agent[-1].low in _AUXILIARIES or agent[-1].low in _TOWARD_THE_ACT):
            agent.pop()  # "Dunmore Logistics has filed", "Tallis Networks agreed to buy": the agent is the name
        patient = [t for t in patient if t.low not in DETERMINERS]
        if patient[:1] and patient[0].low == "into" and verb in _FLOWING:
            verb = "flow"  # a river that "empties into" or "drains into" another flows into it
        if agent and patient:
            frames.append(_Frame(verb, agent, patient, one_agent=verb not in _MANY_AGENTS))
    return (
        tuple(frames)
        + _told_to(tokens)
        + _works(tokens)
        + _given_to(tokens)
        + _bought_from(tokens)
        + _first_to(tokens)
        + _awarded(tokens)
        + _supervised(tokens)
    )


_MANY_AGENTS = frozenset(
    _stem(w) for w in ("starred", "stars", "starring", "appeared", "appears", "performed", "attended", "competed")
)
"""Acts many share: a film has many stars, so "Karen Allen starred in The Sandlot" says nothing against "Tom Guiry
starred in The Sandlot"."""

_AWARDING = frozenset({"awarded", "presented", "given"})


def _awarded(tokens: Sequence[_Token]) -> tuple[_Frame, ...]:
    """A prize "awarded to" a name is one that name won: "The 2021 Orwin Prize for Poetry was awarded to Teodor
    Halvik" names the winner that "Nadia Presk won the 2021 Orwin Prize" does not."""
    for k in range(2, len(tokens) - 2):
        if tokens[k].low not in _AWARDING or tokens[k - 1].low not in BE_FORMS or tokens[k + 1].low != "to":
            continue
        prize = [t for t in tokens[: k - 1] if t.low not in DETERMINERS]
        winner = _leading(tokens[k + 2 :], "name")
        if prize and winner and any(t.capitalised for t in prize):
            return (_Frame("win", list(winner), prize),)
    return ()


_RANKS = frozenset({"first", "last", "only"})
_RANKED_ONES = frozenset({"person", "one", "man", "woman", "player", "team", "country", "astronomer", "scientist"})


def _first_to(tokens: Sequence[_Token]) -> tuple[_Frame, ...]:
    """The act a name "was the first to" do, and to what: "Thomas Yeld was the first to observe the comet" as
    "Thomas Yeld observed the comet", so that "The comet was first observed by Ruth Kellaway" names another."""
    words = [t.low for t in tokens]
    for k in range(3, len(tokens) - 2):
        if words[k] != "to" or words[k - 1] not in _RANKS | _RANKED_ONES:
            continue
        rank = k - 1 if words[k - 1] in _RANKS else k - 2
        if rank < 3 or words[rank] not in _RANKS or words[rank - 1] != "the" or words[rank - 2] not in BE_FORMS:
            continue
        agent = _leading(list(reversed(tokens[: rank - 2])), "name")[::-1]
        patient = [t for t in _noun_phrase(tokens[k + 2 :]) if t.low not in DETERMINERS]
        if agent and patient and tokens[k + 1].low not in STOPWORDS:
            return (_Frame(_stem(tokens[k + 1].low), list(agent), patient),)
    return ()


_GIVING = frozenset({"lend", "loan", "pay", "give", "send", "sell", "transferr", "transfer", "award", "grant", "owe"})
"""Acts that pass something from one party to another, the receiver named after "to" or right after the verb."""
_BEFORE_THE_ACT = (
    MODALS_AND_DO
    | BE_FORMS
    | {"to", "also", "then", "later", "agreed", "has", "have", "had", "ordered", "required", "told", "asked"}
)
_AUXILIARIES = MODALS_AND_DO | BE_FORMS | {"has", "have", "had", "been"}


def _supervised(tokens: Sequence[_Token]) -> tuple[_Frame, ...]:
    """Who worked under whom: "Tomas Reyes completed his doctorate under the supervision of Dr. Helen Okafor" and
    "... under Helen Okafor's supervision" say Okafor supervised Reyes, whoever the clause opens on."""
    student = _leading(tokens, "name")
    lows = [t.low for t in tokens]
    frames = []
    for k, low in enumerate(lows):
        if low != "under" or not student:
            continue
        after = tokens[k + 1 :]
        if lows[k + 1 : k + 4] == ["the", "supervision", "of"]:
            supervisor = _leading(after[3:], "name")
        else:
            # "under Helen Okafor's supervision": the name that owns the supervision
            owner = next((i for i, t in enumerate(after[:5]) if t.text.endswith(("'s", "’s"))), None)
            named = owner is not None and lows[k + 2 + owner : k + 3 + owner] == ["supervision"]
            owned = " ".join(t.text for t in after[: owner + 1]) if named else ""
            supervisor = _leading(_tokens(re.sub(r"['’]s$", "", owned)), "name") if owned else []
        if supervisor and _disjoint(student, supervisor):
            frames.append(_Frame("supervise", supervisor, student))
    return tuple(frames)


def _given_to(tokens: Sequence[_Token]) -> tuple[_Frame, ...]:
    """Who passes something to whom, both named: "Helmstead Bank lent €200 million to Aalto Yards", "Talbot
    Logistics must pay Ruth Mercer £48,000", "ordered Ruth Mercer to pay £48,000 to Talbot Logistics". The act
    is kept apart from the thing passed ("lend>"), and another giver is no contradiction: two parties may each
    pay the same one."""
    frames = []
    for k, token in enumerate(tokens):
        verb = _stem(token.low)
        if k == 0 or verb not in _GIVING or token.capitalised:
            continue
        j = k
        while j > 0 and tokens[j - 1].low in _BEFORE_THE_ACT:
            j -= 1
        start = j
        while start > 0 and tokens[start - 1].text[:1].isupper():
            start -= 1
        while start < j and tokens[start].low in DETERMINERS | PREPOSITIONS:
            start += 1  # "In Aalto Yards' ...", "The Helmstead Bank"
        giver = tokens[start:j]
        after = tokens[k + 1 :]
        receiver = _leading(after[:1], "name") and _leading(after, "name")
        if not receiver:
            at = next((i for i, t in enumerate(after[:8]) if t.low == "to" or t.low in SUBORDINATORS), None)
            to = after[at + 1 :] if at is not None and after[at].low == "to" else []
            receiver = _leading(to, "name") or _after_a_description(to)
        if _kind(giver) == "name" and receiver:
            frames.append(_Frame(f"{verb}>", giver, receiver, one_agent=False))
    return tuple(frames)


_BUYING = frozenset({"bought", "buys", "buy", "purchased", "purchases", "acquired", "acquires"})


def _bought_from(tokens: Sequence[_Token]) -> tuple[_Frame, ...]:
    """A purchase said from the buyer's side as the sale it is: "Oakridge Plaza was bought by Brennan Holdings from
    the Vega Family Trust" is the Vega Family Trust selling to Brennan Holdings, what `_given_to` reads in "Brennan
    Holdings sold the Oakridge Plaza office building to the Vega Family Trust", the other way round."""
    frames = []
    for k, token in enumerate(tokens):
        if token.low not in _BUYING or k == 0:
            continue
        after = list(tokens[k + 1 : k + 14])
        at = next((i for i, t in enumerate(after) if t.low == "from"), None)
        seller = _leading(after[at + 1 :], "name") if at is not None else []
        if not seller:
            continue
        if after[:1] and after[0].low == "by":
            buyer = _leading(after[1:], "name")  # "was bought by Brennan Holdings from ..."
        else:
            start = k
            while start > 0 and tokens[start - 1].text[:1].isupper():
                start -= 1
            buyer = list(tokens[start:k])  # "Brennan Holdings bought the plaza from ..."
        if buyer and _kind(buyer) == "name" and _kind(seller) == "name":
            frames.append(_Frame("sell>", seller, buyer, one_agent=False))
    return tuple(frames)


def _after_a_description(tokens: Sequence[_Token], reach: int = 4) -> Sequence[_Token]:
    """The name a short description in lower case comes before: "its former driver, Mr. Tobias Ranworth"."""
    k = next((i for i, t in enumerate(tokens[: reach + 1]) if t.capitalised), None)
    if not k or any(t.capitalised or _numeric(t) for t in tokens[:k]):
        return []
    return _leading(tokens[k:], "name")


def _told_to(tokens: Sequence[_Token]) -> tuple[_Frame, ...]:
    """The act a name is told or asked to do, and to whom: "ordered Samsung to pay Apple" as "Samsung pays
    Apple", the names on both sides (the act's verb may be any word: "pay", "sue", "join")."""
    frames = []
    for k in range(2, len(tokens) - 1):
        if tokens[k - 1].low != "to" or not tokens[k - 2].capitalised or tokens[k].capitalised:
            continue
        start = k - 2
        while start > 0 and tokens[start - 1].capitalised:
            start -= 1
        patient = _leading(tokens[k + 1 :], "name")
        if start > 0 and patient and tokens[k].low not in STOPWORDS:
            frames.append(_Frame(_stem(tokens[k].low), tokens[start : k - 1], patient))
    return tuple(frames)


_MADE_BY = {
    **dict.fromkeys("novel novels book books poem poems play plays essay essays memoir".split(), "write"),
    **dict.fromkeys("song songs symphony symphonies opera operas".split(), "compose"),
    **dict.fromkeys("painting paintings portrait".split(), "paint"),
}
"""A work named with its maker by "by", and the act that makes it: "an 1813 novel by Jane Austen" is a novel
Jane Austen wrote."""


_ROLE_NOUNS = {
    **dict.fromkeys("teacher teachers tutor tutors".split(), ("teach", False)),
    **dict.fromkeys("student students pupil pupils apprentice apprentices".split(), ("teach", True)),
    **dict.fromkeys("father mother parent parents".split(), ("parent", False)),
    **dict.fromkeys("son sons daughter daughters child children".split(), ("parent", True)),
}
"""A part named by a noun with "of", the act it stands for, and whether the subject is the act's patient:
"Plato was a student of Socrates" says Socrates taught Plato, "the teacher of Aristotle" that he taught him,
"Charles is the son of Elizabeth" that she is his parent. Only a part turned round contradicts: a child has
two parents and a pupil may have had several teachers."""


@functools.lru_cache(maxsize=4096)
def _works(tokens: tuple[_Token, ...]) -> tuple[_Frame, ...]:
    """ "Pride and Prejudice is an 1813 novel by Jane Austen" as "Jane Austen wrote Pride and Prejudice", and
    "Plato was a student of Socrates" as "Socrates taught Plato"."""
    be = next((k for k, t in enumerate(tokens) if t.low in BE_FORMS), None)
    if not be:
        return ()
    subject = [t for t in tokens[:be] if t.low not in DETERMINERS]
    made = tuple(
        _Frame(_stem(_MADE_BY[tokens[k - 1].low]), agent, subject)
        for k in range(be + 2, len(tokens))
        if tokens[k].low == "by"
        and tokens[k - 1].low in _MADE_BY
        and (agent := _leading(tokens[k + 1 :], "name"))  # "by Leo Tolstoy, first published in 1869"
    )
    parts = []
    for k in range(be + 2, len(tokens)):
        if tokens[k].low == "of" and tokens[k - 1].low in _ROLE_NOUNS and (other := _leading(tokens[k + 1 :], "name")):
            verb, subject_is_patient = _ROLE_NOUNS[tokens[k - 1].low]
            agent, patient = (other, subject) if subject_is_patient else (subject, other)
            parts.append(_Frame(_stem(verb), agent, patient, one_agent=False))
    for k in range(be + 1, len(tokens) - 1):
        if tokens[k + 1].low in _ROLE_NOUNS and (other := _possessor(tokens, k)):
            verb, subject_is_patient = _ROLE_NOUNS[tokens[k + 1].low]  # "Anna is Peter's daughter"
            agent, patient = (other, subject) if subject_is_patient else (subject, other)
            parts.append(_Frame(_stem(verb), agent, patient, one_agent=False))
    return made + tuple(parts)


def _possessor(tokens: Sequence[_Token], k: int) -> Sequence[_Token]:
    """The name that owns the noun after `k` ("Peter's", "Queen Elizabeth's"), without its "'s"."""
    last = tokens[k]
    if not last.capitalised or not re.search(r"['’]s$", last.text):
        return ()
    start = k
    while start > 0 and tokens[start - 1].capitalised and tokens[start - 1].low not in BE_FORMS:
        start -= 1
    return (*tokens[start:k], _Token(last.text[:-2], last.low, last.start))  # the low form drops "'s" already


def _same(a: Sequence[_Token], b: Sequence[_Token]) -> bool:
    mine, theirs = _content(a), _content(b)
    return bool(mine) and mine <= theirs


def _names_the(patient: Sequence[_Token], agent: Sequence[_Token]) -> bool:
    """The patient's names are the agent, a name, whatever else the patient says: "a famous biography of James
    Boswell" names the man who wrote "The Life of Samuel Johnson"."""
    named = [t for t in patient if t.capitalised]
    return _kind(agent) == "name" and bool(named) and _same(named, agent)


def _head(phrase: Sequence[_Token]) -> Sequence[_Token]:
    """A phrase without the clause that describes it after its noun: "the study linking afternoon naps to better
    memory" is "the study" that "The study, led by Dr Samuel Pike, found ..." is about."""
    cut = next((k for k, t in enumerate(phrase) if k and t.low.endswith("ing") and not t.capitalised), len(phrase))
    return phrase[:cut]


def _unpossessed(phrase: Sequence[_Token], sentence: str) -> Sequence[_Token]:
    """A phrase without its owner where the sentence names the owner elsewhere: "the Ashgrove Trust's board"
    is "the board" of "Ashgrove Trust – Our board: Tomas Reyes has chaired the board since 2019"."""
    owned = next((k for k, t in enumerate(phrase) if t.text.endswith(("'s", "’s"))), None)
    if owned is None or owned + 1 >= len(phrase):
        return phrase
    owner = {t.low for t in phrase[: owned + 1]} - DETERMINERS
    return phrase[owned + 1 :] if owner <= {t.low for t in _tokens(sentence)} else phrase


def _disjoint(a: Sequence[_Token], b: Sequence[_Token]) -> bool:
    """No word in common but a title or a rank: "Dr Mira Okafor" and "Dr Samuel Pike" are two people, and "the
    president" and "the journalist" too."""
    mine, theirs = _unstyled(_content(a)), _unstyled(_content(b))
    return not (mine & theirs) and bool(mine) and bool(theirs)


def _apart(a: Sequence[_Token], b: Sequence[_Token]) -> bool:
    """Two things, though their names may end on one word of kind: "the Tessel River" and "the Varn River"."""
    if _disjoint(a, b):
        return True
    mine, theirs = _content(a), _content(b)
    kind = a[-1].low if a and b and a[-1].low == b[-1].low else None
    return kind is not None and mine & theirs == {kind} and bool(mine - theirs) and bool(theirs - mine)


def _unstyled(words: set[str]) -> set[str]:
    """A name's words without its title or rank; a rank alone ("the president") is what names the one who holds it."""
    return words - _STYLES or words - _TITLES


def _named(agent: Sequence[_Token]) -> Sequence[_Token]:
    """The agent's name: all of it, or the name after one or two words in lower case that describe it ("the
    astronomer Ruth Kellaway"), not a word capitalised because it opens the sentence ("Boys seemed ...")."""
    if _kind(agent) == "name":
        return agent
    if not agent or not agent[0].text[:1].islower():
        return []
    if len(agent) > 2 and agent[1].text.islower() and _kind(agent[2:]) == "name":
        return agent[2:]  # "regional forecaster Tomas Brenning": two words of description, then the name alone
    return _leading(agent, "name")


def _mentioned(frame: _Frame, before: str) -> bool:
    """The sentence names the claim's agent itself before the clause: "Victoria Police said: 'Detectives have
    released an image'" and "Celebrities such as Judi Dench, Stephen Fry and Ricky Gervais have signed" tie the
    claim's agent to the other one (its officers, a list), so the other agent is no contradiction. Named after
    it, the claim's agent has another part ("directed by Steven Spielberg and starred Sam Neill"); doing the
    same thing to something else, it is set apart ("Alexander Fleming discovered penicillin, while insulin was
    discovered by Frederick Banting")."""
    name = [t.low for t in frame.agent if t.low not in _STYLES and t.low not in NAME_CONNECTORS]
    tokens = _tokens(before)
    lows = [t.low for t in tokens]
    named = bool(name) and any(lows[i : i + len(name)] == name for i in range(len(lows) - len(name) + 1))
    return named and not any(f.verb == frame.verb for f in _frames(tokens))


_LEADING = frozenset({"lead", "head", "direct", "command"})
_LEADER = re.compile(
    r"^\s*(?P<name>[A-Z][\w'’-]*\.?(?:\s+[A-Z][\w'’-]*\.?){0,4})\s+(?:(?:was|is)\s+the\s+(?:lead|principal|chief)\s+"
    r"(?:investigator|researcher)\s+(?:of|on|for)|(?:was|is)\s+in\s+charge\s+of)\s+(?P<rest>.+)$"
)
_SERVED = r"\b(?:served|acted|worked|was\s+(?:also\s+)?(?:employed|hired))\b[^.;]{0,60}?\bas\b"
_SECOND = r"(?:deputy|assistant|second-in-command|number\s+two)"
"""Another part in what someone else leads, said before the name: "Her deputy, Tomas Greaveley, manages ..."."""


def _led_by_another(claim: str, evidence: str) -> tuple[str, str] | None:
    """(detail, sentence) where the claim's person led what the evidence says someone else led, and the evidence gives
    the claim's person another part in it: "Dr. Oona Feldkamp led the 2011 expedition that measured the depth of the
    Sarrow Trench" against "The 2011 Sarrow Trench survey was led by Captain Rafe Ostrander. Dr. Oona Feldkamp served
    on the expedition as its chief geologist". The undertaking may be named two ways ("expedition", "survey"), so it
    is known by two of the claim's words after its verb, and the other part is what rules the claim out."""
    leader = _LEADER.match(claim)
    if leader:
        person, rest = _tokens(leader["name"]), leader["rest"]
    else:
        led = next((f for f in _frames(_tokens(claim)) if f.verb in _LEADING and _kind(f.agent) == "name"), None)
        if led is None:
            return None
        person, rest = led.agent, claim[led.patient[0].start :] if led.patient else ""
    wanted = _content(_tokens(rest))
    name = re.escape(person[-1].text)
    serves = re.compile(rf"\b{name}\s+{_SERVED}|\b{_SECOND},?\s+(?:[A-Z][\w'’-]*\s+)*{name}\b")
    serving = [s for s in _sentences(evidence) if serves.search(s)]
    for sentence in _sentences(evidence) if serving else ():
        for stated in (f for f in _frames(_tokens(sentence)) if f.verb in _LEADING):
            theirs = _named(stated.agent)
            if not theirs or not _disjoint(person, theirs) or len(wanted & _content(stated.patient)) < 2:
                continue
            served = next((s for s in serving if s != sentence), None)
            if served:
                detail = (
                    f"The evidence gives {_phrase(theirs)!r} as the leader, and {_phrase(person)!r} another part: "
                    f"{quote(served)}"
                )
                return detail, sentence
    return None


class RoleRule:
    name = "roles"

    def check(self, claim: str, evidence: str) -> list[RuleFinding]:
        if post := other_post(claim, evidence) or _led_by_another(claim, evidence) or other_way_round(claim, evidence):
            return [contradiction(self.name, *post)]
        mine = _tokens(claim)
        fronted = _FRONTED_PHRASE.match(claim)
        # "In 2020, Greystoke Analytics acquired Marlow Data": the phrase before the comma is no part of the agent
        claimed = _frames(_tokens(claim[fronted.end() :]) if fronted else mine)
        claimed += tuple(f for bought in _bought(claim) for f in _frames(_tokens(bought)))  # "Haskel's takeover of"
        if not claimed:
            return []
        # every word of "Instagram acquired Facebook" is in "Facebook acquired Instagram": a swap is
        # looked for even then, another agent only where no sentence holds the whole claim
        whole = _stated_whole(_content(mine), evidence)
        for clause in _clauses(evidence):
            sentence = clause.sentence
            for frame in claimed:
                for stated in _frames(clause.tokens):
                    if stated.verb != frame.verb:
                        continue
                    detail = self._conflict(
                        frame, stated, sentence, whole, sentence[: max(sentence.find(clause.text), 0)]
                    )
                    if detail:
                        return [self._finding(claim, frame, stated, clause.text, detail, sentence)]
        # what only the whole sentence shows: a cast list after "and", a work's title that holds an "and"
        for sentence in _sentences(evidence):
            tokens = _tokens(sentence)
            for frame in claimed:
                for stated in (f for f in _works(tokens) if f.verb == frame.verb):
                    detail = self._conflict(frame, stated, sentence, whole)
                    if detail:
                        return [self._finding(claim, frame, stated, sentence, detail, sentence)]
                for stated in (f for f in _frames(tokens) if f.verb == frame.verb):
                    detail = self._left_out(frame, stated, sentence)
                    if detail:
                        return [RuleFinding(rule=self.name, effect=Effect.BLOCKS_SUPPORT, detail=detail, cite=sentence)]
        return []

    @staticmethod
    def _left_out(frame: _Frame, stated: _Frame, sentence: str) -> str | None:
        """ "Steven Spielberg starred in Jurassic Park" against "Jurassic Park was directed by Steven Spielberg
        and starred Sam Neill and Laura Dern": the work the claim puts after "in" is the evidence's agent, the
        people it lists are not the claim's, and the claim's person is named there for another part. A list
        may leave people out, so the claim is not contradicted, only never supported by that sentence."""
        work = frame.patient[1:]
        if (
            not frame.patient
            or frame.patient[0].low != "in"
            or not work
            or (stated.patient[:1] and stated.patient[0].low == "in")
        ):
            return None
        listed = (
            _kind(frame.agent) == "name" and _kind([t for t in stated.patient if t.low not in _LIST_WORDS]) == "name"
        )
        if not listed or not _same(work, stated.agent) or _same(frame.agent, stated.patient):
            return None
        if not _content(frame.agent) <= _content(_tokens(sentence)) or _same(frame.agent, work):
            return None
        return (
            f"The evidence lists {_span(sentence, stated.patient)!r} for {_phrase(work)!r}, and names "
            f"{_phrase(frame.agent)!r} for another part: {quote(sentence)}"
        )

    def _finding(
        self, claim: str, frame: _Frame, stated: _Frame, clause: str, detail: str, sentence: str
    ) -> RuleFinding:
        """Another agent is a value mitigation can put right; a swap of roles is not."""
        swapped = _same(frame.agent, stated.patient)
        theirs = _named(stated.agent) or stated.agent
        correction = None if swapped else Correction(wrong=_span(claim, frame.agent), right=_span(clause, theirs))
        return RuleFinding(
            rule=self.name, effect=Effect.CONTRADICTS, detail=detail, cite=sentence, correction=correction
        )

    @staticmethod
    def _conflict(frame: _Frame, stated: _Frame, sentence: str, whole: bool, before: str = "") -> str | None:
        if (
            (
                _same(frame.agent, stated.patient)
                or _kind(stated.patient) == _kind(frame.agent) == "name"
                and _same(stated.patient, frame.agent)  # "Pryce" of "Governor Aldous Pryce"
            )
            and (
                _same(frame.patient, stated.agent)
                or _names_the(frame.patient, stated.agent)
                or _same(_leading(frame.patient, "name"), _leading(stated.agent, "name"))
            )
            and _apart(frame.agent, frame.patient)
        ):
            theirs = _leading(stated.agent, "name") or stated.agent
            return (
                f"The evidence has it the other way round: {_phrase(theirs)!r}, not "
                f"{_phrase(frame.agent)!r}: {quote(sentence)}"
            )
        theirs = _named(stated.agent)
        names = _kind(frame.agent) == "name" and bool(theirs) and _kind(theirs) == "name"
        if (
            whole
            or not names
            or not (frame.one_agent and stated.one_agent)
            or not _same(_head(_unpossessed(frame.patient, sentence)), stated.patient)
            or not _disjoint(frame.agent, theirs)
        ):
            return None
        if (
            _listed_together(sentence, _phrase(frame.agent), _phrase(theirs))
            or _misspelt(_phrase(frame.agent), _phrase(theirs))
            or _mentioned(frame, before)
        ):
            return None  # "Homes faces 165 counts" / "Holmes faces 165 counts": one letter more is a spelling
        return (
            f"The evidence gives {_phrase(theirs)!r}, not {_phrase(frame.agent)!r}, for "
            f"{_phrase(frame.patient)!r}: {quote(sentence)}"
        )
