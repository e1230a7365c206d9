"""The probe file through the real verifier (bundled model, no KB): the cases a user tries first.

Run with -s to see the figures per kind and per domain and every failure with the verifier's reason.
"""

import json
from collections import Counter
from pathlib import Path

import pytest

from grounding import Verifier
from grounding.evaluate.probes import (
    DOMAINS,
    KINDS,
    answer_verdict,
    format_scores,
    load_probes,
    meets,
    score_probes,
)
from grounding.text.sentences import split_sentences
from grounding.types import Claim, ClaimVerdict, Method, Verdict, VerificationReport
from knowledge.errors import InputError

PROBES = Path(__file__).with_name("probes.jsonl")
BLIND = Path(__file__).with_name("probes_blind.jsonl")
TARGET = 0.95
BLIND_FLOOR = (1510, 234)
"""Probes right and probes wrongly supported in `probes_blind.jsonl` today: no change may get fewer right or
pass more as supported."""
BELOW_TARGET = pytest.mark.xfail(strict=False, reason="verifier below the probe target; see issue 17")


@pytest.fixture(scope="module")
def scores():
    return score_probes(Verifier(), PROBES)


def test_probe_file_covers_every_kind_and_domain_in_balance():
    probes = load_probes(PROBES)
    assert len(probes) >= 100
    kinds = Counter(p.kind for p in probes)
    domains = Counter(p.domain for p in probes)
    assert all(kinds[k] >= 8 for k in KINDS), kinds
    assert all(domains[d] >= 8 for d in DOMAINS), domains
    supported = sum(p.expected == "supported" for p in probes) / len(probes)
    assert 0.35 <= supported <= 0.45, supported
    assert all(p.expected == "not_supported" for p in probes if p.kind == "unrelated")
    assert all(len(split_sentences(p.claim)) == 1 for p in probes), "a probe's claim is one sentence"


def test_a_bad_probe_line_is_named(tmp_path):
    good = dict(id="a", domain="science", kind="number", claim="x.", evidence=["y."], expected="supported")
    path = tmp_path / "probes.jsonl"
    path.write_text(json.dumps(good) + "\n" + json.dumps({**good, "id": "b", "kind": "sarcasm"}) + "\n")
    with pytest.raises(InputError, match=r"line 2"):
        load_probes(path)
    path.write_text(json.dumps(good) + "\n\n" + json.dumps(good) + "\n")
    with pytest.raises(InputError, match=r"line 3: probe id 'a' is used twice"):
        load_probes(path)


def _report(*verdicts: Verdict) -> VerificationReport:
    claims = [
        ClaimVerdict(
            claim=Claim(index=i, text=f"claim {i}.", start=0, end=1),
            verdict=v,
            confidence=0.9,
            method=Method.ENTAILMENT,
            reason="given",
        )
        for i, v in enumerate(verdicts)
    ]
    return VerificationReport(answer="a", claims=claims, grounded=False, hallucination_score=0.5)


def test_a_split_claim_gets_one_verdict_and_none_is_never_support():
    S, C, U = Verdict.SUPPORTED, Verdict.CONTRADICTED, Verdict.UNVERIFIABLE
    assert answer_verdict(_report(S)) == S
    assert answer_verdict(_report(S, S)) == S
    assert answer_verdict(_report(S, U)) == U
    assert answer_verdict(_report(U, C, S)) == C
    assert answer_verdict(_report()) == U
    assert meets("not_supported", U) and meets("not_supported", C) and not meets("not_supported", S)
    assert meets("contradicted", C) and not meets("contradicted", U)


def test_unrelated_evidence_never_contradicts(scores):
    unrelated = [o for o in scores["outcomes"] if o["kind"] == "unrelated"]
    assert len(unrelated) >= 8
    wrong = [f"{o['id']}: {o['reasons']}" for o in unrelated if o["verdict"] == Verdict.CONTRADICTED.value]
    assert not wrong, wrong


@BELOW_TARGET
@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_meets_the_target(scores, kind):
    row = scores["per_kind"][kind]
    print(f"\nprobes/{kind}: {row['correct']}/{row['n']} ({row['accuracy']:.0%})")
    assert row["accuracy"] >= TARGET


def test_verifier_gets_the_probes_right(scores):
    """Today 504/529 (95.3%, `python -m benchmarks.probes`): a change that loses two probes fails here."""
    print("\n" + format_scores(scores))
    assert scores["accuracy"] >= TARGET, format_scores(scores)


def test_probes_written_blind_do_not_regress():
    """Batches a helper wrote without seeing the verifier's code, first scored before any fix (batch 15: 10/24,
    three wrongly supported; batch 16, after the fixes for 15: 12/24, four; batch 17, after those for 16: 12/24,
    eight; batch 18, after those for 17: 12/24, three; batch 19, after those for 18: 16/24, five): the product's
    face on phrasing nobody tuned for. They stay out of the probe file's 95% target, which they would sink, and
    are held to what the verifier gets right today."""
    blind = score_probes(Verifier(), BLIND)
    print("\n" + format_scores(blind))
    right, passed_wrongly = BLIND_FLOOR
    assert blind["correct"] >= right, format_scores(blind)
    assert blind["wrongly_supported"] <= passed_wrongly, format_scores(blind)
