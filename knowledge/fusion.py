"""Rank fusion: one list from several rankings that do not share a score scale."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


def weighted_rrf(rankings: Sequence[tuple[Sequence[K], float]], k: int = 60) -> list[tuple[K, float]]:
    """Weighted reciprocal rank fusion (Cormack et al. 2009): sum of weight / (k + rank).

    Scores of a dense retriever and of graph matching are incomparable; ranks are not. A key
    ranked by several lists rises above one ranked by a single list.
    """
    fused: dict[K, float] = {}
    for ranking, weight in rankings:
        if weight <= 0:
            continue
        for rank, key in enumerate(ranking, start=1):
            fused[key] = fused.get(key, 0.0) + weight / (k + rank)
    return sorted(fused.items(), key=lambda item: item[1], reverse=True)
