"""Hand-written claim/evidence probes the verifier must get right: the cases a user tries first.

Benchmarks measure averages over noisy datasets; a probe is one plain case (a negation, a swapped
number, a reversed acquisition, a paraphrase) whose right verdict nobody disputes. A JSONL file of
them is scored by `score_probes`, per kind and per domain, so a regression on one phenomenon shows
even when the overall figure hides it.

`expected` is exact for "supported" and "contradicted"; "not_supported" accepts any verdict but
supported, for claims the evidence does not establish without stating the opposite.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from grounding.types import Verdict, VerificationReport
from knowledge.errors import InputError

if TYPE_CHECKING:
    from grounding.verify.verifier import Verifier

Domain = Literal[
    "medicine", "finance", "geography", "science", "schedules", "people", "history", "sports", "technology", "law"
]
Kind = Literal[
    "negation",
    "antonym",
    "number",
    "unit",
    "frequency",
    "date",
    "role",
    "paraphrase",
    "multi_sentence",
    "entity_swap",
    "supported_plain",
    "unrelated",
]
Expected = Literal["supported", "contradicted", "not_supported"]
DOMAINS: tuple[str, ...] = get_args(Domain)
KINDS: tuple[str, ...] = get_args(Kind)

__all__ = [
    "DOMAINS",
    "KINDS",
    "Probe",
    "ProbeOutcome",
    "answer_verdict",
    "format_scores",
    "load_probes",
    "meets",
    "run_probes",
    "score_probes",
]


class Probe(BaseModel):
    """One claim, the evidence to judge it by, and the verdict it must get."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    domain: Domain
    kind: Kind
    claim: str = Field(min_length=1)
    evidence: list[str] = Field(min_length=1, max_length=5)
    expected: Expected


class ProbeOutcome(BaseModel):
    id: str
    domain: str
    kind: str
    claim: str
    expected: Expected
    verdict: Verdict
    passed: bool
    reasons: list[str] = Field(description="One line per claim the splitter made: its text, verdict and reason.")


def load_probes(path: Path | str) -> list[Probe]:
    """Every probe in a JSONL file; a bad line is an error naming the file and line, never skipped."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"probe file {path} does not exist")
    probes: list[Probe] = []
    seen: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            probe = Probe.model_validate(json.loads(line))
        except (json.JSONDecodeError, ValidationError) as error:
            raise InputError(f"{path}, line {number}: not a valid probe: {error}") from error
        if probe.id in seen:
            raise InputError(f"{path}, line {number}: probe id {probe.id!r} is used twice")
        seen.add(probe.id)
        probes.append(probe)
    if not probes:
        raise InputError(f"probe file {path} holds no probes")
    return probes


def answer_verdict(report: VerificationReport) -> Verdict:
    """One verdict for the probe's claim, even when the splitter cut it in parts.

    Any contradicted part contradicts it, all parts supported support it, and anything else (no
    claim at all included) leaves it unverifiable: fail closed.
    """
    verdicts = [claim.verdict for claim in report.claims]
    if any(v == Verdict.CONTRADICTED for v in verdicts):
        return Verdict.CONTRADICTED
    if verdicts and all(v == Verdict.SUPPORTED for v in verdicts):
        return Verdict.SUPPORTED
    return Verdict.UNVERIFIABLE


def meets(expected: Expected, verdict: Verdict) -> bool:
    if expected == "not_supported":
        return verdict != Verdict.SUPPORTED
    return verdict == Verdict(expected)


def run_probes(verifier: Verifier, probes: Sequence[Probe]) -> list[ProbeOutcome]:
    """All probes through the verifier in one batch (claims embedded together, NLI pairs batched)."""
    from grounding.verify.verifier import VerifyItem

    reports = verifier.verify_many([VerifyItem(answer=p.claim, evidence=list(p.evidence)) for p in probes])
    outcomes = []
    for probe, report in zip(probes, reports, strict=True):
        verdict = answer_verdict(report)
        outcomes.append(
            ProbeOutcome(
                id=probe.id,
                domain=probe.domain,
                kind=probe.kind,
                claim=probe.claim,
                expected=probe.expected,
                verdict=verdict,
                passed=meets(probe.expected, verdict),
                reasons=[f"{c.claim.text!r} -> {c.verdict.value}: {c.reason}" for c in report.claims]
                or ["the splitter found no claim"],
            )
        )
    return outcomes


def _tally(outcomes: Sequence[ProbeOutcome], key: str) -> dict[str, dict[str, float]]:
    groups: dict[str, list[bool]] = defaultdict(list)
    for outcome in outcomes:
        groups[getattr(outcome, key)].append(outcome.passed)
    return {
        name: {"n": len(passed), "correct": sum(passed), "accuracy": round(sum(passed) / len(passed), 4)}
        for name, passed in sorted(groups.items())
    }


def score_probes(verifier: Verifier, path: Path | str) -> dict[str, Any]:
    """The fraction of probes in `path` the verifier gets right, overall, per kind, per domain and per
    expected verdict, with every outcome (failures first) so a reader sees what went wrong and why.

    `balanced_accuracy` averages the three expected verdicts, so a constant answer cannot score well
    by matching the most common one; `wrongly_supported` counts the error a user trusts: a claim the
    evidence does not establish, passed as supported."""
    outcomes = run_probes(verifier, load_probes(path))
    correct = sum(o.passed for o in outcomes)
    ordered = sorted(outcomes, key=lambda o: o.passed)
    per_expected = _tally(outcomes, "expected")
    return {
        "n": len(outcomes),
        "correct": correct,
        "accuracy": round(correct / len(outcomes), 4),
        "balanced_accuracy": round(sum(row["accuracy"] for row in per_expected.values()) / len(per_expected), 4),
        "wrongly_supported": sum(o.expected != "supported" and o.verdict == Verdict.SUPPORTED for o in outcomes),
        "per_kind": _tally(outcomes, "kind"),
        "per_domain": _tally(outcomes, "domain"),
        "per_expected": per_expected,
        "failures": [o.model_dump(mode="json") for o in ordered if not o.passed],
        "outcomes": [o.model_dump(mode="json") for o in outcomes],
    }


def format_scores(scores: dict[str, Any], failures: bool = True) -> str:
    """The figures as a small text table, then each failure with the verifier's reasons."""
    lines = [
        f"probes: {scores['correct']}/{scores['n']} right ({scores['accuracy']:.1%}), "
        f"balanced {scores['balanced_accuracy']:.1%}, {scores['wrongly_supported']} wrongly supported"
    ]
    for section in ("per_kind", "per_domain", "per_expected"):
        lines.append(f"{section.removeprefix('per_')}:")
        for name, row in scores[section].items():
            lines.append(f"  {name:<16} {row['correct']:>3}/{row['n']:<3} {row['accuracy']:.0%}")
    if failures and scores["failures"]:
        lines.append("failures:")
        for failure in scores["failures"]:
            lines.append(
                f"  [{failure['kind']}] {failure['id']}: expected {failure['expected']}, got {failure['verdict']}"
            )
            lines.extend(f"      {reason}" for reason in failure["reasons"])
    return "\n".join(lines)
