"""Which of the verifier's signals carries where: each one's AUROC alone on every set of the broad dev suite,
and how often the model's own contradictions fall on right answers.

The answer's score blends several signals (`grounding.verify.scoring.answer_risk`): the riskiest claim's
doubt, the whole answer's support, the share of words no evidence uses, the distance in meaning. Before a
change to the blend or to the model, this says which signal is weak on which kind of text; the blend
itself is measured by `benchmarks.suite_ablation`. Chosen on the dev halves (the default).

    python -m benchmarks.claim_signals [--split dev] [--limit 5000] [--halueval 200]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import numpy as np

from benchmarks.common import write_result
from benchmarks.suite_ablation import load_items
from grounding.evaluate.metrics import auroc
from grounding.types import Effect, Method, Verdict, VerificationReport
from grounding.verify.options import VerifierOptions
from grounding.verify.scoring import claim_risk
from grounding.verify.verifier import Verifier, VerifyItem
from knowledge.progress import track


def _entailment_scores(report: VerificationReport, key: str) -> list[float]:
    return [v.scores.get(key, 0.0) for v in report.claims if v.method == Method.ENTAILMENT and "entailment" in v.scores]


def _model_contradicted(report: VerificationReport) -> bool:
    """A claim the model contradicts with no rule behind it (a rule's finding is exact, not the model's)."""
    return any(
        v.verdict == Verdict.CONTRADICTED and v.method == Method.ENTAILMENT and not v.has_effect(Effect.CONTRADICTS)
        for v in report.claims
    )


SIGNALS: dict[str, Callable[[VerificationReport], float]] = {
    "answer score": lambda r: r.hallucination_score,
    "riskiest claim": lambda r: max((claim_risk(v) for v in r.claims), default=0.0),
    "whole answer unsupported": lambda r: 1.0 - r.answer_support if r.answer_support is not None else 0.5,
    "uncovered share": lambda r: r.uncovered_share if r.uncovered_share is not None else 0.5,
    "distance": lambda r: r.evidence_distance if r.evidence_distance is not None else 0.5,
    "contradiction": lambda r: max(_entailment_scores(r, "contradiction"), default=0.0),
    "neutral": lambda r: max(_entailment_scores(r, "neutral"), default=0.0),
}
"""Each signal as a hallucination score for one answer; a signal the answer lacks scores 0.5 (a tie)."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev")
    parser.add_argument("--limit", type=int, default=5000, help="items per generic set")
    parser.add_argument("--halueval", type=int, default=200, help="rows per HaluEval set")
    parser.add_argument("--name", default="claim_signals")
    args = parser.parse_args()
    verifier = Verifier()
    items = load_items(args.limit, args.halueval, args.split)
    started = time.perf_counter()
    table: dict[str, dict[str, float]] = {signal: {} for signal in SIGNALS}
    contradicted: dict[str, dict[str, int]] = {}
    for name, group in track(list(items.items()), "sets", enabled=True):
        reports = [
            report
            for i in range(0, len(group), 16)
            for report in verifier.verify_many(
                [
                    VerifyItem(answer=x.answer, question=x.question, evidence=list(x.evidence))
                    for x in group[i : i + 16]
                ],
                VerifierOptions(),
            )
        ]
        labels = np.array([item.hallucinated for item in group], dtype=bool)
        for signal, score in SIGNALS.items():
            table[signal][name] = round(auroc([score(r) for r in reports], labels), 4)
        flagged = [_model_contradicted(r) for r in reports]
        contradicted[name] = {
            "right answers": int(sum(f and not y for f, y in zip(flagged, labels, strict=True))),
            "hallucinated answers": int(sum(f and y for f, y in zip(flagged, labels, strict=True))),
            "right": int((~labels).sum()),
            "hallucinated": int(labels.sum()),
        }
    for signal, row in table.items():
        sets = " ".join(f"{k}={v:.3f}" for k, v in row.items())
        row["mean"] = round(float(np.nanmean(list(row.values()))), 4)
        print(f"{signal:26s} mean {row['mean']:.4f}  {sets}")
    write_result(
        args.name,
        {
            "split": args.split,
            "limit": args.limit,
            "halueval_rows": args.halueval,
            "auroc": table,
            "model_contradicted": contradicted,
            "seconds": round(time.perf_counter() - started, 1),
        },
    )


if __name__ == "__main__":
    main()
