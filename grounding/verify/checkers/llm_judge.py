"""The optional LLM judge: asked only about claims the graph and the NLI model left uncertain.

Any LangChain chat model works (an OpenAI-compatible endpoint through langchain-openai, a local
model, a fake in tests). A reply that cannot be parsed never turns into "supported": the claim
keeps its earlier verdict, so the judge fails closed.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from grounding.types import Citation, ClaimVerdict, Evidence, Method, Verdict
from grounding.verify.checkers.base import AnswerUnderCheck
from grounding.verify.options import VerifierOptions

SYSTEM_PROMPT = (
    "You check one claim against evidence. Answer with JSON only: "
    '{"verdict": "supported" | "contradicted" | "unverifiable", "evidence": [numbers], "reason": "one sentence"}. '
    "supported: the evidence states or directly implies the claim. contradicted: the evidence states "
    "something incompatible with it. unverifiable: the evidence says neither. Use no outside knowledge."
)
UNCERTAIN_BELOW = 0.75
_JSON = re.compile(r"\{.*\}", re.S)


@dataclass
class Budget:
    max_calls: int
    max_seconds: float
    calls: int = 0
    started: float = field(default_factory=time.monotonic)

    def allows(self) -> bool:
        return self.calls < self.max_calls and time.monotonic() - self.started < self.max_seconds


def build_prompt(claim: str, evidence: list[Evidence]) -> list:
    numbered = "\n".join(f"[{i}] {item.text}" for i, item in enumerate(evidence, start=1))
    return [SystemMessage(SYSTEM_PROMPT), HumanMessage(f"Evidence:\n{numbered}\n\nClaim: {claim}")]


def parse_judgement(text: str) -> tuple[Verdict, list[int], str] | None:
    """The verdict, cited evidence numbers and reason, or None when the reply is unusable."""
    match = _JSON.search(text or "")
    if not match:
        return None
    try:
        data = json.loads(match.group(0))
        verdict = Verdict(str(data["verdict"]).strip().lower())
    except (ValueError, KeyError, TypeError):
        return None
    cited = [int(n) for n in data.get("evidence", []) if isinstance(n, int | str) and str(n).isdigit()]
    return verdict, cited, str(data.get("reason", "")).strip()


class LLMJudge:
    """A reviewer: revises the claims the other checkers left uncertain, within a budget per run."""

    name = "llm"
    reads_evidence = True

    def __init__(self, chat_model: BaseChatModel, max_evidence: int = 8) -> None:
        self.chat_model = chat_model
        self.max_evidence = max_evidence

    def check(self, answers: Sequence[AnswerUnderCheck], options: VerifierOptions) -> None:
        budget = self.budget(options.llm_max_calls, options.llm_max_seconds)
        for answer in answers:
            answer.verdicts = self.review(answer.verdicts, answer.evidence, budget)

    def budget(self, max_calls: int, max_seconds: float) -> Budget:
        return Budget(max_calls, max_seconds)

    def review(
        self, verdicts: list[ClaimVerdict | None], evidence: list[Evidence], budget: Budget
    ) -> list[ClaimVerdict | None]:
        reviewed = list(verdicts)
        for i, verdict in enumerate(verdicts):
            if verdict is None or not _uncertain(verdict) or not evidence or not budget.allows():
                continue
            budget.calls += 1
            shown = evidence[: self.max_evidence]
            try:
                reply = self.chat_model.invoke(build_prompt(verdict.claim.text, shown))
            except Exception as exc:  # a judge outage must not fail verification
                reviewed[i] = verdict.model_copy(update={"scores": {**verdict.scores, "llm_error": 1.0}})
                reviewed[i].reason += f" (LLM judge unavailable: {type(exc).__name__})"
                continue
            parsed = parse_judgement(str(reply.content))
            if parsed is None:
                continue
            label, cited, reason = parsed
            citations = [Citation(evidence=shown[n - 1]) for n in cited if 1 <= n <= len(shown)]
            reviewed[i] = ClaimVerdict(
                claim=verdict.claim,
                verdict=label,
                confidence=0.8 if label != Verdict.UNVERIFIABLE else 0.6,
                method=Method.LLM,
                reason=f"LLM judge: {reason}" if reason else f"LLM judge: {label.value}",
                citations=citations or verdict.citations,
                scores={**verdict.scores, "llm": 1.0},
                distance=verdict.distance,  # the claim's place beside the evidence stays what it was
            )
        return reviewed


def _uncertain(verdict: ClaimVerdict) -> bool:
    if verdict.method == Method.GRAPH:
        return False
    return verdict.verdict == Verdict.UNVERIFIABLE or verdict.confidence < UNCERTAIN_BELOW
