"""Readings the thirty-third to thirty-seventh probe batches (written blind) exposed, each beside the case a careless
rule would get wrong: comparisons computed from figures two sentences give (older, higher, earlier, more often,
"more than doubled", "twice the size", "more than half of"); what the evidence allows only to some, widened to any;
a rate said as the adjective of its thing ("a single daily sailing", "the board's monthly meetings"); a post held
by "is" or "joined ... as", and an appointment to another post; a figure in the clause of a fused summary; a bound
not read as another person's figure; "through the 1990s" not read as one year of them; a count of years after an
event."""

from __future__ import annotations

import pytest

from grounding.text.near_miss import near_miss_names
from grounding.text.quantities import Bound, parse_quantities
from grounding.verify.arithmetic import computed
from grounding.verify.claims.split import split_claims
from grounding.verify.comparing import compare
from grounding.verify.rules.antonyms import AntonymRule
from grounding.verify.rules.figures import QuantityRule
from grounding.verify.rules.frames import RoleRule
from grounding.verify.rules.negation import NegationRule
from grounding.verify.rules.order import ComparisonRule
from grounding.verify.wording import reword

TOWERS = "The Ostley clock tower was completed in 1862.\nThe Brannick water tower, across the square, dates from 1931."
HILLS = "Farrow Hill rises to 412 metres.\nDunnet Fell, 9 kilometres to the west, reaches 530 metres."
TRAINS = "The last bus to Cawley leaves at 23:05.\nThe final tram to Oldmere departs at 22:40."
BUSES = "Line 7 trams run every 8 minutes on weekdays.\nOn Sundays, the line 7 service runs every 20 minutes."
SALES = "Pemberly Tools sold 1.2 million units in 2019.\nIn 2023, the company's sales reached 2.7 million units."
TRIAL = (
    "The Corvel study enrolled 900 adults with asthma.\nOf those, 210 reported a sore throat during the first month."
)
PONDS = "Mill Pond covers 14 hectares.\nStock Pond, to the east, has an area of 31 hectares."
DOSES = "In the Ardane study, 40 of 500 patients stopped treatment.\nA separate study of Velix enrolled 620 patients."


@pytest.mark.parametrize(
    ("claim", "evidence", "holds"),
    [
        ("The Ostley clock tower is older than the Brannick water tower.", TOWERS, True),
        ("The Brannick water tower is older than the Ostley clock tower.", TOWERS, False),
        ("Dunnet Fell is higher than Farrow Hill.", HILLS, True),
        ("Farrow Hill is higher than Dunnet Fell.", HILLS, False),
        ("The final tram to Oldmere leaves earlier than the last bus to Cawley.", TRAINS, True),
        ("The last bus to Cawley leaves earlier than the final tram to Oldmere.", TRAINS, False),
        ("Line 7 trams come more often on weekdays than on Sundays.", BUSES, True),
        ("Pemberly Tools more than doubled its sales between 2019 and 2023.", SALES, True),
        ("Pemberly Tools more than tripled its sales between 2019 and 2023.", SALES, False),
        ("Fewer than a quarter of the adults in the Corvel study reported a sore throat.", TRIAL, True),
        ("More than half of the adults in the Corvel study reported a sore throat.", TRIAL, False),
        ("Stock Pond is more than twice the size of Mill Pond.", PONDS, True),
        ("Stock Pond is more than three times the size of Mill Pond.", PONDS, False),
    ],
)
def test_a_comparison_is_computed_from_each_sides_own_figure(claim: str, evidence: str, holds: bool) -> None:
    found = compare(claim, evidence)
    assert found is not None and found.holds is holds
    contradicted = bool(ComparisonRule().check(claim, evidence))
    assert contradicted is not holds
    assert any(claim.rstrip(".")[1:] in said for said in computed(claim, evidence)) is holds


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        # each side's figure measures another thing: patients enrolled are no stopped treatments
        ("Ardane led to fewer stopped treatments than Velix.", DOSES),
        # the claim compares what the evidence gives no figure of
        ("The Ostley clock tower uses less electricity than the Brannick water tower.", TOWERS),
        ("Mill Pond is deeper than Stock Pond.", PONDS),
        # a side the evidence does not measure
        ("Farrow Hill is higher than Cairn Top.", HILLS),
        # a model's number is no figure
        ("The Vexa 5 is faster than the Vexa 4.", "The Vexa 4 went on sale in May.\nThe Vexa 5 went on sale in June."),
    ],
)
def test_nothing_is_computed_where_the_figures_do_not_measure_the_claims_comparison(claim: str, evidence: str) -> None:
    assert compare(claim, evidence) is None
    assert not ComparisonRule().check(claim, evidence)


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        (
            "At Tarrow Rowing Club, any member may book the boathouse for a private party.",
            "At Tarrow Rowing Club, only the committee may book the boathouse for a private party.",
            True,
        ),
        (
            "The Brindle thermostat adjusts the heating automatically on weekends as well as on weekdays.",
            "The Brindle thermostat adjusts the heating automatically, but only on weekdays.",
            True,
        ),
        # the claim keeps the limit
        (
            "At Tarrow Rowing Club, only the committee may book the boathouse.",
            "At Tarrow Rowing Club, only the committee may book the boathouse for a private party.",
            False,
        ),
        # "only about ten" counts what was: a claim that denies it is contradicted, one that widens it is not read
        (
            "Any of the poet's letters survive.",
            "Only about ten of the poet's letters survive.",
            False,
        ),
        # a negated claim is what "only" says of the rest
        (
            "Lorries over 7.5 tonnes are not allowed on the Quarry Lane bridge.",
            "Only vehicles up to 7.5 tonnes may cross the Quarry Lane bridge.",
            False,
        ),
        (
            "Emily Marsh never saw any of her songs recorded during her lifetime.",
            "Only about six of Emily Marsh's songs were recorded while she was alive.",
            True,
        ),
    ],
)
def test_what_the_evidence_allows_only_to_some(claim: str, evidence: str, contradicted: bool) -> None:
    assert bool(NegationRule().check(claim, evidence)) is contradicted


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        (
            "The ferry to Tolsay Island resumes on 2 June with a single daily sailing.",
            "From 2 June, Tolsay Island sailings will run twice daily.",
            True,
        ),
        (
            "Hanna Lind chairs the Orrin Trust's monthly meetings.",
            "The board of the Orrin Trust, chaired by Hanna Lind, meets four times a year.",
            True,
        ),
        (
            "Hanna Lind chairs the Orrin Trust's monthly meetings.",
            "The board of the Orrin Trust, chaired by Hanna Lind, meets every month.",
            False,
        ),
        # "once every two hours" is the rate "every two hours", not once a day
        (
            "On Sundays the Kelby ferry sails once every two hours.",
            "On weekends, the Kelby ferry sails every two hours.",
            False,
        ),
        ("Governor Ada Brenn has vowed to veto the bill.", "Governor Ada Brenn has said she will sign the bill.", True),
        ("Lake Tessal's surface expanded.", "Lake Tessal's surface shrank by a tenth.", True),
    ],
)
def test_rates_of_things_and_opposite_acts(claim: str, evidence: str, contradicted: bool) -> None:
    assert bool(AntonymRule().check(claim, evidence)) is contradicted


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        (
            "Omar Reyes is Lindqvist's chief technology officer.",
            "Lindqvist's chief technology officer is Ines Kaur. Omar Reyes joined Lindqvist in 2018 as its chief "
            "financial officer.",
            True,
        ),
        (
            "Ines Kaur is Lindqvist's chief technology officer.",
            "Lindqvist's chief technology officer is Ines Kaur. Omar Reyes joined Lindqvist in 2018 as its chief "
            "financial officer.",
            False,
        ),
        (
            "Harcourt Mills has named Leena Ojala as its new chief executive.",
            "Leena Ojala has been appointed chief financial officer of Harcourt Mills. She replaces Tom Ainsley.",
            True,
        ),
        (
            "Harcourt Mills has named Leena Ojala as its new chief financial officer.",
            "Leena Ojala has been appointed chief financial officer of Harcourt Mills. She replaces Tom Ainsley.",
            False,
        ),
        (
            "Centre-back Jonas Aalto was named captain of Ferris Athletic for the new season.",
            "Centre-back Jonas Aalto will serve as vice-captain. The armband goes to midfielder Ben Cole.",
            True,
        ),
        (
            "Centre-back Jonas Aalto was named vice-captain of Ferris Athletic.",
            "Centre-back Jonas Aalto will serve as vice-captain. The armband goes to midfielder Ben Cole.",
            False,
        ),
        # an appointment the evidence does not make: nothing to read
        (
            "Harcourt Mills has named Leena Ojala as its new chief executive.",
            "Leena Ojala spoke at the Harcourt Mills results on Tuesday.",
            False,
        ),
    ],
)
def test_posts_held_by_is_joined_as_and_appointments(claim: str, evidence: str, contradicted: bool) -> None:
    assert bool(RoleRule().check(claim, evidence)) is contradicted


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        # a fused summary: its figure's own clause is said by one sentence
        (
            "Pellam Energy's planned 2 billion dollar Ardwick battery plant, due to open in 2027, is expected to "
            "bring 600 jobs.",
            "Pellam Energy will build a 2 billion dollar battery plant near Ardwick.\nThe plant is expected to "
            "create 1,600 jobs when it opens in 2027.\nThe council is giving 90 million dollars in grants.",
            True,
        ),
        (
            "Pellam Energy's planned 2 billion dollar Ardwick battery plant, due to open in 2027, is expected to "
            "bring 1,600 jobs.",
            "Pellam Energy will build a 2 billion dollar battery plant near Ardwick.\nThe plant is expected to "
            "create 1,600 jobs when it opens in 2027.\nThe council is giving 90 million dollars in grants.",
            False,
        ),
        # "positions" count what "jobs" do
        (
            "Brisk Foods will shed 320 positions at its Hallam bakery.",
            "Brisk Foods will cut 230 jobs at its Hallam bakery, the company said.",
            True,
        ),
    ],
)
def test_figures_in_a_claims_own_clause_and_their_counted_words(claim: str, evidence: str, contradicted: bool) -> None:
    assert bool(QuantityRule().check(claim, evidence)) is contradicted


def test_a_negated_verb_meets_its_synonym() -> None:
    evidence = (
        "A trial run by the Marl Institute found that daily Ovexa did not lower cholesterol compared with placebo."
    )
    assert NegationRule().check("A Marl Institute trial found that daily Ovexa reduced cholesterol.", evidence)
    assert not NegationRule().check(
        "A Marl Institute trial found that daily Ovexa did not reduce cholesterol.", evidence
    )


def test_a_bound_is_not_read_as_another_persons_figure() -> None:
    evidence = "Tomas Vale won the men's race in 2:11:05.\nThe runner-up, Ivo Grant, finished a minute behind him."
    said, _ = reword("Ivo Grant finished the race in under 2 hours 12 minutes.", evidence)
    assert "2:11:05" not in said
    said, _ = reword("Tomas Vale finished the race in under 2 hours 12 minutes.", evidence)
    assert "2:11:05" in said


def test_a_whole_decade_is_not_read_as_one_year_of_it() -> None:
    evidence = "Ruth Amsel led the city from 1971 to 1983."
    assert "1983" not in reword("Ruth Amsel ran the city through the 1980s.", evidence)[0]
    assert "1983" in reword("Ruth Amsel ran the city in the 1980s.", evidence)[0]


def test_an_acronym_is_read_as_the_posts_words() -> None:
    evidence = "Ada Lowe was named chief operating officer of Brant Rail."
    assert (
        reword("Ada Lowe is Brant Rail's new COO.", evidence)[0]
        == "Ada Lowe is Brant Rail's new chief operating officer."
    )


def test_years_counted_after_an_event_are_computed() -> None:
    evidence = "Carl Imre joined the Orwell Gallery as an archivist in 2009.\nThe trustees made him director in 2015."
    sums = computed("Carl Imre became director of the Orwell Gallery six years after he joined it.", evidence)
    assert "2015 is six years after 2009" in sums
    assert not computed("Carl Imre became director of the Orwell Gallery four years after he joined it.", evidence)


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        # "he" is the one person the sentence before makes its subject
        (
            "Nadia Brook reports to Samir Patel at Orlen Freight.",
            "At Orlen Freight, Samir Patel is the depot manager. He reports directly to the operations director, "
            "Nadia Brook.",
            True,
        ),
        (
            "Samir Patel reports to Nadia Brook at Orlen Freight.",
            "At Orlen Freight, Samir Patel is the depot manager. He reports directly to the operations director, "
            "Nadia Brook.",
            False,
        ),
        # a purchase said as a noun; a phrase before the claim's comma is no part of its agent
        (
            "In 2021, Holm Analytics acquired Vessel Data.",
            "Vessel Data completed its purchase of Holm Analytics in 2021. Holm now runs as a unit of Vessel Data.",
            True,
        ),
        (
            "In 2021, Vessel Data acquired Holm Analytics.",
            "Vessel Data completed its purchase of Holm Analytics in 2021. Holm now runs as a unit of Vessel Data.",
            False,
        ),
        ("Holm Analytics bought Vessel Data.", "Vessel Data's acquisition of Holm Analytics closed in May.", True),
    ],
)
def test_he_or_she_and_purchases_said_as_nouns(claim: str, evidence: str, contradicted: bool) -> None:
    assert bool(RoleRule().check(claim, evidence)) is contradicted


LAKE = (
    "Lake Merrow lies in a valley fed by two rivers.\nBetween 2005 and 2015 its surface area shrank by a fifth.\n"
    "Nearby Lake Annet, by contrast, grew slightly."
)
ARCHITECT = (
    "The engineer Tomasz Wilde was born in Harlow in 1920.\nShe moved to Brisk with her family in 1934.\n"
    "After training in Leeds, she opened her own firm in 1951.\nHer best-known bridge, the Orrin Span, opened in 1966."
)


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        ("Lake Merrow's surface area expanded between 2005 and 2015.", LAKE, True),
        ("Lake Merrow's surface area shrank between 2005 and 2015.", LAKE, False),
        ("Tomasz Wilde opened her own engineering firm in 1966.", ARCHITECT, True),
        ("Tomasz Wilde opened her own engineering firm in 1951.", ARCHITECT, False),
    ],
)
def test_he_she_or_its_after_a_phrase_stands_for_the_name_before(claim: str, evidence: str, contradicted: bool) -> None:
    found = AntonymRule().check(claim, evidence) + QuantityRule().check(claim, evidence)
    assert bool(found) is contradicted


def test_a_hedged_figure_opening_a_sentence_is_no_name() -> None:
    assert not near_miss_names("Roughly 140 households had to leave.", "About 140 homes were evacuated.")
    assert near_miss_names("He was disqualified in November 2016.", "He lost the medal he won at Rio 2016.")


def test_a_bound_said_after_its_number() -> None:
    (balance,) = parse_quantities("a balance of $5,000 or more")
    assert balance.bound == Bound.AT_LEAST and balance.value == 5000
    (age,) = parse_quantities("children aged 12 or under")
    assert age.bound == Bound.AT_MOST
    said, _ = reword("Members need a balance of $5,000 or more.", "Members must keep a balance of at least $5,000.")
    assert said == "Members need a balance of at least $5,000."
    said, _ = reword("Members need a balance of $5,000 or more.", "Members must keep a balance of at least $6,000.")
    assert "$5,000 or more" in said


TOWNS = (
    "Four villages lie on the Orrin estuary: Saltby, Kellow, Marr and Dunning.\nSaltby has about 3,100 residents.\n"
    "Kellow is home to roughly 5,400 people, while Marr has 1,900.\nDunning has 2,200."
)
STRIKERS = (
    "Ola Brant scored 21 goals for Hexley Town this season.\nHis fellow striker Femi Adu finished with 16 goals.\n"
    "The club's third striker, Ravi Kohl, scored 11."
)


@pytest.mark.parametrize(
    ("claim", "evidence", "holds"),
    [
        (
            "Kellow is the most populous of the four villages on the Orrin estuary.",
            TOWNS.replace("Saltby has", "Saltby has"),
            None,
        ),
        ("Saltby is the most populous of the four villages on the Orrin estuary.", TOWNS, False),
        ("Of Hexley Town's three strikers, Ola Brant scored the most goals this season.", STRIKERS, True),
        ("Of Hexley Town's three strikers, Ola Brant scored the fewest goals this season.", STRIKERS, False),
        (
            "Hexley Town's gate receipts grew by more than 20 percent from 2021 to 2022.",
            "Hexley Town took $2.0 million at the gate in 2021.\nIn 2022, gate receipts reached $2.3 million.",
            False,
        ),
        (
            "Hexley Town's gate receipts grew by 15 percent from 2021 to 2022.",
            "Hexley Town took $2.0 million at the gate in 2021.\nIn 2022, gate receipts reached $2.3 million.",
            True,
        ),
        (
            "Orrin Bank's deposits tripled between 2016 and 2020.",
            "Orrin Bank held $1.1 billion in deposits in 2016.\nFour years later, its deposits stood at $3.5 billion.",
            True,
        ),
        (
            "Sample Q weighed more than twice as much as Sample P.",
            "Sample P had a mass of 2.2 grams.\nSample Q had a mass of 4.1 grams.",
            False,
        ),
        (
            "The Tovo X3 is heavier than its predecessor, the Tovo X2.",
            "The Tovo X2 weighs 188 grams.\nIts successor, the Tovo X3, weighs 171 grams.",
            False,
        ),
    ],
)
def test_superlatives_changes_in_percent_and_names_of_one_letter(claim: str, evidence: str, holds: bool | None) -> None:
    found = compare(claim, evidence)
    if holds is None:  # the claim's village is named only beside another's figure: nothing to compute
        assert found is None
        return
    assert found is not None and found.holds is holds
    assert bool(ComparisonRule().check(claim, evidence)) is not holds


def test_a_bounded_span_of_years_between_the_only_two_years() -> None:
    evidence = "The Arden Guild was founded in 1511. Its members signed the Charter of Velm in 1530."
    assert computed(
        "The Charter of Velm was signed more than ten years after the Arden Guild was founded.", evidence
    ) == ("1530 is 19 years after 1511, more than ten years",)
    assert not computed(
        "The Charter of Velm was signed more than twenty years after the Arden Guild was founded.", evidence
    )


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        (
            "Lena Varga is the chief executive of Oskar Mills.",
            "Lena Varga is the chief financial officer of Oskar Mills. The company's chief executive is Pavel Roos.",
            True,
        ),
        (
            "Sure! Tom Ekker is the chief financial officer of Halm Foods.",
            "Tom Ekker has served as chief executive officer of Halm Foods since 2020. The company's chief financial "
            "officer is Ines Palm.",
            True,
        ),
        (
            "Lena Varga is the chief financial officer of Oskar Mills.",
            "Lena Varga is the chief financial officer of Oskar Mills. The company's chief executive is Pavel Roos.",
            False,
        ),
    ],
)
def test_a_post_held_by_is_or_has_served_as(claim: str, evidence: str, contradicted: bool) -> None:
    assert bool(RoleRule().check(claim, evidence)) is contradicted


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        (
            "Orrin Holdings will pay its interim dividend on 4 May.",
            "Orrin Holdings will pay its interim dividend on 28 May to shareholders on record as of 4 May.",
            True,
        ),
        (
            "Orrin Holdings will pay its interim dividend on 28 May.",
            "Orrin Holdings will pay its interim dividend on 28 May to shareholders on record as of 4 May.",
            False,
        ),
        (
            "The gallery reopens on April 2.",
            "The gallery reopens on April 19, after repairs that began on April 2.",
            True,
        ),
        # the same day, with its year or without
        (
            "The bout was held at Series 4 on April 9, 2011.",
            "The bout is set for Series 4 on April 9th in Reno.",
            False,
        ),
        # "may" is no month: "12 may apply" counts
        ("Fees of 12 may apply on weekends.", "Fees of 15 may apply on weekends.", True),
    ],
)
def test_the_claims_own_words_lead_to_another_date(claim: str, evidence: str, contradicted: bool) -> None:
    assert bool(QuantityRule().check(claim, evidence)) is contradicted


def test_a_rates_interval_is_no_amount_to_add_or_subtract() -> None:
    evidence = "Line 9 trams run every 20 minutes on weekdays. On Sundays the service runs every 30 minutes."
    assert not computed("On weekdays a Line 9 tram comes every 10 minutes.", evidence)


def test_a_meal_is_food() -> None:
    evidence = "Dovrel tablets must not be taken with food."
    assert NegationRule().check("You can take Dovrel tablets together with a meal.", evidence)
    assert not NegationRule().check("Dovrel tablets should not be taken with a meal.", evidence)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("lasts three quarters of an hour", 2700), ("a quarter of an hour", 900), ("every quarter of an hour", 900)],
)
def test_quarters_of_an_hour(text: str, seconds: float) -> None:
    (duration,) = parse_quantities(text)
    assert duration.value == seconds and duration.dimension == "time"


@pytest.mark.parametrize(
    ("answer", "claim"),
    [
        ("Yes - the clinic is open on Saturdays.", "The clinic is open on Saturdays."),
        ("No — the bridge opened in 1998.", "The bridge opened in 1998."),
        ("According to the filing, the merger closed in March 2017.", "The merger closed in March 2017."),
        # a dash inside the sentence is the sentence's own
        ("The road is closed - no traffic is allowed.", "The road is closed - no traffic is allowed."),
    ],
)
def test_an_assistants_yes_or_no_before_a_dash_is_peeled_off(answer: str, claim: str) -> None:
    assert [c.text for c in split_claims(answer)] == [claim]


def test_figures_in_two_units_compare_on_one_scale() -> None:
    evidence = "The Arlen trail is 2,000 metres long.\nThe Bexley trail is 1 km long."
    assert compare("The Arlen trail is longer than the Bexley trail.", evidence).holds
    assert ComparisonRule().check("The Bexley trail is longer than the Arlen trail.", evidence)
