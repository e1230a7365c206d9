"""Readings the twenty-eighth to thirtieth probe batches (written blind) exposed, each beside the case a careless
rule would get wrong: who holds which post (set off by commas, in brackets, before a name, "named ... as", "which
... founded"); roles turned round past a name's description or a phrase before the verb; a year counted on from
another in the same sentence or the one before; a currency written as its code; a move said of a subject that
a later clause shares, or as "a decline of 6 percent" after the figure; a rate said of the thing the claim takes;
a comparison said as "more slowly"; a leaflet's "Do not drink grapefruit juice while you are taking", and a terse
line under its heading; a figure of the thing compared with; a year read as a date only in the date's month; an
amount as a count of tablets."""

from __future__ import annotations

import pytest

from grounding.verify.arithmetic import computed
from grounding.verify.rules.antonyms import AntonymRule
from grounding.verify.rules.figures import QuantityRule
from grounding.verify.rules.frames import RoleRule, SubstitutionRule
from grounding.verify.rules.negation import NegationRule
from grounding.verify.rules.titles import other_post
from grounding.verify.wording import reword

PANEL = (
    "Speakers at Thursday's panel included Dev Raman, chief financial officer of Corvane Systems, and Marta "
    "Ellingsen, the company's chief operating officer."
)
LEASE = (
    "This lease is made on 3 March 2021 between Halvard Properties Ltd (the Landlord) and Dunmore Craft Supplies "
    "(the Tenant)."
)
FOUNDER = (
    "Calloway Robotics, which Omar Seltzer founded in 2011, has named Dana Prewitt as its new chief executive. "
    "Seltzer will remain on the board as chairman."
)
REPORTS = "Dana Whitcombe, head of logistics, reports directly to the chief operating officer, Luis Ferrante."
PRIZE = (
    "Novelist Aurelio Dancey was born in Port Lessing in 1952. He published his first novel, The Salt Orchard, in "
    "1979, and won the Halvard Prize for it two years later."
)
CANAL = (
    "Work on the Brennick Canal began in the spring of 1819. "
    "The canal opened to barge traffic five years after construction began."
)


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        ("Marta Ellingsen serves as chief financial officer at Corvane Systems.", PANEL, True),
        ("Marta Ellingsen is the CFO of Corvane Systems.", PANEL, True),
        ("Dev Raman is the CFO of Corvane Systems.", PANEL, False),
        ("Marta Ellingsen is the chief operating officer.", PANEL, False),
        ("Under the lease, Halvard Properties Ltd is the tenant.", LEASE, True),
        ("Under the lease, Halvard Properties Ltd is the landlord.", LEASE, False),
        ("Dana Prewitt is the founder of Calloway Robotics.", FOUNDER, True),
        ("Omar Seltzer is the founder of Calloway Robotics.", FOUNDER, False),
        ("Luis Ferrante is head of logistics.", REPORTS, True),
        ("Dana Whitcombe is head of logistics.", REPORTS, False),
        # someone else holds the post, but nothing says the claim's person holds another: an organisation may
        # have two directors
        ("Marta Ellingsen is a director of Corvane.", "Dev Raman, a director of Corvane, spoke first.", False),
        # the two posts may be given in two sentences
        (
            "Lena Vogt is the chief security officer.",
            "The announcement was made by the chief security officer, Omar Haddad. Chief executive Lena Vogt "
            "has not commented.",
            True,
        ),
        (
            "Dr. Anneliese Varga is the chief executive of Morrow Biolabs.",
            "Morrow Biolabs announced that Dr. Anneliese Varga, its chief scientific officer since 2019, will join "
            'the board. "Anneliese has shaped our research," said chief executive Tomas Reddick.',
            True,
        ),
        (
            "Tomas Reddick is the chief executive of Morrow Biolabs.",
            "Morrow Biolabs announced that Dr. Anneliese Varga, its chief scientific officer since 2019, will join "
            'the board. "Anneliese has shaped our research," said chief executive Tomas Reddick.',
            False,
        ),
        # a person the evidence gives no post is not contradicted by another's
        ("Lena Vogt is the chief security officer.", "The chief security officer, Omar Haddad, spoke.", False),
    ],
)
def test_a_post_given_to_someone_else_while_the_person_holds_another(
    claim: str, evidence: str, contradicted: bool
) -> None:
    assert (other_post(claim, evidence) is not None) is contradicted
    assert bool(RoleRule().check(claim, evidence)) is contradicted


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        ("Luis Ferrante reports to Dana Whitcombe.", REPORTS, True),
        ("Dana Whitcombe reports to Luis Ferrante.", REPORTS, False),
        (
            "Kestrel Rovers beat Dunmore Athletic 3-1 on Saturday.",
            "Dunmore Athletic came from a goal down to beat Kestrel Rovers 3-1 at Harlow Road on Saturday.",
            True,
        ),
        (
            "Dunmore Athletic beat Kestrel Rovers 3-1 on Saturday.",
            "Dunmore Athletic came from a goal down to beat Kestrel Rovers 3-1 at Harlow Road on Saturday.",
            False,
        ),
    ],
)
def test_roles_read_past_a_description_or_a_phrase_before_the_verb(
    claim: str, evidence: str, contradicted: bool
) -> None:
    assert bool(RoleRule().check(claim, evidence)) is contradicted


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        ("Aurelio Dancey won the Halvard Prize in 1979 for his debut novel, The Salt Orchard.", PRIZE, True),
        ("Aurelio Dancey won the Halvard Prize in 1981.", PRIZE, False),
        ("Aurelio Dancey published The Salt Orchard in 1979.", PRIZE, False),
        ("The Brennick Canal opened to traffic in 1822.", CANAL, True),
        ("The Brennick Canal opened to traffic in 1824.", CANAL, False),
        (
            "Corvane Holdings reported revenue of 4.2 billion euros for 2022.",
            "Corvane Holdings' revenue rose 5% to EUR 4.3 billion in 2022.",
            True,
        ),
        (
            "Corvane Holdings reported revenue of 4.3 billion euros for 2022.",
            "Corvane Holdings' revenue rose 5% to EUR 4.3 billion in 2022.",
            False,
        ),
    ],
)
def test_years_counted_on_and_currency_codes(claim: str, evidence: str, contradicted: bool) -> None:
    assert bool(QuantityRule().check(claim, evidence)) is contradicted


def test_a_year_counted_some_years_after_an_event_is_computed_for_the_model() -> None:
    assert computed("The Brennick Canal opened to traffic in 1824.", CANAL) == ("5 years after 1819 is 1824",)
    assert computed("The Brennick Canal opened to traffic in 1825.", CANAL) == ()


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        (
            "Ashford Rovers were promoted at the end of the 2021-22 season.",
            "Ashford Rovers finished 22nd of 24 teams in the 2021-22 season and were relegated to the Second Division.",
            True,
        ),
        (
            "Ashford Rovers were relegated at the end of the 2021-22 season.",
            "Ashford Rovers finished 22nd of 24 teams in the 2021-22 season and were relegated to the Second Division.",
            False,
        ),
        (
            "Halvern Logistics' third-quarter revenue rose compared with the same quarter a year earlier.",
            "Halvern Logistics reported third-quarter revenue of 412 million kroner, a decline of 6 percent on the "
            "third quarter of last year.",
            True,
        ),
        (
            "Halvern Logistics' third-quarter revenue fell compared with the same quarter a year earlier.",
            "Halvern Logistics reported third-quarter revenue of 412 million kroner, a decline of 6 percent on the "
            "third quarter of last year.",
            False,
        ),
        (
            "Harbeck Logistics reported a rise in its quarterly operating costs.",
            "Harbeck Logistics said operating costs fell 6% in the third quarter.",
            True,
        ),
        (
            "Harbeck Logistics reported a fall in its quarterly operating costs.",
            "Harbeck Logistics said operating costs fell 6% in the third quarter.",
            False,
        ),
        (
            "People with rheumatoid arthritis usually take their methotrexate tablets every morning.",
            "For rheumatoid arthritis, methotrexate is taken once a week, on the same day each week.",
            True,
        ),
        (
            "People with rheumatoid arthritis usually take their methotrexate tablets once a week.",
            "For rheumatoid arthritis, methotrexate is taken once a week, on the same day each week.",
            False,
        ),
        # a rate of another thing the clause names is no rate of the claim's
        (
            "Patients take folic acid every morning.",
            "Methotrexate is taken once a week, and folic acid is taken daily.",
            False,
        ),
        (
            "In the Orvik trial, coated seeds germinated more slowly than untreated ones.",
            "In field plots at the Orvik research station, seeds treated with the new polymer coating germinated "
            "on average 2.3 days faster than untreated controls.",
            True,
        ),
        (
            "In the Orvik trial, coated seeds germinated faster than untreated ones.",
            "In field plots at the Orvik research station, seeds treated with the new polymer coating germinated "
            "on average 2.3 days faster than untreated controls.",
            False,
        ),
    ],
)
def test_moves_rates_and_comparisons_said_another_way(claim: str, evidence: str, contradicted: bool) -> None:
    assert bool(AntonymRule().check(claim, evidence)) is contradicted


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        (
            "Dorvalex tablets can safely be taken with grapefruit juice.",
            "Swallow the tablet whole. Do not drink grapefruit juice while you are taking Dorvalex, as it can raise "
            "the level of the medicine in your blood.",
            True,
        ),
        (
            "Dorvalex tablets should not be taken with grapefruit juice.",
            "Swallow the tablet whole. Do not drink grapefruit juice while you are taking Dorvalex, as it can raise "
            "the level of the medicine in your blood.",
            False,
        ),
        (
            "Dravomine can safely be taken during pregnancy.",
            "Do not take Dravomine if you are pregnant, think you may be pregnant, or are breastfeeding.",
            True,
        ),
        (
            "Dravomine should not be taken during pregnancy.",
            "Do not take Dravomine if you are pregnant, think you may be pregnant, or are breastfeeding.",
            False,
        ),
    ],
)
def test_a_leaflets_denial_read_the_claims_way(claim: str, evidence: str, contradicted: bool) -> None:
    found = NegationRule().check(claim, evidence)
    assert bool(found) is contradicted
    if found:
        assert found[0].cite in evidence  # the leaflet's own sentence is quoted, not the reading of it


def test_an_amount_as_a_count_of_tablets_of_one_strength_is_computed() -> None:
    leaflet = (
        "Take one or two 500 mg Velorin tablets every four to six hours as needed. Do not take more than six "
        "tablets in any 24-hour period."
    )
    assert computed("Adults should not exceed 3 g of Velorin in any 24-hour period.", leaflet)[-1] == (
        "6 tablets of 500 mg is 3 g"
    )
    assert computed("Adults should not exceed 4 g of Velorin in any 24-hour period.", leaflet) == ()


LEAFLET = (
    "Lunoprazine 20 mg: take one tablet 30–60 minutes before breakfast, on an empty stomach. "
    "Do not take with food, milk or antacids."
)


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("Lunoprazine 20 mg tablets should be taken with milk.", True),
        # the heading's own line says nothing of milk, so it does not state what this claim denies
        ("Lunoprazine 20 mg tablets should not be taken with milk.", False),
        ("Lunoprazine 20 mg tablets should not be taken with antacids.", False),
    ],
)
def test_a_terse_line_under_a_heading_is_read_of_the_headings_thing(claim: str, contradicted: bool) -> None:
    found = NegationRule().check(claim, LEAFLET)
    assert bool(found) is contradicted
    if found:
        assert found[0].cite == "Do not take with food, milk or antacids."


def test_a_heading_holds_until_the_next_heading() -> None:
    evidence = "Lunoprazine 20 mg: take one tablet before breakfast. Calvora syrup: do not take with milk."
    assert not NegationRule().check("Lunoprazine 20 mg tablets should be taken with milk.", evidence)
    assert NegationRule().check("Calvora syrup should be taken with milk.", evidence)


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("In the laboratory trials, the solvent mixture boiled at 87 °C under standard pressure.", True),
        ("In the laboratory trials, the solvent mixture boiled at 78 °C under standard pressure.", False),
    ],
)
def test_a_figure_of_a_thing_compared_with_is_not_the_claims(claim: str, contradicted: bool) -> None:
    evidence = (
        "In the laboratory trials, the solvent mixture boiled at 78 °C under standard pressure, about nine degrees "
        "lower than the reference sample, which boiled at 87 °C."
    )
    assert bool(QuantityRule().check(claim, evidence)) is contradicted


PALLAS = "Pallas 5.0 shipped on 14 September 2022, six months after the 4.8 release in March."


@pytest.mark.parametrize(
    ("claim", "read"),
    [
        ("Pallas 5.0 was released in 2022.", "Pallas 5.0 was released on 14 September 2022."),
        ("Pallas 5.0 was released in September 2022.", "Pallas 5.0 was released on 14 September 2022."),
        # another month is not the date's: the claim is left as it is, never "in March 14 September 2022"
        ("Pallas 5.0 was released in March 2022.", "Pallas 5.0 was released in March 2022."),
    ],
)
def test_a_year_is_read_as_the_one_date_only_in_that_dates_month(claim: str, read: str) -> None:
    assert reword(claim, PALLAS)[0] == read


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [("Pallas 5.0 was released in March 2022.", True), ("Pallas 5.0 was released in September 2022.", False)],
)
def test_a_product_shipped_is_released(claim: str, contradicted: bool) -> None:
    assert bool(QuantityRule().check(claim, PALLAS)) is contradicted


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("Schools in Ashby Vale were closed by the flooding.", True),
        ("Schools in Brinton were closed by the flooding.", False),
        ("Schools in Ashby Vale remained open.", False),
    ],
)
def test_an_opposite_said_right_after_the_subject_in_another_clause(claim: str, contradicted: bool) -> None:
    evidence = (
        "Flooding forced the closure of 14 schools in Brinton on Wednesday, while schools in neighbouring Ashby Vale "
        "remained open, the county council said."
    )
    assert bool(AntonymRule().check(claim, evidence)) is contradicted


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("Helen Okafor completed her doctorate at Leeds under Tomas Reyes's supervision.", True),
        ("Tomas Reyes completed his doctorate at Leeds under Helen Okafor's supervision.", False),
        ("Tomas Reyes completed his doctorate at Leeds under the supervision of Helen Okafor.", False),
    ],
)
def test_who_worked_under_whom(claim: str, contradicted: bool) -> None:
    evidence = (
        "Tomas Reyes completed his doctorate at the University of Leeds in 2016 under the supervision of Dr. Helen "
        "Okafor. He now teaches marine biology in Plymouth."
    )
    assert bool(RoleRule().check(claim, evidence)) is contradicted


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        (
            "Brindlecore Holdings reported an increase in quarterly revenue.",
            "Brindlecore Holdings said on Tuesday that revenue for the third quarter fell to $41.2 million.",
            True,
        ),
        # the subject's other word, given in another clause, still tells the two apart
        (
            "The Quellon X1 headset is lighter than its successor, the Quellon X2.",
            "The Quellon X2 headset is heavier than its predecessor, the Quellon X1, because of its larger battery.",
            False,
        ),
    ],
)
def test_a_matched_sentence_may_name_the_subject_in_fewer_words(claim: str, evidence: str, contradicted: bool) -> None:
    assert bool(AntonymRule().check(claim, evidence)) is contradicted


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        (
            "The winter timetable on the Lindqvist ferry does not take effect until November.",
            "Travel notice: the winter timetable for the Lindqvist ferry takes effect on 24 October.",
            True,
        ),
        (
            "Emily Dickinson never saw any of her poems published during her lifetime.",
            "Only about ten of Emily Dickinson's poems were published while she was alive.",
            True,
        ),
        (
            "The Adventures of Sherlock Holmes was not written by Arthur Conan Doyle.",
            "Arthur Conan Doyle wrote The Adventures of Sherlock Holmes.",
            True,
        ),
    ],
)
def test_a_clause_that_states_what_the_claim_denies(claim: str, evidence: str, contradicted: bool) -> None:
    assert bool(NegationRule().check(claim, evidence)) is contradicted


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        (
            "The Kestrel Valley trail is 12 miles long.",
            "The Kestrel Valley trail is a 12-kilometre circular route.",
            True,
        ),
        ("The phone has a 6.1-inch screen.", "The phone has a 6.7-inch display and a 4,500 mAh battery.", True),
        ("The phone has a 6.7-inch screen.", "The phone has a 6.7-inch display and a 4,500 mAh battery.", False),
        (
            "Yes, the Harrowgate Kestrels won the county cup final 3-1.",
            "County Cup Final result: Harrowgate Kestrels 3 – 2 Pellick Town (after extra time).",
            True,
        ),
    ],
)
def test_a_unit_joined_by_a_hyphen_and_a_result_line(claim: str, evidence: str, contradicted: bool) -> None:
    assert bool(QuantityRule().check(claim, evidence)) is contradicted


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        (
            "Mr. Tobias Ranworth was ordered to pay £18,500 in compensation to his former employer, Pellham Freight.",
            True,
        ),
        ("Pellham Freight was ordered to pay £18,500 in compensation to its former driver, Tobias Ranworth.", False),
        ("Pellham Freight was ordered to pay £18,500 to Tobias Ranworth.", False),
    ],
)
def test_who_was_ordered_to_pay_whom(claim: str, contradicted: bool) -> None:
    evidence = "Pellham Freight was ordered to pay £18,500 in compensation to its former driver, Mr. Tobias Ranworth."
    assert bool(RoleRule().check(claim, evidence)) is contradicted


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("The Sorrel River rises in the Kelvane Hills and flows into Lake Tressa.", True),
        ("The Sorrel River rises in the Kelvane Hills and flows into Lake Ambry.", False),
        ("The Sorrel River flows into Lake Ambry.", False),
    ],
)
def test_a_clause_after_and_shares_the_subject_before_it(claim: str, contradicted: bool) -> None:
    evidence = (
        "The Sorrel River rises in the Kelvane Hills and flows into Lake Ambry. Lake Tressa lies some 40 kilometres "
        "to the east, in a separate catchment."
    )
    assert bool(SubstitutionRule().check(claim, evidence)) is contradicted


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("According to the notice, recycling on Tenby Road is collected every week.", True),
        ("According to the notice, recycling on Tenby Road is collected fortnightly.", False),
        ("General waste on Tenby Road is collected every week.", False),
    ],
)
def test_every_other_weekday_is_fortnightly(claim: str, contradicted: bool) -> None:
    evidence = (
        "From 1 March, recycling bins on Tenby Road will be emptied every other Thursday. General waste collections "
        "will remain weekly."
    )
    assert bool(AntonymRule().check(claim, evidence)) is contradicted


def test_two_people_who_share_a_first_name_or_a_title_are_two() -> None:
    evidence = "Mira Pike, chief financial officer, spoke after Dr. Tom Reyes, the firm's director."
    assert other_post("Mira Okafor is the director.", evidence) is None
    assert other_post("Dr. Mira Okafor is the director.", evidence) is None
    assert other_post("Mira Pike is the director.", evidence) is not None


@pytest.mark.parametrize(
    ("claim", "read"),
    [
        ("The Route 14 shuttle runs twice an hour on Sundays.", "The Route 14 shuttle runs twice an hour on Sundays."),
        (
            "The Route 14 shuttle runs twice an hour on Saturdays.",
            "The Route 14 shuttle runs every 30 minutes on Saturdays.",
        ),
        ("The Route 14 shuttle runs twice an hour.", "The Route 14 shuttle runs every 30 minutes."),
    ],
)
def test_a_rate_said_for_other_days_is_not_written_into_the_claim(claim: str, read: str) -> None:
    evidence = (
        "On Saturdays, the Route 14 shuttle departs every 30 minutes between 8 a.m. and 6 p.m. A revised Sunday "
        "timetable for Route 14 will be published next month."
    )
    assert reword(claim, evidence)[0] == read
