"""The evidence sentence that best answers a question, for when the LLM's own answer is unusable.

A small model often writes nothing grounded while the retrieved evidence plainly holds the answer.
Quoting that sentence verbatim cannot hallucinate; the risk is quoting something beside the point,
so a sentence is scored by how close it is to the question (embedding cosine, as the verifier's
sentence alignment scores it, with its entity and number bonus) plus how many of the question's
content words it covers, and the caller only quotes above a threshold chosen on dev questions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from grounding.answer.prompts import evidence_body
from grounding.text.lexicon import QUOTE_STOPWORDS
from grounding.types import Evidence
from grounding.verify.alignment import align
from knowledge.embeddings import DEFAULT_EMBEDDING_MODEL

__all__ = ["COVERAGE_WEIGHT", "QUOTE_THRESHOLD", "Quote", "content_words", "coverage", "rank_quotes"]

COVERAGE_WEIGHT = 0.5
QUOTE_THRESHOLD = 0.65  # dev questions: above 99% of off-topic evidence (benchmarks/quote_threshold.py)
CANDIDATES = 5
MIN_WORDS = 4
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Quote:
    """A sentence of evidence item `item` (0-based), its offsets in that item's text, and its score."""

    item: int
    text: str
    start: int | None
    end: int | None
    score: float


def content_words(text: str) -> set[str]:
    return {w for w in (t.lower() for t in _WORD.findall(text)) if len(w) > 2 and w not in QUOTE_STOPWORDS}


def coverage(question: str, sentence: str) -> float:
    """Share of the question's content words the sentence holds (0 for a question without any)."""
    wanted = content_words(question)
    return len(wanted & {t.lower() for t in _WORD.findall(sentence)}) / len(wanted) if wanted else 0.0


def rank_quotes(
    question: str,
    evidence: Sequence[Evidence],
    model: str = DEFAULT_EMBEDDING_MODEL,
    coverage_weight: float = COVERAGE_WEIGHT,
) -> list[Quote]:
    """Whole sentences of the evidence that could answer the question, best first (at most `CANDIDATES`).

    Candidates come from `alignment.align` with the question as the claim, so the sentences
    are split and embedded exactly as the verifier does it (and their vectors come from its cache).
    Fragments of fewer than `MIN_WORDS` words (titles, list debris) are never quoted.
    """
    bodies = [evidence_body(item) for item in evidence]
    if not question.strip() or not any(b.strip() for b in bodies):
        return []
    quotes: dict[str, Quote] = {}
    for span in align([question], bodies, k=CANDIDATES, model=model).spans[0]:
        text = span.text.strip()
        if len(_WORD.findall(text)) < MIN_WORDS or text in quotes:
            continue
        at = evidence[span.passage].text.find(text)
        score = span.score + coverage_weight * coverage(question, text)
        quotes[text] = Quote(span.passage, text, at if at >= 0 else None, at + len(text) if at >= 0 else None, score)
    return sorted(quotes.values(), key=lambda q: -q.score)
