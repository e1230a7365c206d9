"""Where a KB keeps its graph and its vectors: in the generation directory, or on servers.

A KB's build options name both stores (`graph_store`, `vector_store`) and the manifest keeps
them, so every later command, the service and the page open the same stores. The graph is a
KnowledgeGraph either way (RemoteGraph answers the same calls by SPARQL); the vectors are a
FAISS VectorIndex or a MilvusIndex, which answer the same add / remove / search calls.

    graph_store:  local                      graph.nq in each generation (rdflib, in process)
                  sparql:http://HOST:PORT    a SPARQL 1.1 dataset (/query and /update below it)
                  sparql:QUERY_URL,UPDATE_URL
    vector_store: faiss                      passages.faiss in each generation
                  milvus:PATH.db | milvus:http://HOST:19530   [#collection]
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Protocol

import numpy as np

from knowledge.errors import InputError, StoreError
from knowledge.graph import KnowledgeGraph
from knowledge.vector_index import VectorIndex

LOCAL_GRAPH = "local"
FAISS = "faiss"


class VectorStore(Protocol):
    """What the KB asks of its vector index, whichever engine holds the vectors."""

    kind: str

    def __len__(self) -> int: ...
    def add(self, vectors: np.ndarray, ids: np.ndarray, progress: bool = False) -> None: ...
    def remove(self, ids: np.ndarray | list[int]) -> int: ...
    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]: ...
    def save(self, path: Path) -> None: ...


# -- specs -----------------------------------------------------------------------------------------


def normalize_graph_store(text: str) -> str:
    """`local` or `sparql:QUERY_URL,UPDATE_URL`, so the manifest records both URLs explicitly."""
    from knowledge.sparql_endpoint import parse_endpoint

    text = (text or LOCAL_GRAPH).strip()
    if text == LOCAL_GRAPH:
        return text
    if not text.startswith("sparql:"):
        raise InputError(f"unknown graph store {text!r}: use 'local' or 'sparql:http://HOST:PORT'")
    return parse_endpoint(text.removeprefix("sparql:")).spec


def normalize_vector_store(text: str) -> str:
    """`faiss` or `milvus:URI#collection`; a .db path becomes absolute and a collection name is chosen."""
    text = (text or FAISS).strip()
    if text == FAISS:
        return text
    if not text.startswith("milvus:"):
        raise InputError(f"unknown vector store {text!r}: use 'faiss', 'milvus:PATH.db' or 'milvus:http://HOST:19530'")
    uri, _, collection = text.removeprefix("milvus:").partition("#")
    if not uri:
        raise InputError(f"vector store {text!r} names no Milvus URI")
    if not uri.startswith(("http://", "https://", "tcp://", "unix:")):
        if not uri.endswith(".db"):
            raise InputError(f"a local Milvus Lite store is a .db file path, got {uri!r}")
        uri = str(Path(uri).expanduser().resolve())
    collection = collection or f"groundqa_{uuid.uuid4().hex[:12]}"
    if not collection.replace("_", "").isalnum() or collection[0].isdigit():
        raise InputError(f"not a Milvus collection name: {collection!r} (letters, digits and '_')")
    return f"milvus:{uri}#{collection}"


def _milvus_parts(spec: str) -> tuple[str, str]:
    uri, _, collection = spec.removeprefix("milvus:").partition("#")
    return uri, collection


# -- graphs ------------------------------------------------------------------------------------------


def new_graph(spec: str) -> KnowledgeGraph:
    """The graph of a KB being built; a remote dataset must be empty, as the KB owns all of it."""
    if spec == LOCAL_GRAPH:
        return KnowledgeGraph()
    graph = _remote_graph(spec)
    held = len(graph)
    if held:
        raise StoreError(
            f"SPARQL dataset {graph.endpoint.spec.query_url} already holds {held} triples; a KB owns its "
            "whole dataset, so build into an empty one (or add to the KB that owns it)"
        )
    return graph


def open_graph(spec: str, directory: Path) -> KnowledgeGraph:
    if spec == LOCAL_GRAPH:
        return KnowledgeGraph.open(directory / "graph.nq")
    return _remote_graph(spec)


def _remote_graph(spec: str) -> KnowledgeGraph:
    from knowledge.remote_graph import RemoteGraph
    from knowledge.sparql_endpoint import SparqlEndpoint, parse_endpoint

    return RemoteGraph(SparqlEndpoint(parse_endpoint(spec.removeprefix("sparql:"))))


def discard_graph(graph: KnowledgeGraph) -> None:
    """Undo a failed build on a remote dataset (it was empty when the build began)."""
    from knowledge.remote_graph import RemoteGraph

    if isinstance(graph, RemoteGraph):
        graph.clear()


# -- vectors -----------------------------------------------------------------------------------------


def new_index(spec: str, dim: int, kind: str) -> VectorStore:
    if spec == FAISS:
        return VectorIndex.create(dim, kind=kind)
    from knowledge.milvus_index import MilvusIndex

    uri, collection = _milvus_parts(spec)
    return MilvusIndex.create(uri, collection, dim)


def open_index(spec: str, directory: Path) -> VectorStore:
    if spec == FAISS:
        return VectorIndex.load(directory / "passages.faiss")
    from knowledge.milvus_index import MilvusIndex

    uri, collection = _milvus_parts(spec)
    return MilvusIndex.connect(uri, collection)


def discard_index(index: VectorStore) -> None:
    from knowledge.milvus_index import MilvusIndex

    if isinstance(index, MilvusIndex):
        index.drop()


def is_embedded(index: VectorStore) -> bool:
    """FAISS indexes are rebuilt and retuned in process; a server-side index is only added to."""
    return isinstance(index, VectorIndex)
