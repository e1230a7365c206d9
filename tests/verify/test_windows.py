"""Evidence windows: consecutive sentences that fill the model's input, overlapping, covering everything."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from grounding import Verdict, Verifier, VerifierOptions
from grounding.text.sentences import split_sentences
from grounding.verify.alignment import evidence_windows

SENTENCE = st.from_regex(r"[A-Z][a-z]{2,8}( [a-z]{2,8}){2,12}\.", fullmatch=True)


@settings(max_examples=60, derandomize=True, deadline=None)
@given(st.lists(st.lists(SENTENCE, min_size=1, max_size=6), min_size=1, max_size=4), st.integers(8, 60))
def test_windows_cover_every_sentence_in_order_and_overlap(passages, budget) -> None:
    texts = [" ".join(p) for p in passages]
    windows = evidence_windows(texts, budget=budget)
    seen = [(s.passage, s.start) for w in windows for s in w]
    every = sorted(set(seen))
    assert [key for key in dict.fromkeys(seen)] == every  # each sentence appears, in document order
    assert len(every) == sum(len(split_sentences(text)) for text in texts)
    for first, second in zip(windows, windows[1:], strict=False):
        if len(first) > 1:  # a sentence over the budget is a window alone; the next starts after it
            assert (first[-1].passage, first[-1].start) >= (second[0].passage, second[0].start)  # they overlap
    for window in windows:
        words = sum(int(1.4 * len(s.text.split())) + 1 for s in window)
        assert len(window) == 1 or words <= budget


def test_a_claim_read_in_windows_sees_support_across_sentences() -> None:
    evidence = [
        "Marie Curie was a physicist and chemist. She won the Nobel Prize in Physics in 1903 and the Nobel "
        "Prize in Chemistry in 1911."
    ]
    options = VerifierOptions(reading="windows")
    report = Verifier().verify(
        "Marie Curie won the Nobel Prize in Physics in 1903.", evidence=evidence, options=options
    )
    assert report.claims[0].verdict == Verdict.SUPPORTED
    assert any("1903" in c.span_text for c in report.claims[0].citations)
