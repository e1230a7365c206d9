"""A knowledge base on disk: documents (SQLite), their vectors (FAISS), a graph (rdflib).

Layout of a KB directory:

    CURRENT                 names the live generation, e.g. "gen-00000004"
    gen-00000004/
        manifest.json       settings the KB was built with, counts, timestamps
        documents.sqlite    documents, chunks, provenance: the source of truth; the
                            chunks' full-text (BM25) index, kept in step by triggers
        passages.faiss      chunk vectors, ids = chunk ids
        graph.nq            every fact, in the named graph of its source
        labels.faiss        entity labels embedded for linking

Every write builds the next generation beside the live one and then renames CURRENT over to it:
a crash at any point leaves the previous generation complete and loadable. One writer at a time
(an exclusive lock on the directory), any number of readers.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from pydantic import BaseModel, Field

from knowledge.atomic import write_text_atomic
from knowledge.documents import chunk_document, document_warning, load_documents
from knowledge.embeddings import DEFAULT_EMBEDDING_MODEL, embed, embedding_dimension
from knowledge.errors import InputError, KnowledgeBaseError
from knowledge.graph import ONTOLOGY_GRAPH, KnowledgeGraph
from knowledge.lexical import distinctive_terms, fts_query, query_terms
from knowledge.linking import EntityLinker
from knowledge.retriever import RetrievalOptions, predicate_fit_scores, retrieve
from knowledge.store import DocumentStore
from knowledge.stores import (
    VectorStore,
    discard_graph,
    discard_index,
    is_embedded,
    new_graph,
    new_index,
    normalize_graph_store,
    normalize_vector_store,
    open_graph,
    open_index,
)
from knowledge.types import (
    ChangeSummary,
    Document,
    DocumentEntry,
    Evidence,
    EvidenceKind,
    GraphSourceEntry,
    KBContents,
    KBInfo,
)
from knowledge.vector_index import VectorIndex, choose_kind

FORMAT_VERSION = 1
FACT_CACHE_SIZE = 200_000
LEXICAL_PRUNE_FROM = 20_000  # below this every query word is scored: it is cheap
_CURRENT = "CURRENT"


class BuildOptions(BaseModel):
    embedding_model: str = DEFAULT_EMBEDDING_MODEL
    chunk_size: int = Field(default=800, ge=50)
    chunk_overlap: int = Field(default=100, ge=0)
    index_kind: str = "auto"
    device: str = "auto"
    max_document_chars: int = Field(
        default=1_000_000, ge=1_000, description="Longer documents are cut here, with a warning."
    )
    graph_store: str = Field(default="local", description="'local' or 'sparql:QUERY_URL,UPDATE_URL' (knowledge.stores)")
    vector_store: str = Field(default="faiss", description="'faiss' or 'milvus:URI#collection' (knowledge.stores)")


class Manifest(BaseModel):
    format: int = FORMAT_VERSION
    generation: int
    options: BuildOptions
    created: datetime
    updated: datetime
    source_licences: dict[str, str] = Field(default_factory=dict)


@dataclass(frozen=True)
class GraphInput:
    """A graph file with the source IRI and licence its facts should carry."""

    path: Path
    source: str | None = None
    licence: str | None = None


GraphLike = Path | str | GraphInput


def _as_graph_input(item: GraphLike, licence: str | None) -> GraphInput:
    if isinstance(item, GraphInput):
        return item
    path = Path(item)
    return GraphInput(path=path, source=path.resolve().as_uri(), licence=licence)


@dataclass
class _Workspace:
    """The components of one generation, open for reading or for building the next."""

    directory: Path
    store: DocumentStore
    index: VectorStore
    graph: KnowledgeGraph


def _generation_dir(root: Path, generation: int) -> Path:
    return root / f"gen-{generation:08d}"


def _live_generation(root: Path) -> int:
    pointer = root / _CURRENT
    if not pointer.is_file():
        raise KnowledgeBaseError(
            f"no knowledge base at {root} (missing {_CURRENT}); build one with `groundqa kb build {root}`"
        )
    name = pointer.read_text(encoding="utf-8").strip()
    try:
        return int(name.removeprefix("gen-"))
    except ValueError as exc:
        raise KnowledgeBaseError(f"corrupt {pointer}: {name!r}") from exc


def _looks_like_iri(text: str) -> bool:
    scheme, sep, rest = text.partition(":")
    return bool(
        sep
        and rest
        and scheme.isascii()
        and scheme[:1].isalpha()
        and scheme.replace("+", "").replace("-", "").replace(".", "").isalnum()
    )


def _check_new_root(root: Path) -> None:
    """`kb build` creates a KB only where nothing else lives: never over a file, a KB or a folder of
    the user's own files (a failed build's lock file and scratch generations do not count)."""
    if KnowledgeBase.exists(root):
        raise KnowledgeBaseError(f"a knowledge base already exists at {root}; use `groundqa kb add --kb {root}`")
    if root.exists() and not root.is_dir():
        raise KnowledgeBaseError(f"{root} is a file; choose a new directory for the knowledge base")
    if root.is_dir():
        others = sorted(p.name for p in root.iterdir() if p.name != ".lock" and not p.name.startswith("gen-"))
        if others:
            shown = ", ".join(others[:3]) + (", ..." if len(others) > 3 else "")
            raise KnowledgeBaseError(
                f"{root} is a folder that is not empty ({shown}); choose a new directory for the knowledge base"
            )


@contextlib.contextmanager
def _writer_lock(root: Path) -> Iterator[None]:
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KnowledgeBaseError(f"cannot create the knowledge base directory {root}: {exc.strerror or exc}") from exc
    with open(root / ".lock", "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class KnowledgeBase:
    """An opened generation of a KB: search, graph queries and the entry points for writes."""

    def __init__(self, root: Path, manifest: Manifest, workspace: _Workspace) -> None:
        self.root = root
        self.manifest = manifest
        self.store = workspace.store
        self.index = workspace.index
        self.graph = workspace.graph
        self._directory = workspace.directory
        self.last_change: ChangeSummary | None = None  # what `build` did, warnings included

    # -- opening and building ------------------------------------------------------------------

    @classmethod
    def open(cls, root: Path) -> KnowledgeBase:
        root = Path(root)
        generation = _live_generation(root)
        directory = _generation_dir(root, generation)
        manifest = _read_manifest(directory)
        return cls(root, manifest, _open_workspace(directory, manifest.options))

    @classmethod
    def exists(cls, root: Path) -> bool:
        return (Path(root) / _CURRENT).is_file()

    @classmethod
    def build(
        cls,
        root: Path,
        docs: Sequence[Path] = (),
        graphs: Sequence[GraphLike] = (),
        ontology: Path | None = None,
        options: BuildOptions | None = None,
        licence: str | None = None,
        progress: bool = False,
    ) -> KnowledgeBase:
        """A new KB from files; refuses to overwrite an existing one."""
        root = Path(root)
        _check_new_root(root)
        options = (options or BuildOptions()).model_copy()
        options.graph_store = normalize_graph_store(options.graph_store)
        options.vector_store = normalize_vector_store(options.vector_store)
        with _writer_lock(root):
            now = datetime.now(UTC)
            manifest = Manifest(generation=1, options=options, created=now, updated=now)
            directory = _fresh_dir(_generation_dir(root, 1))
            workspace = None
            try:
                graph = new_graph(options.graph_store)
                workspace = _Workspace(
                    directory=directory,
                    store=DocumentStore(directory / "documents.sqlite"),
                    index=new_index(
                        options.vector_store,
                        embedding_dimension(options.embedding_model, options.device),
                        options.index_kind,
                    ),
                    graph=graph,
                )
                summary = ChangeSummary()
                if ontology is not None:
                    summary.triples_added += workspace.graph.load_file(Path(ontology), source=ONTOLOGY_GRAPH)
                _apply_additions(workspace, manifest, docs, graphs, licence, summary, progress, rebuild_index=True)
                _commit(root, workspace, manifest, graph_changed=True, progress=progress)
            except BaseException:
                shutil.rmtree(directory, ignore_errors=True)
                if workspace is not None:
                    _discard_remote(workspace)
                raise
        kb = cls.open(root)
        kb.last_change = summary
        return kb

    # -- writes ----------------------------------------------------------------------------------

    def add(
        self,
        docs: Sequence[Path] = (),
        graphs: Sequence[GraphLike] = (),
        licence: str | None = None,
        documents: Sequence[Document] = (),
        progress: bool = False,
    ) -> ChangeSummary:
        """Add files (or Document objects) to the KB as one atomic change; re-added ids replace."""
        summary = ChangeSummary()

        def change(workspace: _Workspace, manifest: Manifest) -> bool:
            return _apply_additions(workspace, manifest, docs, graphs, licence, summary, progress, documents=documents)

        self._write(change, summary, progress)
        return summary

    def remove(self, ids: Sequence[str], progress: bool = False) -> ChangeSummary:
        """Remove documents by id and graph sources by IRI; an unknown id changes nothing."""
        self._check_removable(ids)
        summary = ChangeSummary()

        def change(workspace: _Workspace, manifest: Manifest) -> bool:
            sources = set(workspace.graph.sources())
            graph_ids = [i for i in ids if i in sources]
            doc_ids = [i for i in ids if i not in sources]
            if doc_ids:
                removed = workspace.store.remove(doc_ids)
                workspace.index.remove(np.asarray(removed, dtype=np.int64))
                summary.documents_removed = len(doc_ids)
                summary.chunks_removed = len(removed)
            for source in graph_ids:
                summary.triples_removed += workspace.graph.remove_source(source)
                manifest.source_licences.pop(source, None)
            return bool(graph_ids)

        self._write(change, summary, progress)
        return summary

    def _check_removable(self, ids: Sequence[str]) -> None:
        """Name every id that is neither a document id nor a graph source of this KB, before any write."""
        if not ids:
            raise InputError("nothing to remove: give document ids or graph source IRIs (see `groundqa kb list`)")
        sources = set(self.graph.sources()) - {ONTOLOGY_GRAPH}
        documents = {doc.id for doc in self.store.documents()}
        missing = [i for i in ids if i not in sources and i not in documents]
        if not missing:
            return
        parts = []
        for item in missing:
            if _looks_like_iri(item):
                parts.append(f"no graph source {item!r}")
            else:
                parts.append(f"no document with id {item!r}")
        raise InputError(
            f"nothing removed from {self.root}: {'; '.join(parts)} "
            f"({len(documents)} documents, {len(sources)} graph sources; "
            f"`groundqa kb list --kb {self.root}` shows them)"
        )

    def _write(self, change, summary: ChangeSummary, progress: bool) -> None:
        with _writer_lock(self.root):
            generation = _live_generation(self.root)
            source_dir = _generation_dir(self.root, generation)
            manifest = _read_manifest(source_dir)
            manifest.generation = generation + 1
            manifest.updated = datetime.now(UTC)
            directory = _fresh_dir(_generation_dir(self.root, generation + 1))
            try:
                workspace = _copy_workspace(source_dir, directory, manifest.options)
                graph_changed = change(workspace, manifest)
                _commit(self.root, workspace, manifest, graph_changed=graph_changed, progress=progress)
            except BaseException:
                shutil.rmtree(directory, ignore_errors=True)
                raise
        summary.generation = manifest.generation
        fresh = KnowledgeBase.open(self.root)
        self.__dict__.clear()
        self.__dict__.update(fresh.__dict__)

    # -- reading ---------------------------------------------------------------------------------

    @property
    def embedding_model(self) -> str:
        return self.manifest.options.embedding_model

    @functools.cached_property
    def linker(self) -> EntityLinker:
        return EntityLinker.load(self._directory, self.graph.entities())

    @functools.cached_property
    def view(self):
        """The entity-edge view the walks use: all of it in memory, or fetched node by node from a server."""
        from knowledge.remote_graph import RemoteGraph, RemoteView
        from knowledge.traversal import build_view

        if isinstance(self.graph, RemoteGraph):
            return RemoteView(self.graph)
        return build_view(self.graph)

    @functools.cached_property
    def _predicate_table(self) -> tuple[list[tuple[str, str, list[str]]], np.ndarray]:
        predicates = self.graph.predicates()
        names = [name for _, label, aliases in predicates for name in (label, *aliases)]
        vectors = embed(names, self.embedding_model) if names else np.zeros((0, 1), dtype=np.float32)
        return predicates, vectors

    def predicate_fit(self, query: str, query_vector: np.ndarray) -> dict[str, float]:
        predicates, vectors = self._predicate_table
        return predicate_fit_scores(query, query_vector, predicates, vectors)

    @functools.cached_property
    def _fact_vector_cache(self) -> dict[str, np.ndarray]:
        return {}

    def fact_vectors(self, facts: Sequence[Evidence]) -> np.ndarray:
        """Embeddings of verbalised facts, computed once per fact and process."""
        cache = self._fact_vector_cache
        missing = [f for f in facts if f.id not in cache]
        if missing:
            for fact, vector in zip(missing, embed([f.text for f in missing], self.embedding_model), strict=True):
                cache[fact.id] = vector
            while len(cache) > FACT_CACHE_SIZE:
                cache.pop(next(iter(cache)))
        return np.vstack([cache[f.id] for f in facts])

    def licence_of_source(self, source: str) -> str | None:
        return self.manifest.source_licences.get(source)

    def passages_by_vector(self, query_vector: np.ndarray, k: int) -> list[Evidence]:
        if len(self.index) == 0:
            return []
        scores, ids = self.index.search(query_vector, k)
        return self._passages([(int(i), float(s)) for s, i in zip(scores[0], ids[0], strict=True) if i >= 0])

    def passages_by_text(self, query: str, k: int) -> list[Evidence]:
        """The `k` chunks BM25 ranks best for the query's words (the lexical index in the store)."""
        terms = query_terms(query)
        if len(self.index) >= LEXICAL_PRUNE_FROM:
            terms = distinctive_terms(terms, self.store.term_frequency, len(self.index))
        match = fts_query(query, terms)
        return self._passages(self.store.lexical_search(match, k)) if match else []

    def _passages(self, hits: list[tuple[int, float]]) -> list[Evidence]:
        rows = {chunk.id: (chunk, doc) for chunk, doc in self.store.chunks([i for i, _ in hits])}
        evidence = []
        for chunk_id, score in hits:
            if chunk_id not in rows:  # a server-side index is shared by generations; this one lacks the chunk
                continue
            chunk, doc = rows[chunk_id]
            evidence.append(
                Evidence(
                    id=f"chunk:{chunk_id}",
                    kind=EvidenceKind.PASSAGE,
                    text=chunk.text,
                    score=score,
                    source=doc.source,
                    licence=doc.licence,
                    title=doc.title,
                    doc_id=doc.id,
                    start=chunk.start,
                    end=chunk.end,
                )
            )
        return evidence

    def search(self, query: str, options: RetrievalOptions | None = None) -> list[Evidence]:
        return retrieve(self, query, options)

    def sparql(self, query: str):
        return self.graph.sparql(query)

    def contents(self) -> KBContents:
        """Documents (id, title, source, chunks) and graph sources (IRI, triples): what `remove` takes."""
        documents = [
            DocumentEntry(id=doc.id, title=doc.title, source=doc.source, chunks=doc.chunk_count)
            for doc in self.store.documents()
        ]
        sources = [
            GraphSourceEntry(iri=iri, triples=count)
            for iri, count in self.graph.source_sizes().items()
            if iri != ONTOLOGY_GRAPH
        ]
        return KBContents(documents=documents, graph_sources=sources)

    def info(self) -> KBInfo:
        counts = self.store.counts()
        graph = self.graph.stats()
        return KBInfo(
            path=str(self.root),
            generation=self.manifest.generation,
            documents=counts["documents"],
            chunks=counts["chunks"],
            vectors=len(self.index),
            index_kind=self.index.kind,
            triples=graph["triples"],
            entities=graph["entities"],
            predicates=graph["predicates"],
            graph_sources=[s for s in self.graph.sources() if s != ONTOLOGY_GRAPH],
            functional_properties=graph["functional_properties"],
            embedding_model=self.embedding_model,
            graph_store=self.manifest.options.graph_store,
            vector_store=self.manifest.options.vector_store,
            created=self.manifest.created,
            updated=self.manifest.updated,
        )


# -- helpers for writes ------------------------------------------------------------------------


def _fresh_dir(directory: Path) -> Path:
    """A leftover directory of the same name is a crashed write: never live, safe to discard."""
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    return directory


def _read_manifest(directory: Path) -> Manifest:
    path = directory / "manifest.json"
    try:
        return Manifest.model_validate_json(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise KnowledgeBaseError(f"knowledge base generation {directory} has no manifest.json") from exc
    except ValueError as exc:
        raise KnowledgeBaseError(f"corrupt manifest {path}: {exc}") from exc


def _open_workspace(directory: Path, options: BuildOptions) -> _Workspace:
    return _Workspace(
        directory=directory,
        store=DocumentStore(directory / "documents.sqlite"),
        index=open_index(options.vector_store, directory),
        graph=open_graph(options.graph_store, directory),
    )


def _discard_remote(workspace: _Workspace) -> None:
    """A failed build leaves nothing on the servers it found empty."""
    with contextlib.suppress(Exception):
        discard_graph(workspace.graph)
    with contextlib.suppress(Exception):
        discard_index(workspace.index)


def _copy_workspace(source: Path, target: Path, options: BuildOptions) -> _Workspace:
    """Open the next generation as a copy of the live one; the live files are never modified."""
    live = DocumentStore(source / "documents.sqlite")
    try:
        live.backup_to(target / "documents.sqlite")
    finally:
        live.close()
    for name in ("labels.faiss", "labels.json"):
        if (source / name).exists():
            shutil.copy2(source / name, target / name)
    return _Workspace(
        directory=target,
        store=DocumentStore(target / "documents.sqlite"),
        index=open_index(options.vector_store, source),
        graph=open_graph(options.graph_store, source),
    )


def _apply_additions(
    workspace: _Workspace,
    manifest: Manifest,
    doc_paths: Sequence[Path],
    graph_paths: Sequence[GraphLike],
    licence: str | None,
    summary: ChangeSummary,
    progress: bool,
    documents: Sequence[Document] = (),
    rebuild_index: bool = False,
) -> bool:
    """Read every input before writing anything, so a bad file aborts the whole change."""
    options = manifest.options
    loaded: list[Document] = list(documents)
    for path in doc_paths:
        loaded.extend(load_documents(Path(path), licence=licence))
    inputs = [_as_graph_input(item, licence) for item in graph_paths]
    for item in inputs:
        if not item.path.is_file():
            raise InputError(f"graph file not found: {item.path}")
    triples_before = len(workspace.graph)
    for item in inputs:
        source = item.source or item.path.resolve().as_uri()
        workspace.graph.load_file(item.path, source=source)
        if item.licence:
            manifest.source_licences[source] = item.licence
    summary.triples_added += len(workspace.graph) - triples_before
    if loaded:
        loaded = [_capped(doc, options.max_document_chars, summary) for doc in loaded]
        pairs = [(doc, chunk_document(doc, options.chunk_size, options.chunk_overlap)) for doc in loaded]
        stored = workspace.store.add(pairs)
        texts = [chunk.text for _, chunks in pairs for chunk in chunks]
        vectors = embed(texts, options.embedding_model, progress=progress, device=options.device)
        if stored.replaced_chunk_ids:
            workspace.index.remove(np.asarray(stored.replaced_chunk_ids, dtype=np.int64))
        chunk_ids = stored.chunk_ids
        ids = np.asarray(chunk_ids, dtype=np.int64)
        if rebuild_index and is_embedded(workspace.index):
            workspace.index = VectorIndex.build(vectors, ids, kind=options.index_kind)
        elif is_embedded(workspace.index) and _outgrows_flat(workspace.index, len(ids), options.index_kind):
            old_vectors, old_ids = workspace.index.live_vectors()
            workspace.index = VectorIndex.build(
                np.vstack([old_vectors, vectors]), np.concatenate([old_ids, ids]), kind="auto", progress=progress
            )
        else:
            workspace.index.add(vectors, ids)
        summary.documents_added = len(pairs)
        summary.chunks_added = len(chunk_ids)
    return bool(graph_paths)


def _capped(doc: Document, max_chars: int, summary: ChangeSummary) -> Document:
    """A pathological document (one huge line, megabytes of text) is cut and reported, not silently
    embedded for minutes."""
    warning = document_warning(doc, max_chars)
    if warning:
        summary.warnings.append(warning)
    if len(doc.text) <= max_chars:
        return doc
    return doc.model_copy(update={"text": doc.text[:max_chars], "metadata": {**doc.metadata, "cut_at": max_chars}})


def _outgrows_flat(index: VectorIndex, adding: int, configured_kind: str) -> bool:
    """An `auto` KB that started small moves from exact search to HNSW once it crosses the threshold."""
    return configured_kind == "auto" and index.kind == "flat" and choose_kind("auto", len(index) + adding) != "flat"


def _commit(root: Path, workspace: _Workspace, manifest: Manifest, graph_changed: bool, progress: bool) -> None:
    directory = workspace.directory
    workspace.index.save(directory / "passages.faiss")
    workspace.graph.save(directory / "graph.nq")
    if graph_changed or not (directory / "labels.json").exists():
        linker = EntityLinker.build(workspace.graph.entities(), manifest.options.embedding_model, progress=progress)
        linker.save(directory)
    workspace.store.close()
    write_text_atomic(directory / "manifest.json", manifest.model_dump_json(indent=2))
    write_text_atomic(root / _CURRENT, directory.name + "\n")
    _prune_generations(root, keep=manifest.generation)


def _prune_generations(root: Path, keep: int) -> None:
    """Keep the live generation and the one before it, for readers that opened it a moment ago."""
    for path in root.glob("gen-*"):
        try:
            generation = int(path.name.removeprefix("gen-"))
        except ValueError:
            continue
        if generation < keep - 1:
            shutil.rmtree(path, ignore_errors=True)
