"""Bearer-token auth: on for writes when a token is configured, for reads too with `auth_reads`.

Tokens are compared with `hmac.compare_digest` on bytes so the time taken says nothing about how
much of a guess was right.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from grounding.api.config import ServiceSettings
from grounding.api.errors import ApiError

bearer = HTTPBearer(auto_error=False, description="Set GROUNDQA_API_TOKEN on the server to require it.")


def token_matches(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def check(settings: ServiceSettings, credentials: HTTPAuthorizationCredentials | None, write: bool) -> None:
    if settings.token is None or (not write and not settings.auth_reads):
        return
    challenge = {"WWW-Authenticate": "Bearer"}
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise ApiError(401, "unauthorized", "this endpoint needs 'Authorization: Bearer <token>'", headers=challenge)
    if not token_matches(credentials.credentials, settings.token.get_secret_value()):
        raise ApiError(401, "unauthorized", "the bearer token is not valid", headers=challenge)


def require_write(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)]
) -> None:
    """Dependency for endpoints that change the KB."""
    check(request.app.state.service, credentials, write=True)


def require_token(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)]
) -> None:
    """Dependency for reads that cost real work (SPARQL): guarded like writes whenever a token is set."""
    check(request.app.state.service, credentials, write=True)


def require_read(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)]
) -> None:
    """Dependency for everything else but the probes."""
    check(request.app.state.service, credentials, write=False)
