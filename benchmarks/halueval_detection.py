"""Hallucination detection on HaluEval: the verifier beside the baselines, on the shared test split.

The verifier gets each item's own evidence (no KB); thresholds for it and for every baseline are
calibrated on dev rows, figures are computed on test rows. The run folder caches predictions, so
an interrupted run resumes when started again with the same arguments.

    python -m benchmarks.halueval_detection --task dialogue --limit 300 --out runs/halueval-dialogue
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from benchmarks.common import write_result  # noqa: E402
from grounding.evaluate import (  # noqa: E402
    BASELINES,
    length_matched,
    load_dataset,
    run_detection,
    verifier_scorer,
)
from grounding.verify.nli import DEFAULT_VERIFIER_MODEL  # noqa: E402
from grounding.verify.verifier import Verifier  # noqa: E402

TASKS = ("dialogue", "summarization", "qa", "general")
HEADLINE = ("balanced_accuracy", "auroc", "f1", "precision", "recall", "ece", "threshold")
SHORT = ("bal.acc", "AUROC", "F1", "precision", "recall", "ECE", "threshold")


def _row(name: str, figures: dict) -> str:
    cells = [f"{figures.get(k):.3f}" if isinstance(figures.get(k), float) else str(figures.get(k)) for k in HEADLINE]
    ci = figures.get("ci95", {}).get("balanced_accuracy") or [None, None]
    span = f"[{ci[0]:.3f}, {ci[1]:.3f}]" if None not in ci else "[n/a]"
    return f"{name:22s} " + " ".join(f"{c:>9s}" for c in cells) + f"  BA 95% CI {span}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--task", choices=TASKS, default="dialogue")
    parser.add_argument("--limit", type=int, default=300, help="test rows (each gives two items when paired)")
    parser.add_argument("--dev-limit", type=int, default=150, help="dev rows for threshold calibration")
    parser.add_argument("--out", type=Path, default=None, help="run folder (default runs/halueval-<task>)")
    parser.add_argument("--data", type=Path, default=None, help="the HaluEval file (default: ../shared copy)")
    parser.add_argument("--model", default=DEFAULT_VERIFIER_MODEL)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--bootstrap", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--baselines", nargs="*", default=list(BASELINES), choices=list(BASELINES))
    parser.add_argument("--no-progress", action="store_true")
    parser.add_argument(
        "--length-matched",
        action="store_true",
        help="keep only pairs whose right and hallucinated answers have similar lengths (defeats the length trap)",
    )
    args = parser.parse_args()

    name = f"halueval-{args.task}"
    out = args.out or Path("runs") / name
    test, test_load = load_dataset(name, args.data, "test", args.limit, args.seed)
    dev, dev_load = load_dataset(name, args.data, "dev", args.dev_limit, args.seed)
    if args.length_matched:
        test, dev = length_matched(test), length_matched(dev)
    print(f"{name}: {len(test)} test items ({test_load.rows_selected} rows), {len(dev)} dev items -> {out}")
    verifier = Verifier(kb=None, model=args.model)
    verifier.verify("Paris is in France.", evidence=["Paris is the capital of France."])  # loads, untimed
    meta = {
        "dataset": name,
        "model": args.model,
        "test_rows": test_load.rows_selected,
        "dev_rows": dev_load.rows_selected,
        "seed": args.seed,
        "length_matched_only": args.length_matched,
        "load": {"test": test_load.model_dump(), "dev": dev_load.model_dump()},
    }
    metrics = run_detection(
        test,
        verifier_scorer(verifier),
        out,
        dev_items=dev,
        workers=args.workers,
        batch_size=args.batch_size,
        progress=not args.no_progress,
        baselines=args.baselines,
        n_bootstrap=args.bootstrap,
        seed=args.seed,
        meta=meta,
    )

    print(f"\n{'scorer':22s} " + " ".join(f"{k:>9s}" for k in SHORT))
    print(_row("verifier", metrics))
    for baseline, figures in metrics["baselines"].items():
        print(_row(baseline, figures))
    matched = metrics.get("length_matched")
    if matched and matched.get("ours"):
        print(f"\nlength-matched: {matched['pairs']} of {matched['pairs_total']} pairs")
        print(_row("verifier", matched["ours"]))
        for baseline, figures in matched["baselines"].items():
            print(_row(baseline, figures))
    latency = metrics["latency_ms_per_item"]
    print(
        f"\n{metrics['items_per_second']:.2f} items/s, per item p50 {latency['p50_ms']:.1f} ms "
        f"p95 {latency['p95_ms']:.1f} ms (batch {args.batch_size}); report: {out / 'report.md'}"
    )

    summary = {k: v for k, v in metrics.items() if k not in {"meta", "per_category"}}
    write_result(
        f"halueval_detection_{args.task}" + ("_length_matched" if args.length_matched else ""),
        {
            "task": args.task,
            "model": args.model,
            "run_dir": str(out),
            "args": _jsonable(vars(args)),
            **summary,
        },
    )


def _jsonable(values: dict) -> dict:
    return json.loads(json.dumps(values, default=str))


if __name__ == "__main__":
    main()
