"""The SQLite document store: add, replace, remove with cascade, all-or-nothing errors, backups."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from knowledge.documents import chunk_document
from knowledge.errors import InputError, KnowledgeBaseError
from knowledge.store import AddResult, DocumentStore
from knowledge.types import Chunk, Document


def make_doc(doc_id: str, text: str, **extra: object) -> tuple[Document, list[Chunk]]:
    doc = Document(id=doc_id, text=text, source=f"/data/{doc_id}.txt", title=doc_id.upper(), **extra)
    return doc, chunk_document(doc, chunk_size=40, chunk_overlap=10)


ALPHA = "Alpha is the first letter. It comes before beta in the Greek alphabet, always."
BETA = "Beta is the second letter. Beta decay emits an electron or a positron from a nucleus."


@pytest.fixture
def store(tmp_path: Path):
    with DocumentStore(tmp_path / "kb.sqlite") as s:
        yield s


def table_rows(path: Path) -> tuple[list, list]:
    with sqlite3.connect(path) as conn:
        docs = conn.execute("SELECT id, source, title, licence, text, metadata FROM documents ORDER BY id").fetchall()
        chunks = conn.execute('SELECT id, doc_id, text, "start", "end" FROM chunks ORDER BY id').fetchall()
    return docs, chunks


def test_add_returns_new_chunk_ids_in_order_and_chunks_round_trip(store: DocumentStore) -> None:
    alpha = make_doc("alpha", ALPHA, licence="CC0-1.0", metadata={"lang": "en", "n": [1, 2]})
    beta = make_doc("beta", BETA)
    result = store.add([alpha, beta])
    n_alpha, n_beta = len(alpha[1]), len(beta[1])
    assert isinstance(result, AddResult)
    assert result.replaced_chunk_ids == []
    assert result.chunk_ids == sorted(result.chunk_ids)
    assert len(result.chunk_ids) == n_alpha + n_beta
    assert store.counts() == {"documents": 2, "chunks": n_alpha + n_beta}

    wanted = [result.chunk_ids[-1], result.chunk_ids[0]]
    (last, last_info), (first, first_info) = store.chunks(wanted)
    assert (last.id, last.doc_id, last.text) == (wanted[0], "beta", beta[1][-1].text)
    assert BETA[last.start : last.end] == last.text
    assert first == alpha[1][0].model_copy(update={"id": wanted[1]})
    assert first_info.source == "/data/alpha.txt"
    assert first_info.title == "ALPHA"
    assert first_info.licence == "CC0-1.0"
    assert first_info.metadata == {"lang": "en", "n": [1, 2]}
    assert last_info.licence is None
    assert first_info.ingested_at is not None


def test_document_and_summaries(store: DocumentStore) -> None:
    store.add([make_doc("beta", BETA), make_doc("alpha", ALPHA, metadata={"k": "v"})])
    doc = store.document("alpha")
    assert doc.text == ALPHA
    assert doc.metadata == {"k": "v"}
    assert doc.ingested_at is not None
    summaries = store.documents()
    assert [s.id for s in summaries] == ["alpha", "beta"]
    assert summaries[0].characters == len(ALPHA)
    assert summaries[0].chunk_count == len(make_doc("alpha", ALPHA)[1])
    with pytest.raises(KnowledgeBaseError, match="unknown document id 'gamma'"):
        store.document("gamma")


def test_readding_a_document_replaces_it_and_reports_old_chunks(store: DocumentStore) -> None:
    first = store.add([make_doc("alpha", ALPHA), make_doc("beta", BETA)])
    alpha_ids = first.chunk_ids[: len(make_doc("alpha", ALPHA)[1])]
    new_text = "Alpha, revised: a short text now."
    second = store.add([make_doc("alpha", new_text)])
    assert second.replaced_chunk_ids == alpha_ids
    assert min(second.chunk_ids) > max(first.chunk_ids), "chunk ids are never reused"
    assert store.document("alpha").text == new_text
    assert store.counts()["documents"] == 2
    assert [i for i, _ in store.iter_chunks()] == sorted(set(first.chunk_ids) - set(alpha_ids)) + second.chunk_ids
    with pytest.raises(KnowledgeBaseError, match="out of step"):
        store.chunks([alpha_ids[0]])


def test_remove_cascades_to_chunks(store: DocumentStore, tmp_path: Path) -> None:
    result = store.add([make_doc("alpha", ALPHA), make_doc("beta", BETA)])
    n_alpha = len(make_doc("alpha", ALPHA)[1])
    removed = store.remove(["alpha"])
    assert removed == result.chunk_ids[:n_alpha]
    docs, chunks = table_rows(tmp_path / "kb.sqlite")
    assert [d[0] for d in docs] == ["beta"]
    assert {c[1] for c in chunks} == {"beta"}
    assert [c[0] for c in chunks] == result.chunk_ids[n_alpha:]


def test_unknown_id_in_remove_changes_nothing(store: DocumentStore, tmp_path: Path) -> None:
    store.add([make_doc("alpha", ALPHA), make_doc("beta", BETA)])
    before = table_rows(tmp_path / "kb.sqlite")
    with pytest.raises(KnowledgeBaseError, match=r"unknown document id\(s\): 'nope', 'zip'") as info:
        store.remove(["alpha", "nope", "zip"])
    assert str(tmp_path / "kb.sqlite") in str(info.value)
    assert table_rows(tmp_path / "kb.sqlite") == before


def test_bad_batch_is_rejected_before_anything_is_written(store: DocumentStore, tmp_path: Path) -> None:
    store.add([make_doc("alpha", ALPHA)])
    before = table_rows(tmp_path / "kb.sqlite")
    doc, chunks = make_doc("beta", BETA)
    broken = [chunks[0].model_copy(update={"start": chunks[0].start + 1})]
    with pytest.raises(InputError, match="does not match"):
        store.add([make_doc("gamma", "Gamma text."), (doc, broken)])
    with pytest.raises(InputError, match="appears twice"):
        store.add([make_doc("beta", BETA), make_doc("beta", BETA)])
    with pytest.raises(InputError, match="given with document"):
        store.add([(doc, make_doc("other", BETA)[1])])
    assert table_rows(tmp_path / "kb.sqlite") == before


def test_failed_insert_rolls_back_the_whole_batch(store: DocumentStore, tmp_path: Path) -> None:
    store.add([make_doc("alpha", ALPHA)])
    before = table_rows(tmp_path / "kb.sqlite")
    with sqlite3.connect(tmp_path / "kb.sqlite") as conn:
        conn.execute(
            "CREATE TRIGGER no_beta BEFORE INSERT ON chunks WHEN NEW.doc_id = 'beta' "
            "BEGIN SELECT RAISE(ABORT, 'refused'); END"
        )
    with pytest.raises(KnowledgeBaseError, match="refused") as info:
        store.add([make_doc("alpha", "Alpha replaced."), make_doc("beta", BETA)])
    assert str(tmp_path / "kb.sqlite") in str(info.value)
    assert table_rows(tmp_path / "kb.sqlite") == before


def test_iter_chunks_pages_through_everything(store: DocumentStore) -> None:
    docs = [make_doc(f"d{i}", f"Document number {i}. " * (i + 1)) for i in range(30)]
    ids = store.add(docs).chunk_ids
    rows = list(store.iter_chunks(batch=7))
    assert [i for i, _ in rows] == ids
    assert [t for _, t in rows] == [c.text for _, chunks in docs for c in chunks]


def test_backup_is_a_consistent_copy_and_atomic(store: DocumentStore, tmp_path: Path) -> None:
    store.add([make_doc("alpha", ALPHA), make_doc("beta", BETA)])
    target = tmp_path / "snap" / "kb.sqlite"
    store.backup_to(target)
    assert table_rows(target) == table_rows(tmp_path / "kb.sqlite")
    assert [p.name for p in target.parent.iterdir()] == ["kb.sqlite"]
    store.remove(["beta"])
    with DocumentStore(target) as copy:
        assert copy.counts()["documents"] == 2
        assert copy.document("beta").text == BETA


def test_store_persists_across_reopen(tmp_path: Path) -> None:
    with DocumentStore(tmp_path / "kb.sqlite") as s:
        ids = s.add([make_doc("alpha", ALPHA)]).chunk_ids
    with DocumentStore(tmp_path / "kb.sqlite") as s:
        assert [c.id for c, _ in s.chunks(ids)] == ids


def test_sqlite_errors_name_the_database(tmp_path: Path) -> None:
    not_db = tmp_path / "notes.sqlite"
    not_db.write_bytes(b"this is definitely not an sqlite database file" * 20)
    with pytest.raises(KnowledgeBaseError, match="notes.sqlite"):
        DocumentStore(not_db)
    with pytest.raises(KnowledgeBaseError, match="missing-dir"):
        DocumentStore(tmp_path / "missing-dir" / "kb.sqlite")
    future = tmp_path / "future.sqlite"
    with sqlite3.connect(future) as conn:
        conn.execute("PRAGMA user_version = 99")
    with pytest.raises(KnowledgeBaseError, match="schema version 99"):
        DocumentStore(future)


def test_store_can_be_used_from_another_thread(store: DocumentStore) -> None:
    errors: list[BaseException] = []

    def work() -> None:
        try:
            store.add([make_doc("alpha", ALPHA)])
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert not errors
    assert store.counts()["documents"] == 1


def test_opening_an_existing_store_writes_nothing(tmp_path: Path) -> None:
    """Snapshots of a knowledge base may sit on read-only storage."""
    path = tmp_path / "kb.sqlite"
    with DocumentStore(path) as s:
        s.add([make_doc("alpha", ALPHA)])
    before = path.read_bytes()
    with DocumentStore(path) as s:
        assert s.document("alpha").text == ALPHA
    assert path.read_bytes() == before
