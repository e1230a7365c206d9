"""Regular expressions for a capitalised name, in one place.

They differ on purpose, each tuned to its job: what counts as part of a word (apostrophes, hyphens,
any letter) and whether a run of capitalised words is one name. Read a pattern's docstring before
reusing it elsewhere; change one only with the job it serves.
"""

from __future__ import annotations

import re

CAPITALISED_WORD = re.compile(r"\b[A-Z][A-Za-z0-9\-']*")
"""One capitalised ASCII word: the entity words alignment compares between a claim and a sentence."""

CAPITALISED_TOKEN = re.compile(r"(?<![\w'’])[A-Z][\w'’\-]*")
"""One capitalised word, not the tail of another ("O'Brien" is one): the name words the graph checker weighs."""

NAME_RUN = re.compile(r"\b[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)*")
"""A run of capitalised words ("Mount Everest"): a name a claim may bring in that its evidence lacks."""

TITLE = re.compile(
    r"\b[A-Z][\w'’\-]*(?:(?::[ \t]+|[ \t]+(?:of|the|and|&|in|on|at|to|for|a|an)[ \t]+|[ \t]+)[A-Z0-9][\w'’\-]*)*"
)
"""Capitalised words joined by spaces, ": " or the small words titles carry ("Shadow of the Wind")."""
