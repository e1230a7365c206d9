"""A name one word or letter off the evidence's name: the claim is never supported by that evidence."""

from __future__ import annotations

from grounding.text.near_miss import near_miss_names
from grounding.types import Effect, RuleFinding


class NearMissRule:
    name = "near_miss"

    def check(self, claim: str, evidence: str) -> list[RuleFinding]:
        return [
            RuleFinding(
                rule=self.name,
                effect=Effect.BLOCKS_SUPPORT,
                detail=f"The evidence names {known!r}, not {claimed!r}.",
            )
            for claimed, known in near_miss_names(claim, evidence)
        ]
