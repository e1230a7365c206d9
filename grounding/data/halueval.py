"""HaluEval's files as rows and clean text: what training and evaluation both read.

HaluEval (MIT) glues the facts of its knowledge fields together ("Jr.Robert", "Film)Zodiac",
"TurboTurbo"); `clean_knowledge` re-splits them so both stages see the same sentences.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from grounding import paths
from grounding.data.splits import Split, split_of
from grounding.text.sentences import split_sentences
from knowledge.errors import InputError

TASKS = ("dialogue", "summarization", "qa")
_FILES = {"dialogue": "dialogue_data.json", "summarization": "summarization_data.json", "qa": "qa_data.json"}
_GLUE = re.compile(r"(?<=[a-z0-9)'])(?=[A-Z])")


def halueval_root() -> Path:
    return paths.shared_data() / "halueval"


def read_rows(task: str, split: Split, root: Path | None = None) -> Iterator[tuple[int, dict]]:
    """(line number, record) for the rows of one task that fall in `split`."""
    if task not in _FILES:
        raise InputError(f"unknown HaluEval task {task!r}; known: {list(_FILES)}")
    path = (root if root is not None else halueval_root()) / _FILES[task]
    try:
        with path.open(encoding="utf-8") as handle:
            for index, line in enumerate(handle):
                if not line.strip() or split_of(f"halueval-{task}", index) != split:
                    continue
                try:
                    yield index, json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"malformed JSON in {path} line {index + 1}: {exc}") from exc
    except OSError as exc:
        raise InputError(f"cannot read HaluEval file {path}: {exc}") from exc


def sentences_of(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def _unglue_repeats(text: str) -> str:
    """Dialogue knowledge chains facts as "...starred in TurboTurbo is starring...": the next fact
    starts by repeating the previous object. Cut where a name is immediately followed by itself."""
    cuts = []
    for match in _GLUE.finditer(text):
        i = match.start()
        for length in range(3, min(80, i) + 1):
            before = text[i - length : i]
            if (i - length == 0 or not text[i - length - 1].isalnum()) and text.startswith(before, i):
                cuts.append(i)
                break
    for i in reversed(cuts):
        text = text[:i] + ". " + text[i:]
    return text


def clean_knowledge(text: str) -> str:
    """HaluEval glues facts ("Jr.Robert", "Film)Zodiac", "TurboTurbo"); re-split and join with spaces."""
    return " ".join(sentences_of(_unglue_repeats(text)))
