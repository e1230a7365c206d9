"""How much of an answer its evidence never says: the answer's content words that no evidence text uses.

The entailment model reads each claim against a few aligned sentences, and a fluent sentence that
restates the evidence's frame talks it round; what it misses most on the broad dev suite is the
summary or reply that brings in words its documents never use (a cause, a name, an event, a number).
Word coverage sees exactly that, and sees it everywhere: on the suite's dev halves it is a positive
signal on every set but HaluEval dialogue, where the invented replies copy the knowledge more than
the human ones do. The answer's score scales the model's risk by the uncovered share
(`coverage_scale`, the `word_coverage` step): a reply the evidence words throughout is rarely invented,
however the model reads its phrasing. Verdicts per claim are the model's and the rules' alone, an
exact finding (a rule's contradiction, a blocked name) is never scaled, and the uncovered words are
listed in the report, so a reader sees what the evidence never said.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from grounding.text.lexicon import content_words

if TYPE_CHECKING:
    from grounding.types import VerificationReport

COVERAGE_SMOOTHING = 0.02
COVERAGE_EXPONENT = 0.5


def coverage_scale(share: float) -> float:
    """The part of the model's risk an answer keeps, given the share of its words no evidence uses.

    An answer whose every word the evidence uses keeps about a seventh of it (the model's doubts about a
    copied sentence are mostly about its wording); one the evidence never words keeps all of it. The form
    (the square root of the smoothed share) was chosen on the dev halves of the broad dev suite (150 items
    per set, 75 rows per HaluEval set), against adding the share to the score: mean AUROC 0.758 against
    0.745, with HaluEval dialogue, where copying the knowledge marks the invented replies, at 0.904
    against 0.899. docs/evaluation.md, "Word coverage", has the grid and the command."""
    return ((share + COVERAGE_SMOOTHING) / (1.0 + COVERAGE_SMOOTHING)) ** COVERAGE_EXPONENT


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
