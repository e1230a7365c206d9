"""The verifier: an answer in, a verdict with evidence for every claim out.

Checkers run cheapest first. The graph checker decides what the graph can decide exactly; the
entailment model judges the rest against aligned evidence sentences; an optional LLM judge is asked
only about claims both left uncertain, within a budget. Across answers (`verify_many`) the neural
work is batched: claims are embedded together and all NLI pairs go through the model at once.
"""

from __future__ import annotations

import functools
import time
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from pydantic import BaseModel, Field

from grounding.checkers import entailment
from grounding.checkers import graph as graph_checker
from grounding.claims import split_claims
from grounding.nli_model import DEFAULT_VERIFIER_MODEL, NLIModel, load_nli_model
from grounding.types import Claim, ClaimVerdict, Evidence, EvidenceKind, Method, Verdict, VerificationReport
from knowledge.embeddings import DEFAULT_EMBEDDING_MODEL, embed
from knowledge.errors import InputError
from knowledge.retriever import RetrievalOptions, retrieve_many

if TYPE_CHECKING:
    from grounding.checkers.llm_judge import LLMJudge
    from knowledge.kb import KnowledgeBase

MAX_ANSWER_CHARS = 20_000


class VerifierOptions(BaseModel):
    use_graph: bool = True
    use_entailment: bool = True
    use_llm: bool = False
    support_threshold: float = Field(default=0.5, ge=0.0, le=1.0)
    contradiction_threshold: float = Field(default=0.5, ge=0.0, le=1.0)
    evidence_sentences: int = Field(default=3, ge=1, le=10)
    novelty_discount: float = Field(
        default=entailment.NOVELTY_DISCOUNT,
        ge=0.0,
        le=1.0,
        description="P(entailment) factor where the evidence lacks a name or number the claim states.",
    )
    retrieve_k: int = Field(default=5, ge=1, le=100, description="Evidence items per claim when retrieving.")
    whole_answer: bool = Field(
        default=True,
        description="Also judge the whole answer against all the evidence when both fit the model's window.",
    )
    llm_max_calls: int = Field(default=5, ge=0)
    llm_max_seconds: float = Field(default=30.0, ge=0.0)


class VerifyItem(BaseModel):
    answer: str
    question: str | None = None
    evidence: list[Evidence | str] | None = None


def as_evidence(items: Sequence[Evidence | str]) -> list[Evidence]:
    """Plain strings from a caller become passages with the request as their source."""
    return [
        item
        if isinstance(item, Evidence)
        else Evidence(id=f"given:{i}", kind=EvidenceKind.PASSAGE, text=item, source="request")
        for i, item in enumerate(items)
    ]


class Verifier:
    """Holds the models and the KB; `verify` is safe to call repeatedly (models load once)."""

    def __init__(
        self,
        kb: KnowledgeBase | None = None,
        model: str = DEFAULT_VERIFIER_MODEL,
        options: VerifierOptions | None = None,
        judge: LLMJudge | None = None,
        embedding_model: str | None = None,
        device: str = "auto",
    ) -> None:
        self.kb = kb
        self.model_name = model
        self.options = options or VerifierOptions()
        self.judge = judge
        self.embedding_model = embedding_model or (kb.embedding_model if kb is not None else DEFAULT_EMBEDDING_MODEL)
        self.device = device

    @functools.cached_property
    def nli(self) -> NLIModel:
        return load_nli_model(self.model_name, self.device)

    def verify(
        self,
        answer: str,
        question: str | None = None,
        evidence: Sequence[Evidence | str] | None = None,
        options: VerifierOptions | None = None,
    ) -> VerificationReport:
        return self.verify_many([VerifyItem(answer=answer, question=question, evidence=evidence)], options)[0]

    def verify_many(
        self, items: Sequence[VerifyItem], options: VerifierOptions | None = None
    ) -> list[VerificationReport]:
        options = options or self.options
        started = time.perf_counter()
        timings: dict[str, float] = Counter()
        for position, item in enumerate(items):
            if not item.answer or not item.answer.strip():
                raise InputError(f"item {position}: the answer is empty; there is nothing to verify")
            if len(item.answer) > MAX_ANSWER_CHARS:
                raise InputError(
                    f"item {position}: the answer has {len(item.answer)} characters, over {MAX_ANSWER_CHARS}"
                )

        clock = time.perf_counter()
        claims = [split_claims(item.answer, item.question) for item in items]
        timings["split"] = _ms(clock)

        clock = time.perf_counter()
        flat = [claim for group in claims for claim in group]
        vectors = embed([c.text for c in flat], self.embedding_model) if flat else np.zeros((0, 1), dtype=np.float32)
        offsets = np.cumsum([0, *(len(group) for group in claims)])
        decided: list[list[ClaimVerdict | None]] = [[None] * len(group) for group in claims]
        timings["embed"] = _ms(clock)

        given = [as_evidence(item.evidence) if item.evidence is not None else None for item in items]
        clock = time.perf_counter()
        if options.use_graph and self.kb is not None:
            for i, group in enumerate(claims):
                context = [items[i].question or "", *(e.text for e in given[i] or [])]
                decided[i] = graph_checker.check_claims(self.kb, group, vectors[offsets[i] : offsets[i + 1]], context)
        timings["graph"] = _ms(clock)

        clock = time.perf_counter()
        evidence = []
        for i in range(len(items)):
            if given[i] is not None:
                evidence.append(given[i])
                continue
            open_claims = [
                (claim, vectors[offsets[i] + j])
                for j, (claim, verdict) in enumerate(zip(claims[i], decided[i], strict=True))
                if verdict is None
            ]
            evidence.append(self._kb_evidence(open_claims, decided[i], options))
        timings["retrieve"] = _ms(clock)

        clock = time.perf_counter()
        answer_support: list[float | None] = [None] * len(items)
        if options.use_entailment:
            thresholds = entailment.EntailmentThresholds(
                options.support_threshold,
                options.contradiction_threshold,
                options.evidence_sentences,
                options.novelty_discount,
            )
            plans = []
            for i, group in enumerate(claims):
                open_rows = [j for j, v in enumerate(decided[i]) if v is None]
                plans.append(
                    entailment.plan_pairs(
                        [group[j] for j in open_rows],
                        evidence[i],
                        thresholds,
                        self.embedding_model,
                        claim_vectors=vectors[offsets[i] + np.asarray(open_rows, dtype=int)] if open_rows else None,
                    )
                )
            whole = [
                entailment.whole_answer_pair(item.answer, evidence[i], self.nli, item.question)
                if options.whole_answer
                else None
                for i, item in enumerate(items)
            ]
            all_pairs = [pair for plan in plans for pair in plan.pairs] + [pair for pair in whole if pair]
            probabilities = self.nli.predict(all_pairs) if all_pairs else np.zeros((0, 3))
            cursor = 0
            for i, plan in enumerate(plans):
                share = probabilities[cursor : cursor + len(plan.pairs)]
                cursor += len(plan.pairs)
                judged = iter(entailment.decide(plan, share, thresholds))
                decided[i] = [v if v is not None else next(judged) for v in decided[i]]
            for i, pair in enumerate(whole):
                if pair is not None:
                    answer_support[i] = float(probabilities[cursor, 0])
                    cursor += 1
        timings["entailment"] = _ms(clock)

        clock = time.perf_counter()
        if options.use_llm and self.judge is not None:
            budget = self.judge.budget(options.llm_max_calls, options.llm_max_seconds)
            for i in range(len(items)):
                decided[i] = self.judge.review(decided[i], evidence[i], budget)
        timings["llm"] = _ms(clock)

        total = _ms(started)
        reports = []
        for i, item in enumerate(items):
            verdicts = [v if v is not None else _unchecked(c) for c, v in zip(claims[i], decided[i], strict=True)]
            reports.append(_report(item, verdicts, evidence[i], answer_support[i], {**timings, "total": total}))
        return reports

    def _kb_evidence(
        self,
        open_claims: list[tuple[Claim, np.ndarray]],
        decided: list[ClaimVerdict | None],
        options: VerifierOptions,
    ) -> list[Evidence]:
        """Without the caller's evidence: the graph's deciding facts plus the KB's on every open claim."""
        merged: dict[str, Evidence] = {}
        for verdict in decided:
            for citation in verdict.citations if verdict is not None else []:
                merged.setdefault(citation.evidence.id, citation.evidence)
        if self.kb is not None and open_claims:
            texts = [claim.text for claim, _ in open_claims]
            vectors = np.vstack([vector for _, vector in open_claims])
            for results in retrieve_many(self.kb, texts, RetrievalOptions(k=options.retrieve_k), vectors):
                for result in results:
                    merged.setdefault(result.id, result)
        return list(merged.values())


def claim_risk(verdict: ClaimVerdict) -> float:
    """Probability that this claim is a hallucination (contradicted or unsupported).

    Where the entailment model judged the claim, that is the probability of anything but
    entailment, whatever the verdict: a contradicted claim's risk is then at least its
    contradiction probability, so it never ranks below a claim the model merely could not support.
    """
    if verdict.method == Method.ENTAILMENT and "entailment" in verdict.scores:
        return 1.0 - verdict.scores["entailment"]
    if verdict.verdict == Verdict.SUPPORTED:
        return 1.0 - verdict.confidence
    if verdict.verdict == Verdict.CONTRADICTED:
        return verdict.confidence
    if "entailment" in verdict.scores:
        return 1.0 - verdict.scores["entailment"]
    return 1.0


def answer_risk(verdicts: Sequence[ClaimVerdict], answer_support: float | None = None) -> float:
    """Probability that the answer holds a hallucination: its riskiest claim, and the whole answer's view.

    Claims are judged against a few aligned sentences each, which explains a verdict but loses
    what only the whole answer against the whole evidence shows (a reply that restates the evidence
    in other words, or pairs its facts wrongly). Where that whole-answer judgement exists, the two
    are averaged: on HaluEval dialogue dev rows the average (AUROC 0.918) is far above the claims
    alone (0.871) and a little below the whole view alone (0.928), which would leave the score
    unexplained by the claim verdicts shown beside it. A claim that is contradicted, or names
    something one word off the evidence's name, is a finding of its own and is never averaged away.
    """
    claims = max((claim_risk(v) for v in verdicts), default=0.0)
    if answer_support is None:
        return claims
    blended = 0.5 * (claims + (1.0 - answer_support))
    if any(v.verdict == Verdict.CONTRADICTED or v.scores.get("near_miss") for v in verdicts):
        return max(claims, blended)
    return blended


def _report(
    item: VerifyItem,
    verdicts: list[ClaimVerdict],
    evidence: list[Evidence],
    answer_support: float | None,
    timings: dict[str, float],
) -> VerificationReport:
    counts = Counter(v.verdict for v in verdicts)
    return VerificationReport(
        answer=item.answer,
        question=item.question,
        claims=verdicts,
        grounded=all(v.verdict == Verdict.SUPPORTED for v in verdicts),
        hallucination_score=round(answer_risk(verdicts, answer_support), 4),
        answer_support=None if answer_support is None else round(answer_support, 4),
        counts={verdict: counts.get(verdict, 0) for verdict in Verdict},
        evidence=evidence,
        timings_ms={key: round(value, 2) for key, value in timings.items()},
    )


def _unchecked(claim: Claim) -> ClaimVerdict:
    return ClaimVerdict.unverifiable(claim, "No checker could decide this claim.")


def _ms(since: float) -> float:
    return (time.perf_counter() - since) * 1000.0
