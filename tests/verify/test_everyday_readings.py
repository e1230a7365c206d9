"""Readings the fourteenth probe batch exposed, each beside the case a careless rule would get wrong: a phrase
set before its clause, "no" in a comparison, a pronoun object, a verb of seeing, opposites said as phrasal or
progressive verbs, days of the week as a rate, roles inside "told X to ...", acronyms, ISO dates, fractions,
rounding, and common words that open a claim."""

from __future__ import annotations

import pytest

from grounding.text.quantities import fraction_shares, parse_quantities
from grounding.verify.rules.antonyms import AntonymRule
from grounding.verify.rules.base import CLAUSE_BREAK
from grounding.verify.rules.figures import QuantityRule
from grounding.verify.rules.frames import RoleRule
from grounding.verify.rules.negation import NegationRule
from grounding.verify.rules.novelty import novel_mentions
from grounding.verify.rules.reading import _rates
from grounding.verify.wording import reword

JAYWALKING = "In the United Kingdom, jaywalking is not an offence, and pedestrians may cross a road at any point."
INSULIN = "Store unopened insulin in the refrigerator; do not freeze it."
DICKINSON = "Only about ten of Emily Dickinson's poems were published while she was alive, most of them anonymously."


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        ("Jaywalking is a criminal offence in the United Kingdom.", JAYWALKING, True),
        ("Jaywalking is not an offence in the United Kingdom.", JAYWALKING, False),
        # a clause that only opens on a preposition, with no comma, is no fronted phrase
        (
            "No details have been released.",
            "During a news conference police announced an arrest but no details have been released.",
            False,
        ),
        (
            "No less than 13 of the 22 players were English.",
            "For a start, no less than 13 of the 22 players were English.",
            False,
        ),
        (
            "Russia is the largest country in the world by area.",
            "By area, no country in the world is larger than Russia.",
            False,
        ),
        ("The insulin must be kept in the freezer.", INSULIN, True),
        ("Unopened insulin should be stored in the refrigerator.", INSULIN, False),
        ("Emily Dickinson never saw any of her poems published during her lifetime.", DICKINSON, True),
        ("Emily Dickinson saw some of her poems published during her lifetime.", DICKINSON, False),
    ],
)
def test_a_denial_is_read_in_its_whole_clause(claim: str, evidence: str, contradicted: bool) -> None:
    assert bool(NegationRule().check(claim, evidence)) == contradicted


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        (
            "Hypothyroidism speeds up the body's metabolism.",
            "In hypothyroidism the thyroid produces too little hormone, which slows down the body's metabolism.",
            True,
        ),
        ("Prices have been rising for a year.", "Prices have been dropping for a year.", True),
        ("Prices have been rising for a year.", "Prices have been climbing for a year.", False),
        (
            "In winter the island ferry sails every day.",
            "From November to March, the island ferry sails only on Tuesdays and Fridays.",
            True,
        ),
        (
            "In winter the island ferry sails twice a week.",
            "From November to March, the island ferry sails only on Tuesdays and Fridays.",
            False,
        ),
    ],
)
def test_opposites_and_rates_in_other_words(claim: str, evidence: str, contradicted: bool) -> None:
    assert bool(AntonymRule().check(claim, evidence)) == contradicted


def test_days_of_the_week_listed_are_a_weekly_rate_and_one_clause() -> None:
    assert _rates(["sails", "on", "tuesdays", "and", "fridays"]) == ["sails", "twice", "weekly"]
    assert _rates(["open", "every", "monday", "wednesday", "and", "friday", "and", "more"])[:3] == [
        "open",
        "thrice",
        "weekly",
    ]
    assert _rates(["closed", "on", "sundays"]) == ["closed", "on", "sundays"]  # one day is a day, not a rate
    assert CLAUSE_BREAK.split("The gym is open on Mondays, Wednesdays and Fridays, but closed at weekends.") == [
        "The gym is open on Mondays, Wednesdays and Fridays",
        "but closed at weekends.",
    ]


@pytest.mark.parametrize(
    ("claim", "evidence", "swapped"),
    [
        (
            "Samuel Johnson wrote a famous biography of James Boswell.",
            "James Boswell wrote The Life of Samuel Johnson, often called the greatest biography in English.",
            True,
        ),
        (
            "In 2012 a US jury ordered Apple to pay Samsung about $1 billion.",
            "In August 2012 a US jury ordered Samsung to pay Apple about $1.05 billion.",
            True,
        ),
        (
            "In 2012 a US jury ordered Samsung to pay Apple about $1 billion.",
            "In August 2012 a US jury ordered Samsung to pay Apple about $1.05 billion.",
            False,
        ),
    ],
)
def test_roles_turned_round_inside_a_phrase(claim: str, evidence: str, swapped: bool) -> None:
    findings = RoleRule().check(claim, evidence)
    assert bool(findings) == swapped
    assert not findings or "other way round" in findings[0].detail


@pytest.mark.parametrize(
    ("claim", "evidence", "novel"),
    [
        (
            "The GDPR became enforceable on 2018-05-25.",
            "The General Data Protection Regulation became enforceable on 25 May 2018.",
            [],
        ),
        (
            "The GDPR became enforceable on 2018-06-25.",
            "The General Data Protection Regulation became enforceable on 25 May 2018.",
            ["06"],
        ),
        (
            "People on simvastatin should avoid grapefruit juice.",
            "Patients taking simvastatin should avoid grapefruit juice.",
            [],
        ),
        # a capitalised common word the evidence never uses stays new: on the suite it marks invented summaries
        ("Unemployment fell last year.", "The jobless rate dropped last year.", ["Unemployment"]),
        ("Pfizer makes the drug.", "The drug is made by a large company.", ["Pfizer"]),
    ],
)
def test_acronyms_dates_and_common_openers_are_mentioned(claim: str, evidence: str, novel: list[str]) -> None:
    assert novel_mentions(claim, evidence) == novel


@pytest.mark.parametrize(
    ("text", "shares"),
    [
        ("Shares lost a third of their value.", [1 / 3]),
        ("Two-thirds of its fruit is grown here.", [2 / 3]),
        ("Half of the voters stayed at home.", [0.5]),
        ("He scored in the second half of the match.", []),
    ],
)
def test_a_fraction_of_something_is_a_share(text: str, shares: list[float]) -> None:
    assert [q.value for q in fraction_shares(text)] == pytest.approx(shares)
    assert not [q for q in parse_quantities(text) if q.dimension == "ratio"]  # never a value to contradict


def test_a_share_in_words_is_read_but_never_contradicts_a_percentage() -> None:
    evidence = "Just a quarter of voters think the Prime Minister is hungriest to win the election."
    assert QuantityRule().check("Just 7% of voters think the Prime Minister is hungriest to win.", evidence) == []


@pytest.mark.parametrize(
    ("claim", "premise", "read"),
    [
        (
            "The stock fell by about 33% during the year.",
            "The stock lost a third of its value during the year.",
            "a third",
        ),
        (
            "The lake lies roughly 3.8 kilometres above sea level.",
            "The lake sits at about 3,812 metres.",
            "3,812 metres",
        ),
        (
            "The GDPR took effect on 2018-05-25.",
            "The General Data Protection Regulation took effect on 25 May 2018.",
            "25 May 2018",
        ),
    ],
)
def test_the_claim_is_shown_in_the_premise_words(claim: str, premise: str, read: str) -> None:
    said, changes = reword(claim, premise)
    assert read in said and changes


def test_a_rounded_value_is_only_the_premise_value_rounded() -> None:
    assert (
        reword("The lake lies roughly 4.5 kilometres above sea level.", "The lake sits at about 3,812 metres.")[1] == ()
    )
    assert reword(
        "The GDPR took effect on 2018-05-26.", "The General Data Protection Regulation took effect on 25 May 2018."
    )[0].endswith("2018-05-26.")
