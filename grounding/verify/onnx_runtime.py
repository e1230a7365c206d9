"""The cross-encoder through ONNX Runtime: exported once from the torch model, cached, run on the CPU.

On a 2-core CPU the torch forward pass of a small cross-encoder is mostly framework overhead and
fp32 matrix products; ONNX Runtime's fused graph runs the same model faster, and its int8 graph
(weights quantized dynamically, activations quantized per batch) runs it at a fraction of the cost.
The generic machinery (cache key, atomic writes, the dynamo export, int8 quantization, the session)
is `knowledge.onnx_export`, shared with the embedding model; this module is the cross-encoder's part:
the logits graph, where it is cached (`grounding.paths.cache()/onnx/<model folder>-<key>`), and the errors
that name the verifier's runtime setting.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import numpy as np

from knowledge import onnx_export
from knowledge.errors import ModelError
from knowledge.onnx_export import cpu_threads, model_folder, quantize_int8
from knowledge.onnx_export import quietly as _quietly
from knowledge.onnx_export import replace_atomically as _replace_atomically

__all__ = [
    "EXPORT_FORMAT",
    "INPUTS",
    "RUNTIME_SETTING",
    "OnnxForward",
    "_quietly",
    "_replace_atomically",
    "cache_key",
    "cpu_threads",
    "ensure_exported",
    "export_dir",
    "export_fp32",
    "model_folder",
    "quantize_int8",
    "require_onnxruntime",
]

RUNTIME_SETTING = "verifier_runtime (GROUNDQA_VERIFIER_RUNTIME, --runtime)"
EXPORT_FORMAT = 1
"""Bumped when the exported graph changes shape (inputs, outputs, opset), so old caches are not read."""
INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def require_onnxruntime() -> Any:
    """The onnxruntime module, or a ModelError that names the verifier's runtime setting."""
    return onnx_export.require_onnxruntime("verifier", RUNTIME_SETTING)


def cache_key(name: str, path: str) -> str:
    """Identity of the model's weights: where they are, and each weight file's size and mtime."""
    return onnx_export.cache_key(name, path, EXPORT_FORMAT)


def export_dir(name: str, path: str) -> Path:
    return onnx_export.onnx_cache() / cache_key(name, path)


def _logits_module(model: Any) -> Any:
    """The sequence classifier with keyword inputs and the logits as its one output, for the exporter."""
    import torch

    class Logits(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.inner = model

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any = None) -> Any:
            types = {} if token_type_ids is None else {"token_type_ids": token_type_ids}
            return self.inner(input_ids=input_ids, attention_mask=attention_mask, **types).logits

    return Logits().eval()


def _accepted_inputs(model: Any) -> list[str]:
    """The inputs the model's forward takes (DistilBERT and others have no token types)."""
    parameters = inspect.signature(model.forward).parameters
    return [name for name in INPUTS if name in parameters]


def export_fp32(model: Any, tokenizer: Any, target: Path) -> None:
    """The logits graph of the sequence classifier, exported by `knowledge.onnx_export.export_dynamo`."""
    import torch

    sample = tokenizer(
        ["A premise of a few words.", "Another, longer premise sentence for the sample."],
        ["A hypothesis.", "A second hypothesis here."],
        padding=True,
        return_tensors="pt",
    )
    names = _accepted_inputs(model)
    inputs = {key: sample[key] if key in sample else torch.zeros_like(sample["input_ids"]) for key in names}
    onnx_export.export_dynamo(_logits_module(model), inputs, "logits", target)


def ensure_exported(name: str, path: str, model_loader: Any, tokenizer: Any, int8: bool) -> Path:
    """The cached graph for this model (exported now if missing); `model_loader()` gives the torch model
    and is only called when an export is needed."""
    folder = export_dir(name, path)
    fp32 = folder / "model.onnx"
    if not fp32.exists():
        try:
            export_fp32(model_loader(), tokenizer, fp32)
        except ModelError:
            raise
        except Exception as exc:  # export failures are many kinds of torch errors; all mean "cannot use ONNX"
            raise ModelError(
                f"cannot export verifier model {name!r} to ONNX ({type(exc).__name__}: {exc}); "
                f"set {RUNTIME_SETTING} to 'torch'"
            ) from exc
    if not int8:
        return fp32
    quantized = folder / "model.int8.onnx"
    if not quantized.exists():
        try:
            quantize_int8(fp32, quantized)
        except Exception as exc:  # noqa: BLE001  (onnx/onnxruntime raise many types)
            raise ModelError(
                f"cannot quantize verifier model {name!r} to int8 ({type(exc).__name__}: {exc}); "
                f"set {RUNTIME_SETTING} to 'onnx' or 'torch'"
            ) from exc
    return quantized


class OnnxForward:
    """One ONNX Runtime session on the CPU: numpy token ids in, float32 logits out."""

    tensors = "np"

    def __init__(self, file: Path, threads: int | None = None, max_batch: int | None = None) -> None:
        """`max_batch=1` for the int8 graph: its activations are quantized with one scale per input tensor,
        so a pair batched with longer or louder pairs (and their padding) reads differently (up to 0.17 in
        probability); one pair per run makes a pair's probability its own."""
        self.max_batch = max_batch
        require_onnxruntime()
        self._session = onnx_export.OnnxSession(file, "logits", "verifier", RUNTIME_SETTING, threads)
        self.file = file
        self.session = self._session.session
        self.inputs = self._session.inputs

    def __call__(self, encoded: Any) -> np.ndarray:
        return self._session(encoded)
