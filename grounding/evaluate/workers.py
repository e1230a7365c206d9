"""Run a per-item function in worker processes that each load their models once.

Models (the NLI cross-encoder, MiniLM, an LLM) are loaded by `factory()` in each worker's
initializer, not per item; items travel to the workers and plain results come back in input
order, so the parent alone writes the run's files and a rerun produces the same file. Workers
are spawned, never forked: a forked copy of a process holding torch threads can deadlock.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

_task: Callable[[Any], Any] | None = None  # this worker process's function, set once by _start


def _start(factory: Callable[[], Callable[[Any], Any]]) -> None:
    global _task
    _task = factory()


def _call(item: Any) -> Any:
    if _task is None:  # the initializer always runs first; this guards a misuse of the module
        raise RuntimeError("worker used before its initializer ran")
    return _task(item)


def map_ordered(
    factory: Callable[[], Callable[[Any], Any]], items: Iterable[Any], workers: int = 1, ray: str | None = None
) -> Iterator[Any]:
    """`factory()(item)` for every item, in order; `factory` must be picklable for `workers` > 1 or Ray.

    With one worker everything runs in this process (no pickling, easy to debug). With `ray` (a
    cluster address, or 'local') `workers` Ray actors do the work (grounding.ray_map).
    """
    if ray is not None:
        from grounding.ray_map import ray_map_ordered

        yield from ray_map_ordered(factory, items, actors=workers, address=ray)
        return
    if workers <= 1:
        task = factory()
        yield from map(task, items)
        return
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start, initargs=(factory,))
    try:
        yield from pool.map(_call, items, chunksize=1)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
