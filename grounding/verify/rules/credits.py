"""Who made what: a claim that credits a work to someone other than the evidence does.

"James Franco directed Rise of the Planet of the Apes" against "Rupert Wyatt directed Rise of the
Planet of the Apes" reads, to a small entailment model, almost exactly like its evidence: one name
differs and both names occur in the evidence (Franco stars in the film). A work's director and
author are the slots hallucinating models swap most, and the evidence usually states them in a
few fixed shapes, so the credit is read off the text and compared by name.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from grounding.text.lexicon import FUNCTION_WORDS
from grounding.text.near_miss import fold_word
from grounding.types import RuleFinding
from grounding.verify.rules.base import contradictions

__all__ = ["WORK_PATTERN", "Credit", "CreditConflict", "credit_conflicts", "credits_in", "work_key"]

_NAME_WORD = r"(?:[A-Z](?:\.[A-Z])*\.|[A-Z][\w'’\-]*)"  # "R.J." and "Palacio", never "Abrahams." ending a sentence
_NAME = rf"{_NAME_WORD}(?:[ \t]+(?:{_NAME_WORD}|de|da|van|von|del|la|le))*"
_NAMES = rf"{_NAME}(?:[ \t]*(?:,|and|&)[ \t]*{_NAME})*"
_GLUED_TITLE = re.compile(r"^.*[a-z](?=(?:The|A|An)[ \t][A-Z0-9])")  # "Cold WarThe Quiet American"
_NOT_A_PERSON = frozenset({"who", "what", "which", "whom", "whose"})
WORK_PATTERN = (  # a title: capitalised words joined by spaces, ": " or the small words titles carry
    r"\b[A-Z0-9][\w'’\-]*(?:(?::[ \t]+|(?:[ \t]+(?:of|the|and|&|in|on|at|to|for|a|an|with|from))*[ \t]+)"
    r"[A-Z0-9][\w'’\-]*)*"
)
_MAKES = {"directed": "directed", "wrote": "written", "written": "written", "authored": "written", "penned": "written"}
_PASSIVE = re.compile(
    rf"(?P<work>{WORK_PATTERN})[ \t]*,?[ \t]+(?:(?:is|was|which[ \t]+was|that[ \t]+was|has[ \t]+been)[ \t]+)?"
    rf"(?:also[ \t]+)?(?P<how>directed|written|authored|penned)[ \t]+by[ \t]+(?P<who>{_NAMES})"
)
_ACTIVE = re.compile(
    rf"(?P<who>{_NAME})[ \t]+(?:(?:also|actually|has|had|even|once)[ \t]+)*(?P<how>directed|wrote|authored|penned)"
    rf"[ \t]+(?P<work>{WORK_PATTERN})"
)


@dataclass(frozen=True)
class Credit:
    work: str
    role: str  # "directed" or "written"
    who: str


@dataclass(frozen=True)
class CreditConflict:
    work: str
    role: str
    claimed: str
    known: tuple[str, ...]

    def reason(self) -> str:
        verb = "was directed by" if self.role == "directed" else "was written by"
        return f"The evidence says {self.work} {verb} {' and '.join(self.known)}, not {self.claimed}."


def work_key(text: str) -> str:
    """A title compared without regard to case, accents or punctuation."""
    return " ".join(fold_word(w) for w in re.findall(r"[\w'’\-]+", text))


def _person(name: str) -> str | None:
    """The name without the sentence words a capitalised run picks up ("Actually James Franco")."""
    words = name.rstrip(".").split()
    while words and words[0].lower() in FUNCTION_WORDS:
        words = words[1:]
    if not words or len(words) > 5 or words[0].lower() in _NOT_A_PERSON:
        return None
    return " ".join(words)


def _people(names: str) -> list[str]:
    """ "Ron Clements and John Musker": each person a credit names."""
    return [p for part in re.split(r"\s*(?:,|\band\b|&)\s*", names) if (p := _person(part))]


@functools.lru_cache(maxsize=256)
def credits_in(evidence: str) -> tuple[Credit, ...]:
    """The directed-by and written-by credits the evidence states, as written."""
    found: list[Credit] = []
    for line in evidence.splitlines():
        for pattern in (_PASSIVE, _ACTIVE):
            for match in pattern.finditer(line):
                work = _GLUED_TITLE.sub("", match["work"].strip(" ,"))
                if work.lower() in FUNCTION_WORDS:  # "That was written by ...": no title to compare
                    continue
                for who in _people(match["who"]):
                    found.append(Credit(work, _MAKES[match["how"]], who))
    return tuple(dict.fromkeys(found))


def _same_person(a: str, b: str) -> bool:
    """ "Sonia Sones" is "Sonya Sones" and "RJ Palacio" is "R.J. Palacio": the family name decides."""
    a_words, b_words = work_key(a).split(), work_key(b).split()
    return bool(a_words and b_words) and (a_words[-1] == b_words[-1] or work_key(a) == work_key(b))


def credit_conflicts(claim: str, evidence: str) -> list[CreditConflict]:
    """Works the claim credits (as director or author) to someone the evidence does not credit.

    Only works the evidence itself credits are compared, and a claim crediting anyone the evidence
    credits for that work and role (co-directors, co-authors) is no conflict. "X by Y" is read as
    either role: it is how people name a book's author and, loosely, a film's director.
    """
    known: dict[tuple[str, str], list[Credit]] = {}
    for credit in credits_in(evidence):
        known.setdefault((work_key(credit.work), credit.role), []).append(credit)
    if not known:
        return []
    conflicts: list[CreditConflict] = []
    for work in dict.fromkeys(credit.work for credits in known.values() for credit in credits):
        for role, who, named in _claimed_credits(claim, work):
            roles = ("directed", "written") if role == "by" else (role,)
            credited = [c for r in roles for c in known.get((work_key(work), r), [])]
            if not credited or any(_same_person(n, c.who) for n in named for c in credited):
                continue
            conflicts.append(CreditConflict(work, credited[0].role, who, tuple(dict.fromkeys(c.who for c in credited))))
    return list(dict.fromkeys(conflicts))


def _claimed_credits(claim: str, work: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """(role, first person, everyone named) for each credit the claim states for `work`, any case."""
    title = re.escape(work).replace(r"\ ", r"[ \t]+")
    passive = re.compile(
        rf"(?<![\w])(?i:{title})[ \t]*,?[ \t]+(?i:(?:is|was|which[ \t]+was|that[ \t]+was|has[ \t]+been)[ \t]+)?"
        rf"(?i:also[ \t]+|actually[ \t]+)?(?:(?P<how>(?i:directed|written|authored|penned))[ \t]+)?(?i:by)[ \t]+"
        rf"(?P<who>{_NAMES})"
    )
    active = re.compile(
        rf"(?P<who>{_NAME})[ \t]+(?i:(?:also|actually|has|had|even|once)[ \t]+)*"
        rf"(?P<how>(?i:directed|wrote|authored|penned))[ \t]+(?i:the[ \t]+(?:movie|film|book|novel|play)[ \t]+)?"
        rf"(?i:{title})(?![\w])"
    )
    found: list[tuple[str, str, tuple[str, ...]]] = []
    for pattern in (passive, active):
        for match in pattern.finditer(claim):
            people = tuple(_people(match["who"]))
            if people:
                found.append((_MAKES[match["how"].lower()] if match["how"] else "by", people[0], people))
    return found


class CreditRule:
    """A domain rule: works and their makers (films, books)."""

    name = "credits"

    def check(self, claim: str, evidence: str) -> list[RuleFinding]:
        return contradictions(self.name, credit_conflicts(claim, evidence))
