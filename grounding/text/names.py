"""Regular expressions for a capitalised name, in one place.

They differ on purpose, each tuned to its job: what counts as part of a word (apostrophes, hyphens,
any letter) and whether a run of capitalised words is one name. Read a pattern's docstring before
reusing it elsewhere; change one only with the job it serves.
"""

from __future__ import annotations

import re

from grounding.text.lexicon import DAYS_OF_THE_WEEK, PREPOSITIONS, STOPWORDS
from grounding.text.quantities import MONTHS

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


def _without_openers(name: str, openers: frozenset[str]) -> list[str]:
    words = name.split()
    while len(words) > 1 and words[0].lower() in openers:
        words = words[1:]
    return words


def initials(name: str, openers: frozenset[str] = frozenset()) -> str:
    """ "gdpr" for "The General Data Protection Regulation": the lower-cased first letters of a name's words,
    leading `openers` (words capitalised only by their position) left out."""
    return "".join(w[0] for w in _without_openers(name, openers)).lower()


def expanded(acronym: str, text: str, openers: frozenset[str] = frozenset()) -> str | None:
    """The name in `text` that `acronym` ("GDPR") abbreviates, without its leading openers, or None."""
    for match in NAME_RUN.finditer(text):
        words = _without_openers(match.group(), openers)
        if len(words) > 1 and initials(" ".join(words)) == acronym.lower():
            return " ".join(words)
    return None


_SUBJECT_NAME = re.compile(r"\b(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z'’-]+){1,2})\s+(?P<next>[a-z]+)\b")


def subject_name(sentence: str) -> str | None:
    """The one name a sentence puts right before a word that is no preposition or conjunction, as a subject before
    its verb ("At Quillfern Logistics, Daniel Achterberg is the manager"; "Lake Orvane lies in a basin"), or None
    where it names none or several: what a "he", "she" or "its" in the next sentence most likely stands for."""
    names = {
        m["name"]
        for m in _SUBJECT_NAME.finditer(sentence)
        if m["name"].split()[0].lower() not in STOPWORDS
        and m["next"] not in PREPOSITIONS | {"and", "or", "but"}
        and not m["name"].endswith(("'s", "’s"))  # "causing Mr Bell’s death": an owner, not a subject
    }
    return names.pop() if len(names) == 1 else None


_NAME_WORD = re.compile(r"\b[A-Z][a-z][\w'’-]*")
_CALENDAR = frozenset(w.capitalize() for w in (*MONTHS, *DAYS_OF_THE_WEEK))


def of_another_name(claim: str, sentence: str) -> bool:
    """The sentence is about something the claim does not name, and names nothing the claim does: "Platform 4 is
    used by trains to Hessby" gives no platform of the claim's "trains to Corvale", and "Fibrastat was withdrawn on
    2 May 2024" no date of Dexelon's. What a sentence is about is what it opens on ("She died in 1934 in France" is
    about whoever "she" is); a claim that names nothing ("The treaty was signed in 1951") says what it does of
    whatever the sentence names."""
    opener = re.match(r"\s*[A-Z][a-z]+,", sentence)  # "Overall, the data ...": an adverb, no name
    text = sentence[opener.end() if opener else 0 :]
    words = text.split()
    if not words or words[0].lower() in _PRONOUNS:
        return False
    mine = set(_NAME_WORD.findall(claim))
    named = {w for w in mine if w.lower() not in STOPWORDS} - _CALENDAR
    about = {w for w in _NAME_WORD.findall(" ".join(words[:4])) if w.lower() not in STOPWORDS} - _CALENDAR
    return bool(named) and bool(about - mine) and not set(_NAME_WORD.findall(text)) & mine


_PRONOUNS = frozenset({"he", "she", "it", "they", "his", "her", "its", "their", "this", "these", "we"})
