"""Readings the seventy-first to seventy-eighth probe batches (written blind) exposed, each beside the case a careless
rule would get wrong: how long someone held a post, steps of a manual in order, "most" of a counted total, a
temperature below freezing, a move said as "left A to join B", a post held "under" someone, a weekday that names a
date, a figure a closer sentence gives, a succession said in the passive, a river that empties into another, a post
after a name, a plan's date, and a comparison the figures bear out."""

from __future__ import annotations

import pytest

from grounding.text.quantities import Bound, parse_quantities
from grounding.text.sentences import split_sentences
from grounding.verify.arithmetic import borne_out, computed
from grounding.verify.comparing import compare
from grounding.verify.rules.antonyms import AntonymRule
from grounding.verify.rules.figures import QuantityRule
from grounding.verify.rules.frames import RoleRule
from grounding.verify.rules.order import ComparisonRule
from grounding.verify.wording import reword

MORAVEC = (
    "Elsbeth Moravec became CFO of Garnet Ridge Bank in January 2014. She stepped down from the role in January 2020."
)
SOLLIS = (
    "Ravindra Sollis joined Kestrel Analytics in April 2018. He left the company in April 2022 to start a consultancy."
)
ASTOR = "Gwendolyn Astor joined Pinecrest Legal Partners as an associate in 2012. She was made a partner there in 2019."


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted", "shown"),
    [
        ("Elsbeth Moravec served as chief financial officer of Garnet Ridge Bank for six years.", MORAVEC, False, True),
        (
            "Elsbeth Moravec served as chief financial officer of Garnet Ridge Bank for nine years.",
            MORAVEC,
            True,
            False,
        ),
        ("Ravindra Sollis worked at Kestrel Analytics for ten years.", SOLLIS, True, False),
        # a year off is left alone: April to March is not a whole year
        ("Ravindra Sollis worked at Kestrel Analytics for five years.", SOLLIS, False, False),
        (
            "Gwendolyn Astor had been at Pinecrest for more than ten years when she was made a partner.",
            ASTOR,
            True,
            False,
        ),
        (
            "Gwendolyn Astor had been at Pinecrest for more than five years when she was made a partner.",
            ASTOR,
            False,
            True,
        ),
        # the later year is no end of the tenure: the company was sold, she did not leave
        (
            "Ravindra Sollis worked at Kestrel Analytics for ten years.",
            "Ravindra Sollis joined Kestrel Analytics in April 2018. In 2022 the company was sold to Orvane.",
            False,
            False,
        ),
        # the claim's "when" names another act than the evidence's second year
        ("Gwendolyn Astor had been at Pinecrest for more than ten years when she retired.", ASTOR, False, False),
    ],
)
def test_a_tenure_is_read_from_the_years_of_its_start_and_end(
    claim: str, evidence: str, contradicted: bool, shown: bool
) -> None:
    found = QuantityRule().check(claim, evidence)
    assert bool(found) == contradicted, found
    assert any(claim.rstrip(".") in said for said in computed(claim, evidence)) == shown


HALVEX = (
    "Step 1: Unplug the Halvex dehumidifier.\nStep 2: Remove the water tank and empty it.\n"
    "Step 3: Wash the air filter in lukewarm water.\nStep 4: Reinsert the filter, then the tank, and plug the unit in."
)


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("The Halvex manual says to empty the water tank before unplugging the unit.", True),
        ("The Halvex manual says to unplug the unit before emptying the water tank.", False),
        ("Wash the filter before you empty the tank.", True),
        ("Wash the filter after you empty the tank.", False),
        # "plug" is its own step's act, no step of "unplugging"'s: the fourth step is not the first
        ("Plug the unit in after you wash the filter.", False),
    ],
)
def test_steps_of_a_manual_give_the_order_of_their_acts(claim: str, contradicted: bool) -> None:
    assert bool(ComparisonRule().check(claim, HALVEX)) == contradicted


@pytest.mark.parametrize(
    ("claim", "evidence", "holds"),
    [
        (
            "Frost was recorded in Lindqvist Dale on most nights in October.",
            "Ground frost on 4 of October's 31 nights.",
            None,
        ),
        (
            "Frost was recorded in Lindqvist Dale on most nights in October.",
            "Lindqvist Dale had ground frost on 4 of October's 31 nights.",
            False,
        ),
        (
            "Frost was recorded in Lindqvist Dale on most nights in October.",
            "Lindqvist Dale had ground frost on 24 of October's 31 nights.",
            True,
        ),
        # a count of other things, or of the same things doing something else
        (
            "Frost was recorded in Lindqvist Dale on most nights in October.",
            "Lindqvist Dale had 4 of 31 days dry.",
            None,
        ),
        (
            "Most nights in October were frosty.",
            "Winds topped 50 km/h on 4 of 31 nights.",
            None,
        ),
        (
            "Kelmouth was warmer than Darrow Bay on Saturday.",
            "On Saturday, Kelmouth reached 23°C. Darrow Bay peaked at 18°C.",
            True,
        ),
        (
            "Kelmouth was colder than Darrow Bay on Saturday.",
            "On Saturday, Kelmouth reached 23°C. Darrow Bay peaked at 18°C.",
            False,
        ),
    ],
)
def test_most_of_a_count_and_a_comparison_said_of_a_day(claim: str, evidence: str, holds: bool | None) -> None:
    found = compare(claim, evidence)
    assert (found.holds if found else None) == holds


def test_a_degree_sign_ends_no_initial() -> None:
    text = "On Saturday, Kelmouth reached a high of 23°C. Darrow Bay peaked at 18°C. It was J. Smith who said so."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "On Saturday, Kelmouth reached a high of 23°C.",
        "Darrow Bay peaked at 18°C.",
        "It was J. Smith who said so.",
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [("fell to minus 4 degrees Celsius", -4.0), ("a low of minus 12°C", -12.0), ("a low of -3°C", -3.0)],
)
def test_a_temperature_below_zero_in_words(text: str, value: float) -> None:
    (found,) = parse_quantities(text)
    assert found.value == value and found.text.startswith(("minus", "-"))


def test_minus_before_a_plain_number_is_no_sign() -> None:
    assert [q.value for q in parse_quantities("10 minus 4 apples")] == [10.0, 4.0]


@pytest.mark.parametrize(
    ("claim", "evidence", "said"),
    [
        ("The overnight low on Sunday was below freezing.", "Sunday night's minimum was -3°C.", "-3°C"),
        ("The overnight low on Sunday was above freezing.", "Sunday night's minimum was 38°F.", "38°F"),
        ("The overnight low on Sunday was above freezing.", "Sunday night's minimum was -3°C.", None),
        ("The overnight low on Sunday was below freezing.", "Lows of -3°C on Sunday and 2°C on Monday.", None),
    ],
)
def test_below_freezing_is_shown_as_the_one_temperature_below_zero(claim: str, evidence: str, said: str | None) -> None:
    text, changes = reword(claim, evidence)
    assert (changes[0][1] if changes else None) == said
    assert (said in text) if said else text == claim


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        (
            "Ingrid Solvang left Marrowby Insurance to join Caldera Trust.",
            "Ingrid Solvang left Caldera Trust in 2018 to join Marrowby Insurance as a claims director.",
            True,
        ),
        (
            "Ingrid Solvang joined Marrowby Insurance from Caldera Trust.",
            "Ingrid Solvang left Caldera Trust in 2018 to join Marrowby Insurance as a claims director.",
            False,
        ),
        (
            "Rafe Calloway is the head coach of the Millbrook Otters.",
            "Rafe Calloway serves as assistant coach of the Millbrook Otters under head coach Dagny Thorvald.",
            True,
        ),
        (
            "Dagny Thorvald is the head coach of the Millbrook Otters.",
            "Rafe Calloway serves as assistant coach of the Millbrook Otters under head coach Dagny Thorvald.",
            False,
        ),
    ],
)
def test_moves_and_posts_held_under_someone(claim: str, evidence: str, contradicted: bool) -> None:
    assert bool(RoleRule().check(claim, evidence)) == contradicted


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        (
            "Yusra Belcourt was hired by Fenwick in May 2021.",
            "Yusra Belcourt was laid off by Fenwick in May 2021.",
            True,
        ),
        ("Winds at Hallam Cove will strengthen on Friday.", "Winds at Hallam Cove will ease on Friday.", True),
        (
            "Businesses with fewer than 10 employees are required to file the waste report.",
            "Businesses with fewer than 10 employees are exempt from filing the waste report.",
            True,
        ),
        ("Yusra Belcourt was laid off by Fenwick in May 2021.", "Fenwick laid off Yusra Belcourt in May 2021.", False),
    ],
)
def test_laid_off_eased_and_exempt_are_opposites(claim: str, evidence: str, contradicted: bool) -> None:
    assert bool(AntonymRule().check(claim, evidence)) == contradicted


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("The Brackenford community bread-making class takes place on Thursday, 14 March.", True),
        ("The Brackenford community bread-making class takes place on Tuesday, 12 March.", False),
    ],
)
def test_a_weekday_that_names_a_date_is_no_timetable(claim: str, contradicted: bool) -> None:
    evidence = "The bread-making class at Brackenford Community Hall is on Tuesday, 12 March, from 6 pm to 8 pm."
    assert bool(QuantityRule().check(claim, evidence)) == contradicted


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("The forecast called for about 10 mm of rain in Wexley on Thursday.", False),
        ("The forecast called for about 20 mm of rain in Wexley on Thursday.", True),
        ("Wexley received 10 mm of rain on Thursday.", True),
    ],
)
def test_a_figure_a_closer_sentence_gives_is_the_claim_s(claim: str, contradicted: bool) -> None:
    evidence = (
        "Thursday's forecast for Wexley predicted roughly 10 mm of rain.\n"
        "Observations show that Wexley received 31 mm of rain on Thursday."
    )
    assert bool(QuantityRule().check(claim, evidence)) == contradicted


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("Meteorologist Ines Calloway issued the flood warning for the Sallow Valley.", True),
        ("Ines Calloway issued the flood warning for the Sallow Valley.", True),
        ("Tomas Brenning issued the flood warning for the Sallow Valley.", False),
    ],
)
def test_an_agent_named_after_two_words_of_description(claim: str, contradicted: bool) -> None:
    evidence = "The flood warning for the Sallow Valley was issued by regional forecaster Tomas Brenning."
    assert bool(RoleRule().check(claim, evidence)) == contradicted


def test_a_limit_restated_in_brackets_after_a_count_of_tablets_keeps_its_bound() -> None:
    limit = "Do not take more than 3 tablets (600 mg) in 24 hours."
    assert [(q.text, q.bound) for q in parse_quantities(limit)][:2] == [("3", Bound.AT_MOST), ("600 mg", Bound.AT_MOST)]
    leaflet = f"Velorin 200 mg tablets.\nAdults: take 1 tablet every 6 to 8 hours as needed.\n{limit}"
    assert QuantityRule().check("Adults can take up to 800 mg of Velorin in a 24-hour period.", leaflet)
    assert not QuantityRule().check("Adults can take up to 600 mg of Velorin in a 24-hour period.", leaflet)


def test_a_limit_is_not_written_as_a_dose_below_it() -> None:
    leaflet = "Dolorin 500 (paracetamol 500 mg tablets). Adults: 1-2 tablets every 4-6 hours. Max. 8 tablets (4 g)."
    claim = "Adults must not take more than 4,000 mg of paracetamol from Dolorin 500 in a 24-hour period."
    assert reword(claim, leaflet)[0] == claim  # neither "500 mg", a dose, nor "4 g" without "not more than"


RESULTS = "The results were presented by chief executive Imelda Varga and chief financial officer Tomas Reinholt."


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        (
            "Governor Aldous Pryce succeeded Helena Marsk as governor of the Orlen province.",
            "In 1870 Pryce was succeeded as governor by Helena Marsk, who held the office until 1878.",
            True,
        ),
        (
            "Helena Marsk succeeded Aldous Pryce as governor of the Orlen province.",
            "In 1870 Pryce was succeeded as governor by Helena Marsk, who held the office until 1878.",
            False,
        ),
        (
            "The Tessel River flows into the Varn River near Orrick.",
            "Near Orrick, the Varn River empties into the Tessel River, which continues south to the sea.",
            True,
        ),
        (
            "The Varn River flows into the Tessel River near Orrick.",
            "Near Orrick, the Varn River empties into the Tessel River, which continues south to the sea.",
            False,
        ),
        (
            "Imelda Varga, chief financial officer of Norcastle Holdings, presented the annual results.",
            RESULTS,
            True,
        ),
        (
            "Tomas Reinholt, chief financial officer of Norcastle Holdings, presented the annual results.",
            RESULTS,
            False,
        ),
    ],
)
def test_successions_confluences_and_posts_after_a_name(claim: str, evidence: str, contradicted: bool) -> None:
    assert bool(RoleRule().check(claim, evidence)) == contradicted


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("King Leopold of Varna was crowned on 21 June 1721.", False),
        ("King Leopold of Varna was originally due to be crowned on 21 June 1721.", True),
    ],
)
def test_a_date_a_plan_had_before_it_moved_is_no_other_value(claim: str, contradicted: bool) -> None:
    evidence = (
        "The coronation of King Leopold of Varna was originally set for 14 June 1721.\n"
        "Flooding forced officials to postpone the ceremony by one week, and it went ahead on the new date."
    )
    assert bool(QuantityRule().check(claim, evidence)) == contradicted


def test_a_date_said_with_its_plan_in_one_sentence_is_still_read() -> None:
    evidence = "The referendum will take place on 21 May, one week later than originally planned."
    assert QuantityRule().check("The referendum will be held on 14 May.", evidence)


def test_a_claim_the_figures_bear_out_is_never_contradicted_by_the_model_alone() -> None:
    claim = "Mount Kerrigal stands taller than Mount Abbon."
    sums = computed(claim, "Mount Kerrigal rises to 3,412 metres. Mount Abbon reaches 2,980 metres.")
    assert borne_out(claim, sums)
    assert not borne_out(
        claim, computed(claim, "Mount Kerrigal rises to 2,412 metres. Mount Abbon reaches 2,980 metres.")
    )
    assert not borne_out("The train arrives at 11:30.", ("9:00 plus two and a half hours is 11:30",))
