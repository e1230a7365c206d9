"""Choose the entailment checker's novelty discount on DEV rows (never the test split).

Where a claim's aligned premise lacks a name or number the claim states, the claim is never
`supported`, and its P(entailment) is multiplied by a discount before it becomes a risk score. A
strong discount helps QA, where a new name is the hallucination, and hurts summaries and
dialogue, where right answers name outside people and places as often as wrong ones. This sweeps
the discount over the three HaluEval dev sets and reports AUROC per set and their mean.

The model's probabilities do not depend on the discount, so each set is verified once for real
and the sweep re-runs the verifier with those probabilities remembered.

    python -m benchmarks.novelty_discount [--dialogue 150 --summarization 100]
"""

from __future__ import annotations

import argparse
import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import numpy as np  # noqa: E402

from benchmarks.common import machine, write_result  # noqa: E402
from grounding.evaluate import DetectionItem, length_matched, load_dataset  # noqa: E402
from grounding.evaluate.metrics import auroc  # noqa: E402
from grounding.verify.checkers.entailment import NOVELTY_DISCOUNT  # noqa: E402
from grounding.verify.nli import NLIModel  # noqa: E402
from grounding.verify.verifier import Verifier, VerifierOptions, VerifyItem  # noqa: E402
from knowledge.progress import track  # noqa: E402

GRID = (0.0, 0.3, 0.5, 0.65, 0.8, 0.9, 1.0)


class RememberedNLI:
    """The model's probabilities, computed once per distinct pair."""

    def __init__(self, model: NLIModel) -> None:
        self.model = model
        self.known: dict[tuple[str, str], np.ndarray] = {}

    def predict(self, pairs: list[tuple[str, str]], batch_size: int = 16) -> np.ndarray:
        missing = list(dict.fromkeys(p for p in pairs if p not in self.known))
        if missing:
            self.known.update(zip(missing, self.model.predict(missing, batch_size), strict=True))
        return np.array([self.known[p] for p in pairs], dtype=np.float32).reshape(len(pairs), 3)


def dev_items(name: str, limit: int | None, matched: bool) -> list[DetectionItem]:
    items, _ = load_dataset(name, split="dev", limit=limit)
    return length_matched(items) if matched else items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dialogue", type=int, default=150, help="dev rows of HaluEval dialogue")
    parser.add_argument("--summarization", type=int, default=100, help="dev rows of HaluEval summarization")
    args = parser.parse_args()
    sets = {
        "halueval-dialogue": dev_items("halueval-dialogue", args.dialogue, False),
        "halueval-summarization": dev_items("halueval-summarization", args.summarization, False),
        "halueval-qa (length-matched)": dev_items("halueval-qa", None, True),
    }
    verifier = Verifier()
    verifier.nli = RememberedNLI(verifier.nli)  # type: ignore[assignment]
    table: dict[str, dict[str, float]] = {}
    for name, items in sets.items():
        requests = [VerifyItem(answer=i.answer, question=i.question, evidence=i.evidence) for i in items]
        right = [not i.hallucinated for i in items]
        table[name] = {}
        for discount in track(GRID, f"{name}: {len(items)} items", total=len(GRID)):
            reports = verifier.verify_many(requests, VerifierOptions(novelty_discount=discount))
            table[name][str(discount)] = round(auroc([-r.hallucination_score for r in reports], right), 4)
    means = {str(d): round(float(np.mean([table[n][str(d)] for n in table])), 4) for d in GRID}
    print(f"{'discount':>10s} " + " ".join(f"{n[:24]:>26s}" for n in table) + f" {'mean':>8s}")
    for d in GRID:
        print(f"{d:>10.2f} " + " ".join(f"{table[n][str(d)]:>26.4f}" for n in table) + f" {means[str(d)]:>8.4f}")
    print(f"shipped discount: {NOVELTY_DISCOUNT}")
    write_result(
        "novelty_discount",
        {
            "benchmark": "novelty_discount",
            "machine": machine(),
            "split": "dev",
            "items": {n: len(items) for n, items in sets.items()},
            "auroc": table,
            "mean_auroc": means,
            "shipped": NOVELTY_DISCOUNT,
        },
    )


if __name__ == "__main__":
    main()
