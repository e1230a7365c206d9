"""Where a dataset's file comes from: --data, the shared copy beside the repository, or the hub.

A local file always wins, so a run is reproducible offline. Without one the set is fetched once
from the Hugging Face hub through `datasets` (when it is installed and the network allows),
written in the original file layout to a cache folder, and parsed by the same code as a local
copy, so a hub row and a file row can never be read differently.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from knowledge.atomic import atomic_path
from knowledge.errors import InputError

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"
CACHE = Path.home() / ".cache" / "groundqa" / "datasets"

SHARED_FILES = {
    "halueval-qa": "halueval/qa_data.json",
    "halueval-dialogue": "halueval/dialogue_data.json",
    "halueval-summarization": "halueval/summarization_data.json",
    "halueval-general": "halueval/general_data.json",
    "truthfulqa": "truthfulqa/TruthfulQA.csv",
    "metaqa-1hop": "metaqa/1-hop/qa_dev.txt",
    "metaqa-2hop": "metaqa/2-hop/qa_dev.txt",
    "metaqa-3hop": "metaqa/3-hop/qa_dev.txt",
}
WHERE = {
    "halueval": "https://github.com/RUCAIBox/HaluEval (folder data/)",
    "truthfulqa": "https://github.com/sylinrl/TruthfulQA (TruthfulQA.csv)",
    "metaqa": "https://github.com/yuyuz/MetaQA (the n-hop/vanilla/qa_dev.txt files and kb.txt)",
}
# (hub dataset, config, split); MetaQA has no canonical copy on the hub.
HUB = {
    "halueval-qa": ("pminervini/HaluEval", "qa", "data"),
    "halueval-dialogue": ("pminervini/HaluEval", "dialogue", "data"),
    "halueval-summarization": ("pminervini/HaluEval", "summarization", "data"),
    "halueval-general": ("pminervini/HaluEval", "general", "data"),
    "truthfulqa": ("truthfulqa/truthful_qa", "generation", "validation"),
}
TRUTHFULQA_COLUMNS = ["Type", "Category", "Question", "Best Answer", "Correct Answers", "Incorrect Answers", "Source"]


def family(name: str) -> str:
    return name.split("-")[0]


def resolve(name: str, data: Path | None, cache: Path | None = None, shared: Path | None = None) -> Path:
    """The file to read for `name`: --data, else the shared copy, else a hub download; else a clear error."""
    cache = cache if cache is not None else CACHE
    shared = shared if shared is not None else SHARED
    if data is not None:
        path = Path(data)
        if not path.is_file():
            raise InputError(f"data file {path} does not exist or is not a file")
        return path
    local = shared / SHARED_FILES[name]
    if local.is_file():
        return local
    cached = cache / Path(SHARED_FILES[name]).name.replace("qa_dev", f"{name}_dev")
    if cached.is_file():
        return cached
    return download(name, cached)


def download(name: str, target: Path) -> Path:
    """Fetch `name` from the hub into `target` in the original layout; any failure becomes one InputError."""
    filename = Path(SHARED_FILES[name]).name
    where = f"Get {filename} from {WHERE[family(name)]} and pass its path with --data PATH"
    if name not in HUB:
        raise InputError(f"no local copy of {name} and none on the Hugging Face hub. {where}")
    try:
        import datasets
    except ImportError:
        raise InputError(
            f"no local copy of {name}, and the `datasets` package needed to fetch it from the Hugging Face "
            f"hub is not installed (pip install datasets). {where}"
        ) from None
    repo, config, split = HUB[name]
    try:
        rows = datasets.load_dataset(repo, config, split=split)
    except Exception as exc:  # offline, hub down, renamed set: all mean "no copy here"
        raise InputError(f"no local copy of {name}, and the hub ({repo}) is not reachable: {exc}. {where}") from exc
    write_rows(name, rows, target)
    return target


def write_rows(name: str, rows: Iterable[dict[str, Any]], target: Path) -> None:
    """Hub rows in the file layout the loaders read (HaluEval: JSON lines; TruthfulQA: its CSV)."""
    with atomic_path(target) as tmp, tmp.open("w", encoding="utf-8", newline="") as handle:
        if name != "truthfulqa":
            for row in rows:
                handle.write(json.dumps(dict(row), ensure_ascii=False) + "\n")
            return
        writer = csv.writer(handle)
        writer.writerow(TRUTHFULQA_COLUMNS)
        for row in rows:
            writer.writerow(
                [
                    row.get("type", ""),
                    row.get("category", ""),
                    row.get("question", ""),
                    row.get("best_answer", ""),
                    "; ".join(row.get("correct_answers") or []),
                    "; ".join(row.get("incorrect_answers") or []),
                    row.get("source", ""),
                ]
            )
