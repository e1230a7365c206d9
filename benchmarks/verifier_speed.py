"""Verifier speed on this CPU: a 5-claim answer against 10 evidence passages.

Two cases: with the demo KB (the graph checker decides some claims), and all-neural (no KB: every
claim goes to the cross-encoder), the latter also against the bare cross-encoder on the very pairs
the verifier built. Targets: all-neural p50 <= 120 ms and <= 1.5x the bare model; the graph checker
alone < 5 ms per claim.

    python -m benchmarks.verifier_speed [--kb DIR] [--repeats 30] [--runtime onnx-int8] [--name verifier_speed]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from benchmarks.common import summary_ms, write_result
from grounding import paths
from grounding.registry import VERIFIER_RUNTIMES
from grounding.verify.checkers.graph import check_against_graph
from grounding.verify.verifier import Verifier, VerifyItem
from knowledge.demo_kb import ensure_demo_kb
from knowledge.embeddings import embed
from knowledge.retriever import RetrievalOptions

ANSWER = (
    "Canberra is the capital of Australia. The Australian National University is located in Canberra. "
    "Australia has a population of about 25 million. The city was designed by Walter Burley Griffin. "
    "Australia uses the Australian dollar as its currency."
)
QUESTION = "Tell me about the capital of Australia."


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kb", type=Path, default=paths.home() / "demo-kb")
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--runtime", default=None, choices=VERIFIER_RUNTIMES.names(), help="what runs the model")
    parser.add_argument("--name", default="verifier_speed", help="result file name under benchmarks/results/")
    args = parser.parse_args()
    kb = ensure_demo_kb(args.kb, progress=True)
    load_before = round(os.getloadavg()[0], 2)
    evidence = [e for e in kb.search(QUESTION + " " + ANSWER, RetrievalOptions(k=30)) if e.kind == "passage"][:10]
    assert len(evidence) == 10, "the demo KB should offer ten passages"
    verifier = Verifier(kb=kb, runtime=args.runtime)
    first = verifier.verify(ANSWER, QUESTION, evidence)
    claims = len(first.claims)

    per_answer = []
    for _ in range(args.repeats):
        verifier.nli.forget()  # a fresh answer: no pair seen before
        start = time.perf_counter()
        verifier.verify(ANSWER, QUESTION, evidence)
        per_answer.append((time.perf_counter() - start) * 1000)

    batch = [VerifyItem(answer=ANSWER, question=QUESTION, evidence=evidence)] * 16
    verifier.nli.forget()
    start = time.perf_counter()
    verifier.verify_many(batch)
    batch_seconds = time.perf_counter() - start

    neural = Verifier(runtime=args.runtime)
    neural.verify(ANSWER, QUESTION, evidence)
    all_neural = []
    for _ in range(args.repeats):
        neural.nli.forget()  # a fresh answer: no pair seen before
        start = time.perf_counter()
        report = neural.verify(ANSWER, QUESTION, evidence)
        all_neural.append((time.perf_counter() - start) * 1000)
    pairs = neural.nli.forget()
    bare = []
    for _ in range(args.repeats):
        neural.nli.forget()
        start = time.perf_counter()
        neural.nli.predict(pairs)
        bare.append((time.perf_counter() - start) * 1000)
    p50 = sorted(all_neural)[len(all_neural) // 2]
    bare_p50 = sorted(bare)[len(bare) // 2]

    texts = [c.claim.text for c in first.claims]
    vectors = embed(texts, kb.embedding_model)
    graph_times = []
    for _ in range(args.repeats):
        for text, vector in zip(texts, vectors, strict=True):
            start = time.perf_counter()
            check_against_graph(kb, text, vector)
            graph_times.append((time.perf_counter() - start) * 1000)

    write_result(
        args.name,
        {
            "model": verifier.model_name,
            "runtime": verifier.nli.runtime,
            "load_average_1m_before_after": [load_before, round(os.getloadavg()[0], 2)],
            "claims_per_answer": claims,
            "evidence_passages": len(evidence),
            "verify_one_answer": summary_ms(per_answer),
            "all_neural": {
                "claims": len(report.claims),
                "methods": sorted({c.method.value for c in report.claims}),
                "nli_pairs": len(pairs),
                "verify_one_answer": summary_ms(all_neural),
                "bare_cross_encoder_same_pairs": summary_ms(bare),
                "ratio_to_bare_p50": round(p50 / bare_p50, 2),
                "stage_ms_last_run": report.timings_ms,
            },
            "claims_per_second_single": round(claims / (sorted(per_answer)[len(per_answer) // 2] / 1000), 1),
            "verify_many_16_answers_s": round(batch_seconds, 3),
            "claims_per_second_batched": round(16 * claims / batch_seconds, 1),
            "graph_checker_per_claim": summary_ms(graph_times),
            "stage_ms_last_run": first.timings_ms,
            "verdicts": [(c.claim.text, c.verdict.value, c.method.value) for c in first.claims],
            "targets": {"all_neural_p50_ms": 120, "ratio_to_bare": 1.5, "graph_per_claim_ms": 5},
        },
    )


if __name__ == "__main__":
    main()
