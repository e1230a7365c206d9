"""Hybrid retrieval latency on the demo knowledge base (target: p50 < 50 ms on a 2-core CPU).

    python -m benchmarks.hybrid_retrieval [--kb DIR] [--repeats 20]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path

from knowledge.demo import DEMO_QUESTIONS
from knowledge.demo_kb import ensure_demo_kb
from knowledge.retriever import RetrievalOptions

RESULTS = Path(__file__).parent / "results"


def machine() -> dict[str, str | int]:
    model = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if "model name" in line),
        platform.processor(),
    )
    return {"cpu": model, "cores": os.cpu_count() or 0, "python": platform.python_version(), "date": datetime.now(UTC).date().isoformat()}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kb", type=Path, default=Path.home() / ".local/share/groundqa/demo-kb")
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    kb = ensure_demo_kb(args.kb, progress=True)
    options = RetrievalOptions(k=8)
    questions = list(DEMO_QUESTIONS) + [
        "Which language is spoken in Brazil?",
        "What currency does Japan use?",
        "How large is Canada?",
        "Who founded the city of Ottawa?",
    ]
    kb.search(questions[0], options)  # load models, build the graph view and label tables
    timings = {"total": [], "embed": []}
    for _ in range(args.repeats):
        for question in questions:
            start = time.perf_counter()
            kb.search(question, options)
            timings["total"].append((time.perf_counter() - start) * 1000)
    result = {
        "benchmark": "hybrid_retrieval",
        "machine": machine(),
        "kb": kb.info().model_dump(mode="json", include={"documents", "chunks", "triples", "entities"}),
        "queries": len(timings["total"]),
        "k": options.k,
        "p50_ms": round(statistics.median(timings["total"]), 2),
        "p95_ms": round(percentile(timings["total"], 0.95), 2),
        "mean_ms": round(statistics.fmean(timings["total"]), 2),
        "target_p50_ms": 50,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "hybrid_retrieval.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
