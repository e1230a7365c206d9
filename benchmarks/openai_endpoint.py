"""Latency of the OpenAI-compatible endpoint and the guard proxy, with the `openai` SDK as the client.

    python -m benchmarks.openai_endpoint [--kb DIR] [--requests 30]

Starts `groundqa serve --upstream openai:...` (demo KB unless --kb, default models) in a subprocess
and a fake OpenAI-compatible upstream in this process that answers at once with a fixed text, then
sends sequential requests (C=1) through the SDK:

- `upstream direct`: the fake upstream itself, the floor any proxy starts from;
- `guard, KB evidence`: the same request through the guard, the answer checked against the KB and
  corrected ("The capital of Australia is Sydney." -> Canberra);
- `guard, caller documents`: a supported answer checked against three passages the request carries;
- `groundqa model`: the grounded pipeline answering (the graph answerer; no LLM is loaded).

The guard's cost is its row minus the direct row.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time

import httpx
import openai
from fastapi import FastAPI, Request

from benchmarks.common import summary_ms, write_result
from grounding.api.server import background_server

QUESTION = "What is the capital of Australia?"
ANSWERS = {"fake-sydney": "The capital of Australia is Sydney.", "fake-bern": "Bern is the capital of Switzerland."}
DOCUMENTS = [
    "Bern is the federal city and capital of Switzerland.",
    "Switzerland is a landlocked country in central Europe.",
    "Zurich is the largest city of Switzerland.",
]


def fake_upstream() -> FastAPI:
    app = FastAPI()

    @app.post("/v1/chat/completions")
    async def complete(request: Request) -> dict:
        model = (await request.json())["model"]
        message = {"role": "assistant", "content": ANSWERS[model]}
        return {
            "id": "chatcmpl-fake",
            "object": "chat.completion",
            "created": 1,
            "model": model,
            "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
        }

    return app


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def timed(call, n: int) -> tuple[dict, object]:
    call()  # warm: the first request pays for lazily built parts
    values, last = [], None
    for _ in range(n):
        started = time.perf_counter()
        last = call()
        values.append((time.perf_counter() - started) * 1000.0)
    return summary_ms(values), last


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", help="KB directory (default: the demo KB, built on first use)")
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()

    with background_server(fake_upstream()) as upstream:
        port = free_port()
        command = [sys.executable, "-m", "grounding.cli", "serve", "--port", str(port)]
        command += ["--upstream", f"openai:{upstream}/v1"] + (["--kb", args.kb] if args.kb else [])
        log = tempfile.TemporaryFile()  # a pipe nobody reads would fill up with the server's log lines and stall it
        process = subprocess.Popen(command, env=dict(os.environ), stdout=subprocess.DEVNULL, stderr=log)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 900
            while True:
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise SystemExit(f"the server did not start: {log.read().decode()[-2000:]}")
                try:
                    if httpx.get(url + "/readyz").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                time.sleep(0.5)
            messages = [{"role": "user", "content": QUESTION}]
            swiss = [{"role": "user", "content": "What is the capital of Switzerland?"}]
            with (
                openai.OpenAI(base_url=upstream + "/v1", api_key="x", max_retries=0) as direct,
                openai.OpenAI(base_url=url + "/v1", api_key="x", max_retries=0, timeout=120) as guard,
            ):
                rows = {}
                rows["upstream direct"], _ = timed(
                    lambda: direct.chat.completions.create(model="fake-sydney", messages=messages), args.requests
                )
                rows["guard, KB evidence"], corrected = timed(
                    lambda: guard.chat.completions.create(model="fake-sydney", messages=messages), args.requests
                )
                rows["guard, caller documents"], _ = timed(
                    lambda: guard.chat.completions.create(
                        model="fake-bern", messages=swiss, extra_body={"groundqa": {"documents": DOCUMENTS}}
                    ),
                    args.requests,
                )
                rows["groundqa model"], grounded = timed(
                    lambda: guard.chat.completions.create(model="groundqa", messages=messages), args.requests
                )
        finally:
            process.send_signal(signal.SIGTERM)
            process.communicate(timeout=60)
    write_result(
        "openai_endpoint",
        {
            "command": "python -m benchmarks.openai_endpoint " + " ".join(sys.argv[1:]),
            "kb": args.kb or "demo",
            "latency": rows,
            "guard_answer": corrected.choices[0].message.content,
            "groundqa_answer": grounded.choices[0].message.content,
        },
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
