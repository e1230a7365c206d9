"""Built training data as one file, so the pairs can be made where the datasets are and trained on elsewhere.

Building the pairs needs `../shared/data` and the embedding model (HaluEval alignment takes
minutes on a CPU); a GPU machine may have neither. `--export-data` writes everything a run needs
(train pairs, dev pairs per source, what each source contributed, HaluEval dev items) to a gzip
JSON file, and `--data` trains from it, so the run on the GPU sees exactly the pairs built here.
"""

from __future__ import annotations

import dataclasses
import gzip
import json
from dataclasses import dataclass
from pathlib import Path

from grounding.train import Pair, TrainingData
from grounding.train.halueval_pairs import EvalItem
from knowledge.atomic import atomic_path
from knowledge.errors import InputError

FORMAT = "groundqa-verifier-data/1"


@dataclass
class ExportedData:
    """What a training run needs, as read back from the file; `command` is the one that built it."""

    data: TrainingData
    halueval_items: dict[str, list[EvalItem]]
    command: str = ""


def save_training_data(
    path: Path, data: TrainingData, halueval_items: dict[str, list[EvalItem]], command: str = ""
) -> None:
    """Write `data` and the HaluEval dev items atomically."""
    payload = {
        "format": FORMAT,
        "command": command,
        "sources": data.sources,
        "train": [dataclasses.astuple(p) for p in data.train],
        "dev": {source: [dataclasses.astuple(p) for p in pairs] for source, pairs in data.dev.items()},
        "halueval_dev": {
            task: [[item.index, item.hallucinated, [list(c) for c in item.claims]] for item in items]
            for task, items in halueval_items.items()
        },
    }
    with atomic_path(path) as tmp, gzip.GzipFile(tmp, mode="wb", mtime=0) as handle:
        handle.write(json.dumps(payload, ensure_ascii=False).encode("utf-8"))


def load_training_data(path: Path) -> ExportedData:
    """Read a file `save_training_data` wrote; a damaged or foreign file is an InputError naming it."""
    try:
        with gzip.open(path, "rb") as handle:
            payload = json.loads(handle.read().decode("utf-8"))
    except (OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read verifier training data {path}: {exc}") from exc
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise InputError(f"{path} is not groundqa verifier training data (expected format {FORMAT!r})")
    try:
        train = [Pair(*row) for row in payload["train"]]
        dev = {source: [Pair(*row) for row in rows] for source, rows in payload["dev"].items()}
        items = {
            task: [
                EvalItem(task, index, hallucinated, tuple(tuple(c) for c in claims))
                for index, hallucinated, claims in rows
            ]
            for task, rows in payload["halueval_dev"].items()
        }
        return ExportedData(TrainingData(train, dev, payload["sources"]), items, payload.get("command", ""))
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"verifier training data {path} is malformed: {exc}") from exc
