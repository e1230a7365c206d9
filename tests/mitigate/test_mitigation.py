"""Mitigation policies on real verification reports.

The verifier runs with the graph checker only (no entailment model), so every verdict here is
decided exactly: what the fixture graph says is supported or contradicted, everything else is
unverifiable. The policies see the same reports the pipeline gives them.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from grounding.mitigate.citations import parse_answer
from grounding.mitigate.policies import (
    ABSTENTION_ANSWER,
    DEFAULT_CHAIN,
    QUOTE_PREFIX,
    abstain,
    annotate,
    build_policies,
    correct,
    drop_echoes,
    make_draft,
    mitigate,
    quote,
    regenerate,
    render,
    strip,
)
from grounding.types import Evidence, EvidenceKind, Method, Verdict
from grounding.verify.verifier import Verifier, VerifierOptions
from knowledge.errors import InputError
from knowledge.kb import KnowledgeBase

QUESTION = "What is the capital of Australia?"
OFF_TOPIC = "Who won the 1998 FIFA World Cup?"  # the evidence of QUESTION says nothing about it


@pytest.fixture(scope="module")
def kb(tmp_path_factory, kb_fixtures):
    root = tmp_path_factory.mktemp("mitigation") / "kb"
    return KnowledgeBase.build(
        root, docs=[kb_fixtures / "docs"], graphs=[kb_fixtures / "graph.ttl"], ontology=kb_fixtures / "ontology.ttl"
    )


@pytest.fixture(scope="module")
def verifier(kb):
    return Verifier(kb, options=VerifierOptions(use_entailment=False))


@pytest.fixture(scope="module")
def evidence(kb):
    return kb.search(QUESTION)


@pytest.fixture(scope="module")
def draft_of(verifier, evidence):
    def build(raw, question=QUESTION):
        cited = parse_answer(raw)
        return make_draft(cited, verifier.verify(cited.text, question=question), evidence, question)

    return build


def test_a_graph_contradiction_is_corrected_and_cites_the_fact(draft_of):
    draft = correct(draft_of("The capital of Australia is Sydney [3]."))
    assert draft.text == "The capital of Australia is Canberra."
    (number,) = draft.sentences[0].citations
    assert draft.evidence[number - 1].triple.object_label == "Canberra"
    assert render(draft) == f"The capital of Australia is Canberra [{number}]."
    claim = draft.report.claims[0]
    assert claim.verdict == Verdict.SUPPORTED and claim.method == Method.GRAPH
    assert claim.claim.text == "The capital of Australia is Canberra."
    assert draft.text[claim.claim.start : claim.claim.end] == "The capital of Australia is Canberra."
    (change,) = draft.changes
    assert change.policy == "correct" and change.claim == 0
    assert "Sydney" in change.before and "Canberra" in change.after and "not Sydney" in change.reason


def test_a_credit_the_evidence_states_is_corrected_and_cites_its_sentence():
    evidence = [
        Evidence(
            id="page:1",
            kind=EvidenceKind.PASSAGE,
            text="Rise of the Planet of the Apes is starring James Franco. Rupert Wyatt directed Rise of the Planet "
            "of the Apes.",
            source="films.md",
        )
    ]
    cited = parse_answer("James Franco directed Rise of the Planet of the Apes.")
    options = VerifierOptions().model_copy(update={"rules": (*VerifierOptions().rules, "credits")})
    report = Verifier().verify(cited.text, evidence=evidence, options=options)
    draft = correct(make_draft(cited, report, evidence))
    assert draft.text == "Rupert Wyatt directed Rise of the Planet of the Apes."
    claim = draft.report.claims[0]
    assert claim.verdict == Verdict.SUPPORTED and claim.citations[0].span_text.startswith("Rupert Wyatt directed")
    (change,) = draft.changes
    # the substitutions rule reads the same refilled slot before the credit rule does: either names both
    assert "James Franco" in change.reason and "Rupert Wyatt directed" in change.reason


def test_numbers_are_corrected_to_the_graph_value(draft_of):
    draft = correct(draft_of("Canberra is lovely. The population of Australia is 50 million."))
    assert draft.text == "Canberra is lovely. The population of Australia is 25,000,000."
    assert draft.changes[0].before == "The population of Australia is 50 million."


def test_a_terse_answer_is_corrected_in_place(draft_of):
    assert correct(draft_of("Sydney")).text == "Canberra"


def test_negated_contradictions_are_not_guessed_at(draft_of):
    draft = draft_of("The capital of Australia is not Canberra.")
    assert draft.report.claims[0].verdict == Verdict.CONTRADICTED
    assert correct(draft) == draft
    assert mitigate(draft, build_policies(["correct", "strip", "abstain"])).abstained
    quoted = mitigate(draft, build_policies(DEFAULT_CHAIN))
    assert quoted.quoted and " not " not in quoted.text and "Canberra" in quoted.text


def test_strip_drops_unsupported_sentences_and_keeps_citations(draft_of):
    draft = strip(
        draft_of(
            "The capital of Australia is Canberra [1]. The Moon is made of green cheese [2]. "
            "The capital of Switzerland is Bern [5]."
        )
    )
    assert draft.text == "The capital of Australia is Canberra. The capital of Switzerland is Bern."
    assert [s.citations for s in draft.sentences] == [[1], [5]]
    assert all(c.verdict == Verdict.SUPPORTED for c in draft.report.claims)
    for verdict in draft.report.claims:
        assert draft.text[verdict.claim.start : verdict.claim.end].startswith("The capital of")
    (change,) = draft.changes
    assert change.policy == "strip" and change.before == "The Moon is made of green cheese." and change.after == ""


def test_strip_leaves_no_dangling_bullets_or_spaces(draft_of):
    draft = strip(
        draft_of(
            "Facts:\n- The capital of Australia is Canberra [1]\n- The Moon is made of cheese\n"
            "- The capital of France is Paris\n- Mars is the capital of Italy"
        )
    )
    assert draft.text == "Facts:\n- The capital of Australia is Canberra\n- The capital of France is Paris"
    assert render(draft) == "Facts:\n- The capital of Australia is Canberra [1]\n- The capital of France is Paris"


def test_strip_removes_a_whole_sentence_when_one_clause_fails(draft_of):
    draft = strip(draft_of("The capital of France is Paris, and the Moon is made of cheese. Bern is the capital."))
    assert "Moon" not in draft.text and "Paris" not in draft.text


def test_an_all_unsupported_answer_abstains(draft_of):
    draft = mitigate(
        draft_of("The Moon is made of green cheese. Mars is red.", OFF_TOPIC), build_policies(DEFAULT_CHAIN)
    )
    assert draft.abstained and draft.text == ABSTENTION_ANSWER and render(draft) == ABSTENTION_ANSWER
    assert draft.report.claims == []
    assert [c.policy for c in draft.changes] == ["strip", "strip", "abstain"]


def test_filler_left_after_stripping_is_no_answer(draft_of):
    draft = mitigate(draft_of("Sure, the Moon is made of cheese.", OFF_TOPIC), build_policies(DEFAULT_CHAIN))
    assert draft.abstained and draft.changes[-1].reason == "Nothing checkable is left in the answer."


def test_abstain_compares_the_grounded_share_with_the_threshold(draft_of):
    draft = draft_of("The capital of Australia is Canberra. The Moon is made of cheese. Mars is red.")
    assert abstain(draft, threshold=0.5).abstained
    assert "Only 1 of 3 claims are supported" in abstain(draft, threshold=0.5).changes[-1].reason
    kept = abstain(draft, threshold=0.3)
    assert not kept.abstained and kept.text == draft.text and kept.changes == []


def test_an_answer_that_says_i_dont_know_is_kept(draft_of):
    draft = draft_of("I don't know.", OFF_TOPIC)
    assert draft.abstained
    final = mitigate(draft, build_policies(["annotate", *DEFAULT_CHAIN]))
    assert final.text == "I don't know." and final.changes == []


def test_a_refusal_becomes_a_cited_verbatim_quote_when_the_evidence_answers(draft_of):
    draft = mitigate(draft_of("The Moon is made of green cheese [2]."), build_policies(DEFAULT_CHAIN))
    assert draft.quoted and not draft.abstained
    assert draft.text.startswith(f'{QUOTE_PREFIX} "') and "Moon" not in draft.text
    assert [c.policy for c in draft.changes] == ["strip", "quote"]
    assert draft.changes[-1].after == render(draft)
    assert draft.report.grounded and draft.report.answer == draft.text
    for verdict, sentence in zip(draft.report.claims, draft.sentences, strict=True):
        quoted = draft.text[verdict.claim.start : verdict.claim.end]
        (number,) = sentence.citations
        assert quoted in draft.evidence[number - 1].text, "verbatim from the evidence it cites"
        assert verdict.verdict == Verdict.SUPPORTED and verdict.scores["quoted"] == 1.0
        assert f'"{quoted}" [{number}]' in render(draft)
    assert "Canberra is the capital" in draft.text


def test_an_i_dont_know_is_replaced_by_a_quote_only_when_the_evidence_is_relevant(draft_of):
    assert quote(draft_of("I don't know.")).quoted
    kept = quote(draft_of("I don't know.", OFF_TOPIC))
    assert not kept.quoted and kept.text == "I don't know."


def test_quote_leaves_a_grounded_answer_and_an_unreachable_threshold_alone(draft_of):
    grounded = draft_of("The capital of Australia is Canberra.")
    assert quote(grounded) == grounded
    failing = draft_of("The Moon is made of green cheese.")
    assert quote(failing, threshold=99.0) == failing
    assert mitigate(failing, build_policies(["quote", "abstain"], quote_threshold=99.0)).abstained


def test_quote_steps_in_exactly_where_abstain_would_refuse(draft_of):
    half = draft_of("The capital of Australia is Canberra. The Moon is made of cheese.")
    assert not quote(half, abstain_threshold=0.5).quoted and not abstain(half, threshold=0.5).abstained
    assert quote(half, abstain_threshold=0.8).quoted and abstain(half, threshold=0.8).abstained


def test_an_echo_of_the_worked_example_is_dropped_and_shown(draft_of):
    draft = drop_echoes(draft_of("The capital of France is Paris [1]. The capital of Australia is Canberra."))
    assert draft.text == "The capital of Australia is Canberra."
    assert [c.policy for c in draft.changes] == ["echo"]
    assert draft.changes[0].before == "The capital of France is Paris."
    assert all("Paris" not in c.claim.text for c in draft.report.claims)
    france = draft_of("The capital of France is Paris [1].", "What is the capital of France?")
    assert drop_echoes(france) == france, "the example's own question gets its answer"


def test_annotate_marks_each_claim_without_changing_the_text(draft_of):
    draft = annotate(draft_of("The capital of Australia is Sydney [1]. The capital of France is Paris."))
    assert draft.text == "The capital of Australia is Sydney. The capital of France is Paris."
    assert render(draft) == (
        "The capital of Australia is Sydney [1] [contradicted]. The capital of France is Paris [supported]."
    )
    assert [c.policy for c in draft.changes] == ["annotate", "annotate"]
    assert draft.changes[0].after == "The capital of Australia is Sydney [contradicted]."


def test_the_default_chain_corrects_then_strips(draft_of):
    draft = mitigate(
        draft_of("The capital of Australia is Sydney [1]. Kangaroos can fly. The capital of Italy is Rome."),
        build_policies(DEFAULT_CHAIN),
    )
    assert draft.text == "The capital of Australia is Canberra. The capital of Italy is Rome."
    assert not draft.abstained and draft.report.grounded
    assert [c.policy for c in draft.changes] == ["correct", "strip"]


def test_regenerate_keeps_a_better_answer_and_stops_when_grounded(draft_of, verifier):
    llm = FakeListChatModel(responses=["The capital of Australia is Canberra [1].", "unused"])
    draft = regenerate(llm, verifier, max_rounds=3)(draft_of("Kangaroos can fly [2]."))
    assert draft.text == "The capital of Australia is Canberra." and draft.report.grounded
    assert llm.i == 1, "a grounded answer ends the rounds"
    (change,) = draft.changes
    assert change.policy == "regenerate" and change.before == "Kangaroos can fly [2]."


def test_regenerate_never_accepts_a_worse_answer(draft_of, verifier):
    llm = FakeListChatModel(responses=["The Moon is made of cheese. Mars is red.", "unused"])
    original = draft_of("The capital of Australia is Canberra. Kangaroos can fly.")
    assert regenerate(llm, verifier, max_rounds=2)(original) == original
    assert llm.i == 1


def test_policy_names_are_checked(verifier):
    with pytest.raises(InputError, match="unknown mitigation policy 'shout'"):
        build_policies(["shout"])
    with pytest.raises(InputError, match="needs an LLM"):
        build_policies(["regenerate"], verifier=verifier)
    with pytest.raises(InputError, match="threshold"):
        build_policies(["abstain"], abstain_threshold=2.0)
    with pytest.raises(InputError, match="threshold"):
        build_policies(["quote"], abstain_threshold=-0.1)


def test_a_report_of_another_answer_is_refused(verifier, evidence):
    report = verifier.verify("The capital of France is Paris.")
    with pytest.raises(InputError, match="report does not describe"):
        make_draft(parse_answer("Something else."), report, evidence)


POOL = [
    "The capital of Australia is Canberra.",
    "The Moon is made of cheese.",
    "The capital of France is Paris.",
    "Mars is the capital of Italy.",
    "The capital of Austria is Vienna.",
]


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(POOL), min_size=1, max_size=4))
def test_strip_keeps_exactly_the_supported_sentences_in_order(draft_of, verifier, sentences):
    draft = draft_of(" ".join(sentences), question=None)
    supported = {v.claim.start for v in draft.report.claims if v.verdict == Verdict.SUPPORTED}
    starts = [s.start for s in draft.sentences]
    expected = [s.text for s, start in zip(draft.sentences, starts, strict=True) if start in supported]
    stripped = strip(draft)
    assert [s.text for s in stripped.sentences] == expected
    assert stripped.text == " ".join(expected)
    if stripped.text:
        assert verifier.verify(stripped.text).grounded


def test_every_entry_point_shares_one_default_chain():
    from grounding.factory import DEFAULT_MITIGATION
    from grounding.mitigate.policies import DEFAULT_CHAIN

    assert DEFAULT_MITIGATION == DEFAULT_CHAIN == ("correct", "strip", "quote", "abstain")


def test_strip_recounts_the_distance_from_the_evidence_over_the_claims_it_keeps():
    evidence = [Evidence(id="e1", kind=EvidenceKind.PASSAGE, text="Canberra is the capital of Australia.", source="t")]
    cited = parse_answer("The capital of Australia is Canberra. The Moon is made of green cheese.")
    report = Verifier().verify(cited.text, question=QUESTION, evidence=evidence)
    assert report.evidence_distance is not None
    draft = strip(make_draft(cited, report, evidence, QUESTION))
    assert draft.text == "The capital of Australia is Canberra."
    (kept,) = draft.report.claims
    assert draft.report.evidence_distance == pytest.approx(kept.distance)
    assert draft.report.evidence_distance < report.evidence_distance
    assert draft.report.hallucination_score < report.hallucination_score
