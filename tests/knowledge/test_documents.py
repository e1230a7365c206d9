"""Reading every supported format, rejecting every kind of bad input, and exact chunk offsets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowledge.documents import chunk_document, document_id, load_documents, load_file
from knowledge.errors import DocumentError
from knowledge.types import Document

FIXTURES = Path(__file__).parents[1] / "fixtures" / "docs"


def by_title(docs: list[Document]) -> dict[str | None, Document]:
    return {d.title: d for d in docs}


def test_directory_reads_every_supported_format_in_sorted_order() -> None:
    docs = load_documents(FIXTURES)
    assert [d.title for d in docs] == [
        "Nikola Tesla", "Ada Lovelace", None,  # inventors.jsonl, in line order
        "rivers", "Coral reefs", "Space telescopes", "Volcanoes of Iceland",
    ]  # fmt: skip
    assert {d.metadata.get("format") for d in docs} == {None, "txt", "pdf", "md", "html"}
    assert len({d.id for d in docs}) == len(docs)


def test_plain_text_is_kept_exactly_and_id_is_stable() -> None:
    path = FIXTURES / "rivers.txt"
    [doc] = load_documents(path, licence="CC-BY-4.0")
    assert doc.text == path.read_text(encoding="utf-8")
    assert doc.source == str(path.absolute())
    assert doc.licence == "CC-BY-4.0"
    assert doc.title == "rivers"
    assert doc.id == document_id(doc.source, doc.text)
    assert load_documents(path)[0].id == doc.id


def test_markdown_title_comes_from_first_heading() -> None:
    [doc] = load_documents(FIXTURES / "telescopes.md")
    assert doc.title == "Space telescopes"
    assert doc.text.startswith("# Space telescopes\n")


def test_html_gives_visible_text_in_blocks_and_the_title() -> None:
    [doc] = load_documents(FIXTURES / "volcanoes.html")
    assert doc.title == "Volcanoes of Iceland"
    assert "Eyjafjallajökull erupted in 2010 and its ash cloud" in doc.text
    assert "six days.\n\nHekla is one" in doc.text
    assert "Katla lies under the Mýrdalsjökull glacier." in doc.text
    for hidden in ("console.log", "font-family", "comment", "Enable JavaScript", "<p>"):
        assert hidden not in doc.text


def test_pdf_pages_are_joined_with_a_blank_line_and_title_read_from_metadata() -> None:
    [doc] = load_documents(FIXTURES / "sample.pdf", licence="CC0-1.0")
    assert doc.title == "Coral reefs"
    assert doc.metadata["pages"] == 2
    assert "largest coral reef system in the world.\n\nCoral bleaching events" in doc.text
    assert doc.licence == "CC0-1.0"


def test_jsonl_one_document_per_line_with_metadata_and_defaults() -> None:
    path = FIXTURES / "inventors.jsonl"
    docs = load_documents(path, licence="default-licence")
    assert len(docs) == 3
    tesla, ada, hopper = docs
    assert tesla.id == "tesla"
    assert tesla.source == "https://example.org/tesla"
    assert tesla.licence == "CC-BY-4.0"
    assert tesla.metadata == {"year": 1856, "tags": ["engineer", "inventor"]}
    assert ada.source == f"{path.absolute()}#2"
    assert ada.licence == "CC0-1.0"
    assert ada.id == document_id(ada.source, ada.text)
    assert hopper.source == "archive://hopper"
    assert hopper.licence == "default-licence"
    assert hopper.metadata == {"topic": "computing"}
    assert hopper.title is None


def test_jsonl_keeps_url_in_metadata_when_source_is_given(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"text": "x y", "source": "s", "url": "http://u"}) + "\n")
    [doc] = load_documents(path)
    assert doc.source == "s"
    assert doc.metadata == {"url": "http://u"}


def test_directory_skips_hidden_and_unsupported_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("alpha")
    (tmp_path / "b.csv").write_text("x,y")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text("gamma")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.md").write_text("delta")
    assert [d.text for d in load_documents(tmp_path)] == ["alpha", "delta"]


def write(path: Path, data: bytes | str) -> Path:
    if isinstance(data, str):
        data = data.encode()
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("empty.txt", "  \n\t ", "empty document"),
        ("empty.md", "", "empty document"),
        ("empty.html", "<html><head><title>T</title></head><body> <script>x</script></body></html>",
         "empty document"),
        ("latin1.txt", "caf\xe9 ok".encode("latin-1"), "not valid UTF-8 at byte offset 3"),
        ("latin1.html", b"<p>ok</p>\n<p>caf\xe9</p>", "not valid UTF-8 at byte offset 16 (line 2)"),
        ("bad.jsonl", '{"text": "fine"}\n{"text": "broken"\n', "line 2: malformed JSON"),
        ("notobj.jsonl", '{"text": "fine"}\n[1, 2]\n', "line 2: expected a JSON object"),
        ("notext.jsonl", '{"title": "no text"}\n', "line 1: field 'text' is required"),
        ("blank.jsonl", '{"text": "ok"}\n\n{"text": "   "}\n', "line 3: empty document"),
        ("badtitle.jsonl", '{"text": "ok", "title": {"a": 1}}\n', "line 1: field 'title' must be a string"),
        ("nolines.jsonl", "\n \n", "empty document"),
        ("broken.pdf", b"%PDF-1.4\nthis is not really a pdf\n", "broken or unreadable PDF"),
        ("data.csv", "a,b\n1,2\n", "unsupported file type '.csv'"),
    ],
)  # fmt: skip
def test_bad_inputs_raise_document_error_naming_the_file(
    tmp_path: Path, name: str, data: bytes | str, expected: str
) -> None:
    path = write(tmp_path / name, data)
    with pytest.raises(DocumentError) as info:
        load_documents(path)
    assert str(path) in str(info.value)
    assert expected in str(info.value)


def test_truncated_pdf_is_a_document_error(tmp_path: Path) -> None:
    data = (FIXTURES / "sample.pdf").read_bytes()
    path = write(tmp_path / "cut.pdf", data[: len(data) // 3])
    with pytest.raises(DocumentError, match="cut.pdf"):
        load_documents(path)


def test_pdf_without_text_is_empty(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    path = tmp_path / "blank.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(DocumentError, match="no extractable text"):
        load_documents(path)


def test_missing_path_and_empty_directory(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="no such file"):
        load_documents(tmp_path / "nope.txt")
    with pytest.raises(DocumentError, match="no such file"):
        load_file(tmp_path / "nope.txt")
    (tmp_path / "notes.csv").write_text("x")
    with pytest.raises(DocumentError, match="no supported documents"):
        load_documents(tmp_path)


def test_unreadable_file(tmp_path: Path) -> None:
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(DocumentError, match="folder.txt: cannot read"):
        load_file(folder)


def test_duplicate_ids_across_files_are_rejected(tmp_path: Path) -> None:
    write(tmp_path / "a.jsonl", '{"id": "x", "text": "one"}\n')
    write(tmp_path / "b.jsonl", '{"id": "x", "text": "two"}\n')
    with pytest.raises(DocumentError, match="duplicate document id 'x'"):
        load_documents(tmp_path)


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    [doc] = load_documents(write(tmp_path / "bom.txt", "\ufeffhello".encode()))
    assert doc.text == "hello"


def test_chunks_of_a_real_document_overlap_and_index_the_text() -> None:
    doc = Document(id="d", text=(FIXTURES / "telescopes.md").read_text().replace("\n", " ") * 3, source="s")
    chunks = chunk_document(doc, chunk_size=200, chunk_overlap=50)
    assert len(chunks) > 3
    assert all(c.doc_id == "d" and c.id is None for c in chunks)
    assert all(doc.text[c.start : c.end] == c.text for c in chunks)
    assert any(b.start < a.end for a, b in zip(chunks, chunks[1:], strict=False))


def test_repeated_text_gets_offsets_that_cover_every_copy() -> None:
    text = ("the same sentence again. " * 200).strip()
    doc = Document(id="d", text=text, source="s")
    chunks = chunk_document(doc, chunk_size=100, chunk_overlap=30)
    assert chunks[-1].end == len(text)
    assert_covers(text, chunks)


def test_fallback_placement_still_indexes_the_text_exactly(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "one two three. " * 40
    monkeypatch.setattr("knowledge.documents._align", lambda *args: None)
    chunks = chunk_document(Document(id="d", text=text, source="s"), chunk_size=50, chunk_overlap=10)
    assert len(chunks) > 5
    assert all(text[c.start : c.end] == c.text for c in chunks)
    assert all(a.start <= b.start for a, b in zip(chunks, chunks[1:], strict=False))


def test_chunk_parameters_are_checked() -> None:
    doc = Document(id="d", text="abc", source="s")
    with pytest.raises(ValueError):
        chunk_document(doc, chunk_size=10, chunk_overlap=10)


def assert_covers(text: str, chunks: list) -> None:
    covered = bytearray(len(text))
    for c in chunks:
        covered[c.start : c.end] = b"\x01" * (c.end - c.start)
    missing = [i for i, ch in enumerate(text) if not ch.isspace() and not covered[i]]
    assert not missing, f"uncovered characters at {missing[:10]}"


FRAGMENTS = ["a", "b", "ab", " ", "  ", "\n", "\n\n", "\t", "\r\n", "é", "語", "\u3000", "\x1c", ".", "🙂"]
TEXT = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=3)), max_size=150).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, size=st.integers(2, 60), data=st.data())
def test_chunks_index_text_exactly_and_cover_it(text: str, size: int, data: st.DataObject) -> None:
    overlap = data.draw(st.integers(0, size - 1))
    doc = Document(id="d", text=text, source="s")
    chunks = chunk_document(doc, chunk_size=size, chunk_overlap=overlap)
    for chunk in chunks:
        assert text[chunk.start : chunk.end] == chunk.text
        assert 0 < len(chunk.text) <= size
    for a, b in zip(chunks, chunks[1:], strict=False):
        assert (a.start, a.end) < (b.start, b.end)
        assert a.end <= b.end
    assert_covers(text, chunks)
