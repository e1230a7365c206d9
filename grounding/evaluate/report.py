"""A readable report of a detection run: one table (ours beside the baselines) and four plots.

The plots answer the questions a single number hides: does the verifier rank well at every
threshold (ROC), do its scores mean what they say (reliability), where do the two classes overlap
(histograms), and is it equally good on every kind of item (categories).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from grounding.evaluate.metrics import reliability_bins, roc_curve
from knowledge.atomic import atomic_path, write_text_atomic

REPORT = "report.md"
PLOTS = {
    "roc": "roc.png",
    "reliability": "reliability.png",
    "histogram": "score_histogram.png",
    "categories": "categories.png",
}
OURS = "verifier"


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _save(fig: Any, path: Path) -> None:
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format="png", dpi=110, bbox_inches="tight")
    _pyplot().close(fig)


def _test_rows(predictions: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    return [row for row in predictions if row.get("split") != "dev"]


def plot_roc(path: Path, metrics: dict[str, Any], rows: Sequence[dict[str, Any]]) -> None:
    plt = _pyplot()
    labels = np.array([bool(r["label"]) for r in rows])
    fig, ax = plt.subplots(figsize=(5.5, 5))
    ax.plot([0, 1], [0, 1], color="0.75", linestyle=":", linewidth=1)
    curves = [(OURS, [r["score"] for r in rows], metrics.get("auroc"))]
    for name, figures in metrics.get("baselines", {}).items():
        curves.append((name, [r.get("baselines", {}).get(name, 0.0) for r in rows], figures.get("auroc")))
    for i, (name, scores, area) in enumerate(curves):
        fpr, tpr, _ = roc_curve(np.asarray(scores, dtype=float), labels)
        ax.plot(
            fpr,
            tpr,
            linewidth=2.4 if i == 0 else 1.3,
            linestyle="-" if i == 0 else "--",
            label=f"{name} (AUROC {_num(area)})",
            zorder=3 if i == 0 else 2,
        )
    ax.set(
        xlabel="false positive rate (right answers flagged)",
        ylabel="true positive rate (hallucinations caught)",
    )
    ax.set(xlim=(0, 1), ylim=(0, 1.01), title="ROC on the evaluation items")
    ax.legend(loc="lower right", fontsize=8)
    ax.grid(alpha=0.3)
    _save(fig, path)


def plot_reliability(path: Path, metrics: dict[str, Any], rows: Sequence[dict[str, Any]]) -> None:
    plt = _pyplot()
    scores = np.clip([r["score"] for r in rows], 0.0, 1.0)
    bins = reliability_bins(scores, [bool(r["label"]) for r in rows])
    fig, (ax, counts) = plt.subplots(2, 1, figsize=(5.5, 6), sharex=True, gridspec_kw={"height_ratios": [3, 1]})
    ax.plot([0, 1], [0, 1], color="0.6", linestyle=":", label="perfect calibration")
    filled = [b for b in bins if b["count"]]
    ax.bar(
        [(b["low"] + b["high"]) / 2 for b in filled],
        [b["fraction_hallucinated"] for b in filled],
        width=0.09,
        color="tab:blue",
        alpha=0.75,
        label="share hallucinated",
    )
    ax.plot(
        [b["mean_score"] for b in filled],
        [b["fraction_hallucinated"] for b in filled],
        "o",
        color="tab:red",
        label="at mean score of bin",
    )
    ax.set(
        ylabel="share actually hallucinated",
        ylim=(0, 1),
        title=f"Reliability (ECE {_num(metrics.get('ece'))})",
    )
    ax.legend(loc="upper left", fontsize=8)
    ax.grid(alpha=0.3)
    counts.bar([(b["low"] + b["high"]) / 2 for b in bins], [b["count"] for b in bins], width=0.09, color="0.5")
    counts.set(xlabel="hallucination score", ylabel="items", xlim=(0, 1))
    _save(fig, path)


def plot_histogram(path: Path, metrics: dict[str, Any], rows: Sequence[dict[str, Any]]) -> None:
    plt = _pyplot()
    scores = np.array([r["score"] for r in rows], dtype=float)
    labels = np.array([bool(r["label"]) for r in rows])
    low, high = min(0.0, float(scores.min(initial=0.0))), max(1.0, float(scores.max(initial=1.0)))
    edges = np.linspace(low, high, 21)
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.hist(scores[~labels], bins=edges, alpha=0.6, color="tab:green", label=f"right answers ({(~labels).sum()})")
    ax.hist(scores[labels], bins=edges, alpha=0.6, color="tab:red", label=f"hallucinated ({labels.sum()})")
    threshold = metrics.get("threshold")
    if threshold is not None:
        ax.axvline(threshold, color="black", linestyle="--", label=f"threshold {threshold:.3f}")
    ax.set(xlabel="hallucination score", ylabel="items", title="Verifier scores by true label")
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    _save(fig, path)


def plot_categories(path: Path, metrics: dict[str, Any]) -> None:
    plt = _pyplot()
    categories = metrics.get("per_category", {})
    names = list(categories)
    values = [categories[n]["balanced_accuracy"] for n in names]
    accuracy = [categories[n]["accuracy"] for n in names]
    x = np.arange(len(names))
    fig, ax = plt.subplots(figsize=(max(5.0, 0.9 * len(names) + 2), 4))
    nan = float("nan")
    ax.bar(x - 0.2, [v if v is not None else nan for v in values], width=0.4, label="balanced accuracy")
    ax.bar(x + 0.2, [v if v is not None else nan for v in accuracy], width=0.4, label="accuracy")
    ax.axhline(0.5, color="0.6", linestyle=":")
    ax.set_xticks(x, [f"{n}\n(n={categories[n]['n']})" for n in names], fontsize=8)
    ax.set(ylim=(0, 1), ylabel="score", title="Verifier by category (no bar: undefined)")
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.grid(alpha=0.3, axis="y")
    _save(fig, path)


def _num(value: Any, digits: int = 3) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "n/a"
    return f"{value:.{digits}f}"


def _ci(figures: dict[str, Any], name: str) -> str:
    low, high = (figures.get("ci95", {}).get(name) or [None, None])[:2]
    if low is None or high is None:
        return _num(figures.get(name))
    return f"{_num(figures.get(name))} [{_num(low)}, {_num(high)}]"


def _table(rows: list[tuple[str, dict[str, Any]]]) -> list[str]:
    header = ["scorer", "balanced accuracy [95% CI]", "AUROC [95% CI]", "F1 [95% CI]"]
    header += ["precision", "recall", "ECE", "threshold"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for name, f in rows:
        source = f" ({f['threshold_source']})" if f.get("threshold_source") else ""
        cells = [name, _ci(f, "balanced_accuracy"), _ci(f, "auroc"), _ci(f, "f1"), _num(f.get("precision"))]
        cells += [_num(f.get("recall")), _num(f.get("ece")), _num(f.get("threshold")) + source]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def write_report(out_dir: Path, metrics: dict[str, Any], predictions: Sequence[dict[str, Any]]) -> Path:
    """report.md and its PNGs in `out_dir`; figures come from `metrics`, curves from the test predictions."""
    out_dir = Path(out_dir)
    rows = _test_rows(predictions)
    meta = metrics.get("meta", {})
    lines = [f"# Hallucination detection: {meta.get('dataset', 'evaluation')}", ""]
    if meta:
        lines += [f"- {key}: `{value}`" for key, value in meta.items() if not isinstance(value, dict | list)]
    confusion = metrics.get("confusion", {})
    latency = metrics.get("latency_ms_per_item", {})
    threshold = f"{_num(metrics.get('threshold'))} ({metrics.get('threshold_source')})"
    lines += [
        f"- evaluation items: {metrics.get('n')} ({metrics.get('n_hallucinated')} hallucinated); "
        f"dev items for calibration: {metrics.get('n_dev', 0)}",
        f"- threshold {threshold}: score >= threshold means hallucinated; baselines calibrated alike.",
        f"- confusion (hallucinated = positive): tp {confusion.get('tp')}, fp {confusion.get('fp')}, "
        f"tn {confusion.get('tn')}, fn {confusion.get('fn')}",
        f"- speed: {_num(metrics.get('items_per_second'), 2)} items/s; latency per item (batch time / batch "
        f"size, batch {metrics.get('batch_size')}): p50 {_num(latency.get('p50_ms'), 1)} ms, "
        f"p95 {_num(latency.get('p95_ms'), 1)} ms",
        "",
        "## Ours beside the baselines",
        "",
        *_table([(OURS, metrics), *metrics.get("baselines", {}).items()]),
        "",
        "A figure means little unless it clearly beats `answer_length` and `token_overlap`: on HaluEval QA "
        "length alone separates most pairs. ECE is n/a for scores outside [0, 1].",
        "",
    ]
    matched = metrics.get("length_matched")
    if matched:
        lines += [
            "## Length-matched pairs",
            "",
            f"{matched['pairs']} of {matched['pairs_total']} pairs whose two answers differ in length by at "
            f"most {int(matched['tolerance'] * 100)}%; same thresholds as above.",
            "",
        ]
        if matched.get("ours"):
            lines += [*_table([(OURS, matched["ours"]), *matched.get("baselines", {}).items()]), ""]

    plt_paths = {}
    if rows:
        plot_roc(out_dir / PLOTS["roc"], metrics, rows)
        plot_reliability(out_dir / PLOTS["reliability"], metrics, rows)
        plot_histogram(out_dir / PLOTS["histogram"], metrics, rows)
        plt_paths = {k: PLOTS[k] for k in ("roc", "reliability", "histogram")}
    categories = metrics.get("per_category") or {}
    if categories:
        lines += [
            "## By category",
            "",
            "| category | n | hallucinated | accuracy | balanced accuracy | F1 | AUROC |",
            "|---|---|---|---|---|---|---|",
        ]
        for name, f in categories.items():
            lines.append(
                f"| {name} | {f['n']} | {f['n_hallucinated']} | {_num(f.get('accuracy'))} | "
                f"{_num(f.get('balanced_accuracy'))} | {_num(f.get('f1'))} | {_num(f.get('auroc'))} |"
            )
        lines.append("")
        plot_categories(out_dir / PLOTS["categories"], metrics)
        plt_paths["categories"] = PLOTS["categories"]
    if plt_paths:
        lines += ["## Plots", ""]
        lines += [f"![{key}]({name})" for key, name in plt_paths.items()]
        lines.append("")
    path = out_dir / REPORT
    write_text_atomic(path, "\n".join(lines))
    return path
