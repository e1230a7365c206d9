"""What to do with an answer once its claims are verified: composable policies over a `Draft`.

A draft is the clean answer text, the citations of each sentence, the answer's verification
report and the evidence the citations number. Each policy takes a draft and returns a new one
together with the `Change`s it made, so a chain is plain function composition and every edit can
be shown to the user. `annotate`, `correct`, `strip` and `abstain` are pure; `quote` reads the
evidence with the embedding model; `regenerate` asks the LLM again and re-verifies, so it is built
with the model and the verifier it needs.

Policies keep the report in step with the text (claim spans are shifted, corrected claims
re-marked, stripped ones dropped) without re-running the verifier; the pipeline verifies the
final text once more.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from grounding.answer.prompts import build_repair_messages, is_example_echo
from grounding.mitigate.citations import CitedAnswer, CitedSentence, citation_inserts, parse_answer
from grounding.mitigate.quotes import QUOTE_THRESHOLD, rank_quotes
from grounding.registry import POLICIES as REGISTERED
from grounding.types import Change, Citation, Claim, ClaimVerdict, Effect, Evidence, Method, Verdict, VerificationReport
from grounding.verify.claims import is_abstention
from knowledge.errors import InputError

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from grounding.verify.verifier import Verifier

__all__ = [
    "ABSTENTION_ANSWER",
    "DEFAULT_CHAIN",
    "QUOTE_PREFIX",
    "POLICIES",
    "Change",
    "Draft",
    "Policy",
    "abstain",
    "annotate",
    "build_policies",
    "correct",
    "drop_echoes",
    "empty_report",
    "grounded_share",
    "make_draft",
    "mitigate",
    "quote",
    "regenerate",
    "render",
    "strip",
]

ABSTENTION_ANSWER = "I don't have enough grounded information to answer that."
QUOTE_PREFIX = "The most relevant evidence says:"
QUOTE_NEXT = "Related evidence says:"
MAX_QUOTES = 2
DEFAULT_CHAIN = REGISTERED.defaults()
POLICIES = REGISTERED.names()
_TAG = {Verdict.SUPPORTED: "supported", Verdict.CONTRADICTED: "contradicted", Verdict.UNVERIFIABLE: "unverified"}


class Draft(BaseModel):
    """An answer under mitigation; `report` always describes `text` (same spans)."""

    question: str | None = None
    text: str = Field(description="The answer without citation markers.")
    sentences: list[CitedSentence] = Field(default_factory=list)
    report: VerificationReport
    evidence: list[Evidence] = Field(default_factory=list, description="What citation [n] refers to: item n-1.")
    changes: list[Change] = Field(default_factory=list)
    abstained: bool = False
    annotated: bool = False
    quoted: bool = Field(
        default=False, description="The text is a verbatim quote of the evidence, not the LLM's answer."
    )


Policy = Callable[[Draft], Draft]


def make_draft(
    cited: CitedAnswer, report: VerificationReport, evidence: Sequence[Evidence], question: str | None = None
) -> Draft:
    """A draft from a parsed answer and the verification of its clean text."""
    if report.answer != cited.text:
        raise InputError("the report does not describe this answer: verify the answer's clean text")
    return Draft(
        question=question,
        text=cited.text,
        sentences=list(cited.sentences),
        report=report,
        evidence=list(evidence),
        abstained=is_abstention(cited.text),
    )


def empty_report(answer: str, question: str | None = None) -> VerificationReport:
    """The report of an answer with nothing to check (an abstention)."""
    return VerificationReport(
        answer=answer,
        question=question,
        claims=[],
        grounded=True,
        hallucination_score=0.0,
        counts={verdict: 0 for verdict in Verdict},
    )


def grounded_share(report: VerificationReport) -> float:
    """Share of the claims that are supported; 0 when there is no claim at all."""
    if not report.claims:
        return 0.0
    return sum(c.verdict == Verdict.SUPPORTED for c in report.claims) / len(report.claims)


# -- editing with spans kept in step ---------------------------------------------------------------


def _shift(start: int, end: int, cut: tuple[int, int], size: int) -> tuple[int, int] | None:
    """A span after text[cut] was replaced by `size` characters; None when the span was deleted."""
    a, b = cut
    delta = size - (b - a)
    if end <= a:
        return start, end
    if start >= b:
        return start + delta, end + delta
    if start <= a and b <= end:
        return start, end + delta
    if a <= start and end <= b:
        return (a, a + size) if size else None
    if start < a:
        return start, a + size
    return a + size, end + delta


def _rebuilt(report: VerificationReport, text: str, claims: list[ClaimVerdict]) -> VerificationReport:
    from grounding.verify.coverage import recount
    from grounding.verify.scoring import answer_risk, evidence_distance

    uncovered, words = recount(report, text)
    counts = Counter(c.verdict for c in claims)
    return report.model_copy(
        update={
            "answer": text,
            "claims": claims,
            "grounded": all(c.verdict == Verdict.SUPPORTED for c in claims),
            "hallucination_score": round(answer_risk(claims, None, uncovered), 4),
            "uncovered_share": None if uncovered is None else round(uncovered, 4),
            "uncovered_words": words,
            "evidence_distance": None if (distance := evidence_distance(claims)) is None else round(distance, 4),
            "answer_support": None,  # judged the answer before the edit
            "counts": {verdict: counts.get(verdict, 0) for verdict in Verdict},
        }
    )


def _edit(draft: Draft, start: int, end: int, replacement: str) -> Draft:
    """Replace text[start:end]; sentences and claims inside a deletion go, the rest shift."""
    text = draft.text[:start] + replacement + draft.text[end:]
    sentences: list[CitedSentence] = []
    for sentence in draft.sentences:
        span = _shift(sentence.start, sentence.end, (start, end), len(replacement))
        if span is not None and span[1] > span[0]:
            sentences.append(
                sentence.model_copy(
                    update={"index": len(sentences), "start": span[0], "end": span[1], "text": text[span[0] : span[1]]}
                )
            )
    claims: list[ClaimVerdict] = []
    for verdict in draft.report.claims:
        span = _shift(verdict.claim.start, verdict.claim.end, (start, end), len(replacement))
        if span is not None and span[1] > span[0]:
            claims.append(
                verdict.model_copy(
                    update={"claim": verdict.claim.model_copy(update={"start": span[0], "end": span[1]})}
                )
            )
    return draft.model_copy(
        update={"text": text, "sentences": sentences, "report": _rebuilt(draft.report, text, claims)}
    )


def _apply(draft: Draft, edits: list[tuple[int, int, str]]) -> Draft:
    """Several non-overlapping edits, applied back to front so earlier offsets stay valid."""
    for start, end, replacement in sorted(edits, key=lambda e: e[0], reverse=True):
        draft = _edit(draft, start, end, replacement)
    return draft


def _sentence_of(draft: Draft, claim: Claim) -> CitedSentence | None:
    return next((s for s in draft.sentences if s.start <= claim.start < s.end), None)


def _tidy(draft: Draft) -> Draft:
    """Leftovers of removed sentences: empty bullets, doubled spaces, dangling separators."""
    rules = (
        (re.compile(r"^[ \t]*(?:[-*•‣◦+]|\d{1,3}[.)]|[,;:.])[ \t]*(?:\n|\Z)", re.M), ""),
        (re.compile(r"(?<=\S)[ \t]{2,}(?=\S)"), " "),
        (re.compile(r"[ \t]+(?=[,;.!?](?:\s|$))"), ""),
        (re.compile(r"[ \t]+$", re.M), ""),
        (re.compile(r"\n{3,}"), "\n\n"),
        (re.compile(r"^\s+|\s+$"), ""),
        (re.compile(r"[,;:]$"), "."),
    )
    for pattern, replacement in rules:
        draft = _apply(draft, [(m.start(), m.end(), replacement) for m in pattern.finditer(draft.text)])
    return draft


# -- the policies ----------------------------------------------------------------------------------


def _tagged(text: str, verdict: ClaimVerdict) -> tuple[int, str]:
    """Where a claim's verdict tag goes (before its closing punctuation) and the tag."""
    body = text[verdict.claim.start : verdict.claim.end]
    return verdict.claim.start + len(body.rstrip(" \t\n.!?;,:")), f" [{_TAG[verdict.verdict]}]"


def annotate(draft: Draft) -> Draft:
    """Keep the answer and mark every claim with its verdict when it is rendered."""
    if draft.abstained:
        return draft
    changes = []
    for verdict in draft.report.claims:
        at, tag = _tagged(draft.text, verdict)
        changes.append(
            Change(
                policy="annotate",
                claim=verdict.claim.index,
                before=draft.text[verdict.claim.start : verdict.claim.end],
                after=draft.text[verdict.claim.start : at] + tag + draft.text[at : verdict.claim.end],
                reason=verdict.reason,
            )
        )
    return draft.model_copy(update={"annotated": True, "changes": [*draft.changes, *changes]})


def _correction_values(verdict: ClaimVerdict) -> tuple[str, str, Citation, str] | None:
    """(right value, wrong value, the citation, the reason) of a contradiction a substitution can fix.

    The graph's contradictions qualify, and the evidence's own statement of who made a work or when
    it came out (a finding of a rule with `Effect.CONTRADICTS`): both say which value is right and where it is written.
    """
    correction = verdict.correction
    if verdict.verdict != Verdict.CONTRADICTED or correction is None or verdict.fired("graph_negation"):
        return None
    if verdict.method == Method.GRAPH:
        fact = next((c.evidence for c in verdict.citations if c.evidence.triple is not None), None)
        if fact is None:
            return None
        return correction.right, correction.wrong, Citation(evidence=fact), f"the graph's value: {fact.text}"
    if verdict.has_effect(Effect.CONTRADICTS) and verdict.citations:
        citation = verdict.citations[0]
        return correction.right, correction.wrong, citation, f"the evidence: {citation.span_text}"
    return None


def _evidence_number(evidence: list[Evidence], item: Evidence) -> tuple[list[Evidence], int]:
    for n, existing in enumerate(evidence, start=1):
        if existing.id == item.id:
            return evidence, n
    return [*evidence, item], len(evidence) + 1


def correct(draft: Draft) -> Draft:
    """Replace a value the graph or the evidence contradicts with the value it holds, and cite it.

    Only contradictions that name the right value are corrected: the graph checker's, and a credit or
    release year the evidence states for the same work. There the right value is written down, not
    guessed. The wrong value must appear in the claim's words; otherwise the claim is left for
    `strip`. The sentence then cites the fact (alone, when the claim was its only claim).
    """
    if draft.abstained:
        return draft
    for index in [v.claim.index for v in draft.report.claims]:
        draft = _correct_claim(draft, index)
    return draft


def _correct_claim(draft: Draft, index: int) -> Draft:
    verdict = next(v for v in draft.report.claims if v.claim.index == index)
    values = _correction_values(verdict)
    if values is None:
        return draft
    right, wrong, citation, source = values
    fact = citation.evidence
    claim = verdict.claim
    pattern = re.compile(rf"(?<!\w){re.escape(wrong)}(?!\w)", re.IGNORECASE)
    hits = list(pattern.finditer(draft.text, claim.start, claim.end))
    if not hits:
        return draft
    before = _sentence_of(draft, claim)
    before_text = before.text if before else draft.text[claim.start : claim.end]
    draft = _edit(draft, hits[-1].start(), hits[-1].end(), right)
    evidence, number = _evidence_number(draft.evidence, fact)
    edited = next(v for v in draft.report.claims if v.claim.index == index)
    supported = edited.model_copy(
        update={
            "claim": edited.claim.model_copy(update={"text": pattern.sub(lambda _: right, claim.text)}),
            "verdict": Verdict.SUPPORTED,
            "reason": f"Corrected to {source}",
            "citations": [citation],
            "scores": {**edited.scores, "corrected": 1.0},
        }
    )
    claims = [supported if v.claim.index == index else v for v in draft.report.claims]
    sentence = _sentence_of(draft, supported.claim)
    sentences = draft.sentences
    if sentence is not None:
        alone = sum(1 for v in claims if sentence.start <= v.claim.start < sentence.end) == 1
        cites = [number] if alone else [*(n for n in sentence.citations if n != number), number]
        sentences = [s.model_copy(update={"citations": cites}) if s is sentence else s for s in sentences]
    change = Change(
        policy="correct",
        claim=index,
        before=before_text,
        after=sentence.text if sentence else draft.text[supported.claim.start : supported.claim.end],
        reason=f"{verdict.reason} Cited [{number}]: {citation.span_text or fact.text}",
    )
    return draft.model_copy(
        update={
            "report": _rebuilt(draft.report, draft.text, claims),
            "evidence": evidence,
            "sentences": sentences,
            "changes": [*draft.changes, change],
        }
    )


_BULLET_PREFIX = re.compile(r"[ \t]*(?:[-*•‣◦+]|\d{1,3}[.)]|[a-z][.)])?[ \t]*")


def _sentence_cut(text: str, sentence: CitedSentence) -> tuple[int, int, str]:
    """The deletion that removes a sentence: a whole line (bullet and all) when it fills one."""
    line_start = text.rfind("\n", 0, sentence.start) + 1
    start = line_start if _BULLET_PREFIX.fullmatch(text[line_start : sentence.start]) else sentence.start
    end = sentence.end
    while end < len(text) and text[end] in " \t":
        end += 1
    if end < len(text) and text[end] == "\n":
        if start == line_start:
            end += 1
        else:
            end = sentence.end
            while start > line_start and text[start - 1] in " \t":
                start -= 1
    return start, end, ""


def strip(draft: Draft) -> Draft:
    """Drop every sentence holding a claim that is not supported, then tidy what is left."""
    if draft.abstained:
        return draft
    failing: dict[int, ClaimVerdict] = {}
    loose: list[ClaimVerdict] = []  # outside every sentence span; cannot happen with claims' own segments
    for verdict in draft.report.claims:
        if verdict.verdict == Verdict.SUPPORTED:
            continue
        sentence = _sentence_of(draft, verdict.claim)
        if sentence is None:
            loose.append(verdict)
        else:
            failing.setdefault(sentence.index, verdict)
    if not failing and not loose:
        return draft
    changes = [
        Change(
            policy="strip",
            claim=verdict.claim.index,
            before=draft.sentences[i].text,
            after="",
            reason=f"{verdict.claim.text!r} is {verdict.verdict}: {verdict.reason}",
        )
        for i, verdict in sorted(failing.items())
    ]
    changes += [
        Change(
            policy="strip",
            claim=v.claim.index,
            before=draft.text[v.claim.start : v.claim.end],
            after="",
            reason=f"{v.claim.text!r} is {v.verdict}: {v.reason}",
        )
        for v in loose
    ]
    edits = [_sentence_cut(draft.text, draft.sentences[i]) for i in failing]
    edits += [(v.claim.start, v.claim.end, "") for v in loose]
    stripped = _tidy(_apply(draft, edits))
    return stripped.model_copy(update={"changes": [*draft.changes, *changes]})


def drop_echoes(draft: Draft) -> Draft:
    """Drop sentences that copy the prompt's worked example: they answer the example, never the question.

    Not a policy to choose: an echo is an artefact of the prompt, so the pipeline removes it from
    every LLM answer before the chain runs, and the change is shown like any other edit.
    """
    if draft.abstained:
        return draft
    echoes = [s for s in draft.sentences if is_example_echo(s.text, draft.question or "")]
    if not echoes:
        return draft
    changes = [
        Change(
            policy="echo",
            before=s.text,
            after="",
            reason="The sentence repeats the prompt's worked example; it does not answer the question.",
        )
        for s in echoes
    ]
    dropped = _tidy(_apply(draft, [_sentence_cut(draft.text, s) for s in echoes]))
    return dropped.model_copy(update={"changes": [*draft.changes, *changes]})


def _would_abstain(draft: Draft, threshold: float) -> bool:
    """The conditions under which `abstain` refuses, or the answer already declines."""
    if draft.abstained or not draft.text.strip() or is_abstention(draft.text) or not draft.report.claims:
        return True
    return grounded_share(draft.report) < threshold


def quote(draft: Draft, threshold: float = QUOTE_THRESHOLD, abstain_threshold: float = 0.5) -> Draft:
    """Answer with the evidence sentences that best answer the question instead of refusing.

    Acts only on a draft that `abstain` (with `abstain_threshold`) would refuse, or that already
    declines, and only when the best sentence of the evidence scores at least `threshold`
    (`grounding.mitigate.quotes.rank_quotes`); otherwise the draft is left for `abstain`. The runner-up is
    quoted too when it clears the threshold: on dev questions the best sentence held the answer
    for 39% of HaluEval questions, the best two for 59%. Each quote is the sentence verbatim,
    framed as a quote and cited, so its claim is supported by construction: a sentence of the
    knowledge base entails itself. Its verdict says so (`scores["quoted"]`), and the pipeline
    does not send it through the verifier again.
    """
    if draft.quoted or not draft.question or not draft.evidence or not _would_abstain(draft, abstain_threshold):
        return draft
    chosen = [q for q in rank_quotes(draft.question, draft.evidence)[:MAX_QUOTES] if q.score >= threshold]
    if not chosen:
        return draft
    text, sentences, claims = "", [], []
    for i, found in enumerate(chosen):
        lead = QUOTE_PREFIX if i == 0 else QUOTE_NEXT
        body = found.text.removesuffix(".").rstrip()
        start = len(text) + 1 if text else 0
        text = f'{text} {lead} "{body}".' if text else f'{lead} "{body}".'
        number = found.item + 1
        sentences.append(CitedSentence(index=i, start=start, end=len(text), text=text[start:], citations=[number]))
        at = start + len(lead) + 2
        claims.append(
            ClaimVerdict(
                claim=Claim(index=i, text=found.text, start=at, end=at + len(body), sentence=i),
                verdict=Verdict.SUPPORTED,
                confidence=1.0,
                method=Method.ENTAILMENT,
                reason=f"Quoted verbatim from evidence [{number}]; a sentence of the knowledge base entails itself.",
                citations=[Citation(evidence=draft.evidence[found.item], start=found.start, end=found.end)],
                scores={"quoted": 1.0, "relevance": round(found.score, 4)},
            )
        )
    quoted = draft.model_copy(
        update={
            "text": text,
            "sentences": sentences,
            "report": _rebuilt(empty_report(text, draft.question), text, claims),
            "abstained": False,
            "annotated": False,
            "quoted": True,
        }
    )
    numbers = ", ".join(f"[{q.item + 1}] ({q.score:.2f})" for q in chosen)
    reason = (
        f"Nothing grounded was left to show; the evidence most relevant to the question, {numbers}, "
        f"scores at least {threshold:.2f}, so it is quoted verbatim instead of an answer."
    )
    change = Change(
        policy="quote", before=render(draft) if draft.text.strip() else "", after=render(quoted), reason=reason
    )
    return quoted.model_copy(update={"changes": [*draft.changes, change]})


def abstain(draft: Draft, threshold: float = 0.5) -> Draft:
    """Say honestly that there is too little grounded information, instead of a weak answer.

    An answer that already declines ("I don't know") is kept as it is. Otherwise the draft
    abstains when under `threshold` of its claims are supported, or when it states nothing
    checkable at all (everything was stripped, or only filler is left).
    """
    if draft.abstained:
        return draft
    if draft.text.strip() and is_abstention(draft.text):
        return draft.model_copy(update={"abstained": True})
    if not _would_abstain(draft, threshold):
        return draft
    share = grounded_share(draft.report)
    if not draft.report.claims:
        reason = "Nothing checkable is left in the answer." if draft.text.strip() else "Nothing is left of the answer."
    else:
        supported = sum(c.verdict == Verdict.SUPPORTED for c in draft.report.claims)
        reason = (
            f"Only {supported} of {len(draft.report.claims)} claims are supported ({share:.0%}), "
            f"under the {threshold:.0%} threshold."
        )
    cited = parse_answer(ABSTENTION_ANSWER)
    return draft.model_copy(
        update={
            "text": cited.text,
            "sentences": cited.sentences,
            "report": empty_report(cited.text, draft.question),
            "abstained": True,
            "changes": [
                *draft.changes,
                Change(policy="abstain", before=render(draft), after=ABSTENTION_ANSWER, reason=reason),
            ],
        }
    )


def _better(new: Draft, old: Draft) -> bool:
    """A new draft wins with a larger grounded share, or as many grounded claims and fewer failing."""
    if new.abstained and not old.abstained:
        return grounded_share(old.report) == 0.0
    failing_new = sum(c.verdict != Verdict.SUPPORTED for c in new.report.claims)
    failing_old = sum(c.verdict != Verdict.SUPPORTED for c in old.report.claims)
    return (grounded_share(new.report), -failing_new) > (grounded_share(old.report), -failing_old)


def regenerate(llm: BaseChatModel, verifier: Verifier, max_rounds: int = 2) -> Policy:
    """A policy that sends the failed claims back to the LLM with the evidence and re-verifies.

    At most `max_rounds` rounds; it stops as soon as every claim is supported, and it only ever
    replaces the draft with a better-grounded one, so a worse retry changes nothing.
    """

    def policy(draft: Draft) -> Draft:
        current = draft
        for round_number in range(1, max_rounds + 1):
            failed = [c for c in current.report.claims if c.verdict != Verdict.SUPPORTED]
            if current.abstained or not failed:
                break
            messages = build_repair_messages(
                current.question or "",
                render(current),
                [(c.claim.text, c.reason) for c in failed],
                current.evidence,
            )
            raw = _content(llm.invoke(messages))
            cited = parse_answer(raw)
            if not cited.text.strip():
                break
            if is_abstention(cited.text):
                report = empty_report(cited.text, current.question)
            else:
                report = verifier.verify(cited.text, question=current.question)
            candidate = make_draft(cited, report, current.evidence, current.question)
            if not _better(candidate, current):
                break
            change = Change(
                policy="regenerate",
                before=render(current),
                after=render(candidate),
                reason=f"Round {round_number}: {len(failed)} claim(s) failed verification; the new answer "
                f"has {grounded_share(candidate.report):.0%} of its claims supported.",
            )
            current = candidate.model_copy(
                update={"changes": [*current.changes, change], "annotated": current.annotated}
            )
        return current

    policy.__name__ = "regenerate"
    return policy


def _content(message: object) -> str:
    content = getattr(message, "content", message)
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(
            b if isinstance(b, str) else str(b.get("text", "")) for b in content if isinstance(b, str | dict)
        )
    return str(content)


# -- chains and rendering --------------------------------------------------------------------------


def build_policies(
    names: Sequence[str | Policy],
    *,
    llm: BaseChatModel | None = None,
    verifier: Verifier | None = None,
    max_rounds: int = 2,
    abstain_threshold: float = 0.5,
    quote_threshold: float = QUOTE_THRESHOLD,
) -> list[Policy]:
    """Policies by name (or ready callables), in order; `regenerate` needs the LLM and verifier.

    `quote` shares `abstain_threshold` with `abstain`: it steps in exactly where `abstain` would refuse.
    """
    policies: list[Policy] = []
    for name in names:
        if callable(name):
            policies.append(name)
        elif name == "annotate":
            policies.append(annotate)
        elif name == "correct":
            policies.append(correct)
        elif name == "strip":
            policies.append(strip)
        elif name in ("abstain", "quote") and not 0.0 <= abstain_threshold <= 1.0:
            raise InputError(f"abstain threshold must be within 0..1, got {abstain_threshold}")
        elif name == "abstain":
            policies.append(functools.partial(abstain, threshold=abstain_threshold))
        elif name == "quote":
            policies.append(functools.partial(quote, threshold=quote_threshold, abstain_threshold=abstain_threshold))
        elif name == "regenerate":
            if llm is None or verifier is None:
                raise InputError("the 'regenerate' policy needs an LLM and a verifier")
            if max_rounds < 1:
                raise InputError(f"regenerate needs at least one round, got {max_rounds}")
            policies.append(regenerate(llm, verifier, max_rounds))
        else:
            raise InputError(f"unknown mitigation policy {name!r}; choose from {', '.join(POLICIES)}")
    return policies


def mitigate(draft: Draft, policies: Sequence[Policy]) -> Draft:
    for policy in policies:
        draft = policy(draft)
    return draft


def render(draft: Draft) -> str:
    """The answer as shown: citations `[n]` back in place and, once annotated, each claim's verdict."""
    inserts = [(at, 0, marker) for at, marker in citation_inserts(draft.text, draft.sentences)]
    if draft.annotated:
        inserts += [(at, 1, tag) for at, tag in (_tagged(draft.text, v) for v in draft.report.claims)]
    text = draft.text
    for at, _, marker in sorted(inserts, reverse=True):
        text = text[:at] + marker + text[at:]
    return text
