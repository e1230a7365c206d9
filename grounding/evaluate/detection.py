"""Run a hallucination detector over labelled answers and measure it beside the baselines.

Scoring is the slow part (minutes to hours on a CPU), so every scored batch is appended to
`predictions.jsonl` at once and a rerun into the same folder skips the ids already there: an
interrupted run resumes where it stopped. Thresholds are calibrated on dev items only, for the
verifier and every baseline alike, and all figures are computed on the evaluation items.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import json
import math
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from grounding.evaluate.baselines import BASELINES, LENGTH_TOLERANCE, count_pairs, length_matched
from grounding.evaluate.datasets import DetectionItem
from grounding.evaluate.metrics import (
    auroc,
    balanced_accuracy,
    best_threshold,
    classification_report,
    f1_score,
    latency_percentiles,
)
from grounding.evaluate.workers import map_ordered
from knowledge.atomic import write_text_atomic
from knowledge.errors import GroundQAError, InputError
from knowledge.progress import track

if TYPE_CHECKING:
    from grounding.settings import Settings
    from grounding.types import VerificationReport
    from grounding.verify.verifier import Verifier, VerifierOptions

Scorer = Callable[[list[DetectionItem]], list[tuple[float, dict[str, Any]]]]
PREDICTIONS = "predictions.jsonl"
LOCK = ".lock"
METRICS = "metrics.json"
DEFAULT_THRESHOLD = 0.5


def summarize_report(report: VerificationReport) -> dict[str, Any]:
    """What a prediction line keeps of a verification: enough to see why, small enough to diff."""
    return {
        "grounded": report.grounded,
        "counts": {str(verdict): n for verdict, n in report.counts.items()},
        "claims": [
            {
                "text": v.claim.text,
                "verdict": str(v.verdict),
                "confidence": round(v.confidence, 4),
                "method": str(v.method),
            }
            for v in report.claims
        ],
    }


def verifier_scorer(verifier: Verifier, options: VerifierOptions | None = None) -> Scorer:
    """The verifier as a scorer, hallucination_score as score.

    An item's own evidence is used whenever it has some (never the KB's, which might hold the
    answer's source); an item without any (TruthfulQA, HaluEval general) is checked against the
    verifier's KB when it has one, and is otherwise unverifiable.
    """
    from grounding.verify.verifier import VerifyItem

    def score(items: list[DetectionItem]) -> list[tuple[float, dict[str, Any]]]:
        batch = [
            VerifyItem(
                answer=i.answer,
                question=i.question,
                evidence=list(i.evidence) if i.evidence or getattr(verifier, "kb", None) is None else None,
            )
            for i in items
        ]
        return [(r.hallucination_score, summarize_report(r)) for r in verifier.verify_many(batch, options)]

    return score


def read_cached_rows(path: Path, complete: Callable[[dict[str, Any]], bool]) -> dict[str, dict[str, Any]]:
    """Rows of a resumable run by id. A torn last line (a run killed mid-write) or a row that is not
    `complete` is ignored, so that item is done again."""
    cached: dict[str, dict[str, Any]] = {}
    if not path.exists():
        return cached
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(row, dict) and "id" in row and complete(row):
                cached[str(row["id"])] = row
    return cached


def read_predictions(path: Path) -> dict[str, dict[str, Any]]:
    return read_cached_rows(path, lambda row: isinstance(row.get("score"), int | float))


def _prediction(item: DetectionItem, score: float, summary: dict[str, Any], latency_ms: float) -> dict[str, Any]:
    verdict = {k: v for k, v in summary.items() if k != "claims"}
    return {
        "id": item.id,
        "split": item.split,
        "category": item.category,
        "label": item.hallucinated,
        "score": float(score),
        "verdict": verdict,
        "claims": summary.get("claims", []),
        "latency_ms": round(latency_ms, 3),
    }


def _timed(
    scorer: Scorer, batch: list[DetectionItem]
) -> tuple[list[DetectionItem], list[tuple[float, dict[str, Any]]], float]:
    start = time.perf_counter()
    results = list(scorer(batch))
    if len(results) != len(batch):
        raise GroundQAError(f"the scorer returned {len(results)} results for {len(batch)} items")
    return batch, results, (time.perf_counter() - start) * 1000.0


def _timed_factory(factory: Callable[[], Scorer]) -> Callable[[list[DetectionItem]], Any]:
    return functools.partial(_timed, factory())


def _score_batches(
    batches: list[list[DetectionItem]], scorer: Scorer, workers: int, ray: str | None = None
) -> Iterable[tuple[list[DetectionItem], list[tuple[float, dict[str, Any]]], float]]:
    """Batches in order. A picklable scorer factory (`VerifierSpec`) with `workers` > 1 runs in
    processes that each load the models once, or with `ray` on that many Ray actors; any other
    scorer with `workers` > 1 in threads."""
    if ray is not None and not isinstance(scorer, VerifierSpec):
        raise InputError("--ray needs a scorer built where it runs (VerifierSpec)")
    if (workers > 1 or ray is not None) and isinstance(scorer, VerifierSpec):
        yield from map_ordered(functools.partial(_timed_factory, scorer), batches, workers, ray=ray)
        return
    if isinstance(scorer, VerifierSpec):
        scorer = scorer()
    one = functools.partial(_timed, scorer)
    if workers <= 1:
        yield from map(one, batches)
        return
    pool = ThreadPoolExecutor(max_workers=workers)
    try:
        yield from pool.map(one, batches)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


@dataclass(frozen=True)
class VerifierSpec:
    """A verifier scorer that is built where it runs: picklable, so worker processes build their own.

    `kb` (a KB folder) gives the graph checker its graph; `llm_judge` (an --llm spec) adds the LLM
    judge for the claims the checkers leave uncertain.
    """

    settings: Settings
    options: VerifierOptions | None = None
    kb: str | None = None
    llm_judge: str | None = None

    def __call__(self) -> Scorer:
        from grounding.factory import open_kb
        from grounding.verify.verifier import Verifier

        knowledge_base = None
        if self.kb is not None:
            knowledge_base = open_kb(self.settings.model_copy(update={"kb": Path(self.kb)}), progress=False)
        judge = None
        if self.llm_judge is not None:
            from grounding.answer.llm import load_chat_model
            from grounding.verify.checkers.llm_judge import LLMJudge

            judge = LLMJudge(load_chat_model(self.llm_judge, self.settings.home / "models", self.settings.device))
        verifier = Verifier(
            kb=knowledge_base,
            model=self.settings.verifier_model,
            options=self.options,
            judge=judge,
            device=self.settings.device,
            runtime=self.settings.verifier_runtime,
        )
        return verifier_scorer(verifier)

    def signature(self) -> dict[str, Any]:
        """What decides an item's score: the model's weights, the runtime, the options, the KB, the judge.

        A run folder resumes only under the same signature; predictions scored by another model or other
        options would otherwise mix silently into one figure."""
        from grounding.verify.nli import resolve_verifier_path
        from grounding.verify.options import VerifierOptions

        return {
            "verifier_model": self.settings.verifier_model,
            "weights": _weights_digest(resolve_verifier_path(self.settings.verifier_model)),
            "runtime": self.settings.verifier_runtime,
            "options": (self.options or VerifierOptions()).model_dump(mode="json"),
            "kb": self.kb,
            "llm_judge": self.llm_judge,
        }


def _weights_digest(path: str) -> str | None:
    """A digest of the model folder's weight files (content, not dates: a fresh checkout is the same model)."""
    folder = Path(path)
    if not folder.is_dir():
        return None  # a hub id: its name is its identity
    digest = hashlib.sha256()
    for file in sorted(folder.glob("*.safetensors")) + sorted(folder.glob("*.bin")):
        digest.update(file.name.encode())
        with file.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()[:16]


SCORER_FILE = "scorer.json"


def check_resumable(out_dir: Path, signature: dict[str, Any] | None) -> None:
    """Refuse to add to predictions another scorer made; record this scorer's signature otherwise."""
    if signature is None:
        return
    recorded = out_dir / SCORER_FILE
    if (out_dir / PREDICTIONS).exists():
        earlier = json.loads(recorded.read_text(encoding="utf-8")) if recorded.exists() else None
        if earlier != signature:
            changed = sorted(k for k in signature if (earlier or {}).get(k) != signature[k]) if earlier else []
            what = f"another {', '.join(changed)}" if changed else "settings it did not record"
            raise InputError(
                f"{out_dir} holds predictions scored with {what}; resuming would mix two verifiers in one figure. "
                "Use another --out, or delete the folder to start again"
            )
    write_text_atomic(recorded, json.dumps(signature, indent=2, sort_keys=True))


def score_items(
    items: Sequence[DetectionItem],
    scorer: Scorer,
    path: Path,
    workers: int = 1,
    batch_size: int = 16,
    progress: bool = True,
    ray: str | None = None,
) -> tuple[dict[str, dict[str, Any]], int, float]:
    """(predictions by id, items scored now, seconds spent scoring); cached ids are not rescored."""
    cached = read_predictions(path)
    for item in items:
        row = cached.get(item.id)
        if row is not None and bool(row.get("label")) != item.hallucinated:
            raise InputError(
                f"{path} holds a prediction for {item.id!r} with another label: it belongs to another "
                "dataset or run. Use a fresh output folder."
            )
    todo = [item for item in items if item.id not in cached]
    batches = [todo[i : i + max(1, batch_size)] for i in range(0, len(todo), max(1, batch_size))]
    started = time.perf_counter()
    if batches:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as handle:
            results = _score_batches(batches, scorer, workers, ray)
            for batch, scored, elapsed_ms in track(results, "Scoring", total=len(batches), enabled=progress):
                lines = []
                for item, (score, summary) in zip(batch, scored, strict=True):
                    row = _prediction(item, score, summary, elapsed_ms / len(batch))
                    cached[item.id] = row
                    lines.append(json.dumps(_clean(row), ensure_ascii=False) + "\n")
                handle.write("".join(lines))
                handle.flush()
                os.fsync(handle.fileno())
    return cached, len(todo), time.perf_counter() - started


@contextlib.contextmanager
def exclusive(out_dir: Path) -> Iterator[None]:
    """One run per folder: two runs appending to one cache would each rewrite it without the other's lines."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with open(out_dir / LOCK, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise InputError(f"another run is writing to {out_dir}; wait for it or choose another folder") from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def calibrate(dev_scores: np.ndarray, dev_labels: np.ndarray) -> tuple[float, str]:
    """(threshold, where it came from): best balanced accuracy on dev, or 0.5 without a usable dev set."""
    if len(dev_labels) and dev_labels.any() and not dev_labels.all():
        return best_threshold(dev_scores, dev_labels), "dev"
    return DEFAULT_THRESHOLD, "default"


def per_category(
    items: Sequence[DetectionItem], scores: np.ndarray, threshold: float
) -> dict[str, dict[str, float | int]]:
    categories = sorted({item.category for item in items if item.category is not None})
    out: dict[str, dict[str, float | int]] = {}
    for category in categories:
        mask = np.array([item.category == category for item in items])
        labels = np.array([item.hallucinated for item in items])[mask]
        predicted = scores[mask] >= threshold
        out[category] = {
            "n": int(mask.sum()),
            "n_hallucinated": int(labels.sum()),
            "accuracy": float(np.mean(predicted == labels)),
            "balanced_accuracy": balanced_accuracy(predicted, labels),
            "f1": f1_score(predicted, labels),
            "auroc": auroc(scores[mask], labels),
        }
    return out


def _clean(value: Any) -> Any:
    """JSON-safe: NaN and infinities become null, numpy scalars plain numbers."""
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        return None if not math.isfinite(value) else round(value, 6)
    return value


def _evaluate(
    test: Sequence[DetectionItem],
    test_scores: np.ndarray,
    dev_scores: np.ndarray,
    dev_labels: np.ndarray,
    n_bootstrap: int,
    seed: int,
) -> dict[str, Any]:
    threshold, source = calibrate(dev_scores, dev_labels)
    labels = np.array([item.hallucinated for item in test], dtype=bool)
    groups = [item.group or item.id for item in test]
    report = classification_report(test_scores, labels, threshold, n_bootstrap, seed, groups)
    return {**report, "threshold_source": source}


def run_detection(
    items: Sequence[DetectionItem],
    scorer: Scorer,
    out_dir: Path,
    dev_items: Sequence[DetectionItem] | None = None,
    workers: int = 1,
    batch_size: int = 16,
    progress: bool = True,
    baselines: Sequence[str] = tuple(BASELINES),
    n_bootstrap: int = 1000,
    seed: int = 0,
    meta: dict[str, Any] | None = None,
    report: bool = True,
    ray: str | None = None,
) -> dict[str, Any]:
    """Score `items` (and `dev_items`, for calibration), write predictions.jsonl, metrics.json and
    report.md into `out_dir`, and return the metrics."""
    items, dev_items = list(items), list(dev_items or [])
    if not items:
        raise InputError("no items to evaluate (the split or --limit left none)")
    unknown = [name for name in baselines if name not in BASELINES]
    if unknown:
        raise InputError(f"unknown baselines {unknown}; known: {list(BASELINES)}")
    every = dev_items + items
    ids = [item.id for item in every]
    if len(set(ids)) != len(ids):
        duplicate = next(i for i in ids if ids.count(i) > 1)
        raise InputError(f"item ids must be unique across the dev and evaluation items; {duplicate!r} repeats")
    out_dir = Path(out_dir)
    with exclusive(out_dir):
        check_resumable(out_dir, scorer.signature() if isinstance(scorer, VerifierSpec) else None)
        return _run(
            items,
            dev_items,
            scorer,
            out_dir,
            workers=workers,
            batch_size=batch_size,
            progress=progress,
            baselines=baselines,
            n_bootstrap=n_bootstrap,
            seed=seed,
            meta=meta,
            report=report,
            ray=ray,
        )


def _run(
    items: list[DetectionItem],
    dev_items: list[DetectionItem],
    scorer: Scorer,
    out_dir: Path,
    *,
    workers: int,
    batch_size: int,
    progress: bool,
    baselines: Sequence[str],
    n_bootstrap: int,
    seed: int,
    meta: dict[str, Any] | None,
    report: bool,
    ray: str | None = None,
) -> dict[str, Any]:
    every = dev_items + items
    path = out_dir / PREDICTIONS
    cached, scored_now, seconds = score_items(every, scorer, path, workers, batch_size, progress, ray)
    scores = {item.id: float(cached[item.id]["score"]) for item in every}
    test_scores = np.array([scores[item.id] for item in items])
    dev_scores = np.array([scores[item.id] for item in dev_items])
    dev_labels = np.array([item.hallucinated for item in dev_items], dtype=bool)

    metrics: dict[str, Any] = dict(_evaluate(items, test_scores, dev_scores, dev_labels, n_bootstrap, seed))
    metrics["per_category"] = per_category(items, test_scores, metrics["threshold"])
    latencies = [float(cached[item.id].get("latency_ms", float("nan"))) for item in every]
    latency = latency_percentiles([v for v in latencies if math.isfinite(v)])
    metrics["n_dev"] = len(dev_items)
    metrics["scored_this_run"] = scored_now
    metrics["batch_size"] = batch_size
    metrics["workers"] = workers
    metrics["latency_ms_per_item"] = latency
    if scored_now:
        metrics["items_per_second"] = scored_now / seconds if seconds > 0 else float("nan")
    else:
        metrics["items_per_second"] = 1000.0 / latency["mean_ms"] if latency["mean_ms"] else float("nan")

    baseline_scores: dict[str, dict[str, float]] = {}
    metrics["baselines"] = {}
    for name in baselines:
        values = BASELINES[name](every)
        baseline_scores[name] = {item.id: float(v) for item, v in zip(every, values, strict=True)}
        metrics["baselines"][name] = _evaluate(
            items, values[len(dev_items) :], values[: len(dev_items)], dev_labels, n_bootstrap, seed
        )

    matched = length_matched(items)
    total_pairs = count_pairs(items)
    if total_pairs:
        kept = np.array([scores[item.id] for item in matched])
        labels = np.array([item.hallucinated for item in matched], dtype=bool)
        groups = [item.group for item in matched]
        section: dict[str, Any] = {
            "pairs": count_pairs(matched),
            "pairs_total": total_pairs,
            "tolerance": LENGTH_TOLERANCE,
        }
        if matched:
            section["ours"] = classification_report(kept, labels, metrics["threshold"], n_bootstrap, seed, groups)
            section["baselines"] = {
                name: classification_report(
                    np.array([baseline_scores[name][item.id] for item in matched]),
                    labels,
                    metrics["baselines"][name]["threshold"],
                    n_bootstrap,
                    seed,
                    groups,
                )
                for name in baselines
            }
        metrics["length_matched"] = section
    if meta:
        metrics["meta"] = meta
    metrics = _clean(metrics)

    rows = []
    for item in every:
        row = dict(cached.pop(item.id))
        row["predicted"] = row["score"] >= metrics["threshold"]
        row["baselines"] = {name: baseline_scores[name][item.id] for name in baselines}
        rows.append(row)
    rows.extend(cached.values())  # predictions of items not in this run stay cached for a later one
    write_text_atomic(path, "".join(json.dumps(_clean(r), ensure_ascii=False) + "\n" for r in rows))
    write_text_atomic(out_dir / METRICS, json.dumps(metrics, indent=2, ensure_ascii=False) + "\n")
    if report:
        from grounding.evaluate.report import write_report

        write_report(out_dir, metrics, rows[: len(every)])
    return metrics
