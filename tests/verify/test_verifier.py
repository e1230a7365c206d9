"""The verifier end to end with the shipped model, a real graph and real retrieval."""

import json
import shutil

import pytest
from typer.testing import CliRunner

from grounding.cli import app
from grounding.types import Method, Verdict
from grounding.verify.coverage import coverage_scale
from grounding.verify.similarity import SIMILARITY_WEIGHT, blend_distance
from grounding.verify.verifier import Verifier, VerifierOptions, VerifyItem
from knowledge.errors import InputError
from knowledge.kb import KnowledgeBase


@pytest.fixture(scope="module")
def kb(tmp_path_factory, kb_fixtures):
    root = tmp_path_factory.mktemp("verify") / "kb"
    return KnowledgeBase.build(
        root, docs=[kb_fixtures / "docs"], graphs=[kb_fixtures / "graph.ttl"], ontology=kb_fixtures / "ontology.ttl"
    )


@pytest.fixture(scope="module")
def verifier(kb):
    return Verifier(kb=kb)


def by_text(report):
    return {item.claim.text: item for item in report.claims}


def test_graph_decides_first_and_nli_judges_the_rest(verifier):
    report = verifier.verify(
        "The capital of Australia is Sydney. Canberra was designed by Walter Burley Griffin and Marion Mahony Griffin."
    )
    claims = by_text(report)
    sydney = claims["The capital of Australia is Sydney."]
    assert sydney.verdict == Verdict.CONTRADICTED and sydney.method == Method.GRAPH
    assert sydney.citations[0].evidence.triple.object_label == "Canberra"
    design = [c for c in report.claims if "Griffin" in c.claim.text]
    assert design and all(c.method == Method.ENTAILMENT for c in design)
    assert any(c.verdict == Verdict.SUPPORTED for c in design)
    supported = next(c for c in design if c.verdict == Verdict.SUPPORTED)
    span = supported.citations[0]
    assert "Griffin" in span.span_text and span.evidence.source.endswith("canberra.md")
    assert not report.grounded and report.hallucination_score > 0.5


def test_given_evidence_is_used_instead_of_the_kb(verifier):
    evidence = ["Mont Blanc is the highest mountain in the Alps, at 4,808 metres."]
    good = verifier.verify("Mont Blanc is the highest mountain in the Alps.", evidence=evidence)
    assert good.claims[0].verdict == Verdict.SUPPORTED and good.grounded
    assert good.evidence[0].source == "request"
    bad = verifier.verify("The highest mountain in the Alps is Mount Everest.", evidence=evidence)
    assert bad.claims[0].verdict != Verdict.SUPPORTED
    assert bad.hallucination_score > good.hallucination_score


def test_short_answer_is_judged_with_its_question(verifier):
    report = verifier.verify("Canberra", question="What is the capital of Australia?")
    assert len(report.claims) == 1 and report.claims[0].verdict == Verdict.SUPPORTED
    assert report.claims[0].claim.text == "The capital of Australia is Canberra."


def test_verify_many_keeps_order_and_matches_single_calls(verifier):
    items = [
        VerifyItem(answer="The capital of France is Paris."),
        VerifyItem(answer="Coffee contains caffeine.", evidence=["Coffee's effect comes from its caffeine content."]),
    ]
    batch = verifier.verify_many(items)
    single = [verifier.verify(i.answer, evidence=i.evidence) for i in items]
    assert [r.answer for r in batch] == [i.answer for i in items]
    assert [r.claims[0].verdict for r in batch] == [r.claims[0].verdict for r in single]


def test_checkers_can_be_switched_off(verifier):
    report = verifier.verify("The capital of Australia is Sydney.", options=VerifierOptions(use_graph=False))
    assert report.claims[0].method != Method.GRAPH


def test_empty_and_oversized_answers_are_refused(verifier):
    with pytest.raises(InputError, match="empty"):
        verifier.verify("   ")
    with pytest.raises(InputError, match="characters"):
        verifier.verify("word " * 10_000)


def test_report_json_round_trips(verifier):
    from grounding.types import VerificationReport

    report = verifier.verify("The capital of Switzerland is Bern.")
    again = VerificationReport.model_validate_json(report.model_dump_json())
    assert again == report


def test_cli_verify_json(kb, tmp_path):
    copy = tmp_path / "kb"
    shutil.copytree(kb.root, copy)
    evidence = tmp_path / "evidence.json"
    evidence.write_text(json.dumps(["Rome is the capital of Italy."]))
    result = CliRunner().invoke(
        app,
        [
            "verify",
            "--answer",
            "The capital of Italy is Rome.",
            "--kb",
            str(copy),
            "--evidence",
            str(evidence),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["claims"][0]["verdict"] == "supported" and report["grounded"] is True
    assert report["answer_support"] > 0.5
    table = CliRunner().invoke(
        app, ["verify", "--answer", "The capital of Italy is Rome.", "--kb", str(copy), "--evidence", str(evidence)]
    )
    assert table.exit_code == 0 and "whole answer supported p=" in table.stdout
    empty = CliRunner().invoke(app, ["verify", "--answer", " ", "--kb", str(copy)])
    assert empty.exit_code == 2 and "empty" in empty.stderr


def test_a_sentence_about_something_else_never_contradicts(verifier):
    evidence = [
        "Melbourne is the capital and most populous city of the Australian state of Victoria.",
        "The Mutual Musicians' Foundation Building is a historic building in Kansas City, Missouri.",
    ]
    report = verifier.verify("The city was designed by Walter Burley Griffin.", evidence=evidence)
    (claim,) = report.claims
    assert claim.verdict == "unverifiable"
    off_topic = verifier.verify("Melbourne is the capital of New South Wales.", evidence=evidence[:1])
    assert off_topic.claims[0].verdict == "contradicted"


def test_a_name_one_word_off_the_evidence_is_not_supported_and_says_which_name(verifier):
    evidence = ["James Frey wrote Endgame: The Calling. Endgame: The Calling was released in 2014."]
    right = verifier.verify("Endgame: The Calling was released in 2014.", evidence=evidence)
    swapped = verifier.verify("Endgame: The Challenge was released in 2014.", evidence=evidence)
    assert right.claims[0].verdict == "supported"
    (claim,) = swapped.claims
    assert claim.verdict == "unverifiable"
    assert "'Endgame: The Calling', not 'Endgame: The Challenge'" in claim.reason
    # a blocked name is an exact finding: word coverage does not scale it down
    assert swapped.hallucination_score > 0.9 > 0.5 > right.hallucination_score


def test_novelty_discount_moves_the_score_never_the_verdict(verifier):
    evidence = ["Mont Blanc is the highest mountain in the Alps, at 4,808 metres."]
    answer = "Mont Blanc, the highest mountain in the Alps, was first climbed by Jacques Balmat."
    mild, strict = (
        verifier.verify(answer, evidence=evidence, options=VerifierOptions(novelty_discount=d)) for d in (1.0, 0.3)
    )
    for report in (mild, strict):
        assert all(c.verdict != Verdict.SUPPORTED for c in report.claims if "Balmat" in c.claim.text)
        assert any("Balmat" in c.reason for c in report.claims)
    assert strict.hallucination_score > mild.hallucination_score


def test_a_pronoun_takes_its_meaning_from_the_conversation(verifier):
    report = verifier.verify("Yes, and it borders Austria as well.", question="Is Switzerland a neighbour of France?")
    claim = report.claims[-1]
    assert claim.method == Method.GRAPH and claim.verdict == Verdict.SUPPORTED
    assert claim.reason.startswith('Reading "it" as Switzerland')
    alone = verifier.verify("Yes, and it borders Austria as well.", options=VerifierOptions(use_entailment=False))
    assert alone.claims[-1].verdict != Verdict.SUPPORTED


WITH_FILM_RULES = VerifierOptions().model_copy(
    update={"rules": (*VerifierOptions().rules, "credits", "release_years")}
)  # the film and book rules are opt-in: they help HaluEval dialogue only (docs/evaluation.md)


def test_a_work_credited_to_someone_else_is_contradicted_with_a_correction(verifier):
    evidence = [
        "Rupert Wyatt directed Rise of the Planet of the Apes. Rise of the Planet of the Apes is starring James Franco."
    ]
    wrong = verifier.verify(
        "James Franco actually directed Rise of the Planet of the Apes.", evidence=evidence, options=WITH_FILM_RULES
    )
    claim = wrong.claims[0]
    assert claim.verdict == Verdict.CONTRADICTED and claim.correction is not None
    assert (claim.correction.wrong, claim.correction.right) == ("James Franco", "Rupert Wyatt")
    assert "Rupert Wyatt" in claim.citations[0].span_text
    right = verifier.verify(
        "Rupert Wyatt directed Rise of the Planet of the Apes.", evidence=evidence, options=WITH_FILM_RULES
    )
    assert right.claims[0].verdict == Verdict.SUPPORTED
    assert wrong.hallucination_score > right.hallucination_score


def test_a_work_dated_differently_from_the_evidence_is_contradicted(verifier):
    evidence = ["L. Frank Baum wrote The Wonderful Wizard of Oz. The Wonderful Wizard of Oz was released 1900."]
    wrong = verifier.verify(
        "The Wonderful Wizard of Oz was released in 1865.",
        evidence=evidence,
        options=VerifierOptions(rules=("release_years",)),
    )
    claim = wrong.claims[0]
    assert claim.verdict == Verdict.CONTRADICTED
    assert (claim.correction.wrong, claim.correction.right) == ("1865", "1900")
    assert claim.reason == "The evidence says The Wonderful Wizard of Oz came out in 1900, not 1865."


def test_short_evidence_is_also_read_whole_against_the_whole_answer(verifier):
    evidence = ["Rupert Wyatt directed Rise of the Planet of the Apes. It stars James Franco and Freida Pinto."]
    right = verifier.verify("It was directed by Rupert Wyatt and stars James Franco.", evidence=evidence)
    wrong = verifier.verify("It was directed by Christopher Nolan and stars Tom Hardy.", evidence=evidence)
    assert right.answer_support is not None and wrong.answer_support is not None
    assert right.answer_support > 0.5 > wrong.answer_support
    assert wrong.hallucination_score > right.hallucination_score
    off = verifier.verify(wrong.answer, evidence=evidence, options=VerifierOptions().without("whole_answer"))
    assert off.answer_support is None and [c.verdict for c in off.claims] == [c.verdict for c in wrong.claims]


def test_evidence_too_long_for_the_window_is_never_read_whole(verifier):
    page = " ".join(f"Sentence {i} says that Lake Geneva lies between Switzerland and France." for i in range(60))
    report = verifier.verify("Lake Geneva lies between Switzerland and France.", evidence=[page])
    assert report.answer_support is None
    assert report.uncovered_share == 0.0  # every word of the answer is on the page
    assert report.evidence_distance < 0.25  # the page says it nearly word for word
    model_risk = max(1 - c.scores.get("entailment", 0) for c in report.claims)
    assert report.hallucination_score == pytest.approx(
        blend_distance(coverage_scale(0.0) * model_risk, report.evidence_distance), abs=1e-3
    )


def test_words_no_evidence_uses_raise_the_score_and_are_listed_never_the_verdicts(verifier):
    evidence = ["Lake Geneva lies between Switzerland and France. Its surface is 580 square kilometres."]
    plain = "Lake Geneva lies between Switzerland and France."
    padded = "Lake Geneva lies between Switzerland and France, beside the famous Chillon vineyards."
    kept, added = verifier.verify(plain, evidence=evidence), verifier.verify(padded, evidence=evidence)
    assert kept.uncovered_share == 0.0 and kept.uncovered_words == []
    assert added.uncovered_words == ["beside", "famous", "chillon", "vineyards"]
    assert added.uncovered_share == pytest.approx(4 / 9, abs=1e-4)
    assert added.hallucination_score > kept.hallucination_score
    off = verifier.verify(padded, evidence=evidence, options=VerifierOptions().without("word_coverage"))
    assert off.uncovered_share is None and off.uncovered_words == []
    assert [c.verdict for c in off.claims] == [c.verdict for c in added.claims]
    model_risk = (off.hallucination_score - SIMILARITY_WEIGHT * off.evidence_distance) / (1 - SIMILARITY_WEIGHT)
    assert added.hallucination_score == pytest.approx(
        blend_distance(model_risk * coverage_scale(added.uncovered_share), added.evidence_distance), abs=1e-3
    )


def test_a_claim_far_in_meaning_from_every_evidence_sentence_raises_the_score_never_the_verdicts(verifier):
    evidence = ["The museum opens at ten. Entry is free on Sundays.", "The café on the top floor serves lunch."]
    near = "Entry to the museum is free on Sundays."
    far = "Entry to the museum is free on Sundays, and the building was designed by a famous architect."
    close, distant = verifier.verify(near, evidence=evidence), verifier.verify(far, evidence=evidence)
    assert all(c.distance is not None for c in close.claims + distant.claims)
    assert close.evidence_distance < distant.evidence_distance
    assert close.evidence_distance == pytest.approx(sum(c.distance for c in close.claims) / len(close.claims))
    off = VerifierOptions().without("similarity")
    plain = verifier.verify(far, evidence=evidence, options=off)
    assert plain.evidence_distance is None and all(c.distance is None for c in plain.claims)
    assert [c.verdict for c in plain.claims] == [c.verdict for c in distant.claims]
    assert distant.hallucination_score == pytest.approx(
        blend_distance(plain.hallucination_score, distant.evidence_distance), abs=1e-3
    )
    none = verifier.verify(near, evidence=["   "])
    assert none.evidence_distance in (None, 1.0)


def test_answer_risk_blends_the_whole_view_but_never_averages_a_finding_away():
    from grounding.types import Claim, ClaimVerdict, Effect, RuleFinding

    NEAR_MISS = RuleFinding(rule="near_miss", effect=Effect.BLOCKS_SUPPORT, detail="the evidence names another")
    from grounding.verify.scoring import answer_risk

    def judged(verdict: Verdict, method: Method, confidence: float, findings=(), **scores: float) -> ClaimVerdict:
        claim = Claim(index=0, text="Endgame: The Challenge was released in 2014.", start=0, end=44)
        return ClaimVerdict(
            claim=claim,
            verdict=verdict,
            confidence=confidence,
            method=method,
            reason="r",
            scores=scores,
            findings=list(findings),
        )

    unsure = judged(Verdict.UNVERIFIABLE, Method.ENTAILMENT, 0.6, entailment=0.4)
    refuted = judged(Verdict.CONTRADICTED, Method.GRAPH, 0.95)
    misnamed = judged(Verdict.UNVERIFIABLE, Method.ENTAILMENT, 0.9, [NEAR_MISS], entailment=0.0)
    assert answer_risk([unsure]) == pytest.approx(0.6)
    assert answer_risk([unsure], answer_support=0.9) == pytest.approx(0.5 * (0.6 + 0.1))
    assert answer_risk([refuted], answer_support=0.99) == pytest.approx(0.95)
    assert answer_risk([misnamed], answer_support=0.95) == pytest.approx(1.0)
    assert answer_risk([], answer_support=None) == 0.0
    # word coverage scales the model's doubts, never an exact finding (the graph's, a rule's)
    assert answer_risk([unsure], uncovered=0.0) == pytest.approx(0.6 * coverage_scale(0.0))
    assert answer_risk([unsure], uncovered=1.0) == pytest.approx(0.6)
    assert answer_risk([refuted], answer_support=0.99, uncovered=0.0) == pytest.approx(0.95)
    assert answer_risk([misnamed, unsure], uncovered=0.0) == pytest.approx(1.0)
    assert coverage_scale(0.0) < coverage_scale(0.3) < coverage_scale(1.0) == pytest.approx(1.0)
    # the claims' distance from the evidence is blended in last, into every answer's score
    far = unsure.model_copy(update={"distance": 0.8})
    near = refuted.model_copy(update={"distance": 0.1})
    assert answer_risk([far]) == pytest.approx(blend_distance(0.6, 0.8))
    assert answer_risk([far, near]) == pytest.approx(0.95)  # never lowers an exact finding
    assert answer_risk([refuted.model_copy(update={"distance": 1.0})]) == pytest.approx(blend_distance(0.95, 1.0))
    assert answer_risk([far, unsure]) == pytest.approx(blend_distance(0.6, 0.8))  # only the measured claims


CURIE = [
    "Marie Curie was a Polish and naturalised-French physicist and chemist. She was born in Warsaw in 1867. "
    "She won the Nobel Prize in Physics in 1903 and the Nobel Prize in Chemistry in 1911. She died in 1934 in "
    "France. Her husband Pierre Curie shared the 1903 prize."
]


def test_a_claims_verdict_does_not_depend_on_the_rest_of_the_answer(verifier):
    sentences = [
        "Marie Curie was born in Warsaw in 1867.",
        "Marie Curie won the Nobel Prize in Physics in 1903.",
        "Marie Curie won the Nobel Prize in Chemistry in 1921.",
        "Marie Curie died in 1934.",
        "Pierre Curie shared the 1903 prize.",
    ]
    whole = verifier.verify(" ".join(sentences), evidence=CURIE)
    assert [c.claim.text for c in whole.claims] == sentences
    for sentence, inside in zip(sentences, whole.claims, strict=True):
        (alone,) = verifier.verify(sentence, evidence=CURIE).claims
        assert (inside.verdict, inside.scores) == (alone.verdict, alone.scores), sentence
    assert [c.verdict for c in whole.claims] == [Verdict.SUPPORTED] * 2 + [Verdict.CONTRADICTED] + [
        Verdict.SUPPORTED
    ] * 2
