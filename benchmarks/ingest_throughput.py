"""Ingestion throughput: chunk, embed (MiniLM, batch 64), store (SQLite) and index (FAISS) real passages.

    python -m benchmarks.ingest_throughput [--passages 2000]

Passages are the `knowledge` paragraphs of HaluEval QA (MIT), one document each.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks.common import RESULTS, machine
from grounding import paths
from knowledge.atomic import write_text_atomic
from knowledge.documents import chunk_document, document_id
from knowledge.embeddings import DEFAULT_EMBEDDING_MODEL, embed, embedding_dimension, load_embedder
from knowledge.store import DocumentStore
from knowledge.types import Document
from knowledge.vector_index import VectorIndex

DATA = paths.shared_data() / "halueval" / "qa_data.json"


def read_passages(path: Path, limit: int) -> list[Document]:
    """Distinct `knowledge` paragraphs, in file order."""
    seen: set[str] = set()
    documents = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            text = json.loads(line)["knowledge"].strip()
            if text and text not in seen:
                seen.add(text)
                source = f"halueval-qa#{number}"
                doc = Document(id=document_id(source, text), text=text, source=source, licence="MIT")
                documents.append(doc)
                if len(documents) == limit:
                    break
    return documents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=2000)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--batch", type=int, default=64)
    args = parser.parse_args()

    documents = read_passages(args.data, args.passages)
    load_embedder(DEFAULT_EMBEDDING_MODEL)
    embed(["warm up the model"])
    seconds: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        pairs = [(doc, chunk_document(doc)) for doc in documents]
        seconds["chunk"] = time.perf_counter() - start

        start = time.perf_counter()
        store = DocumentStore(Path(tmp) / "documents.sqlite")
        chunk_ids = store.add(pairs).chunk_ids
        seconds["store"] = time.perf_counter() - start

        texts = [chunk.text for _, chunks in pairs for chunk in chunks]
        start = time.perf_counter()
        vectors = embed(texts, batch_size=args.batch)
        seconds["embed"] = time.perf_counter() - start

        start = time.perf_counter()
        index = VectorIndex.create(embedding_dimension(), expected_size=len(texts))
        index.add(vectors, np.asarray(chunk_ids, dtype=np.int64))
        index.save(Path(tmp) / "passages.faiss")
        seconds["index_and_save"] = time.perf_counter() - start
        store.close()

    total = sum(seconds.values())
    n_chunks = len(texts)
    result = {
        "benchmark": "ingest_throughput",
        "machine": {**machine(), "nproc": os.cpu_count()},
        "data": str(args.data),
        "documents": len(documents),
        "chunks": n_chunks,
        "mean_chunk_chars": round(sum(map(len, texts)) / n_chunks, 1),
        "embedding_model": DEFAULT_EMBEDDING_MODEL,
        "embed_batch": args.batch,
        "index_kind": index.kind,
        "seconds": {stage: round(value, 3) for stage, value in seconds.items()},
        "chunks_per_second": {stage: round(n_chunks / value, 1) for stage, value in seconds.items()},
        "total_seconds": round(total, 3),
        "total_chunks_per_second": round(n_chunks / total, 1),
    }
    print(json.dumps(result, indent=2))
    write_text_atomic(RESULTS / "ingest_throughput.json", json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
