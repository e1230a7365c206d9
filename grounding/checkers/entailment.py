"""The neural checker: does the evidence entail the claim?

Align before judging. Plain NLI fails on long evidence, so each claim is judged against the few
evidence sentences that bear on it (embeddings plus entity and number overlap), each alone and
all joined, and the strongest judgement decides. Pairs of every claim go through the model in one
batch.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from grounding.alignment import AlignedSpan, align_claims, build_premise
from grounding.nli_model import NLIModel
from grounding.types import Citation, Claim, ClaimVerdict, Evidence, Method, Verdict


@dataclass(frozen=True)
class EntailmentThresholds:
    support: float = 0.5
    contradiction: float = 0.5
    sentences: int = 3


@dataclass
class PairPlan:
    """The (premise, claim) pairs of one answer, and which claim and sentences each belongs to."""

    claims: list[Claim]
    evidence: list[Evidence]
    pairs: list[tuple[str, str]]
    owners: list[tuple[int, list[AlignedSpan]]]


def plan_pairs(
    claims: list[Claim],
    evidence: list[Evidence],
    thresholds: EntailmentThresholds = EntailmentThresholds(),
    embedding_model: str = "all-MiniLM-L6-v2",
) -> PairPlan:
    """Each claim against its best sentences alone, and against them joined (multi-sentence support)."""
    plan = PairPlan(claims, evidence, [], [])
    if not claims or not evidence:
        return plan
    alignments = align_claims(
        [c.text for c in claims], [e.text for e in evidence], k=thresholds.sentences, model=embedding_model
    )
    for index, (claim, spans) in enumerate(zip(claims, alignments, strict=True)):
        for span in spans:
            plan.pairs.append((span.text, claim.text))
            plan.owners.append((index, [span]))
        if len(spans) > 1:
            plan.pairs.append((build_premise(spans), claim.text))
            plan.owners.append((index, list(spans)))
    return plan


def decide(
    plan: PairPlan, probabilities: np.ndarray, thresholds: EntailmentThresholds = EntailmentThresholds()
) -> list[ClaimVerdict]:
    """Verdicts from the model's probabilities for `plan.pairs`, in claim order."""
    grouped: dict[int, list[tuple[np.ndarray, list[AlignedSpan]]]] = {}
    for row, (owner, spans) in zip(probabilities, plan.owners, strict=True):
        grouped.setdefault(owner, []).append((row, spans))
    return [
        _decide(claim, grouped[i], plan.evidence, thresholds) if i in grouped else _no_evidence(claim)
        for i, claim in enumerate(plan.claims)
    ]


def check_claims(
    model: NLIModel,
    claims: list[Claim],
    evidence: list[Evidence],
    thresholds: EntailmentThresholds = EntailmentThresholds(),
    embedding_model: str = "all-MiniLM-L6-v2",
) -> list[ClaimVerdict]:
    plan = plan_pairs(claims, evidence, thresholds, embedding_model)
    return decide(plan, model.predict(plan.pairs), thresholds)


def _decide(
    claim: Claim,
    rows: list[tuple[np.ndarray, list[AlignedSpan]]],
    evidence: list[Evidence],
    thresholds: EntailmentThresholds,
) -> ClaimVerdict:
    entail_probs, spans_entail = max(rows, key=lambda row: row[0][0])
    contra_probs, spans_contra = max(rows, key=lambda row: row[0][2])
    entail, contra = float(entail_probs[0]), float(contra_probs[2])
    scores = {
        "entailment": round(entail, 4),
        "contradiction": round(contra, 4),
        "neutral": round(float(entail_probs[1]), 4),
    }
    if entail >= thresholds.support and entail >= contra:
        return ClaimVerdict(
            claim=claim,
            verdict=Verdict.SUPPORTED,
            confidence=round(entail, 4),
            method=Method.ENTAILMENT,
            reason=f"Entailed by the evidence: {_quote(spans_entail)}",
            citations=_citations(spans_entail, evidence),
            scores=scores,
        )
    if contra >= thresholds.contradiction:
        return ClaimVerdict(
            claim=claim,
            verdict=Verdict.CONTRADICTED,
            confidence=round(contra, 4),
            method=Method.ENTAILMENT,
            reason=f"Contradicted by the evidence: {_quote(spans_contra)}",
            citations=_citations(spans_contra, evidence),
            scores=scores,
        )
    return ClaimVerdict(
        claim=claim,
        verdict=Verdict.UNVERIFIABLE,
        confidence=round(max(0.0, 1.0 - entail - contra), 4),
        method=Method.ENTAILMENT,
        reason=f"The evidence neither supports nor contradicts it; closest: {_quote(spans_entail)}",
        citations=_citations(spans_entail, evidence),
        scores=scores,
    )


def _quote(spans: list[AlignedSpan], limit: int = 160) -> str:
    text = " ".join(s.text for s in spans)
    return f'"{text[: limit - 3]}..."' if len(text) > limit else f'"{text}"'


def _citations(spans: list[AlignedSpan], evidence: list[Evidence]) -> list[Citation]:
    return [Citation(evidence=evidence[s.passage], start=s.start, end=s.end) for s in spans]


def _no_evidence(claim: Claim) -> ClaimVerdict:
    return ClaimVerdict(
        claim=claim,
        verdict=Verdict.UNVERIFIABLE,
        confidence=1.0,
        method=Method.NONE,
        reason="No evidence was found to check this claim against.",
    )
