"""A move said the other way round: "The patient was moved from the Merriton Cardiac Centre to Saint Aldric Hospital"
against "The patient was transferred from Saint Aldric Hospital to the Merriton Cardiac Centre".

Every word of such a claim is in its evidence, and the model reads it as entailed. The rule reads where a move starts
and where it ends, by "from ... to ...", "to ... from ...", "joined B from A", "B signed (someone) from A" and "left A
to join B" (B is where the move ends), and finds a contradiction where a sentence that moves the claim's thing between
the same two places says the move the other way: read by `roles`.
"""

from __future__ import annotations

import re

from grounding.verify.rules.base import quote
from grounding.verify.rules.reading import _content, _sentences, _stems, _words

_NAME = r"(?:the\s+)?(?P<{0}>[A-Z][\w'’-]*(?:\s+(?:of\s+|de\s+)?[A-Z][\w'’-]*)*)"
_FROM_TO = re.compile(rf"\bfrom\s+{_NAME.format('a')}\s+(?:[a-z]+\s+){{0,2}}?to\s+{_NAME.format('b')}")
_TO_FROM = re.compile(rf"\bto\s+{_NAME.format('b')}\s+(?:[a-z]+\s+){{0,2}}?from\s+{_NAME.format('a')}")
_JOINED_FROM = re.compile(
    rf"\b(?:joined|rejoined|moved\s+to|transferred\s+to|returned\s+to)\s+{_NAME.format('b')}\s+"
    rf"(?:[\w-]+\s+){{0,4}}?from\s+{_NAME.format('a')}"
)
_TAKEN_FROM = re.compile(
    rf"{_NAME.format('b')}\s+(?:has\s+|have\s+)?"
    r"(?:signed|bought|purchased|acquired|borrowed|recruited|poached|loaned|brought\s+in|snapped\s+up)\s+"
    rf"(?:[\w'’-]+\s+){{1,8}}?from\s+{_NAME.format('a')}"
)
_LEFT_FOR = re.compile(
    rf"\b(?:left|quit|departed)\s+{_NAME.format('a')}\s+(?:in\s+\d{{4}}\s+)?(?:to\s+(?:join|rejoin|move\s+to)|for)\s+"
    rf"{_NAME.format('b')}"
)
_MOVES = (_FROM_TO, _TO_FROM, _JOINED_FROM, _TAKEN_FROM, _LEFT_FOR)
_A_VERB = re.compile(r"(?:ed|ing|en)$|^(?:sent|sold|bought|went|came|left|took|moved?|sends?|goes)$")
"""The move's own verb, which says nothing of what was moved."""


def other_way_round(claim: str, evidence: str) -> tuple[str, str] | None:
    """(detail, sentence) where a sentence moves the claim's thing between the claim's two places the other way;
    None otherwise."""
    for start, end in _moves(claim):
        thing = {w for w in _stems(_content(_words(_without(claim, start, end)))) if not _A_VERB.search(w)}
        for sentence in _sentences(evidence):
            if not thing & sentence.stems:
                continue  # another thing moved between the same places (a fee paid the other way)
            for a, b in _moves(sentence.text):
                if _same(a, end) and _same(b, start):
                    detail = f"The evidence says from {a} to {b}, not from {start} to {end}: {quote(sentence.text)}"
                    return detail, sentence.text
    return None


def _moves(text: str) -> list[tuple[str, str]]:
    """(where a move starts, where it ends) for each move the text says."""
    return [(found["a"], found["b"]) for pattern in _MOVES for found in pattern.finditer(text)]


def _same(one: str, other: str) -> bool:
    """One place named alike: the same words, or one name inside the other ("Harlow" of "Harlow Athletic")."""
    a, b = one.lower(), other.lower()
    return any(re.search(rf"\b{re.escape(x)}\b", y) for x, y in ((a, b), (b, a)))


def _without(text: str, *names: str) -> str:
    for name in names:
        text = text.replace(name, " ")
    return text
