"""Generation mode: ask the pipeline each question, then score its raw and its final answer.

Each question runs retrieval over a whole corpus, generation (the embedded LLM or the graph
answerer), verification and mitigation. A prediction line keeps both answers and what the
verifier said of each, so the figures that matter can be read side by side:

- accuracy: the final answer contains a gold answer (normalised); token F1 against the best gold;
- hallucination rate: share of questions whose answer has at least one contradicted or
  unverifiable claim; `_raw` for the answer before mitigation, plain for the one shown;
- abstention rate: share of questions answered with "I don't have enough grounded information".
  An abstention is neither right nor hallucinated;
- quote rate: share of final answers that quote the evidence verbatim (policy `quote`) instead of
  the answerer's words, with their own accuracy: a quote is an answer, but not the model's.

Answering is slow (seconds per question with an LLM on a CPU), so every answer is appended to
predictions.jsonl at once and a rerun into the same folder skips the questions already there.
"""

from __future__ import annotations

import functools
import json
import math
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from grounding.evaluate.answers import contains_gold, is_hallucinated, token_f1, verdict_counts
from grounding.evaluate.detection import METRICS, PREDICTIONS, _clean, exclusive, read_cached_rows
from grounding.evaluate.metrics import bootstrap_ci, latency_percentiles
from grounding.evaluate.qa_datasets import QAItem
from grounding.evaluate.workers import map_ordered
from grounding.factory import DEFAULT_MITIGATION
from knowledge.atomic import write_text_atomic
from knowledge.errors import InputError
from knowledge.progress import track

if TYPE_CHECKING:
    from grounding.pipeline import AskResult, Pipeline
    from grounding.settings import Settings

Asker = Callable[[QAItem], dict[str, Any]]
STAGES = ("retrieve", "graph", "load_llm", "generate", "verify", "mitigate", "cite", "total")
HALVING = 0.5
MAX_ABSTENTION = 0.25
GOLD_SHOWN = 20


def prediction(item: QAItem, result: AskResult, latency_ms: float) -> dict[str, Any]:
    """One prediction line: both answers, how each was verified, and how right each is."""
    from grounding.verify.claims import is_abstention

    raw_abstained = not result.raw_answer.strip() or is_abstention(result.raw_answer)
    raw_text = result.raw_report.answer or result.raw_answer
    final_text = "" if result.abstained else result.report.answer
    return {
        "id": item.id,
        "split": item.split,
        "category": item.category,
        "question": item.question,
        "gold": item.answers[:GOLD_SHOWN],
        "answerer": result.answerer,
        "raw_answer": result.raw_answer,
        "answer": result.answer,
        "raw_abstained": raw_abstained,
        "abstained": result.abstained,
        "quoted": result.quoted,
        "raw_hallucinated": not raw_abstained and is_hallucinated(result.raw_report),
        "hallucinated": not result.abstained and is_hallucinated(result.report),
        "raw_correct": not raw_abstained and contains_gold(raw_text, item.answers),
        "raw_f1": 0.0 if raw_abstained else token_f1(raw_text, item.answers),
        "correct": not result.abstained and contains_gold(final_text, item.answers),
        "f1": 0.0 if result.abstained else token_f1(final_text, item.answers),
        "raw_counts": verdict_counts(result.raw_report),
        "counts": verdict_counts(result.report),
        "changes": [change.policy for change in result.changes],
        "timings_ms": dict(result.timings_ms),
        "latency_ms": round(latency_ms, 3),
    }


def ask_row(pipeline: Pipeline, item: QAItem) -> dict[str, Any]:
    """The prediction for one question; a question the pipeline refuses is recorded, not fatal."""
    start = time.perf_counter()
    try:
        result = pipeline.ask(item.question)
    except InputError as exc:
        return {"id": item.id, "split": item.split, "question": item.question, "error": str(exc)}
    return prediction(item, result, (time.perf_counter() - start) * 1000.0)


@dataclass(frozen=True)
class PipelineSpec:
    """Everything a worker process needs to build its own pipeline: picklable, no models inside.

    Calling it builds the pipeline (loading the models once) and returns the per-question function.
    """

    settings: Settings
    kb: str
    llm: str = "default"
    answerer: str = "auto"
    mitigation: tuple[str, ...] = DEFAULT_MITIGATION
    k: int | None = None

    def __call__(self) -> Asker:
        return self.build()

    def build(self, knowledge_base: Any = None) -> Asker:
        """The per-question function; pass an open `knowledge_base` to share it instead of reopening."""
        from grounding.factory import make_pipeline, open_kb

        settings = self.settings.model_copy(update={"kb": Path(self.kb)})
        if knowledge_base is None:
            knowledge_base = open_kb(settings, progress=False)
        pipeline = make_pipeline(
            settings,
            knowledge_base,
            llm=self.llm,
            answerer=self.answerer,  # type: ignore[arg-type]
            mitigation=self.mitigation,
            k=self.k,
        )
        return functools.partial(ask_row, pipeline)


def read_rows(path: Path) -> dict[str, dict[str, Any]]:
    return read_cached_rows(path, lambda row: "question" in row)


def _rate(values: np.ndarray, n_bootstrap: int, seed: int) -> dict[str, Any]:
    if not len(values):
        return {"value": float("nan"), "ci95": [float("nan"), float("nan")]}
    labels = np.zeros(len(values), dtype=bool)
    low, high = bootstrap_ci(lambda s, _y: float(s.mean()), values, labels, n=n_bootstrap, seed=seed)
    return {"value": float(values.mean()), "ci95": [low, high]}


def _column(rows: Sequence[dict[str, Any]], key: str) -> np.ndarray:
    return np.array([float(row.get(key) or 0.0) for row in rows], dtype=float)


def stage_latency(rows: Sequence[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Percentiles per pipeline stage over the questions that ran it (load_llm: once per process)."""
    out: dict[str, dict[str, float]] = {}
    for stage in STAGES:
        values = [row["timings_ms"][stage] for row in rows if stage in row.get("timings_ms", {})]
        if values:
            out[stage] = {**latency_percentiles(values), "n": len(values)}
    return out


def generation_metrics(rows: Sequence[dict[str, Any]], n_bootstrap: int = 1000, seed: int = 0) -> dict[str, Any]:
    """Every generation figure, each rate with a bootstrap 95% interval over questions."""
    answered = [row for row in rows if "error" not in row]
    n = len(answered)
    columns = {
        key: _column(answered, key)
        for key in (
            "correct",
            "f1",
            "raw_correct",
            "raw_f1",
            "hallucinated",
            "raw_hallucinated",
            "abstained",
            "raw_abstained",
            "quoted",
        )
    }
    figures = {key: _rate(values, n_bootstrap, seed) for key, values in columns.items()}
    raw_rate = figures["raw_hallucinated"]["value"]
    rate = figures["hallucinated"]["value"]
    abstention = figures["abstained"]["value"]
    drop = _rate(columns["raw_hallucinated"] - columns["hallucinated"], n_bootstrap, seed)
    kept = columns["abstained"] == 0
    quoted = columns["quoted"] == 1
    own = kept & ~quoted
    reduction = 1.0 - rate / raw_rate if raw_rate and math.isfinite(raw_rate) else float("nan")
    answerers: dict[str, int] = {}
    for row in answered:
        answerers[str(row.get("answerer"))] = answerers.get(str(row.get("answerer")), 0) + 1
    return {
        "n": n,
        "errors": len(rows) - n,
        "accuracy": figures["correct"]["value"],
        "token_f1": figures["f1"]["value"],
        "accuracy_raw": figures["raw_correct"]["value"],
        "token_f1_raw": figures["raw_f1"]["value"],
        "accuracy_when_answered": float(columns["correct"][kept].mean()) if kept.any() else float("nan"),
        "hallucination_rate_raw": raw_rate,
        "hallucination_rate": rate,
        "hallucination_rate_when_answered": float(columns["hallucinated"][kept].mean()) if kept.any() else float("nan"),
        "hallucination_reduction": reduction,
        "hallucination_drop": drop,
        "abstention_rate": abstention,
        "abstention_rate_raw": figures["raw_abstained"]["value"],
        "quote_rate": figures["quoted"]["value"],
        "quoted": int(quoted.sum()),
        "accuracy_quoted": float(columns["correct"][quoted].mean()) if quoted.any() else float("nan"),
        "accuracy_unquoted_answers": float(columns["correct"][own].mean()) if own.any() else float("nan"),
        "ci95": {
            "accuracy": figures["correct"]["ci95"],
            "token_f1": figures["f1"]["ci95"],
            "accuracy_raw": figures["raw_correct"]["ci95"],
            "hallucination_rate_raw": figures["raw_hallucinated"]["ci95"],
            "hallucination_rate": figures["hallucinated"]["ci95"],
            "abstention_rate": figures["abstained"]["ci95"],
            "quote_rate": figures["quoted"]["ci95"],
        },
        "targets": {
            "hallucination_halved": bool(n and rate <= HALVING * raw_rate) if raw_rate else None,
            "abstention_below_quarter": bool(n and abstention < MAX_ABSTENTION),
        },
        "answerers": answerers,
        "per_category": _per_category(answered),
        "latency_ms_per_stage": stage_latency(answered),
        "latency_ms_per_question": latency_percentiles([float(r["latency_ms"]) for r in answered]),
    }


def _per_category(rows: Sequence[dict[str, Any]]) -> dict[str, dict[str, float | int]]:
    out: dict[str, dict[str, float | int]] = {}
    for category in sorted({str(r["category"]) for r in rows if r.get("category") is not None}):
        chosen = [r for r in rows if str(r.get("category")) == category]
        out[category] = {
            "n": len(chosen),
            "accuracy": float(_column(chosen, "correct").mean()),
            "hallucination_rate_raw": float(_column(chosen, "raw_hallucinated").mean()),
            "hallucination_rate": float(_column(chosen, "hallucinated").mean()),
            "abstention_rate": float(_column(chosen, "abstained").mean()),
            "quote_rate": float(_column(chosen, "quoted").mean()),
        }
    return out


def run_generation(
    items: Sequence[QAItem],
    factory: Callable[[], Asker],
    out_dir: Path,
    workers: int = 1,
    progress: bool = True,
    n_bootstrap: int = 1000,
    seed: int = 0,
    meta: dict[str, Any] | None = None,
    report: bool = True,
    ray: str | None = None,
) -> dict[str, Any]:
    """Answer `items` (skipping those already in out_dir/predictions.jsonl), then write the
    predictions, metrics.json and report.md; returns the metrics.

    `factory()` builds the per-question function; with `workers` > 1 each worker process calls it
    once, so it must be picklable (a `PipelineSpec`).
    """
    items = list(items)
    if not items:
        raise InputError("no questions to answer (the split, the filter or --limit left none)")
    ids = [item.id for item in items]
    if len(set(ids)) != len(ids):
        raise InputError(f"question ids must be unique; {next(i for i in ids if ids.count(i) > 1)!r} repeats")
    out_dir = Path(out_dir)
    with exclusive(out_dir):
        path = out_dir / PREDICTIONS
        cached = read_rows(path)
        for item in items:
            row = cached.get(item.id)
            if row is not None and row.get("question") != item.question:
                raise InputError(
                    f"{path} holds an answer for {item.id!r} to another question: it belongs to another "
                    "dataset or run. Use a fresh output folder."
                )
        todo = [item for item in items if item.id not in cached]
        started = time.perf_counter()
        if todo:
            with path.open("a", encoding="utf-8") as handle:
                answers = map_ordered(factory, todo, workers, ray=ray)
                for row in track(answers, "Answering", total=len(todo), enabled=progress):
                    cached[row["id"]] = row
                    handle.write(json.dumps(_clean(row), ensure_ascii=False) + "\n")
                    handle.flush()
                    os.fsync(handle.fileno())
        seconds = time.perf_counter() - started
        rows = [cached.pop(item.id) for item in items]
        others = list(cached.values())  # answers of questions not in this run stay cached for a later one
        write_text_atomic(path, "".join(json.dumps(_clean(r), ensure_ascii=False) + "\n" for r in rows + others))
        metrics = generation_metrics(rows, n_bootstrap, seed)
        metrics.update(
            {
                "mode": "generation",
                "answered_this_run": len(todo),
                "workers": workers,
                "questions_per_second": len(todo) / seconds if todo and seconds > 0 else float("nan"),
            }
        )
        if meta:
            metrics["meta"] = meta
        metrics = _clean(metrics)
        write_text_atomic(out_dir / METRICS, json.dumps(metrics, indent=2, ensure_ascii=False) + "\n")
        if report:
            from grounding.evaluate.generation_report import write_generation_report

            write_generation_report(out_dir, metrics, rows)
        return metrics
