"""Which reading and which rules earn their place: the suite's mean AUROC with each switched off.

Every variant scores the same items in one process, so the cross-encoder's probabilities of a pair
are computed once and reused (the model's memo): a rule ablation costs seconds, not a suite run.
Choices are made on the dev halves (the default); `--split test` reports. Thresholds play no part in AUROC.

    python -m benchmarks.suite_ablation [--limit 100] [--halueval 50] [--variants all]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from benchmarks.common import write_result
from grounding.evaluate.baselines import BASELINES
from grounding.evaluate.datasets import load_dataset
from grounding.evaluate.detection import verifier_scorer
from grounding.evaluate.metrics import auroc, balanced_accuracy
from grounding.evaluate.suite import default_suite_dir, suite_sets
from grounding.registry import RULES, VERIFIER_RUNTIMES
from grounding.verify.nli import DEFAULT_VERIFIER_MODEL
from grounding.verify.options import VerifierOptions
from grounding.verify.verifier import Verifier
from knowledge.progress import track


def variants(names: list[str], reading: str | None = None, sentences: int | None = None) -> dict[str, VerifierOptions]:
    base = VerifierOptions() if reading is None else VerifierOptions(reading=reading)
    if sentences is not None:
        base = base.model_copy(update={"evidence_sentences": sentences})
    every = {"default": base}
    for other in ("joined", "aligned", "windows"):
        if other != base.reading:
            every[f"{other} reading"] = base.model_copy(update={"reading": other})
    every["no rules"] = base.model_copy(update={"rules": ()})
    for rule in RULES.names():
        if rule in base.rules:
            every[f"without {rule}"] = base.without(rule)
        else:
            every[f"with {rule}"] = base.model_copy(update={"rules": (*base.rules, rule)})
    return every if names == ["all"] else {name: every[name] for name in names}


def load_items(limit: int, halueval: int, split: str, seed: int = 0) -> dict[str, list]:
    items = {}
    for name, loader, data in suite_sets(default_suite_dir()):
        cap = halueval if loader != "generic" else limit
        items[name], _ = load_dataset(loader, data, split, cap, seed)
    return items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=100, help="test items per generic set")
    parser.add_argument("--halueval", type=int, default=50, help="test rows per HaluEval set")
    parser.add_argument("--variants", nargs="+", default=["all"])
    parser.add_argument("--split", default="dev", help="dev (to choose) or test (to report)")
    parser.add_argument("--reading", default=None, help="the reading every variant starts from")
    parser.add_argument("--sentences", type=int, default=None, help="aligned evidence sentences per claim")
    parser.add_argument("--model", default=None, help="verifier model (default: the bundled one)")
    parser.add_argument(
        "--runtime", default=None, choices=VERIFIER_RUNTIMES.names(), help="what runs the model (default: the default)"
    )
    parser.add_argument("--name", default="suite_ablation", help="result file name under benchmarks/results/")
    parser.add_argument("--out", type=Path, default=None, help="also write the table as JSON here")
    args = parser.parse_args()
    verifier = Verifier(model=args.model or DEFAULT_VERIFIER_MODEL, runtime=args.runtime)
    items = load_items(args.limit, args.halueval, args.split)
    table: dict[str, dict[str, float]] = {}
    started = time.perf_counter()
    for variant, options in variants(args.variants, args.reading, args.sentences).items():
        scorer = verifier_scorer(verifier, options)
        row = {}
        for name, group in track(list(items.items()), variant, enabled=True):
            scores = np.array([s for i in range(0, len(group), 16) for s, _ in scorer(group[i : i + 16])])
            labels = np.array([item.hallucinated for item in group], dtype=bool)
            row[name] = auroc(scores, labels)
            row[f"{name}:ba@0.5"] = balanced_accuracy(scores >= 0.5, labels)
        sets = [name for name in items]
        row["mean"] = float(np.nanmean([row[name] for name in sets]))
        row["mean ba@0.5"] = float(np.nanmean([row[f"{name}:ba@0.5"] for name in sets]))
        table[variant] = row
        print(
            f"{variant:28s} mean AUROC {row['mean']:.4f}  mean BA@0.5 {row['mean ba@0.5']:.4f}  "
            + " ".join(f"{name}={row[name]:.3f}" for name in sets),
            flush=True,
        )
    baselines = {}
    for baseline in ("token_overlap", "embedding_similarity"):
        per = {}
        for name, group in items.items():
            labels = np.array([item.hallucinated for item in group], dtype=bool)
            per[name] = auroc(BASELINES[baseline](group), labels)
        per["mean"] = float(np.nanmean(list(per.values())))
        baselines[baseline] = per
        print(f"{baseline:28s} mean AUROC {per['mean']:.4f}  " + " ".join(f"{k}={v:.3f}" for k, v in per.items()))
    result = {
        "split": args.split,
        "limit": args.limit,
        "halueval_rows": args.halueval,
        "model": verifier.model_name,
        "runtime": verifier.nli.runtime,
        "evidence_sentences": args.sentences or VerifierOptions().evidence_sentences,
        "variants": table,
        "baselines": baselines,
        "seconds": round(time.perf_counter() - started, 1),
    }
    if args.out:
        args.out.write_text(json.dumps(result, indent=2))
    write_result(args.name, result)


if __name__ == "__main__":
    main()
