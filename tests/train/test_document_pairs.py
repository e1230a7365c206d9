"""Self-supervised document pairs: each label holds by construction, in both premise shapes."""

from __future__ import annotations

import os
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from grounding.text.sentences import split_sentences  # noqa: E402
from grounding.train.document_pairs import ANTONYMS, aligned_pairs, document_pairs, perturb  # noqa: E402

DOCS = [
    "The Riverside clinic opened in 1998 in the north of Lyon. It treats about 4,000 patients a year. "
    "Dr Anna Weber has led the clinic since 2010. The clinic was not funded by the city at first. "
    "Its budget rose by 12 percent last year after a grant from the Moreau Foundation. "
    "Patients are seen once a week for routine checks. The waiting room was rebuilt in 2015.",
    "Harbor Bank reported net income of 310 million dollars in the third quarter. Revenue fell 3 percent "
    "as lending slowed in the east of the country. Chief executive Paul Grant said costs were higher than "
    "planned. The bank will open 20 branches before the end of 2027. Analysts at Mercer Partners had "
    "expected a larger profit. Shares closed lower on Tuesday after the report was published.",
    "Mount Kessel is the highest peak of the Varden range at 3,210 metres. It was first climbed in 1871 "
    "by Johann Brandt. The summit is covered by snow for eight months of the year. Climbers usually start "
    "from the village of Oberried, which lies south of the mountain. A cable car was built in 1964 and "
    "closed in 2009. The hut below the summit sleeps 40 people.",
]


def _sentences_of(text: str) -> set[str]:
    return {text[s:e] for s, e in split_sentences(text)}


@pytest.fixture(scope="module")
def aligned():
    return aligned_pairs(200, seed=3, docs=DOCS)


def test_aligned_premises_are_sentences_of_the_document_read_in_order(aligned) -> None:
    assert aligned
    for pair in aligned:
        doc = next(d for d in DOCS if pair.premise.split(". ")[0] in d)
        sentences = [doc[s:e] for s, e in split_sentences(doc)]
        chosen = [s for s in sentences if s in pair.premise]
        assert 1 <= len(chosen) <= 4  # k=3, plus a pronoun sentence's antecedent
        assert " ".join(chosen) == pair.premise


def test_aligned_labels_hold_by_construction(aligned) -> None:
    kinds = {pair.source for pair in aligned}
    assert {"aligned-sentence", "aligned-removed"} <= kinds
    assert kinds & {"aligned-negation", "aligned-name", "aligned-number", "aligned-year", "aligned-antonym"}
    for pair in aligned:
        if pair.source == "aligned-sentence":
            assert pair.label == "entailment" and pair.hypothesis in pair.premise
        elif pair.source == "aligned-removed":
            assert pair.label == "neutral" and pair.hypothesis not in pair.premise
        elif pair.source in {"aligned-negation", "aligned-name", "aligned-number", "aligned-year", "aligned-antonym"}:
            assert pair.label == "contradiction"
            assert not any(pair.hypothesis == s for d in DOCS for s in _sentences_of(d))


def test_aligned_pairs_are_reproducible() -> None:
    first = aligned_pairs(30, seed=5, docs=DOCS)
    assert [(p.premise, p.hypothesis, p.label) for p in first] == [
        (p.premise, p.hypothesis, p.label) for p in aligned_pairs(30, seed=5, docs=DOCS)
    ]


def test_window_pairs_keep_their_claims_inside_or_outside_the_window() -> None:
    pairs = document_pairs(120, seed=1, docs=DOCS)
    for pair in pairs:
        if pair.source in {"document-sentence"}:
            assert pair.label == "entailment" and pair.hypothesis in pair.premise
        if pair.label == "contradiction":
            assert pair.hypothesis not in pair.premise


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.integers(0, 10_000), st.sampled_from([s for d in DOCS for s in sorted(_sentences_of(d))]))
def test_a_perturbation_is_one_edit_that_changes_the_sentence(seed: int, sentence: str) -> None:
    doc = next(d for d in DOCS if sentence in d)
    made = perturb(sentence, doc, random.Random(seed))
    if made is None:
        return
    kind, edited = made
    assert edited != sentence
    before, after = sentence.split(), edited.split()
    if kind == "antonym":
        changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
        assert len(changed) == 1 and ANTONYMS[changed[0][0].strip(".,")] == changed[0][1].strip(".,")
    if kind == "negation":
        assert abs(len(after) - len(before)) == 1 and ("not" in after) != ("not" in before)
    if kind in {"number", "year"}:
        assert len(after) == len(before)
        assert sum(a != b for a, b in zip(before, after, strict=True)) == 1


def test_reworded_claims_are_supported_and_their_edits_contradicted() -> None:
    pairs = aligned_pairs(200, seed=3, docs=DOCS, reworded=1.0)
    reworded = [p for p in pairs if p.source == "aligned-reworded"]
    assert reworded and all(p.label == "entailment" for p in reworded)
    assert all(not any(p.hypothesis == s for d in DOCS for s in _sentences_of(d)) for p in reworded)
    assert not {p.source for p in aligned_pairs(200, seed=3, docs=DOCS)} & {"aligned-reworded"}
