"""How right a generated answer is, and whether a verification report calls it a hallucination.

Answer accuracy follows the SQuAD convention (lower case, no punctuation, no articles, single
spaces) so that "The Eiffel Tower." matches the gold "Eiffel Tower": `contains_gold` asks whether
a normalised gold answer occurs in the normalised answer on word boundaries, `token_f1` is the
bag-of-words F1 against the best-matching gold answer. An abstention is never right.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

_ARTICLES = re.compile(r"\b(a|an|the)\b")
_PUNCTUATION = str.maketrans(dict.fromkeys(string.punctuation + "‘’“”–—", " "))
_CITATION = re.compile(r"\s*\[\d+(?:\s*,\s*\d+)*\]")
FAILING = frozenset({"contradicted", "unverifiable"})


def normalize_answer(text: str) -> str:
    text = _CITATION.sub("", text).lower().translate(_PUNCTUATION)
    return " ".join(_ARTICLES.sub(" ", text).split())


def contains_gold(answer: str, gold: Iterable[str]) -> bool:
    """Some gold answer, normalised, occurs in the normalised answer as whole words."""
    padded = f" {normalize_answer(answer)} "
    return any(g and f" {g} " in padded for g in (normalize_answer(x) for x in gold))


def token_f1(answer: str, gold: Iterable[str]) -> float:
    """Best bag-of-words F1 between the answer and one gold answer (0 when either is empty)."""
    predicted = normalize_answer(answer).split()
    best = 0.0
    for reference in gold:
        expected = normalize_answer(reference).split()
        common = sum((Counter(predicted) & Counter(expected)).values())
        if common:
            precision, recall = common / len(predicted), common / len(expected)
            best = max(best, 2 * precision * recall / (precision + recall))
    return best


def verdict_counts(report: Mapping[str, Any] | Any) -> dict[str, int]:
    """{verdict: count} from a VerificationReport or its JSON form."""
    counts = report.get("counts") if isinstance(report, Mapping) else report.counts
    return {str(k): int(v) for k, v in (counts or {}).items()}


def is_hallucinated(report: Mapping[str, Any] | Any) -> bool:
    """At least one claim contradicted or unverifiable: an ungrounded claim is one the reader cannot trust."""
    return any(count > 0 for verdict, count in verdict_counts(report).items() if verdict in FAILING)
