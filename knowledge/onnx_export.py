"""Model-agnostic ONNX machinery: export a torch module once, cache it by the model's files, run it on the CPU.

On a 2-core CPU the torch forward pass of a small transformer is mostly framework overhead; ONNX
Runtime's fused graph runs the same model, with the same float32 results, in a fraction of the time.
The export needs no network: it reads the weights the torch loader already has, and writes the graph
under `knowledge.cache.cache_root()/onnx` in a folder keyed by the model's files, so a fresh clone
exports once on first use and a retrained model is exported anew. Files are written to a temporary
name and moved into place, so a process that dies mid-export, or two that export at once, leave no
half file. The model-specific parts (which module to export, which setting to name in errors) live
with their users: `knowledge.embeddings` and `grounding.verify.onnx_runtime`.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import logging
import os
import tempfile
import warnings
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from knowledge.cache import cache_root
from knowledge.errors import ModelError

WEIGHT_FILES = ("config.json", "model.safetensors", "pytorch_model.bin", "model.safetensors.index.json")


def require_onnxruntime(what: str, setting: str) -> Any:
    """The onnxruntime module, or a ModelError that names the setting which asked for it."""
    try:
        import onnxruntime
    except ImportError as exc:
        raise ModelError(
            f"the {what} runtime is ONNX but onnxruntime is not installed ({exc}); "
            f"`pip install onnxruntime onnx onnxscript`, or set {setting} to 'torch'"
        ) from exc
    return onnxruntime


def onnx_cache() -> Path:
    return cache_root() / "onnx"


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


def cache_key(
    name: str,
    path: str,
    export_format: int,
    files: Iterable[str] = WEIGHT_FILES,
    stem: str | None = None,
) -> str:
    """Identity of the model's weights: where they are, each listed file's size and mtime, the torch
    version that exports and the caller's export format (bumped when the graph's inputs or outputs change)."""
    import torch

    folder = model_folder(name, path)
    identity: dict[str, Any] = {"format": export_format, "torch": torch.__version__}
    if folder is None:
        identity["name"] = name
    else:
        identity["folder"] = str(folder.resolve())
        for file in files:
            candidate = folder / file
            if candidate.exists():
                stat = candidate.resolve().stat()
                identity[file] = [stat.st_size, stat.st_mtime_ns]
    digest = hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()[:16]
    readable = stem or (folder.name if folder is not None else name.replace("/", "--"))
    return f"{readable[:60]}-{digest}"


@contextlib.contextmanager
def quietly() -> Iterator[None]:
    """The exporter and the quantizer print progress and advice to stdout and the log; a CLI's JSON
    output and a server's log are no place for it (failures still raise)."""
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        logging.disable(logging.WARNING)
        try:
            yield
        finally:
            logging.disable(logging.NOTSET)


def replace_atomically(target: Path, write: Callable[[Path], None]) -> None:
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


def export_dynamo(module: Any, inputs: dict[str, Any], output: str, target: Path) -> None:
    """Export `module(**inputs)` with `torch.export` (the dynamo exporter), batch and sequence dynamic,
    one output named `output`. The legacy TorchScript tracer is avoided on purpose: its graph of the
    bundled cross-encoder gave probabilities up to 0.97 off the torch model's for batches shaped unlike
    the sample."""
    import torch

    batch = torch.export.Dim("batch", min=1, max=4096)
    sequence = torch.export.Dim("sequence", min=1, max=4096)
    names = list(inputs)

    def write(tmp: Path) -> None:
        with quietly():
            program = torch.onnx.export(
                module,
                (),
                kwargs=inputs,
                input_names=names,
                output_names=[output],
                dynamic_shapes={key: {0: batch, 1: sequence} for key in names},
                dynamo=True,
                verbose=False,
            )
            program.save(str(tmp), external_data=False)

    replace_atomically(target, write)


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
            with quietly():
                quantize_dynamic(str(plain), str(tmp), weight_type=QuantType.QInt8, per_channel=True)

    replace_atomically(target, write)


def cpu_threads() -> int:
    """Threads for one inference: the cores this process may use, at most four (a small model on a
    busy machine gains nothing from more, and loses to contention)."""
    try:
        available = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        available = os.cpu_count() or 1
    return max(1, min(4, available))


class OnnxSession:
    """One ONNX Runtime session on the CPU: integer token tensors in, one float32 output out.
    Inputs the graph takes but the caller lacks (token types of a single text) are zeros."""

    def __init__(self, file: Path, output: str, what: str, setting: str, threads: int | None = None) -> None:
        runtime = require_onnxruntime(what, setting)
        options = runtime.SessionOptions()
        options.intra_op_num_threads = threads or cpu_threads()
        options.inter_op_num_threads = 1
        options.graph_optimization_level = runtime.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.file = file
        self.output = output
        self.session = runtime.InferenceSession(str(file), options, providers=["CPUExecutionProvider"])
        self.inputs = [i.name for i in self.session.get_inputs()]

    def __call__(self, encoded: Any) -> np.ndarray:
        ids = np.asarray(encoded["input_ids"], dtype=np.int64)
        feed = {
            key: np.asarray(encoded[key], dtype=np.int64) if key in encoded else np.zeros_like(ids)
            for key in self.inputs
        }
        return np.asarray(self.session.run([self.output], feed)[0], dtype=np.float32)
