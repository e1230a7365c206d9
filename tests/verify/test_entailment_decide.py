"""How the entailment checker turns model probabilities into a verdict.

The probabilities are given, so these tests pin the rules around the model: a claim naming what
its evidence never mentions is never supported, yet its score is only discounted; a premise that
mentions everything the claim names wins the verdict over a higher-scoring one that does not.
"""

import numpy as np
import pytest

from grounding.types import Claim, Evidence, EvidenceKind, Verdict
from grounding.verify.alignment import AlignedSpan
from grounding.verify.checkers.entailment import (
    DEFAULT_RULES,
    NOVELTY_DISCOUNT,
    EntailmentThresholds,
    PairPlan,
    decide,
)

EVIDENCE = (
    "Mont Blanc is the highest mountain in the Alps. "
    "It was first climbed in 1786 by Jacques Balmat and Michel-Gabriel Paccard."
)


def _plan(claim: str, premises: list[str]) -> PairPlan:
    evidence = [Evidence(id="doc", kind=EvidenceKind.PASSAGE, text=EVIDENCE, source="test")]
    owners = []
    for premise in premises:
        start = EVIDENCE.index(premise)
        owners.append((0, [AlignedSpan(0, start, start + len(premise), premise, 1.0)]))
    claims = [Claim(index=0, text=claim, start=0, end=len(claim))]
    return PairPlan(claims, evidence, [(p, claim) for p in premises], owners)


WITHOUT_SUBSTITUTIONS = EntailmentThresholds(rules=tuple(r for r in DEFAULT_RULES if r != "substitutions"))
FIRST, SECOND = EVIDENCE.split(". ", 1)[0] + ".", EVIDENCE.split(". ", 1)[1]


@pytest.mark.parametrize("entailment", [0.55, 0.8, 0.99])
def test_a_name_the_evidence_lacks_is_never_supported_but_only_discounted(entailment):
    plan = _plan("Mont Blanc was first climbed by Horace de Saussure.", [SECOND])
    # the substitutions rule reads "climbed by Jacques Balmat" as the slot refilled and contradicts;
    # without it, the novelty discount alone must keep the claim from support
    verdict = decide(plan, np.array([[entailment, 1 - entailment, 0.0]]), WITHOUT_SUBSTITUTIONS)[0]
    assert verdict.verdict == Verdict.UNVERIFIABLE
    assert "Horace" in verdict.reason and "Saussure" in verdict.reason
    assert verdict.reason.startswith("The evidence never mentions Horace, Saussure;")  # Mont Blanc it does
    assert verdict.scores["entailment"] == pytest.approx(entailment * NOVELTY_DISCOUNT, abs=1e-4)
    with_rule = decide(plan, np.array([[entailment, 1 - entailment, 0.0]]))[0]
    assert with_rule.verdict == Verdict.CONTRADICTED and with_rule.fired("substitutions")


def test_a_number_the_evidence_lacks_is_never_supported():
    plan = _plan("It was first climbed in 1787 by Jacques Balmat.", [SECOND])
    verdict = decide(plan, np.array([[0.97, 0.02, 0.01]]))[0]
    assert verdict.verdict != Verdict.SUPPORTED and "1787" in verdict.reason


def test_the_claim_with_everything_named_in_its_premise_is_supported_at_full_score():
    plan = _plan("Jacques Balmat first climbed it in 1786.", [SECOND])
    verdict = decide(plan, np.array([[0.9, 0.05, 0.05]]))[0]
    assert verdict.verdict == Verdict.SUPPORTED
    assert verdict.scores["entailment"] == pytest.approx(0.9)
    assert verdict.citations[0].span_text == SECOND


def test_a_premise_naming_everything_decides_over_a_higher_scoring_one_that_does_not():
    claim = "Jacques Balmat first climbed it in 1786."
    plan = _plan(claim, [FIRST, SECOND])
    verdict = decide(plan, np.array([[0.99, 0.01, 0.0], [0.7, 0.2, 0.1]]))[0]
    assert verdict.verdict == Verdict.SUPPORTED
    assert verdict.citations[0].span_text == SECOND


def test_the_reason_does_not_say_the_evidence_never_mentions_what_another_sentence_does():
    plan = _plan("Jacques Balmat first climbed Mont Blanc.", [FIRST])
    verdict = decide(plan, np.array([[0.9, 0.1, 0.0]]))[0]
    assert verdict.verdict == Verdict.UNVERIFIABLE
    assert verdict.reason.startswith("The sentences that match it never mention Jacques, Balmat")


def test_a_joined_premise_is_quoted_in_document_order():
    claim = "Mont Blanc, the highest mountain in the Alps, was first climbed in 1786 by Jacques Balmat."
    plan = _plan(claim, [SECOND, FIRST])
    plan.owners.append((0, [plan.owners[0][1][0], plan.owners[1][1][0]]))  # best-scoring sentence first
    plan.pairs.append((f"{FIRST} {SECOND}", claim))
    verdict = decide(plan, np.array([[0.3, 0.6, 0.1], [0.2, 0.7, 0.1], [0.9, 0.05, 0.05]]))[0]
    assert verdict.verdict == Verdict.SUPPORTED
    assert verdict.reason == f'Entailed by the evidence: "{EVIDENCE}"'
