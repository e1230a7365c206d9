"""Detection metrics in plain numpy, small enough to check by hand.

Convention everywhere: `labels` is True for a hallucinated answer (the positive class) and a higher
score means "more likely hallucinated"; an item is predicted hallucinated when score >= threshold.
Undefined values (a metric that needs both classes when one is absent) are NaN, never a guess.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

import numpy as np

from knowledge.errors import InputError

ArrayLike = Sequence[float] | Sequence[bool] | np.ndarray
MetricFn = Callable[[np.ndarray, np.ndarray], float]


def _arrays(scores: ArrayLike, labels: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    s = np.asarray(scores, dtype=float)
    y = np.asarray(labels, dtype=bool)
    if s.shape != y.shape or s.ndim != 1:
        raise InputError(f"scores and labels must be 1-d arrays of one length, got {s.shape} and {y.shape}")
    return s, y


def confusion_matrix(predicted: ArrayLike, labels: ArrayLike) -> dict[str, int]:
    """Counts with hallucinated as positive: tp = hallucination caught, fp = right answer flagged."""
    p, y = (np.asarray(predicted, dtype=bool), np.asarray(labels, dtype=bool))
    return {
        "tp": int(np.sum(p & y)),
        "fp": int(np.sum(p & ~y)),
        "tn": int(np.sum(~p & ~y)),
        "fn": int(np.sum(~p & y)),
    }


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else float("nan")


def balanced_accuracy(predicted: ArrayLike, labels: ArrayLike) -> float:
    """Mean of recall on each class: 0.5 for any constant guess, whatever the class balance."""
    c = confusion_matrix(predicted, labels)
    return (_ratio(c["tp"], c["tp"] + c["fn"]) + _ratio(c["tn"], c["tn"] + c["fp"])) / 2


def accuracy(predicted: ArrayLike, labels: ArrayLike) -> float:
    p, y = (np.asarray(predicted, dtype=bool), np.asarray(labels, dtype=bool))
    return float(np.mean(p == y)) if len(y) else float("nan")


def precision_recall_f1(predicted: ArrayLike, labels: ArrayLike) -> tuple[float, float, float]:
    """Of the hallucinated class. Precision is NaN when nothing is flagged; F1 is 0 when nothing is caught."""
    c = confusion_matrix(predicted, labels)
    precision = _ratio(c["tp"], c["tp"] + c["fp"])
    recall = _ratio(c["tp"], c["tp"] + c["fn"])
    f1 = _ratio(2 * c["tp"], 2 * c["tp"] + c["fp"] + c["fn"])
    return precision, recall, f1


def f1_score(predicted: ArrayLike, labels: ArrayLike) -> float:
    return precision_recall_f1(predicted, labels)[2]


def _midranks(values: np.ndarray) -> np.ndarray:
    """1-based ranks with tied values sharing the mean of their ranks (as scipy.stats.rankdata)."""
    order = np.argsort(values, kind="mergesort")
    ordered = values[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    ends = np.r_[starts[1:], len(values)]
    ranks = np.empty(len(values), dtype=float)
    ranks[order] = np.repeat((starts + ends + 1) / 2.0, ends - starts)
    return ranks


def auroc(scores: ArrayLike, labels: ArrayLike) -> float:
    """P(score of a hallucinated item > score of a right one), ties counting one half (Mann-Whitney U)."""
    s, y = _arrays(scores, labels)
    positives, negatives = int(y.sum()), int((~y).sum())
    if positives == 0 or negatives == 0:
        return float("nan")
    u = _midranks(s)[y].sum() - positives * (positives + 1) / 2
    return float(u / (positives * negatives))


def roc_curve(scores: ArrayLike, labels: ArrayLike) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(fpr, tpr, thresholds), from the strictest threshold (+inf, nothing flagged) to flagging everything."""
    s, y = _arrays(scores, labels)
    order = np.argsort(-s, kind="mergesort")
    ordered, hits = s[order], y[order]
    last_of_value = np.r_[ordered[1:] != ordered[:-1], True] if len(s) else np.zeros(0, dtype=bool)
    tp = np.cumsum(hits)[last_of_value]
    fp = np.cumsum(~hits)[last_of_value]
    positives, negatives = max(int(y.sum()), 1), max(int((~y).sum()), 1)
    fpr = np.r_[0.0, fp / negatives]
    tpr = np.r_[0.0, tp / positives]
    return fpr, tpr, np.r_[np.inf, ordered[last_of_value]]


def best_threshold(scores: ArrayLike, labels: ArrayLike) -> float:
    """The threshold with the best balanced accuracy on these (dev) items.

    It is placed halfway between the lowest score it flags and the next lower score, so unseen
    test scores in that gap fall on the side both neighbours suggest. Ties go to the stricter
    (higher) threshold.
    """
    s, y = _arrays(scores, labels)
    if y.all() or not y.any():
        raise InputError(f"cannot calibrate a threshold on {len(y)} items that hold only one class")
    fpr, tpr, thresholds = roc_curve(s, y)
    ba = (tpr + 1 - fpr) / 2
    ba[0] = -1.0  # the +inf threshold flags nothing; never pick it
    best = int(np.argmax(ba))
    if best + 1 < len(thresholds):
        return float((thresholds[best] + thresholds[best + 1]) / 2)
    return float(thresholds[best])


def reliability_bins(scores: ArrayLike, labels: ArrayLike, bins: int = 10) -> list[dict[str, float]]:
    """Equal-width bins on [0, 1]: count, mean score and share hallucinated in each (1.0 goes in the last)."""
    s, y = _arrays(scores, labels)
    index = np.clip((s * bins).astype(int), 0, bins - 1)
    out = []
    for b in range(bins):
        mask = index == b
        n = int(mask.sum())
        out.append(
            {
                "low": b / bins,
                "high": (b + 1) / bins,
                "count": n,
                "mean_score": float(s[mask].mean()) if n else float("nan"),
                "fraction_hallucinated": float(y[mask].mean()) if n else float("nan"),
            }
        )
    return out


def expected_calibration_error(scores: ArrayLike, labels: ArrayLike, bins: int = 10) -> float:
    """Count-weighted mean |mean score - share hallucinated| over bins; NaN unless scores are in [0, 1]."""
    s, y = _arrays(scores, labels)
    if not len(s) or s.min() < 0.0 or s.max() > 1.0:
        return float("nan")
    total = 0.0
    for row in reliability_bins(s, y, bins):
        if row["count"]:
            total += row["count"] * abs(row["mean_score"] - row["fraction_hallucinated"])
    return total / len(s)


def _group_layout(groups: Sequence[Any] | None, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(order, starts, lengths): items sorted by group so a group is one contiguous run."""
    if groups is None:
        return np.arange(n), np.arange(n), np.ones(n, dtype=int)
    _, inverse = np.unique(np.asarray([str(g) for g in groups]), return_inverse=True)
    order = np.argsort(inverse, kind="mergesort")
    lengths = np.bincount(inverse)
    starts = np.r_[0, np.cumsum(lengths)[:-1]]
    return order, starts, lengths


def _resamples(groups: Sequence[Any] | None, size: int, n: int, seed: int) -> Iterator[np.ndarray]:
    """`n` bootstrap resamples of `size` items as index arrays, whole groups at a time."""
    order, starts, lengths = _group_layout(groups, size)
    rng = np.random.default_rng(seed)
    for _ in range(n):
        picked = rng.integers(0, len(starts), size=len(starts))
        sizes = lengths[picked]
        offsets = np.repeat(starts[picked] - np.r_[0, np.cumsum(sizes)[:-1]], sizes)
        yield order[offsets + np.arange(sizes.sum())]


def _percentile_interval(values: list[float], confidence: float) -> tuple[float, float]:
    """The central `confidence` interval of the resampled values, leaving out undefined ones."""
    finite = np.asarray(values, dtype=float)
    finite = finite[~np.isnan(finite)]
    if not len(finite):
        return float("nan"), float("nan")
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(finite, [tail, 100 - tail])
    return float(low), float(high)


def bootstrap_ci(
    metric_fn: MetricFn,
    scores: ArrayLike,
    labels: ArrayLike,
    n: int = 1000,
    seed: int = 0,
    confidence: float = 0.95,
    groups: Sequence[Any] | None = None,
) -> tuple[float, float]:
    """Percentile bootstrap interval of `metric_fn(scores, labels)`.

    With `groups` whole groups are resampled (the right and hallucinated answer of one source row
    are not independent, so resampling them apart would make the interval too narrow). Resamples
    where the metric is undefined are left out.
    """
    s, y = _arrays(scores, labels)
    if not len(s) or n <= 0:
        return float("nan"), float("nan")
    values = [metric_fn(s[index], y[index]) for index in _resamples(groups, len(s), n, seed)]
    return _percentile_interval(values, confidence)


def paired_difference_ci(
    metric_fn: MetricFn,
    scores_a: ArrayLike,
    scores_b: ArrayLike,
    labels: ArrayLike,
    n: int = 1000,
    seed: int = 0,
    confidence: float = 0.95,
    groups: Sequence[Any] | None = None,
) -> tuple[float, float]:
    """Percentile bootstrap interval of `metric_fn(scores_a) - metric_fn(scores_b)` on the same items.

    Both scorers are resampled together, so what they share (an item both find hard) cancels: two
    overlapping per-scorer intervals can hide a real difference that this interval shows. With
    `groups` whole groups are resampled, as in `bootstrap_ci`.
    """
    a, y = _arrays(scores_a, labels)
    b, _ = _arrays(scores_b, labels)
    if not len(a) or n <= 0:
        return float("nan"), float("nan")
    values = [
        metric_fn(a[index], y[index]) - metric_fn(b[index], y[index]) for index in _resamples(groups, len(a), n, seed)
    ]
    return _percentile_interval(values, confidence)


def latency_percentiles(values_ms: ArrayLike) -> dict[str, float]:
    v = np.asarray(values_ms, dtype=float)
    if not len(v):
        return {
            "p50_ms": float("nan"),
            "p95_ms": float("nan"),
            "p99_ms": float("nan"),
            "mean_ms": float("nan"),
        }
    p50, p95, p99 = np.percentile(v, [50, 95, 99])
    return {"p50_ms": float(p50), "p95_ms": float(p95), "p99_ms": float(p99), "mean_ms": float(v.mean())}


def at_threshold(threshold: float) -> dict[str, MetricFn]:
    """Thresholded metrics as (scores, labels) functions, the shape `bootstrap_ci` takes."""
    return {
        "balanced_accuracy": lambda s, y: balanced_accuracy(s >= threshold, y),
        "f1": lambda s, y: f1_score(s >= threshold, y),
        "auroc": auroc,
    }


def classification_report(
    scores: ArrayLike,
    labels: ArrayLike,
    threshold: float,
    n_bootstrap: int = 1000,
    seed: int = 0,
    groups: Sequence[Any] | None = None,
) -> dict[str, Any]:
    """Every figure the harness reports for one scorer at one threshold (NaN where undefined)."""
    s, y = _arrays(scores, labels)
    predicted = s >= threshold
    precision, recall, f1 = precision_recall_f1(predicted, y)
    fns = at_threshold(threshold)
    return {
        "n": len(s),
        "n_hallucinated": int(y.sum()),
        "threshold": float(threshold),
        "balanced_accuracy": balanced_accuracy(predicted, y),
        "accuracy": accuracy(predicted, y),
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "auroc": auroc(s, y),
        "ece": expected_calibration_error(s, y),
        "confusion": confusion_matrix(predicted, y),
        "ci95": {
            name: list(bootstrap_ci(fn, s, y, n=n_bootstrap, seed=seed, groups=groups)) for name, fn in fns.items()
        },
    }
