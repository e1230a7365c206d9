"""MetaQA 1-hop answer-in-facts recall@10: does hybrid retrieval put a fact holding a gold answer
among the top 10 items it returns for the question?

    python -m benchmarks.metaqa_fact_recall [--data DIR] [--limit 500] [--seed 0]

The MetaQA KB is a graph with no passages (`benchmarks.metaqa_graph_answerer` builds and caches it
under `runs/metaqa-kb/`), so retrieval here is the graph side of `knowledge.retriever.retrieve`:
facts near the entities linked in the question, ranked by predicate fit, hop distance, dense
similarity of the verbalised fact and entity mention, fused by RRF. The question is given as a
person would type it (MetaQA's brackets around the topic removed); nothing is told which entity is
the topic. A hit is a fact among the top 10 whose subject or object (its label, or a literal's
value) is a gold answer. Baseline: the first 10 facts of the gold topic entity in the graph's
stable order, the topic given for free (what retrieval without any ranking would hand on).
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from benchmarks.common import summary_ms, write_result
from benchmarks.metaqa_graph_answerer import DATA, Question, dev_questions, metaqa_kb
from knowledge.kb import KnowledgeBase
from knowledge.retriever import RetrievalOptions, retrieve
from knowledge.types import Triple

DEPTH = 10


def plain(question: Question) -> str:
    return question.text.replace("[", "").replace("]", "")


def ends(triple: Triple) -> set[str]:
    return {triple.subject_label, triple.object_label}


def first_hit(triples: list[Triple], gold: frozenset[str]) -> int | None:
    """1-based rank of the first triple naming a gold answer, None if none does."""
    for rank, triple in enumerate(triples, start=1):
        if ends(triple) & gold:
            return rank
    return None


def summarise(ranks: list[int | None]) -> dict[str, float]:
    n = len(ranks)
    out = {f"recall@{k}": round(sum(r is not None and r <= k for r in ranks) / n, 4) for k in (1, 5, 10)}
    out["mrr@10"] = round(sum(1 / r for r in ranks if r is not None and r <= DEPTH) / n, 4)
    return out


def topic_facts(kb: KnowledgeBase, topic: str) -> list[Triple]:
    facts: list[Triple] = []
    named = [m.iri for m in kb.linker.lookup(topic, k=10) if m.method in ("exact", "alias") and m.label == topic]
    for iri in named:
        facts += kb.graph.facts(subject=iri, limit=DEPTH) + kb.graph.facts(obj=iri, limit=DEPTH)
    return facts[:DEPTH]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA, help="the MetaQA folder")
    parser.add_argument("--limit", type=int, default=500, help="seeded sample of 1-hop dev questions")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    kb = metaqa_kb(args.data)
    questions = dev_questions(args.data, 1)
    sample = random.Random(args.seed).sample(questions, min(args.limit, len(questions)))
    options = RetrievalOptions(k=DEPTH)
    retrieve(kb, plain(sample[0]), options)  # warm: graph view, label tables, models

    ranks, baseline, times, misses = [], [], [], []
    per_type: dict[str, list[int | None]] = {}
    for question in sample:
        start = time.perf_counter()
        evidence = retrieve(kb, plain(question), options)
        times.append((time.perf_counter() - start) * 1000)
        triples = [e.triple for e in evidence if e.triple is not None]
        rank = first_hit(triples, question.gold)
        ranks.append(rank)
        per_type.setdefault(question.qtype, []).append(rank)
        baseline.append(first_hit(topic_facts(kb, question.topic), question.gold))
        if rank is None and len(misses) < 10:
            top = [e.text for e in evidence[:3]]
            misses.append({"question": question.text, "gold": sorted(question.gold)[:5], "top": top})
    results = {
        "questions": len(sample),
        "seed": args.seed,
        "hybrid retrieval (k=10)": summarise(ranks),
        "baseline: first 10 facts of the gold topic": summarise(baseline),
        "per_question_type": {t: {"n": len(r), **summarise(r)} for t, r in sorted(per_type.items())},
        "latency": summary_ms(times),
        "misses": misses,
    }
    print({k: v for k, v in results.items() if k not in ("misses", "per_question_type")})
    write_result("metaqa_fact_recall", results)


if __name__ == "__main__":
    main()
