"""Reading source documents and cutting them into chunks whose offsets point back into the text.

Every reader keeps the document text whole and exactly as decoded, because evidence cites a
passage by character offsets into it. Readers are strict: a file that cannot be read, is not
UTF-8, holds no text or is malformed raises `DocumentError` naming the file (and the line for
JSON Lines), instead of silently shrinking the knowledge base.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import io
import json
import logging
import re
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from knowledge.errors import DocumentError
from knowledge.formats import DOCUMENT_SUFFIXES
from knowledge.offline import no_network
from knowledge.progress import track
from knowledge.types import Chunk, Document

SUPPORTED_SUFFIXES = DOCUMENT_SUFFIXES

_JSONL_FIELDS = {"id", "text", "title", "source", "url", "licence", "license"}
_HIDDEN_TAGS = ["script", "style", "noscript", "template", "head", "svg", "iframe", "object"]
_BLOCK_TAGS = [
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
    "ol", "p", "pre", "section", "table", "tbody", "td", "th", "thead", "tr", "ul",
]  # fmt: skip
_NON_SPACE = re.compile(r"\S")
_INLINE_SPACE = re.compile(r"[^\S\n]+")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)


def document_id(source: str, text: str) -> str:
    """Same source and same text give the same id, so re-ingesting a file replaces it."""
    return hashlib.sha256(f"{source}\n{text}".encode()).hexdigest()[:16]


def load_documents(path: Path, licence: str | None = None, progress: bool = False) -> list[Document]:
    """Read one file or every supported file under a directory (recursively, in sorted order).

    In a directory, files with other suffixes and hidden files or folders are skipped; a file
    named explicitly must have a supported suffix. `licence` is the default for documents that
    do not state their own. Document ids must be unique across everything read.
    """
    path = Path(path)
    if not path.exists():
        raise DocumentError(f"{path}: no such file or directory")
    if path.is_dir():
        files = sorted(
            p
            for p in path.rglob("*")
            if p.is_file()
            and p.suffix.lower() in SUPPORTED_SUFFIXES
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
        if not files:
            raise DocumentError(
                f"{path}: no supported documents found (suffixes: {', '.join(sorted(SUPPORTED_SUFFIXES))})"
            )
    else:
        files = [path]
    documents: list[Document] = []
    for file in track(files, "Reading documents", total=len(files), enabled=progress and len(files) > 1):
        documents.extend(load_file(file, licence))
    _check_unique_ids(documents)
    return documents


def load_file(path: Path, licence: str | None = None) -> list[Document]:
    """One file to its documents: one for most formats, one per line for JSON Lines."""
    path = Path(path).absolute()
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise DocumentError(
            f"{path}: unsupported file type {path.suffix or '(no suffix)'!r}; "
            f"supported: {', '.join(sorted(SUPPORTED_SUFFIXES))}"
        )
    with no_network(str(path)):
        return reader(path, licence)


def _check_unique_ids(documents: list[Document]) -> None:
    seen: dict[str, str] = {}
    for doc in documents:
        if doc.id in seen:
            raise DocumentError(f"duplicate document id {doc.id!r} in {seen[doc.id]} and {doc.source}")
        seen[doc.id] = doc.source


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise DocumentError(f"{path}: no such file") from exc
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read file: {exc.strerror or exc}") from exc


def _read_text(path: Path) -> str:
    data = _read_bytes(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DocumentError(
            f"{path}: not valid UTF-8 at byte offset {exc.start} (line {line}); convert the file to UTF-8"
        ) from exc
    return text.removeprefix("\ufeff")


def _require_text(path: Path | str, text: str) -> None:
    if not _NON_SPACE.search(text):
        raise DocumentError(f"{path}: empty document (no text other than whitespace)")


def _file_document(path: Path, text: str, title: str | None, licence: str | None, **meta: Any) -> Document:
    _require_text(path, text)
    source = str(path)
    return Document(
        id=document_id(source, text),
        text=text,
        source=source,
        title=title or path.stem,
        licence=licence,
        metadata={"format": path.suffix.lower().lstrip("."), **meta},
    )


def _read_plain(path: Path, licence: str | None) -> list[Document]:
    text = _read_text(path)
    title = None
    if path.suffix.lower() == ".md" and (heading := _MD_HEADING.search(text)):
        title = heading.group(1)
    return [_file_document(path, text, title, licence)]


def _read_html(path: Path, licence: str | None) -> list[Document]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_read_text(path), "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    for tag in soup.find_all(_HIDDEN_TAGS):
        tag.decompose()
    for tag in soup.find_all("br"):
        tag.replace_with("\n")
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    return [_file_document(path, _tidy_lines(soup.get_text()), title, licence)]


def _tidy_lines(text: str) -> str:
    """Collapse the layout whitespace of HTML into single spaces and blank lines between blocks."""
    paragraphs: list[str] = []
    current: list[str] = []
    for raw in text.splitlines():
        line = _INLINE_SPACE.sub(" ", raw).strip()
        if line:
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return "\n\n".join(paragraphs)


def _read_pdf(path: Path, licence: str | None) -> list[Document]:
    data = _read_bytes(path)
    with _quiet("pypdf"):
        return _pdf_document(path, data, licence)


@contextlib.contextmanager
def _quiet(logger_name: str) -> Iterator[None]:
    """Keep a third-party parser's log lines and warnings out of the user's terminal; its errors still raise."""
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _pdf_document(path: Path, data: bytes, licence: str | None) -> list[Document]:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError(f"{path}: the PDF is encrypted with a password")
        pages = [(page.extract_text() or "").rstrip() for page in reader.pages]
        info = reader.metadata
        title = (info.title or "").strip() if info else ""
    except DocumentError:
        raise
    except Exception as exc:  # pypdf raises PdfReadError, PdfStreamError, ValueError, KeyError ...
        raise DocumentError(f"{path}: broken or unreadable PDF: {exc}") from exc
    text = "\n\n".join(pages)
    if not _NON_SPACE.search(text):
        raise DocumentError(f"{path}: empty document (the PDF has no extractable text; is it a scan?)")
    return [_file_document(path, text, title or None, licence, pages=len(pages))]


def _read_jsonl(path: Path, licence: str | None) -> list[Document]:
    documents = []
    for number, line in enumerate(_read_text(path).splitlines(), start=1):
        if line.strip():
            documents.append(_jsonl_document(path, number, line, licence))
    if not documents:
        raise DocumentError(f"{path}: empty document (no JSON lines)")
    return documents


def _jsonl_document(path: Path, number: int, line: str, licence: str | None) -> Document:
    where = f"{path}, line {number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise DocumentError(f"{where}: malformed JSON: {exc.msg} (column {exc.colno})") from exc
    if not isinstance(record, dict):
        raise DocumentError(f"{where}: expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        raise DocumentError(f"{where}: field 'text' is required and must be a string")
    _require_text(where, text)
    for key in ("id", "title", "source", "url", "licence", "license"):
        value = record.get(key)
        if value is not None and not isinstance(value, str | int):
            raise DocumentError(f"{where}: field {key!r} must be a string")
    source = _first(record, "source", "url") or f"{path}#{number}"
    metadata = {key: value for key, value in record.items() if key not in _JSONL_FIELDS}
    if record.get("source") is not None and record.get("url") is not None:
        metadata["url"] = str(record["url"])
    return Document(
        id=_first(record, "id") or document_id(source, text),
        text=text,
        source=source,
        title=_first(record, "title"),
        licence=_first(record, "licence", "license") or licence,
        metadata=metadata,
    )


def _first(record: dict[str, Any], *keys: str) -> str | None:
    for key in keys:
        value = record.get(key)
        if value is not None and str(value).strip():
            return str(value)
    return None


_READERS: dict[str, Callable[[Path, str | None], list[Document]]] = {
    ".txt": _read_plain,
    ".md": _read_plain,
    ".html": _read_html,
    ".htm": _read_html,
    ".pdf": _read_pdf,
    ".jsonl": _read_jsonl,
}


LONG_LINE_CHARS = 100_000


def document_warning(doc: Document, max_chars: int) -> str | None:
    """Why a document deserves a second look before it is embedded: over the cap, or one giant line."""
    size = len(doc.text)
    name = doc.source if doc.source == doc.id or not doc.title else f"{doc.source} ({doc.title})"
    if size > max_chars:
        return (
            f"{name}: {size:,} characters, cut to the first {max_chars:,} "
            "(raise GROUNDQA_MAX_DOCUMENT_CHARS when building the KB to keep more)"
        )
    longest = max((len(line) for line in doc.text.splitlines()), default=0)
    if longest > LONG_LINE_CHARS:
        return f"{name}: a line of {longest:,} characters; is this prose? (minified or binary data makes poor evidence)"
    return None


def chunk_document(doc: Document, chunk_size: int = 800, chunk_overlap: int = 100) -> list[Chunk]:
    """Cut a document into overlapping chunks of at most `chunk_size` characters.

    The splitter's own start_index comes from `str.find` after it strips whitespace, which can
    land on an earlier copy of a repeated passage; offsets are therefore re-derived by aligning
    the chunks in order (see `_align`), so `doc.text[c.start:c.end] == c.text` always holds.
    """
    if chunk_size < 2 or not 0 <= chunk_overlap < chunk_size:
        raise ValueError(f"need chunk_size >= 2 and 0 <= chunk_overlap < chunk_size, got {chunk_size}, {chunk_overlap}")
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=chunk_size, chunk_overlap=chunk_overlap, strip_whitespace=True)
    pieces = splitter.split_text(doc.text)
    starts = _align(doc.text, pieces, chunk_overlap) or _first_occurrences(doc.text, pieces, chunk_overlap)
    chunks: list[Chunk] = []
    for start, piece in zip(starts, pieces, strict=True):
        end = start + len(piece)
        if chunks and chunks[-1].start == start and chunks[-1].end == end:
            continue
        chunks.append(Chunk(doc_id=doc.id, text=piece, start=start, end=end))
    return chunks


_MAX_PLACEMENTS = 32


def _align(text: str, pieces: list[str], overlap: int) -> list[int] | None:
    """Start offsets for `pieces`, substrings of `text` in order, that leave no text uncovered.

    The splitter emits stripped, contiguous substrings whose starts and ends never decrease,
    that overlap their predecessor by at most `overlap` characters and skip only whitespace.
    Usually each piece then fits in one place; in repeated text several placements are
    possible, so the placements reachable under those rules are kept (the earliest few, so
    pathological text stays linear) and the path is walked back from one that reaches the end.
    Returns None if no such path was kept.
    """
    if not pieces:
        return []
    next_text = _next_non_space(text)
    frontier = _occurrences(text, pieces[0], next_text(0), next_text(0))
    parents: list[dict[int, int]] = [{}]
    for prev, piece in zip(pieces, pieces[1:], strict=False):
        lo = frontier[0] + len(prev) - overlap
        hi = max(next_text(q + len(prev)) for q in frontier)
        links: dict[int, int] = {}
        for p in _occurrences(text, piece, max(lo, frontier[0]), hi):
            i = bisect.bisect_right(frontier, min(p, p + len(piece) - len(prev), p - len(prev) + overlap)) - 1
            if i >= 0 and next_text(frontier[i] + len(prev)) >= p:
                links[p] = frontier[i]
        if not links:
            return None
        parents.append(links)
        frontier = sorted(links)
        del frontier[_MAX_PLACEMENTS:]
    ends = [p for p in frontier if next_text(p + len(pieces[-1])) == len(text)]
    if not frontier or not ends:
        return None
    starts = [ends[0]]
    for links in reversed(parents[1:]):
        starts.append(links[starts[-1]])
    return starts[::-1]


def _first_occurrences(text: str, pieces: list[str], overlap: int) -> list[int]:
    """Fallback placement: exact and in order, but not guaranteed to cover repeated text."""
    starts: list[int] = []
    for prev, piece in zip([""] + pieces, pieces, strict=False):
        lo = max(starts[-1], starts[-1] + len(prev) - overlap) if starts else 0
        position = text.find(piece, lo)
        if position < 0:
            raise RuntimeError(f"chunk {len(starts)} is not a substring of the document text")
        starts.append(position)
    return starts


def _next_non_space(text: str) -> Callable[[int], int]:
    def next_text(position: int) -> int:
        match = _NON_SPACE.search(text, position)
        return match.start() if match else len(text)

    return next_text


def _occurrences(text: str, piece: str, lo: int, hi: int) -> list[int]:
    """Positions p with lo <= p <= hi where `piece` occurs."""
    found = []
    position = text.find(piece, lo, hi + len(piece))
    while position != -1:
        found.append(position)
        position = text.find(piece, position + 1, hi + len(piece))
    return found
