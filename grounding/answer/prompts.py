"""The grounded prompt: numbered evidence, answer only from it, cite it, say "I don't know" otherwise.

The default LLM is SmolLM2-135M: a long prompt with many rules dilutes the few it can follow, so
the instructions are three short sentences and each evidence item is cut to a few sentences. The
numbers the model cites are positions in the evidence list given here, which is what
`grounding.mitigate.citations` maps them back to.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage

from grounding.types import Evidence, EvidenceKind

__all__ = [
    "DONT_KNOW",
    "EXAMPLE_ANSWER",
    "SYSTEM_PROMPT",
    "build_messages",
    "build_repair_messages",
    "evidence_body",
    "format_evidence",
    "is_example_echo",
]

DONT_KNOW = "I don't know."
SYSTEM_PROMPT = (
    "Answer the question using only the numbered evidence. "
    "After each sentence, write the number of the evidence it comes from, like [1]. "
    f"If the evidence does not contain the answer, reply only: {DONT_KNOW}"
)
MAX_ITEM_CHARS = 400
# One worked example: small models copy the citation format from an example, not from a rule.
EXAMPLE_EVIDENCE = ("Paris is the capital and largest city of France.", "The Seine flows through Paris.")
EXAMPLE_QUESTION = (
    f"Evidence:\n[1] {EXAMPLE_EVIDENCE[0]}\n[2] {EXAMPLE_EVIDENCE[1]}\n\nQuestion: What is the capital of France?"
)
EXAMPLE_ANSWER = "The capital of France is Paris [1]."
_WORD = re.compile(r"[^\W_]+")
_CITATION = re.compile(r"\s*\[\d+(?:\s*,\s*\d+)*\]")
_HEADING = re.compile(r"^\s*#{1,6}\s+[^\n]*\n", re.MULTILINE)
_SENTENCE_END = re.compile(r"[.!?](?=\s)")


def _shorten(text: str, limit: int) -> str:
    """Whole sentences up to `limit` characters, so the model never reads half a fact."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    ends = [m.end() for m in _SENTENCE_END.finditer(flat) if m.end() <= limit]
    if ends:
        return flat[: ends[-1]]
    cut = flat[:limit].rsplit(" ", 1)[0]
    return cut + " ..."


def evidence_body(item: Evidence) -> str:
    """The item's text without the title heading a passage chunk starts with (the title is not a sentence)."""
    if item.kind == EvidenceKind.FACT or not item.title:
        return item.text
    return _HEADING.sub("", item.text, count=1).lstrip()


def _item_text(item: Evidence, limit: int) -> str:
    if item.kind == EvidenceKind.FACT:
        return _shorten(item.text, limit)
    body = _shorten(evidence_body(item), limit)
    return f"({item.title}) {body}" if item.title else body


def _words(text: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in _WORD.findall(_CITATION.sub("", text)))


_EXAMPLE_VOCABULARY = frozenset(w for s in (EXAMPLE_QUESTION, EXAMPLE_ANSWER) for w in _words(s))
_EXAMPLE_NAMES = frozenset(w.lower() for s in EXAMPLE_EVIDENCE for w in _WORD.findall(s) if w[0].isupper()) - {"the"}


def is_example_echo(sentence: str, question: str) -> bool:
    """Whether a sentence of the answer is the worked example copied back, not an answer.

    Small models sometimes repeat the example ("The capital of France is Paris") whatever the
    question. A sentence made only of the example's words and naming its subject is such a copy,
    reworded or not; a question about the example's own subject (France, Paris) may get the same
    words as a real answer, so there nothing is an echo.
    """
    words = set(_words(sentence))
    if not words & _EXAMPLE_NAMES or not words <= _EXAMPLE_VOCABULARY:
        return False
    return not _EXAMPLE_NAMES & set(_words(question))


def format_evidence(evidence: Sequence[Evidence], max_chars: int = MAX_ITEM_CHARS) -> str:
    """`[n] text` lines, numbered from 1 in list order; passages carry their title in brackets."""
    return "\n".join(f"[{n}] {_item_text(item, max_chars)}" for n, item in enumerate(evidence, start=1))


def build_messages(question: str, evidence: Sequence[Evidence], max_chars: int = MAX_ITEM_CHARS) -> list[BaseMessage]:
    """System instructions, one worked example, then the evidence and the question as the user turn."""
    shown = format_evidence(evidence, max_chars) if evidence else "(no evidence)"
    return [
        SystemMessage(SYSTEM_PROMPT),
        HumanMessage(EXAMPLE_QUESTION),
        AIMessage(EXAMPLE_ANSWER),
        HumanMessage(f"Evidence:\n{shown}\n\nQuestion: {question.strip()}"),
    ]


def build_repair_messages(
    question: str,
    answer: str,
    failed: Sequence[tuple[str, str]],
    evidence: Sequence[Evidence],
    max_chars: int = MAX_ITEM_CHARS,
) -> list[BaseMessage]:
    """The grounded prompt again, with the claims that failed verification and why.

    `failed` holds (claim, reason) pairs; naming the reason ("the graph says ... is Canberra")
    gives a small model the fix instead of only the fault.
    """
    problems = "\n".join(f"- {claim} ({reason})" for claim, reason in failed)
    return [
        *build_messages(question, evidence, max_chars),
        AIMessage(answer.strip()),
        HumanMessage(
            f"These statements are not supported by the evidence:\n{problems}\n"
            "Answer again using only the evidence, with citations. "
            f"If the evidence does not contain the answer, reply only: {DONT_KNOW}"
        ),
    ]
