"""Answer relevance through the pipeline: a grounded answer to another question is not shown as one.

The Ostrelia KB (tests/fixtures/ostrelia) holds the capital in its graph and the capital's population
only in a note, so "What is the population of Ostrelia's capital?" needs both. Answers are scripted
with LangChain's FakeListChatModel, so each case is exact; the graph answerer and verifier are real.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from grounding.answer.graph import answer_from_graph
from grounding.pipeline import Pipeline
from grounding.verify.verifier import Verifier
from knowledge.kb import KnowledgeBase

FIXTURE = Path(__file__).parent / "fixtures" / "ostrelia"
QUESTION = "What is the population of Ostrelia's capital?"


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    return KnowledgeBase.build(
        tmp_path_factory.mktemp("ostrelia") / "kb", docs=[FIXTURE / "quenville.txt"], graphs=[FIXTURE / "graph.ttl"]
    )


@pytest.fixture(scope="module")
def verifier(kb):
    return Verifier(kb=kb)


def ask(kb, verifier, answerer, *responses, **options):
    llm = FakeListChatModel(responses=[*responses, "(unused)"])
    return Pipeline(kb, llm=llm, verifier=verifier, answerer=answerer, **options).ask(QUESTION)


def test_graph_answerer_alone_reaches_only_the_first_hop(kb):
    """What the pipeline guards against: the graph holds the capital, not its population."""
    found = answer_from_graph(kb, QUESTION)
    assert found is None or "412" not in found.answer


def test_graph_answerer_abstains_rather_than_answer_the_first_hop(kb, verifier):
    result = ask(kb, verifier, "graph")
    assert result.abstained and result.answers_question is False
    assert "The capital of Ostrelia is Quenville" not in result.answer


def test_default_answerer_combines_the_hop_with_the_note(kb, verifier):
    result = ask(kb, verifier, "auto", "Quenville, the capital of Ostrelia, has a population of 412,000 people [1].")
    assert result.answerer == "llm" and "412,000" in result.answer
    assert result.answers_question is True and not result.abstained
    assert result.report.grounded


def test_first_hop_answer_from_the_llm_is_quoted_or_refused(kb, verifier):
    result = ask(kb, verifier, "llm", "The capital of Ostrelia is Quenville [1].")
    assert result.raw_report.grounded  # true and grounded, yet not an answer
    assert "412,000" in result.answer or result.abstained
    assert result.answers_question is ("412,000" in result.answer)
    assert any("does not answer the question" in change.reason for change in result.changes)


def test_relevant_answer_carries_its_judgement(kb, verifier):
    result = ask(kb, verifier, "llm", "Quenville has a population of 412,000 people [1].")
    assert result.answers_question is True and "number" in result.relevance_reason
