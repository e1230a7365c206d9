"""The neural entailment model: groundqa's own by default, any Hugging Face NLI model by name.

Models label their outputs differently (ENTAILMENT, entailment, SUPPORTED, consistent, LABEL_0 ...);
they are mapped once, at load time, onto entailment / neutral / contradiction so the checker
never guesses. Two-way fact-checkers (MiniCheck, HHEM) give "not supported" as neutral.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from grounding import paths
from grounding.registry import DEFAULT_VERIFIER_RUNTIME, VERIFIER_RUNTIMES
from knowledge.embeddings import pick_device
from knowledge.errors import ModelError

DEFAULT_VERIFIER_MODEL = "groundqa-nli-minilm"
BUNDLED_DIR = paths.bundled_models()
_ENTAIL = ("entail", "support", "consistent", "true", "faithful")
_CONTRA = ("contradict", "refute", "false", "hallucinat", "inconsistent")
_NEUTRAL = ("neutral", "not_entail", "not entail", "unsupported", "not_support", "not enough", "nei")


PADDING_SLACK = 1.3


def length_batches(pairs: list[tuple[str, str]], batch_size: int) -> list[list[tuple[str, str]]]:
    """Consecutive runs of length-sorted pairs, cut where padding to the longest would waste more
    than 30%: on a CPU the cross-encoder's cost is its padded tokens, so a joined three-sentence
    premise must not pad a batch of single sentences to its length."""
    batches: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    total = 0
    for pair in pairs:
        size = len(pair[0]) + len(pair[1])
        if current and (len(current) >= batch_size or (len(current) + 1) * size > PADDING_SLACK * (total + size)):
            batches.append(current)
            current, total = [], 0
        current.append(pair)
        total += size
    if current:
        batches.append(current)
    return batches


class TorchForward:
    """The torch model on its device: token ids in, float32 logits out (what training also uses)."""

    tensors = "pt"
    max_batch: int | None = None

    def __init__(self, model: Any, device: str) -> None:
        self.model = model
        self.device = device

    def __call__(self, encoded: Any) -> np.ndarray:
        import torch

        with torch.inference_mode():
            logits = self.model(**encoded.to(self.device)).logits.float()
        return logits.cpu().numpy()


def softmax(logits: np.ndarray, temperature: float) -> np.ndarray:
    scaled = logits.astype(np.float64) / temperature
    scaled -= scaled.max(axis=-1, keepdims=True)
    exp = np.exp(scaled)
    return (exp / exp.sum(axis=-1, keepdims=True)).astype(np.float32)


@dataclass
class NLIModel:
    """A loaded cross-encoder and where each of its outputs goes in (entail, neutral, contra).

    `forward` runs the network (torch, or ONNX Runtime: `grounding.verify.onnx_runtime`); everything
    around it (memo, length batches, label columns, temperature) is the same for every runtime."""

    forward: Any
    tokenizer: Any
    columns: dict[str, int | None]
    max_length: int
    device: str
    name: str
    temperature: float = 1.0
    runtime: str = "torch"
    memo_size: int = 50_000
    """Pairs whose probabilities are remembered: answers are re-checked against the same evidence
    (a batch of answers to one question, an evaluation re-run with other rules), and a pair costs
    milliseconds of CPU while a lookup costs microseconds."""
    _memo: dict[tuple[str, str], np.ndarray] = field(default_factory=dict, repr=False)

    def fits(self, premise: str, hypothesis: str) -> bool:
        """Whether the pair goes through the model whole, with nothing cut from the premise."""
        if len(premise) + len(hypothesis) > 6 * self.max_length:
            return False  # no English text packs six characters into every token; skip the tokenizer
        encoded = self.tokenizer(premise, hypothesis, truncation=False, add_special_tokens=True)
        return len(encoded["input_ids"]) <= self.max_length

    def forget(self) -> list[tuple[str, str]]:
        """Drop the remembered pairs (returned, oldest first): a benchmark measures the model, not the memo."""
        pairs = list(self._memo)
        self._memo.clear()
        return pairs

    def _encoded(self, pairs: list[tuple[str, str]], batch_size: int) -> Iterator[Any]:
        """The model's inputs, batch by batch. Pairs run one at a time (the int8 graph) are tokenized in one
        call and cut apart, so the tokenizer's per-call cost is paid once, not once per pair."""
        if batch_size == 1 and self.forward.tensors == "np" and pairs:
            encoded = self.tokenizer(
                [p for p, _ in pairs], [h for _, h in pairs], truncation="only_first", max_length=self.max_length
            )
            for i in range(len(pairs)):
                yield {key: np.asarray([values[i]], dtype=np.int64) for key, values in encoded.items()}
            return
        for batch in length_batches(pairs, batch_size):
            yield self.tokenizer(
                [p for p, _ in batch],
                [h for _, h in batch],
                truncation="only_first",
                max_length=self.max_length,
                padding=True,
                return_tensors=self.forward.tensors,
            )

    def predict(self, pairs: list[tuple[str, str]], batch_size: int = 16) -> np.ndarray:
        """Probabilities, one row per (premise, hypothesis): [entailment, neutral, contradiction]."""
        known = {pair: self._memo[pair] for pair in dict.fromkeys(pairs) if pair in self._memo}
        unique = [pair for pair in dict.fromkeys(pairs) if pair not in known]
        unique.sort(key=lambda pair: len(pair[0]) + len(pair[1]))
        batch_size = min(batch_size, self.forward.max_batch or batch_size)
        rows = [softmax(self.forward(encoded), self.temperature) for encoded in self._encoded(unique, batch_size)]
        if rows:
            probs = np.vstack(rows)
            mapped = np.zeros((len(probs), 3), dtype=np.float32)
            for slot, key in enumerate(("entailment", "neutral", "contradiction")):
                column = self.columns[key]
                if column is not None:
                    mapped[:, slot] = probs[:, column]
            if len(self._memo) + len(unique) > self.memo_size:
                self._memo.clear()
            for pair, row in zip(unique, mapped, strict=True):
                self._memo[pair] = row
                known[pair] = row
        if not pairs:
            return np.zeros((0, 3), dtype=np.float32)
        return np.vstack([known[pair] for pair in pairs]).astype(np.float32)


def resolve_verifier_path(name: str) -> str:
    """The shipped model's name maps to its folder in the package; anything else is a path or hub id."""
    if name == DEFAULT_VERIFIER_MODEL:
        path = BUNDLED_DIR / DEFAULT_VERIFIER_MODEL
        if not (path / "config.json").exists():
            raise ModelError(
                f"the bundled verifier model is missing at {path}; train it with `groundqa train-verifier` "
                "or name another model (a local folder or a Hugging Face id)"
            )
        return str(path)
    candidate = Path(name).expanduser()
    return str(candidate) if candidate.exists() else name


def label_columns(id2label: dict[int, str]) -> dict[str, int | None]:
    """Where entailment, neutral and contradiction sit among a model's outputs."""
    columns: dict[str, int | None] = {"entailment": None, "neutral": None, "contradiction": None}
    for index, raw in sorted(id2label.items()):
        name = str(raw).lower()
        if any(key in name for key in _NEUTRAL):
            columns["neutral"] = int(index)
        elif any(key in name for key in _CONTRA):
            columns["contradiction"] = int(index)
        elif any(key in name for key in _ENTAIL):
            columns["entailment"] = int(index)
    if columns["entailment"] is None:
        raise ModelError(
            f"cannot tell which output means entailment from the model's labels {dict(id2label)}; "
            "name its labels (e.g. entailment / neutral / contradiction) in config.json id2label"
        )
    return columns


def load_nli_model(
    name: str = DEFAULT_VERIFIER_MODEL,
    device: str = "auto",
    max_length: int | None = None,
    runtime: str | None = None,
) -> NLIModel:
    """Load once per process; the model is kept for every later request (see `open_nli_model`)."""
    return _shared(name, device, max_length, VERIFIER_RUNTIMES.get(runtime or DEFAULT_VERIFIER_RUNTIME).name)


@functools.lru_cache(maxsize=4)
def _shared(name: str, device: str, max_length: int | None, runtime: str) -> NLIModel:
    return open_nli_model(name, device, max_length, runtime)


def open_nli_model(
    name: str = DEFAULT_VERIFIER_MODEL,
    device: str = "auto",
    max_length: int | None = None,
    runtime: str | None = None,
) -> NLIModel:
    """A fresh load, shared with nobody (a tool that changes the model's temperature wants its own).

    `runtime` (`grounding.registry.VERIFIER_RUNTIMES`; None is the default) picks what runs the network.
    The ONNX runtimes are CPU runtimes: where the device resolves to a GPU, torch runs the model."""
    runtime = VERIFIER_RUNTIMES.get(runtime or DEFAULT_VERIFIER_RUNTIME).name
    from transformers import AutoConfig, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    path = resolve_verifier_path(name)
    chosen = pick_device(device)
    if chosen != "cpu":
        runtime = "torch"
    try:
        tokenizer = AutoTokenizer.from_pretrained(path)
        config = AutoConfig.from_pretrained(path)
    except Exception as exc:  # OSError, ValueError, hub errors: all mean "cannot load this name"
        raise ModelError(f"cannot load verifier model {name!r} (resolved to {path!r}): {exc}") from exc
    meta_path = Path(path) / "groundqa_verifier.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    limit = max_length or int(meta.get("max_length", 0)) or min(512, int(getattr(tokenizer, "model_max_length", 512)))
    temperature = float(meta.get("temperature", 1.0))
    columns = label_columns(config.id2label)
    if runtime == "torch":
        forward: Any = TorchForward(_torch_model(name, path, chosen), chosen)
    else:
        from grounding.verify import onnx_runtime

        onnx_runtime.require_onnxruntime()
        file = onnx_runtime.ensure_exported(
            name, path, lambda: _torch_model(name, path, "cpu"), tokenizer, int8=runtime == "onnx-int8"
        )
        forward = onnx_runtime.OnnxForward(file, max_batch=1 if runtime == "onnx-int8" else None)
    return NLIModel(forward, tokenizer, columns, limit, chosen, name, temperature, runtime)


def _torch_model(name: str, path: str, device: str) -> Any:
    import torch
    from transformers import AutoModelForSequenceClassification

    try:
        model = AutoModelForSequenceClassification.from_pretrained(path, dtype=torch.float32)
    except Exception as exc:  # OSError, ValueError, hub errors: all mean "cannot load this name"
        raise ModelError(f"cannot load verifier model {name!r} (resolved to {path!r}): {exc}") from exc
    return model.to(device).eval()
