"""`groundqa eval`: detection, generation, ablation and paired comparison of runs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from grounding.cli.common import ConfigOption, JsonOption, RuntimeOption, app, console, emit_json, handle_errors
from grounding.factory import DEFAULT_MITIGATION, parse_mitigation
from grounding.registry import ANSWERERS, DATASETS
from grounding.settings import load_settings
from knowledge.errors import GroundQAError


@app.command("eval")
@handle_errors
def evaluate(
    name: Annotated[
        str,
        typer.Argument(help=", ".join(DATASETS.names()) + "; or 'compare' followed by two run folders."),
    ],
    runs: Annotated[list[Path] | None, typer.Argument(help="With 'compare': RUN_A RUN_B.", show_default=False)] = None,
    mode: Annotated[
        str, typer.Option("--mode", help="detection (labelled answers) or generation (ask).")
    ] = "detection",
    data: Annotated[Path | None, typer.Option("--data", help="A local copy of the set (required for generic).")] = None,
    split: Annotated[
        str, typer.Option("--split", help="Split to evaluate: train, dev, test (or all, in generation).")
    ] = "test",
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Seeded subset: source rows / questions.")] = None,
    dev_limit: Annotated[int, typer.Option("--dev-limit", min=0, help="Dev rows for threshold calibration.")] = 150,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the row subset and the bootstrap.")] = 0,
    out: Annotated[Path | None, typer.Option("--out", help="Run folder (default runs/NAME or runs/NAME-gen).")] = None,
    model: Annotated[str | None, typer.Option("--model", help="Verifier model: a folder or hub id.")] = None,
    runtime: RuntimeOption = None,
    kb: Annotated[
        Path | None,
        typer.Option(
            "--kb",
            help="KB to retrieve from (generation; default: the set's corpus) or for the graph checker (detection).",
        ),
    ] = None,
    llm: Annotated[str, typer.Option("--llm", help="LLM for generation and the LLM-judge ablation.")] = "default",
    answerer: Annotated[
        str, typer.Option("--answerer", help="Generation: " + ", ".join(ANSWERERS.names()) + ".")
    ] = "auto",
    mitigation: Annotated[
        str, typer.Option("--mitigation", help="Generation: policies in order, comma-separated.")
    ] = ",".join(DEFAULT_MITIGATION),
    k: Annotated[int | None, typer.Option("-k", "--top-k", min=1, max=200, help="Evidence items per prompt.")] = None,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Worker processes, each loading the models once.")
    ] = 1,
    ray: Annotated[
        str | None,
        typer.Option(
            "--ray", help="Run on Ray: 'local' starts one here, else a cluster address; --workers sets the actors."
        ),
    ] = None,
    ablation: Annotated[
        bool, typer.Option("--ablation", help="Detection once per checker set: graph, entailment, both, both+llm.")
    ] = False,
    config: ConfigOption = None,
    as_json: JsonOption = False,
) -> None:
    """Measure the verifier (detection) or the whole pipeline (generation) on a benchmark set (resumable)."""
    from grounding.evaluate import runner

    if name == "compare":
        _eval_compare(runs or [], seed, as_json)
        return
    if name == "suite":
        if split != "test" or len(runs or []) > 1:
            raise GroundQAError(
                "usage: groundqa eval suite [DIR] [--limit N] [--out DIR] (the test halves are measured)"
            )
        _eval_suite(runs[0] if runs else None, out, limit, dev_limit, seed, model, runtime, workers, as_json)
        return
    if runs:
        raise GroundQAError(
            f"unexpected arguments {[str(r) for r in runs]}: only 'eval compare' and 'eval suite' take folders"
        )
    if mode not in runner.MODES:
        raise GroundQAError(f"unknown --mode {mode!r}; use detection or generation")
    settings = load_settings(config, verifier_model=model, verifier_runtime=runtime)
    progress = not as_json
    if mode == "generation":
        run_dir = out or Path("runs") / f"{name}-gen"
        metrics, load = runner.generation_eval(
            name,
            settings,
            run_dir,
            data=data,
            split=None if split == "all" else split,
            limit=limit,
            seed=seed,
            kb=kb,
            llm=llm,
            answerer=answerer,
            mitigation=parse_mitigation(mitigation),
            k=k,
            workers=workers,
            progress=progress,
            ray=ray,
        )
        if not as_json:
            _render_generation(name, metrics)
    elif ablation:
        run_dir = out or Path("runs") / f"{name}-ablation"
        summary = runner.ablation_eval(
            name,
            settings,
            run_dir,
            llm=llm,
            data=data,
            limit=limit,
            dev_limit=dev_limit,
            seed=seed,
            kb=kb,
            workers=workers,
            progress=progress,
            ray=ray,
        )
        if as_json:
            emit_json(summary)
            return
        console.print(runner.ablation_markdown(summary), markup=False, highlight=False)
        console.print(f"runs: {run_dir}/<variant>/report.md")
        return
    else:
        if split != "test":
            raise GroundQAError("detection evaluates the test split (dev calibrates the threshold); drop --split")
        run_dir = out or Path("runs") / name
        metrics, load = runner.detection_eval(
            name,
            settings,
            run_dir,
            data=data,
            limit=limit,
            dev_limit=dev_limit,
            seed=seed,
            kb=kb,
            workers=workers,
            progress=progress,
            ray=ray,
        )
        if not as_json:
            _render_detection(name, metrics)
    if as_json:
        emit_json({key: value for key, value in metrics.items() if key != "meta"})
        return
    if load.rows_malformed:
        console.print(f"[yellow]{load.rows_malformed} malformed rows skipped: {'; '.join(load.problems)}[/]")
    console.print(f"report: {run_dir / 'report.md'}")


def _render_detection(name: str, metrics: dict) -> None:
    table = Table("scorer", "balanced acc.", "AUROC", "F1", "threshold", title=f"{name}: {metrics['n']} test items")
    rows = [("groundqa verifier", metrics), *metrics.get("baselines", {}).items()]
    for label, figures in rows:
        table.add_row(
            label,
            f"{figures['balanced_accuracy']:.3f}",
            f"{figures['auroc']:.3f}" if figures.get("auroc") is not None else "-",
            f"{figures['f1']:.3f}",
            f"{figures['threshold']:.3f}",
        )
    console.print(table)


def _fmt(value, ci=None) -> str:
    if value is None:
        return "-"
    text = f"{value:.3f}"
    if ci and ci[0] is not None and ci[1] is not None:
        text += f" [{ci[0]:.3f}, {ci[1]:.3f}]"
    return text


def _render_generation(name: str, metrics: dict) -> None:
    ci = metrics.get("ci95", {})
    table = Table("figure", "raw answer", "after mitigation", title=f"{name}: {metrics['n']} questions")
    table.add_row(
        "accuracy (gold contained)",
        _fmt(metrics.get("accuracy_raw")),
        _fmt(metrics.get("accuracy"), ci.get("accuracy")),
    )
    table.add_row("token F1", _fmt(metrics.get("token_f1_raw")), _fmt(metrics.get("token_f1"), ci.get("token_f1")))
    table.add_row(
        "hallucination rate",
        _fmt(metrics.get("hallucination_rate_raw"), ci.get("hallucination_rate_raw")),
        _fmt(metrics.get("hallucination_rate"), ci.get("hallucination_rate")),
    )
    table.add_row(
        "abstention rate",
        _fmt(metrics.get("abstention_rate_raw")),
        _fmt(metrics.get("abstention_rate"), ci.get("abstention_rate")),
    )
    console.print(table)
    total = (metrics.get("latency_ms_per_stage") or {}).get("total", {})
    console.print(f"latency per question p50 {_fmt(total.get('p50_ms'))} ms; targets: {metrics.get('targets')}")


def _eval_compare(runs: list[Path], seed: int, as_json: bool) -> None:
    from grounding.evaluate.compare import compare_runs

    if len(runs) != 2:
        raise GroundQAError("usage: groundqa eval compare RUN_A RUN_B")
    result = compare_runs(runs[0], runs[1], seed=seed)
    if as_json:
        emit_json(result)
        return
    title = f"{result['mode']}: {result['n_common']} common items"
    table = Table("figure", "A", "B", "B - A [95% CI, paired]", title=title)
    for figure, f in result["figures"].items():
        diff = _fmt(f["diff"], f["diff_ci95"])
        table.add_row(
            figure,
            _fmt(f["a"], f.get("a_ci95")),
            _fmt(f["b"], f.get("b_ci95")),
            f"[bold]{diff}[/]" if f["significant"] else diff,
        )
    console.print(table)
    console.print(f"A = {result['a']}, B = {result['b']}; bold: the interval excludes 0")


def _eval_suite(
    directory: Path | None,
    out: Path | None,
    limit: int | None,
    dev_limit: int,
    seed: int,
    model: str | None,
    runtime: str | None,
    workers: int,
    as_json: bool,
) -> None:
    from grounding.evaluate.suite import SUITE_PLOT, SUITE_REPORT, run_suite

    settings = load_settings(verifier_model=model, verifier_runtime=runtime)
    run_dir = out or Path("runs") / "suite"
    summary = run_suite(
        settings,
        run_dir,
        directory=directory,
        limit=limit,
        dev_limit=limit if limit is not None else None,
        halueval_limit=dev_limit if dev_limit else 200,
        seed=seed,
        workers=workers,
        progress=not as_json,
    )
    if as_json:
        emit_json(summary)
        return
    console.print((run_dir / SUITE_REPORT).read_text(encoding="utf-8"), markup=False, highlight=False)
    console.print(f"report: {run_dir / SUITE_REPORT}; plot: {run_dir / SUITE_PLOT}")
