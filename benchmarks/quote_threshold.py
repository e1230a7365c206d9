"""Choose the `quote` policy's relevance threshold on DEV questions (never the test split).

For each dev question of HaluEval QA and MetaQA 1-/2-hop, retrieve the evidence as the pipeline
does over the whole corpus and rank its sentences (`grounding.mitigate.quotes.rank_quotes`); record the
best scores and whether the quoted sentences (the best, and the second when it clears the
threshold too) hold a gold answer. The same question is also scored against the evidence retrieved
for ANOTHER question: that is what off-topic evidence scores. The threshold is the 99th percentile
of those off-topic scores over all sets (rounded up to 0.05): a quote must look more relevant than
99% of evidence about something else. Among on-topic evidence a higher threshold does not make
quotes hold the answer more often (see the sweep), so it would only refuse more.
No LLM is needed: a quote depends only on the question and the evidence.

    python -m benchmarks.quote_threshold [--limit 150]
"""

from __future__ import annotations

import argparse
import math
from typing import Any

import numpy as np

from benchmarks.common import machine, write_result
from grounding.evaluate.answers import contains_gold
from grounding.evaluate.qa_datasets import answerable_in, load_qa_dataset
from grounding.evaluate.runner import corpus_kb
from grounding.factory import retrieval_options
from grounding.mitigate.quotes import rank_quotes
from grounding.settings import load_settings

SETS = ("halueval-qa", "metaqa-1hop", "metaqa-2hop")
GRID = [round(x, 2) for x in np.arange(0.3, 1.61, 0.05)]


def scores(name: str, limit: int, seed: int) -> list[dict[str, Any]]:
    settings = load_settings()
    kb = corpus_kb(name, settings, None, progress=False)
    keep = answerable_in(kb, int(name.split("-")[1][0])) if name.startswith("metaqa-") else None
    items, _ = load_qa_dataset(name, None, "dev", limit, seed, keep=keep)
    options = retrieval_options(settings, None)
    evidence = [kb.search(item.question, options) for item in items]
    rows = []
    for i, item in enumerate(items):
        ranked = rank_quotes(item.question, evidence[i])
        other = rank_quotes(item.question, evidence[(i + 1) % len(items)])
        rows.append(
            {
                "id": item.id,
                "scores": [q.score for q in ranked[:2]],
                "gold": [bool(contains_gold(q.text, item.answers)) for q in ranked[:2]],
                "off_topic": other[0].score if other else float("-inf"),
            }
        )
    return rows


def sweep(rows: list[dict[str, Any]]) -> list[dict[str, float]]:
    """Per threshold: share quoted, share of quotes holding gold (one sentence; up to two), off-topic share."""
    out = []
    for threshold in GRID:
        quoted = [r for r in rows if r["scores"] and r["scores"][0] >= threshold]
        two = [any(g for g, s in zip(r["gold"], r["scores"], strict=True) if s >= threshold) for r in quoted]
        out.append(
            {
                "threshold": threshold,
                "quoted": len(quoted) / len(rows),
                "holds_gold_one": float(np.mean([r["gold"][0] for r in quoted])) if quoted else float("nan"),
                "holds_gold_two": float(np.mean(two)) if quoted else float("nan"),
                "off_topic_quoted": float(np.mean([r["off_topic"] >= threshold for r in rows])),
            }
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=150)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sets", default=",".join(SETS))
    args = parser.parse_args()
    result: dict[str, Any] = {"machine": machine(), "split": "dev", "limit": args.limit, "seed": args.seed, "sets": {}}
    off_topic: list[float] = []
    for name in args.sets.split(","):
        rows = scores(name, args.limit, args.seed)
        off_topic += [r["off_topic"] for r in rows]
        table = sweep(rows)
        result["sets"][name] = {"n": len(rows), "rows": rows, "sweep": table}
        print(f"{name}: {len(rows)} dev questions")
        for line in table:
            print(
                f"  >= {line['threshold']:.2f}: quoted {line['quoted']:.0%}, holds gold {line['holds_gold_one']:.0%} "
                f"(two sentences {line['holds_gold_two']:.0%}), off-topic {line['off_topic_quoted']:.0%}"
            )
    p99 = float(np.percentile(off_topic, 99))
    result["off_topic_p99"] = p99
    result["threshold"] = math.ceil(p99 * 20) / 20
    print(f"off-topic best score p99 {p99:.3f} -> threshold {result['threshold']:.2f}")
    print(write_result("quote_threshold", result))


if __name__ == "__main__":
    main()
