"""Run a per-item function on Ray actors through Ray Data, results in input order.

The same contract as `grounding.evaluate.workers.map_ordered`: `factory()` builds the function
once per actor (a Verifier loads its models in the actor's constructor, not per item), items go
out and results come back in input order, so the driver alone writes the output and a Ray run
writes exactly the file a single-process run writes. Items and results travel pickled, so any
picklable object works (Ray Data rows must be Arrow columns). Ray Data's `map_batches` with a
callable class gives the actor pool; `preserve_order` keeps the stream in input order while
later items are still running.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from knowledge.errors import GroundQAError

LOCAL = "local"


class _Actor:
    """One Ray actor: builds the task once, then maps rows of pickled items to pickled results."""

    def __init__(self, factory: Callable[[], Callable[[Any], Any]]) -> None:
        self._task = factory()

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        results = [pickle.dumps(self._task(pickle.loads(payload))) for payload in batch["payload"]]
        return {"index": batch["index"], "result": results}


def connect(address: str | None = LOCAL) -> bool:
    """Join the Ray cluster at `address` ('local' starts one on this machine); True when this call started Ray.

    A session already started by the caller (a test's `ray.init(num_cpus=2)`) is used as it is.
    """
    try:
        import ray
    except ImportError as exc:
        raise GroundQAError("--ray needs Ray: pip install 'groundqa[scale]'") from exc
    if ray.is_initialized():
        return False
    try:
        ray.init(
            address=None if address in (None, "", LOCAL) else address,
            include_dashboard=False,
            log_to_driver=False,
            logging_level="ERROR",
        )
    except (ConnectionError, ValueError, RuntimeError) as exc:
        raise GroundQAError(f"cannot join the Ray cluster at {address!r}: {exc}") from exc
    return True


def ray_map_ordered(
    factory: Callable[[], Callable[[Any], Any]], items: Iterable[Any], actors: int = 1, address: str | None = LOCAL
) -> Iterator[Any]:
    """`factory()(item)` for every item on `actors` Ray actors, yielded in input order as they finish.

    Each actor asks for one CPU, and a share of the GPUs when the cluster has any (the verifier
    then puts its models on the GPU).
    """
    import ray
    import ray.data

    connect(address)
    rows = [{"index": i, "payload": pickle.dumps(item)} for i, item in enumerate(items)]
    if not rows:
        return
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False
    gpus = float(ray.cluster_resources().get("GPU", 0))
    dataset = ray.data.from_items(rows, override_num_blocks=len(rows)).map_batches(
        _Actor,
        fn_constructor_args=(factory,),
        batch_size=1,
        batch_format="numpy",
        compute=ray.data.ActorPoolStrategy(size=max(1, actors)),
        num_cpus=1,
        num_gpus=min(1.0, gpus / max(1, actors)) if gpus else 0,
    )
    expected = 0
    for row in dataset.iter_rows():
        if int(row["index"]) != expected:
            raise GroundQAError(f"Ray returned item {row['index']} where item {expected} was due")
        expected += 1
        yield pickle.loads(row["result"])
