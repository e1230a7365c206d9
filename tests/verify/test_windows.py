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


STORY = [
    "The museum opened in 1998 on the harbour front. A local architect designed the building. "
    "The collection covers maritime history. Entry to the museum has been free since 2010. The cafe closes at five."
]


def _plan(reading: str):
    from grounding.types import Claim, Evidence, EvidenceKind
    from grounding.verify.checkers.entailment import EntailmentThresholds, plan_pairs

    claim = Claim(index=0, text="The museum has been free to enter since 2010.", start=0, end=45)
    evidence = [Evidence(id="e", kind=EvidenceKind.PASSAGE, text=STORY[0], source="test")]
    return plan_pairs([claim], evidence, EntailmentThresholds(reading=reading, sentences=3))


def test_the_default_reading_shows_the_model_the_aligned_sentences_together_once() -> None:
    (premise, _), *others = _plan("joined").pairs
    assert not others  # one pair per claim: no sentence lends its support alone
    sentences = [s.strip() + "." for s in STORY[0].split(".") if s.strip()]
    chosen = [s for s in sentences if s in premise]
    assert "Entry to the museum has been free since 2010." in chosen and len(chosen) == 3
    assert premise == " ".join(chosen)  # in the document's order


def test_the_aligned_reading_adds_each_sentence_alone_and_windows_add_the_document() -> None:
    joined = _plan("joined").pairs
    aligned = [premise for premise, _ in _plan("aligned").pairs]
    assert len(aligned) == 4 and aligned[-1] == joined[0][0]
    assert all(premise in joined[0][0] for premise in aligned[:3])
    windows = [premise for premise, _ in _plan("windows").pairs]
    assert STORY[0] in windows and windows[-1] == joined[0][0]
