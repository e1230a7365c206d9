"""Readings the seventy-ninth to ninety-fourth probe batches (written blind: shopping, education, public health,
energy, transport, housing, sports, law, medical studies, company news, geography, news summaries, banking, food,
software) exposed, each beside the case a careless rule would get wrong: a rate counted out of a whole, a price after
a discount, a capacity as a count times each one's, power, energy and floor areas as measures, changes against
levels, a move from one dated figure to another, a comparison of "annual rainfall", purchases, loans and transfers
said the other way round, a takeover said as a noun, a leader and a deputy, a permission against a prohibition,
opposites, "every" and "both" against "only", an inclusion against an exception, and readings given up: a margin, a
figure of another year, a rate of another thing, one figure said twice."""

from __future__ import annotations

import pytest

from grounding.text.quantities import parse_quantities
from grounding.verify.arithmetic import computed, summed
from grounding.verify.comparing import compare
from grounding.verify.rules.antonyms import AntonymRule
from grounding.verify.rules.figures import QuantityRule
from grounding.verify.rules.frames import RoleRule, SubstitutionRule
from grounding.verify.rules.modality import ModalityRule
from grounding.verify.rules.negation import NegationRule
from grounding.verify.rules.order import ComparisonRule
from grounding.verify.wording import reword

KESSINGTON = (
    "Of the 400 candidates who sat the Kessington Bar Qualifying Exam in July, 292 passed. "
    "The February sitting had 180 candidates."
)


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("The July sitting of the Kessington bar exam had a pass rate of roughly 78%.", True),
        ("The July sitting of the Kessington bar exam had a pass rate of roughly 73%.", False),
        ("The July sitting of the Kessington bar exam had a pass rate of 73%.", False),
        ("The July sitting had a pass rate of more than 70%.", False),
        ("The July sitting had a pass rate of more than 75%.", True),
        # a rate of something the sentence does not count is left alone
        ("The exam's fee rose by a rate of 78% in July.", False),
    ],
)
def test_a_rate_is_counted_out_of_its_whole(claim: str, contradicted: bool) -> None:
    found = ComparisonRule().check(claim, KESSINGTON)
    assert bool(found) == contradicted, found
    if found:
        assert "292 of 400 candidates (73.0%)" in found[0].detail


def test_a_rate_that_holds_is_shown_with_its_count() -> None:
    comparison = compare("The July sitting had a pass rate of about 73%.", KESSINGTON)
    assert comparison is not None and comparison.holds


BREVIK = (
    "The Brevik X2 blender has a list price of $180. "
    "During the spring sale, all Brevik kitchen appliances are 25% off their list price."
)


@pytest.mark.parametrize(
    ("claim", "shown"),
    [
        ("With the spring-sale discount applied, the Brevik X2 blender comes to $135.", True),
        ("With the spring-sale discount applied, the Brevik X2 blender comes to about $135.", True),
        # a price the discount does not give is shown nothing
        ("With the spring-sale discount applied, the Brevik X2 blender comes to $145.", False),
    ],
)
def test_a_price_after_a_discount(claim: str, shown: bool) -> None:
    sums = computed(claim, BREVIK)
    assert any("$180 less 25% is" in s for s in sums) == shown, sums
    # the discounted price is the evidence's own figure, no other value: no rule reads it against the list price
    assert bool(QuantityRule().check(claim, BREVIK)) == (not shown)
    assert bool(summed(claim, BREVIK)) == shown


def test_a_share_that_is_no_discount_takes_nothing_off() -> None:
    evidence = "The Brevik X2 blender has a list price of $180. 25% of buyers choose the red model."
    assert not any("less" in s for s in computed("The Brevik X2 blender costs $135.", evidence))


BRENWICK = "The Brenwick offshore wind farm consists of 60 turbines. Each turbine has a rated capacity of 8 MW."


@pytest.mark.parametrize(
    ("claim", "shown"),
    [
        ("Altogether, the Brenwick offshore wind farm is rated at 480 megawatts.", True),
        ("Altogether, the Brenwick offshore wind farm is rated at 0.48 GW.", True),
        ("Altogether, the Brenwick offshore wind farm is rated at 420 megawatts.", False),
    ],
)
def test_a_capacity_as_a_count_times_each_ones(claim: str, shown: bool) -> None:
    assert any("60 turbines of 8 MW each is" in s for s in computed(claim, BRENWICK)) == shown


@pytest.mark.parametrize(
    ("text", "dimension", "value"),
    [
        ("rated at 480 megawatts", "power", 480e6),
        ("a 150 MW plant", "power", 150e6),
        ("generated 1.8 terawatt-hours", "energy", 1.8e12),
        ("about 300 gigawatt-hours", "energy", 300e9),
        ("uses 30 kWh a month", "energy", 30e3),
    ],
)
def test_power_and_energy_are_measures(text: str, dimension: str, value: float) -> None:
    (quantity,) = parse_quantities(text)
    assert quantity.dimension == dimension
    assert quantity.value == pytest.approx(value)


def test_energy_differences_convert_their_units() -> None:
    evidence = "In 2022 the wind park generated 1.8 terawatt-hours. Its output in 2021 had been 1.5 terawatt-hours."
    claim = "Between 2021 and 2022, output at the wind park went up by roughly 300 gigawatt-hours."
    assert any("minus" in s for s in computed(claim, evidence))


MARLOW = (
    "Annual rainfall in the Marlow Basin averages 310 millimetres. "
    "The Tessaly Highlands average 1,240 millimetres of rain per year."
)


@pytest.mark.parametrize(
    ("claim", "holds"),
    [
        ("The Marlow Basin receives less annual rainfall than the Tessaly Highlands.", True),
        ("The Marlow Basin receives more annual rainfall than the Tessaly Highlands.", False),
        ("The Marlow Basin gets less rainfall than the Tessaly Highlands.", True),
    ],
)
def test_a_comparison_of_a_measure_over_a_period(claim: str, holds: bool) -> None:
    comparison = compare(claim, MARLOW)
    assert comparison is not None and comparison.holds == holds


def test_a_comparison_of_another_measure_is_left_alone() -> None:
    # "less annual snowfall" compares what neither sentence measures
    assert compare("The Marlow Basin receives less annual snowfall than the Tessaly Highlands.", MARLOW) is None


VANTREL = "Vantrel Energy acquired the Brisco hydro plant from Quellmark Utilities in 2020 for 310 million dollars."
HASKEL = "Orlen Goods acquired the small-appliance brand Haskel in 2021."
FENNICK = (
    "Dr. Ilsa Marrowby leads the soil-carbon study at the Fennick Agricultural Institute. "
    "Her deputy, Tomas Greaveley, manages the project's field trials on four farms."
)


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        ("In 2020 Quellmark Utilities purchased the Brisco hydroelectric station from Vantrel Energy.", VANTREL, True),
        ("In 2020 Vantrel Energy purchased the Brisco hydroelectric station from Quellmark Utilities.", VANTREL, False),
        ("Since Haskel's 2021 takeover of Orlen Goods, Orlen products carry a two-year warranty.", HASKEL, True),
        ("Since Orlen's 2021 takeover of Haskel, Haskel products carry a two-year warranty.", HASKEL, False),
        ("Tomas Greaveley is in charge of the soil-carbon study at the Fennick Agricultural Institute.", FENNICK, True),
        ("Ilsa Marrowby is in charge of the soil-carbon study at the Fennick Agricultural Institute.", FENNICK, False),
        # a deputy of something else is no part in this study
        (
            "Tomas Greaveley is in charge of the soil-carbon study at the Fennick Agricultural Institute.",
            "Dr. Ilsa Marrowby leads the soil-carbon study at the Fennick Agricultural Institute.",
            False,
        ),
    ],
)
def test_who_bought_and_who_leads(claim: str, evidence: str, contradicted: bool) -> None:
    assert bool(RoleRule().check(claim, evidence)) == contradicted


FARROWMERE = (
    "Under the Farrowmere Clean Air Act, the installation of new diesel generators in the city centre is prohibited "
    "from 1 January 2026."
)


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        (
            "Starting in 2026, Farrowmere's Clean Air Act will permit new diesel generators to be installed in the "
            "city centre.",
            True,
        ),
        # a permission said of anywhere is not ruled out by a prohibition in the city centre
        ("Starting in 2026, Farrowmere's Clean Air Act will permit new diesel generators to be installed.", False),
        ("Farrowmere's Clean Air Act allows new diesel generators to be installed in the city centre.", True),
        (
            "Starting in 2026, Farrowmere's Clean Air Act bans installing new diesel generators in the city centre.",
            False,
        ),
        # "permits" as a noun says no permission
        ("Farrowmere's Clean Air Act requires permits for new diesel generators in the city centre.", False),
    ],
)
def test_a_permission_against_a_prohibition(claim: str, contradicted: bool) -> None:
    assert bool(ModalityRule().check(claim, FARROWMERE)) == contradicted


OSTRAVA = "Furniture orders are excluded from free shipping and incur a flat $79 delivery fee."


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("Furniture orders are included in free shipping.", True),
        ("Furniture orders are excluded from free shipping.", False),
    ],
)
def test_included_against_excluded(claim: str, contradicted: bool) -> None:
    assert bool(AntonymRule().check(claim, OSTRAVA)) == contradicted


VESSEN = "Only the northern fields of the Vessen estate were harvested before the storm."


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("Every field on the Vessen estate had been harvested by the time the storm arrived.", True),
        ("All of the fields on the Vessen estate were harvested before the storm.", True),
        ("The northern fields of the Vessen estate were harvested before the storm.", False),
        # "every day" is a period, not all of the fields
        ("Every day the Vessen estate fields were harvested before the storm.", False),
    ],
)
def test_every_against_only(claim: str, contradicted: bool) -> None:
    assert bool(NegationRule().check(claim, VESSEN)) == contradicted


DRELLMARK = (
    "Health expenditure in Drellmark reached 11.2% of GDP in 2022. In 2018, the country spent 9.8% of GDP on health."
)


@pytest.mark.parametrize(
    ("claim", "reworded"),
    [
        # the 9.8% is 2018's: no reading of a claim about 2022
        ("In 2022, Drellmark devoted just under 10 percent of its economic output to health care.", False),
        ("In 2018, Drellmark devoted just under 10 percent of its economic output to health care.", True),
        ("Drellmark once devoted just under 10 percent of its economic output to health care.", True),
    ],
)
def test_a_figure_of_another_year_is_no_reading(claim: str, reworded: bool) -> None:
    text, changes = reword(claim, DRELLMARK)
    assert bool(changes) == reworded, (text, changes)


MARRICK = (
    "Flu vaccination coverage among adults aged 65 and over in Marrick County rose from 58% in 2020 to 64% in 2023."
)


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        # a change is no level: "a relative gain of roughly 10%" is not read against "from 58%"
        ("Flu vaccination coverage among adults aged 65 and over in Marrick County saw a gain of 10% by 2023.", False),
        ("Flu vaccination coverage among adults aged 65 and over in Marrick County rose by 10% by 2023.", False),
        # a level is still read against the levels
        ("Flu vaccination coverage among adults aged 65 and over in Marrick County rose to 66% in 2023.", True),
    ],
)
def test_a_change_is_read_against_changes_only(claim: str, contradicted: bool) -> None:
    assert bool(QuantityRule().check(claim, MARRICK)) == contradicted


def test_a_level_change_still_meets_another_change() -> None:
    assert QuantityRule().check("Net income rose by 12% in the quarter.", "Net income rose 9% in the quarter.")


@pytest.mark.parametrize(
    ("claim", "shown"),
    [
        ("Among older adults in Marrick County, coverage saw a relative gain of roughly 10%.", "a rise of 10.3%"),
        ("Among older adults in Marrick County, coverage saw a relative drop of roughly 10%.", None),
        ("Among older adults in Marrick County, coverage saw a relative gain of roughly 20%.", None),
    ],
)
def test_a_relative_change_between_two_levels(claim: str, shown: str | None) -> None:
    sums = computed(claim, MARRICK)
    assert any(shown in s for s in sums) if shown else not sums, sums


VARN = (
    "In the 2022 season, the Varn Rugby League recorded 3.1 concussions per 1,000 player-hours. "
    "In 2019, before new tackle-height rules were introduced, the rate was 4.6 per 1,000 player-hours."
)


@pytest.mark.parametrize(
    ("claim", "holds"),
    [
        ("After the rule change, concussion rates climbed, going from 3.1 to 4.6 per 1,000 player-hours.", False),
        ("After the rule change, concussion rates fell, going from 4.6 to 3.1 per 1,000 player-hours.", True),
        # a move the figures themselves deny is the model's to read, and years are no figures
        ("After the rule change, concussion rates rose, going from 4.6 to 3.1 per 1,000 player-hours.", None),
        ("Concussion rates were tracked from 2019 to 2022.", None),
    ],
)
def test_a_move_from_one_figure_to_another_runs_forward_in_time(claim: str, holds: bool | None) -> None:
    comparison = compare(claim, VARN)
    assert (comparison.holds if comparison else None) == holds


ALDRIC = "Mount Aldric rises 2,450 meters above sea level. It is about 300 meters taller than nearby Mount Pell."


@pytest.mark.parametrize(
    ("claim", "shown"),
    [
        # Pell is the lower of the two: Aldric's height minus the difference, never plus
        ("Mount Pell is roughly 2,150 meters high.", "2,450 meters minus 300 meters"),
        ("Mount Pell is roughly 2,750 meters high.", None),
    ],
)
def test_a_difference_said_against_another_thing_runs_one_way(claim: str, shown: str | None) -> None:
    sums = computed(claim, ALDRIC)
    assert any(shown in s for s in sums) if shown else not sums, sums


def test_money_counts_no_share_of_the_offers() -> None:
    evidence = (
        "Seven bids were received for the Fernhill plot. Only two of them exceeded the £4 million guide price. "
        "The plot was eventually sold to Kestle Homes for £4.3 million."
    )
    assert (
        compare("Most of the seven offers for the Fernhill plot came in above its £4 million guide price.", evidence)
        is None
    )


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        (
            "Brackenfield FC have brought in striker Davor Kessling on a season-long loan from Linmouth City.",
            "Striker Davor Kessling has joined Linmouth City on a season-long loan from Brackenfield FC.",
            True,
        ),
        (
            "Linmouth City have brought in striker Davor Kessling on a season-long loan from Brackenfield FC.",
            "Striker Davor Kessling has joined Linmouth City on a season-long loan from Brackenfield FC.",
            False,
        ),
    ],
)
def test_a_loan_the_other_way_round(claim: str, evidence: str, contradicted: bool) -> None:
    assert bool(RoleRule().check(claim, evidence)) == contradicted


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("Lake Merin is the biggest lake in the province of Tessaly.", True),
        ("Lake Orvane is the biggest lake in the province of Tessaly.", False),
    ],
)
def test_biggest_is_largest(claim: str, contradicted: bool) -> None:
    evidence = "Lake Orvane is the largest lake in the province of Tessaly. Lake Merin is the province's deepest lake."
    assert bool(SubstitutionRule().check(claim, evidence)) == contradicted


SLEEPER = (
    "Only passengers travelling beyond Kilncross need a seat reservation on the Northern Sleeper. "
    "Those leaving the train at or before Kilncross may board without one."
)


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("Everyone travelling on the Northern Sleeper is required to have a seat reservation.", True),
        ("Passengers travelling beyond Kilncross need a seat reservation on the Northern Sleeper.", False),
    ],
)
def test_everyone_against_only_some_people(claim: str, contradicted: bool) -> None:
    assert bool(NegationRule().check(claim, SLEEPER)) == contradicted


FENWICK = "The Fenwick Library will be closed from December 24 through January 1. Regular hours resume on January 2."


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("If you go to the Fenwick Library on December 31, you'll find it closed.", False),
        ("If you go to the Fenwick Library on December 20, you'll find it closed.", True),
    ],
)
def test_a_day_inside_a_span_of_days(claim: str, contradicted: bool) -> None:
    assert bool(QuantityRule().check(claim, FENWICK)) == contradicted


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        ("The library is closed on 31 December.", "The library is closed from 24 December to 1 January.", False),
        ("The library is closed on 20 December.", "The library is closed from 24 December to 1 January.", True),
        ("The library is closed on December 31.", "The library is closed December 24 - January 1.", False),
        ("The library is closed on December 20.", "The library is closed December 24 - January 1.", True),
    ],
)
def test_a_day_inside_a_span_said_either_way(claim: str, evidence: str, contradicted: bool) -> None:
    assert bool(QuantityRule().check(claim, evidence)) == contradicted


ELMSTEAD = (
    "Leaseholders at Elmstead Court pay the service charge quarterly. "
    "Ground rent of £250 is collected once a year, each January."
)


@pytest.mark.parametrize(
    ("claim", "reworded"),
    [
        # the quarterly payment is the service charge's: no reading of the ground rent
        ("At Elmstead Court, the ground rent is billed every quarter.", False),
        ("At Elmstead Court, the service charge is billed every quarter.", True),
    ],
)
def test_a_rate_is_read_only_from_its_own_things_sentence(claim: str, reworded: bool) -> None:
    assert bool(reword(claim, ELMSTEAD)[1]) == reworded


DUNHOLT = (
    "The rescheduled fixture between Dunholt and Kestrel Bay will now be played on Wednesday 9 April. "
    "It was originally due to take place on Saturday 5 April."
)


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("The Dunholt versus Kestrel Bay match has been moved from Wednesday 9 April to Saturday 5 April.", True),
        ("The Dunholt versus Kestrel Bay match has been moved from Saturday 5 April to Wednesday 9 April.", False),
    ],
)
def test_a_match_moved_the_other_way(claim: str, contradicted: bool) -> None:
    assert bool(SubstitutionRule().check(claim, DUNHOLT)) == contradicted


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("The Dunmore Lane plot covers roughly 2,000 square metres.", True),
        ("The Dunmore Lane plot covers roughly 20,000 square metres.", False),
    ],
)
def test_square_metres_against_hectares(claim: str, contradicted: bool) -> None:
    evidence = "The Dunmore Lane plot measures 2 hectares and is zoned for residential use."
    assert bool(QuantityRule().check(claim, evidence)) == contradicted


def test_square_feet_read_as_square_metres() -> None:
    claim = "The detached homes at Linden Rise each offer roughly 1,290 square feet of internal space."
    evidence = "Each of the detached houses at Linden Rise has an internal floor area of 120 square metres."
    assert reword(claim, evidence)[1] == (("1,290 square feet", "120 square metres"),)


def test_a_share_before_its_change_is_a_change() -> None:
    claim = "Home Retail Group has reported a 23% rise in like-for-like sales at Argos."
    evidence = "Home Retail Group said that like-for-like sales at Argos fell 1.1% in the eight weeks to 27 February."
    assert QuantityRule().check(claim, evidence)


MARROW = "Ilse Marrow scored 21 league goals in her first season at Dunholt and 26 in her second."


@pytest.mark.parametrize(
    ("claim", "shown"),
    [
        ("Ilse Marrow netted 47 league goals across her first two seasons at Dunholt.", True),
        ("Ilse Marrow netted 49 league goals across her first two seasons at Dunholt.", False),
    ],
)
def test_a_count_whose_noun_is_left_out_after_and(claim: str, shown: bool) -> None:
    assert bool(computed(claim, MARROW)) == shown
    # the sum is the evidence's own figure: no rule reads it against the first season's 21
    assert bool(QuantityRule().check(claim, MARROW)) == (not shown)


ASHGROVE = (
    "Ashgrove Holdings and Pell Industrial announced their merger in January 2022. "
    "The merger finally closed 18 months after it was first announced."
)


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        # the year the merger was announced is no year of its completion
        ("The Ashgrove-Pell merger was completed in mid-2023.", False),
        ("The Ashgrove-Pell merger was announced in 2023.", True),
    ],
)
def test_an_announcement_is_no_completion(claim: str, contradicted: bool) -> None:
    assert bool(QuantityRule().check(claim, ASHGROVE)) == contradicted


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("On weekdays, two buses an hour run between Tarrow and Geld.", False),
        ("On weekdays, buses run between Tarrow and Geld every 20 minutes.", True),
    ],
)
def test_a_count_an_hour_is_a_rate(claim: str, contradicted: bool) -> None:
    evidence = "On weekdays, buses between Tarrow and Geld depart every 30 minutes from 6 am to 8 pm."
    assert bool(QuantityRule().check(claim, evidence)) == contradicted


def test_a_margin_is_no_height() -> None:
    evidence = "Mount Orrin reaches 3,412 metres. Its neighbour, Mount Telvaar, has a summit elevation of 3,198 metres."
    claim = "Mount Orrin is the higher one, topping Mount Telvaar by a little over 200 metres."
    assert reword(claim, evidence)[1] == ()
    assert reword("Mount Orrin stands over 3,000 metres high.", evidence)[1]


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("The Dorran feeds into the Kelsey River near Wexby.", True),
        ("The Kelsey River feeds into the Dorran near Wexby.", False),
    ],
)
def test_a_tributary_flows_into_its_river(claim: str, contradicted: bool) -> None:
    evidence = "The Kelsey River is a tributary of the Dorran, joining it just below the town of Wexby."
    assert bool(RoleRule().check(claim, evidence)) == contradicted


CORVANE = (
    "Corvane Systems reported revenue of $1.2 billion for fiscal 2023. That compared with $960 million in fiscal 2022."
)


@pytest.mark.parametrize(
    ("claim", "holds"),
    [
        ("Corvane Systems grew its revenue by 25% year over year in fiscal 2023.", True),
        ("Corvane Systems grew its revenue by 35% year over year in fiscal 2023.", False),
    ],
)
def test_a_change_year_over_year(claim: str, holds: bool) -> None:
    comparison = compare(claim, CORVANE)
    assert comparison is not None and comparison.holds == holds


def test_one_figure_said_twice_is_not_summed() -> None:
    evidence = (
        "Covering 1,500 square metres, the hotel complex is listed as a preserved building. "
        "The hotel complex, which Abramovich bought, is listed as a preserved building covering 1,500 square meters."
    )
    assert computed("The building is spread over an impressive 3,000 square meters.", evidence) == ()


QUARRY = (
    "All staff at Quarry Lane Bank must complete anti-money-laundering training once a year, except contractors "
    "engaged for fewer than 30 days. New permanent employees must complete the training within their first month."
)


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        (
            "Every worker at Quarry Lane Bank, including contractors brought in for just a couple of weeks, must "
            "complete anti-money-laundering training each year.",
            True,
        ),
        (
            "Every worker at Quarry Lane Bank, including new permanent employees, must complete anti-money-laundering "
            "training each year.",
            False,
        ),
    ],
)
def test_an_inclusion_against_an_exception(claim: str, contradicted: bool) -> None:
    assert bool(NegationRule().check(claim, QUARRY)) == contradicted


DUNMERE = "According to the 2021 census, Dunmere had 48,200 residents. Calloway, 25 km up the coast, recorded 31,500."


@pytest.mark.parametrize(
    ("claim", "holds"),
    [
        ("Calloway is the more populous of the two towns, with roughly 48,000 inhabitants.", False),
        # "the more populous town" ranks nothing said of two
        ("Calloway is the more populous town.", None),
    ],
)
def test_the_more_of_the_two(claim: str, holds: bool | None) -> None:
    comparison = compare(claim, DUNMERE)
    assert (comparison.holds if comparison else None) == holds


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        (
            "Tamrin Notes 7.1 added the offline mode.",
            "Tamrin Notes 7.1 removed the offline mode that had been introduced in version 6.0.",
            True,
        ),
        (
            "Tamrin Notes 7.1 removed the offline mode.",
            "Tamrin Notes 7.1 removed the offline mode that had been introduced in version 6.0.",
            False,
        ),
        (
            "Some of the 14 new measles cases were in vaccinated children.",
            "Health officials reported 14 new cases of measles in the past week, all among unvaccinated children.",
            True,
        ),
    ],
)
def test_added_and_removed_vaccinated_and_unvaccinated(claim: str, evidence: str, contradicted: bool) -> None:
    assert bool(AntonymRule().check(claim, evidence)) == contradicted


RENT = "On 3 June, Priya Hollis sent €2,500 from her Dunmore Bank account to her landlord, Callum Reyes."


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("Callum Reyes transferred €2,500 to Priya Hollis on 3 June.", True),
        ("Priya Hollis transferred €2,500 to Callum Reyes on 3 June.", False),
    ],
)
def test_a_transfer_is_a_sending(claim: str, contradicted: bool) -> None:
    assert bool(RoleRule().check(claim, RENT)) == contradicted


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("Both the Standard and Enterprise editions of Larkspur CRM offer single sign-on.", True),
        ("The Enterprise edition of Larkspur CRM offers single sign-on.", False),
    ],
)
def test_both_against_only_in_one(claim: str, contradicted: bool) -> None:
    evidence = "Single sign-on is available only in the Enterprise edition of Larkspur CRM."
    assert bool(NegationRule().check(claim, evidence)) == contradicted
