"""Hybrid retrieval latency on the demo knowledge base (target: fused p50 <= 60 ms on a 2-core CPU).

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
    dense_only = options.model_copy(update={"bm25_weight": 0.0})
    kb.search(questions[0], options)  # load models, build the graph view and label tables
    timings: dict[str, list[float]] = {"total": [], "without_bm25": [], "bm25_alone": []}
    for _ in range(args.repeats):
        for question in questions:
            start = time.perf_counter()
            kb.search(question, options)
            timings["total"].append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            kb.search(question, dense_only)
            timings["without_bm25"].append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            kb.passages_by_text(question, options.bm25_candidates)
            timings["bm25_alone"].append((time.perf_counter() - start) * 1000)
    write_result(
        "hybrid_retrieval",
        {
            "kb": kb.info().model_dump(mode="json", include={"documents", "chunks", "triples", "entities"}),
            "k": options.k,
            "search": summary_ms(timings["total"]),
            "search_without_bm25": summary_ms(timings["without_bm25"]),
            "bm25_passages_alone": summary_ms(timings["bm25_alone"]),
            "target_p50_ms": 60,
        },
    )


if __name__ == "__main__":
    main()
