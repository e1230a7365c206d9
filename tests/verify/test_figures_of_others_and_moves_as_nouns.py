"""Readings the twenty-fourth to twenty-seventh probe batches (written blind) exposed, each beside the case a
careless rule would get wrong: a figure another named doer reached in the same sentence, a terse line under a
heading, a figure past an aside, a bound or an age; a move said as a noun ("a 12% fall in profit", "a 12% rise in
revenue") or as "down 8% from"; a clause picked by what the claim opens on, a span of months or a heading before
the subject, a reason the claim adds; a count of years on the side of the event it dates; a score far from its
verb; opening hours on a day said to be closed; "can be safely taken", drinking a thing while taking a medicine,
a court's finding; who won, was awarded, led, designed or chairs a thing (a verb of three letters, a title both
names share, a patient described after its noun, a subject before an aside, an owner named elsewhere); an
amount a day against a dose every few hours."""

from __future__ import annotations

import pytest

from grounding.verify.arithmetic import computed
from grounding.verify.rules.antonyms import AntonymRule
from grounding.verify.rules.figures import QuantityRule, _of_a_sibling
from grounding.verify.rules.frames import RoleRule
from grounding.verify.rules.negation import NegationRule
from grounding.verify.rules.reading import _heading
from grounding.verify.wording import reword

JOBS = (
    "Orlan Technologies said on Wednesday it would cut 120 jobs at its Dunmore plant, a month after rival Pexa "
    "Systems announced 450 job losses."
)
COMPOUNDS = (
    "After 48 hours of exposure, compound KX-7 reduced bacterial counts by 42%, while compound KX-9 reduced them "
    "by 67%. Neither compound showed toxicity to the host cells."
)
CANAL = (
    "Construction of the Brennick Canal began in 1844. "
    "The canal opened to traffic in 1847, three years after work started."
)
MARATHON = (
    "The 2022 Grenmoor Marathon was won by Kofi Adjei in 2:09:41. The course record, set by Samuel Brik in 2018, "
    "still stands."
)
PRIZE = (
    "The 2021 Orwin Prize for Poetry was awarded to Teodor Halvik for his collection 'Salt Hours'; Nadia Presk was "
    "named runner-up."
)
STUDY = (
    "The study, led by Dr Samuel Pike of Hollins University, found that a 20-minute afternoon nap improved word "
    "recall in adults over 60. Dr Mira Okafor, a sleep researcher who was not involved in the work, called the "
    "findings promising."
)


def _fires(rule: object, claim: str, evidence: str) -> bool:
    return bool(rule.check(claim, evidence))  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        ("Orlan Technologies announced 450 job cuts.", JOBS, True),
        ("Pexa Systems announced 450 job cuts.", JOBS, False),
        ("Orlan Technologies will cut 120 jobs.", JOBS, False),
        ("In the trial, compound KX-7 reduced bacterial counts by 67%.", COMPOUNDS, True),
        ("In the trial, compound KX-7 reduced bacterial counts by 42%.", COMPOUNDS, False),
        ("In the trial, compound KX-9 reduced bacterial counts by 67%.", COMPOUNDS, False),
        # a name before the figure that did nothing to it is no other doer
        ("The Kestrel X2 router has 4 GB of flash storage.", "It ships with 512 MB of RAM and 4 GB of flash.", False),
    ],
)
def test_a_figure_another_named_doer_reached_is_not_the_claims(claim: str, evidence: str, contradicted: bool) -> None:
    assert _fires(QuantityRule(), claim, evidence) is contradicted


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        ("The Brennick Canal opened to traffic in 1844.", CANAL, True),
        ("The Brennick Canal opened to traffic in 1847.", CANAL, False),
        ("Work on the Brennick Canal started in 1844.", CANAL, False),
        (
            "Chernova beat Ennis-Hill in South Korea in 2009.",
            "Chernova failed a drugs test two years before beating Ennis-Hill in South Korea in 2011.",
            True,
        ),
        (
            "Chernova failed a drugs test in 2009.",
            "Chernova failed a drugs test two years before beating Ennis-Hill in South Korea in 2011.",
            False,
        ),
    ],
)
def test_a_counted_year_dates_the_event_on_its_own_side(claim: str, evidence: str, contradicted: bool) -> None:
    assert _fires(QuantityRule(), claim, evidence) is contradicted


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [("Rovana FC beat Delby Athletic 2–1 in the cup final.", True), ("Rovana FC beat Delby Athletic 3–1.", False)],
)
def test_a_score_some_words_after_its_verb_is_a_score(claim: str, contradicted: bool) -> None:
    evidence = (
        "Rovana FC won the county cup final 3–1 against Delby Athletic on Sunday, with two goals from Emil Sarkis."
    )
    assert _fires(QuantityRule(), claim, evidence) is contradicted


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        (
            "Net income rose in the third quarter.",
            "Revenue grew 5% in the third quarter, while net income fell 3%.",
            True,
        ),
        (
            "Revenue rose in the third quarter.",
            "Revenue grew 5% in the third quarter, while net income fell 3%.",
            False,
        ),
        (
            "Harlow Freight's quarterly revenue rose 8% year on year.",
            "Harlow Freight reported third-quarter revenue of $412 million, down 8% from the same quarter last year.",
            True,
        ),
        (
            "Harlow Freight's quarterly revenue fell 8% year on year.",
            "Harlow Freight reported third-quarter revenue of $412 million, down 8% from the same quarter last year.",
            False,
        ),
        (
            "Halvorsen Foods' third-quarter profit rose compared with a year earlier.",
            "Halvorsen Foods reported a 12% fall in third-quarter profit from a year earlier.",
            True,
        ),
        (
            "Halvorsen Foods' third-quarter profit fell compared with a year earlier.",
            "Halvorsen Foods reported a 12% fall in third-quarter profit from a year earlier.",
            False,
        ),
        (
            "The Harrowgate ferry will run twice a day during the winter.",
            "From November until March, the Harrowgate ferry will operate once daily, departing at 9 a.m.",
            True,
        ),
        (
            "The Harrowgate ferry will run once a day during the winter.",
            "From November until March, the Harrowgate ferry will operate once daily, departing at 9 a.m.",
            False,
        ),
    ],
)
def test_a_move_said_as_a_noun_in_another_clause_or_after_a_span_of_months(
    claim: str, evidence: str, contradicted: bool
) -> None:
    assert _fires(AntonymRule(), claim, evidence) is contradicted


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("Veltrazine can be safely taken with grapefruit juice.", True),
        ("You can safely take Veltrazine with grapefruit juice.", True),
        ("Veltrazine should not be taken with grapefruit juice.", False),
    ],
)
def test_safely_after_a_modal_is_permission(claim: str, contradicted: bool) -> None:
    evidence = "Do not take Veltrazine with grapefruit juice, as it can raise the level of the medicine in your blood."
    assert _fires(NegationRule(), claim, evidence) is contradicted


@pytest.mark.parametrize(
    ("claim", "evidence", "right"),
    [
        ("Samuel Brik won the 2022 Grenmoor Marathon.", MARATHON, "Kofi Adjei"),
        ("Kofi Adjei won the 2022 Grenmoor Marathon.", MARATHON, None),
        ("Nadia Presk won the 2021 Orwin Prize for Poetry.", PRIZE, "Teodor Halvik"),
        ("Teodor Halvik won the 2021 Orwin Prize for Poetry.", PRIZE, None),
        ("Dr Mira Okafor led the study linking afternoon naps to better memory.", STUDY, "Dr Samuel Pike"),
        ("Dr Samuel Pike led the study linking afternoon naps to better memory.", STUDY, None),
    ],
)
def test_who_won_was_awarded_or_led_a_thing(claim: str, evidence: str, right: str | None) -> None:
    findings = RoleRule().check(claim, evidence)
    if right is None:
        assert not findings
    else:
        (finding,) = findings
        assert finding.correction is not None and finding.correction.right.startswith(right)


LAKES = (
    "Lake Orvanne covers 46 square kilometres and reaches a maximum depth of 112 metres, while the neighbouring "
    "Lake Sessil covers 31 square kilometres. Both lakes drain into the Tarn River."
)
DOSE = "Dorvexa tablets, dosage for adults: take 10 mg up to four times a day. Do not exceed 40 mg in 24 hours."
KURTI = "CCTV footage shows the moment Petri Kurti murdered 47-year-old Glynis Bensley before he fled to a park."


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        ("Lake Orvanne, which drains into the Tarn River, covers 31 square kilometres.", LAKES, True),
        ("Lake Orvanne, which drains into the Tarn River, covers 46 square kilometres.", LAKES, False),
        ("Lake Sessil covers 31 square kilometres.", LAKES, False),
        # a bound is no amount: 10 mg is below "up to 40 g", and 40 g is still the slip of 40 mg
        ("Adults can take up to 40 g of Dorvexa in a day.", DOSE, True),
        ("Adults can take up to 40 mg of Dorvexa in a day.", DOSE, False),
        # an age is no span of years
        ("Petri Kurti has been jailed for 12 years for the murder of Glynis Bensley.", KURTI, False),
        ("Petri Kurti murdered 46-year-old Glynis Bensley.", KURTI, True),
    ],
)
def test_a_figure_read_past_an_aside_a_bound_or_an_age(claim: str, evidence: str, contradicted: bool) -> None:
    assert _fires(QuantityRule(), claim, evidence) is contradicted


def test_a_model_code_of_letters_and_digits_names_a_sibling() -> None:
    claim = "The Corvane Z8 comes with 32 GB of RAM."
    assert _of_a_sibling(claim, "The Corvane Z10 laptop ships with 32 GB of RAM and a 2 TB SSD.")
    assert not _of_a_sibling(claim, "The cheaper Corvane Z8 has 16 GB of RAM and a 1 TB SSD.")


def test_a_move_the_claim_says_as_a_noun_is_quoted_as_the_claim_says_it() -> None:
    evidence = "Quarterly revenue at Dunmore Textiles fell 12% to £48 million, the company said on Thursday."
    (finding,) = AntonymRule().check(
        "Dunmore Textiles reported a 12% rise in quarterly revenue to £48 million.", evidence
    )
    assert "'fell' where the claim says 'rise'" in finding.detail
    assert not AntonymRule().check("Dunmore Textiles reported a 12% fall in quarterly revenue.", evidence)


@pytest.mark.parametrize(
    ("claim", "evidence", "right"),
    [
        (
            "The Halvard Bridge was designed by Marta Lindqvist.",
            "The Halvard Bridge, completed in 1912, was designed by the engineer Oskar Brandt. His colleague Marta "
            "Lindqvist designed the nearby Solvik Viaduct two years later.",
            "Oskar Brandt",
        ),
        (
            "The Halvard Bridge was designed by Oskar Brandt.",
            "The Halvard Bridge, completed in 1912, was designed by the engineer Oskar Brandt.",
            None,
        ),
        (
            "Dr. Helena Marsh chairs the Ashgrove Trust's board.",
            "Ashgrove Trust – Our board: Tomas Reyes has chaired the board since 2019. Dr. Helena Marsh serves as "
            "treasurer.",
            "Tomas Reyes",
        ),
        (
            "Tomas Reyes chairs the Ashgrove Trust's board.",
            "Ashgrove Trust – Our board: Tomas Reyes has chaired the board since 2019.",
            None,
        ),
    ],
)
def test_a_subject_before_an_aside_and_an_owner_named_elsewhere(claim: str, evidence: str, right: str | None) -> None:
    findings = RoleRule().check(claim, evidence)
    if right is None:
        assert not findings
    else:
        (finding,) = findings
        assert finding.correction is not None and finding.correction.right == right


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("The Linwood Community Library is closed on Mondays.", True),
        ("The Linwood Community Library is closed on Saturdays.", True),
        ("The Linwood Community Library is closed on Sundays.", False),
        ("The Harbour Café is closed on Mondays.", False),  # the hours of another place
    ],
)
def test_opening_hours_on_a_day_say_it_is_not_closed(claim: str, contradicted: bool) -> None:
    evidence = (
        "Linwood Community Library opening hours: Monday to Friday 9:00–18:00; Saturday 10:00–14:00; "
        "closed on Sundays and public holidays."
    )
    assert _fires(AntonymRule(), claim, evidence) is contradicted


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("Yes, you can drink grapefruit juice while you're taking Velorin.", True),
        ("You should not drink grapefruit juice while taking Velorin.", False),
        ("You can eat toast while taking Velorin.", False),
    ],
)
def test_drinking_a_thing_while_taking_a_medicine_is_taking_it_with_that_thing(claim: str, contradicted: bool) -> None:
    evidence = (
        "Velorin patient leaflet: Do not take Velorin with grapefruit or grapefruit juice. It may be taken with food."
    )
    assert _fires(NegationRule(), claim, evidence) is contradicted


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("The Harwick District Court ruled that Pellmont had breached its maintenance contract.", True),
        ("The court found that Pellmont had not breached its maintenance contract.", False),
    ],
)
def test_a_courts_finding_is_read_as_what_it_found(claim: str, contradicted: bool) -> None:
    evidence = (
        "The Harwick District Court has dismissed the negligence claim brought by Ortega Farms against Pellmont "
        "Irrigation. Judge Miriam Sale found that Pellmont had not breached its maintenance contract."
    )
    assert _fires(NegationRule(), claim, evidence) is contradicted


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("Kestrel Bay FC won the regional cup final against Armitage Rovers thanks to a late goal.", True),
        ("Armitage Rovers won the regional cup final against Kestrel Bay FC thanks to a late goal.", False),
    ],
)
def test_a_reason_the_claim_adds_does_not_hide_what_it_turns_round(claim: str, contradicted: bool) -> None:
    evidence = "Kestrel Bay FC lost 2-1 to Armitage Rovers in the regional cup final on Saturday."
    assert _fires(AntonymRule(), claim, evidence) is contradicted


def test_a_bound_a_day_is_not_reworded_as_an_amount_every_six_hours() -> None:
    premise = (
        "Tussiva syrup dosage – children aged 6 to 11 years: 5 ml every 6 hours as needed. "
        "Do not give more than 4 doses in any 24-hour period."
    )
    claim = "A 9-year-old can have up to 20 ml of Tussiva syrup in a day."
    assert reword(claim, premise) == (claim, ())
    assert reword("The fee is more than $5,000.", "The fee is $5,800.")[0] == "The fee is $5,800."
    assert reword("Take up to 40 mg a day.", "Take 30 mg daily.")[0] == "Take 30 mg a day."


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("On the CloudNest Plus plan you get 200 GB of storage.", True),
        ("On the CloudNest Plus plan you get 100 GB of storage.", False),
        ("On the CloudNest Pro plan you get 200 GB of storage.", False),
        ("The CloudNest Free plan includes 5 GB of storage.", False),
    ],
)
def test_a_terse_line_under_a_heading_gives_the_value_of_what_it_names(claim: str, contradicted: bool) -> None:
    evidence = (
        "CloudNest plans: Free includes 5 GB of storage. Plus includes 100 GB of storage and 30 days of version "
        "history. Pro includes 200 GB of storage and 180 days of version history."
    )
    assert _fires(QuantityRule(), claim, evidence) is contradicted


def test_a_dose_every_few_hours_is_computed_as_the_amount_a_day() -> None:
    premise = "Tussiva syrup dosage: 5 ml every 6 hours as needed. Do not give more than 4 doses in any 24-hour period."
    assert computed("A child can have up to 20 ml of Tussiva syrup in a day.", premise)[-1] == (
        "5 ml every 6 hours is 20 ml in 24 hours"
    )
    assert computed("A child can have up to 30 ml of Tussiva syrup in a day.", premise) == ()
    assert computed("A child can have 20 ml of Tussiva syrup per dose.", premise) == ()


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [("Apply Clarimel cream once a week.", True), ("Apply Clarimel cream once a day.", False)],
)
def test_a_heading_before_a_colon_is_what_its_line_is_about(claim: str, contradicted: bool) -> None:
    evidence = "Clarimel 1% cream: Apply a thin layer to the affected skin once daily for up to 14 days."
    assert _fires(AntonymRule(), claim, evidence) is contradicted


def test_minute_intervals_are_a_rate() -> None:
    premise = "Route 14 operates at 20-minute intervals Monday to Friday, and every 40 minutes at weekends."
    assert reword("On weekdays the number 14 bus comes every 20 minutes.", premise)[1] == (
        ("every 20 minutes", "at 20-minute intervals"),
    )


def test_a_colon_in_running_text_is_no_heading() -> None:
    evidence = "racial slur : this racial slur was allegedly printed by premiere photos on the photographs ."
    assert _heading("Clarimel 1% cream", "Clarimel 1% cream: Apply a thin layer once daily.")
    assert not _heading("racial slur ", evidence)


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("The Corvane Z8 comes with 32 GB of RAM and a 14-inch display.", True),
        ("The Corvane Z8 comes with 16 GB of RAM and a 14-inch display.", False),
        ("The Corvane Z10 comes with 32 GB of RAM and a 14-inch display.", False),
    ],
)
def test_a_figure_is_read_in_its_own_part_of_a_claim_that_joins_two_things(claim: str, contradicted: bool) -> None:
    evidence = (
        "The Corvane Z10 laptop ships with 32 GB of RAM and a 2 TB SSD. The cheaper Corvane Z8 has 16 GB of RAM and "
        "a 1 TB SSD. Both models use the same 14-inch display."
    )
    assert _fires(QuantityRule(), claim, evidence) is contradicted
