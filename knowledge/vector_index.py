"""FAISS index of chunk vectors keyed by chunk id, with removal, atomic saves and optional GPU search.

Vectors are unit length and compared by inner product, i.e. cosine similarity. Three kinds:

- `flat`: exact search, no training, cheap adds and removals. A query costs n*d multiply-adds,
  which at 384 dimensions stays within a few milliseconds up to ~50k vectors.
- `hnsw`: a graph with logarithmic search time and high recall, for larger collections. `auto`
  picks it from 50k vectors on, because there exact search starts to cost more than the graph's
  slower build and small recall loss. HNSW cannot delete, so removed ids become tombstones
  filtered out during search (an IDSelector, so results still hold k live ids); once
  tombstones pass 20% of the graph it is rebuilt from its own stored vectors.
- `ivf`: inverted lists over k-means cells, trained on the first vectors added. It keeps chunk
  ids itself instead of inside an `IndexIDMap2`: `IndexIDMap2.remove_ids` assumes the inner
  index renumbers after a removal, which IVF does not, so results would carry wrong ids.

Search results are ids of -1 with score -inf where fewer than k live vectors exist.
"""

from __future__ import annotations

import functools
import json
import math
import os
import threading
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from knowledge.atomic import atomic_path
from knowledge.errors import InputError, KnowledgeBaseError
from knowledge.progress import track

KINDS = ("flat", "hnsw", "ivf")
GPU_KINDS = frozenset({"flat", "ivf"})
AUTO_HNSW_FROM = 50_000
TOMBSTONE_REBUILD_FRACTION = 0.2
FORMAT_VERSION = 1
SINGLE_THREAD_BELOW = 20
_ADD_BATCH = 65_536
_IVF_TRAINING_PER_CELL = 64  # k-means costs sample x cells; 64 per cell trains coarse cells well enough


def choose_kind(kind: str, expected_size: int) -> str:
    if kind == "auto":
        return "hnsw" if expected_size >= AUTO_HNSW_FROM else "flat"
    if kind not in KINDS:
        raise InputError(f"unknown vector index kind {kind!r}; choose one of auto, {', '.join(KINDS)}")
    return kind


def ivf_lists(n: int) -> int:
    """About 4*sqrt(n) cells, but never fewer than 39 training vectors per cell (FAISS's minimum)."""
    return max(1, min(round(4 * math.sqrt(n)), n // 39))


def gpu_eligible(kind: str, num_gpus: int) -> bool:
    """FAISS has GPU versions of flat and IVF indexes but not of HNSW."""
    return num_gpus > 0 and kind in GPU_KINDS


@functools.lru_cache(maxsize=1)
def _gpu_resources() -> Any:
    return faiss.StandardGpuResources()


def _maybe_to_gpu(index: faiss.Index, kind: str) -> faiss.Index:
    """A GPU copy of `index` for searching when a GPU is visible and the kind has one; else `index`."""
    if not gpu_eligible(kind, faiss.get_num_gpus()):
        return index
    return faiss.index_cpu_to_gpu(_gpu_resources(), 0, index)


class VectorIndex:
    """One FAISS index plus what FAISS does not keep: its kind, search settings and HNSW tombstones.

    The CPU index is the only copy that is changed and saved; a GPU copy, when used, is made
    again on the first search after a change. Calls are serialised by a lock.
    """

    def __init__(
        self,
        index: faiss.Index,
        kind: str,
        *,
        ef_search: int = 64,
        nprobe: int = 16,
        ef_construction: int = 80,
        m: int = 32,
        tombstones: set[int] | None = None,
    ) -> None:
        self._index = index
        self.kind = kind
        self.dim = int(index.d)
        self._m = m
        self._ef_construction = ef_construction
        self._tombstones: set[int] = set(tombstones or ())
        self._lock = threading.RLock()
        self._searchable: faiss.Index | None = None
        self._params: Any = None
        self._selector_refs: tuple[Any, ...] = ()
        self.ef_search = ef_search
        self.nprobe = nprobe

    @classmethod
    def create(
        cls,
        dim: int,
        kind: str = "auto",
        expected_size: int = 0,
        *,
        m: int = 32,
        ef_construction: int = 80,
        ef_search: int = 64,
        nprobe: int = 16,
    ) -> VectorIndex:
        """An empty index; `expected_size` is what `auto` chooses by (IVF cells follow its training set)."""
        if dim < 1:
            raise InputError(f"vector dimension must be positive, got {dim}")
        kind = choose_kind(kind, expected_size)
        if kind == "flat":
            index = faiss.IndexIDMap2(faiss.IndexFlatIP(dim))
        elif kind == "hnsw":
            index = faiss.IndexIDMap2(_hnsw(dim, m, ef_construction))
        else:
            index = _ivf(dim, 1)
        return cls(
            index,
            kind,
            ef_search=ef_search,
            nprobe=nprobe,
            ef_construction=ef_construction,
            m=m,
        )

    @classmethod
    def build(
        cls, vectors: np.ndarray, ids: np.ndarray, kind: str = "auto", progress: bool = False, **options: Any
    ) -> VectorIndex:
        """An index holding `vectors` under `ids`; IVF is trained on these vectors."""
        vectors = np.asarray(vectors)
        dim = vectors.shape[1] if vectors.ndim == 2 else 0
        index = cls.create(dim, kind, expected_size=len(vectors), **options)
        index.add(vectors, ids, progress=progress)
        return index

    @property
    def ef_search(self) -> int:
        return self._ef_search

    @ef_search.setter
    def ef_search(self, value: int) -> None:
        self._ef_search = int(value)
        if self.kind == "hnsw":
            faiss.downcast_index(self._index.index).hnsw.efSearch = self._ef_search
            self._refresh_params()

    @property
    def nprobe(self) -> int:
        return self._nprobe

    @nprobe.setter
    def nprobe(self, value: int) -> None:
        self._nprobe = int(value)
        if self.kind == "ivf":
            self._index.nprobe = min(self._nprobe, self._index.nlist)
            self._searchable = None

    def __len__(self) -> int:
        return int(self._index.ntotal) - len(self._tombstones)

    @property
    def tombstones(self) -> int:
        return len(self._tombstones)

    def ids(self) -> np.ndarray:
        """The ids of every live vector (for checking the index against the document store)."""
        with self._lock:
            ids = self._stored_ids()
            if self._tombstones:
                ids = ids[~np.isin(ids, np.fromiter(self._tombstones, dtype=np.int64))]
        return np.sort(ids)

    def add(self, vectors: np.ndarray, ids: np.ndarray, progress: bool = False) -> None:
        """Add unit vectors under new ids; an id already in the index is an error."""
        vectors, ids = self._check_vectors(vectors, ids)
        if not len(ids):
            return
        with self._lock:
            if self._tombstones and not self._tombstones.isdisjoint(ids.tolist()):
                self._purge_tombstones()
            if self._index.ntotal:
                present = ids[np.isin(ids, self._stored_ids())]
                if len(present):
                    raise InputError(f"ids already in the vector index: {present[:20].tolist()}")
            if self.kind == "ivf" and not self._index.is_trained:
                self._train(vectors)
            starts = range(0, len(ids), _ADD_BATCH)
            enabled = progress and len(starts) > 1
            for start in track(starts, "Indexing vectors", total=len(starts), enabled=enabled):
                end = start + _ADD_BATCH
                self._index.add_with_ids(vectors[start:end], ids[start:end])
            self._searchable = None

    def remove(self, ids: np.ndarray | list[int]) -> int:
        """Remove vectors by id; returns how many were present. Unknown ids are ignored."""
        ids = np.unique(np.asarray(ids, dtype=np.int64))
        if not len(ids):
            return 0
        with self._lock:
            if self.kind != "hnsw":
                removed = int(self._index.remove_ids(ids))
            else:
                live = ids[np.isin(ids, self._stored_ids())]
                fresh = set(live.tolist()) - self._tombstones
                self._tombstones |= fresh
                removed = len(fresh)
                if len(self._tombstones) > TOMBSTONE_REBUILD_FRACTION * self._index.ntotal:
                    self._purge_tombstones()
                else:
                    self._refresh_params()
            self._searchable = None
        return removed

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Scores (float32) and ids (int64), both (n_queries, k), best first.

        A few queries run on one OpenMP thread (the setting is per calling thread): FAISS
        splits a single flat query across threads, and when another process holds a core the
        split waits a scheduler slice, so a 0.3 ms search took 24 ms on a busy 2-core machine.
        """
        queries = checked_queries(queries, self.dim, k)
        with self._lock:
            if self._index.ntotal == 0:
                return _padding(len(queries), k)
            searchable = self._searchable
            if searchable is None:
                searchable = self._searchable = _maybe_to_gpu(self._index, self.kind)
            if len(queries) >= SINGLE_THREAD_BELOW:
                scores, ids = searchable.search(queries, k, params=self._params)
            else:
                threads = faiss.omp_get_max_threads()
                faiss.omp_set_num_threads(1)
                try:
                    scores, ids = searchable.search(queries, k, params=self._params)
                finally:
                    faiss.omp_set_num_threads(threads)
        missing = ids < 0
        if missing.any():
            scores[missing] = -np.inf
        return scores, ids

    def save(self, path: Path) -> None:
        """Write the index and its JSON sidecar (`<path>.json`), each atomically.

        The index file is replaced first; the sidecar records the index's size and vector count,
        so a crash between the two replacements is caught by `load` instead of pairing an index
        with another index's tombstones.
        """
        path = Path(path)
        with self._lock:
            try:
                with atomic_path(sidecar_path(path)) as meta_tmp, atomic_path(path) as index_tmp:
                    faiss.write_index(self._index, str(index_tmp))
                    meta = self._metadata(os.path.getsize(index_tmp))
                    meta_tmp.write_text(json.dumps(meta), encoding="utf-8")
            except (OSError, RuntimeError) as exc:
                raise KnowledgeBaseError(f"{path}: cannot write vector index: {exc}") from exc

    @classmethod
    def load(cls, path: Path) -> VectorIndex:
        path = Path(path)
        meta_path = sidecar_path(path)
        if not path.is_file():
            raise KnowledgeBaseError(f"{path}: no vector index file; build the knowledge base first")
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            kind = meta["kind"]
            expected = (int(meta["dim"]), int(meta["ntotal"]), int(meta["file_size"]))
            tombstones = {int(i) for i in meta["tombstones"]}
            version = meta["format"]
        except FileNotFoundError as exc:
            raise KnowledgeBaseError(f"{meta_path}: missing sidecar of vector index {path}") from exc
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise KnowledgeBaseError(f"{meta_path}: unreadable vector index sidecar: {exc}") from exc
        if version != FORMAT_VERSION or kind not in KINDS:
            raise KnowledgeBaseError(f"{meta_path}: unsupported format {version!r} or kind {kind!r}")
        try:
            index = faiss.read_index(str(path))
        except RuntimeError as exc:
            raise KnowledgeBaseError(f"{path}: corrupt vector index: {str(exc).splitlines()[-1]}") from exc
        found = (int(index.d), int(index.ntotal), path.stat().st_size)
        if found != expected or not isinstance(index, _CLASSES[kind]):
            raise KnowledgeBaseError(
                f"{path}: vector index (dim, count, bytes) {found} does not match its sidecar {expected} "
                f"or kind {kind!r}; the save was interrupted, rebuild the index"
            )
        return cls(
            index,
            kind,
            ef_search=meta.get("ef_search", 64),
            nprobe=meta.get("nprobe", 16),
            ef_construction=meta.get("ef_construction", 80),
            m=meta.get("m", 32),
            tombstones=tombstones,
        )

    def _metadata(self, file_size: int) -> dict[str, Any]:
        return {
            "format": FORMAT_VERSION,
            "kind": self.kind,
            "dim": self.dim,
            "ntotal": int(self._index.ntotal),
            "file_size": file_size,
            "ef_search": self._ef_search,
            "nprobe": self._nprobe,
            "ef_construction": self._ef_construction,
            "m": self._m,
            "tombstones": sorted(self._tombstones),
        }

    def _check_vectors(self, vectors: np.ndarray, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        ids = np.ascontiguousarray(ids, dtype=np.int64)
        if vectors.ndim != 2 or vectors.shape[1] != self.dim or ids.shape != (len(vectors),):
            raise InputError(f"need vectors of shape (n, {self.dim}) and n ids, got {vectors.shape} and {ids.shape}")
        if len(ids) and ids.min() < 0:
            raise InputError("vector ids must be non-negative")
        if len(np.unique(ids)) != len(ids):
            raise InputError("vector ids must be unique")
        norms = np.linalg.norm(vectors, axis=1)
        if len(norms) and not np.allclose(norms, 1.0, atol=1e-3):
            raise InputError("vectors must be unit length (normalise embeddings before indexing)")
        return vectors, ids

    def _stored_ids(self) -> np.ndarray:
        if self.kind != "ivf":
            return faiss.vector_to_array(self._index.id_map)
        lists = self._index.invlists
        parts = [
            faiss.rev_swig_ptr(lists.get_ids(i), lists.list_size(i)).copy()
            for i in range(self._index.nlist)
            if lists.list_size(i)
        ]
        return np.concatenate(parts) if parts else np.zeros(0, np.int64)

    def _train(self, vectors: np.ndarray) -> None:
        """Cells are sized to the training batch, so build IVF from all vectors, not a trickle."""
        index = _ivf(self.dim, ivf_lists(len(vectors)))
        index.train(vectors)
        self._index = index
        self.nprobe = self._nprobe

    def live_vectors(self) -> tuple[np.ndarray, np.ndarray]:
        """Every live vector with its id, to re-index under another kind without re-embedding."""
        if self.kind == "ivf":
            raise KnowledgeBaseError("an IVF index cannot hand back its vectors; rebuild it from the documents")
        inner = faiss.downcast_index(self._index.index)
        vectors = inner.reconstruct_n(0, self._index.ntotal)
        ids = faiss.vector_to_array(self._index.id_map)
        keep = ~np.isin(ids, np.fromiter(self._tombstones, dtype=np.int64))
        return vectors[keep], ids[keep]

    def _purge_tombstones(self) -> None:
        inner = faiss.downcast_index(self._index.index)
        vectors = inner.reconstruct_n(0, self._index.ntotal)
        ids = faiss.vector_to_array(self._index.id_map)
        keep = ~np.isin(ids, np.fromiter(self._tombstones, dtype=np.int64))
        rebuilt = faiss.IndexIDMap2(_hnsw(self.dim, self._m, self._ef_construction))
        rebuilt.add_with_ids(vectors[keep], ids[keep])
        self._index = rebuilt
        self._tombstones = set()
        self.ef_search = self._ef_search

    def _refresh_params(self) -> None:
        """HNSW searches skip tombstones through a selector; the objects must outlive the params."""
        if not self._tombstones:
            self._params, self._selector_refs = None, ()
            return
        batch = faiss.IDSelectorBatch(np.fromiter(self._tombstones, dtype=np.int64))
        selector = faiss.IDSelectorNot(batch)
        self._params = faiss.SearchParametersHNSW(sel=selector, efSearch=self._ef_search)
        self._selector_refs = (batch, selector)


def checked_queries(queries: np.ndarray, dim: int, k: int) -> np.ndarray:
    """Query vectors as a contiguous float32 (n, dim) array (one vector becomes a row), or a clear error:
    every vector store takes the same input."""
    queries = np.ascontiguousarray(queries, dtype=np.float32)
    if queries.ndim == 1:
        queries = queries[None, :]
    if queries.ndim != 2 or queries.shape[1] != dim:
        raise InputError(f"queries must have shape (n, {dim}), got {queries.shape}")
    if k < 1:
        raise InputError(f"k must be at least 1, got {k}")
    return queries


def _padding(n: int, k: int) -> tuple[np.ndarray, np.ndarray]:
    return np.full((n, k), -np.inf, np.float32), np.full((n, k), -1, np.int64)


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def _hnsw(dim: int, m: int, ef_construction: int) -> faiss.Index:
    index = faiss.IndexHNSWFlat(dim, m, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = ef_construction
    return index


def _ivf(dim: int, nlist: int) -> faiss.Index:
    index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, nlist, faiss.METRIC_INNER_PRODUCT)
    index.cp.max_points_per_centroid = _IVF_TRAINING_PER_CELL
    return index


_CLASSES = {"flat": faiss.IndexIDMap2, "hnsw": faiss.IndexIDMap2, "ivf": faiss.IndexIVFFlat}
