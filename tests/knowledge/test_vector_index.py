"""The FAISS vector index: real MiniLM retrieval, all kinds agreeing, removal, atomic saves, GPU choice."""

from __future__ import annotations

import json
import os
from pathlib import Path

import faiss
import numpy as np
import pytest

from knowledge.embeddings import embed
from knowledge.errors import InputError, KnowledgeBaseError
from knowledge.vector_index import (
    AUTO_HNSW_FROM,
    VectorIndex,
    _maybe_to_gpu,
    choose_kind,
    gpu_eligible,
    ivf_lists,
    sidecar_path,
)

KINDS = ["flat", "hnsw", "ivf"]
PASSAGES = [
    "The Danube rises in the Black Forest and flows into the Black Sea.",
    "The Hubble Space Telescope was launched in 1990 aboard the Space Shuttle Discovery.",
    "Nikola Tesla developed the alternating current induction motor.",
    "Eyjafjallajökull erupted in 2010 and its ash cloud closed European airspace.",
    "Sourdough bread is leavened by wild yeast and lactic acid bacteria.",
    "The Great Barrier Reef lies off the coast of Queensland, Australia.",
]
QUESTIONS = [
    ("Which river ends in the Black Sea?", 0),
    ("When was Hubble put into orbit?", 1),
    ("Who invented the induction motor?", 2),
    ("Which Icelandic volcano disrupted flights?", 3),
    ("How is sourdough made to rise?", 4),
    ("Where is the largest coral reef?", 5),
]


def unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


@pytest.fixture(scope="module")
def synthetic() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """3000 random unit vectors under sparse ids, and 40 queries each near one of them."""
    rng = np.random.default_rng(7)
    vectors = unit(rng.normal(size=(3000, 64)))
    ids = np.arange(3000, dtype=np.int64) * 5 + 11
    queries = unit(vectors[:40] + 0.3 * rng.normal(size=(40, 64)) / 8)
    return vectors, ids, queries


@pytest.fixture(scope="module")
def built(synthetic) -> dict[str, VectorIndex]:
    vectors, ids, _ = synthetic
    return {kind: VectorIndex.build(vectors, ids, kind) for kind in KINDS}


@pytest.fixture(scope="module")
def minilm() -> tuple[np.ndarray, np.ndarray]:
    return embed(PASSAGES), embed([q for q, _ in QUESTIONS])


@pytest.mark.parametrize("kind", KINDS)
def test_minilm_search_finds_the_right_passage(minilm, kind: str) -> None:
    vectors, questions = minilm
    ids = np.arange(100, 100 + len(PASSAGES))
    index = VectorIndex.create(vectors.shape[1], kind)
    if kind == "ivf":
        index = VectorIndex.build(vectors, ids, kind)
    else:
        index.add(vectors, ids)
    scores, found = index.search(questions, k=3)
    assert found[:, 0].tolist() == [100 + answer for _, answer in QUESTIONS]
    assert np.all(np.diff(scores, axis=1) <= 1e-6), "scores are sorted best first"
    assert np.all(scores[:, 0] > 0.3)


def test_all_kinds_agree_on_top1(synthetic, built) -> None:
    vectors, ids, queries = synthetic
    truth = ids[np.argmax(queries @ vectors.T, axis=1)]
    assert (truth == ids[:40]).all()
    for kind, index in built.items():
        scores, found = index.search(queries, k=10)
        assert found.shape == scores.shape == (40, 10)
        assert found.dtype == np.int64 and scores.dtype == np.float32
        assert (found[:, 0] == truth).all(), kind
        assert np.allclose(scores[:, 0], np.sum(queries * vectors[:40], axis=1), atol=1e-5), kind


def test_ivf_cells_follow_the_training_size(built) -> None:
    assert built["ivf"]._index.nlist == ivf_lists(3000) == 3000 // 39
    assert ivf_lists(1_000_000) == 4000
    assert ivf_lists(10) == 1


@pytest.mark.parametrize("kind", KINDS)
def test_add_and_remove_without_rebuild(synthetic, kind: str) -> None:
    vectors, ids, queries = synthetic
    index = VectorIndex.build(vectors[:2000], ids[:2000], kind)
    index.add(vectors[2000:], ids[2000:])
    assert len(index) == 3000
    gone = ids[:20]
    assert index.remove(np.concatenate([gone, [999_999_999]])) == 20
    assert index.remove(gone) == 0
    assert len(index) == 2980
    _, found = index.search(queries, k=50)
    assert not np.isin(found, gone).any()
    assert (found[20:, 0] == ids[20:40]).all()
    assert np.array_equal(index.ids(), np.sort(ids[20:]))
    if kind == "hnsw":
        assert index.tombstones == 20
    index.add(vectors[:5], ids[:5])
    _, found = index.search(queries[:5], k=1)
    assert found[:, 0].tolist() == ids[:5].tolist()
    assert len(index) == 2985


def test_hnsw_rebuilds_once_tombstones_pass_a_fifth(synthetic) -> None:
    vectors, ids, queries = synthetic
    index = VectorIndex.build(vectors[:1000], ids[:1000], "hnsw")
    index.remove(ids[300:450])
    assert index.tombstones == 150 and index._index.ntotal == 1000
    index.remove(ids[450:550])
    assert index.tombstones == 0 and index._index.ntotal == 750 == len(index)
    _, found = index.search(queries, k=20)
    assert not np.isin(found, ids[300:550]).any()
    assert (found[:, 0] == ids[:40]).all()


def test_padding_when_fewer_than_k(synthetic) -> None:
    vectors, ids, queries = synthetic
    for kind in ["flat", "hnsw"]:
        index = VectorIndex.build(vectors[:3], ids[:3], kind)
        index.remove(ids[:1])
        scores, found = index.search(queries[0], k=5)
        assert found.shape == (1, 5)
        assert sorted(found[0, :2].tolist()) == sorted(ids[1:3].tolist())
        assert (found[0, 2:] == -1).all() and np.isneginf(scores[0, 2:]).all(), kind
    empty = VectorIndex.create(64, "ivf")
    scores, found = empty.search(queries[:2], k=3)
    assert (found == -1).all() and np.isneginf(scores).all()


def test_bad_inputs(synthetic) -> None:
    vectors, ids, _ = synthetic
    index = VectorIndex.build(vectors[:10], ids[:10], "flat")
    with pytest.raises(InputError, match="already in the vector index"):
        index.add(vectors[:2], ids[:2])
    with pytest.raises(InputError, match="unique"):
        index.add(vectors[10:12], np.array([1, 1]))
    with pytest.raises(InputError, match="unit length"):
        index.add(vectors[10:12] * 2, ids[10:12])
    with pytest.raises(InputError, match="shape"):
        index.add(vectors[10:12, :32], ids[10:12])
    with pytest.raises(InputError, match="shape"):
        index.search(np.zeros((1, 32), np.float32), 3)
    with pytest.raises(InputError, match="k must be"):
        index.search(vectors[:1], 0)
    with pytest.raises(InputError, match="unknown vector index kind"):
        VectorIndex.create(64, "annoy")
    assert len(index) == 10


def test_auto_kind() -> None:
    assert choose_kind("auto", 0) == "flat"
    assert choose_kind("auto", AUTO_HNSW_FROM - 1) == "flat"
    assert choose_kind("auto", AUTO_HNSW_FROM) == "hnsw"
    assert VectorIndex.create(8, "auto", expected_size=AUTO_HNSW_FROM).kind == "hnsw"


@pytest.mark.parametrize("kind", KINDS)
def test_save_load_round_trip(synthetic, built, tmp_path: Path, kind: str) -> None:
    _, ids, queries = synthetic
    index = VectorIndex.build(*synthetic[:2], kind)
    index.remove(ids[:7])
    index.ef_search, index.nprobe = 96, 12
    path = tmp_path / "sub" / f"{kind}.faiss"
    index.save(path)
    loaded = VectorIndex.load(path)
    assert (loaded.kind, loaded.dim, len(loaded)) == (kind, 64, 2993)
    assert (loaded.ef_search, loaded.nprobe) == (96, 12)
    assert loaded.tombstones == index.tombstones
    before, after = index.search(queries, 10), loaded.search(queries, 10)
    assert np.array_equal(before[1], after[1])
    assert np.allclose(before[0], after[0])
    assert sorted(p.name for p in path.parent.iterdir()) == [f"{kind}.faiss", f"{kind}.faiss.json"]


def snapshot(path: Path) -> tuple[bytes, bytes]:
    return path.read_bytes(), sidecar_path(path).read_bytes()


@pytest.mark.parametrize("failure", ["write_index", "replace_index", "replace_sidecar"])
def test_crash_during_save_leaves_the_old_index(
    synthetic, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    vectors, ids, queries = synthetic
    path = tmp_path / "index.faiss"
    old = VectorIndex.build(vectors[:100], ids[:100], "flat")
    old.save(path)
    saved = snapshot(path)
    new = VectorIndex.build(vectors[:200], ids[:200], "flat")

    if failure == "write_index":

        def broken_write(index: faiss.Index, name: str) -> None:
            Path(name).write_bytes(b"half an index")
            raise RuntimeError("disk full")

        monkeypatch.setattr(faiss, "write_index", broken_write)
    else:
        real_replace = os.replace
        target = path.name if failure == "replace_index" else sidecar_path(path).name

        def broken_replace(src: str | Path, dst: str | Path) -> None:
            if Path(dst).name == target:
                raise OSError("power cut")
            real_replace(src, dst)

        monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises((KnowledgeBaseError, OSError)):
        new.save(path)
    monkeypatch.undo()
    leftovers = sorted(p.name for p in tmp_path.iterdir())
    if failure == "replace_sidecar":
        assert path.read_bytes() != saved[0]
        with pytest.raises(KnowledgeBaseError, match="does not match its sidecar"):
            VectorIndex.load(path)
    else:
        assert snapshot(path) == saved
        assert len(VectorIndex.load(path)) == 100
    assert leftovers == ["index.faiss", "index.faiss.json"]


def test_missing_and_corrupt_files(synthetic, tmp_path: Path) -> None:
    path = tmp_path / "index.faiss"
    with pytest.raises(KnowledgeBaseError, match="no vector index file"):
        VectorIndex.load(path)
    VectorIndex.build(synthetic[0][:50], synthetic[1][:50], "hnsw").save(path)
    good = path.read_bytes()

    path.write_bytes(good[: len(good) // 2])
    with pytest.raises(KnowledgeBaseError, match="index.faiss"):
        VectorIndex.load(path)
    path.write_bytes(b"\x00garbage" * 100)
    with pytest.raises(KnowledgeBaseError, match="corrupt vector index"):
        VectorIndex.load(path)

    path.write_bytes(good)
    meta = json.loads(sidecar_path(path).read_text())
    sidecar_path(path).write_text("{not json")
    with pytest.raises(KnowledgeBaseError, match="sidecar"):
        VectorIndex.load(path)
    sidecar_path(path).write_text(json.dumps({**meta, "kind": "ivf"}))
    with pytest.raises(KnowledgeBaseError, match="kind 'ivf'"):
        VectorIndex.load(path)
    sidecar_path(path).unlink()
    with pytest.raises(KnowledgeBaseError, match="missing sidecar"):
        VectorIndex.load(path)


def test_gpu_choice_is_a_pure_function() -> None:
    assert gpu_eligible("flat", 1) and gpu_eligible("ivf", 2)
    assert not gpu_eligible("hnsw", 1)
    assert not gpu_eligible("flat", 0)


class FakeGpuIndex:
    def __init__(self, cpu: faiss.Index) -> None:
        self.cpu = cpu
        self.calls = 0

    def search(self, queries: np.ndarray, k: int, params=None):
        self.calls += 1
        return self.cpu.search(queries, k, params=params)


def test_search_uses_a_gpu_copy_only_when_eligible(synthetic, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    vectors, ids, queries = synthetic
    copies: list[FakeGpuIndex] = []

    def to_gpu(resources: object, device: int, index: faiss.Index) -> FakeGpuIndex:
        assert device == 0 and resources == "resources"
        copies.append(FakeGpuIndex(index))
        return copies[-1]

    monkeypatch.setattr(faiss, "get_num_gpus", lambda: 1)
    monkeypatch.setattr(faiss, "StandardGpuResources", lambda: "resources", raising=False)
    monkeypatch.setattr(faiss, "index_cpu_to_gpu", to_gpu, raising=False)
    monkeypatch.setattr("knowledge.vector_index._gpu_resources", lambda: "resources")

    hnsw = VectorIndex.build(vectors[:100], ids[:100], "hnsw")
    assert _maybe_to_gpu(hnsw._index, "hnsw") is hnsw._index
    hnsw.search(queries[:1], 3)
    assert copies == []

    flat = VectorIndex.build(vectors[:100], ids[:100], "flat")
    _, found = flat.search(queries[:3], 3)
    _, again = flat.search(queries[:3], 3)
    assert len(copies) == 1 and copies[0].calls == 2
    assert np.array_equal(found, again) and (found[:, 0] == ids[:3]).all()
    flat.remove(ids[:1])
    _, found = flat.search(queries[:1], 3)
    assert len(copies) == 2, "a change makes a fresh GPU copy"
    assert ids[0] not in found
    flat.save(tmp_path / "flat.faiss")
    assert isinstance(faiss.read_index(str(tmp_path / "flat.faiss")), faiss.IndexIDMap2)


def test_few_queries_run_single_threaded_without_leaking_the_setting(
    synthetic, built, monkeypatch: pytest.MonkeyPatch
) -> None:
    vectors, ids, queries = synthetic
    seen: list[int] = []
    index = built["flat"]
    real_search = index._index.search

    class Spy:
        def search(self, *args, **kwargs):
            seen.append(faiss.omp_get_max_threads())
            return real_search(*args, **kwargs)

    monkeypatch.setattr("knowledge.vector_index._maybe_to_gpu", lambda cpu, kind: Spy())
    index._searchable = None
    before = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(2)
    try:
        _, one = index.search(queries[:1], 5)
        _, many = index.search(queries[:40], 5)
        assert faiss.omp_get_max_threads() == 2
    finally:
        faiss.omp_set_num_threads(before)
        index._searchable = None
    assert seen == [1, 2]
    assert np.array_equal(one[0], many[0])
