"""SPARQL from untrusted clients, run in a forked child process that is killed at its deadline.

rdflib's query engine cannot be cancelled, and a thread cannot be stopped: a cartesian query left
running in a thread holds a core (and the GIL) long after its caller gave up. A forked child
starts with the parent's graph already in memory (copy-on-write, no reload), answers through a
pipe, and is killed when the wall-clock limit passes, which frees the core at once. The child also
gets an address-space cap, so a query that builds a huge intermediate result fails alone.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection

from knowledge.errors import QueryError
from knowledge.graph import KnowledgeGraph
from knowledge.types import SparqlResult


class QueryTimeoutError(QueryError):
    """The query ran past its wall-clock limit and its process was killed."""


@dataclass(frozen=True)
class QueryLimits:
    """Hard limits for one isolated query."""

    seconds: float = 10.0
    max_rows: int = 10_000
    max_bytes: int = 4 * 1024 * 1024
    max_memory_mb: int = 2048


def run_isolated(graph: KnowledgeGraph, query: str, limits: QueryLimits) -> SparqlResult:
    """Answer `query` in a child process; QueryError for bad queries, QueryTimeoutError past the limit."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(graph, query, limits, sender), daemon=True, name="groundqa-sparql")
    child.start()
    sender.close()
    try:
        deadline = time.monotonic() + limits.seconds
        if not receiver.poll(max(0.0, deadline - time.monotonic())):
            raise QueryTimeoutError(
                f"the SPARQL query did not finish within {limits.seconds:g} s and was stopped; "
                "add LIMIT or narrow the patterns"
            )
        try:
            status, payload = receiver.recv()
        except EOFError:
            raise QueryError("the SPARQL query process died (memory limit or crash); narrow the query") from None
    finally:
        if child.is_alive():
            child.kill()
        child.join(timeout=5)
        receiver.close()
    if status == "error":
        raise QueryError(payload)
    return SparqlResult.model_validate_json(payload)


def _child(graph: KnowledgeGraph, query: str, limits: QueryLimits, sender: Connection) -> None:
    _cap_memory(limits.max_memory_mb)
    try:
        result = graph.sparql(query, max_rows=limits.max_rows, max_bytes=limits.max_bytes)
        message = ("ok", result.model_dump_json())
    except QueryError as exc:
        message = ("error", str(exc))
    except MemoryError:
        message = ("error", f"the SPARQL query needed more than {limits.max_memory_mb} MB; narrow it")
    except Exception as exc:  # never let the child die silently: the parent reports what happened
        message = ("error", f"SPARQL query failed: {exc}")
    try:
        sender.send(message)
    finally:
        sender.close()
        os._exit(0)  # skip the parent's atexit handlers and finalizers inherited through fork


def _cap_memory(megabytes: int) -> None:
    """Address space allowed: what the fork inherited plus `megabytes`."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[0])
        limit = pages * os.sysconf("SC_PAGE_SIZE") + megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (OSError, ValueError):
        pass  # not Linux: no cap, the wall-clock limit still holds
