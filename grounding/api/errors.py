"""Every failure leaves the service as `{"error": {"code", "message", "field"?}}`, never as a traceback."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from grounding.api.observability import current_request_id
from grounding.api.schemas import BatchItemResult, ErrorBody, ErrorDetail
from knowledge.errors import (
    GroundQAError,
    InputError,
    KnowledgeBaseError,
    ModelError,
    QueryError,
)

log = logging.getLogger("groundqa.api")

_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "too_many_requests",
    503: "unavailable",
    504: "timeout",
}


class ApiError(Exception):
    """An error the service answers on purpose, with its HTTP status."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        field: str | None = None,
        finished: list[BatchItemResult] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.detail = ErrorDetail(code=code, message=message, field=field)
        self.finished = finished
        self.headers = headers


def error_response(
    status: int,
    detail: ErrorDetail,
    finished: list[BatchItemResult] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = ErrorBody(error=detail, request_id=current_request_id(), finished=finished)
    return JSONResponse(body.model_dump(mode="json", exclude_none=True), status_code=status, headers=headers)


def core_error(exc: GroundQAError, field: str | None = None) -> tuple[int, ErrorDetail]:
    """The status and body for a groundqa error: the caller's fault is 4xx, the server's 503."""
    if isinstance(exc, QueryError):
        return 400, ErrorDetail(code="invalid_query", message=str(exc), field=field or "query")
    if isinstance(exc, InputError):
        return 422, ErrorDetail(code="invalid_input", message=str(exc), field=field)
    if isinstance(exc, ModelError):
        return 503, ErrorDetail(code="model_unavailable", message=str(exc))
    if isinstance(exc, KnowledgeBaseError):
        return 503, ErrorDetail(code="kb_unavailable", message=str(exc))
    return 500, ErrorDetail(code="internal", message=str(exc))


def _field(loc: tuple) -> str | None:
    parts = [str(part) for part in loc if part not in ("body", "query", "path", "header")]
    return ".".join(parts) or None


async def _on_validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = exc.errors()
    first = errors[0] if errors else {"loc": (), "msg": "invalid request", "type": ""}
    if first.get("type") == "json_invalid":
        reason = (first.get("ctx") or {}).get("error") or first.get("msg")
        position = first.get("loc", ("body", None))[-1]
        where = f" at character {position}" if isinstance(position, int) else ""
        return error_response(422, ErrorDetail(code="malformed_json", message=f"malformed JSON{where}: {reason}"))
    field = _field(tuple(first.get("loc", ())))
    message = "; ".join(f"{_field(tuple(e.get('loc', ()))) or 'body'}: {e.get('msg')}" for e in errors[:5])
    if len(errors) > 5:
        message += f"; and {len(errors) - 5} more"
    return error_response(422, ErrorDetail(code="validation_error", message=message, field=field))


async def _on_api_error(request: Request, exc: ApiError) -> JSONResponse:
    return error_response(exc.status, exc.detail, exc.finished, exc.headers)


async def _on_http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    unreadable = _unreadable_body(exc)
    if unreadable:
        return error_response(422, ErrorDetail(code="malformed_json", message=unreadable))
    code = _HTTP_CODES.get(exc.status_code, "http_error")
    message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
    return error_response(exc.status_code, ErrorDetail(code=code, message=message), headers=exc.headers)


def _unreadable_body(exc: StarletteHTTPException) -> str | None:
    """FastAPI answers 400 for a body json.loads cannot take (nested too deeply, not UTF-8); that is
    malformed JSON like any other, so it gets the 422 every other malformed body gets."""
    if exc.status_code != 400 or exc.detail != "There was an error parsing the body":
        return None
    cause = exc.__cause__
    if isinstance(cause, RecursionError):
        return "malformed JSON: nested too deeply"
    if isinstance(cause, UnicodeDecodeError):
        return f"malformed JSON: not UTF-8 (byte {cause.start})"
    return f"malformed JSON: {cause or 'unreadable body'}"


async def _on_core(request: Request, exc: GroundQAError) -> JSONResponse:
    status, detail = core_error(exc)
    return error_response(status, detail)


async def _on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.error("unhandled error", exc_info=exc)
    message = "internal error; the request id identifies it in the server log"
    return error_response(500, ErrorDetail(code="internal", message=message))


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(ApiError, _on_api_error)
    app.add_exception_handler(StarletteHTTPException, _on_http)
    app.add_exception_handler(GroundQAError, _on_core)
    app.add_exception_handler(Exception, _on_unexpected)


ERROR_RESPONSES = {
    status: {"model": ErrorBody, "description": description}
    for status, description in {
        400: "An invalid SPARQL query",
        401: "Missing or wrong bearer token",
        413: "Request body too large",
        429: "Too many requests of this client running at once; retry after `Retry-After` seconds",
        422: "Malformed JSON, schema violation or a limit exceeded; `field` names the culprit",
        503: "Models or KB not loaded yet",
        504: "Timed out; `finished` holds what was done",
    }.items()
}
