"""Unrelated evidence never contradicts: a passage not about the claim's subject leaves it unverifiable."""

from __future__ import annotations

import json

import pytest

from grounding.types import Effect, Verdict
from grounding.verify.alignment import measures_alike, near_in_meaning, shares_subject
from grounding.verify.verifier import Verifier
from knowledge.demo import demo_passages_path
from knowledge.kb import KnowledgeBase

OUTLET = (
    'Canberra Outlet Centre (formerly known as "DFO Canberra and Homemaker Hub") is an outlet type discount '
    "shopping centre located in Fyshwick, Canberra, Australia."
)
GRIFFIN = "Canberra was designed by Walter Burley Griffin."


@pytest.mark.parametrize(
    ("claim", "premise", "shared"),
    [
        (GRIFFIN, OUTLET, False),  # names Canberra, is about a shopping centre
        (GRIFFIN, "Canberra is the capital city of Australia.", True),
        (GRIFFIN, "The city was designed by the architects Walter Burley Griffin and Marion Griffin.", False),
        (GRIFFIN, "Harper's Mansion is a homestead. The village lies between Canberra and Sydney.", False),
        ("The capital of Australia is Sydney.", "The capital of Australia is Canberra.", True),
        ("The capital of Australia is Sydney.", "Australia is a country in Oceania.", True),
        ("The capital of Australia is Sydney.", "The Australian National University is in Canberra.", False),
        ("Melbourne is the capital of Victoria.", "The city was designed by Walter Burley Griffin.", False),
        ("Walter Burley Griffin designed Canberra.", "Walter Burley Griffin was an American architect.", True),
        ("Walter Burley Griffin designed Canberra.", "Marion Mahony Griffin was an American architect.", False),
        ("the river is long", "The river is short.", True),  # no names: shared content word decides
        ("the river is long", "Bread is baked.", False),
    ],
)
def test_shares_subject(claim, premise, shared):
    assert shares_subject(claim, premise) is shared


@pytest.mark.parametrize(
    ("claim", "premise", "alike"),
    [
        ("The laptop's battery lasts twelve hours.", "The laptop weighs 1.2 kg and has a 14-inch screen.", False),
        ("The laptop's battery lasts twelve hours.", "The laptop's battery lasts eight hours.", True),
        ("He was sentenced to eight years in prison.", "The judge jailed him for six years.", True),  # years both
        ("The bridge is 90 metres long.", "The bridge, 120 metres long, opened in 1990.", True),
        ("The bridge is 90 metres long.", "The crossing takes 90 minutes.", False),
        ("Egypt is in South America.", "Egypt is a country in North Africa.", True),  # no measure: the model's
    ],
)
def test_only_evidence_measuring_what_the_claim_measures_may_contradict_it(claim, premise, alike):
    assert measures_alike(claim, premise) is alike


BANK_FEES = "The bank charges no fees for international transfers."
BANK_SIZE = "The bank has 300 branches and employs 12,000 people across the country."


@pytest.mark.parametrize(
    ("claim", "premise", "distance", "near"),
    [
        (BANK_FEES, BANK_SIZE, 0.79, False),  # one word in common (the subject), far in meaning
        (BANK_FEES, BANK_SIZE, 0.3, True),  # near in meaning: the model may read it
        (BANK_FEES, "The bank charges a fee of 2% on international transfers.", 0.79, True),  # shares more words
    ],
)
def test_only_evidence_near_the_claim_or_sharing_more_than_its_subject_may_contradict_it(
    claim, premise, distance, near
):
    assert near_in_meaning(claim, premise, distance) is near


def test_a_sentence_about_something_else_of_the_same_subject_is_not_a_contradiction():
    report = Verifier().verify(BANK_FEES, evidence=[BANK_SIZE])
    assert [c.verdict for c in report.claims] == [Verdict.UNVERIFIABLE]
    assert report.claims[0].distance is not None and report.claims[0].distance > 0.5
    # one word in common but near in meaning: a place swapped, which only the model reads
    (louvre,) = (
        Verifier()
        .verify("The Louvre is in Lyon.", evidence=["The Louvre, in Paris, is the world's most visited museum."])
        .claims
    )
    assert louvre.verdict == Verdict.CONTRADICTED and not louvre.has_effect(Effect.CONTRADICTS)


def test_a_measure_the_evidence_never_takes_is_not_contradicted():
    report = Verifier().verify(
        "The laptop's battery lasts twelve hours.", evidence=["The laptop weighs 1.2 kg and has a 14-inch screen."]
    )
    assert [c.verdict for c in report.claims] == [Verdict.UNVERIFIABLE]


@pytest.fixture(scope="module")
def distractor_kb(tmp_path_factory):
    """The demo passages that name Canberra or Australia, none of them about who designed Canberra."""
    folder = tmp_path_factory.mktemp("distractors")
    rows = [json.loads(line) for line in demo_passages_path().read_text(encoding="utf-8").splitlines()]
    near = [r for r in rows if "Canberra" in r["text"] or "Australia" in r["text"]]
    assert not any("Griffin" in r["text"] for r in near)
    (folder / "places.jsonl").write_text("".join(json.dumps(r) + "\n" for r in near), encoding="utf-8")
    return KnowledgeBase.build(folder / "kb", docs=[folder / "places.jsonl"])


def test_readme_verify_example_has_no_false_contradiction(distractor_kb):
    report = Verifier(kb=distractor_kb).verify(
        "The capital of Australia is Sydney. Canberra was designed by Walter Burley Griffin."
    )
    griffin = [c for c in report.claims if "Griffin" in c.claim.text]
    assert griffin and all(c.verdict != Verdict.CONTRADICTED for c in griffin), [(c.verdict, c.reason) for c in griffin]
