"""Chunk vectors in Milvus Lite (a real Milvus engine on a local .db file) next to FAISS flat."""

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from grounding.cli import app
from knowledge.demo import demo_passages_path
from knowledge.documents import load_documents
from knowledge.embeddings import embed
from knowledge.errors import InputError, StoreError
from knowledge.kb import BuildOptions, KnowledgeBase
from knowledge.milvus_index import MilvusIndex
from knowledge.vector_index import VectorIndex

runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def test_add_remove_search_match_faiss_flat(tmp_path):
    rng = np.random.default_rng(7)
    vectors, queries = unit(rng.normal(size=(1500, 32))), unit(rng.normal(size=(25, 32)))
    ids = np.arange(10, 1510, dtype=np.int64)
    milvus = MilvusIndex.create(str(tmp_path / "v.db"), "vectors", 32)
    milvus.add(vectors, ids)
    faiss_flat = VectorIndex.build(vectors, ids, kind="flat")
    assert len(milvus) == 1500
    m_scores, m_ids = milvus.search(queries, 10)
    f_scores, f_ids = faiss_flat.search(queries, 10)
    assert (m_ids == f_ids).all()
    np.testing.assert_allclose(m_scores, f_scores, atol=1e-5)
    assert milvus.remove(ids[:100].tolist() + [99_999]) == 100
    faiss_flat.remove(ids[:100])
    assert (milvus.search(queries, 10)[1] == faiss_flat.search(queries, 10)[1]).all()
    stored, stored_ids = milvus.live_vectors()
    assert (stored_ids == ids[100:]).all() and np.allclose(stored, vectors[100:], atol=1e-6)
    padded_scores, padded_ids = MilvusIndex.create(str(tmp_path / "v.db"), "empty", 32).search(queries[:1], 3)
    assert (padded_ids == -1).all() and np.isneginf(padded_scores).all()
    with pytest.raises(InputError, match="shape"):
        milvus.search(np.zeros((1, 5), dtype=np.float32), 3)
    with pytest.raises(StoreError, match="already holds 1400 vectors"):
        MilvusIndex.create(str(tmp_path / "v.db"), "vectors", 32)


def test_demo_passages_recall_at_10_is_exact(tmp_path):
    """Demo KB passages in Milvus: the top 10 of every query equal exact search and FAISS flat.

    The first 120 demo passages keep the test short on two busy cores; the whole set is in
    benchmarks/scaleout.py."""
    passages = load_documents(demo_passages_path())[:120]
    kb = KnowledgeBase.build(tmp_path / "kb", options=BuildOptions(vector_store=f"milvus:{tmp_path}/demo.db"))
    kb.add(documents=passages)
    assert isinstance(kb.index, MilvusIndex) and len(kb.index) == kb.store.counts()["chunks"] >= 120
    vectors, ids = kb.index.live_vectors()
    queries = embed([doc.title for doc in passages[:40]], kb.embedding_model)
    exact = ids[np.argsort(-(queries @ vectors.T), axis=1, kind="stable")[:, :10]]
    _, found = kb.index.search(queries, 10)
    recall = np.mean([len(set(f) & set(e)) / 10 for f, e in zip(found, exact, strict=True)])
    assert recall == 1.0
    assert (VectorIndex.build(vectors, ids, kind="flat").search(queries, 10)[1] == found).all()


def verify(kb, answer, *flags):
    result = invoke("verify", "--kb", kb, "--answer", answer, "--json", *flags)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    return [(c["verdict"], c["method"], c["reason"]) for c in report["claims"]], [
        (e["id"], e["kind"], round(e["score"], 4)) for e in report["evidence"]
    ]


def test_verify_on_milvus_and_oxigraph_equals_the_embedded_kb(sparql_server, tmp_path, kb_fixtures):
    inputs = ["--docs", kb_fixtures / "docs", "--graph", kb_fixtures / "graph.ttl"]
    inputs += ["--ontology", kb_fixtures / "ontology.ttl"]
    assert invoke("kb", "build", tmp_path / "local", *inputs).exit_code == 0
    result = invoke(
        "kb", "build", tmp_path / "kb", *inputs, "--graph-store", f"sparql:{sparql_server}",
        "--vector-store", f"milvus:{tmp_path}/vectors.db", "--json",
    )
    assert result.exit_code == 0, result.output
    info = json.loads(result.stdout)
    assert (info["index_kind"], info["vectors"]) == ("milvus", 3)
    assert info["vector_store"].startswith(f"milvus:{tmp_path}/vectors.db#groundqa_")
    assert info["graph_store"] == f"sparql:{sparql_server}/query,{sparql_server}/update"
    answer = "The capital of Australia is Sydney."
    claims, evidence = verify(tmp_path / "kb", answer)
    assert [c[:2] for c in claims] == [("contradicted", "graph")]
    assert (claims, evidence) == verify(tmp_path / "local", answer)
    claims, evidence = verify(tmp_path / "kb", answer, "--no-graph")
    assert ("passage" in {kind for _, kind, _ in evidence}) and any(i.startswith("chunk:") for i, _, _ in evidence)
    assert (claims, evidence) == verify(tmp_path / "local", answer, "--no-graph")
    hits = json.loads(invoke("search", "capital of Australia", "--kb", tmp_path / "kb", "--json").stdout)
    assert any(h["kind"] == "passage" and "capital city of Australia" in h["text"] for h in hits)


def test_removing_a_document_removes_its_vectors_from_milvus(tmp_path, kb_fixtures):
    kb = KnowledgeBase.build(
        tmp_path / "kb", docs=[kb_fixtures / "docs"], options=BuildOptions(vector_store=f"milvus:{tmp_path}/v.db")
    )
    doc_id = next(d.id for d in kb.store.documents() if d.source.endswith("coffee.txt"))
    summary = kb.remove([doc_id])
    assert summary.chunks_removed >= 1 and len(kb.index) == 3 - summary.chunks_removed
    assert all(e.doc_id != doc_id for e in kb.search("coffee"))
