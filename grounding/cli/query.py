"""`groundqa search`, `sparql`, `verify` and `ask`: the commands a user asks with."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from grounding.cli.common import (
    ConfigOption,
    JsonOption,
    KbOption,
    RuntimeOption,
    app,
    console,
    emit_json,
    handle_errors,
    render_ask_result,
    render_evidence,
    render_report,
)
from grounding.factory import (
    DEFAULT_MITIGATION,
    make_pipeline,
    make_verifier,
    open_kb,
    parse_mitigation,
    retrieval_options,
)
from grounding.registry import ANSWERERS, LLM_BACKENDS, POLICIES
from grounding.settings import load_settings
from grounding.verify.evidence_file import read_evidence_file
from knowledge.errors import GroundQAError


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
    runtime: RuntimeOption = None,
    no_graph: Annotated[bool, typer.Option("--no-graph", help="Skip the graph checker.")] = False,
    config: ConfigOption = None,
    as_json: JsonOption = False,
) -> None:
    """Check every claim of an answer against evidence (given, or retrieved from the KB)."""
    settings = load_settings(config, kb=kb, verifier_model=model, verifier_runtime=runtime)
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
    llm: Annotated[str, typer.Option("--llm", help="LLM: " + LLM_BACKENDS.describe() + ".")] = "default",
    answerer: Annotated[str, typer.Option("--answerer", help="Who answers: " + ANSWERERS.describe() + ".")] = "auto",
    mitigation: Annotated[
        str,
        typer.Option(
            "--mitigation",
            help="Policies in order, comma-separated: " + POLICIES.describe() + ".",
        ),
    ] = ",".join(DEFAULT_MITIGATION),
    k: Annotated[
        int | None, typer.Option("-k", "--top-k", min=1, max=200, help="Evidence items in the prompt.")
    ] = None,
    model: Annotated[str | None, typer.Option("--model", help="Verifier model: a folder or hub id.")] = None,
    runtime: RuntimeOption = None,
    no_stream: Annotated[
        bool, typer.Option("--no-stream", help="Do not show the draft while it is generated.")
    ] = False,
    config: ConfigOption = None,
    as_json: JsonOption = False,
) -> None:
    """Answer a question from the knowledge base; every claim is verified and fixed before it is shown."""
    from grounding.pipeline import AskResult

    settings = load_settings(config, kb=kb, verifier_model=model, verifier_runtime=runtime)
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
