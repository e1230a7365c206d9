"""groundqa inside LangChain: the pipeline and the verifier as runnables, and a callback handler.

Users who already run a LangChain chain add verification to it instead of moving to our CLI or
HTTP API. `GroundedQA` is the whole pipeline (retrieve, answer, verify, mitigate); `VerifyAnswer`
checks an answer some other chain wrote against the documents that chain retrieved, so it composes
in LCEL after any RAG chain; `GroundingCallbackHandler` verifies every LLM output of a run without
changing the chain at all.

    chain = {"context": retriever, "question": RunnablePassthrough()} | prompt | llm | StrOutputParser()
    checked = RunnableParallel(answer=chain, context=retriever, question=RunnablePassthrough()) | VerifyAnswer(verifier)
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any
from uuid import UUID

from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.documents import Document as LCDocument
from langchain_core.messages import BaseMessage
from langchain_core.outputs import ChatGeneration, LLMResult
from langchain_core.runnables import RunnableConfig, RunnableSerializable
from langchain_core.runnables.utils import AddableDict
from pydantic import BaseModel, ConfigDict, Field, field_validator

from grounding.mitigate.guard import GuardedAnswer, guard_answer
from grounding.registry import POLICIES
from grounding.text.pieces import answer_pieces
from grounding.types import AskResult, Evidence, EvidenceKind, VerificationReport
from knowledge.errors import InputError

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from grounding.pipeline import Pipeline
    from grounding.verify.verifier import Verifier
    from knowledge.kb import KnowledgeBase

__all__ = [
    "GroundedQA",
    "GroundingCallbackHandler",
    "LLMVerification",
    "GuardedAnswer",
    "VerifyAnswer",
    "to_evidence",
]


def to_evidence(items: Sequence[LCDocument | Evidence | str] | str | LCDocument) -> list[Evidence]:
    """What a RAG chain retrieved, as evidence.

    A Document from our own retriever carries its Evidence in `metadata` and keeps its id, source
    and provenance; any other Document or string becomes a passage whose source is its
    `metadata["source"]` (or "request").
    """
    if isinstance(items, str | LCDocument | Evidence):
        items = [items]
    if not isinstance(items, Sequence):
        raise InputError(f"context must be a list of Documents or strings, got {type(items).__name__}")
    evidence: list[Evidence] = []
    for i, item in enumerate(items):
        if isinstance(item, Evidence):
            evidence.append(item)
        elif isinstance(item, str):
            evidence.append(Evidence(id=f"given:{i}", kind=EvidenceKind.PASSAGE, text=item, source="request"))
        elif isinstance(item, LCDocument):
            evidence.append(_document_evidence(item, i))
        else:
            raise InputError(f"context item {i} is a {type(item).__name__}; give a Document or a string")
    return evidence


def _document_evidence(document: LCDocument, index: int) -> Evidence:
    metadata = document.metadata or {}
    if {"id", "kind", "source"} <= metadata.keys():
        try:
            return Evidence.model_validate({**metadata, "text": document.page_content})
        except ValueError:
            pass  # someone else's metadata with the same keys: treat it as a plain passage
    return Evidence(
        id=str(document.id or metadata.get("id") or f"given:{index}"),
        kind=EvidenceKind.PASSAGE,
        text=document.page_content,
        source=str(metadata.get("source") or "request"),
        title=metadata.get("title") if isinstance(metadata.get("title"), str) else None,
    )


def _text(value: Any, what: str) -> str:
    if isinstance(value, BaseMessage):
        value = value.text
    if not isinstance(value, str):
        raise InputError(f"{what} must be a string or a message, got {type(value).__name__}")
    return value


# -- the whole pipeline ----------------------------------------------------------------------------


class GroundedQA(RunnableSerializable[Any, dict[str, Any]]):
    """The grounded pipeline as a Runnable.

    Input: a question, or `{"question": ..., "documents": [...]}` where documents (Documents or
    strings) replace the KB search as the evidence to answer from. Output: a dict with `answer`
    (the final text, citations `[n]` in place), `citations` (citation `[n]` is `citations[n-1]`),
    `report` (the final answer's VerificationReport) and `result` (the full AskResult).
    `stream` yields the verified final answer in pieces and then the rest of the output; adding
    the chunks up gives what `invoke` returns. Nothing unverified is streamed.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    pipeline: Any = Field(description="A grounding.pipeline.Pipeline.")

    @classmethod
    def from_kb(cls, kb: KnowledgeBase, llm: str | BaseChatModel = "default", **options: Any) -> GroundedQA:
        """A pipeline over `kb`; `options` are Pipeline's (answerer, mitigation, verifier, ...)."""
        from grounding.pipeline import Pipeline

        return cls(pipeline=Pipeline(kb, llm=llm, **options))

    def invoke(self, input: Any, config: RunnableConfig | None = None, **kwargs: Any) -> dict[str, Any]:
        return self._call_with_config(self._ask, input, config, run_type="chain", **kwargs)

    def _ask(self, input: Any) -> dict[str, Any]:
        question, documents = _qa_input(input)
        return _qa_output(self._pipeline().ask(question, documents=documents))

    def stream(self, input: Any, config: RunnableConfig | None = None, **kwargs: Any) -> Iterator[dict[str, Any]]:
        yield from self.transform(iter([input]), config, **kwargs)

    def transform(
        self, input: Iterator[Any], config: RunnableConfig | None = None, **kwargs: Any
    ) -> Iterator[dict[str, Any]]:
        yield from self._transform_stream_with_config(input, self._stream_answer, config, **kwargs)

    def _stream_answer(self, inputs: Iterator[Any]) -> Iterator[dict[str, Any]]:
        question, documents = _qa_input(_whole(inputs))
        output = _qa_output(self._pipeline().ask(question, documents=documents))
        for piece in answer_pieces(output["answer"]):
            yield AddableDict(answer=piece)
        yield AddableDict({key: value for key, value in output.items() if key != "answer"})

    def _pipeline(self) -> Pipeline:
        from grounding.pipeline import Pipeline

        if not isinstance(self.pipeline, Pipeline):
            raise InputError(f"GroundedQA needs a grounding Pipeline, got {type(self.pipeline).__name__}")
        return self.pipeline


def _whole(chunks: Iterator[Any]) -> Any:
    """An upstream step that streams (an LLM writing the question, say) sends pieces: add them up."""
    whole: Any = None
    for chunk in chunks:
        if whole is None:
            whole = chunk
            continue
        try:
            whole = whole + chunk
        except TypeError:
            whole = chunk  # pieces that do not add up: the last one is the whole input
    if whole is None:
        raise InputError("GroundedQA got no input")
    return whole


def _qa_input(input: Any) -> tuple[str, list[Evidence] | None]:
    if isinstance(input, str):
        return input, None
    if isinstance(input, dict):
        if "question" not in input:
            raise InputError("GroundedQA input needs a 'question' (and optionally 'documents')")
        documents = input.get("documents")
        return _text(input["question"], "question"), to_evidence(documents) if documents is not None else None
    raise InputError(f"GroundedQA takes a question or {{question, documents?}}, got {type(input).__name__}")


def _qa_output(result: AskResult) -> dict[str, Any]:
    cited = [n for sentence in result.sentences for n in sentence.citations]
    return {
        "answer": result.answer,
        "citations": result.evidence[: max(cited, default=0)],
        "report": result.report,
        "result": result,
    }


# -- verifying someone else's answer ---------------------------------------------------------------


class VerifyAnswer(RunnableSerializable[dict[str, Any], Any]):
    """Checks `{answer, question?, context}` claim by claim; returns the VerificationReport.

    `context` is what the chain retrieved (Documents or strings); without it the verifier searches
    its KB. With `mitigation` (policy names, e.g. ["correct", "strip", "abstain"]) the output is a
    GuardedAnswer instead: the answer fixed, trimmed or replaced by those policies and verified
    again.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    verifier: Any = Field(description="A grounding.verify.verifier.Verifier.")
    mitigation: tuple[str, ...] | None = None
    llm: Any = Field(default=None, description="Chat model for the 'regenerate' policy.")
    abstain_threshold: float = Field(default=0.5, ge=0.0, le=1.0)

    @field_validator("mitigation", mode="before")
    @classmethod
    def _known_policies(cls, value: Any) -> Any:
        return None if value is None else POLICIES.check(value)

    def invoke(self, input: dict[str, Any], config: RunnableConfig | None = None, **kwargs: Any) -> Any:
        return self._call_with_config(self._verify, input, config, run_type="chain", **kwargs)

    def _verify(self, input: dict[str, Any]) -> VerificationReport | GuardedAnswer:
        if not isinstance(input, dict) or "answer" not in input:
            raise InputError("VerifyAnswer takes {answer, question?, context?}")
        answer = _text(input["answer"], "answer")
        question = _text(input["question"], "question") if input.get("question") is not None else None
        context = input.get("context")
        evidence = to_evidence(context) if context is not None else None
        if self.mitigation is None:
            return self.verifier.verify(answer, question=question, evidence=evidence)
        return self._mitigated(answer, question, evidence)

    def _mitigated(self, answer: str, question: str | None, evidence: list[Evidence] | None) -> GuardedAnswer:
        return guard_answer(
            self.verifier,
            answer,
            question,
            evidence,
            self.mitigation or (),
            llm=self.llm,
            abstain_threshold=self.abstain_threshold,
        )


# -- verifying every LLM output of a run -----------------------------------------------------------


class LLMVerification(BaseModel):
    """One LLM output of a run and its verification."""

    run_id: UUID
    root_run_id: UUID = Field(description="The outermost run (the chain invocation) this LLM call belongs to.")
    question: str | None = None
    output: str
    evidence_from: str = Field(description="'retriever' (documents retrieved in the same run) or 'kb'.")
    report: VerificationReport


class GroundingCallbackHandler(BaseCallbackHandler):
    """Verifies each LLM output of a chain run; `records` holds every verdict, in order.

    The evidence is what a retriever returned earlier in the same run (the usual RAG chain), or the
    verifier's KB when the run retrieved nothing. The question is the chain's own input when that is
    a question (a string or a dict's "question"), else the model's last human message when it is short.
    With `attach=True` the report also lands in the message's `response_metadata["groundqa"]` (seen
    by the caller of `invoke`, not by `stream`, whose chunks left before the check). A failed check
    is recorded in `errors` and never breaks the user's chain.
    """

    raise_error = False

    def __init__(self, verifier: Verifier, attach: bool = True) -> None:
        self.verifier = verifier
        self.attach = attach
        self.records: list[LLMVerification] = []
        self.errors: list[str] = []
        self._parents: dict[UUID, UUID | None] = {}
        self._documents: dict[UUID, list[Evidence]] = {}
        self._questions: dict[UUID, str] = {}
        self._lock = threading.Lock()

    def _root(self, run_id: UUID) -> UUID:
        seen = set()
        while (parent := self._parents.get(run_id)) is not None and run_id not in seen:
            seen.add(run_id)
            run_id = parent
        return run_id

    def _note(self, run_id: UUID, parent_run_id: UUID | None) -> None:
        with self._lock:
            self._parents[run_id] = parent_run_id

    def on_chain_start(
        self, serialized: Any, inputs: Any, *, run_id: UUID, parent_run_id: UUID | None = None, **kwargs: Any
    ) -> None:
        self._note(run_id, parent_run_id)
        if parent_run_id is None:  # the user's own input to the chain: the question, when it is one
            question = inputs.get("question") if isinstance(inputs, dict) else inputs
            if isinstance(question, str):
                self._questions[run_id] = question

    def on_retriever_start(
        self, serialized: Any, query: str, *, run_id: UUID, parent_run_id: UUID | None = None, **kwargs: Any
    ) -> None:
        self._note(run_id, parent_run_id)

    def on_retriever_end(self, documents: Sequence[LCDocument], *, run_id: UUID, **kwargs: Any) -> None:
        evidence = to_evidence(list(documents))
        with self._lock:
            found = self._documents.setdefault(self._root(run_id), [])
            known = {e.id for e in found}
            found.extend(e for e in evidence if e.id not in known)

    def on_chat_model_start(
        self,
        serialized: Any,
        messages: list[list[BaseMessage]],
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        **kwargs: Any,
    ) -> None:
        self._note(run_id, parent_run_id)
        human = [m for m in (messages[0] if messages else []) if m.type == "human"]
        if human:
            self._questions[run_id] = human[-1].text

    def on_llm_start(
        self, serialized: Any, prompts: list[str], *, run_id: UUID, parent_run_id: UUID | None = None, **kwargs: Any
    ) -> None:
        self._note(run_id, parent_run_id)

    def on_llm_end(
        self, response: LLMResult, *, run_id: UUID, parent_run_id: UUID | None = None, **kwargs: Any
    ) -> None:
        self._note(run_id, parent_run_id)
        generations = [g for batch in response.generations for g in batch]
        if not generations or not generations[0].text.strip():
            return
        generation = generations[0]
        with self._lock:
            root = self._root(run_id)
            evidence = self._documents.get(root)
            asked = self._questions.pop(run_id, None)
            question = self._questions.get(root) if root != run_id else None
            question = question or _short_question(asked)
        try:
            report = self.verifier.verify(generation.text, question=question, evidence=evidence)
        except Exception as exc:  # the check must never break the chain it watches
            self.errors.append(f"run {run_id}: {exc}")
            return
        record = LLMVerification(
            run_id=run_id,
            root_run_id=root,
            question=question,
            output=generation.text,
            evidence_from="retriever" if evidence is not None else "kb",
            report=report,
        )
        with self._lock:
            self.records.append(record)
        if self.attach and isinstance(generation, ChatGeneration):
            generation.message.response_metadata["groundqa"] = report.model_dump(mode="json")


def _short_question(question: str | None) -> str | None:
    """A prompt that wraps the question in instructions and context is no question to resolve claims with."""
    if question is None or len(question) > 500 or "\n" in question.strip():
        return None
    return question
