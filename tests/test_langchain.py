"""groundqa inside LangChain: the runnables in LCEL chains and the callback handler, over a real KB.

The LLM is LangChain's fake chat model with scripted answers; the retriever, the KB, the verifier
and the mitigation chain are the real ones.
"""

from __future__ import annotations

import asyncio
import operator
from functools import reduce

import pytest
from langchain_core.documents import Document
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.runnables import RunnablePassthrough

import grounding
from grounding.langchain import (
    GroundedQA,
    GroundingCallbackHandler,
    GuardedAnswer,
    VerifyAnswer,
    to_evidence,
)
from grounding.mitigate.policies import ABSTENTION_ANSWER
from grounding.text.pieces import answer_pieces
from grounding.types import AskResult, Verdict, VerificationReport
from grounding.verify.verifier import Verifier
from knowledge.errors import InputError
from knowledge.kb import KnowledgeBase
from knowledge.retriever import HybridRetriever, RetrievalOptions

CAPITAL = "What is the capital of Australia?"
SYDNEY = "The capital of Australia is Sydney."
PROMPT = ChatPromptTemplate.from_messages(
    [("system", "Answer from the context only."), ("human", "Context:\n{context}\n\nQuestion: {question}")]
)


@pytest.fixture(scope="module")
def kb(tmp_path_factory, kb_fixtures):
    root = tmp_path_factory.mktemp("langchain") / "kb"
    return KnowledgeBase.build(
        root, docs=[kb_fixtures / "docs"], graphs=[kb_fixtures / "graph.ttl"], ontology=kb_fixtures / "ontology.ttl"
    )


@pytest.fixture(scope="module")
def verifier(kb):
    return Verifier(kb)


@pytest.fixture(scope="module")
def retriever(kb):
    return HybridRetriever(kb=kb, options=RetrievalOptions(k=4))


def verdicts(report: VerificationReport) -> list[Verdict]:
    return [claim.verdict for claim in report.claims]


def test_the_lcel_example_verifies_against_the_documents_it_retrieved(retriever, verifier):
    llm = FakeListChatModel(responses=[SYDNEY])
    chain = (
        {"context": retriever, "question": RunnablePassthrough()}
        | RunnablePassthrough.assign(answer=PROMPT | llm | StrOutputParser())
        | VerifyAnswer(verifier=verifier)
    )
    report = chain.invoke(CAPITAL)
    assert isinstance(report, VerificationReport) and report.answer == SYDNEY
    assert verdicts(report) == [Verdict.CONTRADICTED] and not report.grounded
    assert "Canberra" in report.claims[0].reason + " ".join(c.evidence.text for c in report.claims[0].citations)
    retrieved = {document.id for document in retriever.invoke(CAPITAL)}
    assert {e.id for e in report.evidence} == retrieved  # the chain's own documents, not a second search


def test_verify_answer_mitigates_when_asked(retriever, verifier):
    llm = FakeListChatModel(responses=[SYDNEY])
    chain = (
        {"context": retriever, "question": RunnablePassthrough()}
        | RunnablePassthrough.assign(answer=PROMPT | llm | StrOutputParser())
        | VerifyAnswer(verifier=verifier, mitigation=["correct", "strip", "abstain"])
    )
    fixed = chain.invoke(CAPITAL)
    assert isinstance(fixed, GuardedAnswer)
    assert "Canberra" in fixed.answer and "Sydney" not in fixed.answer
    assert verdicts(fixed.raw_report) == [Verdict.CONTRADICTED]
    assert fixed.report.grounded and fixed.changes[0].policy == "correct"


def test_what_mitigation_cannot_fix_is_not_shown(verifier):
    fixed = VerifyAnswer(verifier=verifier, mitigation=["correct", "strip", "abstain"]).invoke(
        {"answer": "Kangaroos can fly.", "context": ["Canberra is the capital of Australia."]}
    )
    assert fixed.abstained and fixed.answer == ABSTENTION_ANSWER and fixed.raw_answer == "Kangaroos can fly."
    assert verdicts(fixed.raw_report) == [Verdict.UNVERIFIABLE] and fixed.report.claims == []
    assert [c.policy for c in fixed.changes][-1] == "abstain"


def test_verify_answer_takes_strings_messages_and_no_context(verifier):
    check = VerifyAnswer(verifier=verifier)
    given = check.invoke(
        {"answer": "Bern is the capital of Switzerland.", "context": ["Bern is the capital of Switzerland."]}
    )
    assert verdicts(given) == [Verdict.SUPPORTED] and [e.source for e in given.evidence] == ["request"]
    from_kb = check.invoke({"answer": FakeListChatModel(responses=[SYDNEY]).invoke("q"), "question": CAPITAL})
    assert verdicts(from_kb) == [Verdict.CONTRADICTED]  # no context: the verifier's KB decides
    with pytest.raises(InputError, match="answer"):
        check.invoke({"context": []})
    with pytest.raises(InputError, match="unknown mitigation policy 'ignore'"):
        VerifyAnswer(verifier=verifier, mitigation=["ignore"])


def test_documents_keep_the_provenance_our_retriever_gave_them(retriever):
    documents = retriever.invoke(CAPITAL)
    evidence = to_evidence(documents)
    assert [e.id for e in evidence] == [d.id for d in documents] and evidence[0].source != "request"
    foreign = to_evidence([Document(page_content="x", metadata={"source": "wiki", "title": "X"}), "y"])
    assert [(e.id, e.source, e.title) for e in foreign] == [("given:0", "wiki", "X"), ("given:1", "request", None)]
    with pytest.raises(InputError, match="context item 0"):
        to_evidence([42])


@pytest.fixture(scope="module")
def grounded(kb, verifier):
    return GroundedQA.from_kb(kb, llm=FakeListChatModel(responses=["(unused)"]), verifier=verifier, answerer="graph")


def test_grounded_qa_invoke_batch_and_ainvoke(grounded):
    output = grounded.invoke(CAPITAL)
    assert "Canberra" in output["answer"] and isinstance(output["result"], AskResult)
    assert Verdict.SUPPORTED in verdicts(output["report"]) and output["citations"]
    assert output["result"].evidence[: len(output["citations"])] == output["citations"]
    both = grounded.batch([CAPITAL, {"question": "Who won the 1998 FIFA World Cup?"}])
    assert "Canberra" in both[0]["answer"] and both[1]["result"].abstained  # the graph knows nothing of it
    assert asyncio.run(grounded.ainvoke(CAPITAL))["answer"] == output["answer"]


def test_grounded_qa_streams_the_verified_answer_then_the_report(grounded):
    chunks = list(grounded.stream(CAPITAL))
    *pieces, last = chunks
    assert len(pieces) >= 2 and all(set(p) == {"answer"} for p in pieces)
    assert {"report", "citations", "result"} <= set(last) and "answer" not in last
    whole = reduce(operator.add, chunks)
    assert whole["answer"] == grounded.invoke(CAPITAL)["answer"] and whole["report"].grounded


def test_grounded_qa_answers_from_the_documents_given(kb, verifier):
    llm = FakeListChatModel(responses=["Bern is the capital of Switzerland [1]."])
    qa = GroundedQA.from_kb(kb, llm=llm, verifier=verifier, answerer="llm")
    document = Document(page_content="Bern is the federal city and capital of Switzerland.")
    output = qa.invoke({"question": "What is the capital of Switzerland?", "documents": [document]})
    assert output["answer"].startswith("Bern is the capital of Switzerland") and output["report"].grounded
    assert [e.source for e in output["citations"]] == ["request"]
    with pytest.raises(InputError, match="question"):
        qa.invoke({"documents": []})


def test_grounded_qa_composes_after_user_steps(grounded):
    chain = (lambda text: text.strip().rstrip("!") + "?") | grounded | (lambda out: out["answer"])
    assert "Canberra" in chain.invoke("  What is the capital of Australia!  ")
    rephrase = FakeListChatModel(responses=[CAPITAL]) | StrOutputParser()  # streams the question in pieces
    streamed = reduce(operator.add, (rephrase | grounded).stream("capital of Oz?"))
    assert "Canberra" in streamed["answer"] and streamed["result"].question == CAPITAL


def test_the_callback_handler_records_a_verdict_for_every_llm_output(retriever, verifier):
    handler = GroundingCallbackHandler(verifier)
    llm = FakeListChatModel(responses=[SYDNEY, "Canberra is the capital of Australia."])
    chain = {"context": retriever, "question": RunnablePassthrough()} | PROMPT | llm | StrOutputParser()
    assert chain.invoke(CAPITAL, config={"callbacks": [handler]}) == SYDNEY
    record = handler.records[-1]
    assert record.evidence_from == "retriever" and record.question == CAPITAL
    assert verdicts(record.report) == [Verdict.CONTRADICTED]

    both = GroundingCallbackHandler(verifier)
    twin = FakeListChatModel(responses=["Canberra is the capital of Australia."] * 2)
    chain = {"context": retriever, "question": RunnablePassthrough()} | PROMPT | twin | StrOutputParser()
    asyncio.run(chain.abatch([CAPITAL, "Which mountain is in the Alps?"], config={"callbacks": [both]}))
    assert len(both.records) == 2 and len({r.root_run_id for r in both.records}) == 2  # one per run
    assert {r.question for r in both.records} == {CAPITAL, "Which mountain is in the Alps?"}
    assert all(r.evidence_from == "retriever" for r in both.records)

    message = llm.invoke("Tell me about Canberra.", config={"callbacks": [handler]})
    assert len(handler.records) == 2 and handler.records[-1].evidence_from == "kb"
    assert message.response_metadata["groundqa"]["claims"][0]["verdict"] == "supported"
    assert handler.errors == []


def test_pieces_join_back_to_the_text():
    text = "Canberra is the capital of Australia [1]. It was designed by Walter Burley Griffin [2]."
    assert "".join(answer_pieces(text)) == text and len(answer_pieces(text)) > 2
    assert answer_pieces("") == [] and answer_pieces("x" * 60) == ["x" * 24, "x" * 24, "x" * 12]


def test_the_runnables_are_public_and_lazy():
    assert grounding.GroundedQA is GroundedQA and grounding.VerifyAnswer is VerifyAnswer
    assert grounding.GroundingCallbackHandler is GroundingCallbackHandler
