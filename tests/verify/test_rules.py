"""Evidence rules are named, switchable, and listed on the verdicts they touch."""

from __future__ import annotations

import pytest

from grounding import Effect, Verdict, Verifier, VerifierOptions
from grounding.registry import RULES
from grounding.verify.rules.base import EvidenceRule, load_rules
from knowledge.errors import InputError

EVIDENCE = ["Rise of the Planet of the Apes was directed by Rupert Wyatt and stars James Franco."]
CLAIM = "James Franco directed Rise of the Planet of the Apes."


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier()


def test_every_registered_rule_with_a_class_meets_the_interface() -> None:
    for rule in load_rules(RULES.names()):
        assert isinstance(rule, EvidenceRule)
        assert rule.name in RULES


def test_a_fired_rule_is_named_on_the_verdict_with_its_effect(verifier) -> None:
    verdict = verifier.verify(CLAIM, evidence=EVIDENCE, options=VerifierOptions(rules=("credits",))).claims[0]
    assert verdict.verdict == Verdict.CONTRADICTED
    assert verdict.fired("credits") and verdict.has_effect(Effect.CONTRADICTS)
    assert "Rupert Wyatt" in verdict.reason


def test_a_rule_switched_off_never_fires(verifier) -> None:
    options = VerifierOptions(rules=("credits",)).without("credits")
    verdict = verifier.verify(CLAIM, evidence=EVIDENCE, options=options).claims[0]
    assert not verdict.fired("credits")
    assert (
        verdict.reason
        != verifier.verify(CLAIM, evidence=EVIDENCE, options=VerifierOptions(rules=("credits",))).claims[0].reason
    )


def test_near_miss_blocks_support_and_is_listed(verifier) -> None:
    evidence = ["Endgame: The Calling is a novel by James Frey."]
    verdict = verifier.verify("James Frey wrote Endgame: The Challenge.", evidence=evidence).claims[0]
    assert verdict.verdict != Verdict.SUPPORTED
    assert verdict.fired("near_miss") and verdict.has_effect(Effect.BLOCKS_SUPPORT)


def test_an_unknown_rule_name_is_refused_with_the_choices() -> None:
    with pytest.raises(Exception, match="near_miss"):
        VerifierOptions(rules=("near-miss",))
    with pytest.raises(InputError, match="choose from"):
        RULES.get("nope")


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        ("Anna is older than her sister.", "Anna was born in 1990. Her sister was born in 1986.", True),
        ("Anna is younger than her sister.", "Anna was born in 1990. Her sister was born in 1986.", False),
        ("Anna is older than her sister.", "Anna was born in 1990 and her sister in 1986.", False),
        ("Anna is older than her sister.", "Anna was born in 1990. Her sister was born in 1990.", False),
    ],
)
def test_who_is_older_follows_from_the_birth_years(claim: str, evidence: str, contradicted: bool) -> None:
    from grounding.verify.rules.order import ComparisonRule

    assert bool(ComparisonRule().check(claim, evidence)) == contradicted
