"""The LLM judge's prompt and parsing, with a fake chat model that implements the real interface."""

from langchain_core.language_models.fake_chat_models import FakeListChatModel

from grounding.types import Claim, ClaimVerdict, Evidence, EvidenceKind, Method, Verdict
from grounding.verify.checkers.llm_judge import LLMJudge, build_prompt, parse_judgement

EVIDENCE = [
    Evidence(id="e1", kind=EvidenceKind.PASSAGE, text="Canberra is the capital of Australia.", source="t"),
    Evidence(id="e2", kind=EvidenceKind.PASSAGE, text="Sydney is the largest city.", source="t"),
]


def uncertain(text="Sydney is the capital of Australia.", method=Method.ENTAILMENT, confidence=0.4):
    return ClaimVerdict(
        claim=Claim(index=0, text=text, start=0, end=len(text)),
        verdict=Verdict.UNVERIFIABLE,
        confidence=confidence,
        method=method,
        reason="unsure",
    )


def test_prompt_numbers_the_evidence_and_states_the_claim():
    messages = build_prompt("X is Y.", EVIDENCE)
    assert "JSON" in messages[0].content
    assert (
        "[1] Canberra is the capital of Australia." in messages[1].content and "Claim: X is Y." in messages[1].content
    )


def test_parse_accepts_json_inside_prose_and_rejects_garbage():
    assert parse_judgement('Sure! {"verdict": "Contradicted", "evidence": [1], "reason": "No."}') == (
        Verdict.CONTRADICTED,
        [1],
        "No.",
    )
    assert parse_judgement("I think it is supported") is None
    assert parse_judgement('{"verdict": "probably"}') is None


def test_judge_overrides_only_uncertain_claims_within_budget():
    model = FakeListChatModel(responses=['{"verdict": "contradicted", "evidence": [1], "reason": "Canberra is."}'] * 5)
    judge = LLMJudge(model)
    graph_verdict = uncertain(method=Method.GRAPH, confidence=0.9)
    measured = uncertain().model_copy(update={"distance": 0.42})
    result = judge.review(
        [measured, graph_verdict, uncertain(), None], EVIDENCE, judge.budget(max_calls=1, max_seconds=10)
    )
    assert result[0].verdict == Verdict.CONTRADICTED and result[0].method == Method.LLM
    assert result[0].distance == 0.42  # the judge revises the verdict, not the claim's distance from the evidence
    assert result[0].citations[0].evidence.id == "e1"
    assert result[1] is graph_verdict  # the graph's word is final
    assert result[2].method == Method.ENTAILMENT  # the budget of one call is spent


def test_unparseable_reply_fails_closed():
    judge = LLMJudge(FakeListChatModel(responses=["Looks fine to me!"]))
    before = uncertain()
    after = judge.review([before], EVIDENCE, judge.budget(3, 10))[0]
    assert after.verdict == Verdict.UNVERIFIABLE and after.method == Method.ENTAILMENT
