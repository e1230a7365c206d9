"""What isolating client SPARQL in a forked, killable process costs, and how fast a runaway query is stopped.

Compares the same queries in-process (`KnowledgeGraph.sparql`, what the CLI runs) and through
`knowledge.sparql_process.run_isolated` (what /v1/sparql runs), on the demo KB's graph, then times
a cartesian query against a 1 s limit: the wall time until the caller has its error and the core
is free again.

    python -m benchmarks.sparql_isolation
"""

from __future__ import annotations

import statistics
import time

from benchmarks.common import write_result
from grounding.paths import home
from knowledge.demo_kb import ensure_demo_kb
from knowledge.sparql_process import QueryLimits, QueryTimeoutError, run_isolated

QUERIES = {
    "ask": "ASK { ?s ?p ?o }",
    "select_10": "SELECT ?s ?o WHERE { ?s <http://groundqa.org/ontology#capital> ?o } LIMIT 10",
}
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE {?a ?b ?c . ?d ?e ?f . ?g ?h ?i}"
REPEATS = 20


def median_ms(func) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1)


def main() -> None:
    kb = ensure_demo_kb(home() / "demo-kb", progress=True)
    graph = kb.graph
    limits = QueryLimits(seconds=10)
    rows = {}
    for name, query in QUERIES.items():
        rows[name] = {
            "in_process_ms": median_ms(lambda q=query: graph.sparql(q)),
            "isolated_ms": median_ms(lambda q=query: run_isolated(graph, q, limits)),
        }
    start = time.perf_counter()
    try:
        run_isolated(graph, CARTESIAN, QueryLimits(seconds=1.0))
        stopped = False
    except QueryTimeoutError:
        stopped = True
    runaway_s = round(time.perf_counter() - start, 2)
    start = time.perf_counter()
    run_isolated(graph, QUERIES["ask"], limits)
    ask_after_ms = round((time.perf_counter() - start) * 1000, 1)
    write_result(
        "sparql_isolation",
        {
            "command": "python -m benchmarks.sparql_isolation",
            "triples": len(graph),
            "repeats": REPEATS,
            "queries": rows,
            "runaway_limit_s": 1.0,
            "runaway_stopped": stopped,
            "runaway_wall_s": runaway_s,
            "ask_after_runaway_ms": ask_after_ms,
        },
    )


if __name__ == "__main__":
    main()
