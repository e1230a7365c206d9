"""Arithmetic across sentences: the model is shown a sum of the evidence's values only where the claim states it."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grounding.types import Effect, Verdict
from grounding.verify.arithmetic import computed
from grounding.verify.options import VerifierOptions
from grounding.verify.verifier import Verifier

TRAIN = "The train leaves at 9:00. The journey takes two and a half hours."
SHARES = "The shares opened at $40. By the close they had gained $5."
AUTHOR = "The author was born in 1960. Her first novel was published in 1990 to wide acclaim."


@pytest.mark.parametrize(
    ("claim", "premise", "sums"),
    [
        ("The train arrives at 11:30.", TRAIN, ("9:00 plus two and a half hours is 11:30",)),
        (
            "The train left at 6:30.",
            "The train arrived at 9:00 after a 2.5 hours' journey.",
            ("9:00 minus 2.5 hours is 6:30",),
        ),
        (
            "The train left at 6:30.",
            "The train arrived at 9:00. The trip took 150 minutes.",
            ("9:00 minus 150 minutes is 6:30",),
        ),
        ("The shares closed at $45.", SHARES, ("$40 plus $5 is $45",)),
        ("The shares closed at $35.", SHARES, ("$40 minus $5 is $35",)),
        ("The author was 30 when her first novel was published.", AUTHOR, ("1990 is 30 years after 1960",)),
        ("The company was founded 30 years before the merger.", AUTHOR, ("1990 is 30 years after 1960",)),
        # nothing to compute: another value, a value the evidence states, a bare count, a bound
        ("The train arrives at 12:30.", TRAIN, ()),
        ("The shares closed at $50.", SHARES, ()),
        ("The shares opened at $40.", SHARES, ()),
        ("45 people came.", "40 people came. 5 people left early.", ()),
        ("The shares closed above $45.", SHARES, ()),
        ("The author had 30 novels published.", AUTHOR, ()),  # 30, but not a count of years
    ],
)
def test_only_a_sum_the_claim_states_is_computed(claim: str, premise: str, sums: tuple[str, ...]) -> None:
    assert computed(claim, premise) == sums


@given(
    start=st.integers(min_value=0, max_value=23 * 60 + 59),
    minutes=st.integers(min_value=1, max_value=600),
    claimed=st.integers(min_value=0, max_value=23 * 60 + 59),
)
def test_a_time_of_day_is_computed_only_where_it_is_the_sum(start: int, minutes: int, claimed: int) -> None:
    clock = f"{start // 60}:{start % 60:02d}"
    said = f"{claimed // 60}:{claimed % 60:02d}"
    sums = computed(f"The bus arrives at {said}.", f"The bus leaves at {clock}. The trip takes {minutes} minutes.")
    if claimed == start:
        assert sums == ()  # the evidence states it
    elif (start + minutes) % (24 * 60) == claimed:
        assert sums == (f"{clock} plus {minutes} minutes is {said}",)
    elif (start - minutes) % (24 * 60) == claimed:
        assert sums == (f"{clock} minus {minutes} minutes is {said}",)
    else:
        assert sums == ()


def test_the_verdict_says_what_was_computed_and_the_step_switches_off() -> None:
    verifier = Verifier()
    (train,) = verifier.verify("The train arrives at 11:30.", evidence=TRAIN.split(". ")).claims
    assert train.verdict == Verdict.SUPPORTED
    (finding,) = [f for f in train.findings if f.rule == "arithmetic"]
    assert finding.effect == Effect.READS_AS and "9:00 plus two and a half hours is 11:30" in finding.detail
    (late,) = verifier.verify("The train arrives at 12:30.", evidence=TRAIN.split(". ")).claims
    assert late.verdict != Verdict.SUPPORTED and not any(f.rule == "arithmetic" for f in late.findings)
    options = VerifierOptions().without("arithmetic")
    (alone,) = verifier.verify("The train arrives at 11:30.", evidence=TRAIN.split(". "), options=options).claims
    assert alone.verdict != Verdict.SUPPORTED and not any(f.rule == "arithmetic" for f in alone.findings)
