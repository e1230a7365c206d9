"""report.md of a generation run: the figures with intervals, targets, latency per stage, two plots.

The first plot shows what mitigation buys and costs in one picture (hallucinated answers before
and after, abstentions, accuracy before and after); the second where a question's time goes.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from grounding.evaluate.report import REPORT, _num, _pyplot, _save
from knowledge.atomic import write_text_atomic

GENERATION_PLOTS = {"rates": "rates.png", "latency": "latency.png"}


def _with_ci(metrics: dict[str, Any], key: str) -> str:
    low, high = (metrics.get("ci95", {}).get(key) or [None, None])[:2]
    value = _num(metrics.get(key))
    return value if low is None or high is None else f"{value} [{_num(low)}, {_num(high)}]"


def plot_rates(path: Path, metrics: dict[str, Any]) -> None:
    plt = _pyplot()
    groups = [
        ("hallucination rate", metrics.get("hallucination_rate_raw"), metrics.get("hallucination_rate")),
        ("abstention rate", metrics.get("abstention_rate_raw"), metrics.get("abstention_rate")),
        ("quote rate", 0.0, metrics.get("quote_rate")),
        ("accuracy (gold contained)", metrics.get("accuracy_raw"), metrics.get("accuracy")),
        ("token F1", metrics.get("token_f1_raw"), metrics.get("token_f1")),
    ]
    x = np.arange(len(groups))
    nan = float("nan")
    fig, ax = plt.subplots(figsize=(7, 4))
    raw = [g[1] if g[1] is not None else nan for g in groups]
    final = [g[2] if g[2] is not None else nan for g in groups]
    ax.bar(x - 0.2, raw, width=0.4, color="tab:red", alpha=0.7, label="raw answer")
    ax.bar(x + 0.2, final, width=0.4, color="tab:green", alpha=0.8, label="after verification and mitigation")
    for i, (a, b) in enumerate(zip(raw, final, strict=True)):
        ax.text(i - 0.2, (a if a == a else 0) + 0.01, _num(a, 2), ha="center", fontsize=8)
        ax.text(i + 0.2, (b if b == b else 0) + 0.01, _num(b, 2), ha="center", fontsize=8)
    ax.set_xticks(x, [g[0] for g in groups], fontsize=8)
    ax.set(ylim=(0, 1.08), ylabel="share of questions", title=f"Raw vs mitigated ({metrics.get('n')} questions)")
    ax.legend(fontsize=8, loc="upper left")
    ax.grid(alpha=0.3, axis="y")
    _save(fig, path)


def plot_latency(path: Path, metrics: dict[str, Any]) -> None:
    plt = _pyplot()
    stages = {k: v for k, v in (metrics.get("latency_ms_per_stage") or {}).items() if k != "total"}
    names = list(stages)
    fig, ax = plt.subplots(figsize=(7, 3.8))
    p50 = [stages[n].get("p50_ms") or 0.0 for n in names]
    p95 = [stages[n].get("p95_ms") or 0.0 for n in names]
    y = np.arange(len(names))
    ax.barh(y, p95, color="0.8", label="p95")
    ax.barh(y, p50, color="tab:blue", label="p50")
    ax.set_yticks(y, names)
    ax.invert_yaxis()
    ax.set(xlabel="milliseconds per question", title="Latency per pipeline stage")
    if any(v > 0 for v in p95):
        ax.set_xscale("symlog", linthresh=1.0)
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3, axis="x")
    _save(fig, path)


def write_generation_report(out_dir: Path, metrics: dict[str, Any], rows: Sequence[dict[str, Any]]) -> Path:
    out_dir = Path(out_dir)
    meta = metrics.get("meta", {})
    targets = metrics.get("targets", {})
    lines = [f"# Question answering: {meta.get('dataset', 'evaluation')}", ""]
    lines += [f"- {key}: `{value}`" for key, value in meta.items() if not isinstance(value, dict | list)]
    lines += [
        f"- questions: {metrics.get('n')} ({metrics.get('errors', 0)} refused with an error); answered by "
        + ", ".join(f"{k} {v}" for k, v in (metrics.get("answerers") or {}).items()),
        "",
        "| figure | raw answer | after mitigation |",
        "|---|---|---|",
        f"| accuracy (a gold answer contained) | {_with_ci(metrics, 'accuracy_raw')} | "
        f"{_with_ci(metrics, 'accuracy')} |",
        f"| token F1 | {_num(metrics.get('token_f1_raw'))} | {_with_ci(metrics, 'token_f1')} |",
        f"| hallucination rate | {_with_ci(metrics, 'hallucination_rate_raw')} | "
        f"{_with_ci(metrics, 'hallucination_rate')} |",
        f"| abstention rate | {_num(metrics.get('abstention_rate_raw'))} | {_with_ci(metrics, 'abstention_rate')} |",
        f"| quote rate (evidence quoted verbatim) | - | {_with_ci(metrics, 'quote_rate')} |",
        "",
        "Hallucinated: at least one claim contradicted or unverifiable. An abstention is neither right nor "
        "hallucinated. Intervals: bootstrap 95% over questions. The raw answer is the naive baseline: "
        "the same answerer without verification.",
        "",
        f"- accuracy among answered questions: {_num(metrics.get('accuracy_when_answered'))}; hallucination "
        f"rate among answered: {_num(metrics.get('hallucination_rate_when_answered'))}",
        f"- quoted answers: {metrics.get('quoted', 0)}, accuracy {_num(metrics.get('accuracy_quoted'))}; the "
        f"answerer's own answers (neither quoted nor refused): accuracy "
        f"{_num(metrics.get('accuracy_unquoted_answers'))}",
        f"- mitigation removed {_num(metrics.get('hallucination_reduction'))} of the raw hallucinations "
        f"(drop {_num((metrics.get('hallucination_drop') or {}).get('value'))}, 95% CI "
        f"{[_num(v) for v in (metrics.get('hallucination_drop') or {}).get('ci95', [])]})",
        f"- target 'mitigation halves the hallucination rate': {targets.get('hallucination_halved')}; "
        f"'abstains on fewer than a quarter': {targets.get('abstention_below_quarter')}",
        "",
        "## Latency per stage (ms; load_llm counts once per process)",
        "",
        "| stage | n | p50 | p95 | mean |",
        "|---|---|---|---|---|",
    ]
    for stage, figures in (metrics.get("latency_ms_per_stage") or {}).items():
        lines.append(
            f"| {stage} | {figures.get('n')} | {_num(figures.get('p50_ms'), 1)} | {_num(figures.get('p95_ms'), 1)} "
            f"| {_num(figures.get('mean_ms'), 1)} |"
        )
    categories = metrics.get("per_category") or {}
    if categories:
        lines += [
            "",
            "## By category",
            "",
            "| category | n | accuracy | hallucination raw | hallucination | abstention | quote |",
            "|---|---|---|---|---|---|---|",
        ]
        for name, f in categories.items():
            lines.append(
                f"| {name} | {f['n']} | {_num(f['accuracy'])} | {_num(f['hallucination_rate_raw'])} | "
                f"{_num(f['hallucination_rate'])} | {_num(f['abstention_rate'])} | {_num(f.get('quote_rate'))} |"
            )
    examples = [r for r in rows if "error" not in r][:5]
    if examples:
        lines += ["", "## First answers", ""]
        for row in examples:
            lines.append(
                f"- **{row['question']}** gold: {', '.join(row['gold'][:3])}; raw: {row['raw_answer'][:160]!r}; "
                f"shown: {row['answer'][:160]!r}"
            )
    plot_rates(out_dir / GENERATION_PLOTS["rates"], metrics)
    plot_latency(out_dir / GENERATION_PLOTS["latency"], metrics)
    lines += ["", "## Plots", "", *(f"![{k}]({v})" for k, v in GENERATION_PLOTS.items()), ""]
    path = out_dir / REPORT
    write_text_atomic(path, "\n".join(lines))
    return path
