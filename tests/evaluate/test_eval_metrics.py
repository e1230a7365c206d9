"""Detection metrics against values worked out by hand, plus the properties AUROC must have."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from grounding.evaluate import metrics as m
from knowledge.errors import InputError

PREDICTED = [True, True, False, False, True]
LABELS = [True, False, False, False, True]


def test_confusion_and_thresholded_metrics_by_hand() -> None:
    assert m.confusion_matrix(PREDICTED, LABELS) == {"tp": 2, "fp": 1, "tn": 2, "fn": 0}
    # recall on hallucinated 2/2, on right answers 2/3
    assert m.balanced_accuracy(PREDICTED, LABELS) == pytest.approx((1 + 2 / 3) / 2)
    assert m.accuracy(PREDICTED, LABELS) == pytest.approx(4 / 5)
    precision, recall, f1 = m.precision_recall_f1(PREDICTED, LABELS)
    assert (precision, recall, f1) == pytest.approx((2 / 3, 1.0, 0.8))


def test_constant_guesses_score_half_balanced_accuracy_whatever_the_balance() -> None:
    labels = [True] * 9 + [False]
    assert m.balanced_accuracy([True] * 10, labels) == 0.5
    assert m.balanced_accuracy([False] * 10, labels) == 0.5
    assert m.accuracy([True] * 10, labels) == 0.9


def test_precision_is_undefined_when_nothing_is_flagged() -> None:
    precision, recall, f1 = m.precision_recall_f1([False, False], [True, False])
    assert math.isnan(precision) and recall == 0.0 and f1 == 0.0


def test_auroc_by_hand_with_and_without_ties() -> None:
    # positives 0.35 and 0.8 against negatives 0.1 and 0.4: 0.35 beats one, 0.8 beats both -> 3/4
    assert m.auroc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]) == pytest.approx(0.75)
    # the tie 0.5 vs 0.5 counts one half: (0.5 + 1 + 1 + 1) / 4
    assert m.auroc([0.5, 0.5, 0.2, 0.9], [1, 0, 0, 1]) == pytest.approx(0.875)
    assert m.auroc([0.3, 0.3, 0.3], [1, 0, 1]) == pytest.approx(0.5)
    assert math.isnan(m.auroc([0.1, 0.2], [1, 1]))


def test_roc_curve_points() -> None:
    fpr, tpr, thresholds = m.roc_curve([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])
    assert fpr.tolist() == [0.0, 0.0, 0.5, 0.5, 1.0]
    assert tpr.tolist() == [0.0, 0.5, 0.5, 1.0, 1.0]
    assert thresholds.tolist() == [np.inf, 0.8, 0.4, 0.35, 0.1]
    assert np.trapezoid(tpr, fpr) == pytest.approx(m.auroc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]))


def test_ece_by_hand() -> None:
    # bins 0, 1, 8, 9 hold one item each: |0.05-0| + |0.15-1| + |0.85-1| + |0.95-1| over 4
    assert m.expected_calibration_error([0.05, 0.15, 0.95, 0.85], [0, 1, 1, 1]) == pytest.approx(0.275)
    # two items in one bin: mean score 0.25, half hallucinated -> 0.25 off for both
    assert m.expected_calibration_error([0.21, 0.29], [0, 1]) == pytest.approx(0.25)
    assert m.expected_calibration_error([1.0, 0.0], [1, 0]) == pytest.approx(0.0)
    assert math.isnan(m.expected_calibration_error([3.0, 0.5], [1, 0])), "not a probability"


def test_reliability_bins_put_one_in_the_last_bin() -> None:
    bins = m.reliability_bins([1.0, 0.95, 0.0], [1, 0, 0])
    assert bins[9]["count"] == 2 and bins[9]["fraction_hallucinated"] == 0.5
    assert bins[0]["count"] == 1 and sum(b["count"] for b in bins) == 3


def test_best_threshold_by_hand() -> None:
    assert m.best_threshold([0.2, 0.3, 0.7, 0.9], [0, 0, 1, 1]) == pytest.approx(0.5)
    # 0.8 alone and 0.35-and-up both give 0.75; the stricter wins, halfway down to the next score 0.4
    assert m.best_threshold([0.1, 0.35, 0.4, 0.8], [0, 1, 0, 1]) == pytest.approx(0.6)
    # ties in the scores: a threshold can only cut between distinct values
    assert m.best_threshold([1.0, 1.0, 1.0, 0.2], [1, 1, 0, 0]) == pytest.approx(0.6)
    with pytest.raises(InputError, match="one class"):
        m.best_threshold([0.1, 0.2], [1, 1])


def test_best_threshold_works_on_unbounded_scores() -> None:
    lengths = [12.0, 15.0, 80.0, 95.0, 14.0, 70.0]
    labels = [0, 0, 1, 1, 0, 1]
    t = m.best_threshold(lengths, labels)
    assert t == pytest.approx((70 + 15) / 2)
    assert m.balanced_accuracy(np.array(lengths) >= t, labels) == 1.0


def test_bootstrap_ci_is_reproducible_and_brackets_the_estimate() -> None:
    rng = np.random.default_rng(3)
    labels = rng.random(200) < 0.5
    scores = labels * 0.3 + rng.random(200)
    a = m.bootstrap_ci(m.auroc, scores, labels, n=300, seed=11)
    b = m.bootstrap_ci(m.auroc, scores, labels, n=300, seed=11)
    assert a == b
    point = m.auroc(scores, labels)
    assert a[0] < point < a[1] and a[1] - a[0] < 0.25
    assert m.bootstrap_ci(m.auroc, [0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1], n=200, seed=0) == (1.0, 1.0)


def test_bootstrap_by_group_keeps_pairs_together() -> None:
    scores = np.repeat(np.arange(20.0), 2)  # items 2k and 2k+1 form pair k
    labels = np.tile([False, True], 20)

    def pairs_intact(s: np.ndarray, _: np.ndarray) -> float:
        _, counts = np.unique(s, return_counts=True)
        return float(np.all(counts % 2 == 0))

    assert m.bootstrap_ci(pairs_intact, scores, labels, n=200, seed=1, groups=[int(s) for s in scores]) == (
        1.0,
        1.0,
    )
    assert m.bootstrap_ci(pairs_intact, scores, labels, n=200, seed=1) == (0.0, 0.0)


def test_paired_interval_sees_a_gap_that_separate_intervals_hide() -> None:
    rng = np.random.default_rng(5)
    labels = rng.random(150) < 0.5
    shared = rng.random(150)  # what both scorers find hard, item by item
    weaker = labels * 0.6 + shared
    stronger = labels * 0.75 + shared
    low_a, high_a = m.bootstrap_ci(m.auroc, stronger, labels, n=300, seed=2)
    low_b, high_b = m.bootstrap_ci(m.auroc, weaker, labels, n=300, seed=2)
    assert low_a < high_b  # the two intervals overlap
    low, high = m.paired_difference_ci(m.auroc, stronger, weaker, labels, n=300, seed=2)
    assert 0 < low <= m.auroc(stronger, labels) - m.auroc(weaker, labels) <= high
    assert m.paired_difference_ci(m.auroc, weaker, stronger, labels, n=300, seed=2) == pytest.approx((-high, -low))
    assert m.paired_difference_ci(m.auroc, weaker, weaker, labels, n=50, seed=2) == (0.0, 0.0)


def test_latency_percentiles() -> None:
    result = m.latency_percentiles([10, 20, 30, 40, 50])
    assert result["p50_ms"] == 30 and result["p95_ms"] == pytest.approx(48) and result["mean_ms"] == 30
    assert math.isnan(m.latency_percentiles([])["p50_ms"])


def test_classification_report_at_a_threshold() -> None:
    report = m.classification_report([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1], threshold=0.6, n_bootstrap=50)
    assert report["confusion"] == {"tp": 1, "fp": 0, "tn": 2, "fn": 1}
    assert report["balanced_accuracy"] == pytest.approx(0.75) and report["auroc"] == pytest.approx(0.75)
    assert report["precision"] == 1.0 and report["recall"] == 0.5 and report["f1"] == pytest.approx(2 / 3)
    assert set(report["ci95"]) == {"balanced_accuracy", "auroc", "f1"}


def test_mismatched_lengths_are_rejected() -> None:
    with pytest.raises(InputError):
        m.auroc([0.1, 0.2], [1])


_scores = st.lists(st.floats(min_value=-1e3, max_value=1e3, allow_nan=False), min_size=1, max_size=30)


@given(negatives=_scores, positives=_scores)
def test_auroc_is_one_for_separated_scores_and_zero_reversed(
    negatives: list[float], positives: list[float]
) -> None:
    low = np.array(negatives) - 2e3
    high = np.array(positives) + 2e3
    scores = np.r_[low, high]
    labels = np.r_[np.zeros(len(low), bool), np.ones(len(high), bool)]
    assert m.auroc(scores, labels) == 1.0
    assert m.auroc(-scores, labels) == 0.0
    assert m.balanced_accuracy(scores >= m.best_threshold(scores, labels), labels) == 1.0


@given(
    scores=st.lists(st.integers(min_value=-50, max_value=50), min_size=2, max_size=40),
    data=st.data(),
)
def test_auroc_is_invariant_to_monotone_transforms(scores: list[int], data: st.DataObject) -> None:
    labels = data.draw(st.lists(st.booleans(), min_size=len(scores), max_size=len(scores)))
    s = np.array(scores, dtype=float)
    base = m.auroc(s, labels)
    if math.isnan(base):
        return
    assert m.auroc(np.exp(s / 10), labels) == pytest.approx(base)
    assert m.auroc(s**3 + 7, labels) == pytest.approx(base)
    assert m.auroc(-s, labels) == pytest.approx(1 - base)
