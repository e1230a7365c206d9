"""Run the service under uvicorn: one process, or N workers each loading its own models and KB."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator

from fastapi import FastAPI

from grounding.api.config import ServiceSettings
from grounding.api.observability import MULTIPROC_ENV, log_config
from grounding.settings import Settings

_SETTINGS_ENV = "GROUNDQA_SERVE_SETTINGS_JSON"
_SERVICE_ENV = "GROUNDQA_SERVE_SERVICE_JSON"
_THREADS_ENV = "GROUNDQA_SERVE_TORCH_THREADS"


def serve(
    settings: Settings,
    service: ServiceSettings,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 1,
) -> None:
    """Blocks until the server stops. With several workers, uvicorn spawns processes that rebuild the
    app from the settings passed through the environment (the app itself cannot cross a process)."""
    import uvicorn

    common = {
        "host": host,
        "port": port,
        "log_config": log_config(service.log_level),
        "access_log": False,
        "proxy_headers": False,
        "server_header": False,
        "timeout_graceful_shutdown": 30,
    }
    if workers <= 1:
        from grounding.api.app import create_app

        uvicorn.run(create_app(settings, service), **common)
        return
    if settings.uses_demo_kb:  # build it once here, not in N workers racing for the lock
        from grounding.factory import open_kb

        open_kb(settings, progress=True)
    # Each worker counts into files here and /metrics sums them, whichever worker answers the scrape.
    metrics_dir = tempfile.mkdtemp(prefix="groundqa-metrics-")
    os.environ[MULTIPROC_ENV] = metrics_dir
    os.environ[_SETTINGS_ENV] = settings.model_dump_json()
    os.environ[_SERVICE_ENV] = json.dumps(_service_dump(service))
    # N workers each running torch on every core would oversubscribe the CPU: share the cores out.
    os.environ.setdefault(_THREADS_ENV, str(max(1, (os.cpu_count() or 1) // workers)))
    try:
        uvicorn.run("grounding.api.server:app_from_env", factory=True, workers=workers, **common)
    finally:
        shutil.rmtree(metrics_dir, ignore_errors=True)


def app_from_env() -> FastAPI:
    """The factory each worker calls; settings come from the parent through the environment."""
    from grounding.api.app import create_app

    if os.environ.get(_THREADS_ENV):
        import torch

        torch.set_num_threads(int(os.environ[_THREADS_ENV]))
    settings = Settings(**json.loads(os.environ.get(_SETTINGS_ENV, "{}")))
    service = ServiceSettings(**json.loads(os.environ.get(_SERVICE_ENV, "{}")))
    return create_app(settings, service)


def _service_dump(service: ServiceSettings) -> dict:
    data = service.model_dump(mode="json")
    data["token"] = service.token.get_secret_value() if service.token is not None else None
    data["upstream_key"] = service.upstream_key.get_secret_value() if service.upstream_key is not None else None
    return data


@contextlib.contextmanager
def background_server(app: FastAPI, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve `app` from a thread of this process (tests, notebooks); yields the base URL."""
    import uvicorn

    config = uvicorn.Config(app, host=host, port=port, log_config=None, access_log=False, lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="groundqa-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the server thread did not start")
        time.sleep(0.02)
    bound = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://{host}:{bound}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
