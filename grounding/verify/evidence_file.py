"""Evidence a caller hands over as a file: the CLI's `--evidence` and the page's upload read it alike."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from knowledge.errors import InputError


def read_evidence_file(path: str) -> list[str]:
    """Evidence for `verify --evidence`: a JSON list, JSONL, or plain text with blank-line paragraphs."""
    try:
        raw = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read evidence file {path}: {exc}") from exc
    stripped = raw.strip()
    if not stripped:
        raise InputError(f"evidence file {path} is empty")
    if stripped.startswith("["):
        try:
            items = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise InputError(f"evidence file {path}: invalid JSON at line {exc.lineno}: {exc.msg}") from exc
        return [item if isinstance(item, str) else str(item.get("text", "")) for item in items]
    if stripped.startswith("{"):
        texts = []
        for number, line in enumerate(stripped.splitlines(), start=1):
            if line.strip():
                try:
                    texts.append(str(json.loads(line)["text"]))
                except (json.JSONDecodeError, KeyError, TypeError) as exc:
                    raise InputError(
                        f"evidence file {path}, line {number}: expected a JSON object with 'text'"
                    ) from exc
        return texts
    return [block.strip() for block in stripped.split("\n\n") if block.strip()]
