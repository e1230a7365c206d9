"""Where groundqa reads and writes on disk: the one module that knows.

- the shared data folder (benchmarks and training corpora): `GROUNDQA_DATA_DIR`, else `shared/data`
  beside a source checkout (the layout of the development machines and CI);
- the home (demo KB, trained models, converted models): `GROUNDQA_HOME`, else `$XDG_DATA_HOME/groundqa`;
- caches (downloaded-by-hand datasets, prepared corpora, exported ONNX graphs): `$XDG_CACHE_HOME/groundqa`,
  defined once in `knowledge.cache` (the knowledge package caches too and may not import this one);
- run folders of `groundqa eval`: `runs/` under the working directory, so results stay with the project
  that made them.

Nothing here writes into the installed package: a pip-installed groundqa never changes its own files.
"""

from __future__ import annotations

import os
from pathlib import Path

from knowledge.cache import cache_root

_CHECKOUT = Path(__file__).resolve().parents[1]


def shared_data() -> Path:
    """The folder of benchmark and training data (it need not exist: loaders then say what to pass)."""
    given = os.environ.get("GROUNDQA_DATA_DIR")
    return Path(given) if given else _CHECKOUT.parent / "shared" / "data"


def home() -> Path:
    given = os.environ.get("GROUNDQA_HOME")
    if given:
        return Path(given)
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "groundqa"


def cache() -> Path:
    """`$XDG_CACHE_HOME/groundqa` (else `~/.cache/groundqa`): `knowledge.cache.cache_root()`, the one definition."""
    return cache_root()


def runs() -> Path:
    return Path("runs")


def bundled_models() -> Path:
    """Models shipped inside the package (read-only)."""
    return Path(__file__).resolve().parent / "models"


def trained_models() -> Path:
    """Where `groundqa train-verifier` writes by default; pass the folder as a model setting to use one."""
    return home() / "models"
