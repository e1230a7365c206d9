"""Meaning-preserving rewrites of a document sentence: the supported claims a summary actually makes.

Document pairs once took their supported claims verbatim from the document, and their hard negatives as
that sentence after one meaning-changing edit. A model trained on that learns "the evidence's words,
slightly changed" as contradiction, and then contradicts faithful summaries, which compress and reword
(docs/evaluation.md, "Eleventh session": "Hawks say neither Thabo Sefolosha nor Pero Antic will play
Wednesday" read as a contradiction). These rewrites change the words and keep the meaning, the way news
summaries do: an aside, a time phrase or an attribution dropped, a tail clause cut, "said" as "says",
a number written another way, a word for its everyday synonym. What a rewrite must never drop is kept
out by construction: a condition ("If ...,"), a denial, a hedge, a number inside the kept part.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

_NUMBER_WORDS = {
    "2": "two",
    "3": "three",
    "4": "four",
    "5": "five",
    "6": "six",
    "7": "seven",
    "8": "eight",
    "9": "nine",
    "10": "ten",
}
_NUMBER_WORDS.update({word: digit for digit, word in list(_NUMBER_WORDS.items())})
SYNONYMS = {
    "approximately": "about",
    "roughly": "about",
    "around": "about",
    "purchased": "bought",
    "bought": "purchased",
    "began": "started",
    "started": "began",
    "commenced": "began",
    "received": "got",
    "nearly": "almost",
    "almost": "nearly",
    "large": "big",
    "big": "large",
    "children": "kids",
    "assist": "help",
    "attempted": "tried",
    "tried": "attempted",
    "stated": "said",
    "automobile": "car",
    "vehicle": "car",
    "physician": "doctor",
    "doctor": "physician",
    "residents": "locals",
    "discovered": "found",
    "found": "discovered",
    "additional": "more",
    "obtain": "get",
    "require": "need",
    "requires": "needs",
    "needs": "requires",
    "entire": "whole",
    "whole": "entire",
    "currently": "now",
    "numerous": "many",
    "United States": "US",
    "United Kingdom": "UK",
    "per cent": "%",
    "percent": "%",
}
_SYNONYM = re.compile(r"\b(" + "|".join(sorted(map(re.escape, SYNONYMS), key=len, reverse=True)) + r")\b")
# Words whose loss changes what a sentence says: a dropped part holding one would weaken or flip it.
_KEEP = re.compile(
    r"\b(if|unless|not|no|never|nor|only|except|without|may|might|could|would|should|must|cannot|can't|"
    r"don't|doesn't|didn't|won't|isn't|wasn't|aren't|weren't|neither|none|nobody|nothing|but)\b|n't\b",
    re.IGNORECASE,
)
_ASIDE = re.compile(r",\s+(?:who|which|whose|where|a|an|the|now|then|aged|also|formerly|once)\b[^,;]{3,90},\s+")
_PARENTHESIS = re.compile(r"\s*\([^()]{1,70}\)")
_LEADING = re.compile(
    r"^(?:On|In|At|Last|Earlier|Later|During|After|Before|According to|By|Meanwhile|However|But|And|Also|"
    r"Yesterday|Today|Now|Since then|Then|Overall|Still|Indeed|Instead|Eventually|Finally)\b[^,;]{0,60},\s+"
)
_ATTRIBUTION_TAIL = re.compile(
    r",?\s+(?:he|she|they|police|officials|authorities|the (?:[\w-]+ ){0,2}[\w-]+|(?:[A-Z][a-z]+ ){1,2}[A-Z][a-z]+)"
    r"\s+(?:said|says|added|reported|told [^.,;]{1,40})"
    r"\s*(?=[.!?]?$)"
)
_ATTRIBUTION_HEAD = re.compile(
    r"^(?:Police|Officials|Authorities|Witnesses|Experts|Researchers|Scientists|He|She|They|"
    r"(?:[A-Z][a-z]+ ){1,2}[A-Z][a-z]+) (?:said|says|reported|believe|believes) (?:that )?"
)
_TAIL = re.compile(
    r",\s+(?:leaving|making|including|bringing|following|as well as|while|which|who|where|with)\b[^.;]{3,}(?=[.!?]?$)"
)
_SAID = re.compile(r"\bsaid\b")
# A small count alone, not part of a larger number, an ordinal, an amount or a hyphenated word.
_SMALL_NUMBER = re.compile(r"(?<![\w.,$£€-])([2-9]|10|two|three|four|five|six|seven|eight|nine|ten)(?![\w.,%-])")


def _without(sentence: str, match: re.Match[str] | None, replacement: str = " ") -> str | None:
    if not match or _KEEP.search(match.group()):
        return None
    return sentence[: match.start()] + replacement + sentence[match.end() :]


def _drop_aside(sentence: str, rng: random.Random) -> str | None:
    matches = [m for m in _ASIDE.finditer(sentence) if not _KEEP.search(m.group())]
    return _without(sentence, rng.choice(matches)) if matches else None


def _drop_parenthesis(sentence: str, rng: random.Random) -> str | None:
    return _without(sentence, _PARENTHESIS.search(sentence), "")


def _drop_leading(sentence: str, rng: random.Random) -> str | None:
    dropped = _without(sentence, _LEADING.search(sentence), "")
    return dropped[:1].upper() + dropped[1:] if dropped else None


def _drop_attribution(sentence: str, rng: random.Random) -> str | None:
    tail = _ATTRIBUTION_TAIL.search(sentence)
    if tail and tail.start() > 20:
        return sentence[: tail.start()] + sentence[tail.end() :]
    head = _ATTRIBUTION_HEAD.match(sentence)
    if head and len(sentence) - head.end() > 20:
        rest = sentence[head.end() :]
        return rest[:1].upper() + rest[1:]
    return None


def _cut_tail(sentence: str, rng: random.Random) -> str | None:
    match = _TAIL.search(sentence)
    return _without(sentence, match, "") if match and match.start() >= 25 else None


def _present_tense(sentence: str, rng: random.Random) -> str | None:
    return _SAID.sub("says", sentence, count=1) if _SAID.search(sentence) else None


def _number_spelling(sentence: str, rng: random.Random) -> str | None:
    matches = list(_SMALL_NUMBER.finditer(sentence))
    if not matches:
        return None
    match = rng.choice(matches)
    return sentence[: match.start()] + _NUMBER_WORDS[match.group(1)] + sentence[match.end() :]


def _synonym(sentence: str, rng: random.Random) -> str | None:
    matches = list(_SYNONYM.finditer(sentence))
    if not matches:
        return None
    match = rng.choice(matches)
    word = SYNONYMS[match.group(1)]
    before = sentence[: match.start()]
    if word == "%":
        before = before.rstrip()
    return before + word + sentence[match.end() :]


REWRITES: dict[str, Callable[[str, random.Random], str | None]] = {
    "aside": _drop_aside,
    "parenthesis": _drop_parenthesis,
    "leading": _drop_leading,
    "attribution": _drop_attribution,
    "tail": _cut_tail,
    "tense": _present_tense,
    "number": _number_spelling,
    "synonym": _synonym,
}


def reword(sentence: str, rng: random.Random, edits: int = 2) -> str | None:
    """The sentence after up to `edits` meaning-preserving rewrites (tried in a random order), or None when
    none applies or what is left is too short to be a claim."""
    names = list(REWRITES)
    rng.shuffle(names)
    text, applied = sentence, 0
    for name in names:
        if applied >= edits:
            break
        changed = REWRITES[name](text, rng)
        if changed:
            text, applied = re.sub(r"\s{2,}", " ", changed).strip(), applied + 1
    if not applied or text == sentence or len(re.findall(r"[A-Za-z]{3,}", text)) < 4:
        return None
    return text
