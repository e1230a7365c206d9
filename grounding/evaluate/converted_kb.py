"""A knowledge base built from a benchmark's graph converted to N-Triples, cached by content.

Converting and indexing a large graph takes a while, and evaluation runs ask for the same one again
and again; the folder name is a hash of the source files, the ontology and the conversion's version,
so any change to one of them builds a fresh knowledge base instead of reusing a stale one.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from knowledge.kb import GraphInput, KnowledgeBase


def converted_kb(
    sources: Sequence[Path],
    ontology: Path,
    version: str,
    cache: Path,
    write: Callable[[Path], object],
    *,
    name: str,
    source: str,
    licence: str,
    progress: bool = True,
) -> KnowledgeBase:
    """`write(path)` writes the converted N-Triples; it runs only when no built copy exists."""
    digest = hashlib.sha256()
    for part in (*(Path(p).read_bytes() for p in sources), ontology.read_bytes(), version.encode()):
        digest.update(hashlib.sha256(part).digest())
    root = Path(cache) / digest.hexdigest()[:16]
    if KnowledgeBase.exists(root):
        return KnowledgeBase.open(root)
    with tempfile.TemporaryDirectory(prefix=f"{name}-") as scratch:
        graph = Path(scratch) / f"{name}.nt"
        write(graph)
        return KnowledgeBase.build(
            root,
            graphs=[GraphInput(path=graph, source=source, licence=licence)],
            ontology=ontology,
            progress=progress,
        )
