"""Request ids, JSON logs and Prometheus metrics: what an operator needs to follow one request.

The request id is the caller's `X-Request-ID` when it is sane, a fresh one otherwise; it goes
back in the response header, into every log line written while the request runs, and into error
bodies. Metrics live in a registry per app so two apps in one process (tests) never collide.
"""

from __future__ import annotations

import contextvars
import json
import logging
import os
import re
import time
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUEST_ID_HEADER = "X-Request-ID"
MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("groundqa_request_id", default=None)
_SANE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
_LOG_RECORD_FIELDS = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}

_METHODS = frozenset({"GET", "POST", "HEAD", "OPTIONS", "PUT", "DELETE", "PATCH"})

log = logging.getLogger("groundqa.api")


def current_request_id() -> str | None:
    return _request_id.get()


class JsonFormatter(logging.Formatter):
    """One JSON object per line, with the request id of the request being served."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        request_id = _request_id.get()
        if request_id:
            entry["request_id"] = request_id
        for key, value in vars(record).items():
            if key not in _LOG_RECORD_FIELDS and not key.startswith("_") and key != "color_message":
                entry[key] = value
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def log_config(level: str = "info") -> dict[str, Any]:
    """A logging.config dict for uvicorn: its own loggers and groundqa's, all as JSON on stderr."""
    level = level.upper()
    handler = {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": f"{__name__}.JsonFormatter"}},
        "handlers": {"json": handler},
        "loggers": {
            "uvicorn": {"handlers": ["json"], "level": level, "propagate": False},
            "uvicorn.error": {"handlers": ["json"], "level": level, "propagate": False},
            "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
            "groundqa": {"handlers": ["json"], "level": level, "propagate": False},
        },
    }


class Metrics:
    """The service's Prometheus series, in a registry of its own."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.requests = Counter(
            "groundqa_http_requests", "HTTP requests by route and status.", ["method", "route", "status"], registry=r
        )
        self.latency = Histogram(
            "groundqa_http_request_duration_seconds",
            "Time from request to response.",
            ["method", "route"],
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120),
            registry=r,
        )
        self.claims = Counter("groundqa_claims_checked", "Claims verified.", registry=r)
        self.verdicts = Counter("groundqa_verdicts", "Claim verdicts.", ["verdict"], registry=r)
        self.answers = Counter("groundqa_answers_verified", "Answers verified.", registry=r)
        self.batch_size = Histogram(
            "groundqa_inference_batch_answers",
            "Answers verified together in one model pass.",
            buckets=(1, 2, 4, 8, 16, 32, 64, 128),
            registry=r,
        )
        self.queue = Gauge(
            "groundqa_inference_queue", "Answers waiting for the models.", registry=r, multiprocess_mode="livesum"
        )
        self.ready = Gauge(
            "groundqa_ready",
            "1 once models and KB are loaded (every live worker).",
            registry=r,
            multiprocess_mode="livemin",
        )
        self.up = Gauge(
            "groundqa_worker_up",
            "1 per live worker process (one series per pid under several workers).",
            registry=r,
            multiprocess_mode="liveall",
        )
        self.up.set(1)
        self.generation = Gauge(
            "groundqa_kb_generation", "Live KB generation served.", registry=r, multiprocess_mode="livemax"
        )
        self.ingests = Counter(
            "groundqa_kb_ingests", "KB write requests by kind and outcome.", ["kind", "outcome"], registry=r
        )

    def exposition(self) -> bytes:
        """This process's series, or, under several workers, every live worker's summed
        (prometheus_client's multiprocess mode, on when PROMETHEUS_MULTIPROC_DIR is set)."""
        if not os.environ.get(MULTIPROC_ENV):
            return generate_latest(self.registry)
        from prometheus_client import multiprocess

        merged = CollectorRegistry()
        multiprocess.MultiProcessCollector(merged)
        return generate_latest(merged)

    def count_reports(self, reports: Iterable[Any]) -> None:
        for report in reports:
            self.answers.inc()
            self.claims.inc(len(report.claims))
            for verdict, count in report.counts.items():
                if count:
                    self.verdicts.labels(str(verdict)).inc(count)


class RequestContextMiddleware:
    """Outermost layer: request id, access log, metrics, and a JSON 500 for anything unhandled."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = _header(scope, b"x-request-id")
        request_id = given if given and _SANE_ID.match(given) else uuid.uuid4().hex
        token = _request_id.set(request_id)
        started = time.perf_counter()
        status = 500
        response_started = False

        async def send_with_id(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                status = message["status"]
                response_started = True
                headers = list(message.get("headers", []))
                headers.append((REQUEST_ID_HEADER.lower().encode(), request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception as exc:
            log.error("unhandled error", exc_info=exc)
            if not response_started:
                from grounding.api.schemas import ErrorBody, ErrorDetail

                message = "internal error; see the server log for this request id"
                error = ErrorBody(error=ErrorDetail(code="internal", message=message), request_id=request_id)
                body = error.model_dump_json(exclude_none=True).encode()
                await send_with_id(
                    {
                        "type": "http.response.start",
                        "status": 500,
                        "headers": [
                            (b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()),
                        ],
                    }
                )
                await send_with_id({"type": "http.response.body", "body": body})
        finally:
            elapsed = time.perf_counter() - started
            route = _route_of(scope)
            method = scope.get("method", "")
            method = method if method in _METHODS else "other"
            self.metrics.requests.labels(method, route, str(status)).inc()
            self.metrics.latency.labels(method, route).observe(elapsed)
            log.info(
                "request",
                extra={
                    "method": method,
                    "path": scope.get("path", ""),
                    "route": route,
                    "status": status,
                    "duration_ms": round(elapsed * 1000, 2),
                    "client": (scope.get("client") or ("", 0))[0],
                },
            )
            _request_id.reset(token)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return None


def _route_of(scope: Scope) -> str:
    """The route template, so metrics labels stay few whatever paths clients send."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else "unmatched"
