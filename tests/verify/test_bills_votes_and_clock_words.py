"""Readings the hundred-and-third to hundred-and-sixth probe batches (written blind: hotel and restaurant bookings,
laboratory procedures, council budgets, music and film releases) exposed, each beside the case a careless rule would
get wrong: a bill's total from a rate and the counts it is charged by; times of day said in words; one side's time
against the other's; a rate read for the thing the claim rates, not for whatever shares its setting; a date counted
back from the one a sentence gives; a vote read as what it decided; who took whom to court."""

from __future__ import annotations

import pytest

from grounding.text.quantities import parse_quantities
from grounding.types import Effect
from grounding.verify.arithmetic import computed
from grounding.verify.claims.split import split_claims
from grounding.verify.comparing import compare
from grounding.verify.rules.antonyms import AntonymRule
from grounding.verify.rules.figures import QuantityRule
from grounding.verify.rules.frames import RoleRule
from grounding.verify.rules.negation import _CONDITION, NegationRule
from grounding.verify.rules.order import ComparisonRule
from grounding.verify.rules.reading import _words
from grounding.verify.wording import reword

HARROWGATE = (
    "The Harrowgate Inn charges €142 per night for a superior double room. Priya Malhotra has booked the superior "
    "double for four nights, arriving on 9 September. Breakfast can be added for €16 per person per day. Standard "
    "singles at the Harrowgate Inn cost €98 per night."
)
KESTREL = (
    "The Kestrel Lodge charges a resort fee of $18 per room per night. Mira Sandoval has booked two rooms for three "
    "nights. The resort fee covers Wi-Fi, pool access and parking."
)


@pytest.mark.parametrize(
    ("claim", "evidence", "holds"),
    [
        ("Priya's room charges for her four nights in the superior double come to €568.", HARROWGATE, True),
        ("Priya's room charges for her four nights in the superior double come to €548.", HARROWGATE, False),
        ("Mira's resort fees for the whole booking should total about $108.", KESTREL, True),
        # one room's fees for the stay: the rooms were left uncounted
        ("Mira's resort fees for the whole booking should total about $54.", KESTREL, False),
    ],
)
def test_a_bills_total_from_its_rate_and_counts(claim: str, evidence: str, holds: bool) -> None:
    comparison = compare(claim, evidence)
    assert comparison is not None and comparison.holds is holds, comparison


@pytest.mark.parametrize(
    "claim",
    [
        # another priced thing may be in the total: no contradiction of a sum the rules do not add
        "With breakfast for two, Priya's four nights in the superior double come to €696.",
        # a rate is no total
        "The superior double costs €150 per night.",
        # no total said, and nothing counted
        "Priya paid €548 by card.",
    ],
)
def test_no_total_contradicted_that_may_hold_more(claim: str) -> None:
    comparison = compare(claim, HARROWGATE)
    assert comparison is None or comparison.holds, comparison


def test_a_held_total_is_shown_to_the_model() -> None:
    claim = "At €142 a night, Priya's four-night stay in the superior double works out to €568 for the room alone."
    assert any("€142 per night times 4 nights is €568" in s for s in computed(claim, HARROWGATE, HARROWGATE))


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("You need to be out by noon.", 720),
        ("The check-in desk opens at 12 noon.", 720),
        ("The bar stays open until midnight.", 1440),
        ("The doors are locked at midnight.", 0),
        ("Rooms are ready from four in the afternoon.", 960),
        ("Service begins at six in the evening.", 1080),
        ("The first ferry leaves at seven in the morning.", 420),
        ("The last bus is at eleven at night.", 1380),
    ],
)
def test_times_of_day_in_words(text: str, minutes: int) -> None:
    (found,) = [q for q in parse_quantities(text) if q.dimension == "time of day"]
    assert found.value == minutes


def test_no_time_of_day_in_a_count_of_hours() -> None:
    assert not [q for q in parse_quantities("The course takes four hours in the afternoon.") if q.value == 960]


def test_a_time_said_in_words_against_the_evidences_clock() -> None:
    evidence = "Check-in begins at 3:00 p.m. Guests must check out by 11:00 a.m."
    assert QuantityRule().check("Guests must check out by noon.", evidence)
    assert not QuantityRule().check("Guests must check out by eleven in the morning.", evidence)


MARLOWES = (
    "The kitchen at Marlowe's Tavern closes at 9:30 p.m., but the bar stays open until midnight. Last orders for food "
    "are taken 15 minutes before the kitchen closes."
)


def test_one_sides_time_against_the_others() -> None:
    found = ComparisonRule().check("At Marlowe's Tavern the bar shuts earlier than the kitchen does.", MARLOWES)
    assert found and found[0].effect == Effect.CONTRADICTS
    assert not ComparisonRule().check("At Marlowe's Tavern the bar shuts later than the kitchen does.", MARLOWES)


DELLORY = (
    "At the Dellory facility, eyewash stations are flushed weekly. Fume hoods are certified once a year by an external "
    "inspector. Safety showers are tested every month."
)


def test_a_rate_read_for_the_thing_the_claim_rates() -> None:
    found = AntonymRule().check("At the Dellory facility the fume hoods are recertified every week.", DELLORY)
    assert found and "yearly" in found[0].detail
    assert not AntonymRule().check("At the Dellory facility the eyewash stations are flushed every week.", DELLORY)
    # the rate of another thing at the same facility is no rewording of the claim's
    assert reword("At the Dellory facility the fume hoods are recertified every week.", DELLORY)[1] == ()


def test_a_setting_that_says_when_is_kept() -> None:
    evidence = "The number 14 bus runs every 20 minutes on weekdays and every 30 minutes on Saturdays and Sundays."
    assert not AntonymRule().check("At weekends, the number 14 bus comes every half hour.", evidence)


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("The finance committee gets together twice a week.", ["meets", "twice", "weekly"]),
        ("The album pulled in 1.2 million streams a week.", ["streams", "weekly"]),
        ("The band tours biennially.", ["tours", "every-2-years"]),
        ("Dinner is served seven days a week.", ["served", "daily"]),
    ],
)
def test_rates_said_in_other_words(text: str, rate: list[str]) -> None:
    words = _words(text)
    assert all(w in words for w in rate), words


def test_a_rate_of_things_against_another_period() -> None:
    evidence = "The live album averaged about 1.2 million streams per day on Quaver during its first month."
    assert AntonymRule().check("The live album was pulling in roughly 1.2 million streams a week on Quaver.", evidence)
    assert not AntonymRule().check(
        "The live album was pulling in roughly 1.2 million streams a day on Quaver.", evidence
    )


def test_a_year_counted_back_from_the_one_a_sentence_gives() -> None:
    evidence = (
        "The Quarrow Chemical Works first synthesized calderite dye in 1874, two years after Elias Brandt founded the "
        "company."
    )
    assert not QuantityRule().check("Elias Brandt started the Quarrow Chemical Works in 1872.", evidence)
    assert any("two years before 1874 is 1872" in s for s in computed("Brandt founded it in 1872.", evidence))
    # the act dated by the sentence's own year keeps it
    assert QuantityRule().check("The Quarrow Chemical Works first synthesized calderite dye in 1872.", evidence)


def test_a_day_counted_back_from_the_one_a_sentence_gives() -> None:
    evidence = "The concert film was released on 3 November 2023, exactly one year after the concert it documents."
    assert any(
        s.startswith("one year before 3 November 2023")
        for s in computed("It was performed on 3 November 2022.", evidence)
    )
    assert not computed("It was performed on 3 November 2021.", evidence)


def test_a_vote_read_as_what_it_decided() -> None:
    evidence = (
        "At its March 12 meeting, the Brennick Town Council voted 5-2 to approve the motion to extend library hours."
    )
    assert AntonymRule().check("The Brennick Town Council rejected the motion to extend library hours.", evidence)
    assert not AntonymRule().check("The Brennick Town Council approved the motion to extend library hours.", evidence)


def test_who_took_whom_to_court() -> None:
    evidence = "Producer Annika Dorr sued the label Westhaven Sound over unpaid royalties for the album 'Vesper Roads'."
    assert RoleRule().check("Westhaven Sound took producer Annika Dorr to court over royalties.", evidence)
    assert not RoleRule().check("Annika Dorr took Westhaven Sound to court over royalties.", evidence)


def test_a_denial_said_whatever_the_case() -> None:
    evidence = "The Quillon Bistro requires a non-refundable deposit of £20 per person for groups of eight or more."
    assert NegationRule().check("The deposit can be refunded if plans change.", evidence)
    assert not NegationRule().check("The deposit cannot be refunded if plans change.", evidence)


def test_that_pointing_at_a_noun_opens_a_clause() -> None:
    claims = [c.text for c in split_claims("The bistro takes a deposit, and that deposit can be refunded.")]
    assert claims == ["The bistro takes a deposit.", "That deposit can be refunded."]
    # "that" opening what was said is no new claim
    said = "He said the plan failed, and that the council was wrong."
    assert [c.text for c in split_claims(said)] == [said]


TILLBROOK = (
    "Of the $2.1 million capital reserve, Tillbrook council allocated $1.3 million to renovating the central library "
    "and $800,000 to repairing the municipal pool."
)


def test_an_amount_given_to_a_sibling() -> None:
    found = QuantityRule().check("Tillbrook is putting $1.3 million of its capital reserve toward the pool.", TILLBROOK)
    assert found and "to the pool" in found[0].detail
    assert not QuantityRule().check("Tillbrook is putting $800,000 of its capital reserve toward the pool.", TILLBROOK)
    assert not QuantityRule().check("Tillbrook is putting $1.3 million toward the central library.", TILLBROOK)


NORTHBOUND = (
    "The music video for 'Northbound Hymn' was filmed in the coastal town of Eskerholm, in the province of Vantry. "
    "The band itself is based in Dorrow, Vantry's capital."
)


def test_an_act_put_in_a_siblings_place() -> None:
    assert QuantityRule().check("They shot the 'Northbound Hymn' video in Dorrow.", NORTHBOUND)
    assert not QuantityRule().check("They shot the 'Northbound Hymn' video in Eskerholm.", NORTHBOUND)
    # a place the evidence gives nothing else is left to the model
    assert not QuantityRule().check("They shot the 'Northbound Hymn' video in Lisbon.", NORTHBOUND)


def test_a_titled_work_given_to_another_name() -> None:
    evidence = (
        "It was produced by Marcus Thel, who also produced Saks's solo album 'Lantern Code'. Pereira's own solo "
        "album, 'Tallow', was produced by Greer Anand."
    )
    assert QuantityRule().check("Marcus Thel also worked on Lio Pereira's solo record 'Lantern Code'.", evidence)
    assert not QuantityRule().check("Marcus Thel also worked on Ondine Saks's solo record 'Lantern Code'.", evidence)


def test_every_against_only_those_with_a_property() -> None:
    evidence = (
        "Only Tramazol solutions with a concentration of at least 1 mM need to be entered in the hazardous materials "
        "register. More dilute solutions may be disposed of with ordinary aqueous waste."
    )
    claim = "Every Tramazol solution, whatever its concentration, has to be entered in the hazardous register."
    assert NegationRule().check(claim, evidence)
    assert not NegationRule().check(
        "Tramazol solutions of 2 mM have to be entered in the hazardous register.", evidence
    )


KESTREL_BAY = (
    "Kestrel Bay City Council adopted the revised waste-collection fee schedule on November 18, 2024. The new fees "
    "take effect on February 1, 2025, giving residents about ten weeks' notice."
)


def test_came_into_force_is_took_effect() -> None:
    found = QuantityRule().check(
        "Kestrel Bay's new waste collection fees came into force on November 18, 2024.", KESTREL_BAY
    )
    assert found and "February 1, 2025" in found[0].detail
    # the act's own date, its year after the comma, is the claim's
    assert not QuantityRule().check(
        "Kestrel Bay's new waste collection fees came into force on February 1, 2025.", KESTREL_BAY
    )


def test_what_someone_would_not_say_if_is_no_case() -> None:
    said = "Officials would not say if he had been expelled."
    assert _CONDITION.sub("", said) == said
    assert _CONDITION.sub("", "That deposit can be refunded if plans change.") == "That deposit can be refunded."


FENWICK = (
    "Current asking rents at Fenwick Tower are $1,200 for a studio, $1,650 for a one-bedroom and $2,300 for a "
    "two-bedroom."
)


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("You can rent a one-bedroom at Fenwick Tower for $1,200 a month.", True),
        ("You can rent a one-bedroom at Fenwick Tower for $1,650 a month.", False),
        ("You can rent a studio at Fenwick Tower for $1,200 a month.", False),
    ],
)
def test_an_amount_said_after_the_thing_it_pays_for(claim: str, contradicted: bool) -> None:
    assert bool(QuantityRule().check(claim, FENWICK)) is contradicted
