"""Who finished where: a claim that puts a team or a person in one place of a ranking while the evidence gives them
another.

"Kessington finished third in the medal table" against "Kessington were second with 24 golds, ahead of Druvania in
third place"; "Dunhollow finished second in the 2023 Western League" against "Final 2023 Western League table: 1.
Carrick Vale, 68 pts; 2. Maddox Town, 64 pts; 3. Dunhollow, 61 pts". Every word of the claim is in the evidence,
the claim's place too (someone else's), and a cross-encoder calls it entailed. A place is read where the evidence
ties it to a name: the name, its verb ("finished", "came", "were") and the ordinal (or "runners-up"); "<name> in
third place"; a numbered table ("3. Dunhollow"). Only one place given to the claim's name, never the claim's,
contradicts it: a ranking of another season or another event gives a name another place, so a year the claim names
must be in the sentence that places the name, and a name placed twice is left to the model.
"""

from __future__ import annotations

import re

from grounding.text.lexicon import STOPWORDS
from grounding.text.quantities import ORDINAL_WORDS, years_in
from grounding.text.sentences import split_sentences
from grounding.verify.rules.base import quote

_ORDINAL = rf"(?:{'|'.join(ORDINAL_WORDS)}|[1-9]\d?(?:st|nd|rd|th)|runners?-up)"
_NAME = r"(?:[A-Z][\w'’&-]*)(?:\s+(?:of\s+|the\s+|&\s+)?[A-Z][\w'’&-]*){0,4}"
_PLACED = (
    r"(?:finished|finishes|finish|ended|ends|came|comes|placed|ranked|ranks|were|was|is|are|sat|sits|stood|stands)"
)
_AFTER = r"(?=\s*(?:[,.;:)]|$|\s(?:place|position|overall|in|on|with|at|behind|ahead|of|and|after|for)\b))"
_SAID = re.compile(
    rf"(?<![\w'’-])(?P<name>{_NAME})\s+(?:[a-z]+ly\s+)?{_PLACED}\s+(?:(?:the|this|last)\s+(?:[a-z]+\s+){{0,2}}?)?"
    rf"(?:(?:in|as)\s+)?(?:(?:joint|equal)\s+)?(?P<place>{_ORDINAL})(?![\w-]){_AFTER}"
)
_IN_PLACE = re.compile(rf"(?<![\w'’-])(?P<name>{_NAME}),?\s+in\s+(?P<place>{_ORDINAL})\s+place\b")
_TABLE = re.compile(rf"(?:^|[:;,]\s*|\s)(?P<place>[1-9]\d?)[.)]\s+(?P<name>{_NAME})(?=\s*[,;(]|\s+\d)")
_OPENERS = frozenset({"the", "a", "an", "in", "on", "at", "after", "before", "final", "this", "last"})


def _place(said: str) -> int:
    said = said.lower()
    if said.startswith("runner"):
        return 2
    return ORDINAL_WORDS.index(said) + 1 if said in ORDINAL_WORDS else int(re.match(r"\d+", said)[0])


def _name(said: str) -> frozenset[str]:
    """The name's words without a sentence opener the name pattern takes in ("The", "Final")."""
    words = [w.lower().replace("’", "'") for w in said.split()]
    while words and words[0] in _OPENERS:
        words = words[1:]
    named = frozenset(w for w in words if w not in {"of", "the", "&"})
    return named if named - STOPWORDS else frozenset()  # "It was second": no name


def _places(text: str) -> list[tuple[frozenset[str], int]]:
    return [(_name(m["name"]), _place(m["place"])) for m in (*_SAID.finditer(text), *_IN_PLACE.finditer(text))]


def _stated(evidence: str) -> list[tuple[frozenset[str], int, str]]:
    """Each (name, place, sentence) the evidence states; a numbered table, which a sentence splitter breaks at its
    numbers, quoted from its first row to the row that places the name."""
    spans = split_sentences(evidence)
    found = [(name, place, evidence[start:end]) for start, end in spans for name, place in _places(evidence[start:end])]
    rows = list(_TABLE.finditer(evidence))
    if rows:
        first = max((start for start, _ in spans if start <= rows[0].start()), default=0)
        for row in rows:
            end = next((end for _, end in spans if end >= row.end()), len(evidence))
            found.append((_name(row["name"]), int(row["place"]), evidence[first:end]))
    return found


def _one(name: frozenset[str], other: frozenset[str]) -> bool:
    return bool(name) and bool(other) and (name <= other or other <= name)


def other_place(claim: str, evidence: str) -> tuple[str, str] | None:
    """(detail, sentence) where the evidence places the claim's name elsewhere in the ranking, and nowhere where the
    claim does; None otherwise."""
    claimed = [(name, place) for name, place in _places(claim) if name]
    if len(claimed) != 1:
        return None
    name, place = claimed[0]
    years = years_in(claim)
    stated = []
    for other, theirs, sentence in _stated(evidence):
        if _one(name, other):
            if theirs == place:
                return None
            stated.append((theirs, sentence))
    if not stated or len({theirs for theirs, _ in stated}) > 1:
        return None
    theirs, sentence = stated[0]
    if not all(years <= years_in(sentence) for _, sentence in stated):
        return None
    return f"The evidence places it {_ordinal(theirs)}, not {_ordinal(place)}: {quote(sentence)}", sentence


def _ordinal(place: int) -> str:
    return ORDINAL_WORDS[place - 1] if place <= len(ORDINAL_WORDS) else str(place)
