"""Evidence a caller hands over as a file: the CLI's `--evidence` and the page's upload read it alike.

The file is untrusted input, so every way it can be wrong (a list of numbers, objects without text,
JSON nested a million deep, blank items) is an InputError naming the file and the item, never a crash,
and every text returned is non-blank.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

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
        items = _loads(stripped, f"evidence file {path}")
        if not isinstance(items, list):
            raise InputError(f"evidence file {path}: expected a JSON list of texts or objects with 'text'")
        texts = [_text(item, f"evidence file {path}, item {number}") for number, item in enumerate(items, start=1)]
    elif stripped.startswith("{"):
        texts = [
            _text(_loads(line, f"evidence file {path}, line {number}"), f"evidence file {path}, line {number}")
            for number, line in enumerate(stripped.splitlines(), start=1)
            if line.strip()
        ]
    else:
        texts = [block.strip() for block in stripped.split("\n\n") if block.strip()]
    texts = [text for text in texts if text.strip()]
    if not texts:
        raise InputError(f"evidence file {path} holds no evidence text")
    return texts


def _loads(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: invalid JSON at line {exc.lineno}: {exc.msg}") from exc
    except RecursionError as exc:
        raise InputError(f"{where}: JSON nested too deeply") from exc


def _text(item: Any, where: str) -> str:
    if isinstance(item, str):
        return item
    if isinstance(item, dict) and isinstance(item.get("text"), str):
        return item["text"]
    raise InputError(f"{where}: expected a text or a JSON object with a 'text' string, got {type(item).__name__}")
