"""Chunk vectors in Milvus (a server at http://HOST:19530, or a local .db file served by Milvus Lite).

It answers the calls the KB makes of its FAISS index (add, remove, search, len, save) with the
same shapes: (n, k) float32 scores and int64 chunk ids, best first, -inf / -1 padding. The index
is FLAT with inner product, so results are exact, as with FAISS flat.

What Milvus gives and what it does not: each insert, upsert and delete is durable and, read at
Strong consistency, visible to every client at once; there are no transactions across calls
and no snapshots. So a KB on Milvus has one collection for all its generations, written in
place; the SQLite store stays generational and is the source of truth, and a reader on an
older generation drops hits for chunks its generation does not hold (kb.passages_by_vector).
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import numpy as np

from knowledge.atomic import write_text_atomic
from knowledge.errors import InputError, KnowledgeBaseError, StoreError
from knowledge.vector_index import checked_queries

BATCH = 2_000
_CLIENTS: dict[str, Any] = {}
_CLIENTS_LOCK = threading.Lock()


def _client(uri: str) -> Any:
    """One client per URI and process: Milvus Lite starts its server on first connect (about a second)."""
    with _CLIENTS_LOCK:
        client = _CLIENTS.get(uri)
        if client is None:
            try:
                from pymilvus import MilvusClient
            except ImportError as exc:
                raise KnowledgeBaseError(
                    "the Milvus vector store needs pymilvus (and milvus-lite for a local .db): "
                    "pip install 'groundqa[scale]'"
                ) from exc
            try:
                client = MilvusClient(uri=uri, timeout=30)
            except Exception as exc:  # pymilvus raises its own types, and OSError for a bad path
                raise StoreError(f"Milvus at {uri} is unreachable: {exc}") from exc
            _CLIENTS[uri] = client
        return client


class MilvusIndex:
    """A Milvus collection of chunk vectors keyed by chunk id."""

    kind = "milvus"

    def __init__(self, uri: str, collection: str, dim: int) -> None:
        self.uri = uri
        self.collection = collection
        self.dim = dim
        self._client = _client(uri)

    @classmethod
    def create(cls, uri: str, collection: str, dim: int) -> MilvusIndex:
        """A new, empty collection; an existing non-empty one is refused, never overwritten."""
        from pymilvus import DataType, MilvusClient

        if dim < 1:
            raise InputError(f"vector dimension must be positive, got {dim}")
        client = _client(uri)
        if _call(uri, "has_collection", client.has_collection, collection):
            rows = int(_call(uri, "stats", client.get_collection_stats, collection).get("row_count", 0))
            if rows:
                raise StoreError(f"Milvus collection {collection!r} at {uri} already holds {rows} vectors")
            _call(uri, "drop", client.drop_collection, collection)
        schema = MilvusClient.create_schema(auto_id=False)
        schema.add_field("id", DataType.INT64, is_primary=True)
        schema.add_field("vector", DataType.FLOAT_VECTOR, dim=dim)
        params = client.prepare_index_params()
        params.add_index(field_name="vector", index_type="FLAT", metric_type="IP")
        _call(
            uri,
            "create collection",
            lambda: client.create_collection(
                collection, schema=schema, index_params=params, consistency_level="Strong"
            ),
        )
        return cls(uri, collection, dim)

    @classmethod
    def connect(cls, uri: str, collection: str) -> MilvusIndex:
        client = _client(uri)
        if not _call(uri, "has_collection", client.has_collection, collection):
            raise StoreError(f"Milvus at {uri} has no collection {collection!r}: was the KB built against it?")
        described = _call(uri, "describe", client.describe_collection, collection)
        dims = [f["params"]["dim"] for f in described["fields"] if f["name"] == "vector"]
        if not dims:
            raise StoreError(f"Milvus collection {collection!r} at {uri} has no 'vector' field")
        _call(uri, "load collection", client.load_collection, collection)
        return cls(uri, collection, int(dims[0]))

    def __len__(self) -> int:
        stats = _call(self.uri, "stats", self._client.get_collection_stats, self.collection)
        return int(stats.get("row_count", 0))

    def add(self, vectors: np.ndarray, ids: np.ndarray, progress: bool = False) -> None:
        vectors = np.asarray(vectors, dtype=np.float32)
        ids = np.asarray(ids, dtype=np.int64)
        if vectors.ndim != 2 or vectors.shape[1] != self.dim or len(vectors) != len(ids):
            raise InputError(f"vectors must have shape ({len(ids)}, {self.dim}), got {vectors.shape}")
        for start in range(0, len(ids), BATCH):
            rows = [
                {"id": int(i), "vector": v.tolist()}
                for i, v in zip(ids[start : start + BATCH], vectors[start : start + BATCH], strict=True)
            ]
            _call(self.uri, "upsert", lambda rows=rows: self._client.upsert(self.collection, rows))

    def remove(self, ids: np.ndarray | list[int]) -> int:
        wanted = [int(i) for i in np.asarray(ids, dtype=np.int64)]
        if not wanted:
            return 0
        before = len(self)
        for start in range(0, len(wanted), BATCH):
            chunk = wanted[start : start + BATCH]
            _call(self.uri, "delete", lambda chunk=chunk: self._client.delete(self.collection, ids=chunk))
        return before - len(self)

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        queries = checked_queries(queries, self.dim, k)
        scores = np.full((len(queries), k), -np.inf, dtype=np.float32)
        ids = np.full((len(queries), k), -1, dtype=np.int64)
        results = _call(
            self.uri,
            "search",
            lambda: self._client.search(
                self.collection, data=queries.tolist(), limit=k, search_params={"metric_type": "IP"}
            ),
        )
        for row, hits in enumerate(results):
            for col, hit in enumerate(hits):
                scores[row, col] = hit["distance"]
                ids[row, col] = hit["id"]
        return scores, ids

    def live_vectors(self) -> tuple[np.ndarray, np.ndarray]:
        """Every stored vector and its id, sorted by id (as VectorIndex.live_vectors)."""
        iterator = _call(
            self.uri,
            "query",
            lambda: self._client.query_iterator(
                self.collection, batch_size=BATCH, filter="", output_fields=["id", "vector"]
            ),
        )
        rows: list[dict[str, Any]] = []
        try:
            while batch := _call(self.uri, "query", iterator.next):
                rows.extend(batch)
        finally:
            iterator.close()
        rows.sort(key=lambda row: row["id"])
        vectors = np.asarray([row["vector"] for row in rows], dtype=np.float32).reshape(len(rows), self.dim)
        return vectors, np.asarray([row["id"] for row in rows], dtype=np.int64)

    def save(self, path: Path) -> None:
        """A pointer beside the generation (the vectors live in Milvus), so the files say where they are."""
        write_text_atomic(
            Path(path).with_suffix(".milvus.json"),
            json.dumps({"uri": self.uri, "collection": self.collection, "dim": self.dim}, indent=2),
        )

    def drop(self) -> None:
        _call(self.uri, "drop", self._client.drop_collection, self.collection)


def _call(uri: str, what: str, func: Any, *args: Any) -> Any:
    try:
        return func(*args)
    except (StoreError, InputError):
        raise
    except Exception as exc:  # pymilvus raises MilvusException and grpc errors
        raise StoreError(f"Milvus at {uri} failed on {what}: {exc}") from exc
