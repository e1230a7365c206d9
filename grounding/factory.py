"""Settings -> ready objects. The CLI, the HTTP service and the page build through these, so the
three entry points open the same knowledge base and configure the same verifier and pipeline."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from grounding.registry import POLICIES
from grounding.settings import Settings

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from grounding.pipeline import AnswererName, Pipeline
    from grounding.verify.verifier import Verifier
    from knowledge.kb import BuildOptions, KnowledgeBase
    from knowledge.retriever import RetrievalOptions

DEFAULT_MITIGATION = POLICIES.defaults()


def open_kb(settings: Settings, progress: bool = True) -> KnowledgeBase:
    """The configured KB; the demo KB is built on first use."""
    from knowledge.kb import KnowledgeBase

    if settings.uses_demo_kb:
        from knowledge.demo_kb import ensure_demo_kb

        return ensure_demo_kb(settings.kb_dir, progress=progress)
    return KnowledgeBase.open(settings.kb_dir)


def build_options(settings: Settings) -> BuildOptions:
    from knowledge.kb import BuildOptions

    return BuildOptions(
        embedding_model=settings.embedding_model,
        chunk_size=settings.chunk_size,
        chunk_overlap=settings.chunk_overlap,
        index_kind=settings.index_kind,
        device=settings.device,
        max_document_chars=settings.max_document_chars,
        graph_store=settings.graph_store,
        vector_store=settings.vector_store,
    )


def retrieval_options(settings: Settings, k: int | None = None) -> RetrievalOptions:
    from knowledge.retriever import RetrievalOptions

    return RetrievalOptions(
        k=k or settings.top_k,
        passage_weight=settings.passage_weight,
        fact_weight=settings.fact_weight,
        rrf_k=settings.rrf_k,
        hops=settings.hops,
    )


def make_verifier(
    settings: Settings,
    knowledge_base: KnowledgeBase | None,
    use_graph: bool = True,
    judge_llm: str | BaseChatModel | None = None,
) -> Verifier:
    """`judge_llm` (a backend spec or chat model) turns on the LLM judge for claims the checkers leave open."""
    from grounding.verify.verifier import Verifier, VerifierOptions

    judge = None
    if judge_llm is not None:
        from grounding.answer.llm import load_chat_model
        from grounding.verify.checkers.llm_judge import LLMJudge

        chat = (
            load_chat_model(judge_llm, settings.home / "models", settings.device)
            if isinstance(judge_llm, str)
            else judge_llm
        )
        judge = LLMJudge(chat)
    return Verifier(
        kb=knowledge_base,
        model=settings.verifier_model,
        options=VerifierOptions(
            use_graph=use_graph,
            use_llm=judge is not None,
            support_threshold=settings.support_threshold,
            contradiction_threshold=settings.contradiction_threshold,
        ),
        judge=judge,
        device=settings.device,
        runtime=settings.verifier_runtime,
    )


WARM_UP_ANSWER = "Paris is the capital of France."


def warm_up(verifier: Verifier) -> None:
    """Load every lazily loaded model and index now (embeddings, linker, graph view, NLI), so the first
    real request does not pay seconds of loading; servers call this before they report ready."""
    if verifier.kb is not None:
        verifier.kb.search(WARM_UP_ANSWER)
    verifier.verify(WARM_UP_ANSWER, evidence=None if verifier.kb is not None else [WARM_UP_ANSWER])
    verifier.nli  # noqa: B018  (loads the cross-encoder even when the graph decided every claim)


def make_pipeline(
    settings: Settings,
    knowledge_base: KnowledgeBase,
    *,
    llm: str | BaseChatModel = "default",
    answerer: AnswererName = "auto",
    mitigation: Sequence[str] = DEFAULT_MITIGATION,
    k: int | None = None,
    verifier: Verifier | None = None,
) -> Pipeline:
    """A pipeline over `knowledge_base`; pass `verifier` to share one (and its loaded model) between pipelines."""
    from grounding.pipeline import Pipeline

    return Pipeline(
        knowledge_base,
        llm=llm,
        verifier=verifier or make_verifier(settings, knowledge_base),
        mitigation=tuple(mitigation),
        answerer=answerer,
        cache_dir=settings.home / "models",
        retrieval=retrieval_options(settings, k),
        device=settings.device,
    )


def parse_mitigation(text: str) -> tuple[str, ...]:
    """'correct, strip' -> ('correct', 'strip'); an unknown name fails here, before any model loads."""
    return POLICIES.parse(text)
