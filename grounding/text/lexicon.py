"""The one lexicon: closed-class English words the text helpers agree on.

Every stage that needs "a word that carries no content" or "a word that opens a sentence" asks here,
so a fix to a list reaches the claim splitter, alignment, the rules and the baselines alike.
"""

from __future__ import annotations

SENTENCE_STARTERS = frozenset(
    """the a an he she it they we i you his her its their our this these that those there here but and
    so yet in on at for from after before when while however meanwhile then also as if since""".split()
)
"""Function words that may open a sentence and so are capitalised only by position."""
