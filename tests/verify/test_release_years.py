"""Release years read off evidence text and compared with the year a claim gives the same work."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grounding.text.lexicon import FUNCTION_WORDS
from grounding.verify.rules.release_years import release_year_conflicts, release_years_in

EVIDENCE = (
    "L. Frank Baum wrote The Wonderful Wizard of Oz. The Wonderful Wizard of Oz was released 1900. "
    "It was released 1998.\nKing Kong was released in 1933. King Kong was released in 2005."
)


def test_years_are_read_per_work_and_a_pronoun_is_no_work():
    found = release_years_in(EVIDENCE)
    assert found["the wonderful wizard of oz"] == ("The Wonderful Wizard of Oz", ("1900",))
    assert found["king kong"] == ("King Kong", ("1933", "2005"))
    assert "it" not in found


@pytest.mark.parametrize(
    ("claim", "claimed"),
    [
        ("Actually, The Wonderful Wizard of Oz was released in 1865.", "1865"),
        ("The Wonderful Wizard of Oz was first published in May 1899.", "1899"),
        ("King Kong was released in 2015, and stars Tom Hanks.", "2015"),
        ("It was released in 2013.", "2013"),  # no work the evidence dates came out in 2013
        ("That one was released during 1995.", "1995"),
    ],
)
def test_a_work_dated_differently_conflicts(claim, claimed):
    conflicts = release_year_conflicts(claim, EVIDENCE)
    assert [c.claimed for c in conflicts] == [claimed]
    assert claimed in conflicts[0].reason()


@pytest.mark.parametrize(
    "claim",
    [
        "The Wonderful Wizard of Oz was released in 1900.",
        "King Kong was released in 1933.",  # a remake's year is the other work's
        "It was released in 2005.",  # a pronoun may mean any work the evidence dates
        "He was released from prison in 2010.",
        "Jaws was released in 1975.",  # a work the evidence does not date
        "The Wonderful Wizard of Oz has sold more than 3 million copies since 1956.",
    ],
)
def test_no_conflict_without_a_different_year_for_the_same_work(claim):
    assert release_year_conflicts(claim, EVIDENCE) == []


_WORD = st.from_regex(r"[A-Z][a-z]{2,8}", fullmatch=True).filter(lambda w: w.lower() not in FUNCTION_WORDS)
_TITLE = st.lists(_WORD, min_size=1, max_size=4).map(" ".join)  # "The" or "Its" alone is no title


@given(work=_TITLE, year=st.integers(1600, 2030), other=st.integers(1600, 2030))
def test_the_same_year_never_conflicts_and_another_always_does(work, year, other):
    evidence = f"{work} was released {year}."
    assert release_year_conflicts(f"{work} was released in {year}.", evidence) == []
    conflicts = release_year_conflicts(f"{work} was released in {other}.", evidence)
    assert [c.claimed for c in conflicts] == ([] if other == year else [str(other)])
