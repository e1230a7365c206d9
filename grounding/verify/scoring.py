"""From claim verdicts to one number per answer: how likely it holds a hallucination."""

from __future__ import annotations

from collections.abc import Sequence

from grounding.types import ClaimVerdict, Effect, Method, Verdict
from grounding.verify.coverage import coverage_scale
from grounding.verify.similarity import blend_distance, mean_distance


def claim_risk(verdict: ClaimVerdict) -> float:
    """Probability that this claim is a hallucination (contradicted or unsupported).

    Where the entailment model judged the claim, that is the probability of anything but
    entailment, whatever the verdict: a contradicted claim's risk is then at least its
    contradiction probability, so it never ranks below a claim the model merely could not support.
    """
    if verdict.method == Method.ENTAILMENT and "entailment" in verdict.scores:
        return 1.0 - verdict.scores["entailment"]
    if verdict.verdict == Verdict.SUPPORTED:
        return 1.0 - verdict.confidence
    if verdict.verdict == Verdict.CONTRADICTED:
        return verdict.confidence
    if "entailment" in verdict.scores:
        return 1.0 - verdict.scores["entailment"]
    return 1.0


def answer_risk(
    verdicts: Sequence[ClaimVerdict], answer_support: float | None = None, uncovered: float | None = None
) -> float:
    """Probability that the answer holds a hallucination: its riskiest claim, the whole answer's view,
    the share of its content words the evidence never uses, and how far its claims are in meaning from
    the evidence.

    Claims are judged against a few aligned sentences each, which explains a verdict but loses
    what only the whole answer against the whole evidence shows (a reply that restates the evidence
    in other words, or pairs its facts wrongly). Where that whole-answer judgement exists (the
    `whole_answer` step), the two are averaged; a claim that is contradicted, or whose support a rule
    blocked (a name one word off the evidence's), is a finding of its own and is not averaged away
    there. Where the uncovered share is given (the `word_coverage` step), the risk is scaled by it
    (`coverage_scale`): the model's doubts about an answer the evidence words throughout are mostly about
    phrasing, while words no evidence says are what it misses most (`grounding.verify.coverage`). An
    exact finding (a rule's or the graph's contradiction, a blocked name) is not scaled. Where the claims
    carry their distance from the evidence (the `similarity` step), its mean is blended in last
    (`grounding.verify.similarity`); it may raise an exact finding's risk, never lower it.
    """
    claims = max((claim_risk(v) for v in verdicts), default=0.0)
    risk = claims
    if answer_support is not None:
        risk = 0.5 * (claims + (1.0 - answer_support))
        if any(v.verdict == Verdict.CONTRADICTED or v.has_effect(Effect.BLOCKS_SUPPORT) for v in verdicts):
            risk = max(claims, risk)
    exact = any(_exact(v) for v in verdicts)
    if uncovered is not None and not exact:
        risk *= coverage_scale(uncovered)
    distance = evidence_distance(verdicts)
    if distance is None:
        return risk
    return max(risk, blend_distance(risk, distance)) if exact else blend_distance(risk, distance)


def evidence_distance(verdicts: Sequence[ClaimVerdict]) -> float | None:
    """The mean distance from the evidence of the claims that carry one."""
    return mean_distance(v.distance for v in verdicts if v.distance is not None)


def _exact(verdict: ClaimVerdict) -> bool:
    """A finding that does not rest on the model's reading of the wording."""
    return (
        verdict.has_effect(Effect.CONTRADICTS)
        or verdict.has_effect(Effect.BLOCKS_SUPPORT)
        or (verdict.verdict == Verdict.CONTRADICTED and verdict.method == Method.GRAPH)
    )
