"""An amount the evidence gives to one thing, put by the claim on another it lists beside it: "Tillbrook is putting
$1.3 million of its capital reserve toward fixing the municipal pool" against "Tillbrook council allocated $1.3
million to renovating the central library and $800,000 to repairing the municipal pool".

Both amounts are in the evidence and so is the pool, so no rule finds a value the evidence lacks, and the model reads
the sentence as saying the claim. A sentence that shares amounts out ("$X to A and $Y to B") says which went where;
the claim is contradicted only where the amount it gives its thing is the one the sentence gives a sibling. The same
holds of a place an act is put in ("shot the video in Dorrow" where the band is based in Dorrow and the video was
filmed in Eskerholm), a titled work given to another name ("Lio Pereira's 'Lantern Code'" / "Saks's 'Lantern Code'"),
and an amount another sentence gives a sibling ("the summer language camp ... £910" / "The summer science camp fee
stayed at £780"). Each is read by the `quantities` rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from grounding.text.lexicon import currency_of, singular
from grounding.text.quantities import Quantity, QuantityKind, parse_quantities, same_quantity
from grounding.verify.rules.base import quote
from grounding.verify.rules.reading import _content, _sentences, _stems, _words

_TARGET = re.compile(
    r"\s+(?:of\s+(?:the\s+|its\s+|their\s+)?[\w-]+(?:\s+[\w-]+)?\s+)?(?:to|toward|towards|for|on|into)\s+"
    r"(?:[a-z]+ing\s+)?(?:the\s+|a\s+|an\s+|its\s+|their\s+|new\s+)*"
    r"(?P<what>(?:[\w'’-]+\s+){0,3}?[\w'’-]+?)(?=\s*(?:[,;.]|$)|\s+(?:and|while|with|in|by|over|this|next|last)\b)",
)


@dataclass(frozen=True)
class _Allotment:
    amount: Quantity
    head: str
    said: str


def _allotments(text: str) -> list[_Allotment]:
    found = []
    for amount in parse_quantities(text):
        if amount.kind != QuantityKind.NUMBER or amount.bound is not None:
            continue
        target = _TARGET.match(text, amount.end)
        if target is not None:
            head = singular(target["what"].split()[-1])
            found.append(_Allotment(amount, head, text[amount.start : target.end()].strip()))
    return found


_PAID_FOR = re.compile(
    r"\b(?:rent|rents|rented|renting|buy|buys|bought|book|books|booked|hire|hires|hired|get|gets)\s+(?:a|an|the)\s+"
    r"(?P<what>[\w'’-]+)\b[^.;$€£¥]{0,40}?\bfor\s+(?=[$€£¥]?\d)",
    re.I,
)


def _paid_for(text: str) -> list[_Allotment]:
    """An amount said after the thing it pays for: "rent a one-bedroom at Fenwick Tower for $1,200 a month"."""
    found = []
    for paid in _PAID_FOR.finditer(text):
        amount = next((q for q in parse_quantities(text) if q.start >= paid.end()), None)
        if amount is not None and amount.kind == QuantityKind.NUMBER and amount.bound is None:
            found.append(_Allotment(amount, singular(paid["what"]), text[paid.start() : amount.end]))
    return found


def given_to_a_sibling(claim: str, evidence: str) -> tuple[str, str] | None:
    """(detail, sentence) where a sentence shares amounts out to two things or more, gives the claim's thing another
    amount, and gives the claim's amount to a sibling: "$1,200 for a studio, $1,650 for a one-bedroom" against "rent a
    one-bedroom ... for $1,200"."""
    claimed = _allotments(claim) + _paid_for(claim)
    if not claimed:
        return None
    for sentence in _sentences(evidence):
        shared = _allotments(sentence.text)
        if len({a.head for a in shared}) < 2:
            continue
        for mine in claimed:
            own = [a for a in shared if a.head == mine.head]
            if len(own) != 1 or same_quantity(own[0].amount, mine.amount):
                continue
            sibling = next(
                (a for a in shared if a.head != mine.head and same_quantity(a.amount, mine.amount)),
                None,
            )
            if sibling is not None:
                detail = (
                    f"The evidence gives {own[0].amount.text!r} to the {mine.head} and {mine.amount.text!r} to the "
                    f'{sibling.head}: "{sentence.text}"'
                )
                return detail, sentence.text
    return None


_ACT_FAMILIES = (
    ("filmed", "shot"),
    ("recorded",),
    ("born",),
    ("raised", "grew"),
    ("founded", "established", "set up"),
    ("held", "staged", "hosted"),
    ("built", "constructed"),
    ("based", "headquartered"),
    ("buried",),
    ("died",),
    ("married",),
    ("educated", "studied", "trained"),
    ("premiered", "debuted"),
)
_FAMILY = {verb: n for n, family in enumerate(_ACT_FAMILIES) for verb in family}
_PLACED_ACT = re.compile(
    rf"\b(?P<verb>{'|'.join(sorted(_FAMILY, key=len, reverse=True))})\b(?:\s+up)?\s+"
    r"(?:[\w'‘’-]+\s+){0,5}?in\s+(?:the\s+(?:[a-z]+\s+){0,3}?(?:of|at)\s+)?(?P<place>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)"
)


def _placed_acts(text: str) -> list[tuple[int, str]]:
    return [(_FAMILY[m["verb"]], re.sub(r"['’]s$", "", m["place"])) for m in _PLACED_ACT.finditer(text)]


def placed_at_a_siblings_place(claim: str, evidence: str) -> tuple[str, str] | None:
    """(detail, sentence) where the claim puts an act ("shot the video in Dorrow") in a place the evidence gives
    another act ("The band itself is based in Dorrow"), and the evidence gives the claim's act, said of the claim's
    thing, another place ("filmed in the coastal town of Eskerholm")."""
    mine = _placed_acts(claim)
    if not mine:
        return None
    names = set(re.findall(r"[A-Z][\w'’-]+", claim))
    sentences = [s.text for s in _sentences(evidence)]
    placed = [(act, place, s) for s in sentences for act, place in _placed_acts(s)]
    for act, place in mine:
        if any(a == act and p == place for a, p, _ in placed):
            continue
        elsewhere = [
            (p, s) for a, p, s in placed if a == act and p != place and names & set(re.findall(r"[A-Z][\w'’-]+", s))
        ]
        sibling = any(a != act and p == place for a, p, _ in placed)
        if len({p for p, _ in elsewhere}) == 1 and sibling:
            theirs, sentence = elsewhere[0]
            return f'The evidence places it in {theirs!r}, not {place!r}: "{sentence}"', sentence
    return None


_OWNED = re.compile(
    r"(?P<owner>[A-Z][\w’-]*(?:\s+[A-Z][\w’-]*)*)['’]s?\s+(?:[a-z-]+\s+){0,3}?,?\s*['‘\"“](?P<title>[^'’\"”]{2,60})['’\"”]"
)


def _owned(text: str) -> list[tuple[str, str, str, str]]:
    """(owner's last name, title, each lower-cased, then as written) of each titled work said as someone's."""
    found = []
    for m in _OWNED.finditer(text):
        owner, title = m["owner"].split()[-1], m["title"].strip()
        found.append((owner.lower(), title.lower(), owner, title))
    return found


def owned_by_another(claim: str, evidence: str) -> tuple[str, str] | None:
    """(detail, sentence) where the claim gives a titled work to one name ("Lio Pereira's solo record 'Lantern
    Code'") and the evidence gives it only to another ("Saks's solo album 'Lantern Code'")."""
    for owner, title, mine, said in _owned(claim):
        theirs = [(o, other, s.text) for s in _sentences(evidence) for o, t, other, _ in _owned(s.text) if t == title]
        if theirs and all(o != owner for o, _, _ in theirs) and len({o for o, _, _ in theirs}) == 1:
            _, other, sentence = theirs[0]
            return f'The evidence gives {said!r} to {other!r}, not {mine!r}: "{sentence}"', sentence
    return None


def _kind(text: str, quantity: Quantity) -> str | None:
    if quantity.kind != QuantityKind.NUMBER or quantity.bound is not None:
        return None
    currency = currency_of(text, quantity)
    return currency[0] if currency else quantity.dimension


def valued_as_a_sibling(claim: str, evidence: str) -> tuple[str, str] | None:
    """(detail, sentence) where the claim gives its thing the amount the evidence gives a sibling, and another
    sentence gives the claim's thing its own amount: "Dunmore School's summer science camp now costs £910" against
    "Fees for the Dunmore School summer language camp rose from £850 to £910" and "The summer science camp fee stayed
    at £780". The sentence with the claim's amount must say nothing of the claim's but names that the other does not,
    and name a sibling ("language") the claim does not."""
    sentences = list(_sentences(evidence))
    for amount in parse_quantities(claim):
        kind = _kind(claim, amount)
        if kind is None:
            continue
        rest = claim[: amount.start] + " " + claim[amount.end :]
        wanted = _stems(_content(_words(rest)))
        with_it = [
            s
            for s in sentences
            if any(
                q.bound is None and _kind(s.text, q) == kind and same_quantity(q, amount)
                for q in parse_quantities(s.text)
            )
        ]
        if any(q.bound is not None for s in sentences for q in parse_quantities(s.text) if _kind(s.text, q) == kind):
            continue  # "Do not give more than 20 ml in 24 hours": a limit, no sibling's amount
        others = [
            (s, [q for q in parse_quantities(s.text) if _kind(s.text, q) == kind])
            for s in sentences
            if s not in with_it
        ]
        others = [(s, found) for s, found in others if found]
        if not with_it or len(others) != 1 or len({q.value for q in others[0][1]}) != 1:
            continue
        own, values = others[0]
        if re.sub(r"[^\d.]", "", values[0].text) == re.sub(r"[^\d.]", "", amount.text):
            continue  # "£1.5million" and "£1.5m": one amount, written two ways
        said = set().union(*(wanted & s.stems for s in with_it))
        distinct = (wanted & own.stems) - said
        sibling = set().union(*(s.stems for s in with_it)) - wanted - own.stems
        named = _stems(_words(" ".join(re.findall(r"\b[A-Z][\w'’-]*", rest))))
        if distinct and not (said - own.stems - named) and _content_stems(sibling):
            detail = (
                f"The evidence gives {values[0].text!r} for it, and {amount.text!r} for another: "
                f"{quote(own.text)} {quote(with_it[0].text)}"
            )
            return detail, own.text
    return None


def _content_stems(stems: set[str]) -> set[str]:
    return {s for s in stems if s.isalpha() and len(s) > 3}
