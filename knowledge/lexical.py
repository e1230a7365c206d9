"""Question text to an FTS5 query: the words that can find a passage, OR-ed, for BM25 to weigh.

Dense retrieval blurs rare names ("Walter Burley Griffin", "Quenville") into their neighbours;
an exact-word index finds them. Question words and function words are dropped because they
match nearly every chunk, which costs time at scale and adds nothing BM25's IDF would keep.
"""

from __future__ import annotations

import re

STOPWORDS = frozenset(
    """the of is a an what which who whom whose in on at has have had by was were are to and or does do
    did how where when why its it that this for with as from be been there their many much into than
    then these those they he she his her him them we you your our not no yes can could would should will
    about after before also any but if may more most other some such only one""".split()
)
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 32
COMMON_SHARE = 0.02  # a word in more than 2% of chunks weighs little in BM25 and costs the most to score
MIN_COMMON_CAP = 200


def distinctive_terms(terms: list[str], frequency, chunks: int) -> list[str]:
    """The terms worth scoring: those in at most COMMON_SHARE of the chunks (all, if every one is common).

    An OR query's cost grows with the chunks its terms match; scoring "film" or "american" over
    100k chunks costs hundreds of milliseconds and moves the ranking little, as their IDF is low.
    `frequency(term, cap)` counts a term's chunks up to `cap`.
    """
    cap = max(MIN_COMMON_CAP, int(COMMON_SHARE * chunks))
    kept = [t for t in terms if frequency(t, cap) < cap]
    return kept or terms


def query_terms(text: str) -> list[str]:
    """Distinct content words of `text`, lower-cased, in order of first appearance."""
    seen: dict[str, None] = {}
    for word in _WORD.findall(text.lower()):
        if word not in STOPWORDS and (len(word) > 1 or word.isdigit()):
            seen.setdefault(word, None)
    return list(seen)[:MAX_TERMS]


def fts_query(text: str, terms: list[str] | None = None) -> str | None:
    """An FTS5 MATCH expression for `text` (or for `terms`, when given), None when no word is searchable.

    Every term is quoted, so words FTS5 reads as operators (AND, NOT, NEAR) or punctuation in
    user text can never make the query invalid.
    """
    terms = query_terms(text) if terms is None else terms
    if not terms:
        return None
    return " OR ".join('"' + term.replace('"', '""') + '"' for term in terms)
