"""Limits that keep one request from taking the service down: body size, counts and lengths, time.

The body is checked before any of it is parsed: a declared Content-Length over the limit is
refused at once, and a chunked body is read only up to the limit. Counts and lengths are checked
against the service settings before any model runs, naming the field at fault.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable
from typing import TypeVar

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from grounding.api.config import ServiceSettings
from grounding.api.errors import ApiError
from grounding.api.observability import current_request_id
from grounding.api.schemas import VerifyItemRequest

T = TypeVar("T")


class BodySizeLimit:
    """Pure ASGI, so a too-large body is refused without being buffered by the framework."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await self._refuse(send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            size += len(body)
            if size > self.max_bytes:
                await self._refuse(send)
                return
            chunks.append(body)
            if not message.get("more_body", False):
                break
        replayed = False
        whole = b"".join(chunks)

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": whole, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, send: Send) -> None:
        body = json.dumps(
            {
                "error": {
                    "code": "payload_too_large",
                    "message": f"request body over {self.max_bytes} bytes",
                },
                "request_id": current_request_id(),
            }
        ).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _content_length(scope: Scope) -> int | None:
    for key, value in scope.get("headers", []):
        if key == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def limit_error(field: str, message: str) -> ApiError:
    return ApiError(422, "limit_exceeded", message, field=field)


def check_text(value: str | None, limit: int, field: str) -> None:
    if value is not None and len(value) > limit:
        raise limit_error(field, f"{field} has {len(value)} characters, over the limit of {limit}")


def check_item(item: VerifyItemRequest, settings: ServiceSettings, prefix: str = "") -> None:
    """Raise ApiError (422, naming the field) for the first limit `item` breaks."""
    if not item.answer.strip():
        raise ApiError(422, "invalid_input", "the answer is empty; there is nothing to verify", field=prefix + "answer")
    check_text(item.answer, settings.max_answer_chars, prefix + "answer")
    check_text(item.question, settings.max_question_chars, prefix + "question")
    if item.evidence is not None:
        if len(item.evidence) > settings.max_evidence:
            raise limit_error(
                prefix + "evidence", f"{len(item.evidence)} evidence items, over the limit of {settings.max_evidence}"
            )
        for i, evidence in enumerate(item.evidence):
            text = evidence if isinstance(evidence, str) else evidence.text
            check_text(text, settings.max_evidence_chars, f"{prefix}evidence.{i}")


def check_claims(count: int, settings: ServiceSettings, field: str = "answer") -> None:
    if count > settings.max_claims:
        raise limit_error(field, f"the answer has {count} claims, over the limit of {settings.max_claims}")


async def within(awaitable: Awaitable[T], seconds: float, what: str) -> T:
    """Await with a deadline; on expiry a 504 that says what timed out."""
    try:
        return await asyncio.wait_for(awaitable, timeout=seconds)
    except TimeoutError:
        raise ApiError(504, "timeout", f"{what} did not finish within {seconds:g} s") from None
