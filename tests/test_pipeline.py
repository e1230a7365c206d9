"""The question-answering pipeline end to end: real KB, real verifier, real graph answerer.

Answers come from LangChain's FakeListChatModel with scripted hallucinations, so each case is
exact; one test runs the real default LLM (SmolLM2-135M). The verifier uses the bundled NLI model
when it is present, otherwise a tiny untrained model made here (like tests/test_nli_model.py):
every case below is decided by the graph checker or is unverifiable for any NLI model.
"""

from typing import Any

import pytest
from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from langchain_core.messages import BaseMessage
from langchain_core.outputs import ChatResult

from grounding.mitigate.citations import check_citations, parse_answer
from grounding.mitigate.policies import ABSTENTION_ANSWER, QUOTE_PREFIX
from grounding.pipeline import AskResult, Pipeline
from grounding.types import Method, Verdict
from grounding.verify.nli import BUNDLED_DIR, DEFAULT_VERIFIER_MODEL
from grounding.verify.verifier import Verifier
from knowledge.errors import InputError, ModelError
from knowledge.kb import KnowledgeBase

CAPITAL = "What is the capital of Australia?"
WORLD_CUP = "Who won the 1998 FIFA World Cup?"
STAGES = {"retrieve", "graph", "generate", "verify", "mitigate", "total"}


@pytest.fixture(scope="module")
def kb(tmp_path_factory, kb_fixtures):
    root = tmp_path_factory.mktemp("pipeline") / "kb"
    return KnowledgeBase.build(
        root, docs=[kb_fixtures / "docs"], graphs=[kb_fixtures / "graph.ttl"], ontology=kb_fixtures / "ontology.ttl"
    )


@pytest.fixture(scope="module")
def nli_model(tmp_path_factory, tiny_bert) -> str:
    if (BUNDLED_DIR / DEFAULT_VERIFIER_MODEL / "config.json").exists():
        return DEFAULT_VERIFIER_MODEL
    return str(tiny_bert(tmp_path_factory.mktemp("tiny-nli"), ["ENTAILMENT", "NEUTRAL", "CONTRADICTION"]))


@pytest.fixture(scope="module")
def verifier(kb, nli_model):
    return Verifier(kb, model=nli_model)


@pytest.fixture
def ask(kb, verifier):
    def run(question, *responses, **options):
        llm = FakeListChatModel(responses=[*responses, "(unused)"])
        pipeline = Pipeline(kb, llm=llm, verifier=verifier, **({"answerer": "llm"} | options))
        return pipeline.ask(question), llm

    return run


class FailingChatModel(BaseChatModel):
    @property
    def _llm_type(self) -> str:
        return "failing"

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        raise RuntimeError("connection refused")


def _cited_facts(result: AskResult) -> list[str]:
    return [
        result.evidence[n - 1].triple.object_label
        for sentence in result.sentences
        for n in sentence.citations
        if result.evidence[n - 1].triple is not None
    ]


def test_a_hallucinated_capital_is_corrected_with_the_triple_cited(ask):
    result, _ = ask(CAPITAL, "The capital of Australia is Sydney.")
    assert result.raw_report.claims[0].verdict == Verdict.CONTRADICTED
    assert result.raw_report.claims[0].method == Method.GRAPH
    assert "Sydney" not in result.answer and result.answer.startswith("The capital of Australia is Canberra [")
    assert _cited_facts(result) == ["Canberra"]
    assert result.report.grounded and result.report.claims[0].verdict == Verdict.SUPPORTED
    assert [c.policy for c in result.changes][:1] == ["correct"]
    assert result.answerer == "llm" and not result.abstained


def test_an_unsupported_extra_sentence_is_stripped(ask):
    result, _ = ask(CAPITAL, "The capital of Australia is Canberra [1]. The Moon is made of green cheese [2].")
    assert result.report.answer == "The capital of Australia is Canberra."
    assert "Moon" not in result.answer
    strip = [c for c in result.changes if c.policy == "strip"]
    assert len(strip) == 1 and strip[0].before == "The Moon is made of green cheese."
    assert result.report.grounded


def test_an_all_unsupported_answer_abstains(ask):
    result, _ = ask(WORLD_CUP, "Germany won the 1998 FIFA World Cup [2]. The final was played in Berlin.")
    assert result.abstained and result.answer == ABSTENTION_ANSWER
    assert result.report.claims == [] and result.raw_report.claims
    assert all(c.verdict != Verdict.SUPPORTED for c in result.raw_report.claims)
    assert result.changes[-1].policy == "abstain"


def test_an_answer_with_nothing_grounded_quotes_the_evidence_that_answers(ask):
    result, _ = ask(CAPITAL, "The Moon is made of green cheese [1].")
    assert result.quoted and not result.abstained and result.answerer == "llm"
    assert result.answer.startswith(f'{QUOTE_PREFIX} "') and "Moon" not in result.answer
    assert "Canberra" in result.answer
    assert [c.policy for c in result.changes] == ["strip", "quote"]
    assert result.report.grounded and result.report.claims
    assert result.citation_checks == [], "a verbatim quote is not checked against itself"
    for verdict, sentence in zip(result.report.claims, result.sentences, strict=True):
        (number,) = sentence.citations
        assert result.report.answer[verdict.claim.start : verdict.claim.end] in result.evidence[number - 1].text
        assert f"[{number}]." in result.answer


def test_without_quote_in_the_chain_the_same_answer_abstains(ask):
    result, _ = ask(CAPITAL, "The Moon is made of green cheese [1].", mitigation=("correct", "strip", "abstain"))
    assert result.abstained and not result.quoted and result.answer == ABSTENTION_ANSWER


def test_an_echo_of_the_prompt_example_is_never_shown_as_the_answer(ask):
    result, _ = ask(WORLD_CUP, "The capital of France is Paris [1].")
    assert result.raw_answer == "The capital of France is Paris [1]."
    assert "Paris" not in result.answer and result.abstained
    assert [c.policy for c in result.changes] == ["echo", "abstain"]


def test_i_dont_know_stays(ask):
    result, _ = ask(WORLD_CUP, "I don't know.")
    assert result.answer == "I don't know." and result.abstained and result.changes == []


def test_the_graph_answers_a_factoid_question_without_the_llm(ask):
    result, llm = ask(CAPITAL, "The capital of Australia is Sydney.", answerer="auto")
    assert result.answerer == "graph" and llm.i == 0
    assert result.graph_answer is not None and result.graph_answer.values == ["Canberra"]
    assert result.answer == f"The capital of Australia is Canberra [{result.sentences[0].citations[0]}]."
    assert _cited_facts(result) == ["Canberra"]
    assert result.report.grounded and result.changes == []
    assert "confidence" in result.choice


def test_auto_falls_back_to_the_llm_when_the_graph_cannot_answer(ask):
    result, llm = ask(WORLD_CUP, "I don't know.", answerer="auto")
    assert result.answerer == "llm" and llm.i == 1 and result.graph_answer is None
    assert "graph answerer had no answer" in result.choice


def test_both_keeps_the_better_grounded_answer_and_says_why(ask):
    result, llm = ask(CAPITAL, "The capital of Australia is Sydney.", answerer="both")
    assert llm.i == 1 and result.answerer == "graph"
    assert result.raw_answer.startswith("The capital of Australia is Canberra")
    assert "Kept the graph answer (1 of 1 claims supported) over the llm answer (0 of 1" in result.choice


def test_a_multi_hop_graph_answer_cites_each_fact(ask):
    result, _ = ask("What is the capital of the country where Sydney is located?", answerer="graph")
    assert result.answerer == "graph" and result.graph_answer.hops == 2
    assert "Canberra" in result.answer and result.report.grounded and not result.abstained
    assert sorted(_cited_facts(result)) == ["Australia", "Canberra"]


def test_graph_only_without_an_answer_abstains(ask):
    result, llm = ask(WORLD_CUP, answerer="graph")
    assert result.abstained and result.answer == ABSTENTION_ANSWER and llm.i == 0


def test_changes_and_timings_are_recorded(ask):
    result, _ = ask(CAPITAL, "The capital of Australia is Sydney [1]. Kangaroos can fly.")
    assert [c.policy for c in result.changes if c.policy != "cite"] == ["correct", "strip"]
    assert result.changes[0].claim == 0 and result.changes[1].claim == 1
    assert STAGES <= set(result.timings_ms)
    assert all(value >= 0 for value in result.timings_ms.values())
    assert result.timings_ms["total"] >= max(v for k, v in result.timings_ms.items() if k != "total")
    assert AskResult.model_validate_json(result.model_dump_json()).answer == result.answer


def test_uncited_supported_sentences_cite_what_verified_them(ask):
    result, _ = ask(CAPITAL, "The capital of Australia is Canberra.")
    assert _cited_facts(result) == ["Canberra"]
    assert [c.policy for c in result.changes] == ["cite"]


def test_regenerate_asks_again_with_the_failed_claims(ask):
    result, llm = ask(
        CAPITAL,
        "Kangaroos can fly.",
        "The capital of Australia is Canberra [1].",
        mitigation=("regenerate", "strip", "abstain"),
    )
    assert llm.i == 2 and result.report.grounded and "Canberra" in result.answer
    assert result.changes[0].policy == "regenerate"


def test_stream_yields_the_raw_answer_then_the_result(kb, verifier):
    pipeline = Pipeline(kb, llm=FakeListChatModel(responses=["The capital of Australia is Sydney."]), verifier=verifier)
    items = list(pipeline.stream(WORLD_CUP))
    *chunks, result = items
    assert isinstance(result, AskResult) and all(isinstance(c, str) for c in chunks) and len(chunks) > 1
    assert "".join(chunks) == result.raw_answer == "The capital of Australia is Sydney."


def test_bad_input_is_refused(kb, verifier):
    pipeline = Pipeline(kb, llm=FakeListChatModel(responses=["x"]), verifier=verifier)
    for question in ("", "   \n"):
        with pytest.raises(InputError, match="question is empty"):
            pipeline.ask(question)
    with pytest.raises(InputError, match="unknown answerer"):
        Pipeline(kb, answerer="oracle", verifier=verifier)
    with pytest.raises(InputError, match="unknown mitigation policy"):
        Pipeline(kb, mitigation=("correct", "ignore"), verifier=verifier)
    with pytest.raises(ModelError, match="unknown LLM spec"):
        Pipeline(kb, llm="gpt-17", verifier=verifier)


def test_a_failing_llm_is_a_model_error(kb, verifier):
    pipeline = Pipeline(kb, llm=FailingChatModel(), verifier=verifier, answerer="llm")
    with pytest.raises(ModelError, match="connection refused"):
        pipeline.ask(WORLD_CUP)


def test_citation_checks_flag_numbers_without_evidence(kb, verifier):
    evidence = kb.search(CAPITAL)
    answer = parse_answer("The capital of Australia is Canberra [42]. Sure! It is in Australia.")
    checks = check_citations(verifier, answer, evidence, CAPITAL)
    assert [c.valid for c in checks] == [False, None, None]
    assert checks[0].unknown == [42] and "[42]" in checks[0].reason


def test_citation_checks_use_entailment_on_the_cited_evidence(kb, verifier):
    evidence = kb.search(CAPITAL)
    right = next(n for n, e in enumerate(evidence, 1) if "capital city of Australia" in e.text)
    wrong = next(n for n, e in enumerate(evidence, 1) if e.text == "The capital of Italy is Rome.")
    answer = parse_answer(
        f"Canberra is the capital of Australia [{right}]. Canberra is the capital of Australia [{wrong}]."
    )
    assert [c.valid for c in check_citations(verifier, answer, evidence)] == [True, False]


@pytest.fixture(scope="module")
def smollm2(tmp_path_factory):
    from grounding.answer.llm import load_chat_model

    return load_chat_model("default", tmp_path_factory.mktemp("models"), max_new_tokens=48)


@pytest.mark.slow
def test_the_real_default_llm_never_leaves_an_unchecked_claim(kb, verifier, smollm2):
    pipeline = Pipeline(kb, llm=smollm2, verifier=verifier, answerer="llm")
    *chunks, result = pipeline.stream(WORLD_CUP)
    assert "".join(chunks) == result.raw_answer and result.raw_answer.strip()
    assert result.timings_ms["generate"] > 0
    assert result.abstained or (result.report.claims and result.report.grounded)
    if not result.abstained:
        assert all(c.verdict == Verdict.SUPPORTED for c in result.report.claims)
