"""`make bench`: every speed benchmark with short defaults, then one summary table.

The full-length runs behind docs/benchmarks.md are the individual modules with their own defaults;
this one checks in a few minutes that they all still run and roughly where the figures stand. Its
results go to runs/bench/, never over the committed ones in benchmarks/results/.

    python -m benchmarks.run_all [--out runs/bench]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

RUNS = [
    ("verifier_speed", ["--repeats", "5"]),
    ("search_latency", ["--sizes", "10000", "--queries", "100"]),
    ("ingest_throughput", ["--passages", "200"]),
]


def _row(name: str, result: dict) -> tuple[str, str, str]:
    if name == "verifier_speed":
        answer, graph = result["verify_one_answer"], result["graph_checker_per_claim"]
        return name, f"p50 {answer['p50_ms']} ms per 5-claim answer", f"graph checker p50 {graph['p50_ms']} ms/claim"
    if name == "search_latency":
        row = result["results"][0]
        return name, f"p50 {row['ours']['p50_ms']} ms at {row['size']:,} vectors ({row['kind']})", (
            f"overhead over raw FAISS x{row['overhead_p50']}"
        )
    if name == "ingest_throughput":
        return name, f"{result['total_chunks_per_second']} chunks/s end to end", f"{result.get('chunks', '')} chunks"
    return name, "", ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("runs") / "bench")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "GROUNDQA_BENCH_RESULTS": str(args.out.resolve())}
    rows, failed = [], []
    for name, argv in RUNS:
        started = time.perf_counter()
        print(f"== {name} {' '.join(argv)}", flush=True)
        done = subprocess.run([sys.executable, "-m", f"benchmarks.{name}", *argv], env=env)
        if done.returncode != 0:
            failed.append(name)
            continue
        result = json.loads((args.out / f"{name}.json").read_text())
        rows.append((*_row(name, result), f"{time.perf_counter() - started:.0f} s"))
    print("\n| benchmark | headline | also | took |\n|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
