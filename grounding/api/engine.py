"""What one worker serves from: the KB and the verifier, the threads that run them, and KB writes.

Model inference never runs on the event loop. Verification goes through one inference thread fed
by a micro-batching queue: answers that arrive while the models are busy are verified together in
the next pass (`Verifier.verify_many` batches their claims and NLI pairs), which is where the
throughput comes from. Writes go through one writer thread per worker (the KB's file lock
serialises writers across workers); readers keep the snapshot they started with, and a new
generation is published, or noticed from another worker's CURRENT, before the next request.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from grounding.api.config import ServiceSettings
from grounding.api.errors import ApiError
from grounding.api.limits import limit_error
from grounding.api.observability import Metrics
from grounding.factory import make_verifier, open_kb, warm_up
from grounding.settings import Settings
from grounding.types import VerificationReport
from grounding.verify.verifier import VerifierOptions, VerifyItem

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from grounding.verify.verifier import Verifier
    from knowledge.graph import KnowledgeGraph
    from knowledge.kb import KnowledgeBase
    from knowledge.types import SparqlResult

log = logging.getLogger("groundqa.api")
T = TypeVar("T")


@dataclass(frozen=True)
class Snapshot:
    """One KB generation and the verifier over it; requests keep the one they started with."""

    kb: KnowledgeBase
    verifier: Verifier
    signature: tuple[int, int] | None

    @property
    def generation(self) -> int:
        return self.kb.manifest.generation


@dataclass
class _Job:
    item: VerifyItem
    options: VerifierOptions
    future: asyncio.Future


class Engine:
    def __init__(
        self,
        settings: Settings,
        service: ServiceSettings,
        metrics: Metrics,
        llm: str | BaseChatModel | None = None,
    ) -> None:
        self.settings = settings
        self.service = service
        self.metrics = metrics
        self.llm = llm if llm is not None else service.llm
        self.status = "loading"
        self.failure: str | None = None
        self._snapshot: Snapshot | None = None
        self._inference = ThreadPoolExecutor(1, thread_name_prefix="groundqa-infer")
        self._asking = ThreadPoolExecutor(1, thread_name_prefix="groundqa-ask")
        self._writing = ThreadPoolExecutor(1, thread_name_prefix="groundqa-write")
        self._reading = ThreadPoolExecutor(2, thread_name_prefix="groundqa-read")
        self._querying = ThreadPoolExecutor(service.sparql_concurrency, thread_name_prefix="groundqa-sparql")
        self._sparql_slots: asyncio.Semaphore | None = None
        self._sparql_running: dict[str, int] = defaultdict(int)
        self._queue: asyncio.Queue[_Job] | None = None
        self._tasks: list[asyncio.Task] = []
        self._reopen_lock: asyncio.Lock | None = None

    # -- life cycle ------------------------------------------------------------------------------

    async def start(self) -> None:
        """Load the KB and models in a thread, so /healthz answers while they load."""
        self._queue = asyncio.Queue()
        self._reopen_lock = asyncio.Lock()
        self._tasks.append(asyncio.create_task(self._batch_loop(), name="groundqa-batcher"))
        loop = asyncio.get_running_loop()
        try:
            snapshot = await loop.run_in_executor(self._reading, self._load)
        except Exception as exc:  # a bad KB path or model name: report it on /readyz, keep /healthz up
            self.status, self.failure = "failed", str(exc)
            log.error("start-up failed", exc_info=exc)
            return
        self._publish(snapshot)
        self.status = "ok"
        self.metrics.ready.set(1)
        log.info("ready", extra={"generation": snapshot.generation, "kb": str(snapshot.kb.root)})

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        for pool in (self._inference, self._asking, self._writing, self._reading, self._querying):
            pool.shutdown(wait=False, cancel_futures=True)

    def _load(self) -> Snapshot:
        return self._snapshot_of(open_kb(self.settings, progress=False))

    def _snapshot_of(self, kb: KnowledgeBase) -> Snapshot:
        """A verifier over `kb`, warmed (linker, graph views, models) before any client request reaches it."""
        signature = _signature(kb.root)
        judge = self.llm if self.service.judge else None
        verifier = make_verifier(self.settings, kb, judge_llm=judge)
        warm_up(verifier)
        return Snapshot(kb=kb, verifier=verifier, signature=signature)

    def _publish(self, snapshot: Snapshot) -> None:
        current = self._snapshot
        if current is None or snapshot.generation >= current.generation:
            self._snapshot = snapshot
            self.metrics.generation.set(snapshot.generation)

    # -- reading ---------------------------------------------------------------------------------

    @property
    def ready(self) -> bool:
        return self.status == "ok" and self._snapshot is not None

    def require_ready(self) -> Snapshot:
        if not self.ready or self._snapshot is None:
            detail = f"start-up failed: {self.failure}" if self.failure else "models and KB are still loading"
            raise ApiError(503, "not_ready", detail, headers={"Retry-After": "5"})
        return self._snapshot

    async def snapshot(self) -> Snapshot:
        """The live snapshot, reopened first when another writer moved CURRENT on."""
        current = self.require_ready()
        if _signature(current.kb.root) == current.signature or self._reopen_lock is None:
            return current
        async with self._reopen_lock:
            current = self.require_ready()
            if _signature(current.kb.root) != current.signature:
                try:
                    fresh = await asyncio.get_running_loop().run_in_executor(self._reading, self._reopen)
                    self._publish(fresh)
                except Exception as exc:  # a generation pruned mid-open: keep serving the old one
                    log.warning("could not reopen the KB; serving the previous generation", exc_info=exc)
            return self.require_ready()

    def _reopen(self) -> Snapshot:
        return self._snapshot_of(open_kb(self.settings, progress=False))

    async def read(self, func: Callable[[], T], seconds: float, what: str) -> T:
        from grounding.api.limits import within

        return await within(asyncio.get_running_loop().run_in_executor(self._reading, func), seconds, what)

    async def sparql(self, graph: KnowledgeGraph, query: str, client: str) -> SparqlResult:
        """One client query in a killable child process (knowledge.sparql_process), within the
        per-client and global concurrency limits: a runaway query costs its own slot until its
        deadline, never a core or a thread afterwards."""
        from knowledge.sparql_process import QueryLimits, QueryTimeoutError, run_isolated

        service = self.service
        if self._sparql_running[client] >= service.sparql_per_client:
            raise ApiError(
                429,
                "too_many_requests",
                f"{service.sparql_per_client} SPARQL quer{'y' if service.sparql_per_client == 1 else 'ies'} "
                "of yours already running; wait for it to finish",
                headers={"Retry-After": "1"},
            )
        limits = QueryLimits(
            seconds=service.sparql_timeout_s,
            max_rows=service.sparql_max_rows,
            max_bytes=service.sparql_max_bytes,
            max_memory_mb=service.sparql_max_memory_mb,
        )
        self._sparql_running[client] += 1
        try:
            if self._sparql_slots is None:
                self._sparql_slots = asyncio.Semaphore(service.sparql_concurrency)
            try:
                await asyncio.wait_for(self._sparql_slots.acquire(), timeout=service.sparql_timeout_s)
            except TimeoutError:
                raise ApiError(
                    503, "busy", "every SPARQL slot stayed busy; retry later", headers={"Retry-After": "5"}
                ) from None
            try:
                loop = asyncio.get_running_loop()
                return await loop.run_in_executor(self._querying, run_isolated, graph, query, limits)
            except QueryTimeoutError as exc:
                raise ApiError(504, "timeout", str(exc)) from None
            finally:
                self._sparql_slots.release()
        finally:
            self._sparql_running[client] -= 1
            if not self._sparql_running[client]:
                del self._sparql_running[client]

    async def ask(self, func: Callable[[], T], seconds: float) -> T:
        from grounding.api.limits import within

        return await within(asyncio.get_running_loop().run_in_executor(self._asking, func), seconds, "the question")

    # -- writing ---------------------------------------------------------------------------------

    async def write(self, change: Callable[[KnowledgeBase], Any]) -> Any:
        """Run `change` on a KB opened for writing, in the one writer thread; publish the result.

        The writer works on its own KnowledgeBase object: `add` swaps that object's state in place,
        which must not happen under readers still using the published snapshot.
        """
        self.require_ready()

        def run() -> tuple[Snapshot, Any]:
            kb = open_kb(self.settings, progress=False)
            result = change(kb)
            return self._snapshot_of(kb), result

        future = asyncio.get_running_loop().run_in_executor(self._writing, run)
        try:
            snapshot, result = await asyncio.wait_for(asyncio.shield(future), timeout=self.service.ingest_timeout_s)
        except TimeoutError:
            future.add_done_callback(self._publish_late)
            raise ApiError(
                504,
                "timeout",
                f"the change did not finish within {self.service.ingest_timeout_s:g} s; it goes on and is applied "
                "atomically when done (watch the generation in GET /v1/kb)",
            ) from None
        self._publish(snapshot)
        return result

    def _publish_late(self, future: asyncio.Future) -> None:
        if not future.cancelled() and future.exception() is None:
            self._publish(future.result()[0])

    # -- verification ----------------------------------------------------------------------------

    def submit(self, item: VerifyItem, options: VerifierOptions) -> asyncio.Future:
        """Queue one answer for the next model pass; cancel the future to withdraw it."""
        self.require_ready()
        if self._queue is None:
            raise ApiError(503, "not_ready", "the service is not started")
        future = asyncio.get_running_loop().create_future()
        self._queue.put_nowait(_Job(item, options, future))
        self.metrics.queue.set(self._queue.qsize())
        return future

    async def _batch_loop(self) -> None:
        """Take whatever is queued (up to `inference_batch` answers), verify it in one pass, repeat.

        Nothing waits for a batch to fill: while one pass runs, new answers queue up and form the
        next one, so batches grow with the load and a lone request pays no extra latency.
        """
        if self._queue is None:
            return
        while True:
            jobs = [await self._queue.get()]
            while len(jobs) < self.service.inference_batch and not self._queue.empty():
                jobs.append(self._queue.get_nowait())
            self.metrics.queue.set(self._queue.qsize())
            groups: dict[str, list[_Job]] = defaultdict(list)
            for job in jobs:
                groups[job.options.model_dump_json()].append(job)
            for group in groups.values():
                try:
                    await self._run_group([job for job in group if not job.future.done()])
                except Exception as exc:  # never let one bad pass stop verification for the worker
                    log.error("verification pass failed", exc_info=exc)
                    for job in group:
                        if not job.future.done():
                            job.future.set_exception(exc)

    async def _run_group(self, group: list[_Job]) -> None:
        if not group:
            return
        snapshot = self._snapshot
        if snapshot is None:
            raise ApiError(503, "not_ready", "models and KB are not loaded")
        outcomes = await asyncio.get_running_loop().run_in_executor(
            self._inference,
            verify_group,
            snapshot.verifier,
            [job.item for job in group],
            group[0].options,
            self.service.max_claims,
        )
        self.metrics.batch_size.observe(len(group))
        self.metrics.count_reports(o for o in outcomes if isinstance(o, VerificationReport))
        for job, outcome in zip(group, outcomes, strict=True):
            if job.future.done():
                continue
            if isinstance(outcome, BaseException):
                job.future.set_exception(outcome)
            else:
                job.future.set_result(outcome)


def verify_group(
    verifier: Verifier, items: list[VerifyItem], options: VerifierOptions, max_claims: int
) -> list[VerificationReport | Exception]:
    """Verify answers together; one answer's failure is its own, never its neighbours'."""
    from grounding.verify.claims import split_claims

    outcomes: list[VerificationReport | Exception | None] = [None] * len(items)
    runnable = []
    for i, item in enumerate(items):
        try:
            count = len(split_claims(item.answer, item.question))
        except Exception as exc:
            outcomes[i] = exc
            continue
        if count > max_claims:
            outcomes[i] = limit_error("answer", f"the answer has {count} claims, over the limit of {max_claims}")
        else:
            runnable.append(i)
    try:
        reports = verifier.verify_many([items[i] for i in runnable], options) if runnable else []
        for i, report in zip(runnable, reports, strict=True):
            outcomes[i] = report
    except Exception:
        for i in runnable:
            try:
                outcomes[i] = verifier.verify_many([items[i]], options)[0]
            except Exception as exc:
                outcomes[i] = exc
    return [o if o is not None else RuntimeError("not verified") for o in outcomes]


def _signature(root: Path) -> tuple[int, int] | None:
    """Identity of the CURRENT pointer: writers replace the file, so inode and mtime change."""
    try:
        stat = os.stat(Path(root) / "CURRENT")
    except OSError:
        return None
    return stat.st_ino, stat.st_mtime_ns
