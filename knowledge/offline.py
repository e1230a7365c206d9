"""Parsing user files never reaches the network or other files.

rdflib resolves what a file points at: a remote JSON-LD `@context` (or `@import`), an XML external
entity, a DTD. An uploaded file must not make the server fetch a URL (SSRF) or read a local file,
so every parse of a user's file runs inside `no_network`: a Python audit hook refuses URL opening
and socket connections made by the parsing thread, and the parse fails with a message naming what
was not fetched. JSON-LD contexts are checked before parsing too, for a message that says how to
fix the file.
"""

from __future__ import annotations

import contextlib
import json
import sys
import threading
from collections.abc import Iterator
from typing import Any

from knowledge.errors import InputError

_EVENTS = frozenset({"urllib.Request", "socket.connect", "socket.getaddrinfo", "socket.gethostbyname"})
_state = threading.local()
_installed = False
_install_lock = threading.Lock()


class NetworkRefused(InputError):
    """A file being parsed asked for a URL; nothing was fetched."""


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if event in _EVENTS and getattr(_state, "depth", 0):
        target = str(args[0]) if args else "?"
        if event == "urllib.Request":
            target = str(args[0])
        elif event == "socket.connect" and len(args) > 1:
            target = str(args[1])
        _state.refused.append(target)
        raise NetworkRefused(f"{target} not fetched: files are parsed without network access")


def _install() -> None:
    global _installed
    with _install_lock:
        if not _installed:
            sys.addaudithook(_hook)
            _installed = True


@contextlib.contextmanager
def no_network(what: str) -> Iterator[None]:
    """While the block runs, this thread cannot open URLs or sockets; an attempt fails `what`'s parse."""
    _install()
    if not getattr(_state, "depth", 0):
        _state.refused = []
    _state.depth = getattr(_state, "depth", 0) + 1
    try:
        yield
    except Exception as exc:
        refused = list(_state.refused)
        if refused and not isinstance(exc, NetworkRefused):
            raise NetworkRefused(f"{what}: refers to {refused[0]}, which was not fetched: {_ADVICE}") from exc
        raise
    finally:
        _state.depth -= 1
    if _state.depth == 0 and _state.refused:  # a parser that swallowed the refusal still fails
        raise NetworkRefused(f"{what}: refers to {_state.refused[0]}, which was not fetched: {_ADVICE}")


_ADVICE = "files are parsed without network or file access; inline what it points at"


def check_jsonld_contexts(text: str, what: str) -> None:
    """Refuse a JSON-LD document whose @context (or @import) names a document instead of inlining it."""
    try:
        data = json.loads(text)
    except ValueError:
        return  # the parser reports the syntax error with its position
    stack: list[Any] = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key in ("@context", "@import"):
                value = node.get(key)
                for ref in value if isinstance(value, list) else [value]:
                    if isinstance(ref, str):
                        raise NetworkRefused(
                            f"{what}: remote JSON-LD context {ref!r} not fetched; inline the context in the file"
                        )
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
