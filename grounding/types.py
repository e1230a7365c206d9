"""Claims, verdicts, reports and answers: the one model of what groundqa returns.

The same JSON leaves the Python API, the CLI and the HTTP API. Evidence comes from
`knowledge.types` and is re-exported here so users import every core type from one place.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field

from knowledge.types import Evidence, EvidenceKind, Triple

Share = Annotated[float, Field(ge=0.0, le=1.0)]
"""A probability or a share: a number from 0 to 1."""

__all__ = [
    "MAX_ANSWER_CHARS",
    "AskResult",
    "Change",
    "CitationCheck",
    "CitedSentence",
    "Citation",
    "Claim",
    "ClaimVerdict",
    "Correction",
    "Effect",
    "Evidence",
    "EvidenceKind",
    "Method",
    "RuleFinding",
    "Triple",
    "Verdict",
    "VerificationReport",
]


MAX_ANSWER_CHARS = 20_000


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


class Effect(StrEnum):
    """What a rule's finding does to a verdict."""

    CONTRADICTS = "contradicts"
    """The claim is wrong: the evidence states another value (a credit, a year, a negated graph fact)."""
    BLOCKS_SUPPORT = "blocks_support"
    """The claim cannot be supported by this evidence (it names something the evidence names otherwise)."""
    DISCOUNTS = "discounts"
    """The claim's support is weaker than the model's score says (it states something the evidence lacks)."""
    READS_AS = "reads_as"
    """The model read the claim in the evidence's words: the same amount, date or rate written another way."""


class RuleFinding(BaseModel):
    """A named rule that fired on a claim, and what it found."""

    rule: str = Field(description="The rule's registry name, e.g. 'near_miss'.")
    effect: Effect
    detail: str = Field(description="What the rule found, in words.")
    cite: str | None = Field(default=None, description="Words of the evidence that show it, to find the span.")
    correction: Correction | None = Field(default=None, description="Set where one substitution fixes the claim.")


class ClaimVerdict(BaseModel):
    claim: Claim
    verdict: Verdict
    confidence: Share = Field(description="Calibrated probability that the verdict is right.")
    method: Method
    reason: str = Field(description="One line a person can read: why this verdict.")
    citations: list[Citation] = Field(default_factory=list)
    scores: dict[str, float] = Field(default_factory=dict, description="Raw checker scores, e.g. NLI probabilities.")
    distance: Share | None = Field(
        default=None,
        description="One minus the best cosine between the claim and any evidence sentence: how far it is in "
        "meaning from the nearest thing the evidence says (the `similarity` step); null when not measured.",
    )
    correction: Correction | None = Field(
        default=None, description="Set on graph contradictions that a substitution of one value can fix."
    )
    findings: list[RuleFinding] = Field(default_factory=list, description="The rules that fired on this claim.")

    def fired(self, rule: str) -> bool:
        return any(f.rule == rule for f in self.findings)

    def has_effect(self, effect: Effect) -> bool:
        return any(f.effect == effect for f in self.findings)

    @classmethod
    def unverifiable(cls, claim: Claim, reason: str) -> ClaimVerdict:
        """A claim no checker could judge; it counts as a hallucination risk, never as supported."""
        return cls(claim=claim, verdict=Verdict.UNVERIFIABLE, confidence=1.0, method=Method.NONE, reason=reason)


class VerificationReport(BaseModel):
    answer: str
    question: str | None = None
    claims: list[ClaimVerdict] = Field(default_factory=list)
    grounded: bool = Field(description="True when no claim is contradicted or unverifiable.")
    hallucination_score: Share = Field(description="Probability the answer holds a hallucination.")
    answer_support: Share | None = Field(
        default=None,
        description="P(entailment) of the whole answer against all the evidence joined, when both fit the "
        "model's window whole; null otherwise (long documents are judged claim by claim only).",
    )
    uncovered_share: Share | None = Field(
        default=None,
        description="Share of the answer's content words that no evidence text uses (the `word_coverage` step); "
        "null when the step is off.",
    )
    uncovered_words: list[str] = Field(
        default_factory=list, description="The answer's content words no evidence text uses, in order."
    )
    evidence_distance: Share | None = Field(
        default=None,
        description="Mean over the claims of how far each is in meaning from the nearest evidence sentence "
        "(the `similarity` step); null when no claim was measured.",
    )
    counts: dict[Verdict, int] = Field(default_factory=dict)
    evidence: list[Evidence] = Field(default_factory=list, description="Everything the claims were checked against.")
    timings_ms: dict[str, float] = Field(default_factory=dict)


class CitedSentence(BaseModel):
    index: int
    start: int = Field(description="Offset in the clean text.")
    end: int
    text: str
    citations: list[int] = Field(default_factory=list, description="1-based evidence numbers, as cited.")


class CitationCheck(BaseModel):
    """Whether the evidence a sentence cites supports it (entailment on exactly that evidence)."""

    sentence: int
    text: str
    cited: list[int]
    unknown: list[int] = Field(default_factory=list, description="Cited numbers with no evidence item.")
    valid: bool | None = Field(description="None when there is nothing to check: no citation or no claim.")
    verdicts: list[Verdict] = Field(default_factory=list)
    reason: str


class Change(BaseModel):
    """One edit a policy made, in words a reader can follow."""

    policy: str
    claim: int | None = Field(
        default=None, description="Index of the claim in the report the policy saw; claims keep it through a chain."
    )
    before: str
    after: str
    reason: str


class AskResult(BaseModel):
    question: str
    answer: str = Field(description="The final answer as shown, with citations [n] into `evidence`.")
    raw_answer: str = Field(description="What the answerer produced, before verification and mitigation.")
    raw_report: VerificationReport = Field(description="Verification of the raw answer (without citation markers).")
    report: VerificationReport = Field(description="Verification of the final answer (without citation markers).")
    evidence: list[Evidence] = Field(description="Citation [n] refers to evidence[n-1].")
    sentences: list[CitedSentence] = Field(
        default_factory=list, description="Sentences of the final answer (spans in report.answer) and their citations."
    )
    citation_checks: list[CitationCheck] = Field(
        default_factory=list, description="The LLM's own citations in the final answer, checked by entailment."
    )
    changes: list[Change] = Field(default_factory=list)
    quoted: bool = Field(default=False, description="The answer quotes the evidence verbatim (policy 'quote').")
    answerer: Literal["graph", "llm"]
    graph_answer: Any | None = Field(default=None, description="The graph answerer's GraphAnswer, when it had one.")
    choice: str = Field(description="Why this answerer's answer was used.")
    timings_ms: dict[str, float] = Field(default_factory=dict)
    abstained: bool
    answers_question: bool | None = Field(
        default=None,
        description="Whether the final answer answers the question asked (type and relation); "
        "false for an abstention; null only where no judgement was made.",
    )
    relevance_reason: str | None = Field(default=None, description="Why the answer does or does not answer it.")
