"""The shared train/dev/test split: stable, deterministic and in the promised proportions."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from grounding.data.splits import split_of


def test_known_assignments_never_change() -> None:
    # Pinned: a change here would silently move rows between training and evaluation.
    expected = "train train test train train train dev test dev train dev train".split()
    assert [split_of("halueval-dialogue", i) for i in range(12)] == expected


def test_assignment_is_identical_in_a_fresh_interpreter() -> None:
    """Python's own hash() is salted per process; the split must not depend on it."""
    code = (
        "from grounding.data.splits import split_of; print([split_of('halueval-summarization', i) for i in range(50)])"
    )
    fresh = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert fresh.strip() == str([split_of("halueval-summarization", i) for i in range(50)])


def test_proportions_are_60_10_30() -> None:
    counts = Counter(split_of("some-dataset", i) for i in range(20000))
    assert abs(counts["train"] / 20000 - 0.6) < 0.015
    assert abs(counts["dev"] / 20000 - 0.1) < 0.01
    assert abs(counts["test"] / 20000 - 0.3) < 0.015


def test_datasets_are_split_independently() -> None:
    a = [split_of("halueval-dialogue", i) for i in range(500)]
    b = [split_of("halueval-qa", i) for i in range(500)]
    assert a != b


@given(st.text(max_size=30), st.integers(min_value=0, max_value=10**12))
def test_always_one_of_three_and_deterministic(dataset: str, index: int) -> None:
    first = split_of(dataset, index)
    assert first in {"train", "dev", "test"}
    assert split_of(dataset, index) == first
