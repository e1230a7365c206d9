"""The evidence-rule interface: a named check of a claim's text against evidence text.

Rules sit beside the entailment model, not inside it: each returns typed findings, the entailment
checker applies their effect (a contradiction, no support, a discounted score) and every verdict
lists the findings that touched it. A rule is switched on or off by name in
`VerifierOptions.rules`; `grounding.registry.RULES` lists them with their defaults.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from grounding.text.lexicon import DAYS_OF_THE_WEEK
from grounding.types import Correction, Effect, RuleFinding

_DAY = rf"(?i:{'|'.join(DAYS_OF_THE_WEEK)})s?\b"
_NTH_DAY = rf"(?i:first|second|third|fourth|last)\s+{_DAY}"
_LIST_ITEM = r"[\w-]+(?:\s+[\w-]+)?,?\s+(?:or|and)\s+[\w-]+[.;]?$"
CLAUSE_BREAK = re.compile(
    rf",\s+(?!{_DAY})(?!{_LIST_ITEM})|[;:]\s+|\s+(?:because|while|whereas|although|but|so|which|who"
    rf"|and(?!\s+a\s+(?:half|quarter)\b)(?!\s+(?:(?i:every|on)\s+)?{_DAY})(?!\s+{_NTH_DAY}))\s+"
)
"""Where an evidence sentence splits into clauses: a negation, a frame or an opposite is read inside one. A list
of days ("on Mondays, Wednesdays and Fridays", "every Monday and every Thursday", "the first and third Tuesdays")
is one part of its clause."""


def quote(text: str, limit: int = 140) -> str:
    """Evidence quoted in a finding's detail, cut to `limit` characters."""
    return f'"{text[: limit - 3]}..."' if len(text) > limit else f'"{text}"'


def contradiction(rule: str, detail: str, cite: str, correction: Correction | None = None) -> RuleFinding:
    """One finding that the evidence (`cite`, the sentence that says otherwise) contradicts the claim."""
    return RuleFinding(rule=rule, effect=Effect.CONTRADICTS, detail=detail, cite=cite, correction=correction)


class Conflict(Protocol):
    """What a value rule found: the value claimed, the values the evidence states, and why in words."""

    claimed: str
    known: tuple[str, ...]

    def reason(self) -> str: ...


def contradictions(rule: str, conflicts: Sequence[Conflict]) -> list[RuleFinding]:
    """Findings that contradict, with a correction where the evidence states exactly one value."""
    return [
        RuleFinding(
            rule=rule,
            effect=Effect.CONTRADICTS,
            detail=conflict.reason(),
            cite=conflict.known[0],
            correction=Correction(wrong=conflict.claimed, right=conflict.known[0])
            if len(conflict.known) == 1
            else None,
        )
        for conflict in conflicts
    ]


@runtime_checkable
class EvidenceRule(Protocol):
    name: str

    def check(self, claim: str, evidence: str) -> list[RuleFinding]:
        """Findings for `claim` against `evidence` (all of an answer's evidence, joined); [] when none."""
        ...


def load_rules(names: Sequence[str]) -> list[EvidenceRule]:
    """The evidence rules among `names`, built with their defaults (steps with no class are skipped)."""
    return list(_load_rules(tuple(names)))


@functools.cache
def _load_rules(names: tuple[str, ...]) -> tuple[EvidenceRule, ...]:
    """Rules hold no state, so each set is built once, not once per answer."""
    from grounding.registry import RULES

    return tuple(RULES.get(name).load()() for name in names if RULES.get(name).target is not None)
