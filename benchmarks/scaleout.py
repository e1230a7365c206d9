"""Scale-out backends on this machine: Oxigraph vs rdflib, verify-batch on Ray, Milvus Lite vs FAISS.

    python -m benchmarks.scaleout graph  [--repeats 20]
    python -m benchmarks.scaleout batch  [--answers 48]
    python -m benchmarks.scaleout vectors [--sizes 10000 100000] [--queries 200]

graph: the demo KB's graph (countries + ontology, no passages) built twice, in process and on
an Oxigraph server over loopback; the time to load it into Oxigraph; the graph checker's time
per claim on the claims of benchmarks.verifier_speed, first pass (cold caches) and later passes.
batch: `verify-batch` over the test fixture KB, single process vs Ray with 1 and 2 actors
(wall time of the whole job: model loading in the process or in each actor included; starting
the local Ray session is reported apart, as a cluster is already running in production).
vectors: single-query search at k=10 on synthetic 384-dim unit vectors, Milvus Lite (FLAT, IP)
vs FAISS flat through VectorIndex. The servers are the ones the tests start (tests/scale/servers.py).
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks.common import summary_ms, write_result
from tests.scale.servers import oxigraph

ANSWER_CLAIMS = (
    "Canberra is the capital of Australia.",
    "Australia has a population of about 25 million.",
    "Australia uses the Australian dollar as its currency.",
    "The capital of France is Lyon.",
    "Germany borders France.",
)


def graph_benchmark(repeats: int) -> dict:
    from grounding.verify.checkers.graph import check_against_graph
    from knowledge.demo import countries_graph, countries_source, ontology_path
    from knowledge.embeddings import embed
    from knowledge.kb import BuildOptions, GraphInput, KnowledgeBase
    from knowledge.remote_graph import RemoteGraph
    from knowledge.sparql_endpoint import SparqlEndpoint, parse_endpoint

    result: dict = {"claims": list(ANSWER_CLAIMS), "repeats": repeats}
    with tempfile.TemporaryDirectory() as scratch, oxigraph() as base:
        countries = Path(scratch) / "countries.ttl"
        countries_graph().serialize(destination=countries, format="turtle")
        graph = GraphInput(path=countries, source=countries_source())
        local = KnowledgeBase.build(Path(scratch) / "local", graphs=[graph], ontology=ontology_path())
        quads = list(local.graph.dataset.quads((None, None, None, None)))
        remote_graph = RemoteGraph(SparqlEndpoint(parse_endpoint(base)))
        start = time.perf_counter()
        remote_graph._add_quads(quads)
        result["oxigraph_load"] = {"quads": len(quads), "seconds": round(time.perf_counter() - start, 3)}
        remote_graph.clear()
        start = time.perf_counter()
        remote = KnowledgeBase.build(
            Path(scratch) / "remote",
            graphs=[graph],
            ontology=ontology_path(),
            options=BuildOptions(graph_store=f"sparql:{base}"),
        )
        result["build_graph_only_kb_on_oxigraph_s"] = round(time.perf_counter() - start, 3)
        vectors = embed(list(ANSWER_CLAIMS), local.embedding_model)
        for name, kb in (("rdflib", local), ("oxigraph", remote)):
            kb = KnowledgeBase.open(kb.root)  # fresh caches, as a new process has
            timings = []
            for _ in range(repeats):
                for text, vector in zip(ANSWER_CLAIMS, vectors, strict=True):
                    start = time.perf_counter()
                    check_against_graph(kb, text, vector)
                    timings.append((time.perf_counter() - start) * 1000)
            first = timings[: len(ANSWER_CLAIMS)]
            result[name] = {"first_pass": summary_ms(first), "later_passes": summary_ms(timings[len(ANSWER_CLAIMS) :])}
        result["ratio_p50_later"] = round(
            result["oxigraph"]["later_passes"]["p50_ms"] / result["rdflib"]["later_passes"]["p50_ms"], 2
        )
        result["ratio_p50_first"] = round(
            result["oxigraph"]["first_pass"]["p50_ms"] / result["rdflib"]["first_pass"]["p50_ms"], 2
        )
    return result


def batch_benchmark(n_answers: int) -> dict:
    import ray

    from grounding.batch.verify_batch import BatchTask, run_verify_batch
    from grounding.settings import load_settings
    from knowledge.kb import KnowledgeBase

    fixtures = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "kb"
    templates = [
        "The capital of {a} is {b}.",
        "{a} borders {b}.",
        "{b} is located in {a}.",
    ]
    names = ["Australia", "Switzerland", "France", "Italy", "Austria", "Canberra", "Bern", "Paris", "Rome", "Vienna"]
    answers = [
        {"id": str(i), "answer": templates[i % 3].format(a=names[i % 5], b=names[5 + (i * 7) % 5])}
        for i in range(n_answers)
    ]
    result: dict = {"answers": n_answers, "batch_size": 8}
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        KnowledgeBase.build(
            root / "kb",
            docs=[fixtures / "docs"],
            graphs=[fixtures / "graph.ttl"],
            ontology=fixtures / "ontology.ttl",
        )
        (root / "answers.jsonl").write_text("".join(json.dumps(a) + "\n" for a in answers))
        settings = load_settings(kb=root / "kb")
        BatchTask(settings)()  # warms the OS file cache for the model files, so no mode pays a cold disk
        outputs = {}
        for label, ray_address, workers in (
            ("single_process", None, 1),
            ("ray_1_actor", "local", 1),
            ("ray_2_actors", "local", 2),
        ):
            out = root / f"{label}.jsonl"
            if ray_address is not None and not ray.is_initialized():
                start = time.perf_counter()
                ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
                result["ray_init_s"] = round(time.perf_counter() - start, 2)
            start = time.perf_counter()
            run_verify_batch(
                root / "answers.jsonl", out, settings, batch_size=8, workers=workers, ray=ray_address, progress=False
            )
            seconds = time.perf_counter() - start
            result[label] = {"seconds": round(seconds, 2), "answers_per_second": round(n_answers / seconds, 2)}
            outputs[label] = out.read_text()
        result["outputs_identical"] = len(set(outputs.values())) == 1
    return result


def vectors_benchmark(sizes: list[int], n_queries: int) -> dict:
    from knowledge.milvus_index import MilvusIndex
    from knowledge.vector_index import VectorIndex

    rng = np.random.default_rng(0)
    rows = []
    for size in sizes:
        vectors = rng.standard_normal((size, 384), dtype=np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        queries = vectors[rng.choice(size, n_queries, replace=False)] + 0.75 * rng.standard_normal(
            (n_queries, 384), dtype=np.float32
        )
        queries /= np.linalg.norm(queries, axis=1, keepdims=True)
        ids = np.arange(size, dtype=np.int64)
        scratch = Path(tempfile.mkdtemp())
        try:
            faiss_index = VectorIndex.build(vectors, ids, kind="flat")
            start = time.perf_counter()
            milvus = MilvusIndex.create(str(scratch / "bench.db"), "bench", 384)
            milvus.add(vectors, ids)
            insert_s = time.perf_counter() - start
            timings: dict[str, list[float]] = {"faiss_flat": [], "milvus_lite": []}
            agree = 0
            for query in queries:
                for name, index in (("faiss_flat", faiss_index), ("milvus_lite", milvus)):
                    start = time.perf_counter()
                    _, found = index.search(query[None, :], 10)
                    timings[name].append((time.perf_counter() - start) * 1000)
                    if name == "faiss_flat":
                        expected = set(found[0])
                    else:
                        agree += len(expected & set(found[0]))
            rows.append(
                {
                    "size": size,
                    "milvus_insert_s": round(insert_s, 2),
                    "faiss_flat": summary_ms(timings["faiss_flat"]),
                    "milvus_lite": summary_ms(timings["milvus_lite"]),
                    "milvus_recall_at_10_vs_faiss_flat": round(agree / (10 * n_queries), 4),
                }
            )
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    return {"queries": n_queries, "k": 10, "dim": 384, "results": rows}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("part", choices=["graph", "batch", "vectors"])
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--answers", type=int, default=48)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    if args.part == "graph":
        write_result("scaleout_graph", graph_benchmark(args.repeats))
    elif args.part == "batch":
        write_result("scaleout_batch", batch_benchmark(args.answers))
    else:
        write_result("scaleout_vectors", vectors_benchmark(args.sizes, args.queries))


if __name__ == "__main__":
    main()
