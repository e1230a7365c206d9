"""Readings the ninety-fifth to ninety-eighth probe batches (written blind: pharmacy labels, elections, weather
reports, insurance and employment terms) exposed, each beside the case a careless rule would get wrong: a day's
total worked out from a label's dose, frequency, strength and limit; a winning margin as the difference between the
two sides' figures; "every" against the evidence's exception; who took over from whom; a day counted on from a dated
sentence; modal words opening a claim read as no name."""

from __future__ import annotations

import pytest

from grounding.text.quantities import years_of_sentences
from grounding.types import Effect
from grounding.verify.arithmetic import computed, summed
from grounding.verify.claims.split import split_claims
from grounding.verify.comparing import compare
from grounding.verify.dosing import daily_totals
from grounding.verify.rules.antonyms import AntonymRule
from grounding.verify.rules.figures import QuantityRule
from grounding.verify.rules.frames import RoleRule
from grounding.verify.rules.modality import ModalityRule
from grounding.verify.rules.negation import NegationRule
from grounding.verify.rules.novelty import novel_mentions
from grounding.verify.rules.order import ComparisonRule

DORIMEX = "Dorimex capsules, 250 mg. Dosage: take two capsules by mouth twice a day with food."
ZELVARIN = (
    "Zelvarin Extra Strength tablets: adults and children 12 years and over take 2 tablets every 6 hours while "
    "symptoms last. Do not take more than 8 tablets in 24 hours. Each tablet contains 500 mg of the active ingredient."
)
LORVANE = "Lorvane 200 mg tablets: take one tablet every 8 hours. Take with a glass of water."
TALLOW = (
    "Tallow Kids Fever Syrup dosing guide. Children 2 to 5 years: 2.5 mL every 4 hours as needed. "
    "Children 6 to 11 years: 5 mL every 4 hours as needed. Do not give more than 5 doses in any 24-hour period."
)
BRONZIL = "Bronzil inhaler: inhale 2 puffs four times a day. Do not use more than 12 puffs in 24 hours."


@pytest.mark.parametrize(
    ("claim", "evidence", "holds"),
    [
        ("You'd be taking 1 gram of Dorimex each day.", DORIMEX, True),
        ("Your daily Dorimex intake comes to 500 mg.", DORIMEX, False),
        ("Adults can take as much as 5,000 mg of Zelvarin in a day.", ZELVARIN, False),
        ("Adults can take up to 4,000 mg of Zelvarin in a day.", ZELVARIN, True),
        ("Taken as directed, Lorvane comes to three tablets, or 600 mg, per day.", LORVANE, True),
        ("Taken as directed, Lorvane comes to four tablets, or 800 mg, per day.", LORVANE, False),
        ("The most Tallow syrup to give a nine-year-old in a day is 25 mL, in 5 mL doses.", TALLOW, True),
        ("The most Tallow syrup to give a nine-year-old in a day is 40 mL.", TALLOW, False),
        ("The routine Bronzil schedule works out to eight puffs a day.", BRONZIL, True),
        ("The routine Bronzil schedule works out to ten puffs a day.", BRONZIL, False),
        # the strength of "200 mg tablets" is no count of tablets taken
        ("Lorvane comes to 200 tablets a day.", LORVANE, False),
    ],
)
def test_a_days_total_from_a_label(claim: str, evidence: str, holds: bool) -> None:
    comparison = compare(claim, evidence)
    assert comparison is not None and comparison.holds is holds, comparison


@pytest.mark.parametrize(
    "claim",
    [
        "Adults should drink 2 litres of water a day while taking Dorimex.",  # an amount of something else
        "Dorimex is taken with food.",  # no amount a day
        "Each Dorimex capsule contains 250 mg.",  # what the label says as it is
    ],
)
def test_no_days_total_is_read_where_the_claim_gives_none(claim: str) -> None:
    comparison = compare(claim, DORIMEX)
    assert comparison is None, comparison


def test_a_label_without_a_dose_a_day_gives_no_total() -> None:
    assert daily_totals("Store below 25 °C. Keep out of the reach of children.") == ()


def test_a_days_total_reads_the_whole_label_not_only_the_aligned_sentences() -> None:
    claim = "For a nine-year-old, the most Tallow Kids Fever Syrup you should give in a day is 25 mL, in 5 mL doses."
    premise = TALLOW.rsplit(" Do not", 1)[0]  # the limit is the fourth sentence, outside the premise
    assert not any("25 mL" in s for s in computed(claim, premise))
    assert any("at most 5 doses of 5 mL a day" in s for s in computed(claim, premise, TALLOW))


def test_a_wrong_days_total_is_contradicted() -> None:
    found = ComparisonRule().check("Taken as directed, Lorvane comes to four tablets per day.", LORVANE)
    assert found and "3 a day" in found[0].detail


VARNHOLT = (
    "In the Varnholt mayoral race, Ilse Marrow received 48,212 votes and Teodor Brant received 45,907. "
    "A third candidate, Yusuf Oley, received 6,118 votes."
)
FEDERATION = "The congress elected Arlo Finch as president with 38 votes to Dana Rusk's 29. Three delegates abstained."
RUNOFF = "In the runoff for governor, challenger Kessa Dunmore defeated incumbent Rolan Vey, 54% to 46%."


@pytest.mark.parametrize(
    ("claim", "evidence", "holds"),
    [
        ("Marrow beat Brant by 2,305 votes.", VARNHOLT, True),
        ("Marrow finished ahead of Brant by just over 2,300 votes.", VARNHOLT, True),
        ("Marrow beat Brant in the Varnholt mayoral contest by about 3,300 votes.", VARNHOLT, False),
        ("Brant beat Marrow by 2,305 votes.", VARNHOLT, False),
        ("Finch beat Rusk for the presidency by nine votes.", FEDERATION, True),
        ("Finch beat Rusk for the presidency by an eleven-vote margin.", FEDERATION, False),
        ("Dunmore defeated Vey by eight points.", RUNOFF, True),
        ("Dunmore defeated Vey by ten percentage points.", RUNOFF, False),
    ],
)
def test_a_margin_is_the_difference_between_the_sides_figures(claim: str, evidence: str, holds: bool) -> None:
    comparison = compare(claim, evidence)
    assert comparison is not None and comparison.holds is holds, comparison


@pytest.mark.parametrize(
    "claim",
    [
        "Marrow beat Brant by a wide margin.",  # no figure
        "Marrow beat Oley by 42,094 votes.",  # the sides are in two sentences: not read here
    ],
)
def test_no_margin_is_computed_without_both_figures_in_one_sentence(claim: str) -> None:
    assert compare(claim, VARNHOLT) is None


RAINFALL = (
    "Every district in Rovanne Province reported above-average rainfall in April except Tessel, which was slightly "
    "drier than normal."
)


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("April rainfall was above average in every single district of Rovanne Province.", True),
        ("All districts of Rovanne Province had above-average rainfall in April.", True),
        ("Every district except Tessel had above-average rainfall in April.", False),
        ("Almost every district of Rovanne Province had above-average rainfall in April.", False),
        ("Rovanne Province had above-average rainfall in April in most districts.", False),
    ],
)
def test_every_one_against_an_exception(claim: str, contradicted: bool) -> None:
    found = NegationRule().check(claim, RAINFALL)
    assert bool(found) == contradicted, found


NORRISH = "Meteorologist Ines Varga succeeded Tomas Brell as chief forecaster at the Norrish Weather Centre in 2019."
CORVALEN = "The prescription for Corvalen was written by Dr. Amara Pell at the Eastgate Clinic."


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        ("In 2019 Tomas Brell took over from Ines Varga as chief forecaster.", NORRISH, True),
        ("In 2019 Ines Varga took over from Tomas Brell as chief forecaster.", NORRISH, False),
        ("Osric Tamm succeeded Hedda Lunn in 1929.", "Tamm was succeeded in 1929 by Hedda Lunn.", True),
        ("Hedda Lunn succeeded Osric Tamm in 1929.", "Tamm was succeeded in 1929 by Hedda Lunn.", False),
        ("Tomas Rieke wrote the Corvalen prescription, which Dr. Amara Pell then dispensed.", CORVALEN, True),
        ("Dr. Amara Pell wrote the Corvalen prescription, which Tomas Rieke then dispensed.", CORVALEN, False),
    ],
)
def test_who_took_over_from_whom_and_who_wrote_it(claim: str, evidence: str, contradicted: bool) -> None:
    found = RoleRule().check(claim, evidence)
    assert bool(found) == contradicted, found


def test_a_day_counted_on_from_a_dated_sentence_of_the_same_year() -> None:
    premise = (
        "The referendum on municipal mergers was held on 3 November 2021. "
        "Election officials certified the result eleven days after the vote."
    )
    assert computed("Officials certified the result on 14 November 2021.", premise) == (
        "eleven days after 3 November 2021 is 14 November 2021",
    )
    assert computed("Officials certified the result on 3 November 2021.", premise) == ()


@pytest.mark.parametrize(
    ("claim", "novel"),
    [
        ("Should you not mark a dose as taken, MedTime pings you again.", []),
        ("Thanks to the wet spring, the Lindqvist Reservoir was refilled.", []),
        ("Thanks to the wet spring, the Ostrava Reservoir was refilled.", ["Ostrava"]),
    ],
)
def test_a_modal_or_thanks_opening_a_claim_is_no_name(claim: str, novel: list[str]) -> None:
    evidence = "MedTime sends a follow-up alert. Despite a wet spring, the Lindqvist Reservoir did not refill."
    assert novel_mentions(claim, evidence) == novel


QUENVIR = "Take Quenvir on an empty stomach, at least 1 hour before a meal or at least 2 hours after a meal."


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("Quenvir should be taken at least two hours before eating or at least one hour after a meal.", True),
        ("Quenvir should be taken at least one hour before eating or at least two hours after a meal.", False),
        # the same places in another order: nothing exchanged
        ("Quenvir is taken at least 2 hours after a meal or at least 1 hour before one.", False),
        ("Quenvir is taken at least 1 hour before a meal.", False),
    ],
)
def test_two_figures_exchanged_between_their_places(claim: str, contradicted: bool) -> None:
    found = QuantityRule().check(claim, QUENVIR)
    assert bool(found) == contradicted, found
    if found:
        assert "the other way round" in found[0].detail


PELACORT = "Pelacort Oral Solution contains 100 mg of pelacortin per 5 mL. Adults: 10 mL three times daily."


@pytest.mark.parametrize(
    ("claim", "holds"),
    [
        ("Each 10 mL adult dose of Pelacort supplies 200 mg of pelacortin.", True),
        ("Each 10 mL adult dose of Pelacort supplies 100 mg of pelacortin.", False),
        ("Adults take 600 mg of pelacortin a day.", True),
        ("Adults take 300 mg of pelacortin a day.", False),
        ("Pelacort contains 100 mg of pelacortin in every 5 mL.", None),  # the strength as the label says it
    ],
)
def test_a_dose_at_a_strength_per_volume(claim: str, holds: bool | None) -> None:
    comparison = compare(claim, PELACORT)
    assert (comparison.holds if comparison else None) is holds, comparison


TELMADRINE = "Under Corvane Cycling Federation anti-doping rules, Telmadrine is prohibited in competition only."


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("Under the federation's rules, Telmadrine is prohibited even outside competition.", True),
        ("Under the federation's rules, Telmadrine is prohibited at all times.", True),
        ("Under the federation's rules, Telmadrine is prohibited in competition.", False),
    ],
)
def test_a_claim_widened_past_a_limit_said_before_only(claim: str, contradicted: bool) -> None:
    found = NegationRule().check(claim, TELMADRINE)
    assert bool(found) == contradicted, found


CHAMBER = (
    "The Green Union won 33 seats and the Farmers' League 24 in the 110-seat Chamber. "
    "The Social Democrats, with 29 seats, became the main opposition party."
)


@pytest.mark.parametrize(
    ("claim", "shown"),
    [
        ("The Green–Farmers coalition controls 57 seats.", "33 plus 24 is 57"),
        ("The Green–Farmers coalition controls 62 seats.", None),
        # two parts' counts add up only where the claim holds them together
        ("The Green Union won 57 seats.", None),
    ],
)
def test_a_count_two_named_parts_hold_together(claim: str, shown: str | None) -> None:
    sums = computed(claim, CHAMBER)
    assert (shown in sums) if shown else not any("plus" in s for s in sums), sums
    assert not QuantityRule().check(claim, CHAMBER) if shown else True


SEATS = (
    "The ruling National Accord's seat total fell from 134 to 119, though it remained the largest party. "
    "The Reform Movement rose from 88 to 101 seats."
)


@pytest.mark.parametrize(
    ("claim", "holds"),
    [
        ("The National Accord lost 15 seats.", True),
        ("The National Accord picked up 15 seats.", False),
        ("The National Accord lost 13 seats.", False),
        ("The Reform Movement gained 13 seats.", True),
        ("The Reform Movement picked up about 15 seats.", False),
        ("The Greens gained 15 seats.", None),  # no move of theirs
    ],
)
def test_a_change_against_a_move_from_one_figure_to_another(claim: str, holds: bool | None) -> None:
    comparison = compare(claim, SEATS)
    assert (comparison.holds if comparison else None) is holds, comparison


@pytest.mark.parametrize(
    ("claim", "holds", "reading"),
    [
        ("The recommended adult dose of Caprelix is 50 mg twice daily.", False, "against 50 mg twice daily"),
        ("The recommended adult dose of Caprelix is 25 mg twice daily.", True, "against 25 mg twice daily"),
        ("Adults take 50 mg of Caprelix a day.", True, "against 50 mg a day"),
        ("Adults take 25 mg of Caprelix a day.", False, "against 25 mg a day"),
    ],
)
def test_a_dose_with_how_often_is_read_as_the_days_total(claim: str, holds: bool, reading: str) -> None:
    comparison = compare(claim, "Adults should take 25 mg of Caprelix twice daily.")
    assert comparison is not None and comparison.holds is holds and comparison.figures.endswith(reading)


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("The £12 fee is charged in any month in which at least £2,000 is paid in.", True),
        ("The £12 fee is waived in any month in which at least £2,000 is paid in.", False),
    ],
)
def test_a_fee_waived_is_not_charged(claim: str, contradicted: bool) -> None:
    evidence = "The fee is waived in any month in which at least £2,000 is paid into the account."
    assert bool(AntonymRule().check(claim, evidence)) == contradicted


MARRICK = "The forecast for Marrick calls for a high of 28°C on Friday. Showers are expected on Saturday afternoon."


@pytest.mark.parametrize(
    ("claim", "evidence", "blocked"),
    [
        ("Marrick's temperature climbed to 28°C on Friday.", MARRICK, True),
        ("Marrick's temperature is forecast to reach 28°C on Friday.", MARRICK, False),
        # the outcome said too: the claim stands
        (
            "Marrick's temperature climbed to 28°C on Friday.",
            "The forecast for Marrick called for a high of 25°C. In the event, the temperature climbed to 28°C.",
            False,
        ),
        # the forecast is said of another clause than the figure
        ("The factory employed 500 workers.", "The factory, which employed 500 workers, will close next year.", False),
    ],
)
def test_a_forecast_is_no_observation(claim: str, evidence: str, blocked: bool) -> None:
    found = ModalityRule().check(claim, evidence)
    assert bool(found) == blocked, found
    if found:
        assert found[0].effect == Effect.BLOCKS_SUPPORT


TARROW = "The Tarrow irrigation scheme releases water to rice growers every ten days from June to September."


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("Rice farmers on the Tarrow scheme get an irrigation release roughly three times a month.", False),
        ("Rice farmers on the Tarrow scheme get an irrigation release once a month.", True),
        ("Rice farmers on the Tarrow scheme get an irrigation release six times a month.", True),
    ],
)
def test_a_rate_by_its_count_against_the_same_rate_by_its_span(claim: str, contradicted: bool) -> None:
    assert bool(AntonymRule().check(claim, TARROW)) == contradicted


@pytest.mark.parametrize(
    ("sentences", "years"),
    [
        # the act said again of the same subject: the count runs back from its year
        (
            ["The Narrow Creek grain elevator opened in 1934.", "It opened two years after the first wheat harvest."],
            [{1934}, {1932}],
        ),
        (["Construction began in 1820.", "The canal opened five years after construction began."], [{1820}, {1825}]),
        (
            ["Farmers planted 12,000 hectares in 2023.", "The year before, the area was 9,600 hectares."],
            [{2023}, {2022}],
        ),
    ],
)
def test_years_counted_from_the_sentence_before(sentences: list[str], years: list[set[int]]) -> None:
    assert years_of_sentences(sentences) == years


def test_a_change_against_the_year_before() -> None:
    evidence = (
        "Farmers planted 12,000 hectares of sunflowers in 2023. The year before, the sunflower area was 9,600 hectares."
    )
    assert compare("The sunflower area grew by 25 percent from 2022 to 2023.", evidence).holds  # type: ignore[union-attr]
    assert not compare("The sunflower area grew by 40 percent from 2022 to 2023.", evidence).holds  # type: ignore[union-attr]


def test_a_year_the_evidence_gives_after_the_claims_own_preposition() -> None:
    evidence = (
        "Coffee planting in the Sarovar Highlands began in 1911. Within a decade, 3,000 hectares were under coffee. "
        "By 1930 that area had doubled."
    )
    assert not QuantityRule().check(
        "Around 6,000 hectares of the Sarovar Highlands were under coffee by 1930.", evidence
    )
    assert QuantityRule().check("Coffee planting in the Sarovar Highlands began in 1930.", evidence)


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("Garnet's robotic arm checks the station's solar arrays about four times a year.", False),
        ("Garnet's robotic arm checks the station's solar arrays twice a year.", True),
    ],
)
def test_four_times_a_year_is_once_every_quarter(claim: str, contradicted: bool) -> None:
    evidence = "The Garnet station's solar arrays are inspected by its robotic arm once every quarter."
    assert bool(AntonymRule().check(claim, evidence)) == contradicted


TESSARY = (
    "Aurelle Air flight AR 52 arrives at Tessary Hub at 14:10. The connecting flight AR 907 to Pellin departs Tessary "
    "Hub at 16:55. Tessary Hub's minimum connection time is 50 minutes."
)


def test_a_clause_after_a_comma_is_no_list_item() -> None:
    claim = "If you connect from AR 52 to AR 907 at Tessary Hub, you'll wait two hours and forty-five minutes."
    assert [c.text for c in split_claims(claim)] == [claim]
    assert [c.text for c in split_claims("She visited Paris, Rome and Berlin.")] == [
        "She visited Paris.",
        "She visited Rome.",
        "She visited Berlin.",
    ]


def test_a_wait_between_two_times_is_no_other_duration() -> None:
    claim = "If you connect from AR 52 to AR 907 at Tessary Hub, you'll wait two hours and forty-five minutes."
    assert [q.text for q in summed(claim, TESSARY)] == ["two hours and forty-five minutes"]  # 14:10 to 16:55
    assert not QuantityRule().check(claim, TESSARY)  # not the minimum connection time's "50 minutes"
    assert summed(claim.replace("two hours", "three hours"), TESSARY) == ()


def test_apart_from_opening_a_claim_is_no_name() -> None:
    evidence = "Guided tours of the east wing run twice daily, except on Mondays."
    assert novel_mentions("Apart from Mondays, visitors can join one of two tours each day.", evidence) == []


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        # a film has many stars: another star is no other value
        ("Tom Guiry starred in The Sandlot, which is a sports comedy.", False),
        # a book has one author in the claim's sense
        ("Tom Guiry wrote The Sandlot, which is a sports comedy.", True),
    ],
)
def test_an_act_many_share_has_no_one_agent(claim: str, contradicted: bool) -> None:
    evidence = "Karen Allen starred in The Sandlot. The Sandlot was written by Karen Allen."
    assert bool(RoleRule().check(claim, evidence)) == contradicted
