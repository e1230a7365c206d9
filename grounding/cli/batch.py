"""`groundqa verify-batch`: a JSONL file of answers verified into a JSONL file of verdicts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from grounding.cli.common import (
    ConfigOption,
    JsonOption,
    KbOption,
    RuntimeOption,
    app,
    console,
    emit_json,
    handle_errors,
)
from grounding.settings import load_settings


@app.command("verify-batch")
@handle_errors
def verify_batch(
    input_path: Annotated[Path, typer.Option("--input", "-i", help="Answers, one JSON object a line.")],
    output_path: Annotated[Path, typer.Option("--output", "-o", help="Verdicts, one JSON object a line.")],
    kb: KbOption = None,
    ray: Annotated[
        str | None,
        typer.Option("--ray", help="Run on Ray: 'local' starts one here, else a cluster address (ray://HOST:10001)."),
    ] = None,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Verifier actors on Ray, or worker processes without --ray.")
    ] = 1,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Answers verified together.")] = 16,
    model: Annotated[str | None, typer.Option("--model", help="Verifier model: a folder or hub id.")] = None,
    runtime: RuntimeOption = None,
    no_graph: Annotated[bool, typer.Option("--no-graph", help="Skip the graph checker.")] = False,
    config: ConfigOption = None,
    as_json: JsonOption = False,
) -> None:
    """Verify many answers (resumable: a rerun continues after the last complete batch).

    With --kb the graph checker and retrieval use that KB; without it each answer is checked
    against the evidence it carries. On a Ray cluster the KB path must be readable by every node.
    """
    from grounding.batch.verify_batch import run_verify_batch

    settings = load_settings(config, kb=kb, verifier_model=model, verifier_runtime=runtime)
    summary = run_verify_batch(
        input_path,
        output_path,
        settings,
        use_graph=not no_graph,
        batch_size=batch_size,
        workers=workers,
        ray=ray,
        progress=not as_json,
    )
    if as_json:
        emit_json(summary.model_dump(mode="json"))
        return
    console.print(
        f"{summary.items} answers ({summary.verified_now} verified now, {summary.resumed_from} already done, "
        f"{summary.errors} errors) in {summary.seconds:.1f} s -> {summary.output}"
    )
