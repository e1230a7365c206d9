"""Typed clients for the groundqa HTTP service, sync and async, returning the core pydantic types.

    with GroundQAClient("http://127.0.0.1:8000", token="...") as client:
        report = client.verify("The capital of Australia is Sydney.")
        report.claims[0].verdict

Both clients share the request building and response parsing below; they differ only in how the
request is sent. A non-2xx answer raises `APIError` with the service's code, message and field.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, TypeAdapter

from grounding.api.schemas import (
    AskRequest,
    BatchItemResult,
    BatchRequest,
    BatchResponse,
    DocumentIn,
    DocumentsRequest,
    ErrorBody,
    Health,
    SparqlRequest,
    TripleIn,
    TriplesRequest,
    VerifyItemRequest,
    VerifyOptions,
    VerifyRequest,
)
from grounding.types import AskResult, Evidence, VerificationReport
from knowledge.errors import GroundQAError
from knowledge.types import ChangeSummary, KBInfo, SparqlResult

__all__ = ["APIError", "AsyncGroundQAClient", "GroundQAClient"]

M = TypeVar("M")
DEFAULT_TIMEOUT = 60.0


class APIError(GroundQAError):
    """The service answered with an error; `finished` holds the done items of a timed-out batch."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        field: str | None = None,
        request_id: str | None = None,
        finished: list[BatchItemResult] | None = None,
    ) -> None:
        where = f" (field {field})" if field else ""
        super().__init__(f"HTTP {status} {code}: {message}{where}")
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.request_id = request_id
        self.finished = finished


@dataclass(frozen=True)
class _Call:
    method: str
    path: str
    parse: TypeAdapter
    json: Any = None
    params: dict[str, Any] | None = None


@functools.cache
def _adapter(response_type: Any) -> TypeAdapter:
    """One validator per response type: building it compiles a schema, too slow to repeat per request."""
    return TypeAdapter(response_type)


def _body(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json", exclude_none=True)


def _verify_call(
    answer: str,
    question: str | None,
    evidence: Sequence[Evidence | str] | None,
    use_kb: bool,
    options: VerifyOptions | dict[str, Any] | None,
) -> _Call:
    request = VerifyRequest(
        answer=answer,
        question=question,
        evidence=list(evidence) if evidence is not None else None,
        use_kb=use_kb,
        options=VerifyOptions.model_validate(options or {}),
    )
    return _Call("POST", "/v1/verify", _adapter(VerificationReport), json=_body(request))


def _batch_call(
    items: Sequence[VerifyItemRequest | dict[str, Any] | str], options: VerifyOptions | dict[str, Any] | None
) -> _Call:
    parsed = [
        VerifyItemRequest(answer=item) if isinstance(item, str) else VerifyItemRequest.model_validate(item)
        for item in items
    ]
    request = BatchRequest(items=parsed, options=VerifyOptions.model_validate(options or {}))
    return _Call("POST", "/v1/verify/batch", _adapter(BatchResponse), json=_body(request))


def _ask_call(question: str, answerer: str | None, mitigation: Sequence[str] | None, k: int | None) -> _Call:
    request = AskRequest.model_validate(
        {"question": question, "answerer": answerer, "mitigation": list(mitigation) if mitigation else None, "k": k}
    )
    return _Call("POST", "/v1/ask", _adapter(AskResult), json=_body(request))


def _search_call(q: str, k: int | None) -> _Call:
    params = {"q": q} | ({"k": k} if k is not None else {})
    return _Call("GET", "/v1/search", _adapter(list[Evidence]), params=params)


def _sparql_call(query: str) -> _Call:
    return _Call("POST", "/v1/sparql", _adapter(SparqlResult), json=_body(SparqlRequest(query=query)))


def _documents_call(documents: Sequence[DocumentIn | dict[str, Any] | str], licence: str | None) -> _Call:
    parsed = [DocumentIn(text=d) if isinstance(d, str) else DocumentIn.model_validate(d) for d in documents]
    request = DocumentsRequest(documents=parsed, licence=licence)
    return _Call("POST", "/v1/kb/documents", _adapter(ChangeSummary), json=_body(request))


def _triples_call(
    triples: Sequence[TripleIn | dict[str, str] | tuple[str, str, str]] | None,
    data: str | None,
    format: str,
    source: str | None,
    licence: str | None,
) -> _Call:
    rows = None
    if triples is not None:
        rows = [
            TripleIn(subject=t[0], predicate=t[1], object=t[2]) if isinstance(t, tuple) else TripleIn.model_validate(t)
            for t in triples
        ]
    request = TriplesRequest.model_validate(
        {"triples": rows, "data": data, "format": format, "source": source, "licence": licence}
    )
    return _Call("POST", "/v1/kb/triples", _adapter(ChangeSummary), json=_body(request))


def _parse(call: _Call, response: httpx.Response) -> Any:
    if response.is_success:
        return call.parse.validate_json(response.content)
    raise _error(response)


def _error(response: httpx.Response) -> APIError:
    try:
        body = ErrorBody.model_validate_json(response.content)
    except ValueError:
        return APIError(response.status_code, "http_error", response.text[:500] or response.reason_phrase)
    detail = body.error
    return APIError(response.status_code, detail.code, detail.message, detail.field, body.request_id, body.finished)


def _headers(token: str | None) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"} if token else {}


class GroundQAClient:
    """Blocking client; pass `transport` to talk to an app in-process (httpx.ASGITransport)."""

    def __init__(
        self,
        base_url: str = "http://127.0.0.1:8000",
        token: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._http = httpx.Client(base_url=base_url, headers=_headers(token), timeout=timeout, transport=transport)

    def __enter__(self) -> GroundQAClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def _send(self, call: _Call) -> Any:
        response = self._http.request(call.method, call.path, json=call.json, params=call.params)
        return _parse(call, response)

    def verify(
        self,
        answer: str,
        question: str | None = None,
        evidence: Sequence[Evidence | str] | None = None,
        use_kb: bool = True,
        options: VerifyOptions | dict[str, Any] | None = None,
    ) -> VerificationReport:
        return self._send(_verify_call(answer, question, evidence, use_kb, options))

    def verify_batch(
        self,
        items: Sequence[VerifyItemRequest | dict[str, Any] | str],
        options: VerifyOptions | dict[str, Any] | None = None,
    ) -> list[BatchItemResult]:
        return self._send(_batch_call(items, options)).results

    def ask(
        self,
        question: str,
        answerer: str | None = None,
        mitigation: Sequence[str] | None = None,
        k: int | None = None,
    ) -> AskResult:
        return self._send(_ask_call(question, answerer, mitigation, k))

    def search(self, q: str, k: int | None = None) -> list[Evidence]:
        return self._send(_search_call(q, k))

    def sparql(self, query: str) -> SparqlResult:
        return self._send(_sparql_call(query))

    def kb_info(self) -> KBInfo:
        return self._send(_Call("GET", "/v1/kb", _adapter(KBInfo)))

    def add_documents(
        self, documents: Sequence[DocumentIn | dict[str, Any] | str], licence: str | None = None
    ) -> ChangeSummary:
        return self._send(_documents_call(documents, licence))

    def add_triples(
        self,
        triples: Sequence[TripleIn | dict[str, str] | tuple[str, str, str]] | None = None,
        data: str | None = None,
        format: str = "turtle",
        source: str | None = None,
        licence: str | None = None,
    ) -> ChangeSummary:
        return self._send(_triples_call(triples, data, format, source, licence))

    def health(self) -> Health:
        return self._send(_Call("GET", "/healthz", _adapter(Health)))

    def ready(self) -> bool:
        return self._http.get("/readyz").status_code == 200


class AsyncGroundQAClient:
    """The same calls as GroundQAClient, awaitable."""

    def __init__(
        self,
        base_url: str = "http://127.0.0.1:8000",
        token: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        transport: httpx.AsyncBaseTransport | None = None,
        limits: httpx.Limits | None = None,
    ) -> None:
        self._http = httpx.AsyncClient(
            base_url=base_url,
            headers=_headers(token),
            timeout=timeout,
            transport=transport,
            limits=limits or httpx.Limits(max_connections=100, max_keepalive_connections=100),
        )

    async def __aenter__(self) -> AsyncGroundQAClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    async def _send(self, call: _Call) -> Any:
        response = await self._http.request(call.method, call.path, json=call.json, params=call.params)
        return _parse(call, response)

    async def verify(
        self,
        answer: str,
        question: str | None = None,
        evidence: Sequence[Evidence | str] | None = None,
        use_kb: bool = True,
        options: VerifyOptions | dict[str, Any] | None = None,
    ) -> VerificationReport:
        return await self._send(_verify_call(answer, question, evidence, use_kb, options))

    async def verify_batch(
        self,
        items: Sequence[VerifyItemRequest | dict[str, Any] | str],
        options: VerifyOptions | dict[str, Any] | None = None,
    ) -> list[BatchItemResult]:
        return (await self._send(_batch_call(items, options))).results

    async def ask(
        self,
        question: str,
        answerer: str | None = None,
        mitigation: Sequence[str] | None = None,
        k: int | None = None,
    ) -> AskResult:
        return await self._send(_ask_call(question, answerer, mitigation, k))

    async def search(self, q: str, k: int | None = None) -> list[Evidence]:
        return await self._send(_search_call(q, k))

    async def sparql(self, query: str) -> SparqlResult:
        return await self._send(_sparql_call(query))

    async def kb_info(self) -> KBInfo:
        return await self._send(_Call("GET", "/v1/kb", _adapter(KBInfo)))

    async def add_documents(
        self, documents: Sequence[DocumentIn | dict[str, Any] | str], licence: str | None = None
    ) -> ChangeSummary:
        return await self._send(_documents_call(documents, licence))

    async def add_triples(
        self,
        triples: Sequence[TripleIn | dict[str, str] | tuple[str, str, str]] | None = None,
        data: str | None = None,
        format: str = "turtle",
        source: str | None = None,
        licence: str | None = None,
    ) -> ChangeSummary:
        return await self._send(_triples_call(triples, data, format, source, licence))

    async def health(self) -> Health:
        return await self._send(_Call("GET", "/healthz", _adapter(Health)))

    async def ready(self) -> bool:
        return (await self._http.get("/readyz")).status_code == 200
