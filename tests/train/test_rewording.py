"""Meaning-preserving rewrites: the supported claims training shows beside the one-edit hard negatives."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grounding.train.rewording import SYNONYMS, reword

SENTENCES = [
    "The nine were arrested at the Turkey-Syria border, the Turkish military said.",
    "The critically-panned film, which opened last year's Cannes Film Festival, will premiere on Lifetime on May 25.",
    "On Thursday, the commission ordered the company to pay a record $1.6 billion penalty.",
    "Alexander Povetkin (born 2 September 1979) is a Russian professional boxer.",
    "Supporters described it as a groundbreaking step, while opponents warned it was dangerous.",
    "The illness has also affected five members of the 964-person crew.",
    "If the river rises, the town will be evacuated.",
    "The drug was not approved in the United States, regulators said.",
    "Police said the man, who was not injured, had been driving at roughly 80 miles per hour.",
]
_KEPT = re.compile(r"\b(?:if|unless|not|no|never|only|may|might|could|must|without)\b|n't\b", re.I)


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z]+|\d+", text)}


@settings(derandomize=True, max_examples=150, deadline=None)
@given(st.sampled_from(SENTENCES), st.integers(0, 10_000))
def test_a_rewrite_keeps_every_denial_hedge_and_condition_and_adds_no_content(sentence: str, seed: int) -> None:
    said = reword(sentence, random.Random(seed))
    if said is None:
        return
    assert said != sentence
    assert sorted(_KEPT.findall(said.lower())) == sorted(_KEPT.findall(sentence.lower()))
    allowed = _words(sentence) | {w for v in SYNONYMS.values() for w in _words(v)} | {"says"}
    allowed |= {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"} | {str(n) for n in range(2, 11)}
    assert _words(said) <= allowed


@pytest.mark.parametrize(
    ("sentence", "shorter"),
    [
        ("The nine were arrested at the border, the Turkish military said.", "The nine were arrested at the border."),
        ("Alexander Povetkin (born 2 September 1979) is a Russian boxer.", "Alexander Povetkin is a Russian boxer."),
        (
            "The film, which opened the Cannes Film Festival, will premiere on Lifetime.",
            "The film will premiere on Lifetime.",
        ),
    ],
)
def test_a_summary_drops_asides_and_attributions(sentence: str, shorter: str) -> None:
    outcomes = {reword(sentence, random.Random(seed), edits=1) for seed in range(40)}
    assert shorter in outcomes


def test_a_condition_or_a_denial_is_never_dropped() -> None:
    for seed in range(60):
        said = reword("If the river rises, the town will be evacuated.", random.Random(seed))
        assert said is None or said.lower().startswith("if")
        said = reword("The man, who was not armed, was shot by police.", random.Random(seed))
        assert said is None or " not " in said
