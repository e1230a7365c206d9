"""From claim verdicts to one number per answer: how likely it holds a hallucination."""

from __future__ import annotations

from collections.abc import Sequence

from grounding.types import ClaimVerdict, Effect, Method, Verdict


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


def answer_risk(verdicts: Sequence[ClaimVerdict], answer_support: float | None = None) -> float:
    """Probability that the answer holds a hallucination: its riskiest claim, and the whole answer's view.

    Claims are judged against a few aligned sentences each, which explains a verdict but loses
    what only the whole answer against the whole evidence shows (a reply that restates the evidence
    in other words, or pairs its facts wrongly). Where that whole-answer judgement exists (the
    `whole_answer` step), the two are averaged. A claim that is contradicted, or whose support a rule
    blocked (a name one word off the evidence's), is a finding of its own and is never averaged away.
    """
    claims = max((claim_risk(v) for v in verdicts), default=0.0)
    if answer_support is None:
        return claims
    blended = 0.5 * (claims + (1.0 - answer_support))
    if any(v.verdict == Verdict.CONTRADICTED or v.has_effect(Effect.BLOCKS_SUPPORT) for v in verdicts):
        return max(claims, blended)
    return blended
