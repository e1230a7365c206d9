"""How much of an answer its evidence never says: the answer's content words that no evidence text uses.

The entailment model reads each claim against a few aligned sentences, and a fluent sentence that
restates the evidence's frame talks it round; what it misses most on the broad dev suite is the
summary or reply that brings in words its documents never use (a cause, a name, an event, a number).
Word coverage sees exactly that, and sees it everywhere: on the suite's dev halves it is a positive
signal on every set but HaluEval dialogue, where the invented replies copy the knowledge more than
the human ones do. The answer's score blends the model's judgement with the uncovered share
(`COVERAGE_WEIGHT`, the `word_coverage` step); verdicts per claim are the model's and the rules' alone,
and the uncovered words are listed in the report, so a reader sees what the evidence never said.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from grounding.text.lexicon import content_words

if TYPE_CHECKING:
    from grounding.types import VerificationReport

COVERAGE_WEIGHT = 0.3
"""Share of the answer's hallucination score that is its uncovered share of content words.

Chosen on the dev halves of the broad dev suite (150 items per set, 75 rows per HaluEval set): the
mean AUROC rises with the weight (0.722 without, 0.745 at 0.3, 0.751 at 0.4) while HaluEval dialogue,
where copying the knowledge marks the invented replies, falls (0.923, 0.899, 0.882); 0.3 is the largest
step of 0.05 that keeps that set near the 0.90 at which its 80% balanced-accuracy target held.
docs/evaluation.md, "Word coverage", has the table and the command."""


def uncovered(answer: str, evidence: Iterable[str]) -> tuple[float, list[str]]:
    """The share of the answer's content words missing from the evidence (1 with no evidence, 0 with no
    content word) and those words, each once, in order: both from one pass over the texts."""
    texts = [text for text in evidence if text and text.strip()]
    words = content_words(answer)
    found = {word for text in texts for word in content_words(text)}
    missing = [word for word in words if word not in found]
    share = 1.0 if not texts else len(missing) / len(words) if words else 0.0
    return share, list(dict.fromkeys(missing))


def uncovered_words(answer: str, evidence: Iterable[str]) -> list[str]:
    """The answer's content words that no evidence text contains, each once, in order."""
    return uncovered(answer, evidence)[1]


def uncovered_share(answer: str, evidence: Iterable[str]) -> float:
    """Share of the answer's content words missing from the evidence: 1 with no evidence, 0 with no content word."""
    return uncovered(answer, evidence)[0]


def recount(report: VerificationReport, text: str) -> tuple[float | None, list[str]]:
    """The uncovered share and words of `text` (an edit of the report's answer) against the report's
    evidence, where the report counted them; (None, []) where its verifier had the step off."""
    if report.uncovered_share is None:
        return None, []
    return uncovered(text, [e.text for e in report.evidence])
