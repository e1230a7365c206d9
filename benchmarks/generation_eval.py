"""End-to-end question answering over whole corpora, per backend: the table in docs/evaluation.md.

Runs `groundqa eval NAME --mode generation` for each (set, answerer) below into runs/gen/, or only
collects the finished runs with --collect, and writes benchmarks/results/generation_eval.json:
answer accuracy (gold contained, token F1), hallucination rate of the raw and the mitigated answer,
abstention rate, latency p50 per stage, and whether the targets hold (mitigation halves the raw
hallucination rate; abstention under a quarter). Each run is resumable.

    python -m benchmarks.generation_eval [--collect] [--scale 1.0]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from benchmarks.common import write_result

REPO = Path(__file__).resolve().parents[1]
RUNS = REPO / "runs" / "gen"
# (set, answerer, questions): the LLM takes seconds per question on a 2-core CPU, the graph well under one
PLAN = [
    ("halueval-qa", "llm", 100),
    ("metaqa-1hop", "graph", 200),
    ("metaqa-2hop", "graph", 200),
    ("metaqa-1hop", "llm", 60),
    ("metaqa-2hop", "llm", 60),
    ("metaqa-1hop", "both", 60),
    ("metaqa-2hop", "both", 60),
]
KEYS = (
    "n",
    "accuracy",
    "accuracy_raw",
    "token_f1",
    "hallucination_rate_raw",
    "hallucination_rate",
    "hallucination_reduction",
    "abstention_rate",
    "quote_rate",
    "accuracy_quoted",
    "accuracy_when_answered",
    "answerers",
    "ci95",
    "targets",
)


def command(name: str, answerer: str, limit: int) -> list[str]:
    return [
        sys.executable, "-m", "grounding.cli", "eval", name, "--mode", "generation", "--answerer", answerer,
        "--limit", str(limit), "--out", str(RUNS / f"{name}-{answerer}"), "--json",
    ]  # fmt: skip


def collect() -> dict:
    runs = {}
    for name, answerer, _ in PLAN:
        path = RUNS / f"{name}-{answerer}" / "metrics.json"
        if not path.exists():
            continue
        metrics = json.loads(path.read_text(encoding="utf-8"))
        stages = metrics.get("latency_ms_per_stage", {})
        runs[f"{name}/{answerer}"] = {
            **{key: metrics.get(key) for key in KEYS},
            "latency_p50_ms": {stage: round(v["p50_ms"], 1) for stage, v in stages.items() if v.get("p50_ms")},
            "command": " ".join(command(name, answerer, metrics.get("meta", {}).get("limit") or 0)[2:]),
        }
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--collect", action="store_true", help="only gather the finished runs")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every question count")
    args = parser.parse_args()
    if not args.collect:
        for name, answerer, limit in PLAN:
            subprocess.run(command(name, answerer, max(1, round(limit * args.scale))), check=True, cwd=REPO)
    runs = collect()
    for key, f in runs.items():
        rates = f"raw-hall {f['hallucination_rate_raw']:.3f} hall {f['hallucination_rate']:.3f}"
        print(f"{key:24s} n={f['n']:4d} acc {f['accuracy']:.3f} {rates} abst {f['abstention_rate']:.3f}")
    write_result("generation_eval", {"runs": runs, "definitions": __doc__})


if __name__ == "__main__":
    main()
