"""Readings the twentieth and twenty-first probe batches (written blind) exposed, each beside the case a careless
rule would get wrong: a rate or a time said for other days or for another event, a value said of something
else (another amount "of" a thing, a sibling model), a year counted from the sentence before, roles of giving
and of a lawsuit in the passive, a move said in two words ("went up"), an opposite set beside a name by commas,
a rank below the top, a denial in one clause of a claim that breaks where its evidence does, and durations
written as a stopwatch or in words."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grounding.text.quantities import parse_quantities, same_quantity, years_of_sentences
from grounding.verify.arithmetic import computed
from grounding.verify.rules.antonyms import AntonymRule
from grounding.verify.rules.base import CLAUSE_BREAK
from grounding.verify.rules.figures import QuantityRule
from grounding.verify.rules.frames import RoleRule
from grounding.verify.rules.negation import NegationRule, _what_is_reported
from grounding.verify.rules.novelty import novel_mentions
from grounding.verify.rules.order import ComparisonRule
from grounding.verify.wording import reword

BUS = "The No. 42 bus from Aldergate to Pinecroft runs every 15 minutes on weekdays and every 30 minutes on Saturdays."
LIBRARY = "On Saturdays, the library opens one hour later than on weekdays and closes at 1 p.m."
ROUTER = "The Kestrel X2 router ships with 512 MB of RAM and 4 GB of flash storage."
TESSEL = (
    "The Tessel Home 300 mesh router has four gigabit Ethernet ports and supports Wi-Fi 6. "
    "The cheaper Tessel Home 200 has two Ethernet ports and supports Wi-Fi 5."
)
APPOINTED = (
    "Dr. Amara Okonkwo-Reyes joined the Lindqvist Institute in 2004. "
    "Three years later she was appointed director of its genomics division."
)


def _fires(rule: object, claim: str, evidence: str) -> bool:
    return bool(rule.check(claim, evidence))  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("On Saturdays the No. 42 bus runs twice an hour.", False),
        ("On Saturdays the No. 42 bus runs four times an hour.", True),
        ("On weekdays the No. 42 bus runs twice an hour.", True),
        ("On weekdays the No. 42 bus runs four times an hour.", False),
    ],
)
def test_a_rate_is_read_for_the_days_it_is_said_of(claim: str, contradicted: bool) -> None:
    fired = _fires(AntonymRule(), claim, BUS) or _fires(QuantityRule(), claim, BUS)
    assert fired is contradicted


def test_a_time_is_compared_with_the_time_of_the_same_event() -> None:
    assert not QuantityRule().check("The Kelby Public Library opens at 10 a.m. on Saturdays.", LIBRARY)
    assert QuantityRule().check("The Kelby Public Library closes at 2 p.m. on Saturdays.", LIBRARY)
    assert QuantityRule().check("The clinic opens at 9 a.m.", "The clinic opens at 8 a.m. and closes at 6 p.m.")


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("The Kestrel X2 router has 4 GB of RAM.", True),
        ("The Kestrel X2 router has 512 MB of RAM.", False),
        ("The Kestrel X2 router has 4 GB of flash storage.", False),
        ("The Kestrel X2 router has 8 GB of flash storage.", True),
    ],
)
def test_an_amount_of_a_thing_is_compared_with_that_things_amount(claim: str, contradicted: bool) -> None:
    assert _fires(QuantityRule(), claim, ROUTER) is contradicted


def test_a_value_said_of_a_sibling_model_is_not_the_claims() -> None:
    assert QuantityRule().check("The Tessel Home 200 supports Wi-Fi 6.", TESSEL)
    assert not QuantityRule().check("The Tessel Home 200 supports Wi-Fi 5.", TESSEL)
    assert not QuantityRule().check("The Tessel Home 300 supports Wi-Fi 6.", TESSEL)
    assert QuantityRule().check("The Tessel Home 300 supports Wi-Fi 5.", TESSEL)
    assert "Wi-Fi" not in novel_mentions("The Tessel Home 200 supports Wi-Fi 5.", TESSEL)  # a hyphenated name


def test_a_year_counted_from_the_sentence_before() -> None:
    sentences = ["She joined in 2004.", "Three years later she was appointed.", "A year earlier, it had opened."]
    assert years_of_sentences(sentences) == [{2004}, {2007}, {2006}]
    assert years_of_sentences(["Three years later she left."]) == [set()]  # nothing to count from
    assert years_of_sentences(["She joined in 2004 and 2005.", "Two years later she left."])[1] == set()
    wrong = "Amara Okonkwo-Reyes became director of the Lindqvist Institute's genomics division in 2009."
    right = wrong.replace("2009", "2007")
    assert QuantityRule().check(wrong, APPOINTED)
    assert not QuantityRule().check(right, APPOINTED)
    assert "2007" not in novel_mentions(right, APPOINTED)
    assert computed(right, APPOINTED) == ("3 years after 2004 is 2007",)
    ordered = (
        "Marisol Etxeberria joined the Ordain Chamber Orchestra as principal cellist in 2009. "
        "Eight years later she was appointed its music director, a post she still holds."
    )
    assert ComparisonRule().check(
        "Etxeberria was the orchestra's music director before she joined it as principal cellist.", ordered
    )
    assert not ComparisonRule().check(
        "Etxeberria joined the orchestra as principal cellist before she became its music director.", ordered
    )


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        (
            "In 2021, Aalto Yards lent €200 million to Helmstead Bank.",
            "Helmstead Bank lent €200 million to the shipbuilder Aalto Yards in 2021 to fund two new dry docks.",
            True,
        ),
        (
            "In 2021, Helmstead Bank lent €200 million to Aalto Yards.",
            "Helmstead Bank lent €200 million to the shipbuilder Aalto Yards in 2021 to fund two new dry docks.",
            False,
        ),
        (
            "The tribunal ordered Ruth Mercer to pay £48,000 to Talbot Logistics.",
            "The employment tribunal ruled that Talbot Logistics must pay Ruth Mercer £48,000 for unfair dismissal.",
            True,
        ),
        (
            "The tribunal ordered Talbot Logistics to pay £48,000 to Ruth Mercer.",
            "The employment tribunal ruled that Talbot Logistics must pay Ruth Mercer £48,000 for unfair dismissal.",
            False,
        ),
        (  # two parties may each pay the same one: another payer is no contradiction
            "Dana Holt paid £300 to Riverside Council.",
            "Marc Aubert paid £500 to Riverside Council.",
            False,
        ),
        (
            "The lawsuit was brought by Keira Voss against Dunmore Logistics, her former employer.",
            "Dunmore Logistics has filed a lawsuit against its former operations manager, Keira Voss.",
            True,
        ),
        (
            "The lawsuit was brought by Dunmore Logistics against Keira Voss.",
            "Dunmore Logistics has filed a lawsuit against its former operations manager, Keira Voss.",
            False,
        ),
    ],
)
def test_who_gives_to_whom_and_who_sues_whom(claim: str, evidence: str, contradicted: bool) -> None:
    assert _fires(RoleRule(), claim, evidence) is contradicted


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        (
            "Brennock Foods said its operating costs went up in the third quarter.",
            "Brennock Foods reported that third-quarter operating costs decreased by 6%.",
            True,
        ),
        (
            "Brennock Foods said its operating costs went down in the third quarter.",
            "Brennock Foods reported that third-quarter operating costs decreased by 6%.",
            False,
        ),
        (
            "Oskeby is located on the south bank of the Tarn River.",
            "The village of Oskeby lies on the north bank of the Tarn River, opposite Wendhall on the south bank.",
            True,
        ),
        (
            "Wendhall is located on the south bank of the Tarn River.",
            "The village of Oskeby lies on the north bank of the Tarn River, opposite Wendhall on the south bank.",
            False,
        ),
        (
            "Mira Halvorsen was the defendant in Halvorsen v. Tritec Systems.",
            "In Halvorsen v. Tritec Systems, the plaintiff, former engineer Mira Halvorsen, alleged that Tritec had "
            "misappropriated her designs.",
            True,
        ),
        (  # "plaintiff" is not set beside her by commas: she is whom the plaintiff sued
            "Mira Halvorsen was the defendant.",
            "The plaintiff sued Mira Halvorsen for breach of contract.",
            False,
        ),
        (
            "Orlis Airport was Velmark's busiest airport in 2023.",
            "Brantholm was the busiest airport in Velmark. Orlis Airport was the second-busiest, with 6.1 million.",
            True,
        ),
        (
            "Brantholm Airport was Velmark's busiest airport in 2023.",
            "Brantholm Airport was the busiest airport in Velmark. Orlis Airport was the second-busiest.",
            False,
        ),
    ],
)
def test_opposites_said_in_two_words_beside_a_name_or_as_a_rank(claim: str, evidence: str, contradicted: bool) -> None:
    assert _fires(AntonymRule(), claim, evidence) is contradicted


LEAFLET = "Do not drink alcohol while you are taking Veltrazine, as it can make you very drowsy."


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("You can drink alcohol while taking Veltrazine.", True),
        ("It is safe to drink alcohol while taking Veltrazine.", True),
        ("The Veltrazine leaflet says it's safe to drink alcohol while taking the medicine.", True),
        ("You should not drink alcohol while taking Veltrazine.", False),
        ("The leaflet never says it's safe to drink alcohol while taking Veltrazine.", False),
        ("Veltrazine can make you drowsy.", False),
    ],
)
def test_a_denial_in_the_clause_where_the_claim_breaks_too(claim: str, contradicted: bool) -> None:
    assert _fires(NegationRule(), claim, LEAFLET) is contradicted


def test_safe_for_someone_is_not_read_as_permission() -> None:
    assert not NegationRule().check("Aspirin is safe for children.", "Aspirin is not effective for children.")


def test_a_group_a_leaflet_speaks_to_is_its_reader() -> None:
    assert "Patients" not in novel_mentions("Patients taking Veltrazine are told to avoid alcohol.", LEAFLET)
    assert "Residents" in novel_mentions("Residents were urged to stay indoors.", "Stay indoors, the mayor said.")


def test_durations_as_a_stopwatch_and_in_words_compare() -> None:
    (watch,) = parse_quantities("She finished in 2:29:12.")
    (words,) = parse_quantities("She finished in two hours, twenty-nine minutes and twelve seconds.")
    assert watch.value == words.value == 2 * 3600 + 29 * 60 + 12
    assert same_quantity(watch, words)
    assert not parse_quantities("She won a second time.")  # "a second" is an ordinal
    assert parse_quantities("It leaves at 10:30.")[0].dimension == "time of day"


@settings(max_examples=60, derandomize=True)
@given(st.integers(min_value=0, max_value=23), st.integers(min_value=0, max_value=59), st.integers(0, 59))
def test_a_stopwatch_reads_as_its_seconds(hours: int, minutes: int, seconds: int) -> None:
    (quantity,) = parse_quantities(f"The record is {hours}:{minutes:02d}:{seconds:02d}.")
    assert quantity.value == hours * 3600 + minutes * 60 + seconds
    assert quantity.dimension == "time"


@settings(max_examples=40, derandomize=True)
@given(st.integers(min_value=21, max_value=59).filter(lambda n: n % 10))
def test_counts_in_words_up_to_fifty_nine(n: int) -> None:
    tens = ["twenty", "thirty", "forty", "fifty"][n // 10 - 2]
    units = "one two three four five six seven eight nine".split()[n % 10 - 1]
    for spelled in (f"{tens}-{units}", f"{tens} {units}"):
        (quantity,) = parse_quantities(f"It took {spelled} minutes.")
        assert quantity.value == n * 60


def test_every_half_hour_reads_as_every_thirty_minutes() -> None:
    premise = "The number 14 bus runs every 20 minutes on weekdays and every 30 minutes on Saturdays and Sundays."
    assert reword("At weekends, the number 14 bus comes every half hour.", premise)[1] == (
        ("every half hour", "every 30 minutes"),
    )
    assert reword("The number 14 bus comes every 20 minutes.", premise)[1] == ()


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        (
            "You've got until 14 May 2025 to apply to the Corlen Arts Fund.",
            "Applications for the Corlen Arts Fund close at 5pm on Friday 14 March 2025.",
            True,
        ),
        (
            "You've got until 14 March 2025 to apply to the Corlen Arts Fund.",
            "Applications for the Corlen Arts Fund close at 5pm on Friday 14 March 2025.",
            False,
        ),
        ("The router supports Wi-Fi 6.", "The router supports Wi-Fi 5 only.", True),
        ("The router supports Wi-Fi 5.", "The router supports Wi-Fi 5 only.", False),
    ],
)
def test_a_day_is_a_day_and_only_counts_nothing(claim: str, evidence: str, contradicted: bool) -> None:
    assert _fires(QuantityRule(), claim, evidence) is contradicted


def test_a_move_in_two_words_is_quoted_as_the_claim_says_it() -> None:
    (finding,) = AntonymRule().check(
        "Brennock Foods said its operating costs went up in the third quarter.",
        "Brennock Foods reported that third-quarter operating costs decreased by 6%.",
    )
    assert "'decreased' where the claim says 'went up'" in finding.detail


def test_a_clause_of_the_claim_is_read_with_its_own_denials() -> None:
    evidence = "Paige vanished in 2008 and, despite appeals from police and a £12,000 reward, she has never been found."
    assert not NegationRule().check("Despite police appeals and a £12,000 reward, she has never been found.", evidence)


def test_a_year_counted_at_the_end_of_a_sentence() -> None:
    final = (
        "In the 2014 final, Ferenc Tolnai beat Simon Achterberg to win the Marden Open. "
        "Achterberg had won the event a year earlier."
    )
    assert QuantityRule().check("Simon Achterberg won the 2014 Marden Open.", final)
    assert not QuantityRule().check("Simon Achterberg won the 2013 Marden Open.", final)
    twice = "Lena Marsh won the Ostend Open in 2014. She had won the Ostend Open a year earlier too."
    assert not QuantityRule().check("Lena Marsh won the Ostend Open in 2014.", twice)


def test_a_year_against_a_day_of_another_year() -> None:
    born = "Born on 14 March 1931 in the mining town of Karvel, Henrik Solberg trained as an engineer."
    assert QuantityRule().check("Henrik Solberg was born in 1913.", born)
    assert not QuantityRule().check("Henrik Solberg was born in 1931.", born)


def test_a_denial_by_do_support_meets_the_claims_past_tense() -> None:
    match = "Despite late pressure, Rovell Athletic did not concede a goal against Brackley Town."
    assert NegationRule().check("Rovell Athletic conceded a late goal against Brackley Town.", match)
    assert not NegationRule().check("Rovell Athletic did not concede a goal against Brackley Town.", match)


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("Tarnholm is located downstream of Delby on the Esk River.", True),
        ("Tarnholm is located upstream of Delby on the Esk River.", False),
        ("Delby is located downstream of Tarnholm on the Esk River.", False),
    ],
)
def test_a_place_read_from_a_clause_that_opens_on_it(claim: str, contradicted: bool) -> None:
    evidence = "The village of Tarnholm lies on the Esk River about twelve kilometres upstream of the town of Delby."
    assert _fires(AntonymRule(), claim, evidence) is contradicted


def test_which_came_first_by_the_words_of_each_side() -> None:
    evidence = "The railway reached Penhallow in 1868, three years after the town's first bank opened its doors."
    assert ComparisonRule().check("Penhallow's first bank opened after the railway had reached the town.", evidence)
    assert not ComparisonRule().check("Penhallow's first bank opened before the railway reached the town.", evidence)


def test_numbers_with_a_hyphen_in_words() -> None:
    assert [q.value for q in parse_quantities("a record of thirty-one league goals")] == [31.0]
    assert reword("He scored 31 league goals.", "He set a record of thirty-one league goals.")[1] == (
        ("31", "thirty-one"),
    )


def test_quarters_of_a_year() -> None:
    results = "Norvane Systems Q2 2024 results: revenue €412m, a quarterly record."
    assert QuantityRule().check("Norvane Systems posted record quarterly revenue of €412m in Q3 2024.", results)
    assert not QuantityRule().check("Norvane Systems posted record quarterly revenue of €412m in Q2 2024.", results)
    assert QuantityRule().check(
        "Norvane posted record revenue in the third quarter of 2024.",
        "Norvane posted record revenue in the second quarter of 2024.",
    )


def test_a_duration_between_two_times_of_the_evidence() -> None:
    outage = "Between 14:05 and 15:20 UTC on 11 June, customers in the EU-West region were unable to log in."
    assert computed("For 75 minutes on 11 June, EU-West users could not log in.", outage) == (
        "from 14:05 to 15:20 is 75 minutes",
    )
    assert computed("For 90 minutes on 11 June, EU-West users could not log in.", outage) == ()
    flight = "Flight SK 482 departs Vennholm 06:50 and arrives in Marsby at 08:05."
    assert computed("The flight takes 1 hour 15 minutes.", flight) == ("from 06:50 to 08:05 is 1 hour 15 minutes",)


def test_a_bound_is_not_reworded_as_the_value_it_bounds() -> None:
    assert reword("Adults must not take more than 4,000 mg a day.", "8 tablets (4 g) in any 24 hours.")[1] == ()
    assert reword("Adults take 4,000 mg a day.", "8 tablets (4 g) in any 24 hours.")[1] == (("4,000 mg", "4 g"),)


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        (
            "In Kestrel Gateway 3.1, TLS 1.0 is enabled by default.",
            "In Kestrel Gateway 3.1, TLS 1.0 is disabled by default.",
        ),
        ("The Route 9 bus runs inbound on Sundays.", "The Route 9 bus runs outbound on Sundays."),
    ],
)
def test_more_opposites(claim: str, evidence: str) -> None:
    assert AntonymRule().check(claim, evidence)
    assert not AntonymRule().check(claim, claim)


def test_a_list_at_the_end_of_a_clause_stays_in_it() -> None:
    assert CLAUSE_BREAK.split("The capsules must not be crushed, chewed or opened.") == [
        "The capsules must not be crushed, chewed or opened."
    ]
    assert CLAUSE_BREAK.split("In 2019, Smith won the cup.") == ["In 2019", "Smith won the cup."]
    assert NegationRule().check(
        "The capsules can be chewed.", "Swallow them whole; the capsules must not be crushed, chewed or opened."
    )


def test_the_first_to_do_a_thing_and_a_described_agent() -> None:
    evidence = "The comet was first observed by the astronomer Ruth Kellaway in 1887. Thomas Yeld calculated its orbit."
    (finding,) = RoleRule().check("Thomas Yeld was the first to observe the comet, in 1887.", evidence)
    assert finding.correction is not None and finding.correction.right == "Ruth Kellaway"
    assert not RoleRule().check("Ruth Kellaway was the first to observe the comet.", evidence)


def test_a_decade_and_a_span_of_days_are_no_other_year() -> None:
    elvis = "elvis aaron presley (january 8, 1935 – august 16, 1977) was an american singer, musician, and actor."
    assert not QuantityRule().check("Elvis presley was an american singer in the early 1970's.", elvis)
    assert not QuantityRule().check("Elvis presley was an american singer in 1970.", elvis)


def test_what_a_document_says_is_its_content_and_a_person_is_reported() -> None:
    assert _what_is_reported("The Veltrazine leaflet says it's safe to drink alcohol.") == "it's safe to drink alcohol."
    assert _what_is_reported("Lawyer says it looks like his client's handwriting.").startswith("Lawyer says")
    assert _what_is_reported("The leaflet never says it's safe.").startswith("The leaflet")


def test_a_capitalised_common_noun_is_no_other_agent() -> None:
    evidence = "Victoria Police said: 'Detectives have released an image of a man that may be able to assist.'"
    assert not RoleRule().check("Police have released an image of a man.", evidence)


def test_a_name_in_a_list_after_such_as_is_one_of_the_agents() -> None:
    evidence = "Celebrities such as Judi Dench, Stephen Fry and Ricky Gervais have signed a petition to end it."
    assert not RoleRule().check("Dame Judi Dench signed a petition to end it.", evidence)
