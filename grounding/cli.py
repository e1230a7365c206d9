"""`groundqa`: the command line. Parse, call the Python API, render; nothing else lives here."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from grounding.factory import (
    DEFAULT_MITIGATION,
    build_options,
    make_pipeline,
    make_verifier,
    open_kb,
    parse_mitigation,
    retrieval_options,
)
from grounding.settings import load_settings
from knowledge.errors import GroundQAError

app = typer.Typer(help="Grounded question answering: retrieval, claim verification, mitigation.", no_args_is_help=True)
kb_app = typer.Typer(help="Build and inspect knowledge bases.", no_args_is_help=True)
app.add_typer(kb_app, name="kb")

console = Console()
err_console = Console(stderr=True)
F = TypeVar("F", bound=Callable[..., Any])

KbOption = Annotated[Path | None, typer.Option("--kb", help="Knowledge base directory (default: the demo KB).")]
ConfigOption = Annotated[Path | None, typer.Option("--config", help="TOML settings file.", exists=False)]
JsonOption = Annotated[bool, typer.Option("--json", help="Machine-readable JSON on stdout.")]


def handle_errors(func: F) -> F:
    """Every GroundQAError becomes one red line and exit code 2, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except GroundQAError as exc:
            err_console.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
            raise typer.Exit(code=2) from None

    return wrapper  # type: ignore[return-value]


def emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


# -- kb ----------------------------------------------------------------------------------------


@kb_app.command("build")
@handle_errors
def kb_build(
    directory: Annotated[Path, typer.Argument(help="Where to create the knowledge base.")],
    docs: Annotated[list[Path] | None, typer.Option("--docs", help="Documents: files or folders.")] = None,
    graph: Annotated[
        list[Path] | None, typer.Option("--graph", help="Graph files (Turtle, N-Triples, CSV ...).")
    ] = None,
    ontology: Annotated[
        Path | None, typer.Option("--ontology", help="Ontology (functional properties, datatypes).")
    ] = None,
    licence: Annotated[str | None, typer.Option("--licence", help="Licence recorded for these sources.")] = None,
    config: ConfigOption = None,
    as_json: JsonOption = False,
) -> None:
    """Create a knowledge base from documents and graph files."""
    from knowledge.kb import KnowledgeBase

    settings = load_settings(config)
    kb = KnowledgeBase.build(
        directory,
        docs or [],
        graph or [],
        ontology,
        build_options(settings),
        licence=licence,
        progress=not as_json,
    )
    _print_info(kb.info(), as_json)


@kb_app.command("demo")
@handle_errors
def kb_demo(kb: KbOption = None, config: ConfigOption = None, as_json: JsonOption = False) -> None:
    """Build the demo knowledge base (countries graph + Wikipedia passages) if it is missing."""
    from knowledge.demo_kb import ensure_demo_kb

    settings = load_settings(config)
    target = kb or settings.kb_dir
    _print_info(ensure_demo_kb(target, progress=not as_json).info(), as_json)


@kb_app.command("info")
@handle_errors
def kb_info(kb: KbOption = None, config: ConfigOption = None, as_json: JsonOption = False) -> None:
    """Counts, sources and settings of a knowledge base."""
    settings = load_settings(config, kb=kb)
    _print_info(open_kb(settings, progress=not as_json).info(), as_json)


@kb_app.command("add")
@handle_errors
def kb_add(
    kb: KbOption = None,
    docs: Annotated[list[Path] | None, typer.Option("--docs", help="Documents: files or folders.")] = None,
    graph: Annotated[list[Path] | None, typer.Option("--graph", help="Graph files.")] = None,
    licence: Annotated[str | None, typer.Option("--licence", help="Licence recorded for these sources.")] = None,
    config: ConfigOption = None,
    as_json: JsonOption = False,
) -> None:
    """Add documents and graph files as one atomic change (re-added documents replace)."""
    if not docs and not graph:
        raise GroundQAError("nothing to add: give --docs and/or --graph")
    settings = load_settings(config, kb=kb)
    summary = open_kb(settings, progress=not as_json).add(
        docs or [], graph or [], licence=licence, progress=not as_json
    )
    _print_summary(summary, as_json)


@kb_app.command("remove")
@handle_errors
def kb_remove(
    ids: Annotated[list[str], typer.Argument(help="Document ids or graph source IRIs.")],
    kb: KbOption = None,
    config: ConfigOption = None,
    as_json: JsonOption = False,
) -> None:
    """Remove documents (by id) or whole graph sources (by IRI) as one atomic change."""
    settings = load_settings(config, kb=kb)
    _print_summary(open_kb(settings, progress=not as_json).remove(ids), as_json)


# -- search and SPARQL -------------------------------------------------------------------------


@app.command("search")
@handle_errors
def search(
    text: Annotated[str, typer.Argument(help="What to look for.")],
    kb: KbOption = None,
    k: Annotated[int | None, typer.Option("-k", "--top-k", min=1, max=200, help="How many results.")] = None,
    config: ConfigOption = None,
    as_json: JsonOption = False,
) -> None:
    """Hybrid search: passages (FAISS) and graph facts, fused into one ranked list."""
    if not text.strip():
        raise GroundQAError("empty search text")
    settings = load_settings(config, kb=kb)
    evidence = open_kb(settings, progress=not as_json).search(text, retrieval_options(settings, k))
    if as_json:
        emit_json([e.model_dump(mode="json") for e in evidence])
        return
    render_evidence(evidence)


@app.command("sparql")
@handle_errors
def sparql(
    query: Annotated[str, typer.Argument(help="A read-only SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE).")],
    kb: KbOption = None,
    config: ConfigOption = None,
    as_json: JsonOption = False,
) -> None:
    """Run a read-only SPARQL query over the knowledge graph."""
    settings = load_settings(config, kb=kb)
    result = open_kb(settings, progress=not as_json).sparql(query)
    if as_json:
        emit_json(result.model_dump(mode="json"))
        return
    if result.kind == "ask":
        console.print(f"[bold]{result.boolean}[/]")
        return
    if result.kind == "graph":
        for s, p, o in result.triples:
            console.print(f"{s} {p} {o} .", highlight=False)
        return
    table = Table(*result.variables)
    for row in result.rows:
        table.add_row(*(row.get(v) or "" for v in result.variables))
    console.print(table)


# -- verification ------------------------------------------------------------------------------

VERDICT_STYLE = {"supported": "green", "contradicted": "red", "unverifiable": "yellow"}


def read_evidence_file(path: str) -> list[str]:
    """Evidence for `verify --evidence`: a JSON list, JSONL, or plain text with blank-line paragraphs."""
    from knowledge.errors import InputError

    try:
        raw = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read evidence file {path}: {exc}") from exc
    stripped = raw.strip()
    if not stripped:
        raise InputError(f"evidence file {path} is empty")
    if stripped.startswith("["):
        try:
            items = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise InputError(f"evidence file {path}: invalid JSON at line {exc.lineno}: {exc.msg}") from exc
        return [item if isinstance(item, str) else str(item.get("text", "")) for item in items]
    if stripped.startswith("{"):
        texts = []
        for number, line in enumerate(stripped.splitlines(), start=1):
            if line.strip():
                try:
                    texts.append(str(json.loads(line)["text"]))
                except (json.JSONDecodeError, KeyError, TypeError) as exc:
                    raise InputError(
                        f"evidence file {path}, line {number}: expected a JSON object with 'text'"
                    ) from exc
        return texts
    return [block.strip() for block in stripped.split("\n\n") if block.strip()]


@app.command("verify")
@handle_errors
def verify(
    answer: Annotated[str, typer.Option("--answer", "-a", help="The answer to check.")],
    question: Annotated[str | None, typer.Option("--question", "-q", help="The question it answers.")] = None,
    evidence: Annotated[
        str | None, typer.Option("--evidence", "-e", help="Evidence file (JSON list, JSONL or text; - for stdin).")
    ] = None,
    kb: KbOption = None,
    model: Annotated[str | None, typer.Option("--model", help="Verifier model: a folder or hub id.")] = None,
    no_graph: Annotated[bool, typer.Option("--no-graph", help="Skip the graph checker.")] = False,
    config: ConfigOption = None,
    as_json: JsonOption = False,
) -> None:
    """Check every claim of an answer against evidence (given, or retrieved from the KB)."""
    settings = load_settings(config, kb=kb, verifier_model=model)
    texts = read_evidence_file(evidence) if evidence else None
    verifier = make_verifier(settings, open_kb(settings, progress=not as_json), use_graph=not no_graph)
    report = verifier.verify(answer, question=question, evidence=texts)
    if as_json:
        emit_json(report.model_dump(mode="json"))
        return
    render_report(report)


@app.command("ask")
@handle_errors
def ask(
    question: Annotated[str, typer.Argument(help="The question to answer.")],
    kb: KbOption = None,
    llm: Annotated[
        str, typer.Option("--llm", help="LLM: default, hf:ID_OR_PATH, gguf:PATH, llamacpp:PATH or openai:MODEL.")
    ] = "default",
    answerer: Annotated[
        str, typer.Option("--answerer", help="auto (graph if it is confident, else LLM), llm, graph or both.")
    ] = "auto",
    mitigation: Annotated[
        str,
        typer.Option(
            "--mitigation",
            help="Policies in order, comma-separated: annotate, correct, strip, regenerate, quote, abstain.",
        ),
    ] = ",".join(DEFAULT_MITIGATION),
    k: Annotated[
        int | None, typer.Option("-k", "--top-k", min=1, max=200, help="Evidence items in the prompt.")
    ] = None,
    model: Annotated[str | None, typer.Option("--model", help="Verifier model: a folder or hub id.")] = None,
    no_stream: Annotated[
        bool, typer.Option("--no-stream", help="Do not show the draft while it is generated.")
    ] = False,
    config: ConfigOption = None,
    as_json: JsonOption = False,
) -> None:
    """Answer a question from the knowledge base; every claim is verified and fixed before it is shown."""
    from grounding.pipeline import AskResult

    settings = load_settings(config, kb=kb, verifier_model=model)
    knowledge_base = open_kb(settings, progress=not as_json)
    pipeline = make_pipeline(
        settings, knowledge_base, llm=llm, answerer=answerer, mitigation=parse_mitigation(mitigation), k=k
    )
    if as_json or no_stream:
        result = pipeline.ask(question)
    else:
        result, drafting = None, False
        for item in pipeline.stream(question):
            if isinstance(item, AskResult):
                result = item
                continue
            if not drafting:
                console.print("[dim]draft (not yet verified):[/] ", end="")
                drafting = True
            console.print(item, end="", style="dim", markup=False, highlight=False)
        if drafting:
            console.print()
    if as_json:
        emit_json(result.model_dump(mode="json"))
        return
    render_ask_result(result)


def render_ask_result(result) -> None:
    from rich.markup import escape

    console.rule(f"[bold]{escape(result.question)}")
    style = "yellow" if result.abstained else "bold green" if result.report.grounded else "bold red"
    console.print(result.answer, style=style, markup=False, highlight=False)
    for n in sorted({n for sentence in result.sentences for n in sentence.citations}):
        item = result.evidence[n - 1]
        console.print(
            f"[dim]\\[{n}] {escape(item.text[:200])} ({escape(item.title or item.source)})[/]", highlight=False
        )
    if result.changes:
        table = Table("policy", "before", "after", "why", show_lines=True, title="What verification changed")
        for change in result.changes:
            table.add_row(
                change.policy, escape(change.before), escape(change.after) or "[dim](removed)[/]", escape(change.reason)
            )
        console.print(table)
    if result.raw_report.claims:
        console.print("\n[bold]Verification of the raw answer[/]")
        render_report(result.raw_report)
    timings = ", ".join(f"{key} {value:.0f} ms" for key, value in result.timings_ms.items())
    console.print(f"[dim]answered by the {result.answerer}: {escape(result.choice)}\n{timings}[/]", highlight=False)


@app.command("eval")
@handle_errors
def evaluate(
    name: Annotated[
        str,
        typer.Argument(
            help="halueval-qa, halueval-dialogue, halueval-summarization, halueval-general, truthfulqa, "
            "metaqa-1hop, metaqa-2hop, metaqa-3hop, generic; or 'compare' followed by two run folders."
        ),
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
    kb: Annotated[
        Path | None,
        typer.Option(
            "--kb",
            help="KB to retrieve from (generation; default: the set's corpus) or for the graph checker (detection).",
        ),
    ] = None,
    llm: Annotated[str, typer.Option("--llm", help="LLM for generation and the LLM-judge ablation.")] = "default",
    answerer: Annotated[str, typer.Option("--answerer", help="Generation: auto, llm, graph or both.")] = "auto",
    mitigation: Annotated[
        str, typer.Option("--mitigation", help="Generation: policies in order, comma-separated.")
    ] = ",".join(DEFAULT_MITIGATION),
    k: Annotated[int | None, typer.Option("-k", "--top-k", min=1, max=200, help="Evidence items per prompt.")] = None,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Worker processes, each loading the models once.")
    ] = 1,
    ablation: Annotated[
        bool, typer.Option("--ablation", help="Detection once per checker set: graph, entailment, both, both+llm.")
    ] = False,
    config: ConfigOption = None,
    as_json: JsonOption = False,
) -> None:
    """Measure the verifier (detection) or the whole pipeline (generation) on a benchmark set (resumable)."""
    from grounding.evaluation import runner

    if name == "compare":
        _eval_compare(runs or [], seed, as_json)
        return
    if runs:
        raise GroundQAError(f"unexpected arguments {[str(r) for r in runs]}: only 'eval compare' takes run folders")
    if mode not in runner.MODES:
        raise GroundQAError(f"unknown --mode {mode!r}; use detection or generation")
    settings = load_settings(config, verifier_model=model)
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
    from grounding.evaluation.compare import compare_runs

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


@app.command("ui")
@handle_errors
def ui(
    kb: KbOption = None,
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port of the page.")] = 8501,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (0.0.0.0 to reach it from other machines).")
    ] = "localhost",
    config: ConfigOption = None,
) -> None:
    """Start the page: ask, see every claim checked, explore the evidence and evaluation runs."""
    from ui.launch import launch

    launch(kb=kb, port=port, host=host, config=config)


@app.command(
    "train-verifier",
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    add_help_option=False,
)
def train_verifier(ctx: typer.Context) -> None:
    """Train the neural verifier (pass --help for its options)."""
    from grounding.training.train import main as train_main

    raise typer.Exit(code=train_main(list(ctx.args)))


def render_report(report) -> None:
    from rich.text import Text

    highlighted = Text(report.answer)
    for item in report.claims:
        highlighted.stylize(f"bold {VERDICT_STYLE[item.verdict]}", item.claim.start, item.claim.end)
    console.print(highlighted)
    console.print()
    table = Table("#", "claim", "verdict", "conf.", "method", "reason and evidence", show_lines=True)
    for item in report.claims:
        colour = VERDICT_STYLE[item.verdict]
        details = item.reason
        for citation in item.citations[:2]:
            source = citation.evidence.title or citation.evidence.source
            details += f"\n[dim]{citation.span_text[:160]} ({source})[/]"
        table.add_row(
            str(item.claim.index + 1),
            item.claim.text,
            f"[{colour}]{item.verdict}[/]",
            f"{item.confidence:.2f}",
            item.method,
            details,
        )
    console.print(table)
    verdict = "[green]grounded[/]" if report.grounded else "[red]not grounded[/]"
    whole = "" if report.answer_support is None else f"; whole answer supported p={report.answer_support:.2f}"
    console.print(
        f"{verdict}; hallucination score {report.hallucination_score:.2f}{whole};"
        f" {report.timings_ms.get('total', 0):.0f} ms"
    )


# -- the HTTP service --------------------------------------------------------------------------


@app.command("serve")
@handle_errors
def serve(
    kb: KbOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option("--workers", min=1, max=64, help="Processes, each with its models.")] = 1,
    cors_origin: Annotated[
        list[str] | None, typer.Option("--cors-origin", help="Allowed CORS origin (repeatable).")
    ] = None,
    auth_reads: Annotated[
        bool | None, typer.Option("--auth-reads/--no-auth-reads", help="Require the token on reads too.")
    ] = None,
    timeout: Annotated[float | None, typer.Option("--timeout", min=0.001, help="Seconds per verify request.")] = None,
    max_batch: Annotated[int | None, typer.Option("--max-batch", min=1, help="Items per batch request.")] = None,
    llm: Annotated[str | None, typer.Option("--llm", help="LLM for /v1/ask (as for `groundqa ask`).")] = None,
    judge: Annotated[
        bool | None, typer.Option("--judge/--no-judge", help="Use --llm as the judge of claims left uncertain.")
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Serve verification over HTTP (token from GROUNDQA_API_TOKEN; more limits as GROUNDQA_API_*)."""
    from grounding.api.config import load_service_settings
    from grounding.api.server import serve as run_server

    settings = load_settings(config, kb=kb)
    service = load_service_settings(
        cors_origins=cors_origin or None,
        auth_reads=auth_reads,
        request_timeout_s=timeout,
        max_batch=max_batch,
        llm=llm,
        judge=judge,
    )
    run_server(settings, service, host=host, port=port, workers=workers)


# -- the demo ----------------------------------------------------------------------------------


@app.command("demo")
@handle_errors
def demo(kb: KbOption = None, config: ConfigOption = None) -> None:
    """Build the demo KB on first use, answer a demo question and show its checked evidence."""
    from knowledge.demo import DEMO_QUESTIONS

    settings = load_settings(config, kb=kb)
    knowledge_base = open_kb(settings)
    pipeline = make_pipeline(settings, knowledge_base)
    question = DEMO_QUESTIONS[0]
    result = pipeline.ask(question)
    render_ask_result(result)
    console.rule("[bold]Evidence")
    render_evidence(result.evidence)
    console.print(
        '\nTry: [cyan]groundqa ask "..."[/], [cyan]groundqa verify -a "..."[/], [cyan]groundqa search "..."[/], '
        "[cyan]groundqa kb info[/]"
    )


# -- rendering ---------------------------------------------------------------------------------


def render_evidence(evidence) -> None:
    if not evidence:
        console.print("[yellow]No evidence found.[/]")
        return
    table = Table("#", "kind", "score", "evidence", "source", show_lines=True)
    for rank, item in enumerate(evidence, start=1):
        text = item.text if len(item.text) <= 300 else item.text[:297] + "..."
        if item.triple is not None:
            t = item.triple
            text += f"\n[dim]({t.subject_label} | {t.predicate_label} | {t.object_label})[/]"
        source = item.title or item.source
        if item.licence:
            source += f"\n[dim]{item.licence}[/]"
        colour = "green" if item.kind == "fact" else "cyan"
        table.add_row(str(rank), f"[{colour}]{item.kind}[/]", f"{item.score:.4f}", text, source)
    console.print(table)


def _print_info(info, as_json: bool) -> None:
    if as_json:
        emit_json(info.model_dump(mode="json"))
        return
    table = Table(show_header=False, title=f"Knowledge base {info.path}")
    for key, value in info.model_dump().items():
        table.add_row(key, ", ".join(value) if isinstance(value, list) else str(value))
    console.print(table)


def _print_summary(summary, as_json: bool) -> None:
    if as_json:
        emit_json(summary.model_dump(mode="json"))
        return
    parts = [f"{key.replace('_', ' ')}: {value}" for key, value in summary.model_dump().items() if value]
    console.print("[green]done[/] " + ", ".join(parts))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
