"""The verifier: an answer in, a verdict with evidence for every claim out.

Checkers run cheapest first (`grounding.verify.checkers`): the graph checker decides what the graph
can decide exactly; the entailment checker judges the rest against evidence, with the evidence rules
(`grounding.verify.rules`); an optional LLM judge reviews claims both left uncertain, within a
budget. Across answers (`verify_many`) the neural work is batched: claims are embedded together and
all NLI pairs go through the model at once.
"""

from __future__ import annotations

import functools
import time
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from pydantic import BaseModel

from grounding.types import MAX_ANSWER_CHARS, Claim, ClaimVerdict, Evidence, EvidenceKind, Verdict, VerificationReport
from grounding.verify.checkers.base import AnswerUnderCheck, Checker
from grounding.verify.claims import is_abstention, split_claims
from grounding.verify.coverage import uncovered
from grounding.verify.nli import DEFAULT_VERIFIER_MODEL, NLIModel, load_nli_model
from grounding.verify.options import VerifierOptions
from grounding.verify.scoring import answer_risk, claim_risk, evidence_distance
from knowledge.embeddings import DEFAULT_EMBEDDING_MODEL, embed
from knowledge.errors import InputError
from knowledge.retriever import RetrievalOptions, retrieve_many

if TYPE_CHECKING:
    from grounding.verify.checkers.llm_judge import LLMJudge
    from knowledge.kb import KnowledgeBase

__all__ = ["MAX_ANSWER_CHARS", "Verifier", "VerifierOptions", "VerifyItem", "answer_risk", "as_evidence", "claim_risk"]


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
        runtime: str | None = None,
    ) -> None:
        self.kb = kb
        self.model_name = model
        self.options = options or VerifierOptions()
        self.judge = judge
        self.embedding_model = embedding_model or (kb.embedding_model if kb is not None else DEFAULT_EMBEDDING_MODEL)
        self.device = device
        self.runtime = runtime
        """What runs the cross-encoder (`grounding.registry.VERIFIER_RUNTIMES`); None is the default."""

    @functools.cached_property
    def nli(self) -> NLIModel:
        return load_nli_model(self.model_name, self.device, runtime=self.runtime)

    def checkers(self, options: VerifierOptions) -> list[Checker]:
        """The checkers `options` switch on, in the order they run."""
        from grounding.verify.checkers.entailment import EntailmentChecker
        from grounding.verify.checkers.graph import GraphChecker

        chosen: list[Checker] = []
        if options.use_graph and self.kb is not None:
            chosen.append(GraphChecker(self.kb))
        if options.use_entailment:
            chosen.append(EntailmentChecker(lambda: self.nli, self.embedding_model))
        if options.use_llm and self.judge is not None:
            chosen.append(self.judge)
        return chosen

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
        resolve = "pronouns" in options.rules
        claims = [split_claims(item.answer, item.question, resolve_pronouns=resolve) or _whole(item) for item in items]
        timings["split"] = _ms(clock)

        clock = time.perf_counter()
        flat = [claim for group in claims for claim in group]
        vectors = embed([c.text for c in flat], self.embedding_model) if flat else np.zeros((0, 1), dtype=np.float32)
        offsets = np.cumsum([0, *(len(group) for group in claims)])
        answers = [
            AnswerUnderCheck(
                answer=item.answer,
                question=item.question,
                claims=group,
                vectors=vectors[offsets[i] : offsets[i + 1]],
                given=as_evidence(item.evidence) if item.evidence is not None else None,
                verdicts=[None] * len(group),
            )
            for i, (item, group) in enumerate(zip(items, claims, strict=True))
        ]
        timings["embed"] = _ms(clock)

        checkers = self.checkers(options)
        # Evidence is gathered once, after the checkers that need none (the graph's facts then join it).
        readers = next((i for i, c in enumerate(checkers) if c.reads_evidence), len(checkers))
        for position, checker in enumerate([*checkers, None]):
            if position == readers:
                clock = time.perf_counter()
                for answer in answers:
                    answer.evidence = answer.given if answer.given is not None else self._kb_evidence(answer, options)
                timings["retrieve"] = _ms(clock)
            if checker is not None:
                clock = time.perf_counter()
                checker.check(answers, options)
                timings[checker.name] = _ms(clock)

        total = _ms(started)
        return [_report(answer, {**timings, "total": total}, options) for answer in answers]

    def _kb_evidence(self, answer: AnswerUnderCheck, options: VerifierOptions) -> list[Evidence]:
        """Without the caller's evidence: the graph's deciding facts plus the KB's on every open claim."""
        merged: dict[str, Evidence] = {}
        for verdict in answer.verdicts:
            for citation in verdict.citations if verdict is not None else []:
                merged.setdefault(citation.evidence.id, citation.evidence)
        rows = answer.open_claims()
        if self.kb is not None and rows:
            texts = [answer.claims[j].text for j in rows]
            vectors = answer.vectors[np.asarray(rows, dtype=int)]
            for results in retrieve_many(self.kb, texts, RetrievalOptions(k=options.retrieve_k), vectors):
                for result in results:
                    merged.setdefault(result.id, result)
        return list(merged.values())


def _report(answer: AnswerUnderCheck, timings: dict[str, float], options: VerifierOptions) -> VerificationReport:
    verdicts = [v if v is not None else _unchecked(c) for c, v in zip(answer.claims, answer.verdicts, strict=True)]
    counts = Counter(v.verdict for v in verdicts)
    support = answer.answer_support
    counted = "word_coverage" in options.rules and bool(verdicts)
    share, words = uncovered(answer.answer, [e.text for e in answer.evidence]) if counted else (None, [])
    return VerificationReport(
        answer=answer.answer,
        question=answer.question,
        claims=verdicts,
        grounded=all(v.verdict == Verdict.SUPPORTED for v in verdicts),
        hallucination_score=round(answer_risk(verdicts, support, share), 4),
        evidence_distance=None if (distance := evidence_distance(verdicts)) is None else round(distance, 4),
        answer_support=None if support is None else round(support, 4),
        uncovered_share=None if share is None else round(share, 4),
        uncovered_words=words,
        counts={verdict: counts.get(verdict, 0) for verdict in Verdict},
        evidence=answer.evidence,
        timings_ms={key: round(value, 2) for key, value in timings.items()},
    )


def _whole(item: VerifyItem) -> list[Claim]:
    """An answer in which the splitter finds no claim (a greeting, a hedge, a fragment) is one claim:
    a score with no verdict behind it would read as a coin toss. Only an abstention states nothing."""
    if is_abstention(item.answer):
        return []
    text = item.answer.strip()
    start = item.answer.index(text)
    return [Claim(index=0, text=text, start=start, end=start + len(text))]


def _unchecked(claim: Claim) -> ClaimVerdict:
    return ClaimVerdict.unverifiable(claim, "No checker could decide this claim.")


def _ms(since: float) -> float:
    return (time.perf_counter() - since) * 1000.0
