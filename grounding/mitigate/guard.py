"""Guarding an answer someone else wrote: verify it, run the mitigation chain, verify the result.

The pipeline does this for its own answers; `VerifyAnswer` (LangChain) and the OpenAI-compatible
guard proxy do it for answers of a user's chain or an upstream model, against the documents the
caller passes or, without them, the verifier's KB.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from grounding.mitigate.citations import parse_answer
from grounding.mitigate.policies import (
    DEFAULT_CHAIN,
    abstain,
    build_policies,
    make_draft,
    mitigate,
    render,
)
from grounding.types import Change, Evidence, VerificationReport

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from grounding.verify.verifier import Verifier

__all__ = ["GuardedAnswer", "guard_answer"]

MAX_PASSES = 2


class GuardedAnswer(BaseModel):
    """An answer after the mitigation chain: the text to show and how it got there."""

    answer: str = Field(description="The answer to show, citations [n] into `evidence` where the policies added them.")
    report: VerificationReport = Field(description="Verification of the answer as shown (without citation markers).")
    raw_answer: str = Field(description="The answer as given.")
    raw_report: VerificationReport = Field(description="Verification of the answer as given.")
    evidence: list[Evidence] = Field(description="Citation [n] refers to evidence[n-1].")
    changes: list[Change] = Field(default_factory=list)
    abstained: bool = False
    quoted: bool = False


def guard_answer(
    verifier: Verifier,
    answer: str,
    question: str | None = None,
    evidence: Sequence[Evidence | str] | None = None,
    mitigation: Sequence[str] = DEFAULT_CHAIN,
    *,
    llm: BaseChatModel | None = None,
    abstain_threshold: float = 0.5,
) -> GuardedAnswer:
    """Verify `answer`, mitigate it with the `mitigation` policies and verify what they left.

    As in the pipeline, a chain that changed the text runs once more when the new text still fails
    and the chain can strip or abstain; an answer left empty, or still failing after a chain with
    `strip`, becomes the abstention. `report` always describes the returned text.
    """
    from grounding.verify.verifier import as_evidence

    given = as_evidence(evidence) if evidence is not None else None
    cited = parse_answer(answer)
    raw = verifier.verify(cited.text, question=question, evidence=given)
    draft = make_draft(cited, raw, given if given is not None else raw.evidence, question)
    policies = build_policies(mitigation, llm=llm, verifier=verifier, abstain_threshold=abstain_threshold)
    can_remove = bool({"strip", "abstain"} & set(mitigation))
    for _ in range(MAX_PASSES):
        before = draft.text
        draft = mitigate(draft, policies)
        if draft.abstained or draft.quoted or draft.text == before or not draft.text.strip():
            break
        draft = draft.model_copy(update={"report": verifier.verify(draft.text, question=question, evidence=given)})
        if draft.report.grounded or not can_remove:
            break
    settled = draft.abstained or draft.quoted
    if not settled and (not draft.text.strip() or ("strip" in mitigation and not draft.report.grounded)):
        draft = abstain(draft, threshold=1.0)  # fail closed: what the chain could not fix is not shown
    return GuardedAnswer(
        answer=render(draft),
        report=draft.report,
        raw_answer=answer,
        raw_report=raw,
        evidence=draft.evidence,
        changes=draft.changes,
        abstained=draft.abstained,
        quoted=draft.quoted,
    )
