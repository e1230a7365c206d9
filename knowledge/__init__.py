"""The knowledge layer: documents, embeddings, the vector index, the graph, linking and hybrid retrieval.

It knows nothing of answering or verifying; `grounding` builds on it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "KnowledgeBase": "knowledge.kb",
    "BuildOptions": "knowledge.kb",
    "RetrievalOptions": "knowledge.retriever",
    "Evidence": "knowledge.types",
    "EvidenceKind": "knowledge.types",
    "Triple": "knowledge.types",
    "EntityMatch": "knowledge.types",
    "KBInfo": "knowledge.types",
    "ChangeSummary": "knowledge.types",
    "SparqlResult": "knowledge.types",
    "GroundQAError": "knowledge.errors",
    "InputError": "knowledge.errors",
    "DocumentError": "knowledge.errors",
    "GraphParseError": "knowledge.errors",
    "QueryError": "knowledge.errors",
    "KnowledgeBaseError": "knowledge.errors",
    "ModelError": "knowledge.errors",
}

__all__ = [
    "BuildOptions",
    "ChangeSummary",
    "DocumentError",
    "EntityMatch",
    "Evidence",
    "EvidenceKind",
    "GraphParseError",
    "GroundQAError",
    "InputError",
    "KBInfo",
    "KnowledgeBase",
    "KnowledgeBaseError",
    "ModelError",
    "QueryError",
    "RetrievalOptions",
    "SparqlResult",
    "Triple",
]

if TYPE_CHECKING:
    from knowledge.errors import (
        DocumentError,
        GraphParseError,
        GroundQAError,
        InputError,
        KnowledgeBaseError,
        ModelError,
        QueryError,
    )
    from knowledge.kb import BuildOptions, KnowledgeBase
    from knowledge.retriever import RetrievalOptions
    from knowledge.types import ChangeSummary, EntityMatch, Evidence, EvidenceKind, KBInfo, SparqlResult, Triple


def __getattr__(name: str) -> Any:
    """Imported on first use, so `import knowledge` stays light (no torch, faiss or rdflib)."""
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
