"""Training data and the training loop of groundqa's neural claim verifier.

Every pair, whatever its origin, carries its source set and licence so that the model card can
list them and `licenses="permissive"` can keep the shipped weights free of NC or unlicensed data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Label = Literal["entailment", "neutral", "contradiction"]
LABELS: tuple[Label, ...] = ("entailment", "neutral", "contradiction")


@dataclass(frozen=True, slots=True)
class Pair:
    """One training or evaluation example for the 3-way verifier."""

    premise: str
    hypothesis: str
    label: Label
    source: str
    licence: str
    permissive: bool = True


@dataclass
class TrainingData:
    """Pairs to learn from and held-out pairs per source, with what each source contributed."""

    train: list[Pair]
    dev: dict[str, list[Pair]]
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
