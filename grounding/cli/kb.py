"""`groundqa kb ...`: build, fill and inspect knowledge bases."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from grounding.cli.common import (
    ConfigOption,
    JsonOption,
    KbOption,
    _print_contents,
    _print_info,
    _print_summary,
    err_console,
    handle_errors,
    kb_app,
)
from grounding.factory import build_options, open_kb
from grounding.settings import load_settings
from knowledge.errors import GroundQAError


@kb_app.command("build")
@handle_errors
def kb_build(
    directory: Annotated[Path, typer.Argument(help="Where to create the knowledge base.")],
    docs: Annotated[
        list[Path] | None, typer.Option("--docs", help="Documents: a file or folder; repeat for more.")
    ] = None,
    graph: Annotated[
        list[Path] | None, typer.Option("--graph", help="A graph file (Turtle, N-Triples, CSV ...); repeat for more.")
    ] = None,
    ontology: Annotated[
        Path | None, typer.Option("--ontology", help="Ontology (functional properties, datatypes).")
    ] = None,
    licence: Annotated[str | None, typer.Option("--licence", help="Licence recorded for these sources.")] = None,
    graph_store: Annotated[
        str | None,
        typer.Option("--graph-store", help="'local' (default) or 'sparql:http://HOST:PORT' (a SPARQL 1.1 server)."),
    ] = None,
    vector_store: Annotated[
        str | None,
        typer.Option("--vector-store", help="'faiss' (default), 'milvus:PATH.db' (Milvus Lite) or 'milvus:URI'."),
    ] = None,
    config: ConfigOption = None,
    as_json: JsonOption = False,
) -> None:
    """Create a knowledge base from documents and graph files; the stores chosen here are kept for good."""
    from knowledge.kb import KnowledgeBase

    settings = load_settings(config)
    options = build_options(settings)
    if graph_store is not None:
        options.graph_store = graph_store
    if vector_store is not None:
        options.vector_store = vector_store
    kb = KnowledgeBase.build(
        directory,
        docs or [],
        graph or [],
        ontology,
        options,
        licence=licence,
        progress=not as_json,
    )
    for warning in kb.last_change.warnings if kb.last_change else []:
        err_console.print(f"[bold yellow]warning:[/] {warning}", highlight=False, soft_wrap=True)
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


@kb_app.command("list")
@handle_errors
def kb_list(kb: KbOption = None, config: ConfigOption = None, as_json: JsonOption = False) -> None:
    """Documents (id, title, source, chunks) and graph sources (IRI, triples): the ids `kb remove` takes."""
    settings = load_settings(config, kb=kb)
    _print_contents(open_kb(settings, progress=not as_json).contents(), as_json)


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
