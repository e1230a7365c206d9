"""A count said in words against another count of the same things: "banned Owen Trask for four matches" against
"suspended ... Owen Trask for six matches".

Counts in words are no quantities to `quantities.py` (a claim's "two people" read against every number of a news
story was the fourteenth session's lesson), so the model, which reads "four" and "six" as near words, calls such a
claim supported. A count is read here only against a count of the same noun, in a sentence that says most of the
claim and counts that noun once, and only where no sentence gives the claim's count of it; a count with "more",
"fewer", "other" or "another" after it ("five more groups") is a difference, not a count, and is left alone.
"""

from __future__ import annotations

import re

from grounding.text.lexicon import count_of, singular
from grounding.text.quantities import WORD_NUMBERS
from grounding.verify.rules.base import quote
from grounding.verify.rules.reading import _content, _sentences, _stems, _words

_WORDS = sorted((w for w in WORD_NUMBERS if w not in ("zero", "one", "hundred", "dozen")), key=len, reverse=True)
_COUNT = rf"(?P<count>{'|'.join(_WORDS)}|\d{{1,3}})"
_COUNTED = re.compile(rf"\b{_COUNT}\s+(?P<noun>[a-z]{{3,}})\b", re.I)
_NOT_A_COUNT = frozenset({"more", "fewer", "less", "other", "others", "another", "times", "of", "per", "percent"})
_QUALIFIED = re.compile(
    r"(?:\b(?:more|fewer|less)\s+than|\b(?:over|under|about|around|nearly|almost|roughly|some|approximately|at\s+least"
    r"|at\s+most|up\s+to|other|remaining|first|last|next|another|top|of\s+the|of\s+its|of\s+their))\s+$",
    re.I,
)
"""Words before a count that make it a bound, a part or a selection, not the count of all the things."""
_SAYS_THE_CLAIM = 0.6
"""Share of the claim's content words (its counts aside) the sentence that counts the noun must say."""


def other_count(claim: str, evidence: str) -> tuple[str, str] | None:
    """(detail, sentence) where a count the claim says in words is another count of the same noun in the sentence
    that says the claim; None otherwise."""
    sentences = [sentence.text for sentence in _sentences(evidence)]
    for mine in _COUNTED.finditer(claim):
        count, noun = count_of(mine["count"]), singular(mine["noun"])
        if not mine["count"].isalpha() or count is None or mine["noun"].lower() in _NOT_A_COUNT:
            continue  # digits are `quantities`' to read
        if _QUALIFIED.search(claim[: mine.start()]):
            continue  # "more than twenty novels", "the other two forts": no count of them all
        rest = _stems(_content(_words(claim[: mine.start()] + claim[mine.end() :])))
        if len(rest) < 2:
            continue
        counts = [(s, [c for c in _COUNTED.finditer(s) if singular(c["noun"]) == noun]) for s in sentences]
        if any(count_of(c["count"]) == count for _, found in counts for c in found):
            return None
        for sentence, found in counts:
            said = _stems(_content(_words(sentence)))
            if len(found) == 1 and len(rest & said) >= _SAYS_THE_CLAIM * len(rest):
                theirs = found[0]
                if count_of(theirs["count"]) not in (None, count):
                    detail = f"The evidence gives {theirs.group()!r}, not {mine.group()!r}: {quote(sentence.strip())}"
                    return detail, sentence.strip()
    return None
