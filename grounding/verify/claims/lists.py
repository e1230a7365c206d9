"""Enumerations after a shared predicate ("visited A, B and C", "borders France and Italy"), one
item per claim; lists that complete a definition or names that contain "and" stay whole.
"""

from __future__ import annotations

from grounding.text.lexicon import DETERMINERS, NAME_CONNECTORS, PREPOSITIONS
from grounding.verify.claims.clauses import _Clause, _finite
from grounding.verify.claims.words import _CLOSE_QUOTES, _COMPOUND_NAMES, _EXHAUSTIVE, _OPEN_QUOTES, _Word

_CLAUSE_CONTRACTIONS = ("'ll", "'re", "'ve", "'d", "'m")
"""A subject and its verb in one word ("you'll", "they're"): a word that opens a clause, never a list item's."""


def _name_run_back(words: list[_Word], last: int, floor: int) -> int | None:
    """Start of the capitalised name (or quoted title) that ends at words[last]."""
    word = words[last]
    if word.raw.rstrip(",;:").endswith(_CLOSE_QUOTES):
        for k in range(last, floor - 1, -1):
            if words[k].raw.startswith(_OPEN_QUOTES):
                return k
        return None
    if not word.cap or word.masked:
        return None
    k = last
    while k - 1 >= floor:
        prev = words[k - 1]
        if prev.comma or prev.masked:
            break
        if prev.cap or (prev.low in NAME_CONNECTORS and prev.low != "and" and k - 2 >= floor and words[k - 2].cap):
            k -= 1
            continue
        break
    while k < last and not words[k].cap:
        k += 1
    return k


def _name_run_forward(words: list[_Word], first: int, end: int) -> bool:
    """Do words[first:end] form one name or quoted title?"""
    if first >= end:
        return False
    if words[first].raw.startswith(_OPEN_QUOTES):
        return words[end - 1].raw.rstrip(",;:.").endswith(_CLOSE_QUOTES) and all(
            w.masked for w in words[first + 1 : end]
        )
    if not words[first].cap:
        return False
    for w in words[first:end]:
        if w.masked or w.comma or not (w.cap or w.low in NAME_CONNECTORS - {"and"} or w.low[:1].isdigit()):
            return False
    return True


def _is_predicate_boundary(words: list[_Word], k: int, start: int) -> bool:
    word = words[k]
    if word.masked:
        return False
    if _inside_title(words, k, start):
        return False  # the "of" of "The Pirates of Blood River" ends no predicate
    return word.colon or word.low in PREPOSITIONS or _finite(words, k, start) is not None or word.form == "part"


def _inside_title(words: list[_Word], k: int, start: int) -> bool:
    """Is words[k] a lowercase connector between capitalised words of one name ("Pirates of Blood")?"""
    word = words[k]
    if word.low not in ("of", "the", "on", "in", "and") or word.cap or word.comma or k - 1 < start:
        return False
    before, after = words[k - 1], words[k + 1] if k + 1 < len(words) else None
    return before.cap and not before.comma and after is not None and (after.cap or after.low == "the")


def _list_items(words: list[_Word], clause: _Clause) -> list[tuple[int, int, int | None]] | None:
    """Items of an enumeration after a shared predicate, as (first word, end word, prefix end) ranges.

    Only 'A, B and C' lists (three or more items) and 'A and B' between two names are split; the
    words before the first item (up to `prefix end`) are shared by every item.
    """
    s, e = clause.start, clause.end
    ands = [k for k in range(s + 1, e - 1) if words[k].low == "and" and not words[k].masked]
    if not ands:
        return None
    a = ands[-1]
    commas = [k for k in range(s, a) if words[k].comma and not words[k].masked]
    if commas:
        return _comma_list(words, clause, commas, a)
    return _name_pair(words, clause, a)


def _exhaustive(words: list[_Word], boundary: int, start: int) -> bool:
    """Does the list complete a definition ("the members were A, B and C", "consisted of A and B")?

    Each item alone would then read as the whole set, which the answer never said.
    """
    if boundary < start:
        return False
    low = words[boundary].low
    if low == "of" and boundary > start:
        low = words[boundary - 1].low
    return low in _EXHAUSTIVE


def _comma_list(
    words: list[_Word], clause: _Clause, commas: list[int], a: int
) -> list[tuple[int, int, int | None]] | None:
    s, e = clause.start, clause.end
    boundary = None
    for k in range(commas[0] - 1, s - 1, -1):
        if _is_predicate_boundary(words, k, s):
            boundary = k
            break
    if boundary is None:
        if not clause.lead:
            return None
        first = s
    else:
        first = boundary + 1
        if not clause.lead and not any(
            _finite(words, k, s) is not None for k in range(s, boundary + 1) if not words[k].masked
        ):
            return None
    commas = [k for k in commas if k >= first]
    if not commas:
        return None
    items: list[tuple[int, int]] = []
    begin = first
    for k in commas:
        if k >= begin:
            items.append((begin, k + 1))
            begin = k + 1
    if begin < a:
        items.append((begin, a))
    items.append((a + 1, e))
    for n in range(len(items) - 1, 0, -1):
        f, b = items[n]
        if n < len(items) - 1 and b - f > 1 and _is_predicate_boundary(words, f, s):
            first = f + 1
            items = [(first, items[n][1]), *items[n + 1 :]]
            break
    if len(items) < 3 or any(b <= f for f, b in items) or _exhaustive(words, first - 1, s):
        return None
    for f, b in items:
        if b - f > 6 and (f, b) != items[-1]:
            return None
        for k in range(f, b):
            w = words[k]
            if w.low in ("or", "nor") or (not w.masked and _finite(words, k, f) is not None and k > f):
                return None
            if k == f and w.low.replace("’", "'").endswith(_CLAUSE_CONTRACTIONS):
                return None  # "Tessary Hub, you'll wait two hours and forty-five minutes": a clause, no list item
            if (f, b) == items[-1] and w.comma:
                return None
    heads = items[:-1]
    last_f, last_b = items[-1]
    if (
        all(b - f - (words[f].low in DETERMINERS) == 1 and not words[b - 1].cap for f, b in heads)
        and last_b - last_f > 1
        and not words[last_f + 1].cap
        and words[last_f + 1].low not in PREPOSITIONS
    ):
        return None
    return [(f, b, first) for f, b in items]


def _name_pair(words: list[_Word], clause: _Clause, a: int) -> list[tuple[int, int, int | None]] | None:
    s, e = clause.start, clause.end
    if a - 1 < s:
        return None
    left = _name_run_back(words, a - 1, s)
    if left is None:
        return None
    right = a + 1
    if right < e and words[right].low == "the":
        right += 1
    if not _name_run_forward(words, right, e):
        return None
    if left - 1 >= s and words[left - 1].low == "the":
        left -= 1
    before = left - 1
    if before < s:
        return None
    if words[before].low in ("between", "both", "either", "neither", "among"):
        return None
    if not _is_predicate_boundary(words, before, s) or _exhaustive(words, before, s):
        return None
    if not clause.lead and not any(
        _finite(words, k, s) is not None for k in range(s, before + 1) if not words[k].masked
    ):
        return None
    left_text = " ".join(w.low for w in words[left:a]).removeprefix("the ")
    right_text = " ".join(w.low for w in words[a + 1 : e])
    for name in _COMPOUND_NAMES:
        head, _, tail = name.partition(" and ")
        if tail and left_text.endswith(head) and right_text.startswith(tail):
            return None
    if "&" in left_text:
        return None
    return [(left, a, left), (a + 1, e, left)]
