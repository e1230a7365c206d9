"""What a verification run may tune: which checkers and rules run, and their thresholds."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, field_validator

from grounding.registry import RULES
from grounding.verify.rules.novelty import NOVELTY_DISCOUNT


class VerifierOptions(BaseModel):
    use_graph: bool = True
    use_entailment: bool = True
    use_llm: bool = False
    support_threshold: float = Field(default=0.5, ge=0.0, le=1.0)
    contradiction_threshold: float = Field(default=0.5, ge=0.0, le=1.0)
    evidence_sentences: int = Field(default=3, ge=1, le=10)
    novelty_discount: float = Field(
        default=NOVELTY_DISCOUNT,
        ge=0.0,
        le=1.0,
        description="P(entailment) factor where the evidence lacks a name or number the claim states.",
    )
    reading: Literal["joined", "aligned", "windows"] = Field(
        default="joined",
        description="How claims read the evidence: their few aligned sentences read together (the default: "
        "whole-dev-halves mean AUROC 0.7637), each also alone (0.7585), or also windows of consecutive "
        "sentences that fill the model's input (0.7645, twice the time per answer).",
    )
    max_windows: int = Field(default=3, ge=1, le=32, description="Windows per claim when the evidence has more.")
    rules: tuple[str, ...] = Field(
        default=RULES.defaults(),
        description="Rules and steps switched on, by name (see `grounding.registry.RULES`).",
    )
    retrieve_k: int = Field(default=5, ge=1, le=100, description="Evidence items per claim when retrieving.")
    llm_max_calls: int = Field(default=5, ge=0)
    llm_max_seconds: float = Field(default=30.0, ge=0.0)

    @field_validator("rules")
    @classmethod
    def _known_rules(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(RULES.check(value)))

    def without(self, *rules: str) -> VerifierOptions:
        """A copy with these rules switched off (for ablations)."""
        return self.model_copy(update={"rules": tuple(r for r in self.rules if r not in rules)})
