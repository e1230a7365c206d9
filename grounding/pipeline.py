"""Question answering end to end: retrieve, generate, verify, mitigate.

The answer comes from the knowledge graph when it can answer a factoid question confidently (no
hallucination possible), otherwise from the LLM prompted with the retrieved evidence. Either way
the answer is verified claim by claim, the mitigation chain fixes, removes or replaces what is not
grounded, and the final text is verified again, so what reaches the user is either supported by
the knowledge base, a verbatim quote of it (`quote`), or an honest "I don't have enough grounded
information".
"""

from __future__ import annotations

import functools
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from langchain_core.language_models import BaseChatModel
from pydantic import BaseModel, ValidationError

from grounding.answer.prompts import MAX_ITEM_CHARS, build_messages
from grounding.mitigate.citations import (
    CitationCheck,
    CitedAnswer,
    CitedSentence,
    check_citations,
    parse_answer,
    render_answer,
)
from grounding.mitigate.policies import (
    ABSTENTION_ANSWER,
    DEFAULT_CHAIN,
    POLICIES,
    Change,
    Draft,
    Policy,
    abstain,
    build_policies,
    drop_echoes,
    empty_report,
    grounded_share,
    make_draft,
    mitigate,
    quote,
    render,
)
from grounding.mitigate.quotes import QUOTE_THRESHOLD
from grounding.registry import ANSWERERS as REGISTERED_ANSWERERS
from grounding.types import AskResult, Citation, ClaimVerdict, Evidence, Method, Verdict, VerificationReport
from grounding.verify.claims import is_abstention
from grounding.verify.nli import DEFAULT_VERIFIER_MODEL
from grounding.verify.relevance import judge_relevance
from grounding.verify.verifier import Verifier, VerifierOptions, VerifyItem, as_evidence
from knowledge.errors import GroundQAError, InputError, ModelError
from knowledge.retriever import RetrievalOptions

if TYPE_CHECKING:
    from grounding.answer.graph import GraphAnswer
    from knowledge.kb import KnowledgeBase

__all__ = ["ANSWERERS", "AskResult", "Pipeline"]

ANSWERERS = REGISTERED_ANSWERERS.names()
MAX_QUESTION_CHARS = 2_000
MAX_CITED_PER_SENTENCE = 3
# A grounded answer is a sentence or three: every gold answer SmolLM2 got right on the dev/test runs
# began within its first 160 characters (about 40 tokens), while the rest ran on to 256 tokens.
MAX_NEW_TOKENS = 96
AnswererName = str  # a name in grounding.registry.ANSWERERS


class _Candidate(BaseModel):
    """One answer on its way through verification: who wrote it and what it cites."""

    answerer: Literal["graph", "llm"]
    raw: str
    cited: CitedAnswer
    report: VerificationReport | None = None


class Pipeline:
    """Holds the KB, the verifier and the (lazily loaded) LLM; `ask` may be called repeatedly.

    `answerer` picks who writes the answer: "graph" only the graph answerer (abstaining when it
    has no confident answer), "llm" only the LLM, "auto" the graph when its confidence reaches
    `graph_confidence` and the LLM otherwise, "both" each of them, keeping the better-grounded
    answer. `mitigation` names the policies of `grounding.mitigate.policies` (or gives callables) in the
    order they run; `top_k` is how many retrieved items the prompt shows.
    """

    def __init__(
        self,
        kb: KnowledgeBase,
        llm: str | BaseChatModel = "default",
        verifier: Verifier | None = None,
        mitigation: Sequence[str | Policy] = DEFAULT_CHAIN,
        answerer: AnswererName = "auto",
        cache_dir: Path | None = None,
        top_k: int | None = None,
        *,
        retrieval: RetrievalOptions | None = None,
        verifier_model: str = DEFAULT_VERIFIER_MODEL,
        verifier_options: VerifierOptions | None = None,
        graph_confidence: float = 0.5,
        max_hops: int = 3,
        abstain_threshold: float = 0.5,
        quote_threshold: float = QUOTE_THRESHOLD,
        max_rounds: int = 2,
        check_citations: bool = True,
        max_new_tokens: int = MAX_NEW_TOKENS,
        temperature: float = 0.0,
        prompt_chars: int = MAX_ITEM_CHARS,
        device: str = "auto",
    ) -> None:
        REGISTERED_ANSWERERS.get(answerer)  # an unknown name fails here, listing the choices
        for name in mitigation:
            if isinstance(name, str) and name not in POLICIES:
                raise InputError(f"unknown mitigation policy {name!r}; choose from {', '.join(POLICIES)}")
        if not 0.0 <= graph_confidence <= 1.0 or not 0.0 <= abstain_threshold <= 1.0:
            raise InputError("graph_confidence and abstain_threshold must lie within 0..1")
        if isinstance(llm, str):
            from grounding.answer.llm import parse_spec

            parse_spec(llm)  # a bad spec fails here, before any question is asked
        self.kb = kb
        self.llm_spec = llm
        self.verifier = verifier or Verifier(kb, model=verifier_model, options=verifier_options, device=device)
        self.mitigation = tuple(mitigation)
        self.answerer = answerer
        self.cache_dir = Path(cache_dir) if cache_dir is not None else Path.home() / ".cache" / "groundqa"
        self.retrieval = _retrieval_options(retrieval, top_k)
        self.graph_confidence = graph_confidence
        self.max_hops = max_hops
        self.abstain_threshold = abstain_threshold
        self.quote_threshold = quote_threshold
        self.max_rounds = max_rounds
        self.check_citations = check_citations
        self.max_new_tokens = max_new_tokens
        self.temperature = temperature
        self.prompt_chars = prompt_chars
        self.device = device

    @functools.cached_property
    def llm(self) -> BaseChatModel:
        """Loaded on first use: a question the graph answers never pays for the LLM."""
        from grounding.answer.llm import load_chat_model

        return load_chat_model(
            self.llm_spec,
            self.cache_dir,
            self.device,
            max_new_tokens=self.max_new_tokens,
            temperature=self.temperature,
        )

    @functools.cached_property
    def policies(self) -> list[Policy]:
        needs_llm = "regenerate" in self.mitigation
        return build_policies(
            self.mitigation,
            llm=self.llm if needs_llm else None,
            verifier=self.verifier,
            max_rounds=self.max_rounds,
            abstain_threshold=self.abstain_threshold,
            quote_threshold=self.quote_threshold,
        )

    @functools.cached_property
    def fallback(self) -> list[Policy]:
        """What replaces an answer with nothing grounded left: a quote when the chain has `quote`, else a refusal."""
        names = ["quote", "abstain"] if "quote" in self.mitigation else ["abstain"]
        return build_policies(names, abstain_threshold=self.abstain_threshold, quote_threshold=self.quote_threshold)

    # -- entry points ----------------------------------------------------------------------------

    def ask(self, question: str, documents: Sequence[Evidence | str] | None = None) -> AskResult:
        """`documents`, when given, are the evidence the answer is written from and checked against
        (instead of a KB search): the LLM answers from them (the graph answerer, which reads only
        the KB, stands aside) and the graph checker still holds every claim to the KB's facts."""
        result = None
        for item in self._run(question, streaming=False, documents=documents):
            if isinstance(item, AskResult):
                result = item
        if result is None:  # _run always ends with a result; this guards a refactoring slip
            raise GroundQAError("the pipeline produced no result")
        return result

    def stream(self, question: str, documents: Sequence[Evidence | str] | None = None) -> Iterator[str | AskResult]:
        """Chunks of the raw answer as they are generated, then the verified `AskResult`."""
        yield from self._run(question, streaming=True, documents=documents)

    # -- the stages ------------------------------------------------------------------------------

    def _run(
        self, question: str, streaming: bool, documents: Sequence[Evidence | str] | None = None
    ) -> Iterator[str | AskResult]:
        question = _checked_question(question)
        given = as_evidence(documents) if documents is not None else None
        timings: dict[str, float] = {}
        started = time.perf_counter()

        clock = time.perf_counter()
        evidence = list(given) if given is not None else self.kb.search(question, self.retrieval)
        timings["retrieve"] = _ms(clock)

        clock = time.perf_counter()
        graph_answer = self._graph_answer(question) if self.answerer != "llm" and given is None else None
        timings["graph"] = _ms(clock)
        graph_off_question = (
            graph_answer is not None and not judge_relevance(question, graph_answer.answer).answers_question
        )
        if graph_off_question and self.answerer == "graph":
            graph_answer = None  # "the capital of X" for "the population of X's capital": abstain instead

        use_llm = self.answerer in ("llm", "both") or (
            self.answerer == "auto" and (graph_answer is None or graph_off_question)
        )
        if use_llm:
            clock = time.perf_counter()
            self._load_llm()
            timings["load_llm"] = _ms(clock)

        clock = time.perf_counter()
        candidates: list[_Candidate] = []
        if graph_answer is not None:
            evidence = _with(evidence, graph_answer.citations)
            candidates.append(_graph_candidate(graph_answer, evidence))
        if use_llm:
            raw = yield from self._generate(question, evidence, streaming)
            candidates.append(_Candidate(answerer="llm", raw=raw, cited=parse_answer(raw)))
        elif candidates and streaming:
            yield candidates[0].raw
        timings["generate"] = _ms(clock)

        if not candidates:  # answerer "graph" and the graph had no confident answer
            timings["total"] = _ms(started)
            yield _graph_abstention(question, evidence, timings)
            return

        clock = time.perf_counter()
        self._verify(question, candidates, graph_answer, given)
        chosen, choice = self._choose(candidates, graph_answer)
        timings["verify"] = _ms(clock)

        clock = time.perf_counter()
        draft = make_draft(chosen.cited, chosen.report, evidence, question)
        if chosen.answerer == "llm":
            draft = drop_echoes(draft)
        draft = self._mitigate(draft, graph_answer if chosen.answerer == "graph" else None, given)
        relevance = judge_relevance(question, draft.text)
        if not draft.abstained and not relevance.answers_question:
            draft = self._off_question(draft, relevance.reason)
            relevance = judge_relevance(question, draft.text)
        timings["mitigate"] = _ms(clock)

        clock = time.perf_counter()
        checks: list[CitationCheck] = []
        if not draft.abstained and not draft.quoted and chosen.answerer == "llm" and self.check_citations:
            checks = check_citations(self.verifier, _as_cited(draft), draft.evidence, question)
        if not draft.abstained:
            draft = _cite_verified(draft, checks)
        timings["cite"] = _ms(clock)
        timings["total"] = _ms(started)

        yield AskResult(
            question=question,
            answer=render(draft),
            raw_answer=chosen.raw,
            raw_report=chosen.report,
            report=draft.report,
            evidence=draft.evidence,
            sentences=draft.sentences,
            citation_checks=checks,
            changes=draft.changes,
            quoted=draft.quoted,
            answerer=chosen.answerer,
            graph_answer=graph_answer,
            choice=choice,
            timings_ms={key: round(value, 2) for key, value in timings.items()},
            abstained=draft.abstained,
            answers_question=relevance.answers_question and not draft.abstained,
            relevance_reason=relevance.reason,
        )

    def _off_question(self, draft: Draft, why: str) -> Draft:
        """A grounded answer to another question is no answer: quote the evidence if that answers, else abstain."""
        declined = abstain(draft, threshold=1.01)
        change = declined.changes[-1].model_copy(update={"reason": f"The answer does not answer the question: {why}"})
        declined = declined.model_copy(update={"changes": [*declined.changes[:-1], change]})
        if "quote" in self.mitigation:
            quoted = quote(declined, threshold=self.quote_threshold, abstain_threshold=1.0)
            if quoted.quoted and judge_relevance(draft.question or "", quoted.text).answers_question:
                return quoted
        return declined

    def _graph_answer(self, question: str) -> GraphAnswer | None:
        try:
            from grounding.answer.graph import answer_from_graph
        except ImportError:  # a build without the graph answerer still answers with the LLM
            if self.answerer == "graph":
                raise ModelError("answerer 'graph' needs grounding.answer.graph, which is not installed") from None
            return None
        return answer_from_graph(self.kb, question, max_hops=self.max_hops, min_confidence=self.graph_confidence)

    def _load_llm(self) -> BaseChatModel:
        """Loading is timed apart from generating: the first question pays it, later ones do not."""
        try:
            return self.llm
        except GroundQAError:
            raise
        except Exception as exc:  # backends raise their own errors while loading
            raise ModelError(f"cannot load the LLM {self.llm_spec!r}: {exc}") from exc

    def _generate(self, question: str, evidence: list[Evidence], streaming: bool) -> Iterator[str]:
        """Yields chunks when streaming; returns the whole raw answer either way."""
        messages = build_messages(question, evidence[: self.retrieval.k], self.prompt_chars)
        try:
            if not streaming:
                return _text(self.llm.invoke(messages).content)
            parts: list[str] = []
            for chunk in self.llm.stream(messages):
                piece = _text(chunk.content)
                if piece:
                    parts.append(piece)
                    yield piece
            return "".join(parts)
        except GroundQAError:
            raise
        except Exception as exc:  # any backend (transformers, llama.cpp, an HTTP endpoint) may fail
            raise ModelError(f"the LLM could not answer: {exc}") from exc

    def _verify(
        self,
        question: str,
        candidates: list[_Candidate],
        graph_answer: GraphAnswer | None,
        given: list[Evidence] | None = None,
    ) -> None:
        """Every candidate with something to check is verified in one batch."""
        checkable = [c for c in candidates if c.cited.text.strip() and not is_abstention(c.cited.text)]
        reports = (
            self.verifier.verify_many(
                [VerifyItem(answer=c.cited.text, question=question, evidence=given) for c in checkable]
            )
            if checkable
            else []
        )
        for candidate, report in zip(checkable, reports, strict=True):
            candidate.report = report
        for candidate in candidates:
            if candidate.report is None:
                candidate.report = empty_report(candidate.cited.text, question)
            elif candidate.answerer == "graph" and graph_answer is not None:
                candidate.report = _derived_from_graph(candidate.report, graph_answer)

    def _choose(self, candidates: list[_Candidate], graph_answer: GraphAnswer | None) -> tuple[_Candidate, str]:
        if len(candidates) == 1:
            only = candidates[0]
            if only.answerer == "graph":
                return only, (
                    f"The graph answered with confidence {graph_answer.confidence:.2f} "
                    f"(at least {self.graph_confidence:.2f}), so the LLM was not needed."
                )
            if self.answerer == "llm":
                return only, "The LLM answered from the retrieved evidence (answerer 'llm')."
            return only, (
                f"The graph answerer had no answer with confidence of at least {self.graph_confidence:.2f}; "
                "the LLM answered from the retrieved evidence."
            )
        on_question = {
            id(c): judge_relevance(c.report.question or "", c.cited.text).answers_question for c in candidates
        }
        ranked = sorted(candidates, key=lambda c: (on_question[id(c)], _grounding_rank(c.report)), reverse=True)
        best, other = ranked[0], ranked[1]
        if on_question[id(best)] != on_question[id(other)]:
            return best, (
                f"Kept the {best.answerer} answer over the {other.answerer} answer: only it answers the question asked."
            )
        if _grounding_rank(best.report) == _grounding_rank(other.report):
            best, other = (candidates[0], candidates[1]) if candidates[0].answerer == "graph" else candidates[::-1]
            why = "both are equally grounded and the graph's answer cannot hallucinate"
        else:
            why = "it is better grounded"
        return best, (
            f"Kept the {best.answerer} answer ({_grounding_summary(best.report)}) over the "
            f"{other.answerer} answer ({_grounding_summary(other.report)}): {why}."
        )

    def _mitigate(self, draft: Draft, graph_answer: GraphAnswer | None, given: list[Evidence] | None = None) -> Draft:
        """Run the chain, verify the result again, and run it once more if the new report disagrees.

        A quote is never verified again: it is the evidence itself (see `mitigation.quote`).
        """
        original = draft.text
        for _ in range(2):
            draft = mitigate(draft, self.policies)
            if draft.abstained or draft.quoted or draft.text == original:
                break
            if not draft.text.strip():
                break
            report = self.verifier.verify(draft.text, question=draft.question, evidence=given)
            if graph_answer is not None:
                report = _derived_from_graph(report, graph_answer)
            draft = draft.model_copy(update={"report": report})
            if report.grounded or not {"strip", "abstain"} & {p for p in self.mitigation if isinstance(p, str)}:
                break
            original = draft.text
        if draft.abstained or draft.quoted:
            return draft
        if not draft.text.strip():
            return mitigate(draft, self.fallback)
        if "strip" in self.mitigation and not draft.report.grounded:
            if "quote" in self.mitigation:
                quoted = quote(draft, threshold=self.quote_threshold, abstain_threshold=1.0)
                if quoted.quoted:
                    return quoted
            return _abstain_unresolved(draft)
        return draft


# -- helpers ---------------------------------------------------------------------------------------


def _retrieval_options(options: RetrievalOptions | None, top_k: int | None) -> RetrievalOptions:
    """`top_k` (8 unless `options` says otherwise) is how many evidence items the prompt shows."""
    base = options or RetrievalOptions()
    try:
        return RetrievalOptions.model_validate({**base.model_dump(), "k": top_k if top_k is not None else base.k})
    except ValidationError as exc:
        raise InputError(f"invalid top_k {top_k}: {exc.errors()[0]['msg']}") from exc


def _checked_question(question: str) -> str:
    if not isinstance(question, str) or not question.strip():
        raise InputError("the question is empty; ask something")
    question = " ".join(question.split())
    if len(question) > MAX_QUESTION_CHARS:
        raise InputError(f"the question has {len(question)} characters, over {MAX_QUESTION_CHARS}")
    return question


def _text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(
            b if isinstance(b, str) else str(b.get("text", "")) for b in content if isinstance(b, str | dict)
        )
    return str(content or "")


def _with(evidence: list[Evidence], extra: Sequence[Evidence]) -> list[Evidence]:
    """Evidence with `extra` appended where missing; existing numbers keep their meaning."""
    seen = {e.id for e in evidence}
    merged = list(evidence)
    for item in extra:
        if item.id not in seen:
            merged.append(item)
            seen.add(item.id)
    return merged


def _number(evidence: list[Evidence], item: Evidence) -> int | None:
    return next((n for n, e in enumerate(evidence, start=1) if e.id == item.id), None)


def _graph_candidate(answer: GraphAnswer, evidence: list[Evidence]) -> _Candidate:
    """The graph's answer with citations: each sentence cites the facts it states, else all of them."""
    cited = parse_answer(answer.answer)
    everything = sorted(n for n in (_number(evidence, c) for c in answer.citations) if n is not None)
    sentences = []
    for sentence in cited.sentences:
        own = [n for n in everything if _same_words(evidence[n - 1].text, sentence.text)]
        sentences.append(sentence.model_copy(update={"citations": own or everything}))
    cited = cited.model_copy(update={"sentences": sentences})
    return _Candidate(answerer="graph", raw=render_answer(cited.text, sentences), cited=cited)


def _same_words(a: str, b: str) -> bool:
    return " ".join(a.lower().split()).rstrip(".") == " ".join(b.lower().split()).rstrip(".")


def _derived_from_graph(report: VerificationReport, answer: GraphAnswer) -> VerificationReport:
    """Claims of a graph answer that the checkers could not decide are supported by its path.

    The verifier judges one claim against single facts and passages; a multi-hop answer ("the
    capital of the country where Sydney is") is true by the chain of facts the graph answerer
    followed, which it cites. A claim the verifier contradicts stays contradicted.
    """
    from grounding.verify.scoring import answer_risk

    path = " ".join(c.text for c in answer.citations)
    claims: list[ClaimVerdict] = []
    for verdict in report.claims:
        if verdict.verdict == Verdict.UNVERIFIABLE and answer.citations:
            verdict = verdict.model_copy(
                update={
                    "verdict": Verdict.SUPPORTED,
                    "confidence": answer.confidence,
                    "method": Method.GRAPH,
                    "reason": f"Read off the graph along {answer.hops} hop(s): {path}",
                    "citations": [Citation(evidence=c) for c in answer.citations],
                    "scores": {**verdict.scores, "graph_answer": answer.confidence},
                }
            )
        claims.append(verdict)
    counts = {v: sum(c.verdict == v for c in claims) for v in Verdict}
    return report.model_copy(
        update={
            "claims": claims,
            "counts": counts,
            "grounded": all(c.verdict == Verdict.SUPPORTED for c in claims),
            "hallucination_score": round(answer_risk(claims, None, report.uncovered_share), 4),
            "answer_support": None,  # the graph path decides a graph answer, not the passages read whole
        }
    )


def _grounding_rank(report: VerificationReport | None) -> tuple[float, int, int]:
    if report is None:
        return (0.0, 0, 0)
    supported = sum(c.verdict == Verdict.SUPPORTED for c in report.claims)
    contradicted = sum(c.verdict == Verdict.CONTRADICTED for c in report.claims)
    return (grounded_share(report), supported, -contradicted)


def _grounding_summary(report: VerificationReport | None) -> str:
    if report is None or not report.claims:
        return "no checkable claim"
    supported = sum(c.verdict == Verdict.SUPPORTED for c in report.claims)
    return f"{supported} of {len(report.claims)} claims supported"


def _as_cited(draft: Draft) -> CitedAnswer:
    return CitedAnswer(raw=render(draft), text=draft.text, sentences=draft.sentences)


def _cite_verified(draft: Draft, checks: list[CitationCheck]) -> Draft:
    """Every sentence of the final answer cites what verified it.

    A sentence whose own citations failed the check, or that cites nothing, gets the evidence the
    verifier used to support its claims instead (added to the evidence list where missing).
    """
    failed = {check.sentence for check in checks if check.valid is False}
    evidence = list(draft.evidence)
    sentences: list[CitedSentence] = []
    changes = list(draft.changes)
    for sentence in draft.sentences:
        claims = [v for v in draft.report.claims if sentence.start <= v.claim.start < sentence.end]
        keep = sentence.citations and sentence.index not in failed
        if keep or not claims or any(v.verdict != Verdict.SUPPORTED for v in claims):
            sentences.append(sentence)
            continue
        items: list[Evidence] = []
        for verdict in claims:
            for citation in verdict.citations:
                if citation.evidence.id not in {i.id for i in items}:
                    items.append(citation.evidence)
        evidence = _with(evidence, items[:MAX_CITED_PER_SENTENCE])
        numbers = [n for n in (_number(evidence, i) for i in items[:MAX_CITED_PER_SENTENCE]) if n is not None]
        if numbers == sentence.citations:
            sentences.append(sentence)
            continue
        reason = (
            "The cited evidence does not support the sentence; cited what verified it instead."
            if sentence.citations
            else "The sentence cited nothing; cited what verified it."
        )
        changes.append(
            Change(
                policy="cite",
                before=_marked(sentence.text, sentence.citations),
                after=_marked(sentence.text, numbers),
                reason=reason,
            )
        )
        sentences.append(sentence.model_copy(update={"citations": numbers}))
    return draft.model_copy(update={"sentences": sentences, "evidence": evidence, "changes": changes})


def _marked(text: str, numbers: list[int]) -> str:
    return render_answer(text, [CitedSentence(index=0, start=0, end=len(text), text=text, citations=numbers)])


def _abstain_unresolved(draft: Draft) -> Draft:
    """The last guard: a stripped answer that still fails verification is not shown at all."""
    failing = [v for v in draft.report.claims if v.verdict != Verdict.SUPPORTED]
    abstained = abstain(draft, threshold=1.0)
    change = abstained.changes[-1].model_copy(
        update={
            "reason": f"Verifying the mitigated answer still found {len(failing)} unsupported claim(s), "
            f"e.g. {failing[0].claim.text!r}: {failing[0].reason}"
        }
    )
    return abstained.model_copy(update={"changes": [*abstained.changes[:-1], change]})


def _graph_abstention(question: str, evidence: list[Evidence], timings: dict[str, float]) -> AskResult:
    report = empty_report(ABSTENTION_ANSWER, question)
    cited = parse_answer(ABSTENTION_ANSWER)
    return AskResult(
        question=question,
        answer=ABSTENTION_ANSWER,
        raw_answer="",
        raw_report=empty_report("", question),
        report=report,
        evidence=evidence,
        sentences=cited.sentences,
        changes=[
            Change(
                policy="abstain",
                before="",
                after=ABSTENTION_ANSWER,
                reason="The graph answerer found no confident answer.",
            )
        ],
        answerer="graph",
        choice="Answerer 'graph': the graph has no answer with enough confidence that answers the question, "
        "so there is none.",
        timings_ms={key: round(value, 2) for key, value in timings.items()},
        abstained=True,
        answers_question=False,
        relevance_reason="The answer declines to answer.",
    )


def _ms(since: float) -> float:
    return (time.perf_counter() - since) * 1000.0
