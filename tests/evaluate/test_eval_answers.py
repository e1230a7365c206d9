"""Answer accuracy, the hallucination test of a report, and the generation figures, against hand-computed values."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grounding.evaluate.answers import contains_gold, is_hallucinated, normalize_answer, token_f1
from grounding.evaluate.generation import generation_metrics, stage_latency


def test_normalisation_drops_case_punctuation_articles_and_citations() -> None:
    assert normalize_answer("The Eiffel Tower [1, 2], in  Paris!") == "eiffel tower in paris"
    assert normalize_answer("Arthur’s Magazine.") == "arthur s magazine"


@pytest.mark.parametrize(
    ("answer", "gold", "expected"),
    [
        ("The capital is Canberra [1].", ["Canberra"], True),
        ("Canberra's population", ["Canberra"], True),  # apostrophe splits the word
        ("Canberrans live there", ["Canberra"], False),  # whole words only
        ("It was Arthur's Magazine.", ["Arthur's Magazine"], True),
        ("Sydney", ["Canberra", "Sydney"], True),
        ("", ["Canberra"], False),
        ("anything", [""], False),
    ],
)
def test_contains_gold(answer: str, gold: list[str], expected: bool) -> None:
    assert contains_gold(answer, gold) is expected


def test_token_f1_by_hand() -> None:
    # answer tokens: capital is canberra (3); gold: canberra (1) -> P 1/3, R 1 -> F1 0.5
    assert token_f1("The capital is Canberra.", ["Canberra"]) == pytest.approx(0.5)
    # best of the gold answers: "new york city" vs "new york" -> P 2/2, R 2/3 -> 0.8
    assert token_f1("New York", ["Boston", "New York City"]) == pytest.approx(0.8)
    assert token_f1("Paris", ["Rome"]) == 0.0 and token_f1("", ["Rome"]) == 0.0
    assert token_f1("the the", ["a"]) == 0.0  # only articles: nothing left to match


@given(st.text(max_size=40), st.lists(st.text(min_size=1, max_size=20), min_size=1, max_size=4))
def test_token_f1_is_a_bounded_score_and_exact_answers_score_one(answer: str, gold: list[str]) -> None:
    assert 0.0 <= token_f1(answer, gold) <= 1.0
    if normalize_answer(gold[0]):
        assert token_f1(gold[0], gold) == pytest.approx(1.0)
        assert contains_gold(gold[0], gold)


def test_a_report_hallucinates_with_one_contradicted_or_unverifiable_claim() -> None:
    assert not is_hallucinated({"counts": {"supported": 3, "contradicted": 0, "unverifiable": 0}})
    assert is_hallucinated({"counts": {"supported": 3, "unverifiable": 1}})
    assert is_hallucinated({"counts": {"contradicted": 1}})
    assert not is_hallucinated({"counts": {}})  # nothing claimed: nothing hallucinated


def _row(raw_h: bool, h: bool, abstained: bool, correct: bool, f1: float, total: float, **extra) -> dict:
    return {
        "raw_hallucinated": raw_h,
        "hallucinated": h,
        "abstained": abstained,
        "raw_abstained": False,
        "correct": correct,
        "f1": f1,
        "raw_correct": correct or raw_h,
        "raw_f1": f1,
        "latency_ms": total,
        "timings_ms": {"retrieve": 10.0, "generate": total - 10.0, "total": total},
        "answerer": "llm",
        **extra,
    }


def test_generation_figures_by_hand() -> None:
    rows = [
        _row(True, False, False, True, 0.5, 100.0, category="a"),
        _row(True, False, True, False, 0.0, 200.0, category="a"),
        _row(True, True, False, False, 0.2, 300.0, category="b"),
        _row(False, False, False, True, 1.0, 400.0, category="b"),
        {"id": "x", "question": "?", "error": "the question is empty"},
    ]
    m = generation_metrics(rows, n_bootstrap=200, seed=0)
    assert m["n"] == 4 and m["errors"] == 1
    assert m["hallucination_rate_raw"] == pytest.approx(0.75)
    assert m["hallucination_rate"] == pytest.approx(0.25)
    assert m["hallucination_reduction"] == pytest.approx(1 - 0.25 / 0.75)
    assert m["hallucination_drop"]["value"] == pytest.approx(0.5)
    assert m["abstention_rate"] == pytest.approx(0.25)
    assert m["accuracy"] == pytest.approx(0.5) and m["token_f1"] == pytest.approx(0.425)
    assert m["accuracy_raw"] == pytest.approx(1.0)  # raw_correct = correct or raw_h in these rows
    assert m["accuracy_when_answered"] == pytest.approx(2 / 3)
    assert m["hallucination_rate_when_answered"] == pytest.approx(1 / 3)
    assert m["targets"] == {"hallucination_halved": True, "abstention_below_quarter": False}
    low, high = m["ci95"]["hallucination_rate_raw"]
    assert 0.0 <= low <= 0.75 <= high <= 1.0
    assert m["per_category"]["a"] == {
        "n": 2,
        "accuracy": 0.5,
        "hallucination_rate_raw": 1.0,
        "hallucination_rate": 0.0,
        "abstention_rate": 0.5,
        "quote_rate": 0.0,
    }
    assert m["quote_rate"] == 0.0
    assert m["latency_ms_per_stage"]["total"]["p50_ms"] == pytest.approx(250.0)
    assert m["latency_ms_per_question"]["mean_ms"] == pytest.approx(250.0)


def test_stage_latency_counts_only_questions_that_ran_the_stage() -> None:
    rows = [{"timings_ms": {"load_llm": 5000.0, "total": 6000.0}}, {"timings_ms": {"total": 1000.0}}]
    latency = stage_latency(rows)
    assert latency["load_llm"]["n"] == 1 and latency["total"]["n"] == 2
    assert latency["total"]["p50_ms"] == pytest.approx(3500.0)
