"""The root of groundqa's on-disk caches: `$XDG_CACHE_HOME/groundqa`, else `~/.cache/groundqa`.

Defined here, in the lower package, because `knowledge` caches too (exported ONNX graphs of the
embedding model) and may not import `grounding`; `grounding.paths.cache()` returns this same folder,
so there is one definition of where caches live.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_root() -> Path:
    """Read at each call, so a process (or a test) that changes XDG_CACHE_HOME sees its own folder."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "groundqa"
