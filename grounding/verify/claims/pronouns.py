"""A claim's leading "he", "she" or "it" replaced by the person or named thing an earlier claim was
about, so that each claim can be checked on its own.
"""

from __future__ import annotations

import re

from grounding.text.lexicon import DETERMINERS, NAME_CONNECTORS, PREPOSITIONS, SUBJECT_PRONOUNS

_PRONOUN_START = re.compile(r"^(?P<lead>(?:[^,]{1,40}, )?)(?P<pronoun>he|she|his|her|it|its)\b", re.IGNORECASE)
EXPLETIVE_IT = re.compile(
    r"it(?:'s| is| was| has been| had been| seems| seemed| appears| appeared| remains)\b(?:\s+\S+){0,4}?"
    r"\s+(?:that|to|whether|if|how|why|when)\b",
    re.IGNORECASE,
)
"""An "it" that stands for nothing ("It is likely that ...", "It seems to ..."), matched where the "it" stands."""


def is_person_name(subject: str) -> bool:
    """A bare proper name ("Albert Einstein"): what a later "he" or "she" most likely means."""
    tokens = subject.split()
    if not tokens or len(tokens) > 5 or not tokens[0][:1].isupper():
        return False
    if tokens[0].lower() in DETERMINERS | SUBJECT_PRONOUNS | PREPOSITIONS:
        return False
    return all(t[:1].isupper() or t.lower() in NAME_CONNECTORS for t in tokens)


def _is_named_thing(subject: str) -> bool:
    """'The Eiffel Tower', 'The Amazon River': a named thing, never a person, that 'it' can mean."""
    tokens = subject.split()
    if len(tokens) < 2 or len(tokens) > 7 or tokens[0] != "The" or not tokens[1][:1].isupper():
        return False
    return all(t[:1].isupper() or t.lower() in NAME_CONNECTORS for t in tokens[1:])


def _resolve(text: str, person: str | None, thing: str | None) -> str:
    """Put the antecedent's name in place of a claim's leading pronoun, so the claim stands alone."""
    match = _PRONOUN_START.match(text)
    if not match:
        return text
    pronoun = match.group("pronoun").lower()
    after = text[match.end() :]
    replacement: str | None = None
    if pronoun in ("he", "she"):
        replacement = person
    elif pronoun == "his" or (pronoun == "her" and re.match(r"\s+[a-z]", after)):
        replacement = f"{person}'s" if person else None
    elif pronoun == "it" and not EXPLETIVE_IT.match(text, match.start("pronoun")):
        replacement = thing
    elif pronoun == "its":
        replacement = f"{thing}'s" if thing else None
    if replacement is None:
        return text
    if match.group("lead") and replacement.startswith("The "):
        replacement = "the " + replacement[4:]
    return text[: match.start("pronoun")] + replacement + after
