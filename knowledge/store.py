"""SQLite store of documents and chunks: the source of truth that the vector index is rebuilt from.

A full-text index (FTS5, BM25 ranking) over chunk text is kept in step by triggers inside the
same transactions, so lexical search can never see a chunk the store does not hold. A store of
schema 1 (before the lexical index) is upgraded in place on open, in one transaction.

Chunk ids come from AUTOINCREMENT, so an id is never reused after its chunk is removed; the
vector index can therefore key vectors by chunk id without ever confusing an old vector with a
new chunk. Every sqlite3 error is translated into `KnowledgeBaseError` naming the database.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from knowledge.atomic import atomic_path
from knowledge.errors import InputError, KnowledgeBaseError
from knowledge.types import Chunk, Document

SCHEMA_VERSION = 2
_LEXICAL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5("
    "text, content='chunks', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS chunks_fts_insert AFTER INSERT ON chunks BEGIN "
    "INSERT INTO chunks_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER IF NOT EXISTS chunks_fts_delete AFTER DELETE ON chunks BEGIN "
    "INSERT INTO chunks_fts(chunks_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
)
_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    title TEXT,
    licence TEXT,
    text TEXT NOT NULL,
    metadata TEXT NOT NULL DEFAULT '{}',
    ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS chunks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_doc_id ON chunks(doc_id);
"""
_SCHEMA += "".join(statement + ";\n" for statement in _LEXICAL)
_IN_JSON = "IN (SELECT value FROM json_each(?))"


class DocumentInfo(BaseModel):
    """A document without its text: what evidence needs to cite a chunk."""

    id: str
    source: str
    title: str | None = None
    licence: str | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)
    ingested_at: datetime


class DocumentSummary(DocumentInfo):
    chunk_count: int
    characters: int


@dataclass(frozen=True)
class AddResult:
    """Ids of the chunks just stored, in input order, and of the chunks they replaced.

    The caller must drop `replaced_chunk_ids` from the vector index: re-adding a document id
    replaces the document and all its chunks.
    """

    chunk_ids: list[int]
    replaced_chunk_ids: list[int]


class DocumentStore:
    """One SQLite database; safe to share between threads (calls are serialised by a lock)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        with self._errors("open"):
            self._conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        try:
            with self._errors("open"):
                self._conn.execute("PRAGMA foreign_keys = ON")
                version = self._conn.execute("PRAGMA user_version").fetchone()[0]
                if version not in (0, 1, SCHEMA_VERSION):
                    raise KnowledgeBaseError(
                        f"{self.path}: document store schema version {version}, this groundqa reads "
                        f"{SCHEMA_VERSION}; rebuild the knowledge base"
                    )
                if version == 0:
                    self._conn.executescript(_SCHEMA + f"PRAGMA user_version = {SCHEMA_VERSION};")
            self.has_lexical_index = True
            if version == 1:
                try:
                    self._add_lexical_index()
                except KnowledgeBaseError as exc:
                    self.has_lexical_index = False
                    warnings.warn(
                        f"{exc}; lexical (BM25) search is off for this knowledge base until it is written to",
                        stacklevel=2,
                    )
        except BaseException:
            self._conn.close()
            raise

    def _add_lexical_index(self) -> None:
        """Schema 1 -> 2: build the full-text index from the stored chunks, all or nothing."""
        with self._transaction("add the lexical index") as conn:
            if conn.execute("PRAGMA user_version").fetchone()[0] != 1:
                return  # another process upgraded it while we waited for the lock
            for statement in _LEXICAL:
                conn.execute(statement)
            conn.execute("INSERT INTO chunks_fts(chunks_fts) VALUES ('rebuild')")
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def __enter__(self) -> DocumentStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @contextlib.contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise KnowledgeBaseError(f"{self.path}: document store failed to {action}: {exc}") from exc

    @contextlib.contextmanager
    def _transaction(self, action: str) -> Iterator[sqlite3.Connection]:
        with self._lock, self._errors(action):
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise

    def add(self, docs_with_chunks: list[tuple[Document, list[Chunk]]]) -> AddResult:
        """Store documents with their chunks in one transaction, replacing documents with the same id."""
        rows = [_document_row(doc, chunks) for doc, chunks in docs_with_chunks]
        seen: set[str] = set()
        for doc, _ in docs_with_chunks:
            if doc.id in seen:
                raise InputError(f"document id {doc.id!r} appears twice in one batch")
            seen.add(doc.id)
        new_ids: list[int] = []
        with self._transaction("add documents") as conn:
            replaced = _chunk_ids_of(conn, list(seen))
            conn.execute(f"DELETE FROM documents WHERE id {_IN_JSON}", [_ids(seen)])
            for (doc, chunks), row in zip(docs_with_chunks, rows, strict=True):
                conn.execute(
                    "INSERT INTO documents (id, source, title, licence, text, metadata, ingested_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    row,
                )
                for chunk in chunks:
                    cursor = conn.execute(
                        'INSERT INTO chunks (doc_id, text, "start", "end") VALUES (?, ?, ?, ?)',
                        (doc.id, chunk.text, chunk.start, chunk.end),
                    )
                    new_ids.append(int(cursor.lastrowid))
        return AddResult(chunk_ids=new_ids, replaced_chunk_ids=replaced)

    def remove(self, doc_ids: list[str]) -> list[int]:
        """Delete documents and their chunks; all or nothing, so an unknown id removes none."""
        with self._transaction("remove documents") as conn:
            known = {row[0] for row in conn.execute(f"SELECT id FROM documents WHERE id {_IN_JSON}", [_ids(doc_ids)])}
            unknown = [doc_id for doc_id in doc_ids if doc_id not in known]
            if unknown:
                names = ", ".join(map(repr, unknown))
                raise KnowledgeBaseError(f"{self.path}: unknown document id(s): {names}")
            removed = _chunk_ids_of(conn, doc_ids)
            conn.execute(f"DELETE FROM documents WHERE id {_IN_JSON}", [_ids(doc_ids)])
        return removed

    def chunks(self, ids: list[int]) -> list[tuple[Chunk, DocumentInfo]]:
        """Chunks with their document's provenance, in the order of `ids`.

        An id the store does not hold means the vector index and the store disagree, which is
        raised rather than hidden.
        """
        query = (
            'SELECT c.id, c.doc_id, c.text, c."start", c."end", d.source, d.title, d.licence, d.metadata, '
            "d.ingested_at FROM chunks c JOIN documents d ON d.id = c.doc_id "
            f"WHERE c.id {_IN_JSON}"
        )
        with self._lock, self._errors("read chunks"):
            rows = self._conn.execute(query, [json.dumps([int(i) for i in ids])]).fetchall()
        infos: dict[str, DocumentInfo] = {}
        found: dict[int, tuple[Chunk, DocumentInfo]] = {}
        for chunk_id, doc_id, text, start, end, source, title, licence, metadata, ingested_at in rows:
            info = infos.get(doc_id)
            if info is None:
                info = infos[doc_id] = DocumentInfo(
                    id=doc_id,
                    source=source,
                    title=title,
                    licence=licence,
                    metadata=json.loads(metadata),
                    ingested_at=ingested_at,
                )
            found[chunk_id] = (Chunk(id=chunk_id, doc_id=doc_id, text=text, start=start, end=end), info)
        missing = [i for i in ids if int(i) not in found]
        if missing:
            raise KnowledgeBaseError(
                f"{self.path}: no chunk(s) with id {', '.join(map(str, missing[:20]))}; "
                "the vector index is out of step with the document store, rebuild it"
            )
        return [found[int(i)] for i in ids]

    def lexical_search(self, match: str, limit: int) -> list[tuple[int, float]]:
        """(chunk id, BM25 score) for an FTS5 MATCH expression, best first; higher is better.

        FTS5's bm25() is negative (lower is better); it is negated so every ranking in the KB
        reads the same way. A store that could not be upgraded to hold the index finds nothing.
        """
        if not self.has_lexical_index:
            return []
        with self._lock, self._errors("search chunk text"):
            rows = self._conn.execute(
                "SELECT rowid, bm25(chunks_fts) FROM chunks_fts WHERE chunks_fts MATCH ? ORDER BY rank LIMIT ?",
                (match, int(limit)),
            ).fetchall()
        return [(int(rowid), -float(score)) for rowid, score in rows]

    def term_frequency(self, term: str, cap: int) -> int:
        """How many chunks hold `term` (as FTS5 tokenises it), counted up to `cap` so a common word costs little."""
        if not self.has_lexical_index:
            return 0
        with self._lock, self._errors("count a term"):
            row = self._conn.execute(
                "SELECT count(*) FROM (SELECT rowid FROM chunks_fts WHERE chunks_fts MATCH ? LIMIT ?)",
                ('"' + term.replace('"', '""') + '"', int(cap)),
            ).fetchone()
        return int(row[0])

    def iter_chunks(self, batch: int = 1000) -> Iterator[tuple[int, str]]:
        """All (chunk id, text) in id order, read in batches so a large store is never held in memory."""
        last = -1
        while True:
            with self._lock, self._errors("read chunks"):
                rows = self._conn.execute(
                    "SELECT id, text FROM chunks WHERE id > ? ORDER BY id LIMIT ?", (last, batch)
                ).fetchall()
            if not rows:
                return
            yield from rows
            last = rows[-1][0]

    def document(self, doc_id: str) -> Document:
        with self._lock, self._errors("read a document"):
            row = self._conn.execute(
                "SELECT id, text, source, title, licence, metadata, ingested_at FROM documents WHERE id = ?",
                (doc_id,),
            ).fetchone()
        if row is None:
            raise KnowledgeBaseError(f"{self.path}: unknown document id {doc_id!r}")
        doc_id, text, source, title, licence, metadata, ingested_at = row
        return Document(
            id=doc_id,
            text=text,
            source=source,
            title=title,
            licence=licence,
            metadata=json.loads(metadata),
            ingested_at=ingested_at,
        )

    def documents(self) -> list[DocumentSummary]:
        """Every document without its text, ordered by source then id."""
        query = (
            "SELECT d.id, d.source, d.title, d.licence, d.metadata, d.ingested_at, length(d.text), "
            "(SELECT count(*) FROM chunks c WHERE c.doc_id = d.id) FROM documents d ORDER BY d.source, d.id"
        )
        with self._lock, self._errors("list documents"):
            rows = self._conn.execute(query).fetchall()
        return [
            DocumentSummary(
                id=doc_id,
                source=source,
                title=title,
                licence=licence,
                metadata=json.loads(metadata),
                ingested_at=ingested_at,
                characters=characters,
                chunk_count=chunk_count,
            )
            for doc_id, source, title, licence, metadata, ingested_at, characters, chunk_count in rows
        ]

    def counts(self) -> dict[str, int]:
        with self._lock, self._errors("count"):
            documents = self._conn.execute("SELECT count(*) FROM documents").fetchone()[0]
            chunks = self._conn.execute("SELECT count(*) FROM chunks").fetchone()[0]
        return {"documents": documents, "chunks": chunks}

    def backup_to(self, path: Path) -> None:
        """A consistent copy, even while this store is open, written atomically to `path`."""
        path = Path(path)
        with atomic_path(path) as tmp:
            try:
                target = sqlite3.connect(tmp)
                try:
                    with self._lock:
                        self._conn.backup(target)
                finally:
                    target.close()
            except sqlite3.Error as exc:
                raise KnowledgeBaseError(f"{self.path}: backup to {path} failed: {exc}") from exc


def _ids(ids: list[str] | set[str]) -> str:
    return json.dumps(sorted(ids))


def _chunk_ids_of(conn: sqlite3.Connection, doc_ids: list[str]) -> list[int]:
    rows = conn.execute(f"SELECT id FROM chunks WHERE doc_id {_IN_JSON} ORDER BY id", [_ids(doc_ids)])
    return [row[0] for row in rows]


def _document_row(doc: Document, chunks: list[Chunk]) -> tuple[Any, ...]:
    """Check a document and its chunks before anything is written, so a bad one aborts the batch."""
    for chunk in chunks:
        if chunk.doc_id != doc.id:
            raise InputError(f"chunk of document {chunk.doc_id!r} given with document {doc.id!r}")
        if doc.text[chunk.start : chunk.end] != chunk.text:
            raise InputError(
                f"chunk [{chunk.start}:{chunk.end}] of document {doc.id!r} ({doc.source}) "
                "does not match the document text"
            )
    try:
        metadata = json.dumps(doc.metadata, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError) as exc:
        raise InputError(f"metadata of document {doc.id!r} ({doc.source}) is not JSON: {exc}") from exc
    ingested_at = (doc.ingested_at or datetime.now(UTC)).isoformat()
    return (doc.id, doc.source, doc.title, doc.licence, doc.text, metadata, ingested_at)
