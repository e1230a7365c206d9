"""The neural checker: does the evidence entail the claim?

Align before judging. Plain NLI fails on long evidence, so each claim is judged against the few
evidence sentences that bear on it (embeddings plus entity and number overlap), each alone and
all joined, and the strongest judgement decides. Pairs of every claim go through the model in one
batch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from grounding.alignment import AlignedSpan, align_claims, build_premise, shares_topic
from grounding.attribution import credit_conflicts
from grounding.claims import read_with_question
from grounding.near_miss import near_miss_names
from grounding.nli_model import NLIModel
from grounding.release_years import release_year_conflicts
from grounding.types import Citation, Claim, ClaimVerdict, Correction, Evidence, Method, Verdict

NOVELTY_DISCOUNT = 0.8
"""P(entailment) is multiplied by this where the premise lacks a name or number the claim states.

The verdict rule is strict: such a claim is never `supported`. The score is discounted only
mildly, because outside names are common in right answers too: 23% of HaluEval's right summaries
name someone or something their article never mentions (bylines, clubs, titles), as often as the
hallucinated ones do. Chosen on dev rows (mean AUROC over dialogue, summaries and length-matched
QA is flat from 0.65 to 0.9, and falls to 0.784 at the former 0.3): `python -m benchmarks.novelty_discount`.
"""

CONFLICT_CONFIDENCE = 0.9
"""How sure a claim is wrong that credits a work to someone the evidence does not credit, or dates it
to a year the evidence does not give it. Measured on HaluEval dialogue (the dev and test rows among
the first 4,000: 1,641 replies each way): credits flag 60 hallucinated replies and 2 right ones (a
film with more writers than its evidence lists, a translator credited as author); release years 14
and 0. Neither fires on HaluEval QA or summarization. `grounding/attribution.py`,
`grounding/release_years.py`."""


@dataclass(frozen=True)
class EntailmentThresholds:
    support: float = 0.5
    contradiction: float = 0.5
    sentences: int = 3
    novelty_discount: float = NOVELTY_DISCOUNT


@dataclass
class PairPlan:
    """The (premise, claim) pairs of one answer, and which claim and sentences each belongs to."""

    claims: list[Claim]
    evidence: list[Evidence]
    pairs: list[tuple[str, str]]
    owners: list[tuple[int, list[AlignedSpan]]]


def plan_pairs(
    claims: list[Claim],
    evidence: list[Evidence],
    thresholds: EntailmentThresholds = EntailmentThresholds(),
    embedding_model: str = "all-MiniLM-L6-v2",
    claim_vectors: np.ndarray | None = None,
) -> PairPlan:
    """Each claim against its best sentences alone, and against them joined (multi-sentence support)."""
    plan = PairPlan(claims, evidence, [], [])
    if not claims or not evidence:
        return plan
    alignments = align_claims(
        [c.text for c in claims],
        [e.text for e in evidence],
        k=thresholds.sentences,
        model=embedding_model,
        claim_vectors=claim_vectors,
    )
    for index, (claim, spans) in enumerate(zip(claims, alignments, strict=True)):
        for span in spans:
            plan.pairs.append((span.text, claim.text))
            plan.owners.append((index, [span]))
        if len(spans) > 1:
            plan.pairs.append((build_premise(spans), claim.text))
            plan.owners.append((index, list(spans)))
    return plan


def whole_answer_pair(
    answer: str, evidence: list[Evidence], model: NLIModel, question: str | None = None
) -> tuple[str, str] | None:
    """(all evidence joined, the answer read with its question) when the pair fits the model whole.

    Short evidence (a knowledge snippet, a few retrieved facts) is what the verifier was trained to
    read whole; a long page is not, and cutting it would judge the answer on an arbitrary part.
    """
    premise = "\n".join(e.text for e in evidence if e.text.strip())
    statement = read_with_question(answer, question)
    if not premise or not statement or not model.fits(premise, statement):
        return None
    return premise, statement


def decide(
    plan: PairPlan, probabilities: np.ndarray, thresholds: EntailmentThresholds = EntailmentThresholds()
) -> list[ClaimVerdict]:
    """Verdicts from the model's probabilities for `plan.pairs`, in claim order."""
    grouped: dict[int, list[tuple[np.ndarray, list[AlignedSpan]]]] = {}
    for row, (owner, spans) in zip(probabilities, plan.owners, strict=True):
        grouped.setdefault(owner, []).append((row, spans))
    whole = "\n".join(e.text for e in plan.evidence)
    return [
        _decide(claim, grouped[i], plan.evidence, whole, thresholds) if i in grouped else _no_evidence(claim)
        for i, claim in enumerate(plan.claims)
    ]


def check_claims(
    model: NLIModel,
    claims: list[Claim],
    evidence: list[Evidence],
    thresholds: EntailmentThresholds = EntailmentThresholds(),
    embedding_model: str = "all-MiniLM-L6-v2",
) -> list[ClaimVerdict]:
    plan = plan_pairs(claims, evidence, thresholds, embedding_model)
    return decide(plan, model.predict(plan.pairs), thresholds)


_NAME = re.compile(r"\b[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)*")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_STARTERS = {
    "the",
    "a",
    "an",
    "it",
    "its",
    "he",
    "she",
    "they",
    "this",
    "that",
    "these",
    "those",
    "there",
    "i",
    "we",
    "you",
    "yes",
    "no",
    "in",
    "on",
    "at",
    "as",
    "his",
    "her",
    "their",
    "my",
    "our",
    "but",
    "and",
    "so",
    "also",
}


def novel_mentions(claim: str, premise: str) -> list[str]:
    """Names and numbers the claim states that the premise never mentions.

    Small NLI models read "The highest mountain in the Alps is Mount Everest" as entailed by
    "Mont Blanc is the highest mountain in the Alps": the sentences match but for the name. A claim
    that brings in a name or number its evidence lacks cannot be supported by that evidence.
    """
    text = premise.lower()
    words = set(re.findall(r"\w+", text))
    initials = {"".join(w[0] for w in m.group().split()).lower() for m in _NAME.finditer(premise)}
    novel = []
    claim = re.sub(r"\b\w+n['’]t\b|\bI['’](?:m|ve|ll|d)\b", " ", claim)
    for match in _NAME.finditer(claim):
        tokens = [t for t in match.group().split() if t.lower() not in _STARTERS or match.start() > 0]
        tokens = [t for t in tokens if not (t.lower() in _STARTERS and match.start() == 0)]
        for token in tokens:
            low = token.lower()
            if low in words or any(w.startswith(low[:5]) for w in words if len(low) >= 5 and len(w) >= 5):
                continue
            if token.isupper() and len(token) <= 5 and low in initials:
                continue
            novel.append(token)
    for number in _NUMBER.findall(claim):
        if number not in text and number.replace(",", "") not in text.replace(",", ""):
            novel.append(number)
    return novel


def _decide(
    claim: Claim,
    rows: list[tuple[np.ndarray, list[AlignedSpan]]],
    evidence: list[Evidence],
    whole: str,
    thresholds: EntailmentThresholds,
) -> ClaimVerdict:
    """`whole` is all the evidence text: names are checked against it, not only the aligned sentences."""
    misnamed = near_miss_names(claim.text, whole)
    conflicts = [*credit_conflicts(claim.text, whole), *release_year_conflicts(claim.text, whole)]
    penalised = []
    for probs, spans in rows:
        novel = novel_mentions(claim.text, " ".join(s.text for s in spans))
        if novel or misnamed or conflicts:
            probs = probs.copy()
            probs[0] *= 0.0 if misnamed or conflicts else thresholds.novelty_discount
        penalised.append((probs, spans, novel))
    rows = [(probs, spans) for probs, spans, _ in penalised]
    entail_probs, spans_entail, novel_best = max(
        penalised, key=lambda row: (row[0][0] >= thresholds.support and not row[2], row[0][0])
    )
    on_topic = [row for row in rows if shares_topic(claim.text, " ".join(s.text for s in row[1]))]
    contra_probs, spans_contra = max(on_topic or rows, key=lambda row: row[0][2])
    entail, contra = float(entail_probs[0]), float(contra_probs[2]) if on_topic else 0.0
    scores = {
        "entailment": round(entail, 4),
        "contradiction": round(contra, 4),
        "neutral": round(float(entail_probs[1]), 4),
    }
    if misnamed:
        scores["near_miss"] = 1.0
    if conflicts:
        conflict = conflicts[0]
        naming = [spans for _, spans in rows if conflict.known[0] in " ".join(s.text for s in spans)]
        single = len(conflict.known) == 1
        return ClaimVerdict(
            claim=claim,
            verdict=Verdict.CONTRADICTED,
            confidence=round(max(contra, CONFLICT_CONFIDENCE), 4),
            method=Method.ENTAILMENT,
            reason=conflict.reason(),
            citations=_citations(naming[0] if naming else spans_contra, evidence),
            scores={**scores, "evidence_conflict": 1.0},
            correction=Correction(wrong=conflict.claimed, right=conflict.known[0]) if single else None,
        )
    if entail >= thresholds.support and entail >= contra and not novel_best and not misnamed:
        return ClaimVerdict(
            claim=claim,
            verdict=Verdict.SUPPORTED,
            confidence=round(entail, 4),
            method=Method.ENTAILMENT,
            reason=f"Entailed by the evidence: {_quote(spans_entail)}",
            citations=_citations(spans_entail, evidence),
            scores=scores,
        )
    if contra >= thresholds.contradiction:
        return ClaimVerdict(
            claim=claim,
            verdict=Verdict.CONTRADICTED,
            confidence=round(contra, 4),
            method=Method.ENTAILMENT,
            reason=f"Contradicted by the evidence: {_quote(spans_contra)}",
            citations=_citations(spans_contra, evidence),
            scores=scores,
        )
    return ClaimVerdict(
        claim=claim,
        verdict=Verdict.UNVERIFIABLE,
        confidence=round(max(0.0, 1.0 - entail - contra), 4),
        method=Method.ENTAILMENT,
        reason=_unverifiable_reason(claim.text, misnamed, novel_best, spans_entail, whole),
        citations=_citations(spans_entail, evidence),
        scores=scores,
    )


def _unverifiable_reason(
    claim: str, misnamed: list[tuple[str, str]], novel: list[str], closest: list[AlignedSpan], whole: str
) -> str:
    if misnamed:
        named = "; ".join(f"{known!r}, not {claimed!r}" for claimed, known in misnamed)
        return f"The evidence names {named}; closest: {_quote(closest)}"
    if novel:
        anywhere = set(novel_mentions(claim, whole))
        absent = [name for name in dict.fromkeys(novel) if name in anywhere]
        if absent:
            return f"The evidence never mentions {', '.join(absent)}; closest: {_quote(closest)}"
        names = ", ".join(dict.fromkeys(novel))
        return f"The sentences that match it never mention {names}; closest: {_quote(closest)}"
    return f"The evidence neither supports nor contradicts it; closest: {_quote(closest)}"


def _quote(spans: list[AlignedSpan], limit: int = 160) -> str:
    text = build_premise(spans)
    return f'"{text[: limit - 3]}..."' if len(text) > limit else f'"{text}"'


def _citations(spans: list[AlignedSpan], evidence: list[Evidence]) -> list[Citation]:
    return [Citation(evidence=evidence[s.passage], start=s.start, end=s.end) for s in spans]


def _no_evidence(claim: Claim) -> ClaimVerdict:
    return ClaimVerdict.unverifiable(claim, "No evidence was found to check this claim against.")
