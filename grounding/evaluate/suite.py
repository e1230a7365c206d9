"""`groundqa eval suite`: the verifier on every set of a folder at once, beside the naive baselines.

One benchmark decides nothing: rules and training tuned on HaluEval dialogue did not transfer. The
suite runs each generic file of a folder (by default the broad dev suite in the shared data) plus
HaluEval dialogue and summarization, each calibrated on its own dev half and measured on its test
half, and reports per set and on the mean: AUROC, balanced accuracy at the one default threshold
(what a user gets out of the box), and balanced accuracy at the set's dev threshold. Every naive
baseline sits beside it. Each set is an ordinary detection run folder under `out/`, so a re-run
scores only what changed and `groundqa eval compare` pairs two suites set by set.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from grounding import paths
from grounding.evaluate.baselines import BASELINES
from grounding.evaluate.compare import answer_group
from grounding.evaluate.detection import DEFAULT_THRESHOLD, PREDICTIONS
from grounding.evaluate.metrics import auroc, balanced_accuracy, paired_difference_ci
from knowledge.atomic import write_text_atomic
from knowledge.errors import InputError

if TYPE_CHECKING:
    from grounding.settings import Settings

HALUEVAL_SETS = ("halueval-dialogue", "halueval-summarization")
SUITE_REPORT = "suite.md"
SUITE_METRICS = "suite.json"
SUITE_PLOT = "suite_auroc.png"
NAIVE = ("token_overlap", "embedding_similarity", "answer_length")
SUITE_BOOTSTRAP = 1000


def default_suite_dir() -> Path:
    return paths.shared_data() / "dev-suite"


def suite_sets(directory: Path, halueval: bool = True) -> list[tuple[str, str, Path | None]]:
    """(set name, dataset loader, file) for every generic file in `directory`, then HaluEval's two sets."""
    directory = Path(directory)
    if not directory.is_dir():
        raise InputError(f"suite folder {directory} does not exist; pass the folder of generic .jsonl files")
    files = sorted(p for p in directory.iterdir() if p.suffix in {".jsonl", ".csv"} and p.is_file())
    if not files:
        raise InputError(f"suite folder {directory} holds no .jsonl or .csv files")
    sets: list[tuple[str, str, Path | None]] = [(p.stem, "generic", p) for p in files]
    if halueval:
        sets += [(name, name, None) for name in HALUEVAL_SETS]
    return sets


def run_suite(
    settings: Settings,
    out: Path,
    *,
    directory: Path | None = None,
    limit: int | None = None,
    dev_limit: int | None = None,
    halueval_limit: int = 200,
    seed: int = 0,
    options: Any = None,
    workers: int = 1,
    halueval: bool = True,
    progress: bool = True,
) -> dict[str, Any]:
    """Run every set, write `suite.md`, `suite.json` and a plot into `out`, return the summary.

    `limit` and `dev_limit` cap the items of each generic set's halves (None: all of them);
    HaluEval rows are capped at `halueval_limit` per half because the files hold thousands.
    """
    from grounding.evaluate.runner import detection_eval

    rows = []
    for name, loader, data in suite_sets(directory or default_suite_dir(), halueval):
        run_dir = Path(out) / name
        is_halueval = loader != "generic"
        metrics, _ = detection_eval(
            loader,
            settings,
            run_dir,
            data=data,
            limit=halueval_limit if is_halueval else limit,
            dev_limit=(halueval_limit if is_halueval else dev_limit) or 10**9,
            seed=seed,
            options=options,
            workers=workers,
            progress=progress,
            n_bootstrap=200,
        )
        rows.append(_set_row(name, metrics, run_dir))
    summary = {"sets": rows, "mean": _means(rows), "halueval": halueval, "limit": limit, "seed": seed}
    out = Path(out)
    write_text_atomic(out / SUITE_METRICS, json.dumps(summary, indent=2) + "\n")
    write_text_atomic(out / SUITE_REPORT, suite_markdown(summary))
    plot_suite(summary, out / SUITE_PLOT)
    return summary


def _set_row(name: str, metrics: dict[str, Any], run_dir: Path) -> dict[str, Any]:
    """One line of the table: the verifier's figures and every baseline's, on the test half."""
    test = _test_predictions(run_dir, int(metrics.get("n_dev", 0)), int(metrics["n"]))
    labels = np.array([bool(row["label"]) for row in test], dtype=bool)
    scores = np.array([row["score"] for row in test])
    row: dict[str, Any] = {
        "set": name,
        "n": int(metrics["n"]),
        "hallucinated": int(labels.sum()),
        "auroc": metrics["auroc"],
        "ba_default": balanced_accuracy(scores >= DEFAULT_THRESHOLD, labels),
        "ba_dev": metrics["balanced_accuracy"],
        "threshold_dev": metrics["threshold"],
        "baselines": {},
    }
    for baseline in BASELINES:
        if baseline == "always_hallucinated":
            continue
        figures = metrics["baselines"][baseline]
        row["baselines"][baseline] = {"auroc": figures["auroc"], "ba_dev": figures["balanced_accuracy"]}
    best = max(NAIVE, key=lambda b: _num(row["baselines"][b]["auroc"]))
    row["best_baseline"] = best
    row["beats_best_baseline"] = _num(row["auroc"]) >= _num(row["baselines"][best]["auroc"])
    row["vs_best_baseline"] = _against_baseline(test, scores, labels, best)
    return row


def _against_baseline(
    test: list[dict[str, Any]], scores: np.ndarray, labels: np.ndarray, baseline: str
) -> dict[str, Any]:
    """The verifier's AUROC minus the baseline's on the same test items, with its paired 95% interval.

    At 150 items a set's AUROC carries about +-0.04, so "above" or "below" a baseline by less means
    nothing; the paired interval says whether the gap is real (`ahead`, `behind`) or not (`level`)."""
    unknown = {"diff": None, "ci95": [None, None], "standing": "unknown"}
    if not test or any(baseline not in row.get("baselines", {}) for row in test):
        return unknown
    theirs = np.array([float(row["baselines"][baseline]) for row in test])
    groups = [answer_group(str(row["id"])) for row in test]
    diff = auroc(scores, labels) - auroc(theirs, labels)
    low, high = paired_difference_ci(auroc, scores, theirs, labels, n=SUITE_BOOTSTRAP, groups=groups)
    if not all(math.isfinite(v) for v in (diff, low, high)):
        return unknown
    standing = "ahead" if low > 0 else "behind" if high < 0 else "level"
    return {"diff": round(diff, 4), "ci95": [round(low, 4), round(high, 4)], "standing": standing}


def _test_predictions(run_dir: Path, dev: int, n: int) -> list[dict[str, Any]]:
    """The test half's cached predictions: predictions.jsonl holds dev items first, then test, then old ones."""
    rows = [json.loads(line) for line in (run_dir / PREDICTIONS).read_text(encoding="utf-8").splitlines() if line]
    return rows[dev : dev + n]


def _num(value: Any) -> float:
    return float(value) if isinstance(value, int | float) and math.isfinite(value) else float("nan")


def _means(rows: list[dict[str, Any]]) -> dict[str, Any]:
    def mean(values: list[float]) -> float | None:
        finite = [v for v in values if math.isfinite(v)]
        return round(float(np.mean(finite)), 4) if finite else None

    out: dict[str, Any] = {key: mean([_num(row[key]) for row in rows]) for key in ("auroc", "ba_default", "ba_dev")}
    out["baselines"] = (
        {
            name: {
                "auroc": mean([_num(row["baselines"][name]["auroc"]) for row in rows]),
                "ba_dev": mean([_num(row["baselines"][name]["ba_dev"]) for row in rows]),
            }
            for name in rows[0]["baselines"]
        }
        if rows
        else {}
    )
    out["sets_beating_best_baseline"] = sum(bool(row["beats_best_baseline"]) for row in rows)
    standings = [row.get("vs_best_baseline", {}).get("standing", "unknown") for row in rows]
    out["sets_vs_best_baseline"] = {name: standings.count(name) for name in ("ahead", "level", "behind")}
    out["sets_below_0_60"] = sum(_num(row["auroc"]) < 0.60 for row in rows)
    return out


def suite_markdown(summary: dict[str, Any]) -> str:
    baselines = list(summary["mean"].get("baselines", {}))
    head = ["set", "n (halluc.)", "AUROC", "bal. acc. @0.5", "bal. acc. @dev thr."] + [
        f"{b.replace('_', ' ')} AUROC" for b in baselines
    ]
    head.append("AUROC - best baseline (paired 95%)")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]

    def fmt(value: Any) -> str:
        number = _num(value)
        return f"{number:.3f}" if math.isfinite(number) else "-"

    for row in summary["sets"]:
        auroc_cell = fmt(row["auroc"])
        if not row["beats_best_baseline"]:
            auroc_cell += " (below " + row["best_baseline"].replace("_", " ") + ")"
        cells = [
            row["set"],
            f"{row['n']} ({row['hallucinated']})",
            auroc_cell,
            fmt(row["ba_default"]),
            fmt(row["ba_dev"]),
        ]
        cells += [fmt(row["baselines"][b]["auroc"]) for b in baselines]
        cells.append(_standing_cell(row.get("vs_best_baseline")))
        lines.append("| " + " | ".join(cells) + " |")
    mean = summary["mean"]
    cells = [
        "**mean**",
        "",
        f"**{fmt(mean['auroc'])}**",
        f"**{fmt(mean['ba_default'])}**",
        f"**{fmt(mean['ba_dev'])}**",
    ]
    cells += [fmt(mean["baselines"][b]["auroc"]) for b in baselines]
    cells.append("")
    lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(
        f"Sets at or above their best naive baseline: {mean['sets_beating_best_baseline']} of {len(summary['sets'])}; "
        f"sets below AUROC 0.60: {mean['sets_below_0_60']}."
    )
    counts = mean.get("sets_vs_best_baseline")
    if counts:
        lines.append(
            f"Against the best baseline with the paired interval: {counts['ahead']} ahead, {counts['level']} level "
            f"(the interval spans 0), {counts['behind']} behind."
        )
    return "\n".join(lines) + "\n"


def _standing_cell(against: dict[str, Any] | None) -> str:
    if not against or against.get("diff") is None:
        return "-"
    low, high = against["ci95"]
    return f"{against['diff']:+.3f} ({low:+.3f} to {high:+.3f}): {against['standing']}"


def plot_suite(summary: dict[str, Any], path: Path) -> None:
    """Grouped bars: the verifier's AUROC per set beside each naive baseline's."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = summary["sets"]
    names = [row["set"] for row in rows] + ["mean"]
    series = {"groundqa verifier": [_num(row["auroc"]) for row in rows] + [_num(summary["mean"]["auroc"])]}
    for baseline in summary["mean"].get("baselines", {}):
        series[baseline.replace("_", " ")] = [_num(row["baselines"][baseline]["auroc"]) for row in rows] + [
            _num(summary["mean"]["baselines"][baseline]["auroc"])
        ]
    width = 0.8 / len(series)
    fig, ax = plt.subplots(figsize=(max(8, 1.1 * len(names)), 4.2))
    for k, (label, values) in enumerate(series.items()):
        positions = np.arange(len(names)) + (k - (len(series) - 1) / 2) * width
        ax.bar(positions, values, width, label=label)
    ax.axhline(0.5, color="grey", linewidth=0.8, linestyle="--")
    ax.set_xticks(np.arange(len(names)), names, rotation=30, ha="right")
    ax.set_ylim(0.3, 1.0)
    ax.set_ylabel("AUROC (test half)")
    ax.set_title("Hallucination detection across the suite")
    ax.legend(fontsize=8, ncols=2)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
