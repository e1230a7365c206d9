"""Embedding runtimes on this CPU: `embed()` of the verifier benchmark's 5 claims (what the verifier
embeds per answer) and of a 64-sentence batch (what KB ingest embeds per call), on torch and on ONNX
fp32, wall clock and CPU time, with the smallest cosine between the two runtimes' vectors.

    python -m benchmarks.embedding_runtime [--repeats 30] [--name embedding_runtime]
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np

from benchmarks.common import summary_ms, write_result
from benchmarks.verifier_speed import ANSWER
from grounding.text.sentences import split_sentences
from knowledge.embeddings import DEFAULT_EMBEDDING_MODEL, embed, load_embedder


def _timed(texts: list[str], runtime: str, repeats: int) -> tuple[dict[str, object], np.ndarray]:
    """Wall-clock and process CPU time (all threads) per call; on a shared machine the CPU time moves
    less with the load than the wall clock does."""
    vectors = embed(texts, runtime=runtime)  # warm: load, first-run allocations
    wall, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        vectors = embed(texts, runtime=runtime)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return {**summary_ms(wall), "cpu_p50_ms": summary_ms(cpu)["p50_ms"]}, vectors


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--name", default="embedding_runtime", help="result file name under benchmarks/results/")
    args = parser.parse_args()
    claims = [ANSWER[start:end] for start, end in split_sentences(ANSWER)]
    assert len(claims) == 5, claims
    batch = [f"{claim} (passage {i}, with a few more words to make it longer.)" for i in range(13) for claim in claims]
    batch = batch[:64]
    load_before = round(os.getloadavg()[0], 2)
    for runtime in ("torch", "onnx"):
        load_embedder(runtime=runtime)
    results: dict[str, dict[str, object]] = {}
    vectors: dict[str, dict[str, np.ndarray]] = {}
    for case, texts in (("claims_5", claims), ("batch_64", batch)):
        results[case], vectors[case] = {}, {}
        for runtime in ("torch", "onnx"):
            results[case][runtime], vectors[case][runtime] = _timed(texts, runtime, args.repeats)
        torch_p50 = results[case]["torch"]["p50_ms"]  # type: ignore[index]
        onnx_p50 = results[case]["onnx"]["p50_ms"]  # type: ignore[index]
        results[case]["speedup_p50"] = round(torch_p50 / onnx_p50, 2)
        cosine = (vectors[case]["torch"] * vectors[case]["onnx"]).sum(axis=1).min()
        results[case]["min_cosine_torch_onnx"] = round(float(cosine), 6)
    write_result(
        args.name,
        {
            "model": DEFAULT_EMBEDDING_MODEL,
            "load_average_1m_before_after": [load_before, round(os.getloadavg()[0], 2)],
            **results,
        },
    )


if __name__ == "__main__":
    main()
