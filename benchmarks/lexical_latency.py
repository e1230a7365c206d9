"""BM25 (SQLite FTS5) search latency over 100k real chunks, and the cost of indexing them.

    python -m benchmarks.lexical_latency [--chunks 100000] [--queries 300]

Chunks are sentences and short passages of HaluEval's four files (qa knowledge, dialogue knowledge,
summarization documents, general queries), cut to at most 800 characters like the KB's chunker;
queries are HaluEval QA questions. No embedding is computed: this measures the lexical index alone
(the dense side at 100k vectors is `benchmarks.search_latency`). Insertion goes through
`DocumentStore.add`, so the triggers that keep the FTS5 index in step are part of the timing.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from benchmarks.common import summary_ms, write_result
from grounding import paths
from knowledge.documents import chunk_document
from knowledge.lexical import distinctive_terms, fts_query, query_terms
from knowledge.store import DocumentStore
from knowledge.types import Document


def texts(limit: int) -> list[str]:
    folder = paths.shared_data() / "halueval"
    found: list[str] = []
    seen: set[str] = set()
    for name, fields in (
        ("qa_data.json", ("knowledge",)),
        ("summarization_data.json", ("document",)),
        ("dialogue_data.json", ("knowledge", "dialogue_history")),
        ("general_data.json", ("user_query", "chatgpt_response")),
    ):
        with (folder / name).open(encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                for field in fields:
                    value = row.get(field)
                    if isinstance(value, str) and value.strip() and value not in seen:
                        seen.add(value)
                        found.append(value)
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chunks", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    questions = []
    with (paths.shared_data() / "halueval" / "qa_data.json").open(encoding="utf-8") as handle:
        for line in handle:
            questions.append(json.loads(line)["question"])
            if len(questions) >= args.queries:
                break
    with tempfile.TemporaryDirectory() as scratch:
        store = DocumentStore(Path(scratch) / "kb.sqlite")
        batch, total, start = [], 0, time.perf_counter()
        for i, text in enumerate(texts(args.chunks)):
            doc = Document(id=f"d{i}", text=text, source="halueval")
            chunks = chunk_document(doc, 800, 100)[: args.chunks - total]
            batch.append((doc, chunks))
            total += len(chunks)
            if len(batch) >= 2000 or total >= args.chunks:
                store.add(batch)
                batch = []
            if total >= args.chunks:
                break
        if batch:
            store.add(batch)
        index_s = time.perf_counter() - start
        timings = {"all words, top 30": [], "distinctive words, top 30": []}
        overlap = []
        for question in questions:
            started = time.perf_counter()
            every = store.lexical_search(fts_query(question), 30)
            timings["all words, top 30"].append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            terms = distinctive_terms(query_terms(question), store.term_frequency, total)
            pruned = store.lexical_search(fts_query(question, terms), 30)
            timings["distinctive words, top 30"].append((time.perf_counter() - started) * 1000)
            overlap.append(len({i for i, _ in every[:10]} & {i for i, _ in pruned[:10]}) / max(1, len(every[:10])))
        size = (Path(scratch) / "kb.sqlite").stat().st_size
        store.close()
    write_result(
        "lexical_latency",
        {
            "chunks": total,
            "queries": len(questions),
            "store_add_seconds": round(index_s, 1),
            "database_mb": round(size / 1e6, 1),
            "bm25": {name: summary_ms(values) for name, values in timings.items()},
            "top10_agreement_pruned_vs_all": round(sum(overlap) / len(overlap), 4),
        },
    )


if __name__ == "__main__":
    main()
