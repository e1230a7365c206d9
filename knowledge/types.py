"""Core types of the knowledge layer, defined once and shared by every interface.

Evidence is what retrieval hands to generation and verification; its JSON is the same in the
Python API, the CLI and the HTTP API. `grounding.types` builds claims, verdicts and reports on it.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class EvidenceKind(StrEnum):
    PASSAGE = "passage"
    FACT = "fact"


class Triple(BaseModel):
    """A graph fact with IRIs (or a literal in N3 form for the object) and readable labels."""

    model_config = ConfigDict(frozen=True)

    subject: str
    predicate: str
    object: str
    subject_label: str
    predicate_label: str
    object_label: str
    object_is_literal: bool = False
    datatype: str | None = None
    graph: str | None = Field(default=None, description="Named graph (source) holding the fact.")


class Evidence(BaseModel):
    """One retrieved item with its provenance: a text passage or a graph fact."""

    id: str = Field(description="Stable id: 'chunk:<n>' for passages, 'fact:<hash>' for facts.")
    kind: EvidenceKind
    text: str = Field(description="The passage, or the fact verbalised as a sentence.")
    score: float = 0.0
    source: str = Field(description="Where it came from: a file path, URL or named-graph IRI.")
    licence: str | None = None
    title: str | None = None
    doc_id: str | None = None
    start: int | None = Field(default=None, description="Character offset of the passage in its document.")
    end: int | None = None
    triple: Triple | None = None
    scores: dict[str, float] = Field(default_factory=dict, description="Per-retriever scores and ranks before fusion.")


class Document(BaseModel):
    """A source document as ingested; the text is kept whole so chunk offsets stay meaningful."""

    id: str
    text: str
    source: str
    title: str | None = None
    licence: str | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)
    ingested_at: datetime | None = None


class Chunk(BaseModel):
    """A span of a document: `document.text[start:end] == text` always holds."""

    id: int | None = None
    doc_id: str
    text: str
    start: int
    end: int


class EntityMatch(BaseModel):
    """An entity of the graph mentioned in a text, with how it was found."""

    iri: str
    label: str
    mention: str
    score: float = Field(ge=0.0, le=1.0)
    method: str = Field(description="'exact', 'alias', 'fuzzy' or 'embedding'.")
    start: int | None = None
    end: int | None = None


class SparqlResult(BaseModel):
    """A SPARQL answer in plain strings, the same shape for the API, the CLI and the UI."""

    kind: Literal["select", "ask", "graph"]
    variables: list[str] = Field(default_factory=list)
    rows: list[dict[str, str | None]] = Field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple[str, str, str]] = Field(default_factory=list)
    truncated: bool = Field(default=False, description="Rows or triples were cut at the row or size limit.")


class DocumentEntry(BaseModel):
    """One document as `groundqa kb list` shows it: what `kb remove` needs and enough to recognise it."""

    id: str
    title: str | None = None
    source: str
    chunks: int


class GraphSourceEntry(BaseModel):
    iri: str
    triples: int


class KBContents(BaseModel):
    """Everything a KB holds, by the ids `kb remove` takes."""

    documents: list[DocumentEntry] = Field(default_factory=list)
    graph_sources: list[GraphSourceEntry] = Field(default_factory=list)


class KBInfo(BaseModel):
    path: str
    generation: int
    documents: int
    chunks: int
    vectors: int
    index_kind: str
    triples: int
    entities: int
    predicates: int
    graph_sources: list[str]
    functional_properties: int
    embedding_model: str
    created: datetime
    updated: datetime
    graph_store: str = Field(default="local", description="'local' or the SPARQL endpoint the graph lives on.")
    vector_store: str = Field(default="faiss", description="'faiss' or the Milvus URI and collection.")


class ChangeSummary(BaseModel):
    documents_added: int = 0
    chunks_added: int = 0
    documents_removed: int = 0
    chunks_removed: int = 0
    triples_added: int = 0
    triples_removed: int = 0
    generation: int = 0
    warnings: list[str] = Field(default_factory=list, description="Inputs ingested with a caveat (e.g. cut).")
