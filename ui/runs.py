"""Reading a run folder written by `groundqa eval`: its metrics and plots, laid out for the page."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from grounding.evaluate.detection import METRICS
from grounding.evaluate.report import OURS, PLOTS
from knowledge.errors import InputError

COLUMNS = ("balanced_accuracy", "auroc", "f1", "precision", "recall", "ece", "threshold")  # as in report.md


def find_runs(folder: Path) -> list[Path]:
    """Run folders (those holding metrics.json): the folder itself or its direct subfolders."""
    if (folder / METRICS).is_file():
        return [folder]
    return sorted(p for p in folder.iterdir() if (p / METRICS).is_file())


def read_metrics(run: Path) -> dict[str, Any]:
    path = run / METRICS
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path}: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: invalid JSON at line {exc.lineno}: {exc.msg}") from exc
    if not isinstance(data, dict):
        raise InputError(f"{path} is not a metrics file written by `groundqa eval` (expected a JSON object)")
    return data


def cell(value: Any, figures: dict[str, Any], name: str) -> str:
    if not isinstance(value, int | float) or (isinstance(value, float) and not math.isfinite(value)):
        return "n/a"
    low, high = (figures.get("ci95", {}).get(name) or [None, None])[:2]
    return f"{value:.3f} [{low:.3f}, {high:.3f}]" if low is not None and high is not None else f"{value:.3f}"


def metrics_rows(metrics: dict[str, Any]) -> list[dict[str, str]]:
    """One row per scorer, ours first, as report.md lays them out."""
    scorers = [(OURS, metrics), *metrics.get("baselines", {}).items()]
    return [
        {
            "scorer": name,
            **{column.replace("_", " "): cell(figures.get(column), figures, column) for column in COLUMNS},
        }
        for name, figures in scorers
    ]


def figure_rows(metrics: dict[str, Any]) -> list[dict[str, str]]:
    """Every top-level figure of a run that is not a detection run (e.g. a generation run)."""
    return [
        {"figure": key.replace("_", " "), "value": cell(value, metrics, key)}
        for key, value in metrics.items()
        if isinstance(value, int | float) and not isinstance(value, bool)
    ]


def plot_files(run: Path) -> list[Path]:
    """The report's plots first, in report order, then any other PNG the run holds."""
    known = [run / name for name in PLOTS.values() if (run / name).is_file()]
    return known + sorted(p for p in run.glob("*.png") if p not in known)
