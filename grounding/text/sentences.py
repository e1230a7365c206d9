"""Sentence spans: the one splitter every stage uses (claims, alignment, windows, training pairs)."""

from __future__ import annotations

import functools
import re

from grounding.text.lexicon import SENTENCE_STARTERS

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st mt ft vs etc e.g i.e cf al inc ltd co corp bros no nos vol pp fig
    gen col lt sgt capt cmdr adm gov sen rep rev hon pres supt maj brig approx est dept univ assn
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun a.m p.m u.s u.k
    u.n e.u d.c l.a n.y""".split()
)
# A full stop, ! or ?, any closing quotes/brackets, then whitespace or a glued capitalised word,
# acronym ("1930s.NASA") or dotted acronym ("1930s.U.S. Route 66").
_GLUED_START = r"(?=[A-Z][a-z]|[A-Z]\.[A-Z]\.|[A-Z]{2,}\b)"
_END = re.compile(
    rf"""[.!?]+["'\u201d\u2019)\]]*(?=\s|$)|(?<=[a-z0-9%)])[.!?]+{_GLUED_START}|\)(?=[A-Z][a-z])"""
)
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_NEXT_WORD = re.compile(r"\s*[\"'\u201c\u2018(\[]*([A-Za-z0-9]+)")
MAX_SENTENCE_CHARS = 600


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    """Reject full stops that end abbreviations, initials or decimals rather than sentences."""
    end = match.end()
    glued = end < len(text) and not text[end].isspace()
    if glued:
        return True
    if match.group().rstrip("\"'\u201d\u2019)]") == ".":
        before = _WORD_BEFORE.search(text, max(0, match.start() - 64), match.start())
        if before:
            word = before.group(1).lower().rstrip(".")
            nxt = _NEXT_WORD.match(text, end)
            next_word = nxt.group(1) if nxt else ""
            unit = text[before.start() - 1 : before.start()] == "°"  # "a high of 23°C." ends its sentence
            dotted_acronym = "." in word or (len(word) == 1 and word.isalpha() and not unit)
            if word in _ABBREVIATIONS or dotted_acronym:
                starts_sentence = next_word[:1].isupper() and next_word.lower() in SENTENCE_STARTERS
                return starts_sentence and word not in {"mr", "mrs", "ms", "dr"}
            if next_word and next_word[0].islower():
                return False
    return True


def _cut_points(text: str) -> list[int]:
    cuts = [m.end() for m in _END.finditer(text) if _is_boundary(text, m)]
    for m in re.finditer(r"\n\s*\n|\n(?=\s*[^a-z\s])", text):
        cuts.append(m.start())
    return sorted(set(cuts))


def _split_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a run-on 'sentence' (tables, lists without punctuation) at whitespace so no span is huge."""
    spans: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + 1, start + MAX_SENTENCE_CHARS)
        if cut <= start:
            cut = start + MAX_SENTENCE_CHARS
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        spans.append((start, piece_end))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        spans.append((start, end))
    return spans


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans as character offsets, ordered, disjoint and covering every non-space character.

    Handles abbreviations ("U.S.", "Dr."), decimals ("3.5"), and the glued joins of scraped or
    concatenated text ("end.Next", "Film)Zodiac") that HaluEval's knowledge fields are full of.
    """
    return list(_spans(text))


@functools.lru_cache(maxsize=4096)
def _spans(text: str) -> tuple[tuple[int, int], ...]:
    """Cached: the rules split the same evidence once per claim and per rule."""
    spans: list[tuple[int, int]] = []
    previous = 0
    for cut in [*_cut_points(text), len(text)]:
        start, end = previous, cut
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.extend(_split_long(text, start, end))
        previous = max(previous, cut)
    return tuple(spans)
