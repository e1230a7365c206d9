"""The evidence-rule interface: a named check of a claim's text against evidence text.

Rules sit beside the entailment model, not inside it: each returns typed findings, the entailment
checker applies their effect (a contradiction, no support, a discounted score) and every verdict
lists the findings that touched it. A rule is switched on or off by name in
`VerifierOptions.rules`; `grounding.registry.RULES` lists them with their defaults.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from grounding.types import RuleFinding


@runtime_checkable
class EvidenceRule(Protocol):
    name: str

    def check(self, claim: str, evidence: str) -> list[RuleFinding]:
        """Findings for `claim` against `evidence` (all of an answer's evidence, joined); [] when none."""
        ...


def load_rules(names: Sequence[str]) -> list[EvidenceRule]:
    """The evidence rules among `names`, built with their defaults (steps with no class are skipped)."""
    from grounding.registry import RULES

    return [RULES.get(name).load()() for name in names if RULES.get(name).target is not None]
