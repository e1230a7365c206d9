"""The lexical (BM25) index: query building, kept in step with the store, upgrade of old stores."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from knowledge.documents import chunk_document
from knowledge.errors import InputError
from knowledge.lexical import distinctive_terms, fts_query, query_terms
from knowledge.store import SCHEMA_VERSION, DocumentStore
from knowledge.types import Document


def pair(doc_id: str, text: str):
    doc = Document(id=doc_id, text=text, source=f"/data/{doc_id}.txt")
    return doc, chunk_document(doc, chunk_size=400, chunk_overlap=0)


GRIFFIN = "Canberra was designed by Walter Burley Griffin and Marion Mahony Griffin."
OUTLET = "Canberra Outlet Centre is a discount shopping centre located in Fyshwick, Canberra."


def test_query_terms_drop_question_and_function_words():
    assert query_terms("Who designed Canberra?") == ["designed", "canberra"]
    assert query_terms("What is the  of the?") == []
    assert fts_query("what is the") is None


def test_operator_words_and_quotes_cannot_break_the_query(tmp_path: Path):
    with DocumentStore(tmp_path / "kb.sqlite") as store:
        store.add([pair("a", 'He said "NOT" AND NEAR the end (really).')])
        match = fts_query('NOT AND NEAR "quoted" (really) col:umn *')
        assert match is not None
        hits = store.lexical_search(match, 5)
        assert len(hits) == 1


def test_rare_name_ranks_first_and_scores_are_higher_is_better(tmp_path: Path):
    with DocumentStore(tmp_path / "kb.sqlite") as store:
        ids = store.add([pair("outlet", OUTLET), pair("griffin", GRIFFIN)]).chunk_ids
        hits = store.lexical_search(fts_query("Who designed Canberra?"), 10)
        assert [cid for cid, _ in hits] == [ids[1], ids[0]]
        assert hits[0][1] > hits[1][1] > 0


def test_index_follows_replace_and_remove(tmp_path: Path):
    with DocumentStore(tmp_path / "kb.sqlite") as store:
        store.add([pair("griffin", GRIFFIN), pair("outlet", OUTLET)])
        replaced = store.add([pair("griffin", "Canberra is the capital of Australia.")]).chunk_ids
        assert store.lexical_search(fts_query("Burley Griffin"), 10) == []
        assert [cid for cid, _ in store.lexical_search(fts_query("capital Australia"), 10)] == replaced
        store.remove(["outlet"])
        assert store.lexical_search(fts_query("Fyshwick shopping"), 10) == []


def test_failed_batch_leaves_no_lexical_trace(tmp_path: Path):
    with DocumentStore(tmp_path / "kb.sqlite") as store:
        bad = Document(id="bad", text="Zanzibar text", source="x")
        good, chunks = pair("good", "Zanzibar is an archipelago.")
        with pytest.raises(InputError):
            store.add([(good, chunks), (bad, chunks)])
        assert store.lexical_search(fts_query("Zanzibar"), 10) == []


def test_schema_1_store_is_upgraded_in_place(tmp_path: Path):
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        CREATE TABLE documents (id TEXT PRIMARY KEY, source TEXT NOT NULL, title TEXT, licence TEXT,
            text TEXT NOT NULL, metadata TEXT NOT NULL DEFAULT '{}', ingested_at TEXT NOT NULL);
        CREATE TABLE chunks (id INTEGER PRIMARY KEY AUTOINCREMENT, doc_id TEXT NOT NULL
            REFERENCES documents(id) ON DELETE CASCADE, text TEXT NOT NULL, "start" INTEGER NOT NULL,
            "end" INTEGER NOT NULL);
        PRAGMA user_version = 1;
        """
    )
    conn.execute(
        "INSERT INTO documents VALUES ('g', 's', NULL, NULL, ?, '{}', '2026-01-01T00:00:00+00:00')", (GRIFFIN,)
    )
    conn.execute('INSERT INTO chunks (doc_id, text, "start", "end") VALUES (\'g\', ?, 0, ?)', (GRIFFIN, len(GRIFFIN)))
    conn.commit()
    conn.close()
    with DocumentStore(path) as store:
        assert store.has_lexical_index
        assert [cid for cid, _ in store.lexical_search(fts_query("Burley Griffin"), 5)] == [1]
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through file permissions")
def test_read_only_schema_1_store_still_opens_without_lexical_search(tmp_path: Path):
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE documents (id TEXT PRIMARY KEY, source TEXT NOT NULL, title TEXT, licence TEXT, "
        "text TEXT NOT NULL, metadata TEXT NOT NULL DEFAULT '{}', ingested_at TEXT NOT NULL);"
        "CREATE TABLE chunks (id INTEGER PRIMARY KEY AUTOINCREMENT, doc_id TEXT NOT NULL, text TEXT NOT NULL, "
        '"start" INTEGER NOT NULL, "end" INTEGER NOT NULL); PRAGMA user_version = 1;'
    )
    conn.close()
    path.chmod(0o444)
    try:
        with pytest.warns(UserWarning, match="lexical"), DocumentStore(path) as store:
            assert not store.has_lexical_index
            assert store.lexical_search('"anything"', 5) == []
            assert store.counts() == {"documents": 0, "chunks": 0}
    finally:
        path.chmod(0o644)


def test_common_words_are_left_out_of_large_queries():
    counts = {"film": 5000, "american": 3000, "griffin": 3, "canberra": 150}
    kept = distinctive_terms(list(counts), lambda term, cap: min(counts[term], cap), chunks=100_000)
    assert kept == ["griffin", "canberra"]
    assert distinctive_terms(["film", "american"], lambda t, cap: cap, chunks=100_000) == ["film", "american"]
