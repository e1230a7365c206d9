"""Two runs side by side: each figure, the difference B - A, and a paired bootstrap interval of it.

Differences are computed on the items both runs scored (same ids, dev items left out), and the
bootstrap resamples those items jointly for both runs: a change that is real shows an interval
that excludes 0, while two overlapping per-run intervals would hide it. The two answers of one
HaluEval row (or all answers of one TruthfulQA question) are resampled together.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from grounding.evaluate.metrics import auroc, balanced_accuracy, f1_score
from knowledge.errors import InputError

GENERATION_FIGURES = {
    "accuracy": "correct",
    "token_f1": "f1",
    "hallucination_rate_raw": "raw_hallucinated",
    "hallucination_rate": "hallucinated",
    "abstention_rate": "abstained",
}
_ANSWER_SUFFIX = re.compile(r":(right|hallucinated)(:\d+)?$")
Figure = Callable[[dict[str, np.ndarray], np.ndarray], float]


def answer_group(item_id: str) -> str:
    """The source row of an answer's id: the answers of one row are resampled together."""
    return _ANSWER_SUFFIX.sub("", item_id)


def _load(run: Path) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    run = Path(run)
    try:
        metrics = json.loads((run / "metrics.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{run} is not a run folder: it has no metrics.json") from None
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read {run / 'metrics.json'}: {exc}") from exc
    rows: dict[str, dict[str, Any]] = {}
    path = run / "predictions.jsonl"
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(row, dict) and "id" in row and row.get("split") != "dev" and "error" not in row:
                rows[str(row["id"])] = row
    return metrics, rows


def mode_of(metrics: dict[str, Any]) -> str:
    return "generation" if metrics.get("mode") == "generation" or "hallucination_rate" in metrics else "detection"


def _figures(mode: str, metrics: dict[str, Any]) -> dict[str, Figure]:
    if mode == "generation":
        return {name: (lambda c, i, key=key: float(c[key][i].mean())) for name, key in GENERATION_FIGURES.items()}
    return {
        "balanced_accuracy": lambda c, i: balanced_accuracy(c["predicted"][i], c["label"][i]),
        "auroc": lambda c, i: auroc(c["score"][i], c["label"][i]),
        "f1": lambda c, i: f1_score(c["predicted"][i], c["label"][i]),
    }


def _columns(mode: str, rows: list[dict[str, Any]]) -> dict[str, np.ndarray]:
    if mode == "generation":
        return {key: np.array([float(r.get(key) or 0.0) for r in rows]) for key in GENERATION_FIGURES.values()}
    return {
        "score": np.array([float(r["score"]) for r in rows]),
        "label": np.array([bool(r["label"]) for r in rows]),
        "predicted": np.array([bool(r.get("predicted", False)) for r in rows]),
    }


def compare_runs(run_a: Path, run_b: Path, n_bootstrap: int = 1000, seed: int = 0) -> dict[str, Any]:
    """Figures of both runs on their common items, with the paired 95% interval of B - A."""
    metrics_a, rows_a = _load(run_a)
    metrics_b, rows_b = _load(run_b)
    mode = mode_of(metrics_a)
    if mode_of(metrics_b) != mode:
        raise InputError(f"{run_a} is a {mode} run and {run_b} a {mode_of(metrics_b)} run: they do not compare")
    common = sorted(set(rows_a) & set(rows_b))
    if not common:
        raise InputError(f"{run_a} and {run_b} share no evaluated item: they ran on different questions")
    columns_a = _columns(mode, [rows_a[i] for i in common])
    columns_b = _columns(mode, [rows_b[i] for i in common])
    groups = np.unique([answer_group(i) for i in common], return_inverse=True)[1]
    members = [np.flatnonzero(groups == g) for g in range(groups.max() + 1)]
    rng = np.random.default_rng(seed)
    everything = np.arange(len(common))
    figures: dict[str, Any] = {}
    for name, fn in _figures(mode, metrics_a).items():
        a, b = fn(columns_a, everything), fn(columns_b, everything)
        diffs = []
        for _ in range(n_bootstrap):
            picked = np.concatenate([members[g] for g in rng.integers(0, len(members), size=len(members))])
            diffs.append(fn(columns_b, picked) - fn(columns_a, picked))
        values = np.array([d for d in diffs if np.isfinite(d)])
        interval = [float(v) for v in np.percentile(values, [2.5, 97.5])] if len(values) else [None, None]
        figures[name] = {
            "a": a,
            "b": b,
            "a_ci95": (metrics_a.get("ci95") or {}).get(name),
            "b_ci95": (metrics_b.get("ci95") or {}).get(name),
            "diff": b - a,
            "diff_ci95": interval,
            "significant": bool(interval[0] is not None and (interval[0] > 0 or interval[1] < 0)),
        }
    return {
        "mode": mode,
        "a": str(run_a),
        "b": str(run_b),
        "n_common": len(common),
        "n_a": len(rows_a),
        "n_b": len(rows_b),
        "figures": figures,
    }
