"""Hybrid retrieval latency on the demo knowledge base (target: p50 < 50 ms on a 2-core CPU).

python -m benchmarks.hybrid_retrieval [--kb DIR] [--repeats 20]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from benchmarks.common import summary_ms, write_result
from knowledge.demo import DEMO_QUESTIONS
from knowledge.demo_kb import ensure_demo_kb
from knowledge.retriever import RetrievalOptions


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
    timings: dict[str, list[float]] = {"total": []}
    for _ in range(args.repeats):
        for question in questions:
            start = time.perf_counter()
            kb.search(question, options)
            timings["total"].append((time.perf_counter() - start) * 1000)
    write_result(
        "hybrid_retrieval",
        {
            "kb": kb.info().model_dump(mode="json", include={"documents", "chunks", "triples", "entities"}),
            "k": options.k,
            "search": summary_ms(timings["total"]),
            "target_p50_ms": 50,
        },
    )


if __name__ == "__main__":
    main()
