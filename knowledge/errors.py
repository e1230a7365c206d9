"""The one exception tree of groundqa.

It lives in `knowledge` because that layer sits at the bottom of the import graph; `grounding`
re-exports it. Library errors (rdflib, sqlite3, faiss, pypdf ...) are translated into these at
the boundary where they are raised, always naming the input that caused them.
"""

from __future__ import annotations


class GroundQAError(Exception):
    """Base of every error groundqa raises on purpose."""


class InputError(GroundQAError):
    """Bad input from a user: a file, a query, a request. The message names it."""


class DocumentError(InputError):
    """A document could not be read or parsed (unreadable, empty, not UTF-8, broken PDF)."""


class GraphParseError(InputError):
    """A graph file is malformed; the message names the file and, where known, the line."""


class QueryError(InputError):
    """A SPARQL query is malformed or not read-only."""


class KnowledgeBaseError(GroundQAError):
    """A knowledge base directory is missing, unreadable or inconsistent."""


class ModelError(GroundQAError):
    """A model name or path could not be resolved or loaded."""


class StoreError(KnowledgeBaseError):
    """A remote store (SPARQL endpoint, Milvus) is unreachable, refuses a request or timed out."""
