"""Two figures of one measure exchanged between their places: "at least two hours before eating or at least one hour
after a meal" against "at least 1 hour before a meal or at least 2 hours after a meal".

Every figure of the claim is in the evidence and every word around it, so nothing reads as another value, and the
model, which sees the same words, calls it supported. Each figure is placed by the word that follows it ("before",
"after", "for adults", "in 2019"); where the claim and one evidence sentence place the same figures by the same
words, each word with another of them, the figures have been exchanged.
"""

from __future__ import annotations

import re

from grounding.text.quantities import Quantity, parse_quantities
from grounding.verify.rules.base import quote
from grounding.verify.rules.reading import _content, _sentences, _stems, _words

_PLACE = re.compile(r"\s*(?:[a-z]+\s+){0,1}?(?P<word>before|after|for|in|on|at|per|of|by|from|to|with|than)\b", re.I)
_SAYS_THE_CLAIM = 0.6


_OPEN = frozenset({"for", "in", "on", "at", "of", "by", "with"})
"""Place words that say little alone: "for adults" and "for children" are two places, "for" one."""
_NEXT_WORD = re.compile(r"\s+(?P<word>[\w-]+)")


def _placed(text: str) -> dict[tuple[str | None, str], list[Quantity]]:
    """The figures of each measure by the word that places them, where that word places one figure."""
    found: dict[tuple[str | None, str], list[Quantity]] = {}
    for quantity in parse_quantities(text):
        place = _PLACE.match(text, quantity.end)
        if place:
            key = place["word"].lower()
            following = _NEXT_WORD.match(text, place.end()) if key in _OPEN else None
            key += f" {following['word'].lower()}" if following else ""
            found.setdefault((quantity.dimension, key), []).append(quantity)
    return {key: figures for key, figures in found.items() if len(figures) == 1}


def exchanged(claim: str, evidence: str) -> tuple[str, str] | None:
    """(detail, sentence) where a sentence that says the claim gives its figures in each other's places."""
    mine = _placed(claim)
    if len(mine) < 2:
        return None
    wanted = _stems(_content(_words(claim)))
    for sentence in _sentences(evidence):
        if len(wanted & sentence.stems) < _SAYS_THE_CLAIM * len(wanted):
            continue
        theirs = _placed(sentence.text)
        shared = [key for key in mine if key in theirs]
        by_measure: dict[str | None, list[tuple[str, Quantity, Quantity]]] = {}
        for dimension, place in shared:
            by_measure.setdefault(dimension, []).append(
                (place, mine[(dimension, place)][0], theirs[(dimension, place)][0])
            )
        for places in by_measure.values():
            if len(places) < 2:
                continue
            ours = sorted(round(q.value, 9) for _, q, _ in places)
            if ours != sorted(round(q.value, 9) for _, _, q in places):
                continue
            if all(abs(a.value - b.value) > 1e-9 * max(abs(b.value), 1.0) for _, a, b in places):
                said = ", ".join(f"{b.text!r} {place.split()[0]}" for place, _, b in places)
                return f"The evidence gives them the other way round ({said}): {quote(sentence.text)}", sentence.text
    return None
