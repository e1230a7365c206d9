"""Two `groundqa serve` processes on different ports over one KB whose stores are servers.

The graph is on Oxigraph and the vectors on a Milvus Lite gRPC server; the KB directory holds
the manifest and the document store. A write through one worker must be seen by the other.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time

import httpx
import pytest

from knowledge.kb import BuildOptions, KnowledgeBase
from tests.scale.servers import groundqa_serve, milvus_lite, oxigraph, wait_ready

EX = "http://example.org/"


def _serve(root, home) -> tuple[subprocess.Popen, str]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "GROUNDQA_HOME": str(home)}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    return groundqa_serve(root, env)


@pytest.fixture(scope="module")
def workers(tmp_path_factory, kb_fixtures):
    base = tmp_path_factory.mktemp("workers")
    with oxigraph(base / "oxigraph") as sparql, milvus_lite(base / "milvus") as milvus:
        root = base / "kb"
        KnowledgeBase.build(
            root,
            docs=[kb_fixtures / "docs"],
            graphs=[kb_fixtures / "graph.ttl"],
            ontology=kb_fixtures / "ontology.ttl",
            options=BuildOptions(graph_store=f"sparql:{sparql}", vector_store=f"milvus:{milvus}"),
        )
        started = [_serve(root, base / "home") for _ in range(2)]
        try:
            deadline = time.monotonic() + 240
            for process, url in started:
                wait_ready(process, url, deadline)
            yield [url for _, url in started]
        finally:
            for process, _ in started:
                process.send_signal(signal.SIGINT)
            for process, _ in started:
                try:
                    process.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def test_a_triple_added_through_one_worker_is_seen_by_the_other(workers):
    first, second = workers
    query = f'SELECT ?c WHERE {{ ?nz <http://www.w3.org/2000/01/rdf-schema#label> "New Zealand" ; <{EX}capital> ?c }}'
    assert httpx.post(second + "/v1/sparql", json={"query": query}).json()["rows"] == []
    added = httpx.post(
        first + "/v1/kb/triples",
        json={"triples": [{"subject": "New Zealand", "predicate": f"<{EX}capital>", "object": "Wellington"}]},
        timeout=120,
    )
    assert added.status_code == 200, added.text
    assert added.json()["triples_added"] >= 1
    rows = httpx.post(second + "/v1/sparql", json={"query": query}, timeout=60).json()["rows"]
    assert [row["c"] for row in rows] == ["urn:groundqa:entity:Wellington"]
    report = httpx.post(
        second + "/v1/verify", json={"answer": "The capital of New Zealand is Auckland."}, timeout=120
    ).json()
    assert [(c["verdict"], c["method"]) for c in report["claims"]] == [("contradicted", "graph")]
    assert "Wellington" in report["claims"][0]["reason"]


def test_a_document_added_through_one_worker_is_found_by_the_other(workers):
    first, second = workers
    text = "Lake Taupo is the largest lake in New Zealand by surface area."
    added = httpx.post(first + "/v1/kb/documents", json={"documents": [{"text": text, "id": "taupo"}]}, timeout=120)
    assert added.status_code == 200, added.text
    hits = httpx.get(second + "/v1/search", params={"q": "largest lake in New Zealand"}, timeout=60).json()
    assert any(hit.get("doc_id") == "taupo" for hit in hits)
