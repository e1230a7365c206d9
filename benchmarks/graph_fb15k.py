"""Scale check of the graph layer on FB15k-237 (272k + 17.5k + 20.5k triples, 14.5k entities).

Loads the three named TSV files the way a user would (`KnowledgeGraph.load_file`), then times
the view build, 2-hop neighbourhoods, shortest paths, fact lookups and personalised PageRank
from random seed entities, and the save / open round trip of the store.

    python -m benchmarks.graph_fb15k [--data DIR] [--seeds 500] [--freeze]

Python's full garbage collections walk every live object; with the ~2M objects of this store one
pass takes 1.5-3 s and lands in whatever query runs then. The latency tables count those passes;
--freeze shows the same run with the loaded objects moved out of the collector's reach.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import networkx
import psutil
import rdflib

from grounding import paths as groundqa_paths
from knowledge.atomic import write_text_atomic
from knowledge.graph import KnowledgeGraph
from knowledge.traversal import build_view, neighbourhood, paths, personalized_pagerank

DATA = groundqa_paths.shared_data() / "fb15k237"
RESULTS = Path(__file__).resolve().parent / "results" / "graph_fb15k.json"
FILES = ("train_named.tsv", "valid_named.tsv", "test_named.tsv")
NEIGHBOURHOOD_P95_TARGET_MS = 10.0


def machine() -> dict[str, object]:
    model = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu": model,
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "rdflib": rdflib.__version__,
        "networkx": networkx.__version__,
    }


def rss_mb() -> float:
    return psutil.Process().memory_info().rss / 2**20


class FullCollections:
    """Counts the garbage collector's full passes, which cost seconds with millions of live objects."""

    def __init__(self) -> None:
        self.count, self.seconds, self._start = 0, 0.0, 0.0
        gc.callbacks.append(self._observe)

    def _observe(self, phase: str, info: dict[str, int]) -> None:
        if info.get("generation") != 2:
            return
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.count += 1
            self.seconds += time.perf_counter() - self._start


FULL_GC = FullCollections()


def latencies_ms(calls: list[Callable[[], object]]) -> tuple[dict[str, float], list[object]]:
    times, outputs = [], []
    collections, collected_s = FULL_GC.count, FULL_GC.seconds
    for call in calls:
        start = time.perf_counter()
        outputs.append(call())
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    summary = {
        "n": len(times),
        "p50_ms": round(statistics.median(times), 3),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 3),
        "p99_ms": round(times[int(0.99 * (len(times) - 1))], 3),
        "max_ms": round(times[-1], 3),
        "mean_ms": round(statistics.fmean(times), 3),
        "full_gc_passes": FULL_GC.count - collections,
        "full_gc_s": round(FULL_GC.seconds - collected_s, 3),
    }
    return summary, outputs


def timed(call: Callable[[], object]) -> tuple[object, float]:
    start = time.perf_counter()
    result = call()
    return result, round(time.perf_counter() - start, 2)


def run(data: Path, n_seeds: int, freeze: bool = False) -> dict[str, object]:
    report: dict[str, object] = {"machine": machine(), "data": str(data)}
    baseline = rss_mb()
    kg = KnowledgeGraph()
    load_s: dict[str, float] = {}
    for name in FILES:
        _, load_s[name] = timed(lambda name=name: kg.load_file(data / name))
        print(f"loaded {name} in {load_s[name]:.1f} s")
    report["load_s"] = {**load_s, "total": round(sum(load_s.values()), 2)}
    report["triples"] = len(kg)
    report["rss_mb_after_load"] = round(rss_mb() - baseline, 1)
    entities, report["entities_s"] = timed(kg.entities)
    report["entities"] = len(entities)  # type: ignore[arg-type]

    view, report["build_view_s"] = timed(lambda: build_view(kg))
    report["view"] = {"nodes": view.number_of_nodes(), "edges": view.number_of_edges()}  # type: ignore[attr-defined]
    report["rss_mb_after_view"] = round(rss_mb() - baseline, 1)
    degrees = sorted((d for _, d in view.degree()), reverse=True)  # type: ignore[attr-defined]
    report["max_degree"] = degrees[0]

    # Loading leaves millions of new objects; the first full collection after it takes seconds and
    # would land in whichever query runs next. Pay it here, and time it, so queries are measured warm.
    _, report["gc_collect_after_load_s"] = timed(gc.collect)
    report["gc_frozen"] = freeze
    if freeze:
        gc.freeze()  # what a long-running server would do after opening its knowledge base

    rng = random.Random(15237)
    nodes = sorted(view.nodes)  # type: ignore[attr-defined]
    seeds = rng.sample(nodes, n_seeds)
    hood, outputs = latencies_ms([lambda s=s: neighbourhood(view, [s], hops=2, limit=200) for s in seeds])
    hood["mean_edges"] = round(statistics.fmean(len(o) for o in outputs), 1)  # type: ignore[arg-type]
    hood["target_p95_ms"] = NEIGHBOURHOOD_P95_TARGET_MS
    hood["target_met"] = hood["p95_ms"] < NEIGHBOURHOOD_P95_TARGET_MS
    report["neighbourhood_2hop_limit200"] = hood

    pairs = [(seeds[i], rng.choice(nodes)) for i in range(n_seeds)]
    found, outputs = latencies_ms([lambda a=a, b=b: paths(view, a, b, max_hops=3, limit=5) for a, b in pairs])
    found["pairs_connected_within_3"] = sum(1 for o in outputs if o)
    report["paths_max3_limit5"] = found

    facts, _ = latencies_ms([lambda s=s: kg.facts(subject=s, limit=50) for s in seeds])
    report["facts_subject_limit50"] = facts

    personalized_pagerank(view, {seeds[0]: 1.0})  # imports scipy once, outside the timing
    ppr, _ = latencies_ms([lambda s=s: personalized_pagerank(view, {s: 1.0}, top=20) for s in seeds[:50]])
    report["personalized_pagerank_top20"] = ppr

    with tempfile.TemporaryDirectory(prefix="graph-fb15k-") as scratch:
        path = Path(scratch) / "graph.nq"
        _, report["save_s"] = timed(lambda: kg.save(path))
        report["store_mb"] = round(path.stat().st_size / 2**20, 1)
        reopened, report["open_s"] = timed(lambda: KnowledgeGraph.open(path))
        report["reopened_triples_match"] = len(reopened) == len(kg)  # type: ignore[arg-type]
    return report


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--seeds", type=int, default=500)
    parser.add_argument("--freeze", action="store_true", help="gc.freeze() after loading, as a server would")
    args = parser.parse_args()
    report = run(args.data, args.seeds, args.freeze)
    text = json.dumps(report, indent=2)
    print(text)
    write_text_atomic(RESULTS, text + "\n")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
