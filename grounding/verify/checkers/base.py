"""The checker interface, and the answer under check that every checker reads and fills in.

The verifier runs a configured list of checkers, cheapest first. Each owns its batching across
answers (the entailment model sees every pair of a batch at once) and fills in verdicts for the
claims it can decide. A checker never replaces a verdict another decided, except a reviewer
(`reviews = True`, the LLM judge), which may revise the uncertain ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import numpy as np

from grounding.types import Claim, ClaimVerdict, Evidence
from grounding.verify.options import VerifierOptions


@dataclass
class AnswerUnderCheck:
    answer: str
    question: str | None
    claims: list[Claim]
    vectors: np.ndarray
    given: list[Evidence] | None
    """The caller's evidence; None means the KB is searched."""
    verdicts: list[ClaimVerdict | None]
    evidence: list[Evidence] = field(default_factory=list)
    """What the claims are checked against: the caller's evidence, or what retrieval found."""
    answer_support: float | None = None

    def open_claims(self) -> list[int]:
        return [i for i, verdict in enumerate(self.verdicts) if verdict is None]


@runtime_checkable
class Checker(Protocol):
    name: str
    reads_evidence: bool
    """True when the checker judges against `AnswerUnderCheck.evidence` (gathered before it runs)."""

    def check(self, answers: Sequence[AnswerUnderCheck], options: VerifierOptions) -> None:
        """Fill in `verdicts` (and `answer_support`) of the answers where this checker decides."""
        ...
