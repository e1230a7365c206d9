"""An OpenAI-compatible face on `groundqa serve`: `/v1/chat/completions` and `/v1/models`.

Any client written for the OpenAI API talks to groundqa unchanged. The model `groundqa` answers
the last user message with the grounded pipeline over the served KB. With an upstream configured
(`groundqa serve --upstream openai:BASE_URL`), every other model is forwarded there, and the
upstream's answer is verified (against `groundqa.documents` from the request, or the KB) and
mitigated before it is returned: a guard in front of a model the user already runs. The
verification goes in an extra top-level `groundqa` field, which standard clients ignore.
Errors on these routes take OpenAI's shape, `{"error": {"message", "type", "param", "code"}}`.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, Literal

import httpx
from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from grounding.api.auth import require_read
from grounding.api.errors import ApiError
from grounding.registry import ANSWERERS, POLICIES
from grounding.text.pieces import answer_pieces
from grounding.types import Change, Evidence, VerificationReport
from knowledge.errors import GroundQAError

__all__ = ["GROUNDQA_MODEL", "install", "router"]

GROUNDQA_MODEL = "groundqa"
OPENAI_PATHS = ("/v1/chat/completions", "/v1/models")
_ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    413: "invalid_request_error",
    422: "invalid_request_error",
    429: "rate_limit_error",
    502: "upstream_error",
    503: "service_unavailable",
    504: "timeout",
}


# -- request and response models -------------------------------------------------------------------


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")

    role: str = Field(min_length=1, description="system, user, assistant, tool, ...")
    content: str | list[dict[str, Any]] | None = None


class GroundqaOptions(BaseModel):
    """The request's own `groundqa` field (standard clients send it with `extra_body`)."""

    model_config = ConfigDict(extra="forbid")

    documents: list[Evidence | str] | None = Field(
        default=None,
        max_length=100,
        description="Evidence to answer from (model groundqa) or to check the upstream answer against; "
        "without it the KB is searched.",
    )
    mitigation: list[POLICIES.literal()] | None = Field(  # type: ignore[valid-type]
        default=None, description="Mitigation policies in order; the server's default chain when absent."
    )
    answerer: ANSWERERS.literal() | None = None  # type: ignore[valid-type]


class ChatCompletionRequest(BaseModel):
    """OpenAI's chat completion request; parameters groundqa does not use are accepted and forwarded."""

    model_config = ConfigDict(extra="allow")

    model: str = Field(min_length=1)
    messages: list[ChatMessage] = Field(min_length=1)
    stream: bool = False
    n: int | None = Field(default=None, ge=1)
    groundqa: GroundqaOptions | None = None


class GroundqaResult(BaseModel):
    """The verification that comes with every completion, in the response's `groundqa` field."""

    mode: Literal["grounded", "guard"] = Field(description="grounded: model groundqa; guard: an upstream's answer.")
    report: VerificationReport | None = Field(description="Verification of the answer as returned.")
    raw_answer: str = Field(description="The answer before mitigation (the pipeline's or the upstream's).")
    raw_report: VerificationReport | None = None
    evidence: list[Evidence] = Field(default_factory=list, description="Citation [n] refers to evidence[n-1].")
    changes: list[Change] = Field(default_factory=list)
    abstained: bool = False
    quoted: bool = False
    upstream_model: str | None = None
    note: str | None = None


class ModelCard(BaseModel):
    id: str
    object: Literal["model"] = "model"
    created: int
    owned_by: str


class ModelList(BaseModel):
    object: Literal["list"] = "list"
    data: list[ModelCard]


class OpenAIErrorDetail(BaseModel):
    message: str
    type: str = Field(description="invalid_request_error, authentication_error, upstream_error, timeout, ...")
    param: str | None = Field(default=None, description="The request field at fault, dotted (messages.0.role).")
    code: str | None = Field(default=None, description="groundqa's stable code, e.g. upstream_timeout.")


class OpenAIErrorBody(BaseModel):
    error: OpenAIErrorDetail


class CompletionMessage(BaseModel):
    role: Literal["assistant"] = "assistant"
    content: str | None


class CompletionChoice(BaseModel):
    model_config = ConfigDict(extra="allow")

    index: int
    message: CompletionMessage
    finish_reason: str | None


class ChatCompletion(BaseModel):
    """What the route returns (documentation; an upstream's extra fields pass through as they came)."""

    model_config = ConfigDict(extra="allow")

    id: str
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str
    choices: list[CompletionChoice]
    groundqa: GroundqaResult


_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": OpenAIErrorBody, "description": description}
    for status, description in {
        400: "Invalid request (malformed JSON, schema violation, no user message, a limit)",
        401: "Missing or wrong bearer token",
        404: "Unknown model (no upstream configured)",
        502: "The upstream failed or answered something that is not a chat completion",
        503: "Models or KB not loaded yet",
        504: "The pipeline or the upstream timed out",
    }.items()
}
router = APIRouter(tags=["openai"], dependencies=[Depends(require_read)], responses=_ERRORS)


# -- routes ----------------------------------------------------------------------------------------


@router.get("/v1/models", response_model=ModelList)
async def list_models(request: Request) -> ModelList:
    """The grounded model, and the upstream's model when the guard has one fixed."""
    service = request.app.state.service
    cards = [ModelCard(id=GROUNDQA_MODEL, created=0, owned_by="groundqa")]
    if service.upstream is not None and service.upstream_model:
        cards.append(ModelCard(id=service.upstream_model, created=0, owned_by="upstream"))
    return ModelList(data=cards)


@router.post(
    "/v1/chat/completions",
    response_model=None,
    responses={
        200: {
            "model": ChatCompletion,
            "description": "A chat completion; with `stream: true`, server-sent `chat.completion.chunk` events, "
            "the last one carrying `groundqa`.",
        }
    },
)
async def chat_completions(body: ChatCompletionRequest, request: Request) -> Response:
    """A chat completion whose answer is verified claim by claim; the report is in `groundqa`."""
    engine = request.app.state.engine
    service = request.app.state.service
    question = _last_user_message(body.messages)
    if len(question) > service.max_question_chars:
        raise ApiError(
            422,
            "limit_exceeded",
            f"the last user message has {len(question)} characters, over {service.max_question_chars}",
            field="messages",
        )
    options = body.groundqa or GroundqaOptions()
    if body.model == GROUNDQA_MODEL:
        completion, result = await _grounded(engine, service, question, options)
    elif service.upstream is not None:
        if (body.n or 1) > 1:
            raise ApiError(422, "unsupported", "the guard verifies one choice; send n=1", field="n")
        completion, result = await _guarded(engine, service, request, body, question, options)
    else:
        raise ApiError(
            404,
            "model_not_found",
            f"the model {body.model!r} does not exist here; this server answers with {GROUNDQA_MODEL!r} "
            "(start it with --upstream openai:BASE_URL to guard other models)",
            field="model",
        )
    completion["groundqa"] = result.model_dump(mode="json")
    if body.stream:
        headers = {"Cache-Control": "no-cache"}
        return StreamingResponse(_sse(completion), media_type="text/event-stream", headers=headers)
    return JSONResponse(completion)


async def _grounded(engine, service, question: str, options: GroundqaOptions) -> tuple[dict, GroundqaResult]:
    from grounding.factory import DEFAULT_MITIGATION, make_pipeline

    snapshot = await engine.snapshot()
    pipeline = make_pipeline(
        engine.settings,
        snapshot.kb,
        llm=engine.llm,
        answerer=options.answerer or "auto",
        mitigation=tuple(options.mitigation) if options.mitigation is not None else DEFAULT_MITIGATION,
        verifier=snapshot.verifier,
    )
    result = await _core(engine.ask(lambda: pipeline.ask(question, documents=options.documents), service.ask_timeout_s))
    engine.metrics.count_reports([result.report])
    completion = _completion(GROUNDQA_MODEL, result.answer)
    return completion, GroundqaResult(
        mode="grounded",
        report=result.report,
        raw_answer=result.raw_answer,
        raw_report=result.raw_report,
        evidence=result.evidence,
        changes=result.changes,
        abstained=result.abstained,
        quoted=result.quoted,
    )


async def _guarded(
    engine, service, request: Request, body: ChatCompletionRequest, question: str, options: GroundqaOptions
) -> tuple[dict, GroundqaResult]:
    from grounding.factory import DEFAULT_MITIGATION
    from grounding.mitigate.guard import guard_answer

    snapshot = await engine.snapshot()  # fail before spending the upstream's tokens when we cannot check
    completion = await _forward(service, request, body)
    choices = completion.get("choices") or []
    message = choices[0].get("message") if choices and isinstance(choices[0], dict) else None
    content = message.get("content") if isinstance(message, dict) else None
    model = str(completion.get("model") or body.model)
    if not isinstance(content, str) or not content.strip():
        note = "the upstream answer has no text to verify (a tool call or an empty message); passed on unchanged"
        return completion, GroundqaResult(mode="guard", report=None, raw_answer="", upstream_model=model, note=note)
    mitigation = tuple(options.mitigation) if options.mitigation is not None else DEFAULT_MITIGATION
    guarded = await _core(
        engine.ask(
            lambda: guard_answer(snapshot.verifier, content, question, options.documents, mitigation),
            service.ask_timeout_s,
        )
    )
    engine.metrics.count_reports([guarded.report])
    message["content"] = guarded.answer
    return completion, GroundqaResult(
        mode="guard",
        report=guarded.report,
        raw_answer=content,
        raw_report=guarded.raw_report,
        evidence=guarded.evidence,
        changes=guarded.changes,
        abstained=guarded.abstained,
        quoted=guarded.quoted,
        upstream_model=model,
    )


async def _forward(service, request: Request, body: ChatCompletionRequest) -> dict[str, Any]:
    """The request as the upstream sees it: our fields removed, never streamed (the whole answer is checked)."""
    payload = body.model_dump(mode="json", exclude={"groundqa"}, exclude_none=True)
    payload["stream"] = False
    payload.pop("stream_options", None)
    if service.upstream_model:
        payload["model"] = service.upstream_model
    headers = {"Content-Type": "application/json"}
    key = service.upstream_key.get_secret_value() if service.upstream_key is not None else None
    if key is None and service.token is None and request.headers.get("authorization"):
        headers["Authorization"] = request.headers["authorization"]  # no token of ours: the caller's key is theirs
    elif key is not None:
        headers["Authorization"] = f"Bearer {key}"
    url = service.upstream_base.rstrip("/") + "/chat/completions"
    try:
        async with httpx.AsyncClient(timeout=service.upstream_timeout_s) as client:
            response = await client.post(url, json=payload, headers=headers)
    except httpx.TimeoutException:
        raise ApiError(
            504, "upstream_timeout", f"the upstream did not answer within {service.upstream_timeout_s:g} s"
        ) from None
    except httpx.HTTPError as exc:
        raise ApiError(502, "upstream_unreachable", f"cannot reach the upstream at {url}: {exc}") from None
    if response.status_code >= 400:
        status = response.status_code if response.status_code in (400, 401, 403, 404, 422, 429) else 502
        raise ApiError(
            status, "upstream_error", f"the upstream answered {response.status_code}: {_upstream_message(response)}"
        )
    try:
        completion = response.json()
    except ValueError:
        raise ApiError(502, "upstream_error", "the upstream answered with something other than JSON") from None
    if not isinstance(completion, dict) or not isinstance(completion.get("choices"), list):
        raise ApiError(502, "upstream_error", "the upstream's answer is not a chat completion (no choices)")
    return completion


def _upstream_message(response: httpx.Response) -> str:
    try:
        error = response.json().get("error")
        message = error.get("message") if isinstance(error, dict) else error
        if message:
            return str(message)[:500]
    except (ValueError, AttributeError):
        pass
    return response.text[:500] or response.reason_phrase


async def _core(awaitable: Awaitable[Any]) -> Any:
    """groundqa's own errors as API errors (the caller's fault 4xx, the model's 503), never a 500."""
    from grounding.api.errors import core_error

    try:
        return await awaitable
    except GroundQAError as exc:
        status, detail = core_error(exc)
        raise ApiError(status, detail.code, detail.message, field=detail.field) from None


def _last_user_message(messages: list[ChatMessage]) -> str:
    for message in reversed(messages):
        if message.role == "user":
            text = _content_text(message.content)
            if text.strip():
                return text
            break
    raise ApiError(422, "invalid_input", "there is no user message with text to answer", field="messages")


def _content_text(content: str | list[dict[str, Any]] | None) -> str:
    if isinstance(content, str):
        return content
    return "".join(str(part.get("text", "")) for part in content or [] if part.get("type") == "text")


def _completion(model: str, answer: str) -> dict[str, Any]:
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": answer}, "finish_reason": "stop"}],
    }


async def _sse(completion: dict[str, Any]) -> AsyncIterator[bytes]:
    """The verified completion as OpenAI stream chunks: the role, the answer in pieces, then the end with `groundqa`."""
    choice = completion["choices"][0]
    message = choice.get("message") or {}
    head = {
        "id": completion.get("id") or f"chatcmpl-{uuid.uuid4().hex}",
        "object": "chat.completion.chunk",
        "created": completion.get("created") or int(time.time()),
        "model": completion.get("model"),
    }

    def chunk(delta: dict[str, Any], finish: str | None = None, **extra: Any) -> bytes:
        data = {**head, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **extra}
        return b"data: " + json.dumps(data).encode() + b"\n\n"

    yield chunk({"role": "assistant", "content": ""})
    for piece in answer_pieces(message.get("content") or ""):
        yield chunk({"content": piece})
    extra = {"groundqa": completion["groundqa"]}
    if completion.get("usage") is not None:
        extra["usage"] = completion["usage"]
    yield chunk({}, choice.get("finish_reason") or "stop", **extra)
    yield b"data: [DONE]\n\n"


# -- errors in OpenAI's shape ----------------------------------------------------------------------


def _openai_path(path: str) -> bool:
    return path in OPENAI_PATHS


def _reshaped(response: Response) -> Response:
    """Our `{"error": {code, message, field}}` as OpenAI's `{"error": {message, type, param, code}}`."""
    try:
        ours = json.loads(bytes(response.body))["error"]
    except (ValueError, KeyError, TypeError, AttributeError):
        return response
    status = 400 if response.status_code == 422 else response.status_code
    fallback = "server_error" if status >= 500 else "invalid_request_error"
    body = {
        "error": {
            "message": ours.get("message", ""),
            "type": _ERROR_TYPES.get(response.status_code, fallback),
            "param": ours.get("field"),
            "code": ours.get("code"),
        }
    }
    headers = {k: v for k, v in response.headers.items() if k.lower() not in ("content-length", "content-type")}
    return JSONResponse(body, status_code=status, headers=headers)


def install(app: FastAPI) -> None:
    """Add the routes and answer their errors in OpenAI's shape (the app's own routes keep theirs)."""
    app.include_router(router)
    for kind in (RequestValidationError, ApiError, StarletteHTTPException, GroundQAError, Exception):
        original = app.exception_handlers.get(kind)
        if original is not None:
            app.add_exception_handler(kind, _dispatching(original))


def _dispatching(original: Callable[..., Awaitable[Response]]) -> Callable[..., Awaitable[Response]]:
    async def handle(request: Request, exc: Exception) -> Response:
        response = await original(request, exc)
        return _reshaped(response) if _openai_path(request.url.path) else response

    return handle
