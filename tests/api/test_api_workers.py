"""`groundqa serve --workers 2` as an operator runs it: one port, two processes, one set of metrics."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest

from knowledge.kb import KnowledgeBase


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def two_workers(tmp_path_factory, kb_fixtures):
    root = tmp_path_factory.mktemp("workers") / "kb"
    KnowledgeBase.build(
        root, docs=[kb_fixtures / "docs"], graphs=[kb_fixtures / "graph.ttl"], ontology=kb_fixtures / "ontology.ttl"
    )
    port = _free_port()
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "GROUNDQA_HOME": str(root.parent)}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    command = [sys.executable, "-m", "grounding.cli", "serve", "--kb", str(root), "--port", str(port), "--workers", "2"]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    ready_in_a_row = 0
    while ready_in_a_row < 6:
        if server.poll() is not None:
            pytest.fail(f"server exited: {server.stderr.read()[-2000:]}")
        assert time.monotonic() < deadline, "two workers not ready in 180 s"
        try:
            ready_in_a_row = ready_in_a_row + 1 if httpx.get(url + "/readyz").status_code == 200 else 0
        except httpx.TransportError:
            ready_in_a_row = 0
        time.sleep(0.2)
    yield url
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        server.kill()


def _series(text: str, name: str) -> list[tuple[str, float]]:
    return [(m.group(1), float(m.group(2))) for m in re.finditer(rf"^{name}(\{{[^}}]*\}})? (\S+)$", text, re.M)]


def test_metrics_add_up_across_workers(two_workers):
    for _ in range(12):
        with httpx.Client() as fresh:  # a new connection each time, so both workers take requests
            assert fresh.get(two_workers + "/v1/search", params={"q": "Bern"}).status_code == 200
    text = httpx.get(two_workers + "/metrics").text
    searches = [
        value
        for labels, value in _series(text, "groundqa_http_requests_total")
        if 'route="/v1/search"' in (labels or "") and 'status="200"' in (labels or "")
    ]
    assert sum(searches) == 12
    pids = {labels for labels, value in _series(text, "groundqa_worker_up") if value == 1}
    assert len(pids) == 2
    ready = _series(text, "groundqa_ready")
    assert ready and ready[0][1] == 1
