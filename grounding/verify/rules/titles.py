"""Who holds which post: a claim that gives a person the post the evidence gives someone else, while the evidence
gives that person another post.

"Marta Ellingsen serves as chief financial officer at Corvane Systems" against "Speakers included Dev Raman,
chief financial officer of Corvane Systems, and Marta Ellingsen, the company's chief operating officer"; "Under
the lease, Halvard Properties Ltd is the tenant" against "between Halvard Properties Ltd (the Landlord) and
Dunmore Craft Supplies (the Tenant)". A cross-encoder sees every word of the claim in the sentence and calls it
entailed. Posts are read where a sentence ties them to a name: set off by commas after it ("Dev Raman, chief
financial officer of ..."), in brackets after it ("(the Tenant)") or just before it ("chief executive Lena
Vogt"). Only both together contradict the claim: someone else holds its post, and its person holds another
(an organisation may have two directors, and a person two posts, but not this post and not that one), in any
sentences of the evidence ("Dr. Anneliese Varga, its chief scientific officer since 2019 ... said chief executive
Tomas Reddick").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from grounding.text.sentences import split_sentences
from grounding.verify.rules.base import quote

_HEADS = (
    "officer|executive|director|chair|chairman|chairwoman|chairperson|president|vice-president|manager|head|"
    "captain|coach|founder|co-founder|secretary|treasurer|editor|minister|governor|mayor|landlord|tenant|lessor|"
    "lessee|buyer|seller|vendor|purchaser|plaintiff|defendant|claimant|respondent|appellant|lender|borrower|"
    "employer|employee|licensor|licensee|ceo|cfo|coo|cto|cio|chancellor|dean|principal|superintendent|chief|"
    "judge|prosecutor|attorney|counsel|engineer|designer|architect|pharmacist|physician|surgeon|nurse|scientist"
)
_NOT_A_RANK = (
    r"(?:said|says|told|added|noted|and|or|the|a|an|by|with|of|to|from|as|under|for|at|in|on|was|is|its|their|his|her"
    r"|named|appointed|elected|made)"
)
_RANKS = "chief|senior|deputy|vice|managing|executive|general|assistant|acting|interim|joint|co"
_TITLE = (
    rf"(?<![\w'’])(?:(?i:{_RANKS})[\s-]+|(?!{_NOT_A_RANK}\s)[a-z][a-z-]*\s+){{0,3}}(?i:{_HEADS})"
    rf"(?:\s+of\s+[a-z][a-z-]*(?:\s+[a-z][a-z-]*)?)?"
)
_NAME = r"(?:[A-Z]\.|[A-Z][\w&'’-]*)(?:\s+(?:of\s+|&\s+)?(?:[A-Z]\.|[A-Z][\w&'’-]*)){0,4}"
_OWNER = (
    r"(?:(?:the|its|their|his|her|a|an)\s+)?(?:(?:company|firm|club|team|bank|group|council)['’]s\s+"
    r"|[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*){0,2}['’]s?\s+)?"
)

_AFTER_NAME = re.compile(
    rf"(?P<name>{_NAME})\s*,\s*{_OWNER}(?P<title>{_TITLE})\b(?=\s*(?:[,.;)]|$)|\s+(?:of|at|since|from|until|for)\b)"
)
_BRACKETED = re.compile(rf"(?P<name>{_NAME})\s*\(\s*(?i:the\s+)?(?P<title>{_TITLE})\s*\)")
_BEFORE_NAME = re.compile(rf"\b(?:the\s+|its\s+)?(?P<title>{_TITLE})\s*,?\s+(?P<name>{_NAME})")
_NAMED_AS = re.compile(
    rf"\b(?:named|appointed|elected|hired|chose|chosen|appointment\s+of|election\s+of)\s+(?:[a-z]+\s+){{0,2}}?"
    rf"(?P<name>{_NAME})\s+(?:as\s+)?{_OWNER}(?:new\s+)?(?P<title>{_TITLE})\b"
)
_APPOINTED = re.compile(
    rf"(?P<name>{_NAME})\s+(?:has\s+been|have\s+been|was|is|had\s+been|will\s+be)\s+(?:named|appointed|elected)"
    rf"\s+(?:as\s+)?{_OWNER}(?:new\s+)?(?P<title>{_TITLE})\b"
)
_SERVES_AS = re.compile(
    rf"(?P<name>{_NAME})\s+(?:will\s+|has\s+|had\s+)?(?:serve|serves|served|act|acts|acted)\s+as\s+{_OWNER}(?:new\s+)?"
    rf"(?P<title>{_TITLE})\b"
)
_IS_NAMED = re.compile(
    rf"(?P<title>{_TITLE})(?:\s+(?:of|at)\s+(?:the\s+)?{_NAME})?\s+(?:is|was|has\s+been)\s+(?P<name>{_NAME})"
)
_JOINED_AS = re.compile(
    rf"(?P<name>{_NAME})\s+(?:joined|rejoined)\s+(?:[\w'’&-]+\s+){{0,5}}?as\s+{_OWNER}(?:new\s+)?"
    rf"(?P<title>{_TITLE})\b"
)
_FOUNDED = re.compile(
    rf"\b(?:which|that)\s+(?P<name>{_NAME})\s+(?P<title>(?:co-)?founded)\b|\b(?P<title2>(?:co-)?founded)"
    rf"(?:\s+in\s+\d{{4}})?\s+by\s+(?P<name2>{_NAME})"
)
_IS_THE_ONE = re.compile(
    rf"(?P<name>{_NAME})\s+(?:is|was|has\s+been)\s+(?:the|its)\s+(?P<title>(?:[a-z-]+\s+){{0,2}}[a-z-]+"
    rf"(?:er|or|ist|ian|ant|ent|ee))\s+(?:at|of|for|in)\s"
)
"""Any post said with "is the" and an agent's ending before its organisation: "Ilse Marwen is the chief
cartographer at the Nordvel Survey Office"."""
_RUN_BY = re.compile(
    rf"\b(?:is|was|has\s+been|have\s+been|had\s+been)\s+(?P<act>directed|headed|chaired|managed)\s+by\s+"
    rf"(?P<name>{_NAME})"
)
_RUNNER = {"directed": "director", "headed": "head", "chaired": "chair", "managed": "manager"}
"""An organisation "directed by" someone has them as its director."""
_CLAIMED = re.compile(
    rf"(?P<name>{_NAME})\s+(?:is|was|has\s+been|serves\s+as|served\s+as|works\s+as|worked\s+as|acts\s+as|"
    rf"became|remains|will\s+remain|remained|keeps\s+the\s+post\s+of)\s+{_OWNER}(?P<title>{_TITLE})\b",
)
_ACRONYMS = {
    "ceo": "chief executive",
    "cfo": "chief financial",
    "coo": "chief operating",
    "cto": "chief technology",
    "cio": "chief information",
}


def other_post(claim: str, evidence: str) -> tuple[str, str] | None:
    """(detail, sentence) where the evidence gives the claim's post to someone else and the claim's person
    another post (the sentence that gives that one is cited), or where the claim's appointment is one the evidence
    makes to another post; None otherwise."""
    claimed = _CLAIMED.search(claim) or _BEFORE_NAME.search(claim) or _AFTER_NAME.search(claim)
    appointed = None if claimed else _NAMED_AS.search(claim) or _APPOINTED.search(claim)
    if not claimed and not appointed:
        return None
    held = _held(evidence)
    if appointed:
        return _other_appointment(appointed, held)
    person, post = _person(claimed["name"]), _post(claimed["title"])
    if any(_one_person(name, person) and _one_post(title, post) for name, title, _, _ in held):
        return None  # "Barcelona president Josep Bartomeu" is the "club president" the evidence names
    others = [(name, sentence) for name, title, _, sentence in held if title == post and not _one_person(name, person)]
    theirs = sorted(
        ((said, sentence) for name, title, said, sentence in held if _one_person(name, person)),
        key=lambda found: -len(found[0]),
    )  # "chief cartographer", not "chief"
    if not others or not theirs:
        return None
    (other, where), (said, sentence) = others[0], theirs[0]
    title, said = (re.sub(r"\s+of(?:\s+(?:the|a|an|its))?\s*$", "", t) for t in (claimed["title"], said))
    detail = (
        f"The evidence gives the post of {title} to {_as_written(other, where)}, and {claimed['name']} "
        f"is {said}: {quote(sentence)}"
    )
    return detail, sentence


def _other_appointment(appointed: re.Match, held: tuple[tuple[str, str, str, str], ...]) -> tuple[str, str] | None:
    """ "Pendlow Logistics has named Marisol Etxeberri as its new chief executive" against "Marisol Etxeberri has
    been appointed chief financial officer of Pendlow Logistics": the evidence's appointment of the person is to
    another post, and no sentence gives them the claim's."""
    person, post = _person(appointed["name"]), _post(appointed["title"])
    mine = [(title, said, sentence) for name, title, said, sentence in held if _one_person(name, person)]
    if any(title == post for title, _, _ in mine):
        return None
    made = next(
        ((said, s) for _, said, s in mine if any(p.search(s) for p in (_NAMED_AS, _APPOINTED, _SERVES_AS))), None
    )
    if made is None:
        return None
    said, sentence = made
    detail = f"The evidence appoints {appointed['name']} {said}, not {appointed['title']}: {quote(sentence)}"
    return detail, sentence


@functools.lru_cache(maxsize=64)
def _held(evidence: str) -> tuple[tuple[str, str, str, str], ...]:
    """(person, post, the post as written, sentence) for each post the evidence ties to a name, read once per
    evidence, not once per claim."""
    return tuple(
        (name, title, said, evidence[start:end].strip())
        for start, end in split_sentences(evidence)
        for name, title, said in _posts(evidence[start:end])
    )


def _posts(sentence: str) -> Iterator[tuple[str, str, str]]:
    """(person, post, the post as written) for each post the sentence ties to a name."""
    patterns = (
        _AFTER_NAME,
        _BRACKETED,
        _BEFORE_NAME,
        _NAMED_AS,
        _APPOINTED,
        _SERVES_AS,
        _IS_NAMED,
        _JOINED_AS,
        _CLAIMED,
    )
    for pattern in patterns:
        for match in pattern.finditer(sentence):
            yield _person(match["name"]), _post(match["title"]), match["title"]
    for match in _IS_THE_ONE.finditer(sentence):
        yield _person(match["name"]), _post(match["title"]), match["title"]
    for match in _RUN_BY.finditer(sentence):
        post = _RUNNER[match["act"]]
        yield _person(match["name"]), post, f"the {post}"
    for match in _FOUNDED.finditer(sentence):  # "Calloway Robotics, which Omar Seltzer founded", "founded by"
        founder = (match["title"] or match["title2"]).replace("founded", "founder")
        yield _person(match["name"] or match["name2"]), _post(founder), f"the {founder}"


def _person(name: str) -> str:
    return re.sub(r"['’]s$", "", name.strip().rstrip(".")).lower()


def _post(title: str) -> str:
    """A post as one phrase: "chief executive officer", "CEO" and "chief executive" are one post."""
    words = title.lower().split()
    if "of" in words and words[words.index("of") + 1 :][:1] in ([], ["the"], ["a"], ["an"], ["its"]):
        words = words[: words.index("of")]  # "director of the": the post is "director"
    words = [w for part in words for w in _ACRONYMS.get(part, part).split()]
    if words[-1:] == ["officer"] and len(words) > 2 and words[0] == "chief":
        words = words[:-1]
    return " ".join(words)


def _one_post(one: str, other: str) -> bool:
    """The same post, said with or without what it heads: "president", "club president"; never with a rank below
    it ("deputy director" is no "director")."""
    short, long = sorted((one, other), key=len)
    if one == other or not long.endswith(f" {short}"):
        return one == other
    return not set(long[: -len(short)].split()) & _BELOW


_BELOW = frozenset({"deputy", "vice", "assistant", "acting", "interim", "associate", "joint", "former", "co", "junior"})


def _as_written(person: str, sentence: str) -> str:
    found = re.search(re.escape(person), sentence, re.I)
    return found.group() if found else person


def _one_person(one: str, other: str) -> bool:
    """The same surname: "Seltzer" is "Omar Seltzer", "Dr. Anneliese Varga" "Anneliese Varga"; "Mira Pike" is not
    "Mira Okafor", nor "Dr. Samuel Pike" "Dr. Mira Okafor"."""
    return bool(one.split()) and one.split()[-1:] == other.split()[-1:]
