"""What clients see of the server's file system: names, not absolute paths.

A KB built from the command line records where its files were (`/home/alice/notes/a.md`,
`file:///srv/kb/facts.ttl`) and `KBInfo.path` is the KB's directory. Clients get the KB's name and
the file names only, unless the operator sets `GROUNDQA_API_EXPOSE_PATHS=true`.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote, urlparse

from pydantic import BaseModel


def public_source(source: str) -> str:
    """`file:///a/b/facts.ttl` -> `facts.ttl`, `/a/b/notes.md` -> `notes.md`; anything else unchanged."""
    if source.startswith("file:"):
        return PurePosixPath(unquote(urlparse(source).path)).name or source
    if source.startswith("/"):
        return PurePosixPath(source).name or source
    return source


def public_json(value: BaseModel | list[BaseModel], expose_paths: bool) -> bytes:
    """The JSON body for `value`, with paths reduced to names unless `expose_paths`."""
    if expose_paths:
        if isinstance(value, list):
            return b"[" + b",".join(item.model_dump_json().encode() for item in value) + b"]"
        return value.model_dump_json().encode()
    data = (
        [item.model_dump(mode="json") for item in value] if isinstance(value, list) else value.model_dump(mode="json")
    )
    return json.dumps(_redact(data), ensure_ascii=False, separators=(",", ":")).encode()


def _redact(data: Any) -> Any:
    if isinstance(data, list):
        return [_redact(item) for item in data]
    if not isinstance(data, dict):
        return data
    out = {}
    for key, value in data.items():
        if key in ("source", "graph") and isinstance(value, str):
            out[key] = public_source(value)
        elif key == "graph_sources" and isinstance(value, list):
            out[key] = [public_source(v) if isinstance(v, str) else v for v in value]
        elif key == "path" and isinstance(value, str) and "generation" in data:
            out[key] = PurePosixPath(value).name  # KBInfo: the KB's name
        else:
            out[key] = _redact(value)
    return out
