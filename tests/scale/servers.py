"""Real servers on free loopback ports: Oxigraph (SPARQL), Milvus Lite (gRPC) and `groundqa serve` itself.

Each is an installed executable started as a subprocess and stopped (by its own pid) when the test
is done. Nothing is mocked.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def groundqa_serve(kb: Path, env: dict[str, str], *flags: str) -> tuple[subprocess.Popen, str]:
    """`groundqa serve` as its own process on a free loopback port: the process and its base URL. Its
    stderr is piped as text, so a test can say why it failed or check what it logged."""
    port = free_port()
    command = [sys.executable, "-m", "grounding.cli", "serve", "--kb", str(kb), "--port", str(port), *flags]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return process, f"http://127.0.0.1:{port}"


def wait_ready(process: subprocess.Popen, url: str, deadline: float) -> None:
    """Until the service answers /readyz with 200; fails with its stderr if it exits, or at `deadline`."""
    while True:
        if process.poll() is not None:
            pytest.fail(f"server exited: {process.stderr.read()[-2000:]}")
        assert time.monotonic() < deadline, f"server {url} not ready in time"
        try:
            if httpx.get(url + "/readyz").status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)


def executable(name: str) -> str:
    found = BIN / name
    if found.exists():
        return str(found)
    path = shutil.which(name)
    if path is None:
        raise RuntimeError(f"{name} is not installed: `make install` installs the 'scale' extra")
    return path


@contextlib.contextmanager
def oxigraph(location: Path | None = None, read_only: bool = False) -> Iterator[str]:
    """An Oxigraph server; yields its base URL (SPARQL at /query and /update). In memory without a location."""
    port = free_port()
    command = [executable("oxigraph"), "serve-read-only" if read_only else "serve", "--bind", f"127.0.0.1:{port}"]
    if location is not None:
        command += ["--location", str(location)]
    with _process(command) as process:
        base = f"http://127.0.0.1:{port}"
        _wait(lambda: httpx.get(base + "/query", params={"query": "ASK {}"}, timeout=1).status_code == 200, process)
        yield base


@contextlib.contextmanager
def milvus_lite(data_dir: Path) -> Iterator[str]:
    """A Milvus Lite gRPC server; yields the URI pymilvus connects to."""
    port = free_port()
    command = [executable("milvus-lite"), "server", "--data-dir", str(data_dir), "--host", "127.0.0.1"]
    with _process([*command, "--port", str(port)]) as process:
        uri = f"http://127.0.0.1:{port}"

        def ready() -> bool:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True

        _wait(ready, process)
        yield uri


@contextlib.contextmanager
def _process(command: list[str]) -> Iterator[subprocess.Popen]:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait(ready, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}: {process.stderr.read().decode()[-2000:]}")
        try:
            if ready():
                return
        except (httpx.HTTPError, OSError):
            pass
        time.sleep(0.1)
    raise RuntimeError(f"server did not come up within {seconds} s")
