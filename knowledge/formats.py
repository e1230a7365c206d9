"""The file formats a knowledge base reads, by name: light enough for the CLI, the API schema and the page."""

from __future__ import annotations

SUFFIX_FORMATS = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".nq": "nquads",
    ".trig": "trig",
    ".jsonld": "json-ld",
    ".json-ld": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
    ".csv": "csv",
    ".tsv": "tsv",
}

FORMAT_ALIASES = {
    "ttl": "turtle",
    "turtle": "turtle",
    "nt": "nt",
    "ntriples": "nt",
    "n-triples": "nt",
    "nquads": "nquads",
    "nq": "nquads",
    "n-quads": "nquads",
    "trig": "trig",
    "json-ld": "json-ld",
    "jsonld": "json-ld",
    "xml": "xml",
    "rdf": "xml",
    "rdfxml": "xml",
    "rdf/xml": "xml",
    "application/rdf+xml": "xml",
    "csv": "csv",
    "tsv": "tsv",
}

GRAPH_FORMATS = tuple(dict.fromkeys(SUFFIX_FORMATS.values()))
DOCUMENT_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".jsonl", ".pdf"})
