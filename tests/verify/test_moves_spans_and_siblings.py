"""Readings the hundred-and-seventh to hundred-and-tenth probe batches (written blind: public transport, banking,
school administration, construction) exposed, each beside the case a careless rule would get wrong: a change read
from "4,320, up from 3,980"; the way a figure moved; a share computed from two amounts; a span's end read as its
start; a time moved earlier; a sibling's amount; a route's number read as a count; acts said by other verbs ("took
over", "absorbed by", "loaned"); the subject of "who"; a denial after "but"."""

from __future__ import annotations

import pytest

from grounding.verify.arithmetic import computed
from grounding.verify.comparing import compare
from grounding.verify.rules.antonyms import AntonymRule
from grounding.verify.rules.figures import QuantityRule
from grounding.verify.rules.frames import RoleRule
from grounding.verify.rules.negation import NegationRule

MARROWDALE = (
    "Marrowdale College enrolled 4,320 undergraduates in autumn 2023, up from 3,980 a year earlier. Postgraduate "
    "enrolment at Marrowdale held steady at about 610 students over the same period."
)


@pytest.mark.parametrize(
    ("claim", "holds"),
    [
        ("Marrowdale College added 340 undergraduates year on year.", True),
        (
            "Between autumn 2022 and autumn 2023, Marrowdale's undergraduate enrolment grew by roughly 440 students.",
            False,
        ),
        ("Marrowdale College lost 340 undergraduates year on year.", False),
    ],
)
def test_a_change_from_a_figure_said_after_it(claim: str, holds: bool) -> None:
    comparison = compare(claim, MARROWDALE)
    assert comparison is not None and comparison.holds is holds, comparison


TESSING = (
    "In January, the price of a monthly pass on the Tessing Valley bus network rose from £62 to £68. Weekly passes "
    "were unchanged at £19."
)
CORVID = (
    "Following the Quarry Lane signalling upgrade in May, average delays on the Corvid Line fell from 6 minutes to 4 "
    "minutes. Delays on the neighbouring Heron Line rose slightly over the same period."
)


@pytest.mark.parametrize(
    ("claim", "evidence", "holds"),
    [
        ("Tessing Valley monthly bus passes got cheaper in January, coming down to £68.", TESSING, False),
        ("Tessing Valley monthly bus passes got pricier in January, going up to £68.", TESSING, True),
        ("After May's signalling upgrade, average delays on the Corvid Line actually got longer.", CORVID, False),
        ("After May's signalling upgrade, average delays on the Corvid Line got shorter.", CORVID, True),
    ],
)
def test_the_way_a_figure_moved(claim: str, evidence: str, holds: bool) -> None:
    comparison = compare(claim, evidence)
    assert comparison is not None and comparison.holds is holds, comparison


def test_no_way_read_where_the_claim_compares() -> None:
    assert compare("Tessing Valley monthly passes got cheaper than weekly ones.", TESSING) is None


@pytest.mark.parametrize(
    ("claim", "evidence", "shown"),
    [
        (
            "Lisburn Tech kept 70 percent of its 2022 entering class into their second year.",
            "Of the 1,200 students who started at Lisburn Tech in autumn 2022, 840 returned for their second year.",
            "840 of 1,200 is 70%",
        ),
        (
            "Parks and recreation make up 7.5% of Harlow Vale's operating budget.",
            "Harlow Vale's operating budget totals $80 million. Of that amount, $6 million is allocated to parks.",
            "$6 million of $80 million is 7.5%",
        ),
    ],
)
def test_a_share_computed_from_two_amounts(claim: str, evidence: str, shown: str) -> None:
    assert shown in computed(claim, evidence)


def test_no_share_computed_that_is_not_the_claims() -> None:
    evidence = "Harlow Vale's operating budget totals $80 million. Of that amount, $6 million is allocated to parks."
    assert not computed("Parks and recreation make up 9% of Harlow Vale's operating budget.", evidence)
    # "up 6%" is a change, not a share
    assert not computed("Spending on parks was up 7.5% this year.", evidence)


HALF_TERM = (
    "The autumn term at Greyfield Grammar begins on Wednesday 4 September and ends on Friday 20 December. Half-term "
    "runs from Monday 28 October to Friday 1 November."
)


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("Greyfield Grammar's autumn half-term starts on 1 November.", True),
        ("Greyfield Grammar's autumn half-term ends on 28 October.", True),
        ("Greyfield Grammar's autumn half-term starts on 28 October.", False),
        ("Greyfield Grammar's autumn half-term ends on 1 November.", False),
    ],
)
def test_a_spans_end_is_not_its_start(claim: str, contradicted: bool) -> None:
    assert bool(QuantityRule().check(claim, HALF_TERM)) is contradicted


def test_a_time_moved_earlier() -> None:
    evidence = "From 8 June, the first Route 31 departure from Corley Green moves from 05:55 to 05:40."
    assert "from 05:55 to 05:40 is fifteen minutes earlier" in computed(
        "Since June 8, the first Route 31 bus has left fifteen minutes earlier than it used to.", evidence
    )
    assert not computed("Since June 8, the first Route 31 bus has left fifteen minutes later.", evidence)
    # the new time said first: "at 6:30am ..., rather than at 7:00am"
    pool = "From 1 September, the pool will open at 6:30am on weekdays, rather than at 7:00am as at present."
    assert computed("From September the pool will open half an hour earlier on weekdays.", pool)


def test_a_routes_number_is_no_count() -> None:
    evidence = "On weekdays, Route 14 buses run every 12 minutes between 7 am and 7 pm."
    assert not computed("Route 14 buses only come every half hour on weekdays.", evidence)
    assert computed("She has four children.", "She has two sons and two daughters.")


CAMPS = (
    "Fees for the Dunmore School summer language camp rose from £850 to £910 this year. The summer science camp fee "
    "stayed at £780. Sibling discounts of 10% apply to both camps."
)


def test_a_siblings_amount() -> None:
    found = QuantityRule().check("Dunmore School's summer science camp now costs £910.", CAMPS)
    assert found and "780" in found[0].detail
    assert not QuantityRule().check("Dunmore School's summer language camp now costs £910.", CAMPS)
    assert not QuantityRule().check("Dunmore School's summer science camp still costs £780.", CAMPS)


def test_a_limit_is_no_siblings_amount() -> None:
    evidence = "Children aged 6 to 11 years: give 5 ml up to four times a day. Do not give more than 20 ml in 24 hours."
    assert not QuantityRule().check("For an eight-year-old, the most syrup to give in a day is 20 ml.", evidence)


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        (
            "Coldmere Business School took over Arden University in 2010.",
            "In 2010, Coldmere Business School was absorbed by Arden University.",
        ),
        (
            "In March, Celeste Vale loaned her brother Orrin €4,500 to help with his tuition.",
            "In March, Orrin Vale lent his sister Celeste Vale 4,500 euros to cover her tuition.",
        ),
        (
            "This year's Harwick Cup final went the way of the Silverlake Cranes, who beat the Dunmore Otters.",
            "In this year's Harwick Cup final, the Dunmore Otters beat the Silverlake Cranes 3-1.",
        ),
    ],
)
def test_who_did_it_said_with_other_words(claim: str, evidence: str) -> None:
    found = RoleRule().check(claim, evidence)
    assert found and "other way round" in found[0].detail


def test_took_over_as_is_no_purchase() -> None:
    evidence = "In 2010, Coldmere Business School was absorbed by Arden University."
    assert not RoleRule().check("Arden University took over Coldmere Business School in 2010.", evidence)
    assert not RoleRule().check("Ruth Okafor took over as head of Arden University in 2010.", evidence)


def test_a_denial_after_but() -> None:
    evidence = "A chemistry qualification is recommended but not required."
    found = NegationRule().check("A chemistry qualification is required.", evidence)
    assert found and found[0].cite == evidence
    assert not NegationRule().check("A chemistry qualification is recommended.", evidence)


HOLLIN = (
    "Hollin University raised its undergraduate tuition by 4% for the 2024-25 academic year. The 2023-24 "
    "undergraduate fee was $12,500. Graduate tuition was frozen at 2023-24 levels."
)


@pytest.mark.parametrize(
    ("claim", "holds"),
    [
        ("After the increase, Hollin University's undergraduate tuition for 2024-25 comes to $13,000.", True),
        ("After the increase, Hollin University's undergraduate tuition for 2024-25 comes to $13,500.", False),
    ],
)
def test_an_amount_after_a_change_by_a_share(claim: str, holds: bool) -> None:
    comparison = compare(claim, HOLLIN)
    assert comparison is not None and comparison.holds is holds, comparison


def test_no_change_computed_without_one_amount() -> None:
    evidence = HOLLIN + " Graduate tuition was $15,000."
    assert compare("After the increase, undergraduate tuition comes to $13,500.", evidence) is None


KESSMERE = (
    "Construction of the Kessmere Dam began in March 1962. The dam was completed in September 1968, several months "
    "behind schedule."
)


@pytest.mark.parametrize(
    ("claim", "holds"),
    [
        ("It took roughly six and a half years to build the Kessmere Dam.", True),
        ("Building the Kessmere Dam took more than eight years from start to finish.", False),
        ("The Kessmere Dam took less than five years to build.", False),
        ("The Kessmere Dam took under seven years to build.", True),
    ],
)
def test_how_long_the_work_took(claim: str, holds: bool) -> None:
    comparison = compare(claim, KESSMERE)
    assert comparison is not None and comparison.holds is holds, comparison


def test_acted_as_is_served_as() -> None:
    evidence = "Halvern Construction served as general contractor for the 62-storey Ostry Tower."
    assert RoleRule().check("Brightwell Steel acted as general contractor for the Ostry Tower.", evidence)
    assert not RoleRule().check("Halvern Construction acted as general contractor for the Ostry Tower.", evidence)


MARLOW = (
    "Marlow Rosemary Crackers: a serving is 5 crackers (25 g). Typical values per 100 g: energy 470 kcal, fat 16 g, of "
    "which saturates 2 g, salt 1.4 g. Pack contains approximately 8 servings."
)
HARVO = (
    "Harvo Crunch oat bar, nutrition information per 100 g: energy 420 kcal, fat 18 g, sugars 24 g. One bar (40 g) "
    "provides 168 kcal."
)
ZESTRA = "Zestra Sparkling Lemonade, nutrition per 100 ml: energy 46 kcal, sugars 11 g. Each bottle holds 330 ml."


@pytest.mark.parametrize(
    ("claim", "evidence", "holds"),
    [
        ("A five-cracker serving of Marlow Crackers has 4 g of fat.", MARLOW, True),
        ("A five-cracker serving of Marlow Crackers has 6 g of fat.", MARLOW, False),
        ("Each Harvo Crunch bar contains around 420 calories.", HARVO, False),
        ("A single Harvo Crunch bar gives you just under 170 kcal.", HARVO, True),
        ("Drinking a whole bottle of Zestra lemonade means taking in about 46 calories.", ZESTRA, False),
        ("A whole bottle of Zestra lemonade has about 150 calories.", ZESTRA, True),
    ],
)
def test_a_portions_amount_from_a_label(claim: str, evidence: str, holds: bool) -> None:
    comparison = compare(claim, evidence)
    assert comparison is not None and comparison.holds is holds, comparison


def test_a_portions_amount_is_no_other_value() -> None:
    assert not QuantityRule().check("A five-cracker serving of Marlow Crackers has 4 g of fat.", MARLOW)


LORAVIN = "Reconstitute the vial, then dilute 250 mg of Loravin with normal saline to a final volume of 500 mL."


@pytest.mark.parametrize(
    ("claim", "holds"),
    [
        ("Each millilitre of the prepared Loravin infusion holds half a milligram of the drug.", True),
        ("Each millilitre of the prepared Loravin infusion holds 2 mg of the drug.", False),
    ],
)
def test_a_strength_from_a_dilution(claim: str, holds: bool) -> None:
    comparison = compare(claim, LORAVIN)
    assert comparison is not None and comparison.holds is holds, comparison


def test_a_share_of_an_amount_and_what_it_leaves() -> None:
    evidence = (
        "The Wrenfield Hotel asks for a deposit equal to 25% of the total stay at the time of booking. Daniel "
        "Okafor's five-night reservation totals $900."
    )
    claim = "Daniel had to put down $225 when he booked, with the remaining $675 payable when he arrives."
    assert {"25% of $900 is $225", "25% of $900 leaves $675"} <= set(computed(claim, evidence))
    assert not computed("Daniel had to put down $250 when he booked.", evidence)


def test_got_rid_of_is_removed() -> None:
    evidence = "Driftwood CLI 2.3 added the --dry-run flag, which previews changes without applying them."
    assert AntonymRule().check("Driftwood CLI 2.3 got rid of the --dry-run option.", evidence)


def test_who_leases_from_whom() -> None:
    evidence = "Corvell Bakery leases the storefront from Ingrid Salas."
    assert RoleRule().check("Ingrid Salas rents the storefront from Corvell Bakery.", evidence)
    assert not RoleRule().check("Corvell Bakery rents the storefront from Ingrid Salas.", evidence)


OAKRIDGE = "In 2021 Brennan Holdings sold the Oakridge Plaza office building to the Vega Family Trust."


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("Oakridge Plaza was bought by Brennan Holdings from the Vega Family Trust in 2021.", True),
        ("Brennan Holdings bought Oakridge Plaza from the Vega Family Trust.", True),
        ("Oakridge Plaza was bought by the Vega Family Trust from Brennan Holdings in 2021.", False),
        ("The Vega Family Trust bought Oakridge Plaza from Brennan Holdings.", False),
    ],
)
def test_a_purchase_is_the_sale_the_other_way(claim: str, contradicted: bool) -> None:
    assert bool(RoleRule().check(claim, OAKRIDGE)) is contradicted
