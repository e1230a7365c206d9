"""What every command shares: the options, the error boundary, JSON output and the renderers."""

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

from grounding.cli import help_style
from grounding.registry import DEFAULT_VERIFIER_RUNTIME, VERIFIER_RUNTIMES
from knowledge.errors import GroundQAError

help_style.install()
app = typer.Typer(help="Grounded question answering: retrieval, claim verification, mitigation.", no_args_is_help=True)
kb_app = typer.Typer(help="Build and inspect knowledge bases.", no_args_is_help=True)
app.add_typer(kb_app, name="kb")

console = Console()
err_console = Console(stderr=True)
F = TypeVar("F", bound=Callable[..., Any])

KbOption = Annotated[Path | None, typer.Option("--kb", help="Knowledge base directory (default: the demo KB).")]
ConfigOption = Annotated[Path | None, typer.Option("--config", help="TOML settings file.", exists=False)]
RuntimeOption = Annotated[
    str | None,
    typer.Option(
        "--runtime",
        help="What runs the verifier's cross-encoder: "
        + VERIFIER_RUNTIMES.describe()
        + ". Default: "
        + DEFAULT_VERIFIER_RUNTIME
        + " (or GROUNDQA_VERIFIER_RUNTIME).",
    ),
]
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


VERDICT_STYLE = {"supported": "green", "contradicted": "red", "unverifiable": "yellow"}


def render_report(report) -> None:
    from rich.markup import escape
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
    if report.uncovered_share is not None:
        listed = ", ".join(report.uncovered_words[:8]) + (" ..." if len(report.uncovered_words) > 8 else "")
        whole += f"; {report.uncovered_share:.0%} of its content words not in the evidence"
        whole += f" ({escape(listed)})" if listed else ""
    if report.evidence_distance is not None:
        whole += f"; meaning distance from the evidence {report.evidence_distance:.2f}"
    console.print(
        f"{verdict}; hallucination score {report.hallucination_score:.2f}{whole};"
        f" {report.timings_ms.get('total', 0):.0f} ms"
    )


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
    for warning in summary.warnings:  # on stderr, so --json output stays parseable
        err_console.print(f"[bold yellow]warning:[/] {warning}", highlight=False, soft_wrap=True)
    if as_json:
        emit_json(summary.model_dump(mode="json"))
        return
    counts = summary.model_dump(exclude={"warnings"})
    parts = [f"{key.replace('_', ' ')}: {value}" for key, value in counts.items() if value]
    console.print("[green]done[/] " + ", ".join(parts))


def _print_contents(contents, as_json: bool) -> None:
    if as_json:
        emit_json(contents.model_dump(mode="json"))
        return
    from rich.markup import escape

    documents = Table("id", "title", "source", "chunks", title=f"Documents ({len(contents.documents)})")
    for doc in contents.documents:
        documents.add_row(doc.id, escape(doc.title or ""), escape(doc.source), str(doc.chunks))
    console.print(documents)
    sources = Table("IRI", "triples", title=f"Graph sources ({len(contents.graph_sources)})")
    for source in contents.graph_sources:
        sources.add_row(escape(source.iri), str(source.triples))
    console.print(sources)
