"""How far an answer is in meaning from its evidence: the mean, over its claims, of one minus the best
cosine between the claim and any evidence sentence (the `similarity` step).

The entailment model is sure of a fluent claim that restates the evidence's frame, and doubts a copied
sentence whose wording it reads oddly; a claim that sits near nothing the evidence says is what it
misses. The claim and sentence vectors are the ones alignment already computed, so the measure costs
nothing. On the broad dev suite's dev halves (150 items per set, 75 rows per HaluEval set) the distance
alone is a positive signal on every set but the HaluEval ones (mean AUROC 0.681), and blending 30% of
it into the answer's score lifts the mean from 0.759 to 0.783 (20%: 0.781, 40%: 0.781; the whole
answer's distance, as the embedding-similarity baseline measures it: 0.778; the farthest claim's:
0.775); on the test halves, measured once after the choice, 0.751 -> 0.775. HaluEval pays for it (dialogue
AUROC 0.917 -> 0.896, where the invented replies copy the knowledge closer than the human ones): the
trade is argued in docs/evaluation.md, "Meaning distance" and "Dialogue". Verdicts per claim do not
change: only the answer's score moves, and the report gives the distance.
"""

from __future__ import annotations

from collections.abc import Iterable

SIMILARITY_WEIGHT = 0.3


def mean_distance(distances: Iterable[float]) -> float | None:
    """The answer's distance from its evidence: the mean over the claims measured, None where none was."""
    values = list(distances)
    return sum(values) / len(values) if values else None


def blend_distance(risk: float, distance: float) -> float:
    """The answer's score with its distance from the evidence blended in."""
    return (1.0 - SIMILARITY_WEIGHT) * risk + SIMILARITY_WEIGHT * distance
