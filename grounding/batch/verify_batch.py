"""`groundqa verify-batch`: verify a JSONL file of answers into a JSONL file of verdicts, resumably.

Input lines are `{"answer": ..., "question"?: ..., "evidence"?: [...], "id"?: ...}`; output
lines are `{"id": ..., "report": {...}}` or `{"id": ..., "error": "..."}` in input order. The
inputs are cut into fixed batches by position, and a batch is written whole (one write, fsync)
when it is done, so an interrupted job resumes after its last complete batch and every batch
is verified together with the same neighbours as in an uninterrupted run: the output of a
resumed, a multi-process or a Ray run is byte for byte the single-process output. Reports leave
out `timings_ms`, the one part that differs between two runs of the same input.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from grounding.settings import Settings
from knowledge.errors import InputError
from knowledge.progress import track

DEFAULT_BATCH = 16


class BatchSummary(BaseModel):
    input: str
    output: str
    items: int
    resumed_from: int
    verified_now: int
    errors: int
    seconds: float
    ray: str | None = None
    workers: int = 1


def read_answers(path: Path) -> list[dict[str, Any]]:
    """Every input line checked before any work starts, so a bad line fails the job at once."""
    from grounding.verify.verifier import VerifyItem

    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read answers file {path}: {exc}") from exc
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
            item_id = str(data.pop("id", number))
            VerifyItem.model_validate(data)
        except (ValueError, ValidationError) as exc:
            raise InputError(f"{path}: line {number}: not an answer object ({exc})") from exc
        if item_id in seen:
            raise InputError(f"{path}: line {number}: duplicate id {item_id!r}")
        seen.add(item_id)
        rows.append({"id": item_id, **data})
    if not rows:
        raise InputError(f"{path} holds no answers")
    return rows


@dataclass(frozen=True)
class BatchTask:
    """Picklable: each worker process or Ray actor builds its own Verifier (models load once there)."""

    settings: Settings
    use_graph: bool = True

    def __call__(self) -> Callable[[list[dict[str, Any]]], list[str]]:
        from grounding.factory import make_verifier, open_kb

        kb = open_kb(self.settings, progress=False) if self.settings.kb is not None else None
        verifier = make_verifier(self.settings, kb, use_graph=self.use_graph)
        return lambda rows: verify_rows(verifier, rows)


def verify_rows(verifier: Any, rows: list[dict[str, Any]]) -> list[str]:
    """Output lines for one batch; an answer that fails gets its own error line, never its neighbours'."""
    from grounding.verify.verifier import VerifyItem

    items = [VerifyItem.model_validate({k: v for k, v in row.items() if k != "id"}) for row in rows]
    try:
        outcomes: list[Any] = verifier.verify_many(items)
    except Exception:
        outcomes = []
        for item in items:
            try:
                outcomes.append(verifier.verify_many([item])[0])
            except Exception as exc:
                outcomes.append(exc)
    lines = []
    for row, outcome in zip(rows, outcomes, strict=True):
        if isinstance(outcome, Exception):
            record = {"id": row["id"], "error": f"{type(outcome).__name__}: {outcome}"}
        else:
            record = {"id": row["id"], "report": outcome.model_dump(mode="json", exclude={"timings_ms"})}
        lines.append(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    return lines


def completed(path: Path, rows: list[dict[str, Any]], batch_size: int) -> int:
    """How many inputs the output already holds, in whole batches; a torn tail is cut off the file."""
    if not path.exists():
        return 0
    raw = path.read_bytes()
    good = 0
    offset = 0
    boundaries = {0: 0}
    for line in raw.splitlines(keepends=True):
        if not line.endswith(b"\n"):
            break
        try:
            record = json.loads(line)
        except ValueError:
            break
        if good >= len(rows) or record.get("id") != rows[good]["id"]:
            raise InputError(f"{path} holds verdicts of other inputs (line {good + 1}); use a fresh output file")
        good += 1
        offset += len(line)
        if good % batch_size == 0 or good == len(rows):
            boundaries[good] = offset
    done = max(n for n in boundaries if n <= good)
    if boundaries[done] != len(raw):
        with path.open("r+b") as handle:
            handle.truncate(boundaries[done])
    return done


def run_verify_batch(
    input_path: Path,
    output_path: Path,
    settings: Settings,
    *,
    use_graph: bool = True,
    batch_size: int = DEFAULT_BATCH,
    workers: int = 1,
    ray: str | None = None,
    progress: bool = True,
) -> BatchSummary:
    """Verify every answer of `input_path` into `output_path`, resuming after the last complete batch."""
    import time

    if batch_size < 1:
        raise InputError(f"batch size must be at least 1, got {batch_size}")
    rows = read_answers(input_path)
    output_path.parent.mkdir(parents=True, exist_ok=True)
    done = completed(output_path, rows, batch_size)
    todo = rows[done:]
    batches = [todo[i : i + batch_size] for i in range(0, len(todo), batch_size)]
    task = BatchTask(settings=settings, use_graph=use_graph)
    started = time.perf_counter()
    errors = 0
    with output_path.open("a", encoding="utf-8") as handle:
        for lines in track(_results(task, batches, workers, ray), "Verifying", total=len(batches), enabled=progress):
            errors += sum('"error":' in line for line in lines)
            handle.write("".join(lines))
            handle.flush()
            os.fsync(handle.fileno())
    return BatchSummary(
        input=str(input_path),
        output=str(output_path),
        items=len(rows),
        resumed_from=done,
        verified_now=len(todo),
        errors=errors,
        seconds=round(time.perf_counter() - started, 3),
        ray=ray,
        workers=workers,
    )


def _results(
    task: BatchTask, batches: list[list[dict[str, Any]]], workers: int, ray: str | None
) -> Iterator[list[str]]:
    if not batches:
        return iter(())
    from grounding.evaluate.workers import map_ordered

    return map_ordered(task, batches, workers, ray=ray)
