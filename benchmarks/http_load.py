"""Load test of the HTTP service on loopback: `python -m benchmarks.http_load [--workers 1 2] [--seconds 15]`.

Starts `groundqa serve` (demo KB, default models) in a subprocess, then drives it with a bounded
async httpx loop: C clients each send their next request as soon as the last one returns, for a
fixed time. Loads: /v1/verify with a 5-claim answer and 10 evidence passages, and /v1/verify/batch
with 8 such answers per request, at concurrency 1, 8 and 32. Reports throughput (answers verified
per second), p50/p95 latency per request, errors, and resident memory per worker process.

The same evidence repeated hits the verifier's cache of evidence-sentence vectors (as a service
checking answers against recurring sources would); the `*_cold` loads (concurrency 8) make every
sentence of every request unique, so each request pays for embedding its evidence.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import re
import signal
import socket
import subprocess
import sys
import time

import httpx
import psutil

from benchmarks.common import summary_ms, write_result

ANSWER = (
    "Canberra is the capital of Australia. Australia has a population of about 26 million people. "
    "Bern is the capital of Switzerland. Switzerland borders France. "
    "The official language of Brazil is Spanish."
)
QUESTION = "Tell me about Australia, Switzerland and Brazil."
CONCURRENCY = (1, 8, 32)
COLD_CONCURRENCY = 8
BATCH_ITEMS = 8
_SENTENCE_END = re.compile(r"([.!?])(\s|$)")
_serial = itertools.count()


def unique_evidence(evidence: list[str]) -> list[str]:
    """The same passages with a fresh tag in every sentence: no cached sentence vector applies."""
    serial = next(_serial)
    tagged = []
    for i, text in enumerate(evidence):
        tag = f" (ref {serial}-{i})"
        text = _SENTENCE_END.sub(lambda m, tag=tag: f"{tag}{m.group(1)}{m.group(2)}", text.rstrip())
        tagged.append(text if text[-1:] in (".", "!", "?") else text + tag)
    return tagged


def cold(body: dict) -> dict:
    if "items" in body:
        return {"items": [cold(item) for item in body["items"]]}
    return {**body, "evidence": unique_evidence(body["evidence"])}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(workers: int, port: int, kb: str | None) -> subprocess.Popen:
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "TOKENIZERS_PARALLELISM": "false",
        "GROUNDQA_API_REQUEST_TIMEOUT_S": "300",
        "GROUNDQA_API_LOG_LEVEL": "warning",
    }
    command = [sys.executable, "-m", "grounding.cli", "serve", "--port", str(port), "--workers", str(workers)]
    if kb:
        command += ["--kb", kb]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def wait_ready(url: str, process: subprocess.Popen, workers: int, timeout: float = 600) -> float:
    """Seconds until every worker answers ready (each probe lands on some worker; ask until all have)."""
    started = time.monotonic()
    streak = 0
    while streak < 4 * workers:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {process.stderr.read()[-2000:] if process.stderr else ''}")
        if time.monotonic() - started > timeout:
            raise RuntimeError("server not ready in time")
        try:
            streak = streak + 1 if httpx.get(url + "/readyz", timeout=5).status_code == 200 else 0
        except httpx.TransportError:
            streak = 0
        time.sleep(0.25)
    return time.monotonic() - started


def worker_memory_mb(process: subprocess.Popen) -> list[float]:
    parent = psutil.Process(process.pid)
    workers = [c for c in parent.children(recursive=True) if c.memory_info().rss > 200 * 2**20]
    procs = workers or [parent]  # the supervisor and helpers are small; with one worker it is the parent
    return [round(p.memory_info().rss / 2**20, 1) for p in procs]


async def drive(
    url: str, path: str, body: dict, answers_per_request: int, concurrency: int, seconds: float, fresh: bool = False
) -> dict:
    latencies: list[float] = []
    errors: dict[str, int] = {}
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=600, limits=limits) as client:
        started = time.perf_counter()
        stop = started + seconds

        async def one_client() -> None:
            while time.perf_counter() < stop:
                sent = time.perf_counter()
                try:
                    response = await client.post(path, json=cold(body) if fresh else body)
                    ok = response.status_code == 200
                    if ok and path.endswith("batch"):
                        ok = all(slot["ok"] for slot in response.json()["results"])
                    key = None if ok else str(response.status_code)
                except httpx.HTTPError as exc:
                    key = type(exc).__name__
                if key is None:
                    latencies.append((time.perf_counter() - sent) * 1000)
                else:
                    errors[key] = errors.get(key, 0) + 1

        await asyncio.gather(*(one_client() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    result = {
        "concurrency": concurrency,
        "requests": len(latencies),
        "errors": errors,
        "seconds": round(elapsed, 2),
        "answers_per_s": round(len(latencies) * answers_per_request / elapsed, 2),
    }
    return result | (summary_ms(latencies) if latencies else {})


def evidence_passages(url: str) -> list[str]:
    texts: list[str] = []
    for query in ("capital of Australia population", "Switzerland capital borders", "Brazil official language"):
        found = httpx.get(url + "/v1/search", params={"q": query, "k": 8}, timeout=60).json()
        texts += [item["text"] for item in found if item["text"] not in texts]
    return texts[:10]


def run_workers(workers: int, seconds: float, kb: str | None) -> dict:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    process = start_server(workers, port, kb)
    try:
        ready_s = wait_ready(url, process, workers)
        evidence = evidence_passages(url)
        item = {"answer": ANSWER, "question": QUESTION, "evidence": evidence}
        claims = len(httpx.post(url + "/v1/verify", json=item, timeout=120).json()["claims"])
        batch = {"items": [item] * BATCH_ITEMS}
        httpx.post(url + "/v1/verify/batch", json=batch, timeout=300)  # warm every path once
        loads: dict[str, list[dict]] = {"verify": [], "verify_batch": [], "verify_cold": [], "verify_batch_cold": []}
        for concurrency in CONCURRENCY:
            result = asyncio.run(drive(url, "/v1/verify", item, 1, concurrency, seconds))
            print("verify", result, flush=True)
            loads["verify"].append(result)
        for concurrency in CONCURRENCY:
            result = asyncio.run(drive(url, "/v1/verify/batch", batch, BATCH_ITEMS, concurrency, seconds))
            print("batch", result, flush=True)
            loads["verify_batch"].append(result)
        loads["verify_cold"].append(
            asyncio.run(drive(url, "/v1/verify", item, 1, COLD_CONCURRENCY, seconds, fresh=True))
        )
        print("verify cold", loads["verify_cold"][-1], flush=True)
        loads["verify_batch_cold"].append(
            asyncio.run(drive(url, "/v1/verify/batch", batch, BATCH_ITEMS, COLD_CONCURRENCY, seconds, fresh=True))
        )
        print("batch cold", loads["verify_batch_cold"][-1], flush=True)
        memory = worker_memory_mb(process)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
    return {
        "workers": workers,
        "ready_after_s": round(ready_s, 1),
        "claims_per_answer": claims,
        "evidence_passages": len(evidence),
        "batch_items": BATCH_ITEMS,
        "loads": loads,
        "rss_mb_per_worker": memory,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[1])
    parser.add_argument("--seconds", type=float, default=15.0, help="Duration of each load level.")
    parser.add_argument("--kb", default=None, help="KB directory (default: the demo KB).")
    args = parser.parse_args(argv)
    load_before = os.getloadavg()[0]
    runs = [run_workers(workers, args.seconds, args.kb) for workers in args.workers]
    write_result(
        "http_load",
        {
            "kb": args.kb or "demo",
            "seconds_per_level": args.seconds,
            "load_average_before": round(load_before, 2),
            "load_average_after": round(os.getloadavg()[0], 2),
            "runs": runs,
            "targets": {"batch_answers_per_s": 20, "verify_p95_ms_at_c8": 1000},
        },
    )


if __name__ == "__main__":
    main()
