"""The knowledge bases generation mode retrieves from: a whole corpus, never the item's gold context.

Answering a HaluEval QA question with its own knowledge passage in hand measures reading, not
retrieval; here every question searches all of HaluEval QA's passages at once. MetaQA questions
search the MetaQA movie graph. Both are built once (minutes on a small CPU) under `runs/` and
reused while their source file is unchanged: the folder name carries a fingerprint of it.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path

from grounding import paths
from knowledge.errors import InputError

RUNS = paths.runs()
HALUEVAL_SOURCE = "https://github.com/RUCAIBox/HaluEval"
HALUEVAL_LICENCE = "MIT"
CORPUS_VERSION = "1"  # bump when the documents change, so an old cached KB is not reused


def _fingerprint(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()[:12]


def halueval_qa_documents(path: Path) -> list[dict[str, str]]:
    """One JSONL document per distinct knowledge passage, cleaned as the detection items are.

    HaluEval repeats passages across rows; deduplicating keeps retrieval from returning one
    passage several times and keeps the index small. Rows without a knowledge string are
    skipped here: the question loader counts them as malformed.
    """
    from grounding.data.halueval import clean_knowledge

    seen: set[str] = set()
    documents: list[dict[str, str]] = []
    with Path(path).open(encoding="utf-8") as handle:
        for line in handle:
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue
            knowledge = row.get("knowledge") if isinstance(row, dict) else None
            if not isinstance(knowledge, str) or not knowledge.strip():
                continue
            text = clean_knowledge(knowledge.strip())
            if text and text not in seen:
                seen.add(text)
                documents.append({"id": f"halueval-qa-{len(documents)}", "text": text, "source": HALUEVAL_SOURCE})
    if not documents:
        raise InputError(f"{path}: no knowledge passages to build a corpus from")
    return documents


def halueval_qa_kb(path: Path, root: Path | None = None, progress: bool = True):
    """The KB of every HaluEval QA knowledge passage, built on first use under runs/kb-halueval-qa/."""
    from knowledge.kb import KnowledgeBase

    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc}") from exc
    root = Path(root) if root is not None else RUNS / "kb-halueval-qa" / _fingerprint(data, CORPUS_VERSION.encode())
    if KnowledgeBase.exists(root):
        return KnowledgeBase.open(root)
    documents = halueval_qa_documents(path)
    with tempfile.TemporaryDirectory(prefix="halueval-qa-") as scratch:
        corpus = Path(scratch) / "halueval_qa_knowledge.jsonl"
        corpus.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in documents), encoding="utf-8")
        return KnowledgeBase.build(root, docs=[corpus], licence=HALUEVAL_LICENCE, progress=progress)


def metaqa_kb(data_dir: Path | None = None, progress: bool = True):
    """The MetaQA movie graph as a KB, cached under runs/metaqa-kb/ (see `grounding.evaluate.metaqa`)."""
    from grounding.evaluate import metaqa

    folder = Path(data_dir) if data_dir is not None else paths.shared_data() / "metaqa"
    if not (folder / "kb_reconstructed_97pct.txt").is_file():
        raise InputError(
            f"no MetaQA graph at {folder / 'kb_reconstructed_97pct.txt'}: get MetaQA from "
            "https://github.com/yuyuz/MetaQA and pass its folder with --data"
        )
    return metaqa.metaqa_kb(folder, progress=progress, cache=RUNS / "metaqa-kb")
