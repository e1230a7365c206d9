"""A date the evidence gives for another act than the claim's: "The Quillpad 3 went on sale in May 2023" against
"Velorin Labs announced the Quillpad 3 on 9 May 2023. The device went on sale in stores on 14 August 2023."

The claim's date is in the evidence, so no rule finds another value, and the model, which reads the announcement's
sentence as the one that matches, calls the claim supported. A product, a drug or a law goes through several dated
acts (announced, approved, signed, passed, took effect, shipped, withdrawn), and a summary that moves a date from one
to the next is the commonest error in dated claims. The claim's act is its main verb (with the word after a light
verb: "went on sale", "took effect"), read in any form ("approved" / "granted approval"). A contradiction is found
only where every sentence that gives the claim's date says it of another act, and a sentence that says the claim's
act, of the claim's thing, gives it another date; where no sentence names the claim's act, or the act's sentence gives
the claim's date, the model reads what is left ("released" against "shipped" is no other act).
"""

from __future__ import annotations

import functools
import re

from grounding.text.lexicon import AUXILIARIES, STOPWORDS
from grounding.text.quantities import (
    MONTHS,
    Quantity,
    QuantityKind,
    as_dated,
    day_and_month,
    day_inside_a_span,
    month_years,
    parse_quantities,
)
from grounding.types import Correction
from grounding.verify.rules.base import CLAUSE_BREAK, quote
from grounding.verify.rules.reading import _sentences

_IRREGULAR = {
    form: tuple(family.split())
    for family in (
        "begin began begun beginning begins",
        "go goes went gone going",
        "take takes took taken taking",
        "come comes came coming",
        "become becomes became becoming",
        "win wins won winning",
        "lose loses lost losing",
        "leave leaves left leaving",
        "rise rises rose risen rising",
        "fall falls fell fallen falling",
        "grow grows grew grown growing",
        "hold holds held holding",
        "make makes made making",
        "pay pays paid paying",
        "sell sells sold selling",
        "buy buys bought buying",
        "build builds built building",
        "lead leads led leading",
        "run runs ran running",
        "shut shuts shutting",
        "give gives gave given giving",
        "break breaks broke broken breaking",
        "withdraw withdraws withdrew withdrawn withdrawing",
        "write writes wrote written writing",
        "fly flies flew flown flying",
        "draw draws drew drawn drawing",
        "strike strikes struck striking",
        "meet meets met meeting",
        "set sets setting",
    )
    for form in family.split()
}
_LIGHT = frozenset({"go", "goes", "went", "gone", "take", "takes", "took", "taken", "come", "comes", "came", "make"})
"""Verbs that say their act with the word after them ("went on sale", "took effect", "came into force")."""

_PLANNED = frozenset({"scheduled", "expected", "planned", "set", "due", "going", "slated"})
"""Words that put the act in their infinitive: "is scheduled to open"."""

_REACH = 8
"""Words between the act and its date in the evidence's clause."""

_PRONOUN_OPENERS = frozenset({"it", "its", "he", "his", "she", "her", "they", "their", "the", "this", "that"})
_WORD = re.compile(r"[A-Za-z][\w'’-]*")


def other_act_date(claim: str, evidence: str) -> tuple[str, str, Correction] | None:
    """(detail, sentence, correction) where the evidence gives the claim's date only for other acts and another
    date for the claim's act; None otherwise."""
    act = _act_of(claim)
    if act is None:
        return None
    names = _names(claim)
    claimed = parse_quantities(claim)
    for mine, wrong in _dates_said(claim):
        agreeing, other = mine[0] is None, None  # a day or month without its year: no rule reads it but this one
        for sentence in _sentences(evidence):
            # "closed on 31 December" / "closed from 24 December to 1 January": the span holds the claim's day
            spanned = any(day_inside_a_span(claim, q, sentence.text) for q in claimed)
            for clause in _clauses(sentence.text):
                for stated in parse_quantities(clause):
                    theirs = _when(clause, stated)
                    if theirs is None:
                        continue
                    if _agree(mine, theirs):
                        if _says(clause, act, stated.start, reach=None):
                            return None  # a sentence gives the claim's date for the claim's act
                        agreeing = True
                    elif (
                        other is None
                        and _says(clause, act, stated.start)
                        and _of_the_claims_thing(sentence.text, names)
                        and not spanned
                    ):
                        other = (sentence.text, clause, stated)
        if agreeing and other is not None:
            sentence, clause, stated = other
            right = _as_said(clause, stated)
            detail = f"The evidence gives {right!r} for {_phrase(claim, act)!r}, not {wrong!r}: {quote(sentence)}"
            return detail, sentence, Correction(wrong=wrong, right=right)
    return None


_FRONTED_DATE = re.compile(r"^\s*(?:On|In|By|From|Since|As of)\s+[^,]{1,25}$")


def _clauses(sentence: str) -> list[str]:
    """The sentence's clauses, a fronted date read with the clause it dates ("On 3 June, the club announced ...")."""
    clauses: list[str] = []
    for part in CLAUSE_BREAK.split(sentence):
        if clauses and _FRONTED_DATE.match(clauses[-1]):
            clauses[-1] = f"{clauses[-1]}, {part}"
        else:
            clauses.append(part)
    return clauses


def _act_of(claim: str) -> tuple[str, ...] | None:
    """The claim's main verb, and after a light verb the next content word: ("approved",), ("went", "sale")."""
    words = [w.lower() for w in _WORD.findall(claim)]
    for n, word in enumerate(words):
        if n == 0 or word in AUXILIARIES or word in STOPWORDS:
            continue
        if not (word in _IRREGULAR or (word.endswith("ed") and len(word) >= 5)):
            continue
        at = n
        if word in _PLANNED and words[n + 1 : n + 2] == ["to"] and n + 2 < len(words):
            at, word = n + 2, words[n + 2]  # "is scheduled to open": the act is opening
        if word in _LIGHT:
            after = next((w for w in words[at + 1 :] if w not in STOPWORDS and w.isalpha()), None)
            return (word, after) if after else None
        return (word,)
    return None


def act_said(claim: str, clause: str) -> bool:
    """Whether the clause says the claim's act in any form ("came into force" / "take effect")."""
    act = _act_of(claim)
    return act is not None and _says(clause, act, len(clause), reach=None)


def _phrase(claim: str, act: tuple[str, ...]) -> str:
    """The act as the claim words it ("went on sale")."""
    pattern = rf"\b{act[0]}\b(?:\W+\w+){{0,3}}?\W+{act[-1]}\b" if len(act) > 1 else rf"\b{act[0]}\b"
    found = re.search(pattern, claim, re.I)
    return found.group() if found else act[0]


@functools.lru_cache(maxsize=256)
def _forms(word: str) -> re.Pattern[str]:
    """Any form of a verb, its noun among them ("approved": "approval", "approves")."""
    if word in _IRREGULAR:
        return re.compile(rf"\b(?:{'|'.join(_IRREGULAR[word])})\b", re.I)
    if not word.endswith("ed"):
        root = word[:-1] if word.endswith("e") and len(word) > 4 else word  # "open", "close": "clos"
        return re.compile(rf"\b{re.escape(root)}\w*", re.I)
    root = word[:-2] if not word.endswith("ied") else word[:-3]
    root = root[:-1] if len(root) > 4 and root[-1] == root[-2] else root  # "planned": "plan"
    return re.compile(rf"\b{re.escape(root[: max(4, len(root) - 1)])}\w*", re.I)


def _says(clause: str, act: tuple[str, ...], at: int, reach: int | None = _REACH) -> bool:
    """The clause says the act, before the date at `at` within `reach` words (anywhere with no reach)."""
    scope = clause if reach is None else " ".join(_WORD.findall(clause[:at])[-reach:])
    alike = [act, _SAME_ACT[act[-1]]] if len(act) > 1 and act[-1] in _SAME_ACT else [act]
    return any(
        _forms(one[0]).search(scope) and (len(one) == 1 or re.search(rf"\b{re.escape(one[1][:4])}", scope, re.I))
        for one in alike
    )


_SAME_ACT = {"force": ("take", "effect"), "effect": ("come", "force")}
"""Acts said with other light verbs: what "came into force" did, "took effect"."""


def _names(text: str) -> set[str]:
    return {re.sub(r"['’]s?$", "", w) for w in re.findall(r"\b[A-Z][\w'’-]+", text)}


def _of_the_claims_thing(sentence: str, names: set[str]) -> bool:
    """The sentence names nothing the claim does not, and names the claim's thing or goes on about it ("It", "The
    device")."""
    words = _WORD.findall(sentence)
    if not words:
        return False
    own = _names(" ".join(words[1:])) - {m.capitalize() for m in MONTHS}
    if own - names:
        return False
    return bool(_names(sentence) & names) or words[0].lower() in _PRONOUN_OPENERS


_When = tuple[int, int | None, int | None]


def _when(text: str, quantity: Quantity) -> _When | None:
    """A date as year, month and day, each None where the text does not say it ("May 2023": 2023, 5, None)."""
    if quantity.kind == QuantityKind.DATE and quantity.day is not None:
        return quantity.day.year, quantity.day.month, quantity.day.day
    if quantity.kind == QuantityKind.NUMBER and (day := day_and_month(text, quantity)) is not None:
        return None, day[0], day[1]
    if quantity.kind != QuantityKind.YEAR:
        return None
    month = _month_of(text, quantity)
    return int(quantity.value), (MONTHS[month.lower()] if month else None), None


_MONTH_NAMES = "|".join(m.capitalize() for m in MONTHS if len(m) > 3 or m == "may")
_IN_A_MONTH = re.compile(
    rf"\b(?:in|by|during|until)\s+(?:early\s+|mid-|late\s+)?(?P<month>{_MONTH_NAMES})\b(?![\s,]+\d)"
)


def _dates_said(claim: str) -> list[tuple[_When, str]]:
    """Each date the claim gives, as year, month and day and as the claim says it, a month named without a day or a
    year among them ("open in July")."""
    dated = [(when, _as_said(claim, q)) for q in parse_quantities(claim) if (when := _when(claim, q)) is not None]
    return dated + [((None, MONTHS[m["month"].lower()], None), m["month"]) for m in _IN_A_MONTH.finditer(claim)]


def _month_of(text: str, quantity: Quantity) -> str | None:
    """The month said with a year ("May" of "May 2023"), or None."""
    span = next((start for start, end, _ in month_years(text) if end == quantity.end), None)
    return None if span is None else _WORD.match(text, span).group()


def _as_said(text: str, quantity: Quantity) -> str:
    month = _month_of(text, quantity) if quantity.kind == QuantityKind.YEAR else None
    return f"{month} {quantity.text}" if month else as_dated(text, quantity)


def _agree(mine: _When, theirs: _When) -> bool:
    return all(a is None or b is None or a == b for a, b in zip(mine, theirs, strict=True))
