"""`groundqa serve`, `ui`, `demo` and `train-verifier`: the long-running entry points."""

from __future__ import annotations

from typing import Annotated

import typer

from grounding.cli.common import ConfigOption, KbOption, app, console, handle_errors, render_ask_result, render_evidence
from grounding.factory import make_pipeline, open_kb
from grounding.settings import load_settings


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
    from grounding.cli.page import launch

    launch(kb=kb, port=port, host=host, config=config)


@app.command(
    "train-verifier",
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    add_help_option=False,
)
def train_verifier(ctx: typer.Context) -> None:
    """Train the neural verifier (pass --help for its options)."""
    from grounding.train.train import main as train_main

    raise typer.Exit(code=train_main(list(ctx.args)))


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
    upstream: Annotated[
        str | None,
        typer.Option(
            "--upstream",
            help="Guard proxy: openai:BASE_URL; /v1/chat/completions forwards other models than groundqa there and "
            "verifies their answers (key from GROUNDQA_API_UPSTREAM_KEY).",
        ),
    ] = None,
    upstream_model: Annotated[
        str | None, typer.Option("--upstream-model", help="The model to ask upstream (else the caller's).")
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
        upstream=upstream,
        upstream_model=upstream_model,
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
