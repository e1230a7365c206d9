"""The cross-encoder through ONNX Runtime: exported once from the torch model, cached, run on the CPU.

On a 2-core CPU the torch forward pass of a small cross-encoder is mostly framework overhead and
fp32 matrix products; ONNX Runtime's fused graph runs the same model faster, and its int8 graph
(weights quantized dynamically, activations quantized per batch) runs it at a fraction of the cost.
The export needs no network: it reads the weights the torch loader already has, and writes the graph
under `grounding.paths.cache()` in a folder keyed by the model's files, so a fresh clone exports once
on first use and a retrained model is exported anew. Files are written to a temporary name and
moved into place, so a process that dies mid-export, or two that export at once, leave no half file.
"""

from __future__ import annotations

import contextlib
import hashlib
import inspect
import io
import json
import logging
import os
import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from grounding import paths
from knowledge.errors import ModelError

RUNTIME_SETTING = "verifier_runtime (GROUNDQA_VERIFIER_RUNTIME, --runtime)"
EXPORT_FORMAT = 1
"""Bumped when the exported graph changes shape (inputs, outputs, opset), so old caches are not read."""
INPUTS = ("input_ids", "attention_mask", "token_type_ids")
_WEIGHT_FILES = ("config.json", "model.safetensors", "pytorch_model.bin", "model.safetensors.index.json")


def require_onnxruntime() -> Any:
    """The onnxruntime module, or a ModelError that names the setting which asked for it."""
    try:
        import onnxruntime
    except ImportError as exc:
        raise ModelError(
            f"the verifier runtime is ONNX but onnxruntime is not installed ({exc}); "
            f"`pip install onnxruntime onnx onnxscript`, or set {RUNTIME_SETTING} to 'torch'"
        ) from exc
    return onnxruntime


def model_folder(name: str, path: str) -> Path | None:
    """The folder holding the model's files: the path itself, or the hub cache's snapshot of an id."""
    if Path(path).is_dir():
        return Path(path)
    try:
        from huggingface_hub import try_to_load_from_cache

        found = try_to_load_from_cache(name, "config.json")
    except Exception:  # noqa: BLE001  (a malformed id: no snapshot to key on)
        return None
    return Path(found).parent if isinstance(found, str) else None


def cache_key(name: str, path: str) -> str:
    """Identity of the model's weights: where they are, and each weight file's size and mtime."""
    import torch

    folder = model_folder(name, path)
    identity: dict[str, Any] = {"format": EXPORT_FORMAT, "torch": torch.__version__}
    if folder is None:
        identity["name"] = name
    else:
        identity["folder"] = str(folder.resolve())
        for file in _WEIGHT_FILES:
            candidate = folder / file
            if candidate.exists():
                stat = candidate.resolve().stat()
                identity[file] = [stat.st_size, stat.st_mtime_ns]
    digest = hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()[:16]
    stem = (folder.name if folder is not None else name.replace("/", "--"))[:60]
    return f"{stem}-{digest}"


def export_dir(name: str, path: str) -> Path:
    return paths.cache() / "onnx" / cache_key(name, path)


@contextlib.contextmanager
def _quietly() -> Iterator[None]:
    """The exporter and the quantizer print progress and advice to stdout and the log; a CLI's JSON
    output and a server's log are no place for it (failures still raise)."""
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        logging.disable(logging.WARNING)
        try:
            yield
        finally:
            logging.disable(logging.NOTSET)


def _replace_atomically(target: Path, write: Any) -> None:
    """`write(tmp_path)` then move the file into place; the temporary file never outlives a failure."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    try:
        write(Path(name))
        os.chmod(name, 0o644)
        os.replace(name, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name)


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
    """Export with `torch.export` (the dynamo exporter, torch's default): batch and sequence stay
    dynamic. The legacy TorchScript tracer is avoided on purpose: its graph of the bundled model gave
    probabilities up to 0.97 off the torch model's for batches shaped unlike the sample."""
    import torch

    sample = tokenizer(
        ["A premise of a few words.", "Another, longer premise sentence for the sample."],
        ["A hypothesis.", "A second hypothesis here."],
        padding=True,
        return_tensors="pt",
    )
    names = _accepted_inputs(model)
    inputs = {key: sample[key] if key in sample else torch.zeros_like(sample["input_ids"]) for key in names}
    batch = torch.export.Dim("batch", min=1, max=4096)
    sequence = torch.export.Dim("sequence", min=1, max=4096)
    wrapped = _logits_module(model)

    def write(tmp: Path) -> None:
        with _quietly():
            program = torch.onnx.export(
                wrapped,
                (),
                kwargs=inputs,
                input_names=names,
                output_names=["logits"],
                dynamic_shapes={key: {0: batch, 1: sequence} for key in names},
                dynamo=True,
                verbose=False,
            )
            program.save(str(tmp), external_data=False)

    _replace_atomically(target, write)


def quantize_int8(source: Path, target: Path) -> None:
    """Dynamic int8 quantization of the weights (MatMul, Gather ...), activations quantized per batch.
    The exporter's stored intermediate shapes are dropped first: ONNX shape inference, which the
    quantizer runs, disagrees with a few of them and refuses the model otherwise."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    def write(tmp: Path) -> None:
        graph = onnx.load(str(source))
        del graph.graph.value_info[:]
        with tempfile.TemporaryDirectory(dir=target.parent) as scratch:
            plain = Path(scratch) / "plain.onnx"
            onnx.save(graph, str(plain))
            with _quietly():
                quantize_dynamic(str(plain), str(tmp), weight_type=QuantType.QInt8, per_channel=True)

    _replace_atomically(target, write)


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


def cpu_threads() -> int:
    """Threads for one inference: the cores this process may use, at most four (a small model on a
    busy machine gains nothing from more, and loses to contention)."""
    try:
        available = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        available = os.cpu_count() or 1
    return max(1, min(4, available))


class OnnxForward:
    """One ONNX Runtime session on the CPU: numpy token ids in, float32 logits out."""

    tensors = "np"

    def __init__(self, file: Path, threads: int | None = None, max_batch: int | None = None) -> None:
        """`max_batch=1` for the int8 graph: its activations are quantized with one scale per input tensor,
        so a pair batched with longer or louder pairs (and their padding) reads differently (up to 0.17 in
        probability); one pair per run makes a pair's probability its own."""
        self.max_batch = max_batch
        runtime = require_onnxruntime()
        options = runtime.SessionOptions()
        options.intra_op_num_threads = threads or cpu_threads()
        options.inter_op_num_threads = 1
        options.graph_optimization_level = runtime.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.file = file
        self.session = runtime.InferenceSession(str(file), options, providers=["CPUExecutionProvider"])
        self.inputs = [i.name for i in self.session.get_inputs()]

    def __call__(self, encoded: Any) -> np.ndarray:
        ids = np.asarray(encoded["input_ids"], dtype=np.int64)
        feed = {
            key: np.asarray(encoded[key], dtype=np.int64) if key in encoded else np.zeros_like(ids)
            for key in self.inputs
        }
        return np.asarray(self.session.run(["logits"], feed)[0], dtype=np.float32)
