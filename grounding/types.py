"""Claims, verdicts and reports: the one model of verification results.

The same JSON leaves the Python API, the CLI and the HTTP API. Evidence comes from
`knowledge.types` and is re-exported here so users import every core type from one place.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from knowledge.types import Evidence, EvidenceKind, Triple

__all__ = [
    "Citation",
    "Claim",
    "ClaimVerdict",
    "Correction",
    "Evidence",
    "EvidenceKind",
    "Method",
    "Triple",
    "Verdict",
    "VerificationReport",
]


class Verdict(StrEnum):
    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    UNVERIFIABLE = "unverifiable"


class Method(StrEnum):
    GRAPH = "graph"
    ENTAILMENT = "entailment"
    LLM = "llm"
    NONE = "none"


class Claim(BaseModel):
    """An atomic, self-contained statement drawn from an answer.

    `text` may differ from `answer[start:end]`: a clause gets its subject back ("won the Nobel
    Prize" -> "Einstein won the Nobel Prize") and a terse answer becomes a sentence with its
    question. The span always points at the words of the answer the claim came from.
    """

    index: int = Field(ge=0)
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    sentence: int = Field(default=0, ge=0, description="Index of the answer sentence it came from.")


class Citation(BaseModel):
    """An evidence item that decided a verdict, with the span inside it that did."""

    evidence: Evidence
    start: int | None = Field(default=None, description="Offset of the deciding span in evidence.text.")
    end: int | None = None

    @property
    def span_text(self) -> str:
        if self.start is None or self.end is None:
            return self.evidence.text
        return self.evidence.text[self.start : self.end]


class Correction(BaseModel):
    """A value the graph (or a credit or release year the evidence states) contradicts and the value it holds,
    for mitigation to substitute."""

    wrong: str = Field(description="The value as the claim states it.")
    right: str = Field(description="The value the graph or the evidence holds.")


class ClaimVerdict(BaseModel):
    claim: Claim
    verdict: Verdict
    confidence: float = Field(ge=0.0, le=1.0, description="Calibrated probability that the verdict is right.")
    method: Method
    reason: str = Field(description="One line a person can read: why this verdict.")
    citations: list[Citation] = Field(default_factory=list)
    scores: dict[str, float] = Field(default_factory=dict, description="Raw checker scores, e.g. NLI probabilities.")
    correction: Correction | None = Field(
        default=None, description="Set on graph contradictions that a substitution of one value can fix."
    )

    @classmethod
    def unverifiable(cls, claim: Claim, reason: str) -> ClaimVerdict:
        """A claim no checker could judge; it counts as a hallucination risk, never as supported."""
        return cls(claim=claim, verdict=Verdict.UNVERIFIABLE, confidence=1.0, method=Method.NONE, reason=reason)


class VerificationReport(BaseModel):
    answer: str
    question: str | None = None
    claims: list[ClaimVerdict] = Field(default_factory=list)
    grounded: bool = Field(description="True when no claim is contradicted or unverifiable.")
    hallucination_score: float = Field(ge=0.0, le=1.0, description="Probability the answer holds a hallucination.")
    answer_support: float | None = Field(
        default=None,
        ge=0.0,
        le=1.0,
        description="P(entailment) of the whole answer against all the evidence joined, when both fit the "
        "model's window whole; null otherwise (long documents are judged claim by claim only).",
    )
    counts: dict[Verdict, int] = Field(default_factory=dict)
    evidence: list[Evidence] = Field(default_factory=list, description="Everything the claims were checked against.")
    timings_ms: dict[str, float] = Field(default_factory=dict)
