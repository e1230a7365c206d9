"""Cheap scorers every detection figure is shown beside, so a shortcut cannot pass for skill.

On HaluEval QA the right answers are short spans and the hallucinated ones long sentences: answer
length alone separates them. A verifier figure means something only where it beats these on the
same items, and on the length-matched subset where length cannot help. Every baseline returns a
score per item, higher meaning "more likely hallucinated", like the verifier's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

import numpy as np

from grounding.evaluate.datasets import DetectionItem
from grounding.verify.coverage import uncovered_share
from knowledge.embeddings import DEFAULT_EMBEDDING_MODEL, embed_cached

Baseline = Callable[[Sequence[DetectionItem]], np.ndarray]


def answer_length(items: Sequence[DetectionItem]) -> np.ndarray:
    """Characters in the answer: the HaluEval QA shortcut, measured so it can be discounted."""
    return np.array([len(item.answer) for item in items], dtype=float)


def token_overlap(items: Sequence[DetectionItem]) -> np.ndarray:
    """Share of the answer's content words missing from the evidence (no evidence: 1; no content words: 0):
    the verifier's own `word_coverage` measure, alone."""
    return np.array([uncovered_share(item.answer, item.evidence) for item in items], dtype=float)


def _evidence_sentences(item: DetectionItem) -> list[str]:
    from grounding.text.sentences import split_sentences

    sentences = [p[s:e] for p in item.evidence for s, e in split_sentences(p)]
    return [s for s in sentences if s.strip()] or [p for p in item.evidence if p.strip()]


def embedding_similarity(
    items: Sequence[DetectionItem], model: str = DEFAULT_EMBEDDING_MODEL, progress: bool = False
) -> np.ndarray:
    """1 - the best cosine between the answer and any evidence sentence (no evidence: 1).

    Each distinct text is embedded once: the two answers of a HaluEval row share their evidence, and
    the verifier has usually embedded the same sentences already (`embed_cached` remembers them).
    """
    per_item = [_evidence_sentences(item) for item in items]
    texts = list(dict.fromkeys([item.answer for item in items] + [s for ss in per_item for s in ss]))
    position = {text: i for i, text in enumerate(texts)}
    vectors = embed_cached(texts, model, progress=progress)
    scores = []
    for item, sentences in zip(items, per_item, strict=True):
        if not sentences:
            scores.append(1.0)
            continue
        answer = vectors[position[item.answer]]
        cosines = vectors[[position[s] for s in sentences]] @ answer
        scores.append(float(np.clip(1.0 - cosines.max(), 0.0, 1.0)))
    return np.array(scores, dtype=float)


def always_hallucinated(items: Sequence[DetectionItem]) -> np.ndarray:
    """Flags everything: balanced accuracy 0.5, AUROC 0.5; the floor any detector must clear."""
    return np.ones(len(items), dtype=float)


LENGTH_TOLERANCE = 0.2
BASELINES: dict[str, Baseline] = {
    "answer_length": answer_length,
    "token_overlap": token_overlap,
    "embedding_similarity": embedding_similarity,
    "always_hallucinated": always_hallucinated,
}


def length_matched(items: Sequence[DetectionItem], tolerance: float = LENGTH_TOLERANCE) -> list[DetectionItem]:
    """Pairs (one right, one hallucinated answer of a row) whose lengths differ by <= `tolerance`
    of the longer one; unpaired items are left out. On these, length carries no signal."""
    by_group: dict[str, list[DetectionItem]] = defaultdict(list)
    for item in items:
        by_group[item.group or item.id].append(item)
    kept: set[str] = set()
    for group, members in by_group.items():
        right = [m for m in members if not m.hallucinated]
        wrong = [m for m in members if m.hallucinated]
        if len(right) != 1 or len(wrong) != 1:
            continue
        a, b = len(right[0].answer), len(wrong[0].answer)
        if abs(a - b) <= tolerance * max(a, b, 1):
            kept.add(group)
    return [item for item in items if (item.group or item.id) in kept]


def count_pairs(items: Sequence[DetectionItem]) -> int:
    """Groups holding exactly one right and one hallucinated answer."""
    labels: dict[str, list[bool]] = defaultdict(list)
    for item in items:
        labels[item.group or item.id].append(item.hallucinated)
    return sum(sorted(v) == [False, True] for v in labels.values())
