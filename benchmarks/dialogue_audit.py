"""How far can a grounding check go on HaluEval dialogue? The ceiling from a hand audit.

A detector that only asks "does the knowledge or the history back this?" must flag every right
response that states an outside fact. The audit (benchmarks/annotations/) counts how many do; with
every hallucinated response flagged and no grounded right one, a perfect grounding checker's
balanced accuracy is (1 + share of right responses it lets through) / 2.

    python -m benchmarks.dialogue_audit
"""

from __future__ import annotations

import argparse
import csv
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
    write_result("dialogue_audit", result)


if __name__ == "__main__":
    main()
