"""Passage recall of dense, BM25, fused and fused + re-ranked retrieval on HaluEval QA.

    python -m benchmarks.retrieval_recall [--limit 500] [--dev-limit 400] [--rerank-limit 100]

Every question searches all 9,936 HaluEval QA knowledge passages (the generation-mode corpus of
`grounding.evaluate.corpora`, built once under runs/). The gold passage is the question's own
knowledge field; a hit is any chunk of it. The fusion settings are chosen on dev-split questions
(a grid over the BM25 weight, the word-overlap weight and the RRF constant k, best recall@5 then
MRR) and reported on test-split questions, so the figure is not tuned on what it measures. The
RRF constant matters here: at k=60 a passage only BM25 finds (ranked first by it, absent from the
dense top 30) loses to passages both lists rank middling; a small k lets a first place count. Re-ranking scores the
fused top 10 with the project's cross-encoder (the NLI model: relatedness = 1 - P(neutral) of
passage vs question) and is reported on the first `--rerank-limit` test questions.
"""

from __future__ import annotations

import argparse
import itertools
import time
from collections.abc import Callable, Sequence

from benchmarks.common import summary_ms, write_result
from grounding import paths
from grounding.data.halueval import clean_knowledge, read_rows
from grounding.evaluate.corpora import halueval_qa_documents, halueval_qa_kb
from knowledge.embeddings import embed
from knowledge.retriever import RetrievalOptions, retrieve

DEPTH = 10
GRID_BM25 = (1.0, 2.0, 3.0)
GRID_OVERLAP = (0.0, 0.5, 1.0)
GRID_RRF_K = (1, 3, 10, 60)


def questions(split: str, limit: int, gold_of: dict[str, str]) -> list[tuple[str, str]]:
    found = []
    for _, row in read_rows("qa", split):
        text = clean_knowledge(str(row.get("knowledge", "")).strip())
        if text in gold_of and row.get("question"):
            found.append((row["question"], gold_of[text]))
        if len(found) >= limit:
            break
    return found


def unique_docs(evidence) -> list[str]:
    seen: dict[str, None] = {}
    for item in evidence:
        if item.doc_id:
            seen.setdefault(item.doc_id, None)
    return list(seen)


def metrics(rankings: Sequence[list[str]], golds: Sequence[str]) -> dict[str, float]:
    n = len(golds)
    out = {
        f"recall@{k}": round(sum(g in r[:k] for r, g in zip(rankings, golds, strict=True)) / n, 4) for k in (1, 5, 10)
    }
    out["mrr@10"] = round(
        sum(1 / (r[:DEPTH].index(g) + 1) for r, g in zip(rankings, golds, strict=True) if g in r[:DEPTH]) / n, 4
    )
    return out


def run(
    kb, items: list[tuple[str, str]], search: Callable[[str, object], list[str]], vectors=None
) -> tuple[list[list[str]], list[float]]:
    if vectors is None:
        vectors = embed([q for q, _ in items], kb.embedding_model)
    rankings, times = [], []
    for (question, _), vector in zip(items, vectors, strict=True):
        start = time.perf_counter()
        rankings.append(search(question, vector[None, :]))
        times.append((time.perf_counter() - start) * 1000)
    return rankings, times


def fused(kb, options: RetrievalOptions) -> Callable[[str, object], list[str]]:
    return lambda q, v: unique_docs(retrieve(kb, q, options, v))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=500, help="test-split questions")
    parser.add_argument("--dev-limit", type=int, default=400, help="dev-split questions for choosing weights")
    parser.add_argument("--rerank-limit", type=int, default=100, help="test questions re-ranked (0: skip)")
    parser.add_argument("--grid-bm25", type=float, nargs="+", default=list(GRID_BM25))
    parser.add_argument("--grid-overlap", type=float, nargs="+", default=list(GRID_OVERLAP))
    parser.add_argument("--grid-rrf-k", type=int, nargs="+", default=list(GRID_RRF_K))
    parser.add_argument("--name", default="retrieval_recall", help="result file name")
    args = parser.parse_args()
    source = paths.shared_data() / "halueval" / "qa_data.json"
    kb = halueval_qa_kb(source, progress=True)
    gold_of = {d["text"]: d["id"] for d in halueval_qa_documents(source)}
    dev = questions("dev", args.dev_limit, gold_of)
    test = questions("test", args.limit, gold_of)
    base = {"k": 3 * DEPTH, "fact_weight": 0.0}

    grid = []
    dev_vectors = embed([q for q, _ in dev], kb.embedding_model)
    for bm25, overlap, rrf_k in itertools.product(args.grid_bm25, args.grid_overlap, args.grid_rrf_k):
        settings = {"bm25_weight": bm25, "lexical_weight": overlap, "rrf_k": rrf_k}
        ranked, _ = run(kb, dev, fused(kb, RetrievalOptions(**base, **settings)), dev_vectors)
        grid.append({**settings, **metrics(ranked, [g for _, g in dev])})
        print(grid[-1], flush=True)
    best = max(grid, key=lambda row: (row["recall@5"], row["mrr@10"]))
    chosen = RetrievalOptions(**base, **{key: best[key] for key in ("bm25_weight", "lexical_weight", "rrf_k")})

    golds = [g for _, g in test]
    systems = {
        "dense": lambda q, v: unique_docs(kb.passages_by_vector(v, 3 * DEPTH)),
        "bm25": lambda q, v: unique_docs(kb.passages_by_text(q, 3 * DEPTH)),
        "fused (default weights)": fused(kb, RetrievalOptions(**base)),
        "fused (dev-chosen weights, k=60)": fused(kb, chosen.model_copy(update={"rrf_k": 60})),
        "fused (dev-chosen weights)": fused(kb, chosen),
    }
    results = {}
    test_vectors = embed([q for q, _ in test], kb.embedding_model)
    for name, search in systems.items():
        ranked, times = run(kb, test, search, test_vectors)
        results[name] = {**metrics(ranked, golds), "latency": summary_ms(times)}
        print(name, results[name])

    rerank = None
    if args.rerank_limit:
        rerank = rerank_figures(kb, test[: args.rerank_limit], chosen)
    write_result(
        args.name,
        {
            "corpus": {"passages": len(gold_of), "chunks": kb.info().chunks},
            "questions": {"dev": len(dev), "test": len(test)},
            "dev_grid": grid,
            "chosen": {key: getattr(chosen, key) for key in ("bm25_weight", "lexical_weight", "rrf_k")},
            "test": results,
            "rerank": rerank,
        },
    )


def rerank_figures(kb, items: list[tuple[str, str]], options: RetrievalOptions) -> dict:
    """Fused top 10 re-ordered by the cross-encoder, against the same questions without it."""
    from grounding.verify.nli import load_nli_model

    model = load_nli_model()
    neutral = 1  # predict() returns [entailment, neutral, contradiction]
    plain, reranked, times = [], [], []
    vectors = embed([q for q, _ in items], kb.embedding_model)
    for (question, _), vector in zip(items, vectors, strict=True):
        evidence = retrieve(kb, question, options, vector[None, :])
        top = []
        for item in evidence:
            if item.doc_id and item.doc_id not in {e.doc_id for e in top}:
                top.append(item)
        top = top[:DEPTH]
        start = time.perf_counter()
        probs = model.predict([(e.text, question) for e in top]) if top else []
        times.append((time.perf_counter() - start) * 1000)
        order = sorted(range(len(top)), key=lambda i: probs[i][neutral])
        plain.append([e.doc_id for e in top])
        reranked.append([top[i].doc_id for i in order])
    golds = [g for _, g in items]
    return {
        "questions": len(items),
        "fused": metrics(plain, golds),
        "fused + rerank": metrics(reranked, golds),
        "rerank_latency": summary_ms(times),
    }


if __name__ == "__main__":
    main()
