"""The neural entailment model: groundqa's own by default, any Hugging Face NLI model by name.

Models label their outputs differently (ENTAILMENT, entailment, SUPPORTED, consistent, LABEL_0 ...);
they are mapped once, at load time, onto entailment / neutral / contradiction so the checker
never guesses. Two-way fact-checkers (MiniCheck, HHEM) give "not supported" as neutral.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from grounding import paths
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


@dataclass
class NLIModel:
    """A loaded cross-encoder and where each of its outputs goes in (entail, neutral, contra)."""

    model: object
    tokenizer: object
    columns: dict[str, int | None]
    max_length: int
    device: str
    name: str
    temperature: float = 1.0
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

    def predict(self, pairs: list[tuple[str, str]], batch_size: int = 16) -> np.ndarray:
        """Probabilities, one row per (premise, hypothesis): [entailment, neutral, contradiction]."""
        import torch

        known = {pair: self._memo[pair] for pair in dict.fromkeys(pairs) if pair in self._memo}
        unique = [pair for pair in dict.fromkeys(pairs) if pair not in known]
        unique.sort(key=lambda pair: len(pair[0]) + len(pair[1]))
        rows = []
        for batch in length_batches(unique, batch_size):
            encoded = self.tokenizer(
                [p for p, _ in batch],
                [h for _, h in batch],
                truncation="only_first",
                max_length=self.max_length,
                padding=True,
                return_tensors="pt",
            ).to(self.device)
            with torch.inference_mode():
                logits = self.model(**encoded).logits.float()
            rows.append(torch.softmax(logits / self.temperature, dim=-1).cpu().numpy())
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


@functools.lru_cache(maxsize=4)
def load_nli_model(name: str = DEFAULT_VERIFIER_MODEL, device: str = "auto", max_length: int | None = None) -> NLIModel:
    """Load once per process; the model is kept for every later request."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()

    path = resolve_verifier_path(name)
    try:
        tokenizer = AutoTokenizer.from_pretrained(path)
        model = AutoModelForSequenceClassification.from_pretrained(path, dtype=torch.float32)
    except Exception as exc:  # OSError, ValueError, hub errors: all mean "cannot load this name"
        raise ModelError(f"cannot load verifier model {name!r} (resolved to {path!r}): {exc}") from exc
    chosen = pick_device(device)
    model.to(chosen).eval()
    meta_path = Path(path) / "groundqa_verifier.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    limit = max_length or int(meta.get("max_length", 0)) or min(512, int(getattr(tokenizer, "model_max_length", 512)))
    temperature = float(meta.get("temperature", 1.0))
    return NLIModel(model, tokenizer, label_columns(model.config.id2label), limit, chosen, name, temperature)
