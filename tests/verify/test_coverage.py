"""Word coverage: the share of an answer's content words that no evidence text uses."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from grounding.verify.coverage import uncovered_share, uncovered_words

WORDS = st.lists(st.sampled_from(["the", "lake", "Geneva", "lies", "in", "France", "580", "km", "of", "and"]))


@settings(derandomize=True, max_examples=300)
@given(WORDS, st.lists(WORDS, max_size=3))
def test_the_share_is_a_fraction_and_counts_exactly_the_missing_words(answer: list[str], evidence: list[list[str]]):
    text, texts = " ".join(answer), [" ".join(e) for e in evidence]
    share = uncovered_share(text, texts)
    assert 0.0 <= share <= 1.0
    if not any(t.strip() for t in texts):
        assert share == 1.0  # nothing to be covered by: fail closed
    elif texts:
        assert (share == 0.0) == (uncovered_words(text, texts) == [])


@settings(derandomize=True, max_examples=200)
@given(WORDS, WORDS)
def test_more_evidence_never_uncovers_a_word(answer: list[str], extra: list[str]):
    text = " ".join(answer)
    before = uncovered_share(text, ["lake in France"])
    after = uncovered_share(text, ["lake in France", " ".join(extra)])
    assert after <= before


def test_case_and_stopwords_do_not_count():
    assert uncovered_share("The LAKE is in France.", ["lake france"]) == 0.0
    assert uncovered_words("Lake Geneva lies in France and Italy.", ["Lake Geneva lies in France."]) == ["italy"]
    assert uncovered_share("It is.", ["anything"]) == 0.0  # no content word: nothing to miss
