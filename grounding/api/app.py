"""The FastAPI application: routes that parse, check limits, and call the same Python API as the CLI."""

from __future__ import annotations

import asyncio
import contextlib
import csv
import os
import re
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, FastAPI, Query, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST

from grounding.api import errors, openai_compat
from grounding.api.auth import require_read, require_token, require_write
from grounding.api.config import ServiceSettings
from grounding.api.engine import Engine
from grounding.api.errors import ERROR_RESPONSES, ApiError, core_error
from grounding.api.limits import BodySizeLimit, check_item, check_text
from grounding.api.observability import MULTIPROC_ENV, Metrics, RequestContextMiddleware
from grounding.api.redact import public_json
from grounding.api.schemas import (
    AskRequest,
    BatchItemResult,
    BatchRequest,
    BatchResponse,
    DocumentsRequest,
    ErrorDetail,
    Health,
    SparqlRequest,
    TriplesRequest,
    VerifyItemRequest,
    VerifyOptions,
    VerifyRequest,
)
from grounding.factory import DEFAULT_MITIGATION, make_pipeline, retrieval_options
from grounding.settings import Settings, load_settings
from grounding.types import AskResult, Evidence, VerificationReport
from grounding.verify.verifier import VerifierOptions, VerifyItem
from knowledge.errors import GroundQAError
from knowledge.graph import SparqlResult
from knowledge.kb import ChangeSummary, KBInfo

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

WRITE_PATHS = frozenset({"/v1/kb/documents", "/v1/kb/triples"})
TOKEN_PATHS = WRITE_PATHS | {"/v1/sparql"}  # the token is required here whenever one is configured
DEFAULT_GRAPH_SOURCE = "urn:groundqa:api"
DEFAULT_DOCUMENT_SOURCE = "http-api"
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")
_GRAPH_SUFFIX = {"turtle": ".ttl", "nt": ".nt", "nquads": ".nq", "trig": ".trig", "csv": ".csv", "tsv": ".tsv"}

Read = Depends(require_read)
Write = Depends(require_write)
Token = Depends(require_token)


def create_app(
    settings: Settings | None = None,
    service: ServiceSettings | None = None,
    *,
    llm: str | BaseChatModel | None = None,
) -> FastAPI:
    """One app per worker; the KB and models load in the background once it starts serving.

    `llm` overrides the service's LLM spec for /v1/ask (tests pass a LangChain fake chat model).
    """
    settings = settings or load_settings()  # GROUNDQA_* variables and the GROUNDQA_CONFIG file
    service = service or ServiceSettings()
    metrics = Metrics()
    engine = Engine(settings, service, metrics, llm=llm)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        loading = asyncio.create_task(engine.start(), name="groundqa-load")
        try:
            yield
        finally:
            loading.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await loading
            await engine.stop()
            if os.environ.get(MULTIPROC_ENV):
                from prometheus_client import multiprocess

                multiprocess.mark_process_dead(os.getpid())

    app = FastAPI(
        title="groundqa",
        version="1.0.0",
        summary="Claim-level verification of LLM answers against a knowledge base and graph.",
        lifespan=lifespan,
        responses={key: value for key, value in ERROR_RESPONSES.items() if key in (400, 401, 413, 422, 503)},
    )
    app.state.service = service
    app.state.engine = engine
    app.state.metrics = metrics
    errors.install(app)
    app.add_middleware(BodySizeLimit, max_bytes=service.max_body_bytes)
    if service.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=service.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", "X-Request-ID"],
            expose_headers=["X-Request-ID"],
        )
    app.add_middleware(RequestContextMiddleware, metrics=metrics)
    _routes(app, engine, settings, service, metrics)
    openai_compat.install(app)
    app.openapi = lambda: _openapi(app, service)  # type: ignore[method-assign]
    return app


def _openapi(app: FastAPI, service: ServiceSettings) -> dict:
    """The schema says what this server enforces: the token required, or optional where it is not checked."""
    if app.openapi_schema is None:
        schema = FastAPI.openapi(app)
        for path, operations in schema["paths"].items():
            for operation in operations.values():
                if "security" not in operation:
                    continue
                required = service.token is not None and (path in TOKEN_PATHS or service.auth_reads)
                if not required:
                    operation["security"] = [{}, *operation["security"]]
                    operation["responses"].pop("401", None)
        app.openapi_schema = schema
    return app.openapi_schema


def _routes(app: FastAPI, engine: Engine, settings: Settings, service: ServiceSettings, metrics: Metrics) -> None:
    timeout = {504: ERROR_RESPONSES[504]}

    # -- probes and metrics ------------------------------------------------------------------

    @app.get("/healthz", response_model=Health, tags=["operations"])
    async def healthz() -> Health:
        """The process is alive and its event loop answers."""
        return Health(status="ok")

    @app.get("/readyz", response_model=Health, responses={503: {"model": Health}}, tags=["operations"])
    async def readyz() -> Response:
        """Models and KB are loaded: send traffic."""
        if engine.ready:
            snapshot = engine.require_ready()
            return _json(Health(status="ok", generation=snapshot.generation))
        return _json(Health(status=engine.status, detail=engine.failure), status=503)

    @app.get(
        "/metrics",
        dependencies=[Read],
        response_class=Response,
        responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}}}},
        tags=["operations"],
    )
    async def prometheus() -> Response:
        """Prometheus text format: request counts and latencies, claims checked, verdicts."""
        return Response(metrics.exposition(), media_type=CONTENT_TYPE_LATEST)

    # -- verification ------------------------------------------------------------------------

    @app.post(
        "/v1/verify",
        response_model=VerificationReport,
        dependencies=[Read],
        responses=timeout,
        tags=["verification"],
    )
    async def verify(body: VerifyRequest) -> Response:
        """Every claim of one answer with its verdict, confidence, reason and evidence."""
        snapshot = await engine.snapshot()
        check_item(body, service)
        options = _options(body.options, snapshot.verifier, "options")
        future = engine.submit(_item(body), _for_item(options, body))
        try:
            report = await asyncio.wait_for(future, timeout=service.request_timeout_s)
        except TimeoutError:
            raise ApiError(
                504,
                "timeout",
                f"verification did not finish within {service.request_timeout_s:g} s; no claim was finished",
            ) from None
        except GroundQAError as exc:
            raise _as_api_error(exc, "answer") from None
        return _public(report, service)

    @app.post(
        "/v1/verify/batch",
        response_model=BatchResponse,
        dependencies=[Read],
        responses=timeout,
        tags=["verification"],
    )
    async def verify_batch(body: BatchRequest) -> Response:
        """Several answers verified together; each result sits in its item's slot, failures included."""
        if len(body.items) > service.max_batch:
            raise ApiError(
                422, "limit_exceeded", f"{len(body.items)} items, over the limit of {service.max_batch}", field="items"
            )
        snapshot = await engine.snapshot()
        options = _options(body.options, snapshot.verifier, "options")
        slots: list[BatchItemResult | None] = [None] * len(body.items)
        futures: dict[asyncio.Future, int] = {}
        for index, item in enumerate(body.items):
            try:
                check_item(item, service, prefix=f"items.{index}.")
            except ApiError as exc:
                slots[index] = BatchItemResult(index=index, ok=False, error=exc.detail)
                continue
            futures[engine.submit(_item(item), _for_item(options, item))] = index
        done, pending = (await asyncio.wait(futures, timeout=service.request_timeout_s)) if futures else (set(), set())
        for future in pending:
            future.cancel()
        for future in done:
            index = futures[future]
            slots[index] = _slot(index, future)
        if pending:
            finished = [slot for slot in slots if slot is not None]
            raise ApiError(
                504,
                "timeout",
                f"the batch did not finish within {service.request_timeout_s:g} s: "
                f"{len(finished)} of {len(slots)} items finished (in `finished`)",
                finished=finished,
            )
        return _public(BatchResponse(results=[slot for slot in slots if slot is not None]), service)

    @app.post("/v1/ask", response_model=AskResult, dependencies=[Read], responses=timeout, tags=["verification"])
    async def ask(body: AskRequest) -> Response:
        """The full pipeline: retrieve, answer (graph or LLM), verify, mitigate."""
        check_text(body.question, service.max_question_chars, "question")
        if not body.question.strip():
            raise ApiError(422, "invalid_input", "the question is empty", field="question")
        snapshot = await engine.snapshot()
        pipeline = make_pipeline(
            settings,
            snapshot.kb,
            llm=engine.llm,
            answerer=body.answerer or "auto",
            mitigation=tuple(body.mitigation) if body.mitigation is not None else DEFAULT_MITIGATION,
            k=body.k,
            verifier=snapshot.verifier,
        )
        result = await engine.ask(lambda: pipeline.ask(body.question), service.ask_timeout_s)
        metrics.count_reports([result.report])
        return _public(result, service)

    # -- the knowledge base ------------------------------------------------------------------

    @app.get("/v1/search", response_model=list[Evidence], dependencies=[Read], responses=timeout, tags=["kb"])
    async def search(
        q: Annotated[str, Query(min_length=1, max_length=10_000, description="What to look for.")],
        k: Annotated[int | None, Query(ge=1, le=200, description="How many results.")] = None,
    ) -> Response:
        """Hybrid search: passages and graph facts fused into one ranked list."""
        check_text(q, service.max_query_chars, "q")
        if not q.strip():
            raise ApiError(422, "invalid_input", "the search text is empty", field="q")
        snapshot = await engine.snapshot()
        options = retrieval_options(settings, k)
        evidence = await engine.read(lambda: snapshot.kb.search(q, options), service.request_timeout_s, "the search")
        return _public(evidence, service)

    @app.post(
        "/v1/sparql",
        response_model=SparqlResult,
        dependencies=[Token],
        responses={400: ERROR_RESPONSES[400], 429: ERROR_RESPONSES[429], **timeout},
        tags=["kb"],
    )
    async def sparql(body: SparqlRequest, request: Request) -> Response:
        """A read-only SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE); updates and SERVICE are refused.

        Each query runs in a child process killed at `sparql_timeout_s`; answers are cut at
        `sparql_max_rows` rows or `sparql_max_bytes` (then `truncated` is true). The token is
        required whenever one is configured.
        """
        check_text(body.query, service.max_query_chars, "query")
        snapshot = await engine.snapshot()
        client = request.client.host if request.client else "unknown"
        return _json(await engine.sparql(snapshot.kb.graph, body.query, client))

    @app.get("/v1/kb", response_model=KBInfo, dependencies=[Read], tags=["kb"])
    async def kb_info() -> Response:
        """Counts, sources and settings of the served KB."""
        snapshot = await engine.snapshot()
        return _public(await engine.read(snapshot.kb.info, service.request_timeout_s, "the KB statistics"), service)

    @app.post("/v1/kb/documents", response_model=ChangeSummary, dependencies=[Write], responses=timeout, tags=["kb"])
    async def add_documents(body: DocumentsRequest) -> Response:
        """Add text documents as one atomic change; a re-added id replaces its document."""
        if len(body.documents) > service.max_documents:
            raise ApiError(
                422,
                "limit_exceeded",
                f"{len(body.documents)} documents, over the limit of {service.max_documents}",
                field="documents",
            )
        for i, document in enumerate(body.documents):
            check_text(document.text, service.max_document_chars, f"documents.{i}.text")
            if not document.text.strip():
                raise ApiError(422, "invalid_input", "the document text is empty", field=f"documents.{i}.text")
        documents = _documents(body)
        summary = await _ingest(engine, metrics, "documents", lambda kb: kb.add(documents=documents))
        return _json(summary)

    @app.post("/v1/kb/triples", response_model=ChangeSummary, dependencies=[Write], responses=timeout, tags=["kb"])
    async def add_triples(body: TriplesRequest) -> Response:
        """Add graph facts (rows or a Turtle/N-Triples/N-Quads/TriG/CSV document) to one named graph."""
        if body.triples is not None and len(body.triples) > service.max_triples:
            raise ApiError(
                422,
                "limit_exceeded",
                f"{len(body.triples)} triples, over the limit of {service.max_triples}",
                field="triples",
            )
        source = body.source or DEFAULT_GRAPH_SOURCE
        if not _IRI.match(source):
            raise ApiError(422, "invalid_input", "source must be an absolute IRI such as urn:example:x", field="source")

        def change(kb):
            from knowledge.kb import GraphInput

            with tempfile.TemporaryDirectory(prefix="groundqa-ingest-") as tmp:
                path = _write_graph(Path(tmp), body)
                try:
                    return kb.add(graphs=[GraphInput(path=path, source=source, licence=body.licence)])
                except GroundQAError as exc:  # name the request's data, not a temporary file
                    raise type(exc)(str(exc).replace(str(path), "data")) from exc

        return _json(await _ingest(engine, metrics, "triples", change))


# -- helpers -------------------------------------------------------------------------------------


def _json(model, status: int = 200) -> Response:
    """Serialise with pydantic directly: no second validation pass over large reports."""
    return Response(model.model_dump_json(), status_code=status, media_type="application/json")


def _public(value, service: ServiceSettings) -> Response:
    """A response that names the KB and its files, not server paths (unless `expose_paths`)."""
    return Response(public_json(value, service.expose_paths), media_type="application/json")


def _item(request: VerifyItemRequest) -> VerifyItem:
    evidence = request.evidence
    if not request.use_kb and evidence is None:
        evidence = []  # no retrieval: nothing to check against but what the caller gave (nothing)
    return VerifyItem(answer=request.answer, question=request.question, evidence=evidence)


def _options(given: VerifyOptions, verifier, field: str) -> VerifierOptions:
    updates = given.model_dump(exclude_none=True)
    if "rules" in updates:
        updates["rules"] = tuple(updates["rules"])
    if updates.get("use_llm") and verifier.judge is None:
        message = "this server has no LLM judge configured (start it with --judge)"
        raise ApiError(422, "unsupported", message, field=f"{field}.use_llm")
    return verifier.options.model_copy(update=updates)


def _for_item(options: VerifierOptions, item: VerifyItemRequest) -> VerifierOptions:
    return options if item.use_kb else options.model_copy(update={"use_graph": False})


def _slot(index: int, future: asyncio.Future) -> BatchItemResult:
    exc = future.exception()
    if exc is None:
        return BatchItemResult(index=index, ok=True, report=future.result())
    api_error = _as_api_error(exc, f"items.{index}.answer")
    return BatchItemResult(index=index, ok=False, error=api_error.detail)


def _as_api_error(exc: BaseException, field: str) -> ApiError:
    if isinstance(exc, ApiError):
        if exc.detail.field == "answer" and field != "answer":
            exc.detail.field = field
        return exc
    if isinstance(exc, GroundQAError):
        status, detail = core_error(exc, field)
        return ApiError(status, detail.code, detail.message, field=detail.field)
    detail = ErrorDetail(code="internal", message="internal error while verifying this item")
    return ApiError(500, detail.code, detail.message)


def _documents(body: DocumentsRequest):
    from knowledge.documents import document_id
    from knowledge.types import Document

    documents = []
    for item in body.documents:
        source = item.source or DEFAULT_DOCUMENT_SOURCE
        documents.append(
            Document(
                id=item.id or document_id(source, item.text),
                text=item.text,
                source=source,
                title=item.title,
                licence=item.licence or body.licence,
                metadata={"format": "text", "via": "http"},
            )
        )
    return documents


def _write_graph(directory: Path, body: TriplesRequest) -> Path:
    if body.triples is not None:
        path = directory / "triples.csv"
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            for triple in body.triples:
                writer.writerow([triple.subject, triple.predicate, triple.object])
        return path
    path = directory / f"data{_GRAPH_SUFFIX[body.format]}"
    path.write_text(body.data or "", encoding="utf-8")
    return path


async def _ingest(engine: Engine, metrics: Metrics, kind: str, change) -> ChangeSummary:
    try:
        summary = await engine.write(change)
    except Exception:
        metrics.ingests.labels(kind, "failed").inc()
        raise
    metrics.ingests.labels(kind, "ok").inc()
    return summary
