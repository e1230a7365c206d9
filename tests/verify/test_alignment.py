"""Sentence splitting and claim-evidence alignment, with the real MiniLM embedder."""

from __future__ import annotations

import os
from collections import OrderedDict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import grounding.verify.alignment as alignment  # noqa: E402
from grounding.text import sentences  # noqa: E402
from grounding.text.sentences import split_sentences  # noqa: E402
from grounding.verify.alignment import (  # noqa: E402
    AlignedSpan,
    align,
    build_premise,
    select_evidence,
    shares_topic,
)


def _texts(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


_PIECES = st.sampled_from(
    [
        "The",
        "cat",
        "U.S.",
        "Dr.",
        "3.5",
        "end.Next",
        "Film)Zodiac",
        "1930s.U.S.",
        "it.NASA",
        "sat",
        ".",
        "!",
        "?",
        "...",
        '"',
        "'",
        ")",
        "(",
        " ",
        "  ",
        "\n",
        "\n\n",
        "e.g.",
        "J.",
        "K.",
        "Rowling",
        "1999.",
        "it",
        "He",
        "x" * 700,
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.lists(_PIECES, max_size=40).map("".join), st.text(max_size=300)))
def test_spans_partition_the_non_space_text(text: str) -> None:
    spans = split_sentences(text)
    previous_end = 0
    covered = set()
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip() and piece
        covered.update(range(start, end))
        previous_end = end
    assert {i for i, ch in enumerate(text) if not ch.isspace()} <= covered


def test_abbreviations_decimals_and_initials_do_not_split() -> None:
    text = "Dr. Smith moved to the U.S. in 1999. The economy grew 3.5 percent. J. K. Rowling wrote it."
    assert _texts(text) == [
        "Dr. Smith moved to the U.S. in 1999.",
        "The economy grew 3.5 percent.",
        "J. K. Rowling wrote it.",
    ]


def test_acronym_at_sentence_end_splits_before_a_sentence_starter() -> None:
    assert _texts("He lives in the U.S. The weather is fine.") == [
        "He lives in the U.S.",
        "The weather is fine.",
    ]


def test_glued_joins_are_split() -> None:
    text = "Iron Man is starring Robert Downey Jr.Robert Downey Jr. starred in Zodiac (Film)Zodiac is a thriller"
    assert _texts(text) == [
        "Iron Man is starring Robert Downey Jr.",
        "Robert Downey Jr. starred in Zodiac (Film)",
        "Zodiac is a thriller",
    ]


def test_glued_acronyms_start_a_new_sentence() -> None:
    text = "It was paved in the 1930s.U.S. Route 66 crosses it.NASA tested engines nearby. Dr. Lee met the U.N. team."
    assert _texts(text) == [
        "It was paved in the 1930s.",
        "U.S. Route 66 crosses it.",
        "NASA tested engines nearby.",
        "Dr. Lee met the U.N. team.",
    ]


def test_quotes_and_questions_end_sentences() -> None:
    assert _texts('He said "Yes." Then he left! Why?') == ['He said "Yes."', "Then he left!", "Why?"]


def test_paragraph_breaks_end_sentences_and_long_runs_are_cut() -> None:
    assert _texts("Heading\n\nBody text here") == ["Heading", "Body text here"]
    long = " ".join(["word"] * 400)
    assert all(e - s <= sentences.MAX_SENTENCE_CHARS for s, e in split_sentences(long))


PASSAGES = [
    "Paris is the capital of France. It has about 2.1 million inhabitants. The Seine flows through the city.",
    "Marie Curie was born in Warsaw in 1867. She won the Nobel Prize in Physics in 1903. "
    "She later won a second Nobel Prize in 1911.",
    "The Amazon is the largest rainforest. Bananas are rich in potassium.",
]


def test_select_evidence_finds_the_supporting_sentence() -> None:
    spans = select_evidence("Marie Curie was born in Warsaw.", PASSAGES, k=1)
    assert spans[0].passage == 1
    assert spans[0].text == "Marie Curie was born in Warsaw in 1867."
    assert PASSAGES[1][spans[0].start : spans[0].end] == spans[0].text


def test_numbers_break_ties_between_similar_sentences() -> None:
    spans = select_evidence("Curie won a Nobel Prize in 1911.", PASSAGES, k=1)
    assert "1911" in spans[0].text


def test_pronoun_sentence_brings_its_antecedent() -> None:
    spans = select_evidence("The city has 2.1 million inhabitants.", PASSAGES, k=1)
    texts = [s.text for s in spans]
    assert "It has about 2.1 million inhabitants." in texts
    assert "Paris is the capital of France." in texts
    assert build_premise(spans) == "Paris is the capital of France. It has about 2.1 million inhabitants."


def test_align_embeds_each_sentence_once_and_remembers_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import knowledge.embeddings as embeddings

    embedded: list[str] = []
    real = embeddings.embed

    def counting(texts, *args, **kwargs):
        embedded.extend(texts)
        return real(texts, *args, **kwargs)

    monkeypatch.setattr(alignment, "embed", counting)
    monkeypatch.setattr(embeddings, "embed", counting)
    monkeypatch.setattr(embeddings, "_cache", OrderedDict())  # start cold, whatever ran before
    passages = PASSAGES
    claims = ["Paris is in France.", "Curie was born in 1867.", "Bananas contain potassium.", "x", "y"]
    sentences = [p[s:e] for p in passages for s, e in split_sentences(p)]
    result = align(claims, passages, k=2).spans
    assert sorted(embedded) == sorted(claims + sentences)
    assert len(result) == 5 and all(len(spans) >= 2 for spans in result)
    assert result[2][0].text == "Bananas are rich in potassium."
    embedded.clear()
    again = align(["Seine"], passages, k=1).spans
    assert embedded == ["Seine"]  # the passages' sentences come from the cache
    assert again[0][0].text == "The Seine flows through the city."


def test_candidate_prefilter_keeps_the_relevant_sentence_of_a_long_document() -> None:
    filler = " ".join(f"Sentence number {i} talks about weather in region {i}." for i in range(120))
    document = filler + " The bridge over the Tagus opened in 1966. " + filler
    spans = select_evidence("The Tagus bridge opened in 1966.", [document], k=1, max_candidates=16)
    assert spans[0].text == "The bridge over the Tagus opened in 1966."


def test_build_premise_restores_document_order_and_drops_duplicates() -> None:
    spans = [
        AlignedSpan(1, 40, 50, "second", 0.9),
        AlignedSpan(0, 10, 20, "first", 0.5),
        AlignedSpan(1, 0, 10, "middle", 0.7),
        AlignedSpan(1, 40, 50, "second", 0.9),
    ]
    assert build_premise(spans) == "first middle second"


def test_empty_inputs() -> None:
    assert split_sentences("") == [] and split_sentences("   \n ") == []
    assert select_evidence("claim", []) == []
    assert align([], PASSAGES).spans == []


@pytest.mark.parametrize(
    ("claim", "premise", "expected"),
    [
        ("Canberra was designed by Walter Burley Griffin.", "Canberra was designed by Marion Griffin.", True),
        ("The capital of Australia is Sydney.", "Canberra is the capital city of Australia.", True),
        ("The sky is green.", "The sky is blue.", True),
        ("The city was designed by Walter Burley Griffin.", "Melbourne is the capital of Victoria.", False),
        ("Einstein was born in 1879.", "Paris is the capital of France.", False),
    ],
)
def test_shares_topic(claim, premise, expected):
    assert shares_topic(claim, premise) is expected
