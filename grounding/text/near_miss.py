"""Names that almost match the evidence: "Endgame: The Challenge" where the evidence says "Endgame: The Calling".

A hallucinating model rarely invents a name from nothing; it swaps one word of a real one ("Sean
Bean" for "Sean Penn", "Gail Kelly Levine" for "Gail Carson Levine") or reorders it ("Plath
Sylvia"). Such a claim reads almost exactly like its evidence, which is what fools an entailment
model, and the swapped word is usually a real word, which fools a name-novelty check that only
asks whether each word occurs somewhere. Comparing whole names catches it and says which name
the evidence holds instead.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from rapidfuzz.distance import Levenshtein

from grounding.text.lexicon import FUNCTION_WORDS, HONORIFICS
from grounding.text.names import TITLE

__all__ = ["NameSpan", "fold_word", "name_spans", "near_miss_names"]

_WORD = re.compile(r"[\w'’\-]+")
_POSSESSIVE = re.compile(r"['’]s?$")

NameSpan = tuple[str, tuple[str, ...]]


def name_spans(text: str) -> list[NameSpan]:
    """Multi-word names and titles in `text`, each with its lower-cased words.

    A leading function word or title ("Besides Ferrell", "The Calling", "PM Key") is dropped from the
    words so a name is compared on what identifies it.
    """
    spans: list[NameSpan] = []
    for match in TITLE.finditer(text):
        name = match.group()
        while (first := _WORD.match(name)) and first.group().lower().rstrip(".") in FUNCTION_WORDS | HONORIFICS:
            name = name[first.end() :].lstrip(": \t")
        words = tuple(fold_word(w) for w in _WORD.findall(name))
        if len(words) >= 2:
            spans.append((name, words))
    return spans


def fold_word(word: str) -> str:
    """Lower case, accents and a possessive dropped: "Amenábar's" and "Amenabar" are one name."""
    plain = word.lower()
    if not plain.isascii():
        plain = "".join(c for c in unicodedata.normalize("NFKD", plain) if not unicodedata.combining(c))
    return _POSSESSIVE.sub("", plain) if plain[-1] in "s'’" else plain


def _normal(text: str) -> str:
    return f" {' '.join(fold_word(w) for w in _WORD.findall(text))} "


def _is_swap(claimed: tuple[str, ...], known: tuple[str, ...], evidence_words: str) -> bool:
    """One word of a known name replaced by a word the evidence never uses, or a short name reordered.

    The new word must be foreign to the evidence: "Chelsea Under 19" beside "England Under 19" in a
    text that mentions Chelsea is the same text naming two teams, not a swap.
    """
    if claimed == known or len(claimed) != len(known):
        return False
    if sorted(claimed) == sorted(known):
        return len(claimed) <= 3 and not set(claimed) & FUNCTION_WORDS
    differing = [(a, b) for a, b in zip(claimed, known, strict=True) if a != b]
    if len(differing) != 1:
        return False
    a, b = differing[0]
    if {a, b} & _HEDGES:
        return False  # "Roughly 140" and "About 140" open sentences: a hedged figure, no name
    shared = [w for w in claimed if w in known and w not in FUNCTION_WORDS]
    return (
        bool(shared)
        and a not in FUNCTION_WORDS
        and b not in FUNCTION_WORDS
        and not a.isdigit()
        and not b.isdigit()
        and f" {a} " not in evidence_words
        and not _is_variant(a, b)
    )


_HEDGES = frozenset(
    "about roughly around approximately nearly almost some over under just only more less fewer".split()
)


def _is_variant(a: str, b: str) -> bool:
    """A misspelling, a short form or a part of the same word: "Olsen" for "Olsson", "Rafa" for
    "Rafael", "Orioles-White" for "White"; not "Bean" for "Penn"."""
    if len(a) >= 3 and len(b) >= 3 and (a.startswith(b) or b.startswith(a)):
        return True
    if b in a.split("-") or a in b.split("-"):
        return True
    distance = Levenshtein.distance(a, b)
    return distance <= 1 or (distance == 2 and a[0] == b[0] and min(len(a), len(b)) >= 5)


def near_miss_names(claim: str, evidence: str) -> list[tuple[str, str]]:
    """(claimed name, evidence name) pairs where the claim names something the evidence names differently.

    A name the evidence contains verbatim (or glued to the next word, as scraped facts often are), a
    misspelling, a different number ("Toy Story 3") and a claim that also states the evidence's own
    name ("The Calling, not The Challenge") are not near misses.
    """
    evidence_words, by_length = _evidence_names(evidence)
    claim_words = _normal(claim)
    misses: list[tuple[str, str]] = []
    for name, words in name_spans(claim):
        if f" {' '.join(words)}" in evidence_words:
            continue
        for other, other_words in by_length.get(len(words), ()):
            if f" {' '.join(other_words)} " not in claim_words and _is_swap(words, other_words, evidence_words):
                misses.append((name, other))
                break
    return misses


@functools.lru_cache(maxsize=256)
def _evidence_names(evidence: str) -> tuple[str, dict[int, tuple[NameSpan, ...]]]:
    """The evidence's normalised words and its names by word count, once per evidence text: every
    claim of an answer is checked against the same evidence."""
    by_length: dict[int, list[NameSpan]] = {}
    for span in dict.fromkeys(name_spans(evidence)):
        by_length.setdefault(len(span[1]), []).append(span)
    return _normal(evidence), {n: tuple(spans) for n, spans in by_length.items()}
