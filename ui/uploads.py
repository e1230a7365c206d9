"""Files from the page: into the KB through the same `KnowledgeBase.add` as `groundqa kb add`, and
evidence read by the same reader as `groundqa verify --evidence`.

Uploads exist only in memory, so they are written to a scratch folder under their own names first;
the sources recorded are those names (`upload:NAME`), not the scratch paths, so provenance reads
sensibly and uploading the same document again replaces it.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol
from urllib.parse import quote

from grounding.verify.evidence_file import read_evidence_file
from knowledge.documents import SUPPORTED_SUFFIXES, document_id, load_documents
from knowledge.errors import InputError
from knowledge.kb import ChangeSummary, GraphInput, KnowledgeBase

GRAPH_SUFFIXES = (".ttl", ".nt", ".nq", ".trig", ".jsonld", ".json-ld", ".rdf", ".owl", ".xml", ".csv", ".tsv")
DOCUMENT_SUFFIXES = tuple(sorted(SUPPORTED_SUFFIXES))


class Upload(Protocol):
    name: str

    def getvalue(self) -> bytes: ...


def upload_source(name: str) -> str:
    return "upload:" + quote(name, safe="")


def _save(folder: Path, upload: Upload) -> Path:
    name = Path(upload.name).name
    if not name or name.startswith("."):
        raise InputError(f"cannot ingest {upload.name!r}: give the file a name")
    path = folder / name
    if path.exists():
        raise InputError(f"two uploads are named {name}; rename one")
    path.write_bytes(upload.getvalue())
    return path


def ingest(
    kb: KnowledgeBase, documents: Sequence[Upload] = (), graphs: Sequence[Upload] = (), licence: str | None = None
) -> ChangeSummary:
    """One atomic change: every file is read and validated before the KB is touched."""
    if not documents and not graphs:
        raise InputError("nothing to add: choose documents and/or graph files")
    licence = licence.strip() if licence and licence.strip() else None
    with tempfile.TemporaryDirectory(prefix="groundqa-upload-") as scratch:
        folder = Path(scratch)
        docs = []
        for upload in documents:
            path = _save(folder, upload)
            for doc in load_documents(path, licence=licence):
                if doc.source == str(path):
                    source = upload_source(path.name)
                    doc = doc.model_copy(update={"source": source, "id": document_id(source, doc.text)})
                docs.append(doc)
        inputs = [
            GraphInput(path=path, source=upload_source(path.name), licence=licence)
            for path in (_save(folder, upload) for upload in graphs)
        ]
        return kb.add(graphs=inputs, documents=docs)


def read_evidence(text: str, name: str = "evidence") -> list[str]:
    """Evidence text read exactly as `groundqa verify --evidence` reads a file (JSON list, JSONL or paragraphs)."""
    with tempfile.TemporaryDirectory(prefix="groundqa-evidence-") as folder:
        path = Path(folder) / (Path(name).name or "evidence")
        path.write_text(text, encoding="utf-8")
        try:
            return read_evidence_file(str(path))
        except InputError as exc:
            raise InputError(str(exc).replace(str(path), name)) from None


def gather_evidence(pasted: str, upload: Upload | None) -> list[str] | None:
    """None (retrieve from the KB) unless evidence was pasted or uploaded."""
    texts: list[str] = []
    if pasted.strip():
        texts += read_evidence(pasted, "pasted evidence")
    if upload is not None:
        try:
            content = upload.getvalue().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(f"evidence file {upload.name} is not UTF-8 text: {exc}") from exc
        texts += read_evidence(content, upload.name)
    return texts or None
