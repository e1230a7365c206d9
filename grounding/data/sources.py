"""Where a dataset's file comes from: --data, the shared data folder, or a copy in the cache.

The library never downloads: without a local file the error names the file and where to get it.
"""

from __future__ import annotations

from pathlib import Path

from grounding import paths
from knowledge.errors import InputError

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
TRUTHFULQA_COLUMNS = ["Type", "Category", "Question", "Best Answer", "Correct Answers", "Incorrect Answers", "Source"]


def family(name: str) -> str:
    return name.split("-")[0]


def resolve(name: str, data: Path | None, cache: Path | None = None, shared: Path | None = None) -> Path:
    """The file to read for `name`: --data, else the shared copy, else a cached copy; else a clear error."""
    cache = cache if cache is not None else paths.cache() / "datasets"
    shared = shared if shared is not None else paths.shared_data()
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
    filename = Path(SHARED_FILES[name]).name
    raise InputError(
        f"no local copy of {name} (looked in {shared} and {cache}). "
        f"Get {filename} from {WHERE[family(name)]} and pass its path with --data PATH"
    )
