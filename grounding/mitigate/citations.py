"""Citations in an answer: `[n]`, `[n, m]`, `[n][m]` after a sentence, pointing into the evidence list.

The verifier and the reader need the answer without the markers, the mitigation needs to know
which sentence cited what, and a citation is only worth showing when the passage it names really
supports the sentence. So the answer is parsed once into clean text plus per-sentence citations,
can be rendered back with markers after any edit, and each sentence can be checked against
exactly the evidence it cites.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from grounding.types import CitationCheck, CitedSentence, Evidence, Verdict
from grounding.verify.claims import segment_answer

if TYPE_CHECKING:
    from grounding.verify.verifier import Verifier

__all__ = [
    "CitationCheck",
    "CitationMarker",
    "CitedAnswer",
    "CitedSentence",
    "check_citations",
    "citation_inserts",
    "cited_evidence",
    "find_citations",
    "parse_answer",
    "render_answer",
    "strip_citations",
]

_MARKER = re.compile(r"\[\s*\d{1,3}(?:\s*[-–]\s*\d{1,3})?(?:\s*[,;]\s*\d{1,3}(?:\s*[-–]\s*\d{1,3})?)*\s*\]")
_RANGE = re.compile(r"(\d+)(?:\s*[-–]\s*(\d+))?")
_CLOSING = set(".,;:!?)]}\"'”’»")
_TERMINAL = re.compile(r"[.!?…]+[\"'”’»)\]]*\s*$")
MAX_RANGE = 20  # "[1-500]" is no citation anyone meant; it stays two numbers


class CitationMarker(BaseModel):
    """One bracket in the raw answer and the evidence numbers it names (ranges expanded)."""

    start: int
    end: int
    numbers: list[int]


class CitedAnswer(BaseModel):
    """An answer split into its clean text and the citations of each sentence."""

    raw: str
    text: str = Field(description="The answer without citation markers: what is verified and shown.")
    sentences: list[CitedSentence] = Field(default_factory=list)

    @property
    def cited_numbers(self) -> list[int]:
        return sorted({n for s in self.sentences for n in s.citations})


def _numbers(marker: str) -> list[int]:
    numbers: list[int] = []
    for match in _RANGE.finditer(marker):
        first = int(match.group(1))
        last = int(match.group(2)) if match.group(2) else first
        span = range(first, last + 1) if first <= last and last - first < MAX_RANGE else (first, last)
        numbers.extend(n for n in span if n not in numbers)
    return numbers


def find_citations(text: str) -> list[CitationMarker]:
    """Every citation bracket in the text; brackets holding anything but numbers are left alone."""
    return [CitationMarker(start=m.start(), end=m.end(), numbers=_numbers(m.group())) for m in _MARKER.finditer(text)]


def _groups(text: str, markers: list[CitationMarker]) -> list[tuple[int, int, list[int]]]:
    """Runs of markers with only whitespace between them ("[1] [2]") as one (start, end, numbers)."""
    groups: list[tuple[int, int, list[int]]] = []
    for marker in markers:
        if groups and not text[groups[-1][1] : marker.start].strip():
            start, _, numbers = groups[-1]
            groups[-1] = (start, marker.end, numbers + [n for n in marker.numbers if n not in numbers])
        else:
            groups.append((marker.start, marker.end, list(marker.numbers)))
    return groups


def _strip(text: str) -> tuple[str, list[tuple[int, list[int]]]]:
    """The text without markers, and where in it each marker group stood.

    A group takes the whitespace before it along ("capital [1]." -> "capital."), unless that would
    glue two words together; a group at the very start takes the whitespace after it instead.
    """
    out: list[str] = []
    places: list[tuple[int, list[int]]] = []
    cursor = 0
    length = 0
    for start, end, numbers in _groups(text, find_citations(text)):
        left = start
        while left > cursor and text[left - 1].isspace():
            left -= 1
        kept = text[cursor:left]
        out.append(kept)
        length += len(kept)
        after = text[end] if end < len(text) else ""
        if left == 0:
            while end < len(text) and text[end].isspace():
                end += 1
            glue = ""
        elif not after or after.isspace() or after in _CLOSING:
            glue = ""
        else:
            glue = text[left:start] or (" " if text[left - 1].isalnum() else "")
        places.append((length, numbers))
        out.append(glue)
        length += len(glue)
        cursor = end
    out.append(text[cursor:])
    return "".join(out), places


def strip_citations(text: str) -> str:
    """The answer as a reader or the verifier should see it: every citation marker removed."""
    return _strip(text)[0]


def parse_answer(raw: str) -> CitedAnswer:
    """Clean text plus, for each sentence, the evidence numbers cited in or right after it.

    A marker belongs to the sentence it ends: "Canberra is the capital. [1] It ..." cites [1] for
    the first sentence, as people write it. A marker before any sentence goes to the first one.
    """
    text, places = _strip(raw)
    spans = segment_answer(text) if text.strip() else []
    sentences = [
        CitedSentence(index=i, start=start, end=end, text=text[start:end]) for i, (start, end) in enumerate(spans)
    ]
    starts = [s.start for s in sentences]
    for position, numbers in places:
        if not sentences:
            break
        owner = max(0, bisect.bisect_left(starts, position) - 1)
        citations = sentences[owner].citations
        citations.extend(n for n in numbers if n not in citations)
    return CitedAnswer(raw=raw, text=text, sentences=sentences)


def citation_inserts(text: str, sentences: Sequence[CitedSentence]) -> list[tuple[int, str]]:
    """Where each sentence's marker goes in the clean text: before its final punctuation."""
    inserts: list[tuple[int, str]] = []
    for sentence in sentences:
        if not sentence.citations:
            continue
        body = text[sentence.start : sentence.end]
        terminal = _TERMINAL.search(body)
        at = sentence.start + (terminal.start() if terminal else len(body.rstrip()))
        inserts.append((at, " [" + ", ".join(str(n) for n in sentence.citations) + "]"))
    return inserts


def render_answer(text: str, sentences: Sequence[CitedSentence]) -> str:
    """Clean text with each sentence's citations written back, e.g. "Canberra is the capital [1]."."""
    out = text
    for at, marker in sorted(citation_inserts(text, sentences), reverse=True):
        out = out[:at] + marker + out[at:]
    return out


def cited_evidence(numbers: Sequence[int], evidence: Sequence[Evidence]) -> tuple[list[Evidence], list[int]]:
    """The evidence items the numbers name, and the numbers that name none."""
    found = [evidence[n - 1] for n in numbers if 1 <= n <= len(evidence)]
    unknown = [n for n in numbers if not 1 <= n <= len(evidence)]
    return found, unknown


def check_citations(
    verifier: Verifier,
    answer: CitedAnswer,
    evidence: Sequence[Evidence],
    question: str | None = None,
) -> list[CitationCheck]:
    """For each sentence: does the evidence it cites entail it?

    Only the entailment checker runs, on exactly the cited items: a sentence the graph knows to be
    true still has a bad citation when the passage it names says something else. All sentences go
    through the verifier in one batch.
    """
    from grounding.verify.verifier import VerifyItem

    checks: dict[int, CitationCheck] = {}
    items: list[tuple[CitedSentence, VerifyItem]] = []
    for sentence in answer.sentences:
        found, unknown = cited_evidence(sentence.citations, evidence)
        if not sentence.citations:
            checks[sentence.index] = CitationCheck(
                sentence=sentence.index, text=sentence.text, cited=[], valid=None, reason="Cites no evidence."
            )
        elif not found:
            checks[sentence.index] = CitationCheck(
                sentence=sentence.index,
                text=sentence.text,
                cited=sentence.citations,
                unknown=unknown,
                valid=False,
                reason=f"Cites {_listed(unknown)}, which name no evidence item.",
            )
        else:
            items.append((sentence, VerifyItem(answer=sentence.text, question=question, evidence=found)))
    if items:
        options = verifier.options.model_copy(update={"use_graph": False, "use_llm": False, "use_entailment": True})
        reports = verifier.verify_many([item for _, item in items], options)
        for (sentence, _), report in zip(items, reports, strict=True):
            _, unknown = cited_evidence(sentence.citations, evidence)
            verdicts = [c.verdict for c in report.claims]
            if not verdicts:
                valid, reason = None, "States nothing to check."
            elif unknown:
                valid, reason = False, f"Cites {_listed(unknown)}, which name no evidence item."
            elif all(v == Verdict.SUPPORTED for v in verdicts):
                valid, reason = True, "The cited evidence entails every claim of the sentence."
            else:
                failing = next(c for c in report.claims if c.verdict != Verdict.SUPPORTED)
                valid, reason = False, f"The cited evidence does not support {failing.claim.text!r}: {failing.reason}"
            checks[sentence.index] = CitationCheck(
                sentence=sentence.index,
                text=sentence.text,
                cited=sentence.citations,
                unknown=unknown,
                valid=valid,
                verdicts=verdicts,
                reason=reason,
            )
    return [checks[s.index] for s in answer.sentences]


def _listed(numbers: Sequence[int]) -> str:
    return ", ".join(f"[{n}]" for n in numbers)
