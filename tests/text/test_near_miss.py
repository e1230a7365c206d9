"""Names that almost match the evidence: swapped or reordered words are caught, typos and verbatim names are not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grounding.text.near_miss import name_spans, near_miss_names

EVIDENCE = (
    "James Frey wrote Endgame: The Calling. Endgame: The Calling was released 2014. "
    "Sean Penn starred in Mystic River. Gail Carson Levine wrote Ella Enchanted. Sylvia Plath wrote Ariel. "
    "Ty Olsson starred in Elegy. Rafael Nadal starred in Mystic River. Alejandro Amenábar directed The Others. "
    "Toy Story 3 is written by Michael Arndt."
)


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("Endgame: The Challenge was released in 2014.", [("Endgame: The Challenge", "Endgame: The Calling")]),
        ("Sean Bean starred in Mystic River.", [("Sean Bean", "Sean Penn")]),
        ("Gail Kelly Levine wrote Ella Enchanted.", [("Gail Kelly Levine", "Gail Carson Levine")]),
        ("Plath Sylvia wrote Ariel.", [("Plath Sylvia", "Sylvia Plath")]),
    ],
)
def test_a_swapped_or_reordered_name_is_a_near_miss(claim, expected) -> None:
    assert near_miss_names(claim, EVIDENCE) == expected


@pytest.mark.parametrize(
    "claim",
    [
        "Endgame: The Calling came out in 2014.",  # verbatim
        "Ty Olsen starred in Elegy.",  # a misspelling, not another person
        "Alejandro Amenabar's film The Others is eerie.",  # accents and possessive
        "Toy Story 2 is written by Michael Arndt.",  # a different number is a different title, not a swap
        "Not Endgame: The Challenge but Endgame: The Calling.",  # the claim names the evidence's own
        "Barbra Streisand sang it.",  # simply absent: the novelty check's job
        "Rafa Nadal starred in Mystic River.",  # a short form ("Rafa" for "Rafael") is the same word
    ],
)
def test_verbatim_names_typos_and_unrelated_names_are_not_near_misses(claim) -> None:
    assert near_miss_names(claim, EVIDENCE) == []


def test_a_swap_needs_a_word_the_evidence_never_uses() -> None:
    evidence = "Chelsea beat PSG. The England Under 19 side lost."
    assert near_miss_names("The Chelsea Under 19 side won.", evidence) == []
    assert near_miss_names("The Wales Under 19 side won.", evidence) == [("Wales Under 19", "England Under 19")]


def test_two_names_in_the_other_order_are_not_a_reordered_name() -> None:
    evidence = "He turned to Alan Shearer and Alan Pardew for advice."
    assert near_miss_names("He turned to Alan Pardew and Alan Shearer.", evidence) == []


def test_leading_function_words_are_not_part_of_the_name() -> None:
    assert name_spans("Besides Will Ferrell, The Calling") == [("Will Ferrell", ("will", "ferrell"))]


def test_a_title_is_not_part_of_the_name() -> None:
    assert name_spans("PM John Key met Dr. Ada Byron") == [
        ("John Key", ("john", "key")),
        ("Ada Byron", ("ada", "byron")),
    ]
    assert near_miss_names("PM Key later apologised.", "John Key said sorry.") == []
    assert near_miss_names("Dr Sean Bean starred.", "Sean Penn starred.") == [("Sean Bean", "Sean Penn")]


words = st.sampled_from(["Sean", "Penn", "Bean", "Mystic", "River", "of", "the", "Calling", "Endgame:", "wrote", "3"])


@given(st.lists(words, max_size=12))
def test_text_never_near_misses_itself(tokens) -> None:
    text = " ".join(tokens)
    assert near_miss_names(text, text) == []


@given(st.lists(words, max_size=12), st.lists(words, max_size=12))
def test_pairs_name_the_claim_and_the_evidence(claim_tokens, evidence_tokens) -> None:
    claim, evidence = " ".join(claim_tokens), " ".join(evidence_tokens)
    for claimed, known in near_miss_names(claim, evidence):
        assert claimed in claim and known in evidence and claimed.lower() != known.lower()
