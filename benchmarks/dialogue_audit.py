"""How far can a grounding check go on HaluEval dialogue? The ceiling from a hand audit.

A detector that only asks "does the knowledge or the history back this?" must flag every right
response that states an outside fact. The audit (benchmarks/annotations/) counts how many do; with
every hallucinated response flagged and no grounded right one, a perfect grounding checker's
balanced accuracy is (1 + share of right responses it lets through) / 2.
With `--predictions` (an eval run's predictions.jsonl and its threshold), it also says how that
run treated each audited kind of response.

    python -m benchmarks.dialogue_audit [--predictions runs/NAME/predictions.jsonl --threshold T]
"""

from __future__ import annotations

import argparse
import csv
import json
import math
from collections import Counter
from pathlib import Path

from benchmarks.common import write_result

AUDIT = Path(__file__).parent / "annotations" / "halueval-dialogue-grounding-audit.csv"
FLAGGABLE = {"ungrounded_fact", "contradicted", "misnamed"}


def wilson(successes: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% interval of a proportion that stays sensible at small n (40 annotated responses)."""
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--audit", type=Path, default=AUDIT)
    parser.add_argument("--predictions", type=Path, default=None, help="an eval run's predictions.jsonl")
    parser.add_argument("--threshold", type=float, default=None, help="that run's threshold (default: its own)")
    args = parser.parse_args()
    with args.audit.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    right = Counter(r["label"] for r in rows if r["response"] == "right")
    wrong = Counter(r["label"] for r in rows if r["response"] == "hallucinated")
    n_right, n_wrong = sum(right.values()), sum(wrong.values())
    outside = sum(right[k] for k in FLAGGABLE)
    low, high = wilson(outside, n_right)
    recall = sum(wrong[k] for k in FLAGGABLE) / n_wrong
    result = {
        "right": dict(right),
        "hallucinated": dict(wrong),
        "right_with_outside_facts": round(outside / n_right, 4),
        "right_with_outside_facts_ci95": [round(low, 4), round(high, 4)],
        "hallucinated_flaggable": round(recall, 4),
        "hallucinated_contradicting_or_misnaming": round((wrong["contradicted"] + wrong["misnamed"]) / n_wrong, 4),
        "ceiling_balanced_accuracy": round(0.5 * (recall + 1 - outside / n_right), 4),
        "ceiling_ci95": [round(0.5 * (recall + 1 - high), 4), round(0.5 * (recall + 1 - low), 4)],
        "ceiling_if_personal_statements_flagged": round(
            0.5 * (recall + 1 - (outside + right["personal"]) / n_right), 4
        ),
    }
    if args.predictions is not None:
        result["run"] = flagged_by_kind(rows, args.predictions, args.threshold)
    write_result("dialogue_audit", result)


def flagged_by_kind(rows: list[dict], predictions: Path, threshold: float | None) -> dict:
    """Per (response, audit label): how many audited responses the run scored, and how many it flagged."""
    if threshold is None:
        threshold = json.loads((predictions.parent / "metrics.json").read_text())["threshold"]
    scores = {}
    with predictions.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            scores[record["id"]] = record["score"]
    seen: Counter = Counter()
    flagged: Counter = Counter()
    for row in rows:
        score = scores.get(f"halueval-dialogue:{row['row']}:{row['response']}")
        if score is None:
            continue
        key = f"{row['response']}/{row['label']}"
        seen[key] += 1
        flagged[key] += score >= threshold
    right = [k for k in seen if k.startswith("right/")]
    wrong = [k for k in seen if k.startswith("hallucinated/")]
    n_right, n_wrong = sum(seen[k] for k in right), sum(seen[k] for k in wrong)
    balanced = (
        0.5 * (sum(flagged[k] for k in wrong) / n_wrong + 1 - sum(flagged[k] for k in right) / n_right)
        if n_right and n_wrong
        else float("nan")
    )
    return {
        "predictions": str(predictions),
        "threshold": threshold,
        "flagged": {k: f"{flagged[k]} of {seen[k]}" for k in sorted(seen)},
        "balanced_accuracy_on_audited": round(balanced, 4),
    }


if __name__ == "__main__":
    main()
